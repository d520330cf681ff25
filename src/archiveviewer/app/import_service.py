"""Import use case: decode and parse files, then store all of them in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import items_for_document
from archiveviewer.ingest.decoding import MAX_BYTES, decode_bytes
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.newspaper_parser import parse
from archiveviewer.ingest.page_model import ParsedDocument, ParsedPage
from archiveviewer.storage.models import (
    Amount,
    Document,
    Paragraph,
    Section,
    Source,
    TimelineEntry,
    utcnow,
)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


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


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders contribute their text files (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES))
        else:
            out.append(p)
    return out


def _prepare(path: Path) -> _Prepared:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Refuse before reading a huge file into memory.
            raise IngestError(f"{path.name}: file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder") from None
    except PermissionError:
        raise IngestError(f"{path}: permission denied") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror})") from None
    decoded = decode_bytes(data, path.name)
    page = parse(decoded.text, path.name)
    if not page.documents:
        raise IngestError(f"{path.name}: no text found to import")
    return _Prepared(path, hashlib.sha256(data).hexdigest(), len(data), decoded.encoding, decoded.text, page)


class ImportJob:
    """Imports a set of files. `steps()` is a generator yielding (done, total, name);
    closing it early (cancel) rolls everything back. `report` holds the outcome."""

    def __init__(self, archive: Archive, paths: Iterable[str | Path], who: str | None = None):
        self.archive = archive
        self.paths = expand_paths(paths)
        self.who = who or archive.user
        self.report = ImportReport()

    def run(self) -> ImportReport:
        for _ in self.steps():
            pass
        return self.report

    def steps(self) -> Iterator[tuple[int, int, str]]:
        total = len(self.paths)
        prepared: list[_Prepared] = []
        seen: dict[str, str] = {}
        for i, path in enumerate(self.paths):
            yield i, total * 2, path.name
            try:
                item = _prepare(path)
            except IngestError as exc:
                self.report.errors.append(str(exc))
                continue
            if item.sha256 in seen:
                self.report.duplicates.append(f"{path.name} (same content as {seen[item.sha256]})")
                continue
            seen[item.sha256] = path.name
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
                yield total + i, total * 2, item.path.name
                if item.sha256 in existing:
                    self.report.duplicates.append(f"{item.path.name} (already imported as {existing[item.sha256]})")
                    continue
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
            name=item.path.name,
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
    (source_id,) = _insert(
        session,
        Source,
        [
            {
                "name": item.path.name,
                "sha256": item.sha256,
                "encoding": item.encoding,
                "size": item.size,
                "imported_at": utcnow(),
                "imported_by": who,
                "raw_text": item.text,
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
