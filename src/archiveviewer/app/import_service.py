"""Import use case: decode and parse files (in worker processes), store all of them in one transaction."""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import items_for_document
from archiveviewer.ingest import page_model
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.files import display_name, read_file, scan_paths
from archiveviewer.ingest.loaders import KINDS, Loaded, kind_of, load_steps
from archiveviewer.ingest.newspaper_parser import parse
from archiveviewer.ingest.page_model import ParsedDocument, ParsedPage
from archiveviewer.storage.models import (
    Amount,
    Document,
    OriginalFile,
    Paragraph,
    Section,
    Source,
    TimelineEntry,
    utcnow,
)

SUPPORTED_SUFFIXES = set(KINDS)  # text, Markdown, HTML, PDF, DOCX, PNG/JPEG/TIFF scans


@dataclass
class ImportedFile:
    name: str
    source_id: int
    encoding: str
    documents: list[tuple[int, str, str]]  # (id, kind, title)
    entries: int


@dataclass
class ImportReport:
    imported: list[ImportedFile] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # "name (same as existing.txt)"
    errors: list[str] = field(default_factory=list)  # one user-facing line per refused file
    unsupported: list[str] = field(default_factory=list)  # files in folders of a type the archive does not take
    skipped: list[str] = field(default_factory=list)  # unreadable folders, broken links, link loops
    unsearchable: list[str] = field(default_factory=list)  # scans kept without text (no OCR installed)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Prepared:
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


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders contribute every supported file (recursively, sorted)."""
    return scan_paths(paths).files


def _prepare_steps(path: Path) -> Generator[tuple[int, int], None, _Prepared]:
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
    return _Prepared(
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
    )


def _prepare(path: Path) -> _Prepared:
    """`_prepare_steps` run to the end."""
    steps = _prepare_steps(path)
    try:
        while True:
            next(steps)
    except StopIteration as stop:
        return stop.value


class _NothingToStore(Exception):
    """Leaves the unit of work without committing: every file was refused or a duplicate."""


def _prepare_or_error(path: Path) -> _Prepared | str:
    """`_prepare` for a worker process: a refusal comes back as its one-line message."""
    try:
        return _prepare(path)
    except IngestError as exc:
        return str(exc)


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 16
# Stored files handed to the search index per progress step.
INDEX_BATCH = 50


def _default_workers() -> int:
    # One core stores and indexes; the others parse (more processes than cores only thrash).
    return max(0, min(4, (os.cpu_count() or 1) - 1))


def _prepared_in_order(paths: list[Path], workers: int) -> Generator[_Prepared | str | None, None, None]:
    """Each path read, decoded and parsed, in order, in `workers` processes (spawned, so safe
    from a GUI thread and in a frozen app that calls multiprocessing.freeze_support()); None
    for a path to read in this process (OCR, or too few files for workers to pay). Closing
    the iterator stops the workers."""
    if workers < 1 or sum(map(_in_worker, paths)) < PARALLEL_MIN_FILES:
        yield from (None for _ in paths)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    done = 0
    try:
        # Bounded read-ahead: the workers stay a few files ahead of the storing, no further.
        pending: deque[Future | None] = deque()
        queue = iter(paths)

        def submit(path: Path) -> None:
            pending.append(pool.submit(_prepare_or_error, path) if _in_worker(path) else None)

        for path in itertools.islice(queue, workers * 8):
            submit(path)
        while pending:
            future = pending.popleft()
            result = None if future is None else future.result()
            nxt = next(queue, None)
            if nxt is not None:
                submit(nxt)
            done += 1
            yield result
    except BrokenProcessPool:
        # A worker could not start or died (a script without a __main__ guard, no memory):
        # the rest is read here, slower but complete.
        yield from (None for _ in paths[done:])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_worker(path: Path) -> bool:
    """Files read in a worker process: those that need no OCR (it reports pages, and runs its own process)."""
    return kind_of(path.name) in ("text", "html", "docx", None)


def _prepare_here(
    path: Path, done: int, total: int, name: str
) -> Generator[tuple[int, int, str], None, _Prepared | str]:
    """`_prepare_steps` in this process, its OCR pages as steps; a refusal as its message."""
    try:
        steps = _prepare_steps(path)
        try:
            while True:
                page, pages = next(steps)  # OCR: a page at a time, the bar shows which
                yield done, total, f"{name} ({page + 1}/{pages})" if pages > 1 else name
        except StopIteration as stop:
            return stop.value
        finally:
            steps.close()  # a cancel between pages stops the OCR process
    except IngestError as exc:
        return str(exc)


class ImportJob:
    """Imports a set of files. `steps()` is a generator yielding (done, total, name).

    Files are read, decoded and parsed in worker processes while this process stores
    them; everything is stored in one transaction. Closing `steps()` before it ends
    (cancel) rolls everything back: its last step comes before the commit, and nothing
    can be cancelled after it. `committed` says whether the import reached the archive,
    also when an exception (Ctrl-C) interrupted it after the commit; `report` then lists
    what was imported."""

    def __init__(
        self, archive: Archive, paths: Iterable[str | Path], who: str | None = None, workers: int | None = None
    ):
        self.archive = archive
        scan = scan_paths(paths)
        self.paths = scan.files
        self.who = who or archive.user
        self.workers = _default_workers() if workers is None else workers
        self.report = ImportReport(unsupported=scan.unsupported, skipped=scan.skipped)
        self.committed = False

    def run(self) -> ImportReport:
        for _ in self.steps():
            pass
        return self.report

    def steps(self) -> Iterator[tuple[int, int, str]]:
        """(done, total, name): reading file `name` while done < total / 2, indexing after,
        ("", total, total) just before the commit."""
        total = len(self.paths)
        stored: list[tuple[_Prepared, int]] = []
        results = _prepared_in_order(self.paths, self.workers)
        try:
            with self.archive.unit_of_work() as (session, writer):
                seen: dict[str, str] = {}
                for i, path in enumerate(self.paths):
                    name = display_name(path.name)
                    yield i, total * 2, name
                    item = next(results)
                    if item is None:
                        # Read here, a page at a time: OCR reports its pages and stops on cancel.
                        item = yield from _prepare_here(path, i, total * 2, name)
                    if isinstance(item, str):
                        self.report.errors.append(item)
                    elif item.sha256 in seen:
                        self.report.duplicates.append(f"{name} (same content as {seen[item.sha256]})")
                    else:
                        seen[item.sha256] = name
                        existing = session.scalar(select(Source.name).where(Source.sha256 == item.sha256))
                        if existing:
                            self.report.duplicates.append(f"{name} (already imported as {existing})")
                        else:
                            if not item.searchable:
                                self.report.unsearchable.append(item.name)
                            stored.append((item, _store(session, item, self.who)))
                if not stored:
                    raise _NothingToStore
                imported: list[ImportedFile] = []
                for k in range(0, len(stored), INDEX_BATCH):
                    batch = stored[k : k + INDEX_BATCH]
                    yield total + (total * k) // len(stored), total * 2, batch[0][0].name
                    imported += _index_stored(session, writer, batch)
                # The last step that can be cancelled: closing here rolls back.
                yield total * 2, total * 2, ""
            self.committed = True
            self.report.imported.extend(imported)
        except _NothingToStore:
            return
        except BaseException:
            # Interrupted (Ctrl-C, a full disk): maybe before the database committed, maybe after.
            self._settle(stored)
            raise
        finally:
            results.close()

    def _settle(self, stored: list[tuple[_Prepared, int]]) -> None:
        """After an interruption, make `committed` and `report` say what the archive really holds."""
        if self.committed or not stored:
            return
        try:
            with self.archive.Session() as session:
                names = dict(
                    session.execute(
                        select(Source.sha256, Source.id).where(Source.sha256.in_([item.sha256 for item, _ in stored]))
                    ).all()
                )
                if not names:
                    return
                kept = [(item, names[item.sha256]) for item, _ in stored if item.sha256 in names]
                self.report.imported[:] = _imported_files(session, kept)
        except Exception:  # noqa: BLE001 - the interruption is what gets reported
            return
        self.committed = True


def _index_stored(session: Session, writer, stored: list[tuple[_Prepared, int]]) -> list[ImportedFile]:
    """Load what was stored (one query per table for the whole batch) and hand it to the index."""
    by_source: dict[int, list[Document]] = {source_id: [] for _, source_id in stored}
    docs = session.scalars(
        select(Document)
        .where(Document.source_id.in_(list(by_source)))
        .order_by(Document.source_id, Document.ordinal)
        .options(
            selectinload(Document.sections).selectinload(Section.paragraphs),
            selectinload(Document.entries),
            selectinload(Document.source),
        )
    )
    for doc in docs:
        by_source[doc.source_id].append(doc)
        writer.upsert(items_for_document(doc, doc.source.name))
    return _report_rows(stored, by_source)


def _imported_files(session: Session, stored: list[tuple[_Prepared, int]]) -> list[ImportedFile]:
    """What `stored` holds in the archive now (after an interrupted import committed)."""
    by_source: dict[int, list[Document]] = {source_id: [] for _, source_id in stored}
    docs = session.scalars(
        select(Document)
        .where(Document.source_id.in_(list(by_source)))
        .order_by(Document.source_id, Document.ordinal)
        .options(selectinload(Document.entries))
    )
    for doc in docs:
        by_source[doc.source_id].append(doc)
    return _report_rows(stored, by_source)


def _report_rows(stored: list[tuple[_Prepared, int]], by_source: dict[int, list[Document]]) -> list[ImportedFile]:
    return [
        ImportedFile(
            name=item.name,
            source_id=source_id,
            encoding=item.encoding,
            documents=[(d.id, d.kind, d.title) for d in by_source[source_id]],
            entries=sum(len(d.entries) for d in by_source[source_id]),
        )
        for item, source_id in stored
    ]


def _insert(session: Session, model, rows: list[dict]) -> list[int]:
    """Bulk INSERT … RETURNING id, ids in the order of `rows`."""
    if not rows:
        return []
    return list(session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows))


def _amount_rows(amounts, **owner) -> list[dict]:
    return [{**owner, "ordinal": k, "text": a.text, "yuan": a.yuan} for k, a in enumerate(amounts)]


def _store(session: Session, item: _Prepared, who: str) -> int:
    """Insert one file's rows; returns the source id.

    Bulk inserts rather than one ORM object per row: the unit-of-work flush was
    about 60% of an import's time (benchmarks/import_bench.py)."""
    store_original(session, item.sha256, item.media_type, item.data)
    (source_id,) = _insert(
        session,
        Source,
        [
            {
                "name": item.name or display_name(item.path.name),
                "sha256": item.sha256,
                "encoding": item.encoding,
                "size": item.size,
                "imported_at": utcnow(),
                "imported_by": who,
                "raw_text": item.text,
                "media_type": item.media_type,
                "ocr_confidence": json.dumps([list(p) for p in item.ocr_confidence]) if item.ocr_confidence else None,
            }
        ],
    )
    page, masthead = item.page, item.page.masthead
    doc_ids = _insert(
        session, Document, [_document_row(d, i, source_id, masthead) for i, d in enumerate(page.documents)]
    )
    amount_rows: list[dict] = []
    for doc_id, parsed in zip(doc_ids, page.documents, strict=True):
        section_ids = _insert(
            session,
            Section,
            [{"document_id": doc_id, "ordinal": k, "heading": sec.heading} for k, sec in enumerate(parsed.sections)],
        )
        par_rows: list[dict] = []
        par_amounts: list[list] = []
        for section_id, sec in zip(section_ids, parsed.sections, strict=True):
            for par in sec.paragraphs:
                par_rows.append(
                    {
                        "document_id": doc_id,
                        "section_id": section_id,
                        "ordinal": len(par_rows),
                        "text": par.text,
                        "original_text": par.text,
                        "line_start": par.line_start,
                        "line_end": par.line_end,
                    }
                )
                par_amounts.append(par.amounts)
        par_ids = _insert(session, Paragraph, par_rows)
        for par_id, amounts in zip(par_ids, par_amounts, strict=True):
            amount_rows += _amount_rows(amounts, paragraph_id=par_id)
        entry_ids = _insert(
            session,
            TimelineEntry,
            [
                {
                    "document_id": doc_id,
                    "ordinal": k,
                    "date": e.date,
                    "date_text": e.date_text,
                    "text": e.text,
                    "original_text": e.text,
                    "paragraph_start_id": par_ids[e.paragraph_start],
                    "paragraph_end_id": par_ids[e.paragraph_end],
                    "version": 1,
                }
                for k, e in enumerate(parsed.timeline)
            ],
        )
        for entry_id, e in zip(entry_ids, parsed.timeline, strict=True):
            amount_rows += _amount_rows(e.amounts, entry_id=entry_id)
    if amount_rows:
        session.execute(insert(Amount), amount_rows)
    return source_id


def store_original(session: Session, sha256: str, media_type: str, data: bytes) -> None:
    """Keep a file's bytes once, under its sha256 (a second use of the same bytes stores nothing)."""
    if not data or session.get(OriginalFile, sha256) is not None:
        return
    session.add(OriginalFile(sha256=sha256, media_type=media_type, size=len(data), content=data))
    session.flush()


def _document_row(parsed: ParsedDocument, ordinal: int, source_id: int, masthead) -> dict:
    row = {
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
