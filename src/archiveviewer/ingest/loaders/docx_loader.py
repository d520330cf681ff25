"""DOCX -> text with python-docx: paragraphs, headings and tables in document order; zip bombs refused first."""

from __future__ import annotations

import io
import zipfile

from archiveviewer.ingest.errors import IngestError

# A Word file's XML is rarely over a few MiB even for a book; unpacked sizes beyond these are
# a zip bomb (or nothing an archive would read as text).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked/packed bytes of one member; text XML compresses about 5-20x


def check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open the zip and check its declared sizes before anything is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise IngestError.for_file(name, "not a valid DOCX file (the zip container is damaged)") from None
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise IngestError.for_file(
                name, f"refused: {m.filename} unpacks {m.file_size:,} bytes from {m.compress_size:,} (a zip bomb)"
            )
    if total > MAX_UNPACKED:
        raise IngestError.for_file(
            name, f"refused: unpacks to {total:,} bytes (limit {MAX_UNPACKED:,}; a zip bomb or not a text document)"
        )
    if "word/document.xml" not in {m.filename for m in members}:
        raise IngestError.for_file(name, "not a Word document (no word/document.xml inside)")
    return archive


def load_docx(data: bytes, name: str):
    from archiveviewer.ingest.loaders import Loaded, media_type_of

    check_zip(data, name)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        title = None
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(_table_rows(item))
                continue
            text = item.text.strip()
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if title is None and (style == "Title" or style.startswith("Heading")):
                title = text
            blocks.append(text)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many types for a damaged file
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError.for_file(name, f"damaged DOCX file ({reason[:120]})") from None
    if not blocks:
        raise IngestError.for_file(name, "no text found in the Word document")
    # One block per paragraph: the page parser joins lines, so paragraphs need blank lines between.
    return Loaded("\n\n".join(blocks) + "\n", "docx", media_type_of(name), title=title)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append("　".join(cells))
    return rows
