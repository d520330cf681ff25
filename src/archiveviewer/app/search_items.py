"""Turns database rows into search items: with `document_items` (documents and their
timeline entries, no database access), the only place that decides what is searchable."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.app.document_items import (  # noqa: F401 - re-exported: callers import them from here
    document_item,
    document_key,
    entry_item,
    entry_title,
    item_key,
    items_for_document,
    items_for_parsed,
    masthead_line,
)
from archiveviewer.search.items import SearchItem
from archiveviewer.storage.models import (
    Annotation,
    Document,
    Paragraph,
    RelatedDocument,
    RelatedLink,
    Section,
    Tag,
    Tagging,
    TimelineEntry,
)


def annotation_item(
    note: Annotation, title: str, date: str | None, document_id: int | None, tags: tuple[str, ...] = ()
) -> SearchItem:
    return SearchItem(
        key=item_key("annotation", note.id),
        kind="annotation",
        title=title,
        text=note.text,
        date=date,
        document_id=document_id,
        entity_id=note.id,
        tags=tags,
        authors=(note.author,),
        # The title is the noted item's: context, not the note's own text.
        title_matches=False,
    )


def related_targets(session: Session, related_id: int) -> list[tuple[str, int, str]]:
    """What a related document relates to: (target type, id, title), articles first."""
    out: list[tuple[str, int, str]] = []
    links = session.execute(
        select(RelatedLink.target_type, RelatedLink.target_id).where(RelatedLink.related_id == related_id)
    ).all()
    for target_type, target_id in sorted(links):
        if target_type == "document":
            doc = session.get(Document, target_id)
            title = doc.title if doc is not None and getattr(doc, "deleted_at", None) is None else None
        else:
            entry = session.get(TimelineEntry, target_id)
            gone = entry is None or getattr(entry, "deleted_at", None) is not None
            title = None if entry is None or gone else entry_title(entry, entry.document.title)
        if title is not None:
            out.append((target_type, target_id, title))
    return out


def related_title(name: str, targets: list[tuple[str, int, str]]) -> str:
    """`通知.pdf → 无锡各级工会…; 1月24日 · …`: a hit in a related document says what it belongs to."""
    if not targets:
        return name
    return f"{name} → " + "; ".join(t for _k, _i, t in targets)


def related_item(
    rel: RelatedDocument, targets: list[tuple[str, int, str]] | None = None, tags: tuple[str, ...] = ()
) -> SearchItem:
    targets = targets or []
    # The first linked article: a hit in the document belongs to that article's date and facets.
    document_id = next((i for k, i, _t in targets if k == "document"), None)
    return SearchItem(
        key=item_key("related", rel.id),
        kind="document",
        title=related_title(rel.name, targets),
        text=rel.text or "",
        date=rel.added_at.date().isoformat() if rel.added_at else None,
        document_id=document_id,
        entity_id=rel.id,
        source=rel.name,
        tags=tags,
        authors=tuple(a for a in (rel.added_by,) if a),
    )


def _all_tags(session: Session) -> dict[tuple[str, int], tuple[str, ...]]:
    out: dict[tuple[str, int], list[str]] = {}
    for target_type, target_id, name in session.execute(
        select(Tagging.target_type, Tagging.target_id, Tag.name).join(Tag)
    ):
        out.setdefault((target_type, target_id), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def count_items(session: Session) -> int:
    """About as many items as `all_items` yields (soft-deleted rows are left out)."""
    return (
        (session.scalar(select(func.count(Document.id)).where(Document.deleted_at.is_(None))) or 0)
        + (session.scalar(select(func.count(TimelineEntry.id)).where(TimelineEntry.deleted_at.is_(None))) or 0)
        + (session.scalar(select(func.count(Annotation.id)).where(Annotation.deleted_at.is_(None))) or 0)
        + (session.scalar(select(func.count(RelatedDocument.id))) or 0)
    )


def all_items(session: Session) -> Iterator[SearchItem]:
    """Every searchable item, for rebuilding the index from the database (soft-deleted rows and
    notes on them are not searchable)."""
    tags = _all_tags(session)
    titles: dict[tuple[str, int], tuple[str, str | None, int | None]] = {}
    docs = session.scalars(
        select(Document)
        .where(Document.deleted_at.is_(None))
        .order_by(Document.id)
        .options(
            selectinload(Document.sections).selectinload(Section.paragraphs),
            selectinload(Document.entries),
            selectinload(Document.source),
        )
        .execution_options(yield_per=200)
    )
    for doc in docs:
        date = doc.published.isoformat() if doc.published else None
        titles[("document", doc.id)] = (doc.title, date, doc.id)
        for section in doc.sections:
            for p in section.paragraphs:
                titles[("paragraph", p.id)] = (doc.title, date, doc.id)
        for e in doc.entries:
            titles[("entry", e.id)] = (entry_title(e, doc.title), e.date.isoformat(), doc.id)
        yield from items_for_document(doc, doc.source.name, tags)
    for rel in session.scalars(select(RelatedDocument).order_by(RelatedDocument.id)):
        titles[("related", rel.id)] = (rel.name, None, None)
        yield related_item(rel, related_targets(session, rel.id), tags.get(("related", rel.id), ()))
    for note in session.scalars(select(Annotation).where(Annotation.deleted_at.is_(None)).order_by(Annotation.id)):
        target = titles.get((note.target_type, note.target_id))
        if target is None and note.target_type in ("document", "entry", "paragraph", "note"):
            continue  # its target was deleted
        title, date, document_id = target or ("", None, None)
        titles[("note", note.id)] = (title, date, document_id)
        yield annotation_item(note, title, date, document_id, tags.get(("note", note.id), ()))


def _tags_of(session: Session, target_type: str, target_id: int) -> tuple[str, ...]:
    names = session.scalars(
        select(Tag.name)
        .join(Tagging)
        .where(Tagging.target_type == target_type, Tagging.target_id == target_id)
        .order_by(Tagging.id)
    )
    return tuple(names)


def _target_context(session: Session, target_type: str, target_id: int, depth: int = 0):
    """(title, date, document id) a note on this target is shown with, as `all_items` gives it; None if gone."""
    if target_type == "document":
        doc = session.get(Document, target_id)
        if doc is not None and doc.deleted_at is None:
            return doc.title, (doc.published.isoformat() if doc.published else None), doc.id
    elif target_type == "paragraph":
        para = session.get(Paragraph, target_id)
        doc = para.document if para is not None else None
        if doc is not None and doc.deleted_at is None:
            return doc.title, (doc.published.isoformat() if doc.published else None), doc.id
    elif target_type == "entry":
        entry = session.get(TimelineEntry, target_id)
        if entry is not None and entry.deleted_at is None and entry.document.deleted_at is None:
            return entry_title(entry, entry.document.title), entry.date.isoformat(), entry.document.id
    elif target_type == "note":
        note = session.get(Annotation, target_id)
        if note is not None and note.deleted_at is None and depth < 32:
            return _target_context(session, note.target_type, note.target_id, depth + 1)
    elif target_type == "related":
        rel = session.get(RelatedDocument, target_id)
        return (rel.name, None, None) if rel is not None else ("", None, None)
    else:
        return "", None, None
    return None


def item_for_key(session: Session, key: str, tags_of=None) -> SearchItem | None:
    """The current item of one search key, derived from the database as `all_items` would; None if gone.

    `tags_of(target_type, id)` gives an item's tags (default: one query each).
    """
    if tags_of is None:

        def tags_of(target_type: str, target_id: int) -> tuple[str, ...]:
            return _tags_of(session, target_type, target_id)

    prefix, _, ident = key.partition(":")
    if not ident.isdigit():
        return None
    target_id = int(ident)
    if prefix == "entry":
        entry = session.get(TimelineEntry, target_id)
        if entry is None or entry.deleted_at is not None or entry.document.deleted_at is not None:
            return None
        doc = entry.document
        return entry_item(entry, doc, doc.source.name, tags_of("entry", entry.id))
    if prefix == "related":
        rel = session.get(RelatedDocument, target_id)
        return None if rel is None else related_item(rel, related_targets(session, rel.id), tags_of("related", rel.id))
    if prefix == "annotation":
        note = session.get(Annotation, target_id)
        if note is None or note.deleted_at is not None:
            return None
        context = _target_context(session, note.target_type, note.target_id)
        if context is None:
            return None  # its target was deleted
        title, date, document_id = context
        return annotation_item(note, title, date, document_id, tags_of("note", note.id))
    found = session.get(Document, target_id)
    if found is None or found.kind != prefix or found.deleted_at is not None:
        return None
    return document_item(found, found.source.name, tags_of("document", found.id))


_CHUNK = 500


def items_for_keys(session: Session, keys) -> list[tuple[str, SearchItem | None]]:
    """(key, current item or None if gone) for many keys, loading their rows in a few batched queries."""
    keys = sorted(set(keys))
    ids: dict[str, list[int]] = {}
    for key in keys:
        prefix, _, ident = key.partition(":")
        if ident.isdigit():
            ids.setdefault(prefix, []).append(int(ident))
    loads = (
        (
            Document,
            ids.get("article", []) + ids.get("document", []),
            (
                selectinload(Document.sections).selectinload(Section.paragraphs),
                selectinload(Document.entries),
                selectinload(Document.source),
            ),
        ),
        (TimelineEntry, ids.get("entry", []), (selectinload(TimelineEntry.document).selectinload(Document.source),)),
        (Annotation, ids.get("annotation", []), ()),
        (RelatedDocument, ids.get("related", []), ()),
    )
    for model, wanted, options in loads:
        for lo in range(0, len(wanted), _CHUNK):
            # Loaded rows stay in the session's identity map: session.get() then needs no query.
            session.scalars(select(model).where(model.id.in_(wanted[lo : lo + _CHUNK])).options(*options)).all()
    tags: dict[tuple[str, int], list[str]] = {}
    for target_type, wanted in (
        ("document", ids.get("article", []) + ids.get("document", [])),
        ("entry", ids.get("entry", [])),
        ("note", ids.get("annotation", [])),
        ("related", ids.get("related", [])),
    ):
        for lo in range(0, len(wanted), _CHUNK):
            rows = session.execute(
                select(Tagging.target_id, Tag.name)
                .join(Tag)
                .where(Tagging.target_type == target_type, Tagging.target_id.in_(wanted[lo : lo + _CHUNK]))
                .order_by(Tagging.id)
            )
            for target_id, name in rows:
                tags.setdefault((target_type, target_id), []).append(name)

    def tags_of(target_type: str, target_id: int) -> tuple[str, ...]:
        return tuple(tags.get((target_type, target_id), ()))

    return [(key, item_for_key(session, key, tags_of)) for key in keys]
