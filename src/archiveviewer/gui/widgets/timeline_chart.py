"""A visual timeline: dates on an axis, one mark per entry, amounts as labels, click or arrow keys to select."""

from __future__ import annotations

import bisect
import datetime as dt

from PySide6.QtCore import QDate, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen, QPixmap
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


def _order(entry: dict) -> tuple[str, int]:
    return entry["date"], entry["id"]


class TimelineChart(QWidget):
    """Paints the entries on a date axis; `entryClicked(id)` when a mark is clicked or chosen by keyboard."""

    entryClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[dict] = []
        self._position: dict[int, int] = {}  # entry id -> its index in _entries
        self._selected: int | None = None
        self._centers: dict[int, QPointF] = {}
        self._labels: dict[int, QRectF] = {}
        self._picture: QPixmap | None = None  # the marks as last painted (see _current_picture)
        self._stale_dates: set[str] = set()  # dates whose column of marks is to be painted again
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 170)

    # -- data

    def set_entries(self, entries: list[dict]) -> None:
        self._entries = sorted(entries, key=_order)
        self._position = {e["id"]: i for i, e in enumerate(self._entries)}
        if self._selected not in self._position:
            self._selected = None
        self._layout()
        self.update()

    def update_entries(self, entries: list[dict]) -> None:
        """Entries shown already, changed (an edit; others are ignored): their marks change in place.

        A changed date re-sorts (an almost sorted list) and moves the marks of the two dates concerned; a
        changed label in a labelled chart (at most MAX_LABELLED entries) lays the chart out again. The
        rest of a 100,000-mark chart stays where it is: only the columns of marks over the dates concerned
        are painted again, and nothing if no mark looks different (a text shows only in the tooltip)."""
        changed = [(self._position[e["id"]], e) for e in entries if e["id"] in self._position]
        if not changed:
            return
        axis_ends = self._entries[0]["date"], self._entries[-1]["date"]
        dates: set[str] = set()
        relabel = recolor = False
        for position, entry in changed:
            old = self._entries[position]
            self._entries[position] = entry
            if old["date"] != entry["date"]:
                dates.update((old["date"], entry["date"]))
            relabel = relabel or self.label_for(old) != self.label_for(entry)
            recolor = recolor or bool(old["amounts"]) != bool(entry["amounts"])
        labelled = len(self._entries) <= MAX_LABELLED
        if not (dates or recolor or (relabel and labelled)):
            return
        if dates:
            self._entries.sort(key=_order)
            self._position = {e["id"]: i for i, e in enumerate(self._entries)}
            if not labelled and axis_ends == (self._entries[0]["date"], self._entries[-1]["date"]):
                self._stack_dates(dates)
                self._invalidate(dates | {e["date"] for _, e in changed})
            else:
                self._layout()
        elif labelled:  # at most MAX_LABELLED entries: placed and painted again in a few milliseconds
            self._layout()
        else:
            self._invalidate({e["date"] for _, e in changed})

    def remove_entries(self, ids) -> None:
        """Entries gone (deleted; others are ignored): their marks leave. While the axis keeps its ends, only
        the marks over their dates are stacked and painted again; a removed selection is dropped."""
        gone = {i for i in ids if i in self._position}
        if not gone:
            return
        ends = self._ends()
        dates = {self._entries[self._position[i]]["date"] for i in gone}
        labelled = len(self._entries) <= MAX_LABELLED
        self._entries = [e for e in self._entries if e["id"] not in gone]
        for entry_id in gone:
            self._centers.pop(entry_id, None)
        if self._selected in gone:
            self._selected = None
        self._rows_changed(dates, ends, labelled)

    def insert_entries(self, entries: list[dict]) -> None:
        """New entries (added, or back after an undo; those shown already are ignored): their marks come in over
        their dates, the rest stays where it is while the axis keeps its ends."""
        new = [e for e in entries if e["id"] not in self._position]
        if not new:
            return
        ends = self._ends()
        labelled = len(self._entries) <= MAX_LABELLED
        for entry in new:
            bisect.insort(self._entries, entry, key=_order)
        self._rows_changed({e["date"] for e in new}, ends, labelled)

    def _ends(self) -> tuple[str, str] | None:
        return (self._entries[0]["date"], self._entries[-1]["date"]) if self._entries else None

    def _rows_changed(self, dates: set[str], ends: tuple[str, str] | None, labelled: bool) -> None:
        """Marks came or went over `dates`: placed again where they stand, or all of them when the axis ends
        moved or the chart is (or was) a labelled one."""
        self._position = {e["id"]: i for i, e in enumerate(self._entries)}
        if labelled or len(self._entries) <= MAX_LABELLED or ends is None or ends != self._ends():
            self._layout()  # painted again whole when next shown
        else:
            self._stack_dates(dates)
            self._invalidate(dates)

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
        self._invalidate()
        if not self._entries:
            return
        start, end = self._range()
        axis = self._axis_y()
        fm = QFontMetrics(self.font())
        lane_h = max(LANE, fm.height() + 6)
        lanes = max(1, int((axis - 4) // lane_h))
        if len(self._entries) > MAX_LABELLED:
            self._stack(self._entries, start, end, lanes)
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

    def _lanes(self) -> int:
        lane_h = max(LANE, QFontMetrics(self.font()).height() + 6)
        return max(1, int((self._axis_y() - 4) // lane_h))

    def _stack(self, entries: list[dict], start: dt.date, end: dt.date, lanes: int) -> None:
        """Past MAX_LABELLED entries: each entry's mark above its date, stacked in date order."""
        axis = self._axis_y()
        stacks: dict[str, int] = {}
        for e in entries:
            level = stacks.get(e["date"], 0)
            stacks[e["date"]] = level + 1
            x = self._x(_date(e["date"]), start, end)
            self._centers[e["id"]] = QPointF(x, axis - MARK_R - 4 - (level % lanes) * STACK)

    def _stack_dates(self, dates: set[str]) -> None:
        """Stack again the marks of these dates only (the axis is unchanged): an entry's date was edited."""
        start, end = self._range()
        for day in dates:
            low = bisect.bisect_left(self._entries, day, key=lambda e: e["date"])
            high = bisect.bisect_right(self._entries, day, key=lambda e: e["date"])
            self._stack(self._entries[low:high], start, end, self._lanes())

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

    def _invalidate(self, dates: set[str] | None = None) -> None:
        """The marks changed: all of them (`dates` None), or only those over these dates. Repainted when next
        shown: the picture of the marks is drawn again (over 100,000 entries: ~0.4 s), or just those columns."""
        if dates is None or self._picture is None:
            self._picture = None
            self._stale_dates.clear()
        else:
            self._stale_dates.update(dates)
        self.update()

    def _current_picture(self) -> QPixmap:
        """The chart without the selection and the focus frame, painted once per change of the marks (a new
        selection, hovering or focus repaint over it in a few milliseconds, whatever the number of marks)."""
        ratio = self.devicePixelRatioF()
        picture = self._picture
        if picture is None or picture.size() != self.size() * ratio or picture.devicePixelRatio() != ratio:
            picture = QPixmap(self.size() * ratio)
            picture.setDevicePixelRatio(ratio)
            self._picture, self._stale_dates = picture, set()
            p = QPainter(picture)
            self._paint_marks(p, self._entries, QRectF(self.rect()))
            p.end()
        elif self._stale_dates:
            columns = [self._column(day) for day in sorted(self._stale_dates)]
            self._stale_dates.clear()
            p = QPainter(picture)
            if sum(high - low for _, low, high in columns) > len(self._entries):
                # Many busy columns (a document's entries gone): painting them would cost more than the whole.
                self._paint_marks(p, self._entries, QRectF(self.rect()))
            else:
                for strip, low, high in columns:
                    self._paint_marks(p, self._entries[low:high], strip)
            p.end()
        return picture

    def _column(self, day: str) -> tuple[QRectF, int, int]:
        """The strip of the axis over `day` to paint again (stacked marks only; the axis ends unchanged), and
        the slice of the entries of the days whose marks reach into it: painted in their order, as a whole
        repaint would."""
        start, end = self._range()
        x = self._x(_date(day), start, end)
        half = MARK_R + 3  # a mark's half-width with its outline and antialiasing
        per_day = (self.width() - 2 * MARGIN_X) / max(1, (end - start).days)
        reach = dt.timedelta(days=int(2 * half / max(per_day, 1e-9)) + 1)
        low_day, high_day = (_date(day) - reach).isoformat(), (_date(day) + reach).isoformat()
        low = bisect.bisect_left(self._entries, low_day, key=lambda e: e["date"])
        high = bisect.bisect_right(self._entries, high_day, key=lambda e: e["date"])
        # Whole pixels: a clip edge through a pixel would blend the old paint into the new.
        return QRectF(QRectF(x - half, 0, 2 * half, self._axis_y() + 1).toAlignedRect()), low, high

    def _paint_marks(self, p: QPainter, entries: list[dict], clip: QRectF) -> None:
        """Background, axis, ticks and the marks and labels of `entries`, inside `clip`."""
        p.save()
        p.setClipRect(clip)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(clip, pal.color(QPalette.ColorRole.Base))
        fm = QFontMetrics(self.font())
        if not self._entries:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No timeline entries in this archive"))
            p.restore()
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

        stem = QColor(dim)
        stem.setAlpha(110)
        centers = [self._centers[e["id"]] for e in entries]
        # Stacked marks of a busy timeline share positions: draw each stem and mark once
        # (1,400 entries painted in 60 ms before, on the GUI thread, after every import).
        tops: dict[float, float] = {}
        for c in centers:
            tops[c.x()] = min(tops.get(c.x(), axis), c.y())
        p.setPen(QPen(stem, 1))
        p.drawLines([QLineF(x, y + MARK_R, x, axis) for x, y in tops.items()])
        drawn: set[tuple[float, float, bool]] = set()
        outline = QPen(MARK_COLOR.darker(140), 1)
        for e, c in zip(entries, centers, strict=True):
            key = (c.x(), c.y(), bool(e["amounts"]))
            if key in drawn and e["id"] not in self._labels:
                continue
            drawn.add(key)
            p.setPen(outline)
            self._draw_mark(p, e, c, MARK_R)
            box = self._labels.get(e["id"])
            if box is not None:
                p.fillRect(box, pal.color(QPalette.ColorRole.Base))  # stems pass behind the text
                p.setPen(QPen(AMOUNT_COLOR if e["amounts"] else pal.color(QPalette.ColorRole.Text)))
                p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label_for(e))
        p.restore()

    @staticmethod
    def _draw_mark(p: QPainter, entry: dict, c: QPointF, r: float) -> None:
        p.setBrush(MARK_COLOR if entry["amounts"] else MARK_COLOR.lighter(150))
        p.drawPolygon(
            [QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()), QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())]
        )

    def paintEvent(self, event) -> None:
        picture = self._current_picture()
        p = QPainter(self)
        p.drawPixmap(0, 0, picture)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        highlight = pal.color(QPalette.ColorRole.Highlight)
        center = self._centers.get(self._selected) if self._selected is not None else None
        if center is not None and self._selected is not None:
            entry = self._entries[self._position[self._selected]]
            p.setPen(QPen(highlight, 2.5))
            self._draw_mark(p, entry, center, MARK_R + 2)
            box = self._labels.get(self._selected)
            if box is not None:
                p.fillRect(box.adjusted(-2, 0, 2, 0), highlight)
                p.setPen(pal.color(QPalette.ColorRole.HighlightedText))
                p.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.label_for(entry))
        if self.hasFocus():
            p.setPen(QPen(highlight, 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        p.end()

    def changeEvent(self, event) -> None:
        if event.type() in (event.Type.PaletteChange, event.Type.FontChange, event.Type.LanguageChange):
            self._invalidate()
        super().changeEvent(event)

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
            position = self._position.get(entry_id) if entry_id is not None else None
            entry = self._entries[position] if position is not None else None
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
