"""Read-side use cases: documents, their structure and the timeline as plain data (dicts).

The same dicts feed the CLI's JSON, the exporters and the GUI, so every view of
a document agrees.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.storage.models import (
    Amount,
    Annotation,
    Document,
    Paragraph,
    Revision,
    Section,
    Source,
    Tag,
    Tagging,
    TimelineEntry,
)

# Revision fields that are not a value of the row (see EditService.revisions).
_LIFECYCLE_FIELDS = ("created", "deleted", "tag")
_FEW_IDS = 500  # ids (entries and documents) asked for that are looked up by id in SQL
_FEW_ROWS = 5000  # rows found whose amounts, tags and originals are looked up by id


class NotFound(LookupError):
    """The requested item does not exist; the message is for the user."""


def yuan_value(value: Decimal) -> int | float:
    """Whole yuan as int, otherwise float (JSON has no decimals)."""
    return int(value) if value == value.to_integral_value() else float(value)


def date_label(day: dt.date | None, precision: str = "day") -> str | None:
    """A date as precise as it is known: `2020-01-24`, `2020-01` (a month) or `2020` (a year)."""
    if day is None:
        return None
    iso = day.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(precision, iso)


def amount_dict(a: Amount) -> dict:
    return {"text": a.text, "yuan": yuan_value(a.yuan)}


def amounts_label(amounts: list[dict]) -> str:
    """The amounts as printed, e.g. "82万元; 5000元". Never a sum: separate amounts are not a total
    (one may be a per-person rate)."""
    return "; ".join(a["text"] for a in amounts)


def entry_dict(
    e: Any,
    document_title: str,
    tags: tuple[str, ...] = (),
    original: dict | None = None,
    amounts: list[dict] | None = None,
) -> dict:
    """An entry as plain data.

    `date` is always a full ISO date (the first day when only a month or year
    is known: it sorts and plots); `date_label` is the date as precise as
    known and `date_precision` day | month | year. `amounts` lists each amount
    as printed with its yuan value; `amounts_label` joins them as printed and
    `amount_max` (the largest, for sorting) is never their sum. `original`
    maps each corrected field to its value before the first correction.

    `e` is a TimelineEntry or a row of its columns; a row's amounts come as `amounts`.
    """
    if amounts is None:
        amounts = [amount_dict(a) for a in e.amounts]
    current = {"date": date_label(e.date, e.date_precision), "text": e.text}
    original = {k: v for k, v in (original or {}).items() if current.get(k, v) != v}
    return {
        "id": e.id,
        "date": e.date.isoformat(),
        "date_precision": e.date_precision,
        "date_label": date_label(e.date, e.date_precision),
        "date_text": e.date_text,
        "text": e.text,
        "amounts": amounts,
        "amounts_label": amounts_label(amounts),
        "amount_max": max((a["yuan"] for a in amounts), default=None),
        "document_id": e.document_id,
        "document_title": document_title,
        "paragraph_start_id": e.paragraph_start_id,
        "paragraph_end_id": e.paragraph_end_id,
        "edited": e.text != e.original_text or bool(original),
        "version": e.version,
        "tags": list(tags),
        "original": original,
    }


def annotation_dict(n: Annotation, tags: tuple[str, ...] = ()) -> dict:
    return {
        "id": n.id,
        "author": n.author,
        "created_at": n.created_at.isoformat(timespec="seconds"),
        "updated_at": n.updated_at.isoformat(timespec="seconds"),
        "text": n.text,
        "target": f"{n.target_type} {n.target_id}",
        "target_type": n.target_type,
        "target_id": n.target_id,
        "version": n.version,
        "tags": list(tags),
    }


def tags_of(session: Session, target_type: str, ids: list[int] | None = None) -> dict[int, tuple[str, ...]]:
    """{id: tags (sorted)} of the items of one type (all of them when `ids` is None)."""
    stmt = select(Tagging.target_id, Tag.name).join(Tag).where(Tagging.target_type == target_type)
    if ids is not None:
        stmt = stmt.where(Tagging.target_id.in_(ids))
    out: dict[int, list[str]] = {}
    for target_id, name in session.execute(stmt.order_by(Tag.name)):
        out.setdefault(target_id, []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def originals(session: Session, entity: str, ids: list[int] | None = None) -> dict[int, dict[str, str | None]]:
    """{id: {field: value before its first correction}} from the revision log."""
    stmt = select(Revision.entity_id, Revision.field, Revision.old).where(
        Revision.entity == entity, Revision.field.not_in(_LIFECYCLE_FIELDS)
    )
    if ids is not None:
        stmt = stmt.where(Revision.entity_id.in_(ids))
    out: dict[int, dict[str, str | None]] = {}
    for entity_id, field, old in session.execute(stmt.order_by(Revision.id)):
        out.setdefault(entity_id, {}).setdefault(field, old)
    return out


def _annotations_for(session: Session, doc: Document) -> list[dict]:
    entry_ids = [e.id for e in doc.entries]
    par_ids = [p.id for p in doc.paragraphs]
    notes = session.scalars(
        select(Annotation)
        .where(
            ((Annotation.target_type == "document") & (Annotation.target_id == doc.id))
            | ((Annotation.target_type == "entry") & Annotation.target_id.in_(entry_ids))
            | ((Annotation.target_type == "paragraph") & Annotation.target_id.in_(par_ids)),
            Annotation.deleted_at.is_(None),
        )
        .order_by(Annotation.created_at, Annotation.id)
    ).all()
    tags = tags_of(session, "note", [n.id for n in notes])
    return [annotation_dict(n, tags.get(n.id, ())) for n in notes]


def _changed(doc: Document, original: dict) -> dict:
    """The originals of the fields whose value differs now (a restored field is as imported again)."""
    current = {f: getattr(doc, f, None) for f in original}
    if "published" in original:
        current["published"] = date_label(doc.published, doc.published_precision)
    return {k: v for k, v in original.items() if current[k] != v}


def document_dict(session: Session, document_id: int) -> dict:
    """One document with its masthead, structure, timeline and annotations.

    `version`, `tags` and `original` ({field: value before its first
    correction}) are the document's; each timeline entry has its own."""
    doc = session.scalar(
        select(Document)
        .where(Document.id == document_id, Document.deleted_at.is_(None))
        .options(
            selectinload(Document.sections).selectinload(Section.paragraphs),
            selectinload(Document.entries).selectinload(TimelineEntry.amounts),
            selectinload(Document.source),
        )
    )
    if doc is None:
        raise NotFound(f"no document with id {document_id}")
    entry_ids = [e.id for e in doc.entries]
    entry_tags, entry_originals = tags_of(session, "entry", entry_ids), originals(session, "entry", entry_ids)
    return {
        "id": doc.id,
        "version": doc.version,
        "tags": list(tags_of(session, "document", [doc.id]).get(doc.id, ())),
        "original": _changed(doc, originals(session, "document", [doc.id]).get(doc.id, {})),
        "kind": doc.kind,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "byline": doc.byline,
        "source": doc.source.name,
        "masthead": {
            "paper": doc.paper,
            "page": doc.page,
            "date": date_label(doc.published, doc.published_precision),
            "date_precision": doc.published_precision,
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
                # The imported text of each corrected paragraph (None where it is as imported).
                "paragraph_originals": [p.original_text if p.text != p.original_text else None for p in s.paragraphs],
            }
            for s in doc.sections
        ],
        "timeline": [
            entry_dict(e, doc.title, entry_tags.get(e.id, ()), entry_originals.get(e.id)) for e in doc.entries
        ],
        "annotations": _annotations_for(session, doc),
    }


