"""Import use case: decode and parse files (in worker processes), store all of them in one transaction."""

from __future__ import annotations

import functools
import gc
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

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.app.archive import Archive
from archiveviewer.app.prepare import (
    Prepared,
    document_row,
    exit_with_parent,
    prepare_all_or_error,
    prepare_or_error,
    prepare_steps,
)
from archiveviewer.app.search_items import item_key, items_for_document
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.files import display_name, scan_paths
from archiveviewer.ingest.loaders import KINDS, kind_of
from archiveviewer.search.schema import with_ids
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


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders contribute every supported file (recursively, sorted)."""
    return scan_paths(paths).files


class _NothingToStore(Exception):
    """Leaves the unit of work without committing: every file was refused or a duplicate."""


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 16
# Stored files handed to the search index per progress step.
INDEX_BATCH = 50


def _default_workers() -> int:
    # One core stores and indexes; the others parse (more processes than cores only thrash).
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class _Ahead:
    """One file of the read-ahead window: its path, and either the future of the worker task
    that reads it (at `pos` among the task's files) or its result read in this process (`here`);
    neither yet while it waits for a worker."""

    __slots__ = ("path", "future", "pos", "here", "result")

    def __init__(self, path: Path):
        self.path = path
        self.future: Future | None = None
        self.pos = 0
        self.here = not _in_worker(path)  # OCR: read by the caller, a page at a time
        self.result: Prepared | str | None = None


# Files per worker task: a task's result comes back through the pool's thread in this
# process, which has to get the GIL from the storing; a few files a task keep a worker busy.
TASK_FILES = 8
# Unfinished tasks per worker: while this process gives 50 stored files to the index
# (~40 ms), a worker should not run out of files (at 8 files a task, 4 tasks last ~40 ms).
TASKS_PER_WORKER = 4


def _prepared_in_order(paths: list[Path], workers: int) -> Generator[Prepared | str | None, None, None]:
    """Each path read, decoded and parsed, in order, in `workers` processes (spawned, so safe
    from a GUI thread and in a frozen app that calls multiprocessing.freeze_support()); None
    for a path to read in this process (OCR, or too few files for workers to pay). Closing
    the iterator stops the workers.

    The workers get a few tasks of TASK_FILES files at a time. While the next result is not
    ready, this process reads the last file of the read-ahead window no worker has got,
    itself: it would only wait otherwise, and so the work shares itself out between the
    workers and this process (which also stores and indexes) however busy each of them is."""
    if workers < 1 or sum(map(_in_worker, paths)) < PARALLEL_MIN_FILES:
        yield from (None for _ in paths)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent
    )
    tasks = workers * TASKS_PER_WORKER  # unfinished tasks at a time
    # Bounded read-ahead: the workers stay a few files ahead of the storing, no further.
    window: deque[_Ahead] = deque(_Ahead(p) for p in itertools.islice(paths, (tasks + 2) * TASK_FILES))
    queue = iter(paths[len(window) :])
    try:
        while window:
            _hand_out(pool, window, tasks)
            head = window[0]
            while head.future is not None and not head.future.done() and _read_one_here(window):
                pass
            result = head.future.result()[head.pos] if head.future is not None else head.result
            window.popleft()
            yield result
            nxt = next(queue, None)
            if nxt is not None:
                window.append(_Ahead(nxt))
    except BrokenProcessPool:
        # A worker could not start or died (a script without a __main__ guard, no memory):
        # the rest is read here, slower but complete. `window` holds the next files (some
        # read here already), the queue the files after them.
        yield from (a.result if a.future is None else None for a in window)
        yield from (None for _ in queue)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _hand_out(pool: ProcessPoolExecutor, window: deque[_Ahead], tasks: int) -> None:
    """Give the workers the first files of `window` that no one has got yet, TASK_FILES a task,
    until `tasks` tasks are unfinished; a task is not started short unless the window ends."""
    busy = len({id(a.future) for a in window if a.future is not None and not a.future.done()})
    waiting = [a for a in window if a.future is None and not a.here]
    for lo in range(0, len(waiting), TASK_FILES):
        chunk = waiting[lo : lo + TASK_FILES]
        if busy >= tasks or (len(chunk) < TASK_FILES and len(window) > TASK_FILES):
            return
        future = pool.submit(prepare_all_or_error, [a.path for a in chunk])
        for pos, ahead in enumerate(chunk):
            ahead.future, ahead.pos = future, pos
        busy += 1


def _read_one_here(window: deque[_Ahead]) -> bool:
    """Read the last file of `window` that no worker has got, here; False if there is none."""
    for ahead in reversed(window):
        if ahead.future is None and not ahead.here:
            ahead.here = True
            ahead.result = prepare_or_error(ahead.path)
            return True
    return False


def _in_worker(path: Path) -> bool:
    """Files read in a worker process: those that need no OCR (it reports pages, and runs its own process)."""
    return kind_of(path.name) in ("text", "html", "docx", None)


def _prepare_here(
    path: Path, done: int, total: int, name: str
) -> Generator[tuple[int, int, str], None, Prepared | str]:
    """`prepare_steps` in this process, its OCR pages as steps; a refusal as its message."""
    try:
        steps = prepare_steps(path)
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
        """(done, total, name): `total` is twice the number of files and `done` counts the files
        read plus the files indexed, `name` being the file read (or indexed, at the end);
        (total, total, "") just before the commit.

        Each file is stored as soon as it is read; every INDEX_BATCH stored files go to the
        index (their postings are built in memory, to be written at the commit), so this
        process indexes while the workers parse the next files."""
        total = len(self.paths)
        stored: list[tuple[Prepared, int]] = []
        frozen = _freeze_what_is_there()
        results = _prepared_in_order(self.paths, self.workers)
        try:
            with self.archive.unit_of_work() as (session, writer):
                seen: dict[str, str] = {}
                imported: list[ImportedFile] = []
                unindexed = 0  # the last files of `stored`, not yet given to the index
                for i, path in enumerate(self.paths):
                    name = display_name(path.name)
                    yield 2 * i - unindexed, total * 2, name
                    item = next(results)
                    if item is None:
                        # Read here, a page at a time: OCR reports its pages and stops on cancel.
                        item = yield from _prepare_here(path, 2 * i - unindexed, total * 2, name)
                    if isinstance(item, str):
                        self.report.errors.append(item)
                    elif item.sha256 in seen:
                        self.report.duplicates.append(f"{name} (same content as {seen[item.sha256]})")
                    else:
                        seen[item.sha256] = name
                        existing = session.connection().scalar(_sha_lookup(Source, "name"), {"sha256": item.sha256})
                        if existing:
                            self.report.duplicates.append(f"{name} (already imported as {existing})")
                        else:
                            if not item.searchable:
                                self.report.unsearchable.append(item.name)
                            stored.append((item, _store(session, item, self.who)))
                            unindexed += 1
                            if unindexed == INDEX_BATCH:
                                batch = stored[-unindexed:]
                                imported += _index_stored(session, writer, batch)
                                _released(batch)
                                unindexed = 0
                if not stored:
                    raise _NothingToStore
                if unindexed:
                    batch = stored[-unindexed:]
                    yield total * 2 - unindexed, total * 2, batch[0][0].name
                    imported += _index_stored(session, writer, batch)
                    _released(batch)
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
            if frozen:
                gc.unfreeze()

    def _settle(self, stored: list[tuple[Prepared, int]]) -> None:
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


def _freeze_what_is_there() -> bool:
    """Freeze the objects there are now (modules, classes, caches) out of the garbage collector's
    full collections, unless the program froze its own already (the GUI does, after start-up);
    True if they were frozen here, to be unfrozen when the import ends.

    The parse results and rows an import holds for a while make several full collections
    happen; each scanned those ~100,000 objects again (50-80 ms a time)."""
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def _released(batch: list[tuple[Prepared, int]]) -> None:
    """`Prepared.release` on every file of `batch`, once it is stored and indexed."""
    for item, _ in batch:
        item.release()


def _index_stored(session: Session, writer, stored: list[tuple[Prepared, int]]) -> list[ImportedFile]:
    """Hand what was stored to the index: the fields made with each file, given the ids its rows got.

    Two narrow queries for the batch find the ids (documents, then timeline entries, in the
    order they were inserted). A file whose rows do not line up with its fields (never
    expected) is loaded and indexed from the database instead."""
    by_source: dict[int, list[tuple[int, str, str]]] = {source_id: [] for _, source_id in stored}
    for doc_id, source_id, kind, title in session.execute(
        select(Document.id, Document.source_id, Document.kind, Document.title)
        .where(Document.source_id.in_(list(by_source)))
        .order_by(Document.source_id, Document.ordinal)
    ):
        by_source[source_id].append((doc_id, kind, title))
    entries: dict[int, list[int]] = {doc_id: [] for docs in by_source.values() for doc_id, _, _ in docs}
    doc_ids = list(entries)
    for lo in range(0, len(doc_ids), 500):  # a page may hold thousands of documents: bounded IN lists
        for entry_id, doc_id in session.execute(
            select(TimelineEntry.id, TimelineEntry.document_id)
            .where(TimelineEntry.document_id.in_(doc_ids[lo : lo + 500]), TimelineEntry.deleted_at.is_(None))
            .order_by(TimelineEntry.document_id, TimelineEntry.ordinal)
        ):
            entries[doc_id].append(entry_id)
    reload: list[tuple[Prepared, int]] = []
    for item, source_id in stored:
        docs, made = by_source[source_id], item.index_fields
        if made is None or [len(f) for f in made] != [1 + len(entries[d]) for d, _, _ in docs]:
            reload.append((item, source_id))
            continue
        for (doc_id, kind, _title), (doc_fields, *entry_fields) in zip(docs, made, strict=True):
            writer.add_new([with_ids(doc_fields, item_key(kind, doc_id), doc_id, doc_id)])
            writer.add_new(
                with_ids(f, item_key("entry", e), doc_id, e) for f, e in zip(entry_fields, entries[doc_id], strict=True)
            )
    if reload:
        _index_from_database(session, writer, reload)
    return [
        ImportedFile(
            name=item.name,
            source_id=source_id,
            encoding=item.encoding,
            documents=by_source[source_id],
            entries=sum(len(entries[d]) for d, _, _ in by_source[source_id]),
        )
        for item, source_id in stored
    ]


def _index_from_database(session: Session, writer, stored: list[tuple[Prepared, int]]) -> None:
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
        writer.upsert(items_for_document(doc, doc.source.name))


def _imported_files(session: Session, stored: list[tuple[Prepared, int]]) -> list[ImportedFile]:
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


def _report_rows(stored: list[tuple[Prepared, int]], by_source: dict[int, list[Document]]) -> list[ImportedFile]:
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
    """Bulk INSERT … RETURNING id, ids in the order of `rows`.

    On the table, not the ORM class: the rows are plain dicts either way, and the
    ORM's bulk path costs about as much again per statement as the insert."""
    if not rows:
        return []
    return list(session.connection().execute(_inserting(model), rows).scalars())


def _table(model) -> Table:
    return model.__table__


@functools.cache
def _inserting(model):
    """INSERT … RETURNING id of `model`'s table, made once (run on the session's connection,
    past the ORM's execution layer, which these plain table statements do not need)."""
    table = _table(model)
    return insert(table).returning(table.c.id, sort_by_parameter_order=True)


@functools.cache
def _inserting_plain(model):
    return insert(_table(model))


@functools.cache
def _sha_lookup(model, column: str):
    """SELECT `column` of `model`'s table WHERE its sha256 is the parameter ``sha256``."""
    table = _table(model)
    return select(table.c[column]).where(table.c.sha256 == bindparam("sha256"))


def _amount_rows(amounts, entry_id: int | None = None, paragraph_id: int | None = None) -> list[dict]:
    # Every row names both owners (one None): a multi-row insert takes one set of columns.
    return [
        {"entry_id": entry_id, "paragraph_id": paragraph_id, "ordinal": k, "text": a.text, "yuan": a.yuan}
        for k, a in enumerate(amounts)
    ]


def _store(session: Session, item: Prepared, who: str) -> int:
    """Insert one file's rows; returns the source id.

    One bulk insert per table for the whole file (all its documents' sections, then all
    their paragraphs, ...) rather than one ORM object per row or one insert per document:
    statements, not rows, are what an import's storing spends its time on."""
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
    documents = page.documents
    doc_ids = _insert(session, Document, [document_row(d, i, source_id, masthead) for i, d in enumerate(documents)])
    section_ids = iter(
        _insert(
            session,
            Section,
            [
                {"document_id": doc_id, "ordinal": k, "heading": sec.heading}
                for doc_id, parsed in zip(doc_ids, documents, strict=True)
                for k, sec in enumerate(parsed.sections)
            ],
        )
    )
    par_rows: list[dict] = []
    par_amounts: list[list] = []
    first_par: list[int] = []  # each document's first row in par_rows
    for doc_id, parsed in zip(doc_ids, documents, strict=True):
        first = len(par_rows)
        first_par.append(first)
        for sec in parsed.sections:
            section_id = next(section_ids)
            for par in sec.paragraphs:
                par_rows.append(
                    {
                        "document_id": doc_id,
                        "section_id": section_id,
                        "ordinal": len(par_rows) - first,
                        "text": par.text,
                        "original_text": par.text,
                        "line_start": par.line_start,
                        "line_end": par.line_end,
                    }
                )
                par_amounts.append(par.amounts)
    par_ids = _insert(session, Paragraph, par_rows)
    amount_rows: list[dict] = []
    for par_id, amounts in zip(par_ids, par_amounts, strict=True):
        amount_rows += _amount_rows(amounts, paragraph_id=par_id)
    entries = [
        (doc_id, k, e, first)
        for doc_id, parsed, first in zip(doc_ids, documents, first_par, strict=True)
        for k, e in enumerate(parsed.timeline)
    ]
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
                "paragraph_start_id": par_ids[first + e.paragraph_start],
                "paragraph_end_id": par_ids[first + e.paragraph_end],
                "version": 1,
            }
            for doc_id, k, e, first in entries
        ],
    )
    for entry_id, (_doc_id, _k, e, _first) in zip(entry_ids, entries, strict=True):
        amount_rows += _amount_rows(e.amounts, entry_id=entry_id)
    if amount_rows:
        session.connection().execute(_inserting_plain(Amount), amount_rows)
    return source_id


def store_original(session: Session, sha256: str, media_type: str, data: bytes) -> None:
    """Keep a file's bytes once, under its sha256 (a second use of the same bytes stores nothing)."""
    if not data:
        return
    conn = session.connection()
    if conn.scalar(_sha_lookup(OriginalFile, "sha256"), {"sha256": sha256}) is not None:
        return
    conn.execute(
        _inserting_plain(OriginalFile),
        [{"sha256": sha256, "media_type": media_type, "size": len(data), "content": data, "added_at": utcnow()}],
    )
