"""Saved searches, related documents and annotations: the small use cases around reading."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from archiveviewer.app.archive import Archive
from archiveviewer.app.edit_service import live, reindex_keys
from archiveviewer.app.import_service import store_original
from archiveviewer.app.queries import NotFound
from archiveviewer.app.search_items import item_key
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.files import display_name, read_file
from archiveviewer.ingest.loaders import kind_of, load_steps, media_type_of
from archiveviewer.ingest.loaders.ocr_engine import NO_OCR_HINT
from archiveviewer.storage.models import (
    Document,
    OriginalFile,
    RelatedDocument,
    RelatedLink,
    SavedSearch,
    Source,
    TimelineEntry,
)

TARGETS = {"document": Document, "entry": TimelineEntry}
__all__ = ["IngestError", "LibraryService", "NotFound", "OriginalView", "RelatedInfo"]


def _still_used(s, sha256: str) -> bool:
    return (
        s.scalar(select(Source.id).where(Source.sha256 == sha256).limit(1)) is not None
        or s.scalar(select(RelatedDocument.id).where(RelatedDocument.sha256 == sha256).limit(1)) is not None
    )


@dataclass(frozen=True)
class RelatedInfo:
    id: int
    name: str
    media_type: str
    size: int
    added_at: str
    searchable: bool = True  # False: a scan kept without OCR text


@dataclass(frozen=True)
class OriginalView:
    """What the reader needs to show a file beside its text: the bytes, the text, OCR quality."""

    name: str
    media_type: str
    content: bytes
    text: str | None  # None: not searchable (a scan without OCR)
    ocr_confidence: tuple[tuple[int, float], ...]
    hint: str | None  # one line for the user, e.g. how to enable OCR

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


def _confidence(value: str | None) -> tuple[tuple[int, float], ...]:
    return tuple((int(p), float(c)) for p, c in json.loads(value)) if value else ()


def _original_bytes(s, sha256: str, fallback: bytes = b"") -> bytes:
    content = s.scalar(select(OriginalFile.content).where(OriginalFile.sha256 == sha256))
    return content if content is not None else fallback


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
                    RelatedDocument.text.is_not(None),
                )
                .join(RelatedLink, RelatedLink.related_id == RelatedDocument.id)
                .where(RelatedLink.target_type == target_type, RelatedLink.target_id == target_id)
                .order_by(RelatedDocument.name)
            )
            return [
                RelatedInfo(i, n, m, size, at.isoformat(timespec="seconds"), bool(searchable))
                for i, n, m, size, at, searchable in rows
            ]

    def attach(self, target_type: str, target_id: int, path: Path) -> RelatedInfo:
        """Keep a file in the archive and link it; its text (OCR for scans) becomes searchable."""
        steps = self.attach_steps(target_type, target_id, path)
        try:
            while True:
                next(steps)
        except StopIteration as stop:
            return stop.value

    def attach_steps(
        self, target_type: str, target_id: int, path: Path
    ) -> Generator[tuple[int, int], None, RelatedInfo]:
        """`attach` yielding OCR page progress; closing the generator cancels (the OCR process is stopped).

        The same bytes attached again are one document with one more link, not a copy."""
        if target_type not in TARGETS:
            raise ValueError(f"cannot attach to {target_type}")
        path = Path(path)
        name = display_name(path.name)
        data = read_file(path)
        sha256 = hashlib.sha256(data).hexdigest()
        with self.archive.Session() as s:
            live(s, target_type, target_id)  # before a long OCR run
            existing = s.scalar(select(RelatedDocument.id).where(RelatedDocument.sha256 == sha256).limit(1))
        if existing is not None:
            return self.link(existing, target_type, target_id)
        media_type, text, confidence = media_type_of(name), None, None
        if kind_of(name) is None:
            # A type the archive cannot read (a spreadsheet, an audio file): kept, not searched.
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        else:
            loaded = yield from load_steps(data, name)
            text, media_type = loaded.text, loaded.media_type
            if loaded.ocr_confidence:
                confidence = json.dumps([list(p) for p in loaded.ocr_confidence])
        with self.archive.unit_of_work() as (s, writer):
            live(s, target_type, target_id)  # NotFound when missing or deleted
            store_original(s, sha256, media_type, data)
            rel = RelatedDocument(
                name=name,
                media_type=media_type,
                sha256=sha256,
                size=len(data),
                content=b"",  # the bytes are in OriginalFile, stored once
                text=text,
                ocr_confidence=confidence,
                added_by=self.archive.user,
            )
            s.add(rel)
            s.flush()
            s.add(RelatedLink(related_id=rel.id, target_type=target_type, target_id=target_id))
            s.flush()
            reindex_keys(s, writer, [item_key("related", rel.id)])  # with its tags and all its links
            info = RelatedInfo(
                rel.id, rel.name, rel.media_type, rel.size, rel.added_at.isoformat(timespec="seconds"), text is not None
            )
        return info

    def link(self, related_id: int, target_type: str, target_id: int) -> RelatedInfo:
        """Link a document already in the archive to another article or entry (a document may relate to several)."""
        if target_type not in TARGETS:
            raise ValueError(f"cannot link to {target_type}")
        with self.archive.unit_of_work() as (s, writer):
            rel = s.get(RelatedDocument, related_id)
            if rel is None:
                raise NotFound(f"no related document with id {related_id}")
            live(s, target_type, target_id)
            linked = s.scalar(
                select(RelatedLink.id).where(
                    RelatedLink.related_id == related_id,
                    RelatedLink.target_type == target_type,
                    RelatedLink.target_id == target_id,
                )
            )
            if linked is None:
                s.add(RelatedLink(related_id=related_id, target_type=target_type, target_id=target_id))
                s.flush()
                reindex_keys(s, writer, [item_key("related", rel.id)])  # with its tags and all its links
            return RelatedInfo(
                rel.id,
                rel.name,
                rel.media_type,
                rel.size,
                rel.added_at.isoformat(timespec="seconds"),
                rel.text is not None,
            )

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
                sha256 = s.scalar(select(RelatedDocument.sha256).where(RelatedDocument.id == related_id))
                s.execute(delete(RelatedDocument).where(RelatedDocument.id == related_id))
                writer.delete([item_key("related", related_id)])
                if sha256 is not None and not _still_used(s, sha256):
                    s.execute(delete(OriginalFile).where(OriginalFile.sha256 == sha256))
            else:
                rel = s.get(RelatedDocument, related_id)
                if rel is not None:
                    reindex_keys(s, writer, [item_key("related", rel.id)])  # with its tags and all its links

    def related_content(self, related_id: int) -> tuple[str, bytes]:
        with self.archive.Session() as s:
            rel = s.get(RelatedDocument, related_id)
            if rel is None:
                raise NotFound(f"no related document with id {related_id}")
            return rel.name, _original_bytes(s, rel.sha256, rel.content)

    def related_view(self, related_id: int) -> OriginalView:
        """A related document with its original bytes, text and OCR confidence, for the reader."""
        with self.archive.Session() as s:
            rel = s.get(RelatedDocument, related_id)
            if rel is None:
                raise NotFound(f"no related document with id {related_id}")
            hint = None
            if rel.text is None and kind_of(rel.name) in ("image", "pdf"):
                hint = NO_OCR_HINT
            return OriginalView(
                rel.name,
                rel.media_type,
                _original_bytes(s, rel.sha256, rel.content),
                rel.text,
                _confidence(rel.ocr_confidence),
                hint,
            )

    def original_for(self, target_type: str, target_id: int) -> OriginalView:
        """The original of an article, or of the article a timeline entry belongs to."""
        if target_type == "entry":
            with self.archive.Session() as s:
                document_id = s.scalar(select(TimelineEntry.document_id).where(TimelineEntry.id == target_id))
            if document_id is None:
                raise NotFound(f"no entry with id {target_id}")
            return self.document_original(document_id)
        return self.document_original(target_id)

    @staticmethod
    def page_count(view: OriginalView) -> int:
        """Pages of a PDF original (1 for anything else)."""
        if not view.is_pdf:
            return 1
        from archiveviewer.ingest.loaders.pdf_loader import page_count

        return page_count(view.content)

    @staticmethod
    def page_png(view: OriginalView, page: int = 1, dpi: int = 110) -> bytes | None:
        """A page of a PDF original as a PNG for the scan view (images are shown as they are: None)."""
        if not view.is_pdf:
            return None
        from archiveviewer.ingest.loaders.pdf_loader import render_page

        return render_page(view.content, page, dpi)

    def document_original(self, document_id: int) -> OriginalView:
        """The file an article was imported from ("Open original", "Save original as…", the scan beside its text)."""
        with self.archive.Session() as s:
            source = s.scalar(
                select(Source).join(Document, Document.source_id == Source.id).where(Document.id == document_id)
            )
            if source is None:
                raise NotFound(f"no document with id {document_id}")
            content = s.scalar(select(OriginalFile.content).where(OriginalFile.sha256 == source.sha256))
            if content is None:
                # Imported before originals were kept: the decoded text is what the archive has.
                content = source.raw_text.encode("utf-8")
            media = source.media_type or "text/plain"
            hint = NO_OCR_HINT if not source.raw_text and media.startswith(("image/", "application/pdf")) else None
            return OriginalView(
                source.name, media, content, source.raw_text or None, _confidence(source.ocr_confidence), hint
            )

    # -- notes: kept here for existing callers; AnnotationService is where notes and tags live

    def annotations_for(self, target_type: str, target_id: int) -> list[dict]:
        """The live notes on an item (see AnnotationService.notes_for)."""
        from archiveviewer.app.annotation_service import AnnotationService

        return AnnotationService(self.archive).notes_for(target_type, target_id)

    def add_annotation(self, target_type: str, target_id: int, text: str) -> dict:
        """Attach a note to an item; it is searchable at once (see AnnotationService.add_note)."""
        from archiveviewer.app.annotation_service import AnnotationService

        return AnnotationService(self.archive).add_note(target_type, target_id, text)
