"""Edit use cases: corrections stored as revisions (the imported original stays), and deletes.

Every change runs in one unit of work with the search index, so a search
right after the commit sees it and a failed edit leaves no trace.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from archiveviewer.app.archive import Archive
from archiveviewer.app.queries import NotFound
from archiveviewer.app.search_items import items_for_document
from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.storage.models import (
    Amount,
    Annotation,
    Document,
    Paragraph,
    RelatedLink,
    Revision,
    Source,
    Tagging,
    TimelineEntry,
)


class EditError(ValueError):
    """An edit that cannot be applied; the message says why, for the user."""


ENTRY_FIELDS = {"text", "date"}
DOCUMENT_FIELDS = {"title", "subtitle", "byline"}


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise EditError(f"'{value}' is not a date (expected YYYY-MM-DD)") from None


def _record(session: Session, who: str, entity: str, entity_id: int, field: str, old, new) -> None:
    session.add(
        Revision(
            who=who,
            entity=entity,
            entity_id=entity_id,
            field=field,
            old=None if old is None else str(old),
            new=None if new is None else str(new),
        )
    )


class EditService:
    def __init__(self, archive: Archive):
        self.archive = archive

    def _reindex_document(self, session: Session, writer, document: Document) -> None:
        session.flush()
        session.expire(document)
        writer.upsert(items_for_document(document, document.source.name))

    def edit_entry(
        self, entry_id: int, field: str, value: str, expected_version: int | None = None, who: str | None = None
    ) -> None:
        """Correct an entry's text or date. The text's amounts are re-read from the new text."""
        if field not in ENTRY_FIELDS:
            raise EditError(f"the field '{field}' of a timeline entry cannot be edited")
        who = who or self.archive.user
        try:
            with self.archive.unit_of_work() as (s, writer):
                entry = s.get(TimelineEntry, entry_id)
                if entry is None:
                    raise NotFound(f"no timeline entry with id {entry_id}")
                if expected_version is not None and entry.version != expected_version:
                    raise EditError("this entry was changed by someone else meanwhile; reload and try again")
                if field == "date":
                    new_date = _parse_date(value)
                    if new_date != entry.date:
                        _record(s, who, "entry", entry.id, "date", entry.date.isoformat(), new_date.isoformat())
                        entry.date = new_date
                else:
                    text = value.strip()
                    if not text:
                        raise EditError("an entry's text cannot be empty")
                    if text != entry.text:
                        _record(s, who, "entry", entry.id, "text", entry.text, text)
                        entry.text = text
                        entry.amounts.clear()
                        s.flush()
                        entry.amounts.extend(
                            Amount(ordinal=k, text=a.text, yuan=a.yuan) for k, a in enumerate(find_amounts(text))
                        )
                self._reindex_document(s, writer, entry.document)
        except StaleDataError:
            raise EditError("this entry was changed by someone else meanwhile; reload and try again") from None

    def edit_paragraph(self, paragraph_id: int, text: str, who: str | None = None) -> None:
        text = text.strip()
        if not text:
            raise EditError("a paragraph cannot be empty")
        with self.archive.unit_of_work() as (s, writer):
            par = s.get(Paragraph, paragraph_id)
            if par is None:
                raise NotFound(f"no paragraph with id {paragraph_id}")
            if text != par.text:
                _record(s, who or self.archive.user, "paragraph", par.id, "text", par.text, text)
                par.text = text
            self._reindex_document(s, writer, par.document)

    def edit_document(self, document_id: int, field: str, value: str | None, who: str | None = None) -> None:
        if field not in DOCUMENT_FIELDS:
            raise EditError(f"the field '{field}' of a document cannot be edited")
        value = (value or "").strip() or None
        if field == "title" and value is None:
            raise EditError("a document needs a title")
        with self.archive.unit_of_work() as (s, writer):
            doc = s.get(Document, document_id)
            if doc is None:
                raise NotFound(f"no document with id {document_id}")
            old = getattr(doc, field)
            if old != value:
                _record(s, who or self.archive.user, "document", doc.id, field, old, value)
                setattr(doc, field, value)
            self._reindex_document(s, writer, doc)

    def delete_source(self, source_id: int) -> None:
        """Remove an imported file with everything recovered from it (and its notes and links)."""
        with self.archive.unit_of_work() as (s, writer):
            source = s.get(Source, source_id)
            if source is None:
                raise NotFound(f"no imported file with id {source_id}")
            keys: list[str] = []
            for doc in source.documents:
                entry_ids = [e.id for e in doc.entries]
                keys.append(f"{doc.kind}:{doc.id}")
                keys += [f"entry:{i}" for i in entry_ids]
                targets = [("document", [doc.id]), ("entry", entry_ids), ("paragraph", [p.id for p in doc.paragraphs])]
                for target_type, ids in targets:
                    note_ids = s.scalars(
                        select(Annotation.id).where(
                            Annotation.target_type == target_type, Annotation.target_id.in_(ids)
                        )
                    ).all()
                    keys += [f"annotation:{i}" for i in note_ids]
                    for model in (Annotation, Tagging, RelatedLink):
                        s.execute(delete(model).where(model.target_type == target_type, model.target_id.in_(ids)))
            s.delete(source)
            writer.delete(keys)

    def revisions(self, entity: str, entity_id: int) -> list[dict]:
        with self.archive.Session() as s:
            rows = s.scalars(
                select(Revision)
                .where(Revision.entity == entity, Revision.entity_id == entity_id)
                .order_by(Revision.at, Revision.id)
            )
            return [
                {"who": r.who, "at": r.at.isoformat(timespec="seconds"), "field": r.field, "old": r.old, "new": r.new}
                for r in rows
            ]
