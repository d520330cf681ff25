"""Read-side use cases: documents, their structure and the timeline as plain data (dicts).

The same dicts feed the CLI's JSON, the exporters and the GUI, so every view of
a document agrees.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.storage.models import (
    Amount,
    Annotation,
    Document,
    Section,
    Source,
    TimelineEntry,
)


class NotFound(LookupError):
    """The requested item does not exist; the message is for the user."""


def yuan_value(value: Decimal) -> int | float:
    """Whole yuan as int, otherwise float (JSON has no decimals)."""
    return int(value) if value == value.to_integral_value() else float(value)


def amount_dict(a: Amount) -> dict:
    return {"text": a.text, "yuan": yuan_value(a.yuan)}


def entry_dict(e: TimelineEntry, document_title: str) -> dict:
    return {
        "id": e.id,
        "date": e.date.isoformat(),
        "date_text": e.date_text,
        "text": e.text,
        "amounts": [amount_dict(a) for a in e.amounts],
        "document_id": e.document_id,
        "document_title": document_title,
        "paragraph_start_id": e.paragraph_start_id,
        "paragraph_end_id": e.paragraph_end_id,
        "edited": e.text != e.original_text,
        "version": e.version,
    }


def annotation_dict(n: Annotation) -> dict:
    return {
        "id": n.id,
        "author": n.author,
        "created_at": n.created_at.isoformat(timespec="seconds"),
        "text": n.text,
        "target": f"{n.target_type} {n.target_id}",
    }


def _annotations_for(session: Session, doc: Document) -> list[dict]:
    entry_ids = [e.id for e in doc.entries]
    par_ids = [p.id for p in doc.paragraphs]
    notes = session.scalars(
        select(Annotation)
        .where(
            ((Annotation.target_type == "document") & (Annotation.target_id == doc.id))
            | ((Annotation.target_type == "entry") & Annotation.target_id.in_(entry_ids))
            | ((Annotation.target_type == "paragraph") & Annotation.target_id.in_(par_ids))
        )
        .order_by(Annotation.created_at, Annotation.id)
    )
    return [annotation_dict(n) for n in notes]


def document_dict(session: Session, document_id: int) -> dict:
    """One document with its masthead, structure, timeline and annotations."""
    doc = session.scalar(
        select(Document)
        .where(Document.id == document_id)
        .options(
            selectinload(Document.sections).selectinload(Section.paragraphs),
            selectinload(Document.entries).selectinload(TimelineEntry.amounts),
            selectinload(Document.source),
        )
    )
    if doc is None:
        raise NotFound(f"no document with id {document_id}")
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "byline": doc.byline,
        "source": doc.source.name,
        "masthead": {
            "paper": doc.paper,
            "page": doc.page,
            "date": doc.published.isoformat() if doc.published else None,
            "weekday": doc.weekday,
            "editor": doc.editor,
            "layout_editor": doc.layout_editor,
            "proofreader": doc.proofreader,
        },
        "sections": [
            {
                "heading": s.heading,
                "paragraphs": [p.text for p in s.paragraphs],
                "paragraph_ids": [p.id for p in s.paragraphs],
            }
            for s in doc.sections
        ],
        "timeline": [entry_dict(e, doc.title) for e in doc.entries],
        "annotations": _annotations_for(session, doc),
    }


def timeline(session: Session, entry_ids: list[int] | None = None) -> list[dict]:
    """All timeline entries (or the given ones) in date order."""
    stmt = (
        select(TimelineEntry, Document.title)
        .join(Document)
        .options(selectinload(TimelineEntry.amounts))
        .order_by(TimelineEntry.date, Document.id, TimelineEntry.ordinal)
    )
    if entry_ids is not None:
        stmt = stmt.where(TimelineEntry.id.in_(entry_ids))
    return [entry_dict(e, title) for e, title in session.execute(stmt)]


def documents(session: Session) -> list[dict]:
    """A line per document: id, kind, title, date, source, entry count."""
    counts = dict(
        session.execute(select(TimelineEntry.document_id, func.count()).group_by(TimelineEntry.document_id)).all()
    )
    rows = session.execute(
        select(Document.id, Document.kind, Document.title, Document.published, Source.name)
        .join(Source)
        .order_by(Document.published, Document.id)
    )
    return [
        {
            "id": i,
            "kind": kind,
            "title": title,
            "date": published.isoformat() if published else None,
            "source": source,
            "entries": counts.get(i, 0),
        }
        for i, kind, title, published, source in rows
    ]


def stats(session: Session) -> dict:
    return {
        "documents": session.scalar(select(func.count(Document.id))) or 0,
        "entries": session.scalar(select(func.count(TimelineEntry.id))) or 0,
        "sources": session.scalar(select(func.count(Source.id))) or 0,
        "annotations": session.scalar(select(func.count(Annotation.id))) or 0,
    }