def paragraph_dict(session: Session, paragraph_id: int) -> dict:
    """One paragraph of a live document: its text now, as imported, and the version an edit must name."""
    p = session.get(Paragraph, paragraph_id) if 0 < paragraph_id <= 2**31 - 1 else None
    if p is None or p.document.deleted_at is not None:
        raise NotFound(f"no paragraph with id {paragraph_id}")
    return {
        "id": p.id,
        "document_id": p.document_id,
        "text": p.text,
        "original_text": p.original_text,
        "version": p.version,
    }


def timeline(session: Session, entry_ids: list[int] | None = None, document_ids: list[int] | None = None) -> list[dict]:
    """All live timeline entries (or the given ones, or those of the given documents, or both) in date order,
    with their tags and originals.

    Columns, not ORM objects: the whole timeline of 100,000 entries is read for the chart and exports,
    in the order of the index ix_timeline_entry_table_order, with all amounts in one more query. A few
    entries or documents (the window's refresh after an edit) are read by id, with their amounts, tags and
    originals only."""
    E = TimelineEntry
    columns = (E.id, E.date, E.date_precision, E.date_text, E.text, E.original_text, E.document_id, E.version)
    stmt = (
        select(*columns, E.paragraph_start_id, E.paragraph_end_id, Document.title)
        .join(Document, Document.id == E.document_id)
        .where(E.deleted_at.is_(None), Document.deleted_at.is_(None))
        .order_by(E.date, E.document_id, E.ordinal, E.id)
    )
    chosen = entry_ids is not None or document_ids is not None
    # A long id list is cheaper filtered here than sent as SQL parameters (SQLite's limit is 32,766).
    few = chosen and len(entry_ids or ()) + len(document_ids or ()) <= _FEW_IDS
    if few:
        stmt = stmt.where(or_(E.id.in_(entry_ids or []), E.document_id.in_(document_ids or [])))
    rows = session.execute(stmt).all()
    if chosen and not few:
        wanted, of_documents = set(entry_ids or ()), set(document_ids or ())
        rows = [r for r in rows if r.id in wanted or r.document_id in of_documents]
    # The details of what was chosen by id (a document's entries may be many: up to _FEW_ROWS by id).
    ids = [r.id for r in rows] if few and len(rows) <= _FEW_ROWS else None
    amounts: dict[int | None, list[dict]] = {}  # entry_id is never None here (filtered), typed as the column
    amount_stmt = select(Amount.entry_id, Amount.text, Amount.yuan).where(Amount.entry_id.is_not(None))
    if ids is not None:
        amount_stmt = amount_stmt.where(Amount.entry_id.in_(ids))
    for entry_id, text, yuan in session.execute(amount_stmt.order_by(Amount.entry_id, Amount.ordinal)):
        amounts.setdefault(entry_id, []).append({"text": text, "yuan": yuan_value(yuan)})
    tags, original = tags_of(session, "entry", ids), originals(session, "entry", ids)
    return [entry_dict(r, r.title, tags.get(r.id, ()), original.get(r.id), amounts.get(r.id, [])) for r in rows]


