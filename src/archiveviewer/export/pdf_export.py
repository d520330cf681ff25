"""PDF export and print rendering of documents, timelines and search reports (A4, headers, footers, outline)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRawFont,
)

from .. import __version__
from ..resources import font_path
from . import formatting as fmt
from .errors import ExportCancelled, ExportError
from .files import atomic_output
from .fonts import register_app_font
from .i18n import Export
from .pdf_layout import (
    Book,
    BookBuilder,
    build_documents,
    build_search_report,
    build_timeline,
)
from .pdf_postprocess import Bookmark, finish_pdf

log = logging.getLogger(__name__)

PDF_DPI = 300
# Page margins (mm). The running header and footer sit inside them, so the body
# keeps a generous white border like a filed printout.
MARGIN_LEFT = MARGIN_RIGHT = 20.0
MARGIN_TOP = 12.0
MARGIN_BOTTOM = 12.0
HEADER_BAND = 11.0  # mm above the body for the running header
FOOTER_BAND = 10.0  # mm below the body for the footer
HEADER_PT = 8.0

Progress = Callable[[int, int], Any]


def creator() -> str:
    return f"ArchiveViewer {__version__}"


class _Progress:
    """Reports percent done to an optional callback; a callback returning False cancels."""

    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback
        self.last = -1

    def __call__(self, percent: float) -> None:
        if self.callback is None:
            return
        p = max(0, min(100, int(percent)))
        if p == self.last:
            return
        self.last = p
        if self.callback(p, 100) is False:
            raise ExportCancelled(Export.tr("The export was cancelled."))


@dataclass(frozen=True)
class _Geometry:
    """Where header, body and footer go on a page, in the device's units (origin: printable area)."""

    mm: float
    width: float
    height: float
    body: QRectF

    @classmethod
    def of(cls, device: QPagedPaintDevice) -> _Geometry:
        mm = device.logicalDpiY() / 25.4
        width, height = float(device.width()), float(device.height())
        top, bottom = HEADER_BAND * mm, FOOTER_BAND * mm
        geo = cls(mm, width, height, QRectF(0, top, width, height - top - bottom))
        if geo.body.height() < 20 * mm or geo.body.width() < 40 * mm:
            raise ExportError(Export.tr("The page is too small for the export once margins are taken off."))
        return geo

    def page_size(self) -> QSizeF:
        return QSizeF(self.body.width(), self.body.height())

    def builder(self, family: str, device: QPagedPaintDevice) -> BookBuilder:
        return BookBuilder(family, device, self.page_size())


def _header_font(family: str, size: float = HEADER_PT) -> QFont:
    font = QFont(family)
    font.setPointSizeF(size)
    return font


