"""Paints one search hit: kind icon, title, date and the snippet with the matches highlighted."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QFontMetrics, QIcon, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from archiveviewer.gui.models.search_results_model import HitRole
from archiveviewer.gui.widgets.kind_icons import kind_icon, kind_label
from archiveviewer.gui.widgets.plain_text import plain_tooltip

HIGHLIGHT_BG = "#ffd54f"
HIGHLIGHT_FG = "#000000"
PADDING = 6
ICON = 22
SNIPPET_LINES = 2


def snippet_html(snippet: str, highlights: list[tuple[int, int]]) -> str:
    """The snippet as HTML: every piece of document text escaped, every [start, end) span marked."""
    out: list[str] = []
    last = 0
    for start, end in sorted(highlights):
        start, end = max(start, last), min(end, len(snippet))
        if start >= end:
            continue
        out.append(html.escape(snippet[last:start]))
        out.append(
            f'<span style="background-color:{HIGHLIGHT_BG}; color:{HIGHLIGHT_FG};">'
            f"{html.escape(snippet[start:end])}</span>"
        )
        last = end
    out.append(html.escape(snippet[last:]))
    return "".join(out).replace("\n", " ")


class SnippetDelegate(QStyledItemDelegate):
    """Two-part rows: a title line (icon, title, date) over up to two lines of highlighted snippet."""

    def _doc(self, option: QStyleOptionViewItem, hit, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(snippet_html(hit.snippet, hit.highlights))
        doc.setTextWidth(width)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        height = PADDING * 2 + max(fm.height(), ICON) + 2 + fm.lineSpacing() * SNIPPET_LINES
        return QSize(320, height)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is None:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()  # the icon is painted below, at our size
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        active = opt.state & QStyle.StateFlag.State_Active
        group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
        role = QPalette.ColorRole
        text_color = opt.palette.color(group, role.HighlightedText if selected else role.Text)
        dim_color = opt.palette.color(group, role.HighlightedText if selected else role.PlaceholderText)

        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        fm = QFontMetrics(opt.font)
        line_h = max(fm.height(), ICON)
        painter.save()
        kind_icon(hit.kind).paint(painter, rect.left(), rect.top() + (line_h - ICON) // 2, ICON, ICON)

        date = hit.date or ""
        date_w = fm.horizontalAdvance(date) + PADDING if date else 0
        title_font = QFont(opt.font)
        title_font.setBold(True)
        tfm = QFontMetrics(title_font)
        title_left = rect.left() + ICON + PADDING
        title_w = rect.right() - title_left - date_w
        painter.setFont(title_font)
        painter.setPen(text_color)
        painter.drawText(
            QRectF(title_left, rect.top(), title_w, line_h),
            Qt.AlignmentFlag.AlignVCenter,
            tfm.elidedText(hit.title, Qt.TextElideMode.ElideRight, max(10, title_w)),
        )
        if date:
            painter.setFont(opt.font)
            painter.setPen(dim_color)
            painter.drawText(
                QRectF(rect.right() - date_w, rect.top(), date_w, line_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                date,
            )

        snippet_top = rect.top() + line_h + 2
        snippet_h = fm.lineSpacing() * SNIPPET_LINES
        doc = self._doc(opt, hit, rect.width() - ICON - PADDING)
        painter.translate(title_left, snippet_top)
        painter.setClipRect(QRectF(0, 0, rect.width(), snippet_h))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, text_color)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def helpEvent(self, event, view, option, index):
        hit = index.data(HitRole)
        if hit is not None and event is not None:
            from PySide6.QtWidgets import QToolTip

            QToolTip.showText(
                event.globalPos(), plain_tooltip(f"{kind_label(hit.kind)} · {hit.title}\n{hit.date or ''}"), view
            )
            return True
        return super().helpEvent(event, view, option, index)
