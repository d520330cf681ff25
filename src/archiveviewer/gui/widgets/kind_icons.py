"""Small drawn icons and translated names for the kinds of search hits (article, entry, document, note)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

KINDS = ("article", "entry", "document", "annotation")
COLORS = {
    "article": QColor("#2f6db5"),
    "entry": QColor("#d9822b"),
    "document": QColor("#3c8d5a"),
    "annotation": QColor("#b58a00"),
}


def kind_label(kind: str) -> str:
    labels = {
        "article": QCoreApplication.translate("Kinds", "Article"),
        "entry": QCoreApplication.translate("Kinds", "Timeline entry"),
        "document": QCoreApplication.translate("Kinds", "Document"),
        "annotation": QCoreApplication.translate("Kinds", "Note"),
    }
    return labels.get(kind, kind)


def _paint(kind: str, p: QPainter, s: float) -> None:
    color = COLORS.get(kind, QColor("#666666"))
    pen = QPen(color.darker(130), s / 16)
    p.setPen(pen)
    if kind == "article":
        # a newspaper: a page with a headline bar and column lines
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(s * 0.12, s * 0.1, s * 0.76, s * 0.8), s * 0.06, s * 0.06)
        p.fillRect(QRectF(s * 0.22, s * 0.2, s * 0.56, s * 0.14), color)
        p.setPen(QPen(color, s / 18))
        for i in range(4):
            y = s * (0.46 + i * 0.11)
            p.drawLine(QPointF(s * 0.22, y), QPointF(s * 0.46, y))
            p.drawLine(QPointF(s * 0.54, y), QPointF(s * 0.78, y))
    elif kind == "entry":
        # the ◆ of a 时间轴 item, on a time axis
        p.setPen(QPen(color.darker(130), s / 12))
        p.drawLine(QPointF(s * 0.08, s * 0.78), QPointF(s * 0.92, s * 0.78))
        p.setPen(pen)
        p.setBrush(color)
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(s * 0.5, s * 0.1),
                    QPointF(s * 0.8, s * 0.42),
                    QPointF(s * 0.5, s * 0.74),
                    QPointF(s * 0.2, s * 0.42),
                ]
            )
        )
    elif kind == "annotation":
        # a note: a speech bubble
        p.setBrush(QColor("#fff3b0"))
        path = QPainterPath()
        path.addRoundedRect(QRectF(s * 0.1, s * 0.12, s * 0.8, s * 0.56), s * 0.12, s * 0.12)
        tail = QPainterPath()
        tail.addPolygon(QPolygonF([QPointF(s * 0.28, s * 0.6), QPointF(s * 0.24, s * 0.9), QPointF(s * 0.5, s * 0.62)]))
        p.drawPath(path.united(tail))
        p.setPen(QPen(color.darker(130), s / 18))
        for i in range(2):
            y = s * (0.32 + i * 0.14)
            p.drawLine(QPointF(s * 0.24, y), QPointF(s * 0.76, y))
    else:
        # a document: a page with a folded corner
        p.setBrush(QColor("#ffffff"))
        page = QPolygonF(
            [
                QPointF(s * 0.2, s * 0.08),
                QPointF(s * 0.62, s * 0.08),
                QPointF(s * 0.82, s * 0.28),
                QPointF(s * 0.82, s * 0.92),
                QPointF(s * 0.2, s * 0.92),
            ]
        )
        p.drawPolygon(page)
        p.setBrush(color)
        p.drawPolygon(
            QPolygonF([QPointF(s * 0.62, s * 0.08), QPointF(s * 0.62, s * 0.28), QPointF(s * 0.82, s * 0.28)])
        )
        p.setPen(QPen(color, s / 18))
        for i in range(4):
            y = s * (0.44 + i * 0.11)
            p.drawLine(QPointF(s * 0.3, y), QPointF(s * 0.72, y))


def kind_pixmap(kind: str, size: int = 32, ratio: float = 1.0) -> QPixmap:
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    _paint(kind, p, float(size))
    p.end()
    return pm


@cache
def kind_icon(kind: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(kind_pixmap(kind, size))
    return icon