def documents(session: Session) -> list[dict]:
    """A line per live document: id, kind, title, date (as precise as known), source, entry count,
    and the editable fields (subtitle, paper, page, byline, date_precision, version, tags, imported)."""
    counts = dict(
        session.execute(
            select(TimelineEntry.document_id, func.count())
            .where(TimelineEntry.deleted_at.is_(None))
            .group_by(TimelineEntry.document_id)
        ).all()
    )
    tags = tags_of(session, "document")
    rows = session.execute(
        select(Document, Source.name, Source.imported_at)
        .join(Source)
        .where(Document.deleted_at.is_(None))
        .order_by(Document.published, Document.id)
    )
    return [
        {
            "id": d.id,
            "kind": d.kind,
            "title": d.title,
            "date": date_label(d.published, d.published_precision),
            "source": source,
            "entries": counts.get(d.id, 0),
            "subtitle": d.subtitle,
            "paper": d.paper,
            "page": d.page,
            "byline": d.byline,
            "date_precision": d.published_precision,
            "version": d.version,
            "tags": list(tags.get(d.id, ())),
            "imported": imported_at.isoformat(timespec="seconds") if imported_at else None,
        }
        for d, source, imported_at in rows
    ]


def stats(session: Session) -> dict:
    live_entries = (
        select(func.count(TimelineEntry.id))
        .join(Document, Document.id == TimelineEntry.document_id)
        .where(TimelineEntry.deleted_at.is_(None), Document.deleted_at.is_(None))
    )
    return {
        "documents": session.scalar(select(func.count(Document.id)).where(Document.deleted_at.is_(None))) or 0,
        "entries": session.scalar(live_entries) or 0,
        "sources": session.scalar(select(func.count(Source.id))) or 0,
        "annotations": session.scalar(select(func.count(Annotation.id)).where(Annotation.deleted_at.is_(None))) or 0,
    }
