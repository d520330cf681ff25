"""Paged reads for the editable tables: an ordered, filtered id list, then rows for a page of ids.

A table of 100,000 entries asks for its ids once (one indexed query) and then
only for the rows it paints, a page at a time; sorting and filtering happen
here, in SQL, so the GUI never compares rows in Python.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from archiveviewer.app.queries import date_label, yuan_value
from archiveviewer.storage.models import Amount, Annotation, Document, Source, Tag, Tagging, TimelineEntry

PAGE_SIZE = 200


class FilterError(ValueError):
    """A filter value that is not usable (a bad date); the message is for the user."""


@dataclass(frozen=True)
class TableFilter:
    """What a table shows: all fields optional; dates may be partial (2020, 2020-01, 2020-01-24)."""

    text: str = ""
    date_from: str = ""
    date_to: str = ""
    tag: str = ""
    kind: str = ""  # documents only: article | document
    undated: bool = False  # documents only: those without a date


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a full or partial ISO date stands for: 2020-02 -> (2020-02-01, 2020-02-29)."""
    value = value.strip()
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(parts) == 2 and len(parts[0]) == 4:
            year, month = int(parts[0]), int(parts[1])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date.fromisoformat(value)
        return day, day
    except ValueError:
        raise FilterError(f"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _alive(model):
    """Rows not soft-deleted (the edit service marks deletes so they can be undone)."""
    return model.deleted_at.is_(None)


def _where(stmt, *conditions):
    conditions = [c for c in conditions if c is not None]
    return stmt.where(and_(*conditions)) if conditions else stmt


def _tag_condition(target_type: str, id_column, tag: str):
    tagged = (
        select(Tagging.target_id)
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(Tagging.target_type == target_type, Tag.name == tag)
    )
    return id_column.in_(tagged)


def _nulls_placed(key, descending: bool):
    """`key` in order with missing values first ascending and last descending, in SQLite and PostgreSQL alike
    (SQLite's own NULL order; PostgreSQL's default is the other way round)."""
    return key.desc().nulls_last() if descending else key.asc().nulls_first()


def _date_conditions(column, f: TableFilter) -> list:
    conditions = []
    if f.date_from.strip():
        conditions.append(column >= date_bounds(f.date_from)[0])
    if f.date_to.strip():
        conditions.append(column <= date_bounds(f.date_to)[1])
    return conditions


# -- timeline entries

ENTRY_SORTS = ("date", "text", "amounts", "tags", "notes", "document")


def _max_amounts():
    return (
        select(Amount.entry_id, func.max(Amount.yuan).label("largest"))
        .where(Amount.entry_id.is_not(None))
        .group_by(Amount.entry_id)
        .subquery()
    )


def _note_counts(target_type: str):
    stmt = select(Annotation.target_id, func.count().label("notes")).where(Annotation.target_type == target_type)
    return _where(stmt, _alive(Annotation)).group_by(Annotation.target_id).subquery()


def _first_tags(target_type: str):
    return (
        select(Tagging.target_id, func.min(Tag.name).label("tag"))
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(Tagging.target_type == target_type)
        .group_by(Tagging.target_id)
        .subquery()
    )


def entry_ids(
    session: Session, f: TableFilter = TableFilter(), sort: str = "date", descending: bool = False
) -> list[int]:
    """The ids of the entries `f` lets through, ordered by `sort` (amounts: by the largest one)."""
    E = TimelineEntry
    stmt = select(E.id).join(Document, Document.id == E.document_id)
    conditions = [_alive(E), _alive(Document)]
    if f.text.strip():
        conditions.append(E.text.contains(f.text.strip(), autoescape=True))
    conditions += _date_conditions(E.date, f)
    if f.tag.strip():
        conditions.append(_tag_condition("entry", E.id, f.tag.strip()))
    stmt = _where(stmt, *conditions)
    if sort == "amounts":
        sub = _max_amounts()
        stmt = stmt.outerjoin(sub, sub.c.entry_id == E.id)
        key = sub.c.largest
    elif sort == "notes":
        sub = _note_counts("entry")
        stmt = stmt.outerjoin(sub, sub.c.target_id == E.id)
        key = func.coalesce(sub.c.notes, 0)
    elif sort == "tags":
        sub = _first_tags("entry")
        stmt = stmt.outerjoin(sub, sub.c.target_id == E.id)
        key = sub.c.tag
    else:
        key = {"text": E.text, "document": Document.title}.get(sort, E.date)
    # Missing values first ascending, last descending (as the proxy sorts None); ties in the timeline's order
    # (date, document, ordinal, id), reversed when descending. The date sort is exactly the order of the index
    # ix_timeline_entry_table_order (migration 0006), so its id list is an index scan with no sort.
    ties = (E.date, E.document_id, E.ordinal, E.id)
    order: list[Any] = [] if key is E.date else [_nulls_placed(key, descending)]
    order += [t.desc() if descending else t for t in ties]
    stmt = stmt.order_by(*order)
    return list(session.scalars(stmt))


def _tags_of(session: Session, target_type: str, ids: list[int]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    rows = session.execute(
        select(Tagging.target_id, Tag.name)
        .join(Tag, Tag.id == Tagging.tag_id)
        .where(Tagging.target_type == target_type, Tagging.target_id.in_(ids))
        .order_by(Tag.name)
    )
    for target_id, name in rows:
        tags.setdefault(target_id, []).append(name)
    return tags


def _notes_of(session: Session, target_type: str, ids: list[int]) -> dict[int, int]:
    stmt = select(Annotation.target_id, func.count()).where(
        Annotation.target_type == target_type, Annotation.target_id.in_(ids)
    )
    stmt = _where(stmt, _alive(Annotation))
    return dict(session.execute(stmt.group_by(Annotation.target_id)).all())


def entry_rows(session: Session, ids: list[int]) -> dict[int, dict]:
    """One dict per entry id (the keys of `queries.entry_dict` plus tags and notes); missing ids are left out."""
    if not ids:
        return {}
    E = TimelineEntry
    rows: dict[int, dict] = {}
    # Only the shown columns, as plain rows (no ORM objects): a page is read while the user scrolls.
    # `IN` on the primary key: one index lookup per id, whatever the table's order.
    edited = case((E.text != E.original_text, True), else_=False).label("edited")
    columns = (E.id, E.date, E.date_precision, E.date_text, E.text, E.document_id, E.version, edited)
    links = (E.paragraph_start_id, E.paragraph_end_id, Document.title)
    stmt = select(*columns, *links).join(Document, Document.id == E.document_id).where(E.id.in_(ids))
    for r in session.execute(stmt):
        rows[r.id] = {
            "id": r.id,
            "date": r.date.isoformat(),
            "date_label": date_label(r.date, r.date_precision),
            "date_text": r.date_text,
            "text": r.text,
            "amounts": [],
            "document_id": r.document_id,
            "document_title": r.title,
            "paragraph_start_id": r.paragraph_start_id,
            "paragraph_end_id": r.paragraph_end_id,
            "edited": bool(r.edited),
            "version": r.version,
            "tags": [],
            "notes": 0,
        }
    for entry_id, text, yuan in session.execute(
        select(Amount.entry_id, Amount.text, Amount.yuan).where(Amount.entry_id.in_(ids)).order_by(Amount.ordinal)
    ):
        if entry_id in rows:
            rows[entry_id]["amounts"].append({"text": text, "yuan": yuan_value(yuan)})
    for entry_id, tags in _tags_of(session, "entry", list(rows)).items():
        rows[entry_id]["tags"] = tags
    for entry_id, count in _notes_of(session, "entry", list(rows)).items():
        rows[entry_id]["notes"] = count
    return rows


# -- documents

DOCUMENT_SORTS = ("title", "subtitle", "kind", "paper", "page", "published", "byline", "tags", "source", "imported")


def document_ids(
    session: Session, f: TableFilter = TableFilter(), sort: str = "published", descending: bool = False
) -> list[int]:
    """The ids of the documents `f` lets through, ordered by `sort`."""
    D = Document
    stmt = select(D.id).join(Source, Source.id == D.source_id)
    conditions = [_alive(D)]
    text = f.text.strip()
    if text:
        conditions.append(
            or_(*(c.contains(text, autoescape=True) for c in (D.title, D.subtitle, D.byline, D.paper, Source.name)))
        )
    if f.undated:
        conditions.append(D.published.is_(None))
    else:
        conditions += _date_conditions(D.published, f)
    if f.kind.strip():
        conditions.append(D.kind == f.kind.strip())
    if f.tag.strip():
        conditions.append(_tag_condition("document", D.id, f.tag.strip()))
    stmt = _where(stmt, *conditions)
    if sort == "tags":
        sub = _first_tags("document")
        stmt = stmt.outerjoin(sub, sub.c.target_id == D.id)
        key = sub.c.tag
    else:
        key = {
            "title": D.title,
            "subtitle": D.subtitle,
            "kind": D.kind,
            "paper": D.paper,
            "page": D.page,
            "byline": D.byline,
            "source": Source.name,
            "imported": Source.imported_at,
        }.get(sort, D.published)
    # The published sort is the order of ix_document_table_order (migration 0006): an index scan, no sort.
    stmt = stmt.order_by(_nulls_placed(key, descending), D.id.desc() if descending else D.id)
    return list(session.scalars(stmt))


def document_rows(session: Session, ids: list[int]) -> dict[int, dict]:
    """One dict per document id: the editable fields, version, tags, note count, source file and import time."""
    if not ids:
        return {}
    D = Document
    rows: dict[int, dict] = {}
    columns = (D.id, D.title, D.subtitle, D.kind, D.paper, D.page, D.published, D.published_precision, D.byline)
    source = (Source.name.label("source"), Source.imported_at)
    stmt = select(*columns, D.version, *source).join(Source, Source.id == D.source_id).where(D.id.in_(ids))
    for r in session.execute(stmt):
        rows[r.id] = {
            "id": r.id,
            "title": r.title,
            "subtitle": r.subtitle,
            "kind": r.kind,
            "paper": r.paper,
            "page": r.page,
            "published": date_label(r.published, r.published_precision),
            "byline": r.byline,
            "source": r.source,
            "imported": r.imported_at.isoformat(sep=" ", timespec="minutes") if r.imported_at else None,
            "version": r.version,
            "tags": [],
            "notes": 0,
        }
    for doc_id, tags in _tags_of(session, "document", list(rows)).items():
        rows[doc_id]["tags"] = tags
    for doc_id, count in _notes_of(session, "document", list(rows)).items():
        rows[doc_id]["notes"] = count
    return rows


def tag_names(session: Session) -> list[str]:
    """Every tag in use, for the tag filter and the completion of the tag editor."""
    return list(session.scalars(select(Tag.name).order_by(Tag.name)))


def document_kinds(session: Session) -> list[str]:
    return list(session.scalars(select(Document.kind).distinct().order_by(Document.kind)))


def current_version(session: Session, entity: str, item_id: int) -> int | None:
    """The row's version now (None if it does not exist): what the next edit of it must name."""
    model: Any = {"entry": TimelineEntry, "document": Document, "note": Annotation}[entity]
    return session.scalar(select(model.version).where(model.id == item_id))


class TableSource:
    """The archive side of one editable table: `ids(filter, sort, descending)` and `rows(ids)`.

    Each call opens its own session, so `rows` may run on a worker thread (the table reads pages
    ahead there: `background_reads`)."""

    background_reads = True

    def __init__(self, archive, entity: str):
        if entity not in ("entry", "document"):
            raise ValueError(f"no table of {entity}")
        self.archive, self.entity = archive, entity

    def ids(self, f: TableFilter, sort: str, descending: bool) -> list[int]:
        with self.archive.Session() as s:
            if self.entity == "entry":
                return entry_ids(s, f, sort, descending)
            return document_ids(s, f, sort, descending)

    def rows(self, ids: list[int]) -> dict[int, dict]:
        with self.archive.Session() as s:
            return entry_rows(s, ids) if self.entity == "entry" else document_rows(s, ids)

    def tags(self) -> list[str]:
        with self.archive.Session() as s:
            return tag_names(s)
