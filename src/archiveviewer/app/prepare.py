"""Reading one file for an import: read, decode (or OCR), repair and parse it, and make the
index fields of what it will store. What runs in an import's worker processes; it imports
nothing of the database, so a worker starts in a fraction of the time."""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiveviewer.app.document_items import items_for_parsed
from archiveviewer.ingest import page_model
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.files import display_name, read_file
from archiveviewer.ingest.loaders import Loaded, load_steps
from archiveviewer.ingest.newspaper_parser import parse
from archiveviewer.ingest.page_model import ParsedDocument, ParsedPage
from archiveviewer.search.schema import packed_fields


@dataclass
class Prepared:
    """One file read and parsed, ready to be stored."""

    path: Path
    sha256: str
    size: int
    encoding: str
    text: str
    page: ParsedPage
    name: str = ""  # the file name fit to store and show (see ingest.files.display_name)
    data: bytes = b""  # the original bytes, kept in the archive
    media_type: str = "text/plain"
    ocr_confidence: tuple[tuple[int, float], ...] = ()
    searchable: bool = True
    # Per parsed document, the search index fields of its items (the document's, then one per
    # timeline entry) without ids: made where the file is parsed, so in a worker process.
    index_fields: list[list[dict]] | None = None

    def release(self) -> None:
        """Drop what only storing and indexing needed (the parse, the bytes, the texts): an
        import keeps every stored file's record to the end, and its garbage collections
        scan every object still held."""
        self.page = _NO_PAGE
        self.data = b""
        self.text = ""
        self.index_fields = None


_NO_PAGE = ParsedPage(masthead=None, documents=[])


def prepare_steps(path: Path) -> Generator[tuple[int, int], None, Prepared]:
    """Read, decode (or OCR) and parse one file. Yields OCR page progress; closing it stops OCR."""
    name = display_name(path.name)
    data = read_file(path)
    loaded: Loaded = yield from load_steps(data, name)
    if loaded.text is None:
        # A scan without OCR: kept and shown as an image, titled by its name, with no text to search.
        title = display_name(path.stem) or name
        page = ParsedPage(
            masthead=None, documents=[ParsedDocument("document", title, sections=[page_model.Section(None)])]
        )
    else:
        page = parse(loaded.text, name)
        if not page.documents:
            raise IngestError.for_file(name, "no text found to import")
    return Prepared(
        path,
        hashlib.sha256(data).hexdigest(),
        len(data),
        loaded.encoding,
        loaded.text or "",
        page,
        name=name,
        data=data,
        media_type=loaded.media_type,
        ocr_confidence=loaded.ocr_confidence,
        searchable=loaded.searchable,
        index_fields=index_fields_of(page, name),
    )


def index_fields_of(page: ParsedPage, name: str) -> list[list[dict]]:
    """The index fields of every item the page's documents will have once stored (ids left 0).

    Normalizing and cutting the texts into terms is most of indexing; done here, it runs in the
    worker processes that parse, beside the process that stores (see `import_service._index_stored`)."""
    return [
        [packed_fields(it) for it in items_for_parsed(document_row(d, i, None, page.masthead), d, name)]
        for i, d in enumerate(page.documents)
    ]


def prepare(path: Path) -> Prepared:
    """`prepare_steps` run to the end."""
    steps = prepare_steps(path)
    try:
        while True:
            next(steps)
    except StopIteration as stop:
        return stop.value


def prepare_or_error(path: Path) -> Prepared | str:
    """`prepare` for a worker process: a refusal comes back as its one-line message."""
    try:
        return prepare(path)
    except IngestError as exc:
        return str(exc)


def prepare_all_or_error(paths: list[Path]) -> list[Prepared | str]:
    """`prepare_or_error` of each path: one worker task."""
    return [prepare_or_error(path) for path in paths]


def document_row(parsed: ParsedDocument, ordinal: int, source_id: int | None, masthead) -> dict:
    """The `document` row of a parsed document (`source_id` None before the source row exists)."""
    row: dict[str, Any] = {
        "source_id": source_id,
        "ordinal": ordinal,
        "kind": parsed.kind,
        "title": parsed.title,
        "subtitle": parsed.subtitle,
        "byline": parsed.byline,
        "version": 1,
        "paper": None,
        "page": None,
        "published": None,
        "weekday": None,
        "editor": None,
        "layout_editor": None,
        "proofreader": None,
    }
    if masthead is not None:
        row.update(
            paper=masthead.paper,
            page=masthead.page,
            published=masthead.date,
            weekday=masthead.weekday,
            editor=masthead.editor,
            layout_editor=masthead.layout_editor,
            proofreader=masthead.proofreader,
        )
    # The document's own date: the masthead's, or the one its dateline states (else undated).
    row["published"] = parsed.published or row["published"]
    return row


def exit_with_parent() -> None:
    """A worker process's initializer: end the worker as soon as the process that started it
    has ended. Killed (kill -9, a crash), an importing process cannot stop its workers, which
    would otherwise wait on their task queue for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
