"""The search items of a document and its timeline entries, from its rows or from its parse.

Part of `search_items` (which decides what is searchable); kept apart, without any
database import, because an import's worker process makes these items from the
parse before the rows exist, and a worker that imports less starts sooner.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from archiveviewer.ingest.page_model import ParsedDocument
from archiveviewer.search.items import SearchItem

if TYPE_CHECKING:
    from archiveviewer.storage.models import Document, TimelineEntry


def masthead_line(doc: Document) -> str:
    parts = [doc.paper, doc.page, doc.published.isoformat() if doc.published else None, doc.weekday]
    roles = [("责编", doc.editor), ("版式", doc.layout_editor), ("校对", doc.proofreader)]
    parts += [f"{label} {name}" for label, name in roles if name]
    return " ".join(p for p in parts if p)


def item_key(kind: str, item_id: int) -> str:
    """The search index's id of an item: `entry:7`, `article:3`, `annotation:12`, `related:4`."""
    return f"{kind}:{item_id}"


def document_key(doc: Document) -> str:
    return item_key(doc.kind, doc.id)


def entry_title(entry: TimelineEntry, document_title: str) -> str:
    return f"{entry.date_text} · {document_title}"


def document_item(doc: Document, source_name: str | None, tags: tuple[str, ...] = ()) -> SearchItem:
    # Reading order, masthead last: an item's snippet without a match shows its opening.
    body: list[str] = [doc.subtitle or ""]
    for section in doc.sections:
        if section.heading:
            body.append(section.heading)
        body.extend(p.text for p in section.paragraphs)
    if doc.byline:
        body.append(f"（{doc.byline}）")
    body.append(masthead_line(doc))
    authors = tuple(a for a in (doc.byline, doc.editor, doc.layout_editor, doc.proofreader) if a)
    return SearchItem(
        key=document_key(doc),
        kind=doc.kind,
        title=doc.title,
        # Blank lines between parts: snippets show paragraph breaks as spaces (a single
        # newline between Chinese characters is taken for an OCR wrap and closed up).
        text="\n\n".join(b for b in body if b),
        date=doc.published.isoformat() if doc.published else None,
        document_id=doc.id,
        entity_id=doc.id,
        source=source_name,
        tags=tags,
        authors=authors,
    )


def entry_item(entry: TimelineEntry, doc: Document, source_name: str | None, tags: tuple[str, ...] = ()) -> SearchItem:
    return SearchItem(
        key=item_key("entry", entry.id),
        kind="entry",
        title=entry_title(entry, doc.title),
        text=entry.text,
        date=entry.date.isoformat(),
        document_id=doc.id,
        entity_id=entry.id,
        source=source_name,
        tags=tags,
        authors=tuple(a for a in (doc.byline,) if a),
        # The page title is shown beside the entry, not matched as its text.
        title_matches=False,
    )


def items_for_document(doc: Document, source_name: str | None, tags: dict | None = None) -> list[SearchItem]:
    """The document's own item and one item per timeline entry."""
    tags = tags or {}
    items = [document_item(doc, source_name, tags.get(("document", doc.id), ()))]
    items += [entry_item(e, doc, source_name, tags.get(("entry", e.id), ())) for e in doc.entries]
    return items


def items_for_parsed(row: dict, parsed: ParsedDocument, source_name: str | None) -> list[SearchItem]:
    """`items_for_document` of a document before it is stored, from the row about to be inserted
    (``import_service._document_row``) and its parse; every id is 0.

    An import's worker process makes these, so the storing process does not load what it
    stored back; `schema.with_ids` gives their index fields the ids the rows got. The
    document goes through `items_for_document` itself, so nothing can differ but the ids.
    """
    entries = [SimpleNamespace(id=0, date=e.date, date_text=e.date_text, text=e.text) for e in parsed.timeline]
    doc = SimpleNamespace(**row, id=0, sections=parsed.sections, entries=entries)
    return items_for_document(cast("Document", doc), source_name)
