"""Edit use cases: corrections stored as revisions (the imported original stays), soft deletes and restores.

Every change runs in one unit of work with the search index, so a search
right after the commit sees it and a failed edit leaves no trace. Every edit of
an existing row names the version it was read at (optimistic locking): a row
changed meanwhile by someone else is refused with a `ConflictError` carrying
both values, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from archiveviewer.app.archive import Archive
from archiveviewer.app.queries import NotFound, date_label, yuan_value
from archiveviewer.app.search_items import item_for_key, item_key, items_for_document
from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.search.index import IndexChanges
from archiveviewer.storage.models import (
    Amount,
    Annotation,
    Document,
    Paragraph,
    RelatedLink,
    Revision,
    Source,
    Tag,
    Tagging,
    TimelineEntry,
    utcnow,
)


class EditError(ValueError):
    """An edit that cannot be applied; the message says why, for the user."""


class ConflictError(EditError):
    """The row changed since the caller read it: nothing was saved.

    `yours` is the value the caller tried to save, `theirs` the value now in
    the database and `current_version` the row's version now, so a caller can
    show both and retry with `current_version`.
    """

    def __init__(self, entity: str, entity_id: int, field: str | None, yours, theirs, current_version: int | None):
        self.entity, self.entity_id, self.field = entity, entity_id, field
        self.yours, self.theirs, self.current_version = yours, theirs, current_version
        what = f"{entity} {entity_id}" + (f" ({field})" if field else "")
        if current_version is None:
            super().__init__(f"{what} was deleted by someone else meanwhile; nothing was saved")
        else:
            super().__init__(
                f"{what} was changed by someone else meanwhile (now version {current_version}); nothing was saved"
            )


class ReadOnlyError(EditError):
    """The archive cannot be written with this connection (e.g. a read-only database role)."""


class Change(NamedTuple):
    """One applied field change; enough to revert it (set `field` back to `old`)."""

    entity: str  # entry | document | paragraph | note (tags: the tagged item's type, field "tag")
    id: int
    field: str
    old: str | None
    new: str | None
    new_version: int | None


# Edits dispatch on the entity's name; the row's model (and so its attributes) follows from it at run time.
ENTITY_MODELS: dict[str, Any] = {
    "entry": TimelineEntry,
    "document": Document,
    "paragraph": Paragraph,
    "note": Annotation,
}
ENTRY_FIELDS = ("date", "text")
DOCUMENT_FIELDS = ("title", "subtitle", "kind", "paper", "page", "published", "byline")
DOCUMENT_KINDS = ("article", "document")
FIELDS = {"entry": ENTRY_FIELDS, "document": DOCUMENT_FIELDS, "paragraph": ("text",)}
# `date` is what people call a document's date (`show` prints it as masthead.date).
FIELD_ALIASES = {("document", "date"): "published"}
MAX_ID = 2**31 - 1
WHO_MAX = 128
READ_ONLY_MESSAGE = "this archive is read-only for you (no permission to change it); nothing was saved"


def parse_partial_date(value: str | None, allow_empty: bool = False) -> tuple[dt.date | None, str]:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` -> (first day it covers, precision day|month|year)."""
    text = (value or "").strip()
    if not text:
        if allow_empty:
            return None, "day"
        raise EditError("a date is needed (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = text.split("-")
    try:
        if len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2]:
            return dt.date.fromisoformat(text), "day"
        if len(parts) == 2 and [len(p) for p in parts] == [4, 2] and all(p.isdigit() for p in parts):
            return dt.date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 1 and len(text) == 4 and text.isdigit():
            return dt.date(int(text), 1, 1), "year"
    except ValueError:
        pass
    raise EditError(f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")


_WEEKDAYS = "一二三四五六日"


def chinese_date(day: dt.date, precision: str = "day") -> str:
    """An entry's date as a 时间轴 prints it: 1月24日, or 2020年1月 / 2020年 when only that is known."""
    if precision == "year":
        return f"{day.year}年"
    if precision == "month":
        return f"{day.year}年{day.month}月"
    return f"{day.month}月{day.day}日"


def control_character(text: str, allowed: str = "") -> str | None:
    """The first control or line-separator character of `text` not in `allowed`, else None."""
    return next((c for c in text if unicodedata.category(c) in ("Cc", "Zl", "Zp") and c not in allowed), None)


def check_text(text: str, what: str) -> str:
    """Multi-line text may hold line breaks and tabs, never other control characters (they would reach
    terminals and exports raw)."""
    bad = control_character(text, "\n\t")
    if bad is not None:
        raise EditError(f"{what} holds a control character (U+{ord(bad):04X}); nothing was saved")
    return text


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


def tags_map(session: Session, pairs: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str, ...]]:
    """Tags of the given (target_type, id) items, for search items and dicts."""
    out: dict[tuple[str, int], list[str]] = {}
    by_type: dict[str, list[int]] = {}
    for target_type, target_id in pairs:
        by_type.setdefault(target_type, []).append(target_id)
    for target_type, ids in by_type.items():
        rows = session.execute(
            select(Tagging.target_id, Tag.name)
            .join(Tag)
            .where(Tagging.target_type == target_type, Tagging.target_id.in_(ids))
            .order_by(Tag.name)
        )
        for target_id, name in rows:
            out.setdefault((target_type, target_id), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def live(session: Session, entity: str, entity_id: int) -> Any:
    """The row, or NotFound when it does not exist or was deleted."""
    model = ENTITY_MODELS.get(entity)
    if model is None:
        raise EditError(f"'{entity}' is not something that can be edited (entry, document, paragraph or note)")
    # Ids are 32-bit in every database: a larger number names nothing (and would overflow PostgreSQL's integer).
    obj = session.get(model, entity_id) if 0 < entity_id <= MAX_ID else None
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise NotFound(f"no {entity} with id {entity_id}")
    if entity == "entry" and obj.document.deleted_at is not None:
        raise NotFound(f"no {entity} with id {entity_id}")
    if entity == "paragraph" and obj.document.deleted_at is not None:
        raise NotFound(f"no {entity} with id {entity_id}")
    return obj


def reindex_document(session: Session, writer, document: Document) -> None:
    """Upsert the document's and its entries' search items (with their tags), and the notes on them
    (their titles carry the document's), after a change to the document itself."""
    session.flush()
    session.expire(document)
    pairs = [("document", document.id)] + [("entry", e.id) for e in document.entries]
    # The kind is part of the key: a kind change must not leave the old key behind.
    writer.delete([f"{kind}:{document.id}" for kind in DOCUMENT_KINDS])
    writer.upsert(items_for_document(document, document.source.name, tags_map(session, pairs)))
    targets = [("document", [document.id]), ("entry", [e.id for e in document.entries])]
    targets.append(("paragraph", [p.id for p in document.paragraphs]))
    reindex_keys(session, writer, titled_by(session, targets))


def titled_by(session: Session, targets: list[tuple[str, list[int]]]) -> list[str]:
    """The search keys of the items whose title shows these targets' (a document's title, an entry's date
    and document title): the notes on them, the notes on those notes, and related documents linked to them."""
    keys: list[str] = []
    pairs = [(t, ids) for t, ids in targets if ids]
    for _depth in range(32):  # notes on notes, as deep as search_items follows them
        notes = notes_on(session, pairs)
        if not notes:
            break
        keys += [item_key("annotation", n.id) for n in notes]
        pairs = [("note", [n.id for n in notes])]
    linked = [
        RelatedLink.target_id.in_(ids) & (RelatedLink.target_type == t)
        for t, ids in targets
        if ids and t in ("document", "entry")
    ]
    if linked:
        related = session.scalars(select(RelatedLink.related_id).where(or_(*linked)).distinct())
        keys += [item_key("related", i) for i in related]
    return keys


def reindex_keys(session: Session, writer, keys) -> None:
    """Re-derive just these search items from the database; a key whose row is gone leaves the index."""
    session.flush()
    for key in dict.fromkeys(keys):
        item = item_for_key(session, key)
        if item is None:
            writer.delete([key])
        else:
            writer.upsert([item])


def entry_keys(session: Session, entry_ids: list[int]) -> list[str]:
    """The search keys an entry edit changes: the entries and the items titled by them (their date)."""
    return [item_key("entry", i) for i in entry_ids] + titled_by(session, [("entry", list(entry_ids))])


def notes_on(session: Session, pairs: list[tuple[str, list[int]]]) -> list[Annotation]:
    """Live notes on any of the given targets."""
    notes: list[Annotation] = []
    for target_type, ids in pairs:
        if ids:
            notes += session.scalars(
                select(Annotation).where(
                    Annotation.target_type == target_type,
                    Annotation.target_id.in_(ids),
                    Annotation.deleted_at.is_(None),
                )
            ).all()
    return notes


class _Writes:
    """What every writing service shares: the read-only check and turning database refusals into EditErrors."""

    def __init__(self, archive: Archive):
        self.archive = archive

    def _who(self, who: str | None) -> str:
        name = (who or "").strip() or self.archive.user
        if len(name) > WHO_MAX or control_character(name):
            raise EditError("the editor's name must be one line of at most 128 characters (Preferences)")
        return name

    @contextmanager
    def _writing(self) -> Iterator[tuple[Session, IndexChanges]]:
        """A unit of work that refuses a read-only archive and maps a lost race to ConflictError."""
        if getattr(self.archive, "read_only", False):
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        try:
            with self.archive.unit_of_work() as (s, writer):
                yield s, writer
        except DBAPIError as exc:
            # 42501: insufficient_privilege (PostgreSQL); a role that lost its rights since the archive was opened.
            if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":
                raise ReadOnlyError(READ_ONLY_MESSAGE) from None
            raise


class EditService(_Writes):
    """Corrections of entries, documents and paragraphs; add, delete (soft) and restore; history.

    Methods that edit an existing row take `expected_version` (the `version`
    the caller read) and return the row's new version.
    """

    # -- reading values the way revisions store them

    @staticmethod
    def _value(obj, entity: str, field: str) -> str | None:
        if entity == "entry" and field == "date":
            return date_label(obj.date, obj.date_precision)
        if entity == "document" and field == "published":
            return date_label(obj.published, obj.published_precision)
        return getattr(obj, field)

    def _field(self, entity: str, field: str) -> str:
        field = FIELD_ALIASES.get((entity, field), field)
        if entity not in FIELDS:
            raise EditError(f"'{entity}' cannot be edited this way (entry, document or paragraph)")
        if field not in FIELDS[entity]:
            allowed = ", ".join(FIELDS[entity])
            article = "an" if entity[0] in "aeiou" else "a"
            raise EditError(f"'{field}' is not a field of {article} {entity} that can be edited (editable: {allowed})")
        return field

    def _set(self, s: Session, obj, entity: str, field: str, value) -> str | None:
        """Validate `value` and store it on `obj`; returns the stored value as revisions keep it."""
        if entity in ("entry", "paragraph") and field == "text":
            text = check_text((value or "").strip(), f"the text of a {entity}")
            if not text:
                raise EditError(f"the text of a {entity} cannot be empty")
            if text != obj.text:
                obj.text = text
                obj.amounts.clear()
                s.flush()
                obj.amounts.extend(
                    Amount(ordinal=k, text=a.text, yuan=a.yuan) for k, a in enumerate(find_amounts(text))
                )
            return text
        if entity == "entry" and field == "date":
            day, precision = parse_partial_date(value)
            assert day is not None  # an entry's date cannot be empty: parse_partial_date refused it
            if (day, precision) != (obj.date, obj.date_precision):
                # The label the chart, reader and search titles show follows the corrected date
                # (the page as printed stays in the source text).
                obj.date, obj.date_precision, obj.date_text = day, precision, chinese_date(day, precision)
            return date_label(obj.date, obj.date_precision)
        if field == "published":
            day, precision = parse_partial_date(value, allow_empty=True)
            if (day, precision) != (obj.published, obj.published_precision):
                obj.published, obj.published_precision = day, precision
                obj.weekday = f"星期{_WEEKDAYS[day.weekday()]}" if day and precision == "day" else None
            return date_label(obj.published, obj.published_precision)
        line = (value or "").strip() or None
        if line is not None and control_character(line):
            raise EditError(f"the {field} must be one line of text (no line breaks or control characters)")
        if field == "title" and line is None:
            raise EditError("a document needs a title")
        if field == "kind" and line not in DOCUMENT_KINDS:
            raise EditError(f"'{value}' is not a document kind ({', '.join(DOCUMENT_KINDS)})")
        limit = getattr(Document.__table__.c[field].type, "length", None)
        if line is not None and limit and len(line) > limit:
            raise EditError(f"the {field} is too long ({len(line)} characters; at most {limit})")
        setattr(obj, field, line)
        return line

    def _reindex(self, s: Session, writer, obj, entity: str) -> None:
        if entity == "document":
            reindex_document(s, writer, obj)
        elif entity == "entry":
            reindex_keys(s, writer, entry_keys(s, [obj.id]))
        else:  # a paragraph is searched as part of its document's item
            reindex_keys(s, writer, [f"{obj.document.kind}:{obj.document_id}"])

    def _edit(self, entity: str, entity_id: int, field: str, value, expected_version: int, who: str | None) -> int:
        field = self._field(entity, field)
        if expected_version is None:
            raise EditError("an edit must name the version it was read at (expected_version)")
        try:
            with self._writing() as (s, writer):
                obj = live(s, entity, entity_id)
                if obj.version != expected_version:
                    raise ConflictError(entity, entity_id, field, value, self._value(obj, entity, field), obj.version)
                old = self._value(obj, entity, field)
                new = self._set(s, obj, entity, field, value)
                if new == old:
                    return obj.version
                _record(s, self._who(who), entity, entity_id, field, old, new)
                s.flush()  # UPDATE … WHERE version = expected: a concurrent commit makes this StaleDataError
                self._reindex(s, writer, obj, entity)
                version = obj.version
            return version
        except StaleDataError:
            raise self._conflict(entity, entity_id, field, value) from None

    def _conflict(self, entity: str, entity_id: int, field: str | None, yours) -> ConflictError:
        """The ConflictError for a row that changed under us, with the value and version now committed."""
        with self.archive.Session() as s:
            obj = s.get(ENTITY_MODELS[entity], entity_id)
            if obj is None or getattr(obj, "deleted_at", None) is not None:
                return ConflictError(entity, entity_id, field, yours, None, None)
            theirs = self._value(obj, entity, field) if field else None
            return ConflictError(entity, entity_id, field, yours, theirs, obj.version)

    # -- single edits

    def edit_entry(self, entry_id: int, field: str, value: str, expected_version: int, who: str | None = None) -> int:
        """Correct an entry's `text` (its amounts are re-derived) or `date` (YYYY-MM-DD, YYYY-MM or YYYY).

        Returns the entry's new version; raises ConflictError if it is no longer
        at `expected_version`, EditError for a bad value, NotFound for an unknown id."""
        return self._edit("entry", entry_id, field, value, expected_version, who)

    def edit_document(
        self, document_id: int, field: str, value: str | None, expected_version: int, who: str | None = None
    ) -> int:
        """Correct a document's title, subtitle, kind, paper, page, published (or `date`; partial allowed,
        empty = undated) or byline. Returns the new version."""
        return self._edit("document", document_id, field, value, expected_version, who)

    def edit_paragraph(self, paragraph_id: int, text: str, expected_version: int, who: str | None = None) -> int:
        """Correct a paragraph's text (its original stays in `original_text`). Returns the new version."""
        return self._edit("paragraph", paragraph_id, "text", text, expected_version, who)

    # -- bulk edits: one transaction, one undo step

    def bulk_edit(
        self,
        entity: str,
        ids: list[int],
        field: str,
        value,
        who: str | None = None,
        expected_versions: dict[int, int] | None = None,
    ) -> list[Change]:
        """Set one field on many entries or documents in one transaction; returns what changed.

        With `expected_versions` ({id: version read}) a row changed meanwhile
        refuses the whole edit with ConflictError."""
        field = self._field(entity, field)

        def apply(s: Session, obj, entity_id: int) -> tuple[str | None, str | None]:
            self._check_read(obj, entity, entity_id, field, value, expected_versions)
            old = self._value(obj, entity, field)
            return old, self._set(s, obj, entity, field, value)

        return self._change_each(entity, ids, field, who, apply)

    def shift_dates(
        self,
        entity: str,
        ids: list[int],
        days: int,
        who: str | None = None,
        expected_versions: dict[int, int] | None = None,
    ) -> list[Change]:
        """Move the dates of entries (or documents' published dates) by `days`, in one transaction.

        Partial dates (a month or a year) and undated documents cannot be shifted by days: refused.
        With `expected_versions` a row changed meanwhile refuses the whole shift with ConflictError."""
        if entity not in ("entry", "document"):
            raise EditError("only the dates of entries and documents can be shifted")
        field = "date" if entity == "entry" else "published"

        def apply(s: Session, obj, entity_id: int) -> tuple[str | None, str | None]:
            self._check_read(obj, entity, entity_id, field, f"{days:+d} days", expected_versions)
            date = obj.date if entity == "entry" else obj.published
            precision = obj.date_precision if entity == "entry" else obj.published_precision
            if date is None or precision != "day":
                raise EditError(f"{entity} {entity_id} has no full date to shift; nothing was changed")
            try:
                new = (date + dt.timedelta(days=days)).isoformat()
            except OverflowError:
                raise EditError(f"shifting {entity} {entity_id} by {days} days leaves the calendar") from None
            self._set(s, obj, entity, field, new)
            return date_label(date, precision), new

        return self._change_each(entity, ids, field, who, apply)

    def _check_read(self, obj, entity: str, entity_id: int, field: str, mine, expected: dict[int, int] | None) -> None:
        """A bulk edit given the versions it read: a row changed since refuses the whole edit."""
        if expected and obj.version != expected.get(entity_id, obj.version):
            raise ConflictError(entity, entity_id, field, mine, self._value(obj, entity, field), obj.version)

    def _change_each(self, entity: str, ids: list[int], field: str, who: str | None, apply) -> list[Change]:
        """The bulk edits' one transaction: `apply(session, row, id) -> (old, new)` on each live row,
        a revision for each real change, the changed rows re-indexed once."""
        changes: list[Change] = []
        try:
            with self._writing() as (s, writer):
                who = self._who(who)
                touched: list = []
                for entity_id in dict.fromkeys(ids):
                    obj = live(s, entity, entity_id)
                    old, new = apply(s, obj, entity_id)
                    if new == old:
                        continue
                    _record(s, who, entity, entity_id, field, old, new)
                    s.flush()
                    changes.append(Change(entity, entity_id, field, old, new, obj.version))
                    touched.append(obj)
                self._reindex_many(s, writer, entity, touched)
        except StaleDataError:
            raise EditError("a row was changed by someone else meanwhile; nothing was saved") from None
        return changes

    def _reindex_many(self, s: Session, writer, entity: str, rows: list) -> None:
        if entity == "entry":
            reindex_keys(s, writer, entry_keys(s, [e.id for e in rows]))
        else:
            for doc in rows:
                reindex_document(s, writer, doc)

    # -- add and (soft) delete

    def add_entry(self, document_id: int, date: str, text: str, who: str | None = None) -> int:
        """A new timeline entry at the end of the document's timeline; returns its id."""
        day, precision = parse_partial_date(date)
        assert day is not None  # an entry's date cannot be empty: parse_partial_date refused it
        text = check_text((text or "").strip(), "the text of an entry")
        if not text:
            raise EditError("the text of an entry cannot be empty")
        with self._writing() as (s, writer):
            doc = live(s, "document", document_id)
            ordinal = (
                s.scalar(select(func.max(TimelineEntry.ordinal)).where(TimelineEntry.document_id == doc.id)) or 0
            ) + 1
            entry = TimelineEntry(
                document_id=doc.id,
                ordinal=ordinal,
                date=day,
                date_precision=precision,
                date_text=chinese_date(day, precision),
                text=text,
                original_text=text,
                version=1,
                amounts=[Amount(ordinal=k, text=a.text, yuan=a.yuan) for k, a in enumerate(find_amounts(text))],
            )
            s.add(entry)
            s.flush()
            _record(s, self._who(who), "entry", entry.id, "created", None, f"{date_label(day, precision)} {text}")
            reindex_keys(s, writer, [item_key("entry", entry.id)])
            return entry.id

    def add_document(
        self,
        title: str,
        subtitle: str | None = None,
        kind: str = "document",
        paper: str | None = None,
        page: str | None = None,
        published: str | None = None,
        byline: str | None = None,
        who: str | None = None,
    ) -> int:
        """A document typed in by hand (no imported file); returns its id.

        It gets a source row of its own ("added by WHO", empty text) so every
        document keeps a source."""
        who = self._who(who)
        with self._writing() as (s, writer):
            source = Source(
                name=f"added by {who}",
                sha256=hashlib.sha256(f"manual:{uuid.uuid4()}".encode()).hexdigest(),
                encoding="manual",
                size=0,
                imported_by=who,
                raw_text="",
            )
            s.add(source)
            s.flush()
            doc = Document(source_id=source.id, ordinal=0, kind="document", title="-", version=1)
            s.add(doc)
            values = {
                "title": title,
                "subtitle": subtitle,
                "kind": kind,
                "paper": paper,
                "page": page,
                "published": published,
                "byline": byline,
            }
            for field, value in values.items():
                self._set(s, doc, "document", field, value)
            s.flush()
            _record(s, who, "document", doc.id, "created", None, doc.title)
            reindex_document(s, writer, doc)
            return doc.id

    def _set_deleted(self, entity: str, entity_id: int, deleted: bool, expected_version: int | None, who) -> int:
        try:
            with self._writing() as (s, writer):
                model = ENTITY_MODELS[entity]
                obj = s.get(model, entity_id)
                if obj is None or (deleted and obj.deleted_at is not None):
                    raise NotFound(f"no {entity} with id {entity_id}")
                if not deleted and obj.deleted_at is None:
                    return obj.version  # already live
                if entity == "entry" and obj.document.deleted_at is not None:
                    raise NotFound(f"no document with id {obj.document_id} (the entry's document is deleted)")
                if expected_version is not None and obj.version != expected_version:
                    raise ConflictError(entity, entity_id, None, None, None, obj.version)
                old = obj.deleted_at
                obj.deleted_at = utcnow() if deleted else None
                _record(
                    s,
                    self._who(who),
                    entity,
                    entity_id,
                    "deleted",
                    old.isoformat(timespec="seconds") if old else None,
                    obj.deleted_at.isoformat(timespec="seconds") if obj.deleted_at else None,
                )
                s.flush()
                self._index_presence(s, writer, entity, obj, deleted)
                version = obj.version
            return version
        except StaleDataError:
            raise self._conflict(entity, entity_id, None, None) from None

    def _index_presence(self, s: Session, writer, entity: str, obj, deleted: bool) -> None:
        """Take a deleted row (with its entries and notes) out of search, or put a restored one back."""
        if entity == "entry":
            doc, entry_ids, par_ids = obj.document, [obj.id], []
        else:
            doc = obj
            entry_ids = list(s.scalars(select(TimelineEntry.id).where(TimelineEntry.document_id == doc.id)))
            par_ids = [p.id for p in doc.paragraphs]
        notes = notes_on(
            s, [("entry", entry_ids), ("paragraph", par_ids)] + ([("document", [doc.id])] * (entity == "document"))
        )
        if deleted:
            keys = [item_key("annotation", n.id) for n in notes] + [item_key("entry", i) for i in entry_ids]
            if entity == "document":
                keys += [f"{kind}:{doc.id}" for kind in DOCUMENT_KINDS]
            writer.delete(keys)
        elif entity == "entry":
            reindex_keys(s, writer, entry_keys(s, [obj.id]))
        else:
            reindex_document(s, writer, doc)

    def delete_entry(self, entry_id: int, expected_version: int, who: str | None = None) -> int:
        """Delete an entry (soft: it vanishes from every view; undelete_entry brings it back)."""
        return self._set_deleted("entry", entry_id, True, expected_version, who)

    def undelete_entry(self, entry_id: int, who: str | None = None) -> int:
        """Bring back a deleted entry, with its notes and tags."""
        return self._set_deleted("entry", entry_id, False, None, who)

    def delete_document(self, document_id: int, expected_version: int, who: str | None = None) -> int:
        """Delete a document with its entries (soft; undelete_document brings them back)."""
        return self._set_deleted("document", document_id, True, expected_version, who)

    def undelete_document(self, document_id: int, who: str | None = None) -> int:
        """Bring back a deleted document with its entries and notes."""
        return self._set_deleted("document", document_id, False, None, who)

    def delete_source(self, source_id: int) -> None:
        """Remove an imported file with everything recovered from it (and its notes and links) for good."""
        with self._writing() as (s, writer):
            source = s.get(Source, source_id)
            if source is None:
                raise NotFound(f"no imported file with id {source_id}")
            keys: list[str] = []
            for doc in source.documents:
                entry_ids = list(s.scalars(select(TimelineEntry.id).where(TimelineEntry.document_id == doc.id)))
                keys += [f"{kind}:{doc.id}" for kind in DOCUMENT_KINDS]
                keys += [item_key("entry", i) for i in entry_ids]
                targets = [("document", [doc.id]), ("entry", entry_ids), ("paragraph", [p.id for p in doc.paragraphs])]
                for target_type, ids in targets:
                    note_ids = s.scalars(
                        select(Annotation.id).where(
                            Annotation.target_type == target_type, Annotation.target_id.in_(ids)
                        )
                    ).all()
                    keys += [item_key("annotation", i) for i in note_ids]
                    for model in (Annotation, Tagging, RelatedLink):
                        s.execute(delete(model).where(model.target_type == target_type, model.target_id.in_(ids)))
            s.delete(source)
            writer.delete(keys)

    # -- history

    def revisions(self, entity: str, entity_id: int) -> list[dict]:
        """The item's revisions, oldest first: id, who, at, field, old, new.

        Fields are the edited field names, plus `created`, `deleted` (old/new:
        the deletion time or None) and `tag` (old None = added, new None = removed)."""
        with self.archive.Session() as s:
            rows = s.scalars(
                select(Revision)
                .where(Revision.entity == entity, Revision.entity_id == entity_id)
                .order_by(Revision.at, Revision.id)
            )
            return [
                {
                    "id": r.id,
                    "who": r.who,
                    "at": r.at.isoformat(timespec="seconds"),
                    "field": r.field,
                    "old": r.old,
                    "new": r.new,
                }
                for r in rows
            ]

    def restore(self, revision_id: int, who: str | None = None, expected_version: int | None = None) -> int:
        """Apply a revision's old value as a new revision; returns the item's version afterwards.

        A `created` revision restores to deleted, a `deleted` one to its state
        before, a `tag` one adds or removes the tag again. With
        `expected_version` (the version the history was read at) an item
        changed since is refused with ConflictError."""
        with self.archive.Session() as s:
            rev = s.get(Revision, revision_id) if 0 < revision_id <= MAX_ID else None
            if rev is None:
                raise NotFound(f"no revision with id {revision_id}")
            entity, entity_id, field, old = rev.entity, rev.entity_id, rev.field, rev.old
            model = ENTITY_MODELS.get(entity)
            obj = s.get(model, entity_id) if model else None
            version = getattr(obj, "version", None)
            is_value = obj is not None and field not in ("created", "deleted", "tag")
            theirs = self._value(obj, entity, field) if is_value else None
        if expected_version is not None and version is not None and version != expected_version:
            raise ConflictError(entity, entity_id, field, old, theirs, version)
        if field == "tag":
            from archiveviewer.app.annotation_service import AnnotationService

            notes = AnnotationService(self.archive)
            if old is None:
                assert rev.new is not None  # a tag revision names the tag on one side
                notes.remove_tag(entity, [entity_id], rev.new, who=who)
            else:
                notes.add_tag(entity, [entity_id], old, who=who)
            return self._version(entity, entity_id)
        if obj is None:
            raise NotFound(f"no {entity} with id {entity_id}")
        version = obj.version
        if field in ("created", "deleted"):
            deleted = old is None if field == "created" else old is not None
            if entity == "note":
                from archiveviewer.app.annotation_service import AnnotationService

                notes = AnnotationService(self.archive)
                if deleted:
                    notes.delete_note(entity_id, version, who=who)
                else:
                    notes.undelete_note(entity_id, who=who)
                return self._version(entity, entity_id)
            if obj.deleted_at is not None and deleted:
                return version
            return self._set_deleted(entity, entity_id, deleted, version if deleted else None, who)
        if entity == "note":
            from archiveviewer.app.annotation_service import AnnotationService

            return AnnotationService(self.archive).edit_note(entity_id, old or "", version, who=who)["version"]
        return self._edit(entity, entity_id, field, old, version, who)

    def version(self, entity: str, entity_id: int) -> int:
        """The live item's version now (what an edit must name); NotFound if it is missing or deleted."""
        with self.archive.Session() as s:
            return live(s, entity, entity_id).version

    def _version(self, entity: str, entity_id: int) -> int:
        with self.archive.Session() as s:
            obj = s.get(ENTITY_MODELS[entity], entity_id)
            return obj.version if obj is not None else 0

    # -- helpers for the GUI

    @staticmethod
    def preview_amounts(text: str) -> list[dict]:
        """The amounts an entry text would get if saved: [{text, yuan}], as entry dicts list them."""
        return [{"text": a.text, "yuan": yuan_value(a.yuan)} for a in find_amounts(text or "")]
