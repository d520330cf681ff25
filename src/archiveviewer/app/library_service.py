"""Saved searches, related documents and annotations: the small use cases around reading."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from archiveviewer.app.archive import Archive
from archiveviewer.app.edit_service import live
from archiveviewer.app.queries import NotFound
from archiveviewer.app.search_items import related_item
from archiveviewer.ingest.decoding import MAX_BYTES, decode_bytes
from archiveviewer.ingest.errors import IngestError
from archiveviewer.storage.models import (
    Document,
    RelatedDocument,
    RelatedLink,
    SavedSearch,
    TimelineEntry,
)

TARGETS = {"document": Document, "entry": TimelineEntry}


@dataclass(frozen=True)
class RelatedInfo:
    id: int
    name: str
    media_type: str
    size: int
    added_at: str


class LibraryService:
    def __init__(self, archive: Archive):
        self.archive = archive

    # -- saved searches (stored in the archive, so a team shares them)

    def saved_searches(self) -> list[tuple[str, str]]:
        with self.archive.Session() as s:
            return [
                (n, q) for n, q in s.execute(select(SavedSearch.name, SavedSearch.query).order_by(SavedSearch.name))
            ]

    def save_search(self, name: str, query: str) -> None:
        name, query = name.strip(), query.strip()
        if not name or not query:
            raise ValueError("a saved search needs a name and a query")
        with self.archive.Session.begin() as s:
            existing = s.scalar(select(SavedSearch).where(SavedSearch.name == name))
            if existing:
                existing.query = query
            else:
                s.add(SavedSearch(name=name, query=query))

    def delete_saved_search(self, name: str) -> None:
        with self.archive.Session.begin() as s:
            s.execute(delete(SavedSearch).where(SavedSearch.name == name))

    # -- related documents

    def related_for(self, target_type: str, target_id: int) -> list[RelatedInfo]:
        with self.archive.Session() as s:
            rows = s.execute(
                select(
                    RelatedDocument.id,
                    RelatedDocument.name,
                    RelatedDocument.media_type,
                    RelatedDocument.size,
                    RelatedDocument.added_at,
                )
                .join(RelatedLink, RelatedLink.related_id == RelatedDocument.id)
                .where(RelatedLink.target_type == target_type, RelatedLink.target_id == target_id)
                .order_by(RelatedDocument.name)
            )
            return [RelatedInfo(i, n, m, size, at.isoformat(timespec="seconds")) for i, n, m, size, at in rows]

    def attach(self, target_type: str, target_id: int, path: Path) -> RelatedInfo:
        """Copy a file into the archive and link it; text files become searchable."""
        if target_type not in TARGETS:
            raise ValueError(f"cannot attach to {target_type}")
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise IngestError(f"{path.name}: file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"{path.name}: cannot read ({exc.strerror})") from None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        text = None
        if media_type.startswith("text/") or path.suffix.lower() in {".txt", ""}:
            text = decode_bytes(data, path.name).text
        with self.archive.unit_of_work() as (s, writer):
            live(s, target_type, target_id)  # NotFound when missing or deleted
            rel = RelatedDocument(
                name=path.name,
                media_type=media_type,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                content=data,
                text=text,
                added_by=self.archive.user,
            )
            s.add(rel)
            s.flush()
            s.add(RelatedLink(related_id=rel.id, target_type=target_type, target_id=target_id))
            writer.upsert([related_item(rel)])
            info = RelatedInfo(rel.id, rel.name, rel.media_type, rel.size, rel.added_at.isoformat(timespec="seconds"))
        return info

    def detach(self, related_id: int, target_type: str, target_id: int) -> None:
        """Unlink; a related document linked nowhere else is removed from the archive."""
        with self.archive.unit_of_work() as (s, writer):
            s.execute(
                delete(RelatedLink).where(
                    RelatedLink.related_id == related_id,
                    RelatedLink.target_type == target_type,
                    RelatedLink.target_id == target_id,
                )
            )
            if s.scalar(select(RelatedLink.id).where(RelatedLink.related_id == related_id)) is None:
                s.execute(delete(RelatedDocument).where(RelatedDocument.id == related_id))
                writer.delete([f"related:{related_id}"])

    def related_content(self, related_id: int) -> tuple[str, bytes]:
        with self.archive.Session() as s:
            rel = s.get(RelatedDocument, related_id)
            if rel is None:
                raise NotFound(f"no related document with id {related_id}")
            return rel.name, rel.content

    # -- notes: kept here for existing callers; AnnotationService is where notes and tags live

    def annotations_for(self, target_type: str, target_id: int) -> list[dict]:
        """The live notes on an item (see AnnotationService.notes_for)."""
        from archiveviewer.app.annotation_service import AnnotationService

        return AnnotationService(self.archive).notes_for(target_type, target_id)

    def add_annotation(self, target_type: str, target_id: int, text: str) -> dict:
        """Attach a note to an item; it is searchable at once (see AnnotationService.add_note)."""
        from archiveviewer.app.annotation_service import AnnotationService

        return AnnotationService(self.archive).add_note(target_type, target_id, text)
