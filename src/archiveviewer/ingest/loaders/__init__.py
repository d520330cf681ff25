"""Related-document formats: which file types import, and bytes -> text for each (OCR for scans)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from archiveviewer.ingest.decoding import decode_bytes
from archiveviewer.ingest.errors import IngestError

# Suffix -> loader kind. A file without a suffix is tried as text (that is how many old exports look).
KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
MEDIA_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}

if TYPE_CHECKING:
    from archiveviewer.ingest.loaders.ocr_engine import OcrEngine

# Progress while loading: (pages done, pages in all). Only OCR reports it (a page takes seconds).
Progress = tuple[int, int]


@dataclass(frozen=True)
class Loaded:
    """What a file holds as text. `text` is None for a scan kept without OCR (not searchable)."""

    text: str | None
    encoding: str  # how the text was read: a codec name, or "pdf", "docx", "ocr", "pdf+ocr", "none"
    media_type: str
    title: str | None = None  # from the file's own metadata (<title>, the first heading)
    ocr_confidence: tuple[tuple[int, float], ...] = field(default=())  # (1-based page, mean confidence 0-100)
    pages: int = 1

    @property
    def searchable(self) -> bool:
        return self.text is not None


def kind_of(name: str) -> str | None:
    """The loader kind for a file name, or None for a type the archive does not take."""
    return KINDS.get(PurePath(name).suffix.lower())


def media_type_of(name: str) -> str:
    kind = kind_of(name)
    if kind == "image":
        return IMAGE_TYPES[PurePath(name).suffix.lower()]
    return MEDIA_TYPES.get(kind or "", "application/octet-stream")


def load_steps(
    data: bytes, name: str, ocr: Callable[[], OcrEngine | None] | None = None
) -> Generator[Progress, None, Loaded]:
    """Read a file's bytes as text; a generator so OCR can report pages and be cancelled.

    Closing the generator (cancel) stops a running OCR process. Raises IngestError with
    the reason for a file that cannot be read (corrupt, encrypted, too deeply nested…)."""
    from archiveviewer.ingest.loaders import docx_loader, html_loader, ocr_engine, pdf_loader

    kind = kind_of(name)
    if kind == "text" or kind is None:
        decoded = decode_bytes(data, name)
        return Loaded(decoded.text, decoded.encoding, "text/plain")
    if kind == "html":
        return html_loader.load_html(data, name)
    if kind == "docx":
        return docx_loader.load_docx(data, name)
    # Detected now, not at start-up: installing Tesseract needs no restart.
    engine = ocr_engine.find_engine() if ocr is None else ocr()
    if kind == "pdf":
        return (yield from pdf_loader.load_pdf(data, name, engine))
    if kind == "image":
        return (yield from ocr_engine.load_image(data, name, media_type_of(name), engine))
    raise IngestError.for_file(name, "unsupported file type")


def load(data: bytes, name: str, ocr: Callable[[], OcrEngine | None] | None = None) -> Loaded:
    """`load_steps` run to the end (no progress, no cancel)."""
    steps = load_steps(data, name, ocr)
    try:
        while True:
            next(steps)
    except StopIteration as stop:
        return stop.value
