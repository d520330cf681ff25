"""Scans made in the tests: known Chinese text rendered with the bundled font at 300 dpi (PNG, TIFF, image-only PDF)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageSize, QPainter, QPdfWriter, QTextOption

DPI = 300
# A clean newspaper paragraph (from the sample page's genre); two short lines of a heading.
SCAN_TEXT = (
    "无锡市总工会筹措资金四十四万元，驰援防控新型冠状病毒肺炎的两家市级定点医院，"
    "慰问奋战在疫情防控一线的医务人员。各级工会组织引导职工加强自我防护，"
    "做好复工复产期间的疫情防控工作，确保职工生命安全和身体健康。"
)


def render_scan(text: str = SCAN_TEXT, width_px: int = 2480, px: int = 42, fmt: str = "PNG") -> bytes:
    """The text as a 300-dpi page image (A4 width), black on white, wrapped at the page margins."""
    from archiveviewer.export.fonts import register_app_font

    family = register_app_font()
    margin = 150
    font = QFont(family)
    font.setPixelSize(px)
    height = margin * 2 + px * 2 * (len(text) * px // (width_px - 2 * margin) + 2)
    image = QImage(width_px, height, QImage.Format.Format_Grayscale8)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAnywhere)
    painter.drawText(QRect(margin, margin, width_px - 2 * margin, height - 2 * margin).toRectF(), text, option)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    buffer.close()
    return bytes(data.data())


def scanned_pdf(pages: list[str]) -> bytes:
    """An image-only PDF (no text layer), one rendered page image per text, as a scanner writes it."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    painter = QPainter(writer)
    for i, text in enumerate(pages):
        if i:
            writer.newPage()
        image = QImage.fromData(render_scan(text))
        target = QSizeF(image.width(), image.height())
        painter.drawImage(QRect(0, 0, int(target.width()), int(target.height())), image)
    painter.end()
    buffer.close()
    return bytes(data.data())


def char_accuracy(expected: str, got: str) -> float:
    """Share of the expected characters recognised (1 - edit distance / length), spaces ignored."""
    a = "".join(expected.split())
    b = "".join(got.split())
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / max(len(a), 1)


__all__ = ["SCAN_TEXT", "render_scan", "scanned_pdf", "char_accuracy", "Qt"]


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer (Qt writes the bundled font's glyphs and their Unicode), one list of lines per page."""
    from PySide6.QtCore import QRectF

    from archiveviewer.export.fonts import register_app_font

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    font = QFont(register_app_font())
    font.setPointSize(12)
    painter.setFont(font)
    for i, lines in enumerate(pages):
        if i:
            writer.newPage()
        for k, line in enumerate(lines):
            painter.drawText(QRectF(0, k * 80, 2200, 80), Qt.TextFlag.TextSingleLine, line)
    painter.end()
    buffer.close()
    return bytes(data.data())
