"""OCR import benchmark: scanned pages (rendered here at 300 dpi from the sample page's text) imported end to end.

Renders N pages of the sample page's paragraphs with the bundled font (A4 width,
300 dpi, 42 px characters, as a scanner would deliver them), then imports them
with the real ImportJob into fresh archives: as PNG images, as one image-only
PDF (pages rendered back with pdftoppm before OCR), and, as the peer, the same
text as .txt files. Prints seconds per page and characters right.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ocr_bench.py [--pages 4]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtGui import QGuiApplication  # noqa: E402

from archiveviewer.app.archive import Archive, ArchiveLocation  # noqa: E402
from archiveviewer.app.import_service import ImportJob  # noqa: E402
from archiveviewer.ingest.loaders.ocr_engine import find_engine  # noqa: E402
from archiveviewer.resources import sample_page  # noqa: E402


def page_texts(n: int) -> list[str]:
    """n pages of about 600 characters each, cut from the sample page's body paragraphs."""
    lines = [ln.strip() for ln in sample_page().read_text(encoding="utf-8").splitlines()]
    body = "".join(ln for ln in lines if len(ln) > 8 and not ln.startswith(("◆", "A0", "责编")))
    size = 600
    return [body[(i * size) % max(len(body) - size, 1) :][:size] for i in range(n)]


def run(label: str, files: list[Path], pages: int, texts: list[str]) -> float:
    from scan_fixtures import char_accuracy
    from sqlalchemy import select

    from archiveviewer.storage.models import Source

    with tempfile.TemporaryDirectory() as tmp, Archive(ArchiveLocation(Path(tmp) / "a")) as archive:
        start = time.perf_counter()
        report = ImportJob(archive, files).run()
        elapsed = time.perf_counter() - start
        assert not report.errors, report.errors
        with archive.Session() as s:
            got = "\n".join(s.scalars(select(Source.raw_text).order_by(Source.id)))
    accuracy = char_accuracy("".join(texts), got)
    print(f"{label:<34} {elapsed:7.2f} s  {elapsed / pages:6.2f} s/page  {accuracy:6.1%} characters right")
    return elapsed / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=4)
    args = parser.parse_args()
    if find_engine() is None:
        sys.exit("ocr_bench: Tesseract with chi_sim is not installed (scripts/setup.sh installs it)")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - rendering needs it
    from scan_fixtures import render_scan, scanned_pdf

    texts = page_texts(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pngs, txts = [], []
        for i, text in enumerate(texts):
            pngs.append(folder / f"page-{i:03d}.png")
            pngs[-1].write_bytes(render_scan(text))
            txts.append(folder / f"page-{i:03d}.txt")
            txts[-1].write_text(text, encoding="utf-8")
        pdf = folder / "pages.pdf"
        pdf.write_bytes(scanned_pdf(texts))
        print(f"{args.pages} pages of ~600 characters, 300 dpi; cores: {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
        text_per_page = run("text files (peer, no OCR)", txts, args.pages, texts)
        png_per_page = run("PNG scans (Tesseract chi_sim)", pngs, args.pages, texts)
        pdf_per_page = run("image-only PDF (pdftoppm + OCR)", [pdf], args.pages, texts)
        print(f"OCR import costs {png_per_page / text_per_page:,.0f}x a text page (PNG), "
              f"{pdf_per_page / text_per_page:,.0f}x (PDF)")  # fmt: skip


if __name__ == "__main__":
    main()
