"""Import use case: decode and parse files, then store all of them in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import items_for_document
from archiveviewer.ingest.decoding import MAX_BYTES, decode_bytes
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.newspaper_parser import parse_page
from archiveviewer.ingest.page_model import ParsedDocument, ParsedPage
from archiveviewer.storage.models import (
    Amount,
    Document,
    Paragraph,
    Section,
    Source,
    TimelineEntry,
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
    page = parse_page(decoded.text)
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
            imported: list[ImportedFile] = []
            for i, item in enumerate(prepared):
                yield total + i, total * 2, item.path.name
                if item.sha256 in existing:
                    self.report.duplicates.append(
                        f"{item.path.name} (already imported as {existing[item.sha256]})"
                    )
                    continue
                source = _store(session, item, self.who)
                docs = source.documents
                for doc in docs:
                    writer.upsert(items_for_document(doc, source.name))
                imported.append(
                    ImportedFile(
                        name=item.path.name,
                        source_id=source.id,
                        encoding=item.encoding,
                        documents=[(d.id, d.kind, d.title) for d in docs],
                        entries=sum(len(d.entries) for d in docs),
                    )
                )
        self.report.imported.extend(imported)
        yield total * 2, total * 2, ""


def _store(session: Session, item: _Prepared, who: str) -> Source:
    source = Source(
        name=item.path.name,
        sha256=item.sha256,
        encoding=item.encoding,
        size=item.size,
        imported_by=who,
        raw_text=item.text,
    )
    session.add(source)
    masthead = item.page.masthead
    for ordinal, parsed in enumerate(item.page.documents):
        source.documents.append(_document(parsed, ordinal, masthead))
    session.flush()
    for doc, parsed in zip(source.documents, item.page.documents):
        paragraphs = doc.paragraphs
        for entry, parsed_entry in zip(doc.entries, parsed.timeline):
            entry.paragraph_start_id = paragraphs[parsed_entry.paragraph_start].id
            entry.paragraph_end_id = paragraphs[parsed_entry.paragraph_end].id
    session.flush()
    return source


def _document(parsed: ParsedDocument, ordinal: int, masthead) -> Document:
    doc = Document(
        ordinal=ordinal,
        kind=parsed.kind,
        title=parsed.title,
        subtitle=parsed.subtitle,
        byline=parsed.byline,
    )
    if masthead is not None:
        doc.paper = masthead.paper
        doc.page = masthead.page
        doc.published = masthead.date
        doc.weekday = masthead.weekday
        doc.editor = masthead.editor
        doc.layout_editor = masthead.layout_editor
        doc.proofreader = masthead.proofreader
    position = 0
    for s_ord, parsed_section in enumerate(parsed.sections):
        section = Section(ordinal=s_ord, heading=parsed_section.heading)
        doc.sections.append(section)
        for parsed_par in parsed_section.paragraphs:
            paragraph = Paragraph(
                ordinal=position,
                text=parsed_par.text,
                original_text=parsed_par.text,
                line_start=parsed_par.line_start,
                line_end=parsed_par.line_end,
                amounts=[Amount(ordinal=k, text=a.text, yuan=a.yuan) for k, a in enumerate(parsed_par.amounts)],
            )
            section.paragraphs.append(paragraph)
            doc.paragraphs.append(paragraph)
            position += 1
    for e_ord, parsed_entry in enumerate(parsed.timeline):
        doc.entries.append(
            TimelineEntry(
                ordinal=e_ord,
                date=parsed_entry.date,
                date_text=parsed_entry.date_text,
                text=parsed_entry.text,
                original_text=parsed_entry.text,
                amounts=[Amount(ordinal=k, text=a.text, yuan=a.yuan) for k, a in enumerate(parsed_entry.amounts)],
            )
        )
    return doc
