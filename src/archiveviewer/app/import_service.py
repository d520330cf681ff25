"""Import use case: decode and parse files, then store all of them in one transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import items_for_document
from archiveviewer.ingest import page_model
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.files import display_name, read_file, scan_paths
from archiveviewer.ingest.loaders import KINDS, Loaded, load_steps
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


class ImportJob:
    """Imports a set of files. `steps()` is a generator yielding (done, total, name);
    closing it early (cancel) rolls everything back. `report` holds the outcome."""

    def __init__(self, archive: Archive, paths: Iterable[str | Path], who: str | None = None):
        self.archive = archive
        scan = scan_paths(paths)
        self.paths = scan.files
        self.who = who or archive.user
        self.report = ImportReport(unsupported=scan.unsupported, skipped=scan.skipped)

    def run(self) -> ImportReport:
        for _ in self.steps():
            pass
        return self.report

    def steps(self) -> Iterator[tuple[int, int, str]]:
        total = len(self.paths)
        prepared: list[_Prepared] = []
        seen: dict[str, str] = {}
        for i, path in enumerate(self.paths):
            name = display_name(path.name)
            yield i, total * 2, name
            try:
                steps = _prepare_steps(path)
                try:
                    while True:
                        page, pages = next(steps)  # OCR: a page at a time, the bar shows which
                        yield i, total * 2, f"{name} ({page + 1}/{pages})" if pages > 1 else name
                except StopIteration as stop:
                    item = stop.value
                finally:
                    steps.close()  # a cancel between pages stops the OCR process
            except IngestError as exc:
                self.report.errors.append(str(exc))
                continue
            if item.sha256 in seen:
                self.report.duplicates.append(f"{name} (same content as {seen[item.sha256]})")
                continue
            seen[item.sha256] = name
            prepared.append(item)
        if not prepared:
            return
        with self.archive.unit_of_work() as (session, writer):
            existing = dict(
                session.execute(
                    select(Source.sha256, Source.name).where(Source.sha256.in_([p.sha256 for p in prepared]))
                ).all()
            )
            stored: list[tuple[_Prepared, int]] = []
            for i, item in enumerate(prepared):
                yield total + i, total * 2, item.name
                if item.sha256 in existing:
                    self.report.duplicates.append(f"{item.name} (already imported as {existing[item.sha256]})")
                    continue
                if not item.searchable:
                    self.report.unsearchable.append(item.name)
                stored.append((item, _store(session, item, self.who)))
            imported = _index_stored(session, writer, stored)
        self.report.imported.extend(imported)
        yield total * 2, total * 2, ""


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
    for doc_id, parsed in zip(doc_ids, page.documents):
        section_ids = _insert(
            session,
            Section,
            [{"document_id": doc_id, "ordinal": k, "heading": sec.heading} for k, sec in enumerate(parsed.sections)],
        )
        par_rows, par_amounts = [], []
        for section_id, sec in zip(section_ids, parsed.sections):
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
        for par_id, amounts in zip(par_ids, par_amounts):
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
        for entry_id, e in zip(entry_ids, parsed.timeline):
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