def _paint_frame(
    painter: QPainter,
    geo: _Geometry,
    family: str,
    archive_name: str,
    title: str,
    page: int,
    pages: int,
    exported: str,
) -> None:
    """The running header (archive, document title) and footer (export date, page N of M)."""
    font = _header_font(family)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    line_h = metrics.height()
    pen = QPen(QColor("#9a9a9a"))
    pen.setWidthF(0.25 * geo.mm)
    half = geo.width / 2 - 2 * geo.mm

    head_y = geo.body.top() - 4 * geo.mm - line_h
    painter.setPen(QColor("#3a3a3a"))
    painter.drawText(
        QRectF(0, head_y, half, line_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
        metrics.elidedText(archive_name, Qt.TextElideMode.ElideRight, half),
    )
    painter.drawText(
        QRectF(geo.width - half, head_y, half, line_h),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, half),
    )
    painter.setPen(pen)
    rule_y = geo.body.top() - 2.5 * geo.mm
    painter.drawLine(QPointF(0, rule_y), QPointF(geo.width, rule_y))

    foot_rule = geo.body.bottom() + 2.5 * geo.mm
    painter.drawLine(QPointF(0, foot_rule), QPointF(geo.width, foot_rule))
    foot_y = foot_rule + 1.5 * geo.mm
    painter.setPen(QColor("#3a3a3a"))
    painter.drawText(QRectF(0, foot_y, half, line_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, exported)
    painter.drawText(
        QRectF(geo.width - half, foot_y, half, line_h),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
        Export.tr("Page {page} of {pages}").format(page=page, pages=pages),
    )


def _paint_book(
    book: Book,
    device: QPagedPaintDevice,
    geo: _Geometry,
    family: str,
    archive_name: str,
    exported_at: dt.datetime | None,
    progress: _Progress,
    progress_span: tuple[float, float] = (0, 100),
) -> int:
    """Paints every page of the laid-out `book` onto `device`; returns the page count."""
    pages = book.page_count()
    titles = book.running_titles()
    when = (exported_at or dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    exported = Export.tr("Exported {when}").format(when=when)
    archive = fmt.one_line(archive_name)
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(Export.tr("Cannot start painting the pages (is the output file writable?)."))
    lo, hi = progress_span
    h = book.page_height()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        for i in range(pages):
            if i and not device.newPage():
                raise ExportError(Export.tr("Cannot add page {page} to the output.").format(page=i + 1))
            _paint_frame(painter, geo, family, archive, titles[i], i + 1, pages, exported)
            painter.save()
            painter.translate(geo.body.left(), geo.body.top() - i * h)
            book.doc.drawContents(painter, QRectF(0, i * h, geo.body.width(), h))
            painter.restore()
            progress(lo + (hi - lo) * (i + 1) / pages)
    finally:
        painter.end()
    return pages


def _warn_missing_glyphs(book: Book) -> None:
    # Characters outside the GBK subset fall back to system fonts; on a machine
    # without a CJK font they print as boxes and vanish from the PDF text.
    raw = QRawFont(str(font_path()), 12)
    if not raw.isValid():
        return
    chars = {c for c in book.doc.toPlainText() if c.isprintable() and not c.isspace()}
    # ord(): PySide converts a str argument to QChar unreliably (most CJK come out unsupported).
    missing = sorted(c for c in chars if not raw.supportsCharacter(ord(c)))
    if missing:
        log.warning(
            "%d characters are not in the bundled font and depend on system fonts: %s",
            len(missing),
            "".join(missing[:40]),
        )


def _bookmarks(book: Book, geo: _Geometry, device: QPagedPaintDevice) -> list[Bookmark]:
    to_pt = 72.0 / device.logicalDpiY()
    layout = device.pageLayout()
    paint_top_pt = layout.paintRect(QPageLayout.Unit.Point).top()
    # Aim a little above the heading so it is not flush with the viewer's edge.
    return [
        Bookmark(m.title, m.level, m.page, max(0.0, paint_top_pt + (geo.body.top() + m.y) * to_pt - 6))
        for m in book.marks
    ]


def _new_pdf_writer(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setCreator(creator())
    return writer


def _export_pdf(
    build: Callable[[BookBuilder, _Progress], Book],
    out: Path,
    archive_name: str,
    overwrite: bool,
    progress: Progress | None,
    exported_at: dt.datetime | None,
) -> int:
    family = register_app_font()
    report = _Progress(progress)
    report(0)
    with atomic_output(Path(out), overwrite) as tmp:
        writer = _new_pdf_writer(tmp)
        book: Book | None = None
        try:
            geo = _Geometry.of(writer)
            book = build(geo.builder(family, writer), report)
            writer.setTitle(book.title)
            if hasattr(writer, "setAuthor"):  # Qt 6.8+; finish_pdf writes it in any case
                writer.setAuthor(book.author)
            _warn_missing_glyphs(book)
            report(50)
            pages = _paint_book(book, writer, geo, family, archive_name, exported_at, report, (50, 95))
            marks = _bookmarks(book, geo, writer)
        finally:
            # The layout keeps a raw pointer to the writer: detach it before the
            # writer is destroyed (which also closes the file for pypdf).
            if book is not None:
                book.doc.documentLayout().setPaintDevice(None)  # type: ignore[arg-type]  # Qt takes null: detach
            del writer
        finish_pdf(tmp, marks, title=book.title, author=book.author, subject=book.subject, keywords=book.keywords)
        report(100)
    return pages


def export_documents_pdf(
    documents: Sequence[Mapping[str, Any]],
    out: Path,
    archive_name: str,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
    exported_at: dt.datetime | None = None,
) -> int:
    """Writes articles/documents (masthead, headline, sections, timeline, annotations) to a PDF; returns its page count.

    `progress(done, total)` is called with a percentage (total 100); returning
    False from it cancels with ExportCancelled and leaves no file behind.
    """
    documents = list(documents)
    if not documents:
        raise ExportError(Export.tr("Nothing to export: no documents were selected."))

    def build(builder: BookBuilder, report: _Progress) -> Book:
        return build_documents(
            documents, builder, archive_name, on_document=lambda i: report(45 * (i + 1) / len(documents))
        )

    return _export_pdf(build, out, archive_name, overwrite, progress, exported_at)


def export_timeline_pdf(
    entries: Sequence[Mapping[str, Any]],
    out: Path,
    archive_name: str,
    title: str | None = None,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
    exported_at: dt.datetime | None = None,
) -> int:
    """Writes timeline entries as a table (date, text, amounts, source) to a PDF; returns its page count."""
    entries = list(entries)
    heading = title if title is not None else Export.tr("Timeline")

    def build(builder: BookBuilder, report: _Progress) -> Book:
        return build_timeline(entries, builder, archive_name, heading)

    return _export_pdf(build, out, archive_name, overwrite, progress, exported_at)


def export_search_report_pdf(
    report: Mapping[str, Any],
    out: Path,
    archive_name: str,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
    exported_at: dt.datetime | None = None,
) -> int:
    """Writes a search report (query, time, hit count, each hit with its highlighted snippet) to a PDF."""

    def build(builder: BookBuilder, _report: _Progress) -> Book:
        return build_search_report(report, builder, archive_name)

    return _export_pdf(build, out, archive_name, overwrite, progress, exported_at)


# -- printing / print preview ------------------------------------------------------


def _render(build: Callable[[BookBuilder], Book], device: QPagedPaintDevice, archive_name: str) -> int:
    family = register_app_font()
    geo = _Geometry.of(device)
    book = build(geo.builder(family, device))
    try:
        return _paint_book(book, device, geo, family, archive_name, None, _Progress(None))
    finally:
        # The printer may go away before the document; Qt takes null to detach.
        book.doc.documentLayout().setPaintDevice(None)  # type: ignore[arg-type]


def render_documents(documents: Sequence[Mapping[str, Any]], device: QPagedPaintDevice, archive_name: str) -> int:
    """Paints the documents as in the PDF onto a QPrinter (e.g. in QPrintPreviewDialog.paintRequested).

    Uses the device's own page size and margins; returns the page count.
    """
    documents = list(documents)
    if not documents:
        return 0
    return _render(lambda b: build_documents(documents, b, archive_name), device, archive_name)


def render_timeline(
    entries: Sequence[Mapping[str, Any]], device: QPagedPaintDevice, archive_name: str, title: str | None = None
) -> int:
    """Paints a timeline as in the PDF onto a QPrinter or other paged device; returns the page count."""
    heading = title if title is not None else Export.tr("Timeline")
    return _render(lambda b: build_timeline(list(entries), b, archive_name, heading), device, archive_name)


def render_search_report(report: Mapping[str, Any], device: QPagedPaintDevice, archive_name: str) -> int:
    """Paints a search report as in the PDF onto a QPrinter or other paged device; returns the page count."""
    return _render(lambda b: build_search_report(report, b, archive_name), device, archive_name)
