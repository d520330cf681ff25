"""Facet counts of the current query by kind, month and tag; clicking one filters, clicking it again clears.

The counts come from `SearchService.facets`, each recounted under the other active filters, so a
count is always the number of results a click on it lists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from archiveviewer.gui.widgets.kind_icons import kind_icon, kind_label

FacetRole = Qt.ItemDataRole.UserRole + 1
UNDATED = "undated"  # the month facet's bucket for items without a date


class FacetPanel(QTreeWidget):
    """Groups Kind, Month (oldest first, then Undated) and Tag; `facetClicked(field, value)` on a click or Enter."""

    facetClicked = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setColumnCount(2)
        self.setUniformRowHeights(True)
        self.setIndentation(12)
        self._facets: dict = {}
        self._active: dict[str, str | None] = {"kind": None, "month": None, "tag": None}
        self.itemClicked.connect(self._clicked)

    def set_facets(self, facets: dict, active: dict[str, str | None]) -> None:
        self._facets, self._active = facets or {}, dict(active)
        self.clear()
        groups = (("kind", self.tr("Kind")), ("month", self.tr("Month")), ("tag", self.tr("Tag")))
        for field, title in groups:
            counts = self._facets.get(field) or {}
            if not counts:
                continue
            head = QTreeWidgetItem(self, [title, ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.font())
            font.setBold(True)
            head.setFont(0, font)
            # Months come in date order with "undated" last, tags most frequent first: keep the service's order.
            keys = sorted(counts, key=lambda k: -counts[k]) if field == "kind" else list(counts)
            for key in keys:
                label = self._label(field, key)
                item = QTreeWidgetItem(head, [label, str(counts[key])])
                item.setData(0, FacetRole, (field, key))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if field == "kind":
                    item.setIcon(0, kind_icon(key))
                if self._active.get(field) == key:
                    f = QFont(self.font())
                    f.setBold(True)
                    item.setFont(0, f)
                    item.setFont(1, f)
                    item.setToolTip(0, self.tr("Filtering by this; click again to show all"))
                else:
                    item.setToolTip(0, self.tr("Show only these results"))
            head.setExpanded(True)
        self.resizeColumnToContents(1)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, self.header().ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, self.header().ResizeMode.ResizeToContents)

    def _label(self, field: str, key: str) -> str:
        if field == "kind":
            return kind_label(key)
        if field == "month" and key == UNDATED:
            return self.tr("Undated")
        return key

    def counts(self) -> dict[str, dict[str, int]]:
        """What the panel shows: {field: {value: count}} (tests compare it with the list)."""
        out: dict[str, dict[str, int]] = {}
        heads = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        for item in (h.child(j) for h in heads if h is not None for j in range(h.childCount())):
            if item is not None:
                field, value = item.data(0, FacetRole)
                out.setdefault(field, {})[value] = int(item.text(1))
        return out

    def facet_item(self, field: str, value: str) -> QTreeWidgetItem | None:
        """The item showing one facet value (tests click it)."""
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            for j in range(head.childCount() if head is not None else 0):
                item = head.child(j) if head is not None else None
                if item is not None and item.data(0, FacetRole) == (field, value):
                    return item
        return None

    def keyPressEvent(self, event) -> None:
        # Enter/Space toggle like a click; itemActivated is not used because some
        # styles also emit it on a single click, which would toggle twice.
        current = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and current is not None:
            self._clicked(current)
            return
        super().keyPressEvent(event)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, FacetRole)
        if data:
            self.facetClicked.emit(*data)
