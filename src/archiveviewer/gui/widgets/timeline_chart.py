"""A visual timeline: dates on an axis, one mark per entry, amounts as labels, click or arrow keys to select."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from archiveviewer.gui.i18n import fill
from archiveviewer.gui.models.entry_table_model import amounts_text, one_line
from archiveviewer.gui.widgets.plain_text import plain_tooltip

MARK_R = 6.0
STACK = 15.0
LANE = 22.0
MAX_LABELLED = 80
MARGIN_X = 36.0
AXIS_BOTTOM = 28.0
MARK_COLOR = QColor("#d9822b")
AMOUNT_COLOR = QColor("#9a4d00")


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


class TimelineChart(QWidget):
    """Paints the entries on a date axis; `entryClicked(id)` when a mark is clicked or chosen by keyboard."""

    entryClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[dict] = []
        self._selected: int | None = None
        self._centers: dict[int, QPointF] = {}
        self._labels: dict[int, QRectF] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 170)

    # -- data

    def set_entries(self, entries: list[dict]) -> None:
        self._entries = sorted(entries, key=lambda e: (e["date"], e["id"]))
        if self._selected not in {e["id"] for e in self._entries}:
            self._selected = None
        self._layout()
        self.update()

    def entries(self) -> list[dict]:
        return list(self._entries)

    def select_entry(self, entry_id: int | None) -> None:
        """Show `entry_id` as selected (no signal: the caller already knows)."""
        if entry_id != self._selected:
            self._selected = entry_id
            self.update()

    def selected_entry(self) -> int | None:
        return self._selected

    def mark_center(self, entry_id: int) -> QPointF | None:
        """Where the entry's mark is drawn, in widget coordinates (tests click here)."""
        return self._centers.get(entry_id)

    # -- geometry

    def _range(self) -> tuple[dt.date, dt.date]:
        first, last = _date(self._entries[0]["date"]), _date(self._entries[-1]["date"])
        pad = max(1, (last - first).days // 20)
        return first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)

    def _axis_y(self) -> float:
        return self.height() - AXIS_BOTTOM

    def _x(self, day: dt.date, start: dt.date, end: dt.date) -> float:
        span = max(1, (end - start).days)
        return MARGIN_X + (day - start).days / span * (self.width() - 2 * MARGIN_X)

    def label_for(self, entry: dict) -> str:
        """The text beside a mark: the amounts it names, else its printed date (1月24日)."""
        amounts = [a["text"] for a in entry["amounts"]]
        if amounts:
            return amounts[0] if len(amounts) == 1 else f"{amounts[0]} +{len(amounts) - 1}"
        return entry.get("date_text") or entry["date"][5:]

    def _layout(self) -> None:
        """Place every mark, and as many labels as fit without touching anything else.

        Entries are taken in date order. Each goes to the lowest lane (lanes stack
        up from the axis) where its mark overlaps no label and no other mark and
        its label, right or else left of the mark, overlaps no other label or
        mark. An entry whose label fits nowhere keeps its mark only (its label
        and text are in the tooltip and the table): so at any size no two labels
        and no label and mark ever overlap. Stems are thin and pass behind the
        labels, which are painted on the chart's background. Past MAX_LABELLED
        entries only marks are drawn, stacked per date.
        """
        self._centers.clear()
        self._labels = {}
        if not self._entries:
            return
        start, end = self._range()
        axis = self._axis_y()
        fm = QFontMetrics(self.font())
        lane_h = max(LANE, fm.height() + 6)
        lanes = max(1, int((axis - 4) // lane_h))
        if len(self._entries) > MAX_LABELLED:
            stacks: dict[str, int] = {}
            for e in self._entries:
                level = stacks.get(e["date"], 0)
                stacks[e["date"]] = level + 1
                x = self._x(_date(e["date"]), start, end)
                self._centers[e["id"]] = QPointF(x, axis - MARK_R - 4 - (level % lanes) * STACK)
            return
        marks: list[QRectF] = []  # each placed mark's diamond
        lane_ys = [axis - lane_h * (lane + 1) + lane_h / 2 for lane in range(lanes)]
        for e in self._entries:
            x = self._x(_date(e["date"]), start, end)
            text_w = fm.horizontalAdvance(self.label_for(e)) + 2
            placed: tuple[float, QRectF | None] | None = None
            for y in lane_ys:
                own = self._mark_rect(x, y)
                if self._crosses_label(own) or any(own.intersects(m) for m in marks):
                    continue
                for candidate in (
                    QRectF(x + MARK_R + 4, y - fm.height() / 2, text_w, fm.height()),
                    QRectF(x - MARK_R - 4 - text_w, y - fm.height() / 2, text_w, fm.height()),
                ):
                    inside = candidate.left() >= 0 and candidate.right() <= self.width() and candidate.top() >= 0
                    if inside and not any(candidate.intersects(r) for r in [*marks, own, *self._labels.values()]):
                        placed = (y, candidate)
                        break
                if placed is not None:
                    break
            if placed is None:  # no room for the label: the mark alone, where it crosses no label
                free = (yy for yy in lane_ys if not self._crosses_label(self._mark_rect(x, yy)))
                y = next(free, lane_ys[0])
                for other, rect in list(self._labels.items()):  # still crossing one (no free lane): thin it out
                    if self._mark_rect(x, y).intersects(rect):
                        del self._labels[other]
                placed = (y, None)
            y, label_rect = placed
            self._centers[e["id"]] = QPointF(x, y)
            marks.append(self._mark_rect(x, y))
            if label_rect is not None:
                self._labels[e["id"]] = label_rect

    def _crosses_label(self, rect: QRectF) -> bool:
        return any(rect.intersects(r) for r in self._labels.values())

    @staticmethod
    def _mark_rect(x: float, y: float) -> QRectF:
        r = MARK_R + 2  # room for the selection's larger diamond
        return QRectF(x - r, y - r, 2 * r, 2 * r)

    def label_rects(self) -> dict[int, QRectF]:
        """Where each shown label is drawn (tests check that none overlap)."""
        return dict(self._labels)

    def mark_rects(self) -> dict[int, QRectF]:
        """Each entry's mark, as the rectangle around its diamond."""
        return {i: self._mark_rect(c.x(), c.y()) for i, c in self._centers.items()}

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def _entry_at(self, pos: QPointF) -> int | None:
        for entry_id, rect in self._labels.items():
            if rect.contains(pos):
                return entry_id
        best, best_d = None, (MARK_R + 4) ** 2
        for entry_id, c in self._centers.items():
            d = (c.x() - pos.x()) ** 2 + (c.y() - pos.y()) ** 2
            if d <= best_d:
                best, best_d = entry_id, d
        return best

    # -- painting

    def _ticks(self, start: dt.date, end: dt.date) -> list[dt.date]:
        span = (end - start).days
        if span <= 21:
            step = 1 if span <= 10 else 2
            return [start + dt.timedelta(days=i) for i in range(0, span + 1, step)]
        if span <= 150:
            first = start + dt.timedelta(days=(7 - start.weekday()) % 7)
            return [first + dt.timedelta(days=i) for i in range(0, (end - first).days + 1, 7)]
        ticks, day = [], dt.date(start.year, start.month, 1)
        months = max(1, span // 300)
        while day <= end:
            if day >= start:
                ticks.append(day)
            month = day.month - 1 + months
            day = dt.date(day.year + month // 12, month % 12 + 1, 1)
        return ticks

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = QFontMetrics(self.font())
        if not self._entries:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No timeline entries in this archive"))
            p.end()
            return
        start, end = self._range()
        axis = self._axis_y()
        text_pen = QPen(pal.color(QPalette.ColorRole.Text))
        dim = pal.color(QPalette.ColorRole.PlaceholderText)
        p.setPen(QPen(dim, 1.5))
        p.drawLine(QPointF(MARGIN_X / 2, axis), QPointF(self.width() - MARGIN_X / 2, axis))
        date_format = self.tr("M/d")
        last_right = -1e9
        for day in self._ticks(start, end):
            x = self._x(day, start, end)
            p.setPen(QPen(dim, 1))
            p.drawLine(QPointF(x, axis), QPointF(x, axis + 4))
            label = QDate(day.year, day.month, day.day).toString(date_format)
            w = fm.horizontalAdvance(label)
            if x - w / 2 > last_right + 4:
                p.setPen(text_pen)
                p.drawText(QRectF(x - w / 2 - 2, axis + 5, w + 4, fm.height()), Qt.AlignmentFlag.AlignCenter, label)
                last_right = x + w / 2

        highlight = pal.color(QPalette.ColorRole.Highlight)
        stem = QColor(dim)
        stem.setAlpha(110)
        # Stacked marks of a busy timeline share positions: draw each stem and mark once
        # (1,400 entries painted in 60 ms before, on the GUI thread, after every import).
        tops: dict[float, float] = {}
        for c in self._centers.values():
            tops[c.x()] = min(tops.get(c.x(), axis), c.y())
        p.setPen(QPen(stem, 1))
        p.drawLines([QLineF(x, y + MARK_R, x, axis) for x, y in tops.items()])
        drawn: set[tuple[float, float, bool]] = set()
        for e in self._entries:
            c = self._centers[e["id"]]
            selected = e["id"] == self._selected
            key = (c.x(), c.y(), bool(e["amounts"]))
            if key in drawn and not selected and e["id"] not in self._labels:
                continue
            drawn.add(key)
            r = MARK_R + (2 if selected else 0)
            p.setPen(QPen(highlight if selected else MARK_COLOR.darker(140), 2.5 if selected else 1))
            p.setBrush(MARK_COLOR if e["amounts"] else MARK_COLOR.lighter(150))
            p.drawPolygon(
                [
                    QPointF(c.x(), c.y() - r),
                    QPointF(c.x() + r, c.y()),
                    QPointF(c.x(), c.y() + r),
                    QPointF(c.x() - r, c.y()),
                ]
            )
            box = self._labels.get(e["id"])
            if box is not None:
                if selected:
                    p.fillRect(box.adjusted(-2, 0, 2, 0), highlight)
                    p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
                else:
                    p.fillRect(box, pal.color(QPalette.ColorRole.Base))  # stems pass behind the text
                    p.setPen(QPen(AMOUNT_COLOR if e["amounts"] else pal.color(QPalette.ColorRole.Text)))
                p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label_for(e))
        if self.hasFocus():
            p.setPen(QPen(highlight, 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        p.end()

    # -- interaction

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            entry_id = self._entry_at(event.position())
            if entry_id is not None:
                self._selected = entry_id
                self.update()
                self.entryClicked.emit(entry_id)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        entry_id = self._entry_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if entry_id is not None else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            entry_id = self._entry_at(QPointF(event.pos()))
            entry = next((e for e in self._entries if e["id"] == entry_id), None)
            if entry is None:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), plain_tooltip(self.tooltip_text(entry)), self)
            return True
        return super().event(event)

    def tooltip_text(self, entry: dict) -> str:
        lines = [f"{entry['date']}  {entry.get('date_text') or ''}".strip(), one_line(entry["text"])[:120]]
        if entry.get("amounts"):
            # As printed, never a sum: one amount may be a per-person rate, not part of a total (issue 8).
            lines.append(fill(self.tr("Amounts: %1"), amounts_text(entry)))
        return "\n".join(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End) and self._entries:
            ids = [e["id"] for e in self._entries]
            if event.key() == Qt.Key.Key_Home:
                i = 0
            elif event.key() == Qt.Key.Key_End:
                i = len(ids) - 1
            elif self._selected not in ids:
                i = 0
            else:
                i = ids.index(self._selected) + (1 if event.key() == Qt.Key.Key_Right else -1)
                i = max(0, min(len(ids) - 1, i))
            self._selected = ids[i]
            self.update()
            self.entryClicked.emit(ids[i])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
