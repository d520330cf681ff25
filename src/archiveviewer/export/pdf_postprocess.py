"""Adds what QPdfWriter cannot write to a finished PDF: the outline, subject/keywords/language, subset font tags."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit, NameObject, TextStringObject
except ImportError:  # a build without pypdf still writes valid PDFs, minus the extras
    PdfReader = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: `top` is in PDF points from the top edge of page `page` (0-based)."""

    title: str
    level: int
    page: int
    top: float


def _tag_font_subsets(writer: PdfWriter) -> None:
    """Gives each embedded subset font the tagged name its descriptor already has.

    Qt tags only FontDescriptor /FontName (`QIDAAA+Name`); the PDF spec wants the
    same tag on /BaseFont, and tools such as pdffonts judge "subset" from it.
    """
    seen: set[int] = set()
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != "/Type0":
                continue
            seen.add(id(font))
            for descendant in font.get("/DescendantFonts", []):
                cid_font = descendant.get_object()
                descriptor = cid_font.get("/FontDescriptor")
                if descriptor is None:
                    continue
                tagged = str(descriptor.get_object().get("/FontName", ""))[1:]
                if not _SUBSET_TAG.match(tagged) or _SUBSET_TAG.match(str(cid_font.get("/BaseFont", ""))[1:]):
                    continue
                cid_font[NameObject("/BaseFont")] = NameObject("/" + tagged)
                encoding = font.get("/Encoding")
                suffix = f"-{str(encoding)[1:]}" if isinstance(encoding, NameObject) else ""
                font[NameObject("/BaseFont")] = NameObject("/" + tagged + suffix)


def _add_outline(writer: PdfWriter, bookmarks: Sequence[Bookmark]) -> None:
    parents: list = []  # parents[level] = the last item added at that level
    for mark in bookmarks:
        if not 0 <= mark.page < len(writer.pages):
            continue
        level = min(mark.level, len(parents))
        parent = parents[level - 1] if level > 0 else None
        page_top = float(writer.pages[mark.page].mediabox.top)
        item = writer.add_outline_item(
            title=mark.title,
            page_number=mark.page,
            parent=parent,
            fit=Fit.xyz(left=0, top=max(0.0, page_top - mark.top), zoom=None),
        )
        del parents[level:]
        parents.append(item)


def finish_pdf(
    path: Path,
    bookmarks: Sequence[Bookmark],
    title: str = "",
    author: str = "",
    subject: str = "",
    keywords: Sequence[str] = (),
    language: str = "zh-CN",
) -> None:
    """Rewrites the PDF at `path` in place with outline, metadata and font tags added."""
    if PdfReader is None:
        log.warning("pypdf is not installed: PDF written without outline, subject and keywords")
        return
    data = Path(path).read_bytes()
    try:
        finished = _finished(data, bookmarks, title, author, subject, keywords, language)
    except Exception:  # noqa: BLE001 - Qt's PDF is complete and valid; keep it rather than fail the export
        log.exception("could not add the outline and metadata to %s", path)
        return
    Path(path).write_bytes(finished)


def _finished(
    data: bytes,
    bookmarks: Sequence[Bookmark],
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str],
    language: str,
) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    _tag_font_subsets(writer)
    _add_outline(writer, bookmarks)
    if bookmarks:
        writer.page_mode = "/UseOutlines"
    info = {}
    # Title and author again: QPdfWriter.setAuthor only exists from Qt 6.8 on.
    if title:
        info["/Title"] = title
    if author:
        info["/Author"] = author
    if subject:
        info["/Subject"] = subject
    if keywords:
        info["/Keywords"] = ", ".join(keywords)
    if info:
        writer.add_metadata(info)
    if language:
        writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
