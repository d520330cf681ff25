"""PDF -> text: the text layer with pypdf, page by page; pages without one rendered (pdftoppm) and OCR'd."""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
from pathlib import Path

from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.loaders.ocr_engine import OcrEngine, ocr_image_steps, run_killable, with_progress

# A page with fewer characters than this in its text layer is taken for a scan (a page
# number or a stray mark does not make a text page).
MIN_PAGE_CHARS = 8
OCR_DPI = 300


def _reader(data: bytes, name: str):
    import pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are not ours to print
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # An owner password alone (printing/copy restrictions) opens with an empty user password.
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # noqa: BLE001 - unsupported encryption algorithms raise various errors
                opened = False
            if not opened:
                raise IngestError.for_file(name, "the PDF is encrypted (password protected)")
        pages = len(reader.pages)
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise IngestError.for_file(name, f"damaged PDF ({_reason(exc)})") from None
    if pages == 0:
        raise IngestError.for_file(name, "the PDF has no pages")
    return reader


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]


def page_count(data: bytes, name: str = "document.pdf") -> int:
    return len(_reader(data, name).pages)


def page_texts(data: bytes, name: str) -> list[str]:
    """The text layer of each page ('' for a page without one)."""
    reader = _reader(data, name)
    out = []
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # noqa: BLE001 - a damaged content stream fails in many ways
            raise IngestError.for_file(name, f"damaged PDF ({_reason(exc)})") from None
        out.append(text.replace("\r\n", "\n").replace("\r", "\n"))
    return out


def render_page_steps(data: bytes, page: int, dpi: int = OCR_DPI, name: str = "document.pdf"):
    """One page (1-based) as a grey PNG via poppler's pdftoppm; a generator so it can be cancelled."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise IngestError.for_file(name, "cannot render PDF pages (poppler-utils' pdftoppm is not installed)")
    with tempfile.TemporaryDirectory(prefix="archiveviewer-pdf-") as tmp:
        src, out = Path(tmp) / "in.pdf", Path(tmp) / "page"
        src.write_bytes(data)
        cmd = [
            exe,
            "-r",
            str(dpi),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(src),
            str(out),
        ]
        code, err = yield from run_killable(cmd)
        png = out.with_suffix(".png")
        if code != 0 or not png.exists():
            raise IngestError.for_file(name, f"cannot render page {page} of the PDF ({err or f'exit code {code}'})")
        return png.read_bytes()


def render_page(data: bytes, page: int, dpi: int = 150) -> bytes:
    """`render_page_steps` run to the end (the reader's scan view)."""
    steps = render_page_steps(data, page, dpi)
    try:
        while True:
            next(steps)
    except StopIteration as stop:
        return stop.value


def load_pdf(data: bytes, name: str, engine: OcrEngine | None):
    from archiveviewer.ingest.loaders import Loaded

    texts = page_texts(data, name)
    scans = [i for i, t in enumerate(texts) if len("".join(t.split())) < MIN_PAGE_CHARS]
    confidence: list[tuple[int, float]] = []
    if scans and engine is not None:
        for n, i in enumerate(scans):
            yield (n, len(scans))
            image = yield from with_progress(render_page_steps(data, i + 1, OCR_DPI, name), n, len(scans))
            page = yield from with_progress(ocr_image_steps(image, engine, f"{name} page {i + 1}"), n, len(scans))
            texts[i] = page.text
            confidence.append((i + 1, page.confidence))
        yield (len(scans), len(scans))
    if not any(t.strip() for t in texts):
        if scans and engine is None:
            return Loaded(None, "none", "application/pdf", pages=len(texts))  # a scan kept as an image
        raise IngestError.for_file(name, "no text found in the PDF")
    # Pages are separated by a blank line so the page parser never joins across a page break
    # into one word; it still joins a sentence that runs on (ends_sentence decides).
    encoding = "pdf+ocr" if confidence else "pdf"
    text = "\n\n".join(t.strip("\n") for t in texts if t.strip()) + "\n"
    return Loaded(text, encoding, "application/pdf", ocr_confidence=tuple(confidence), pages=len(texts))


__all__ = ["load_pdf", "page_texts", "render_page", "render_page_steps"]
