"""The timeline pane: the visual timeline beside the entry table, both showing the same selection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from archiveviewer.gui.i18n import fill
from archiveviewer.gui.models.entry_table_model import (
    COL_AMOUNT,
    COL_DATE,
    COL_DOCUMENT,
    COL_NOTES,
    COL_TAGS,
    COL_TEXT,
    EntryIdRole,
    EntryTableModel,
)
from archiveviewer.gui.models.table_filter_proxy import TableFilterProxyModel
from archiveviewer.gui.widgets.timeline_chart import TimelineChart


class TimelineView(QWidget):
    """`entrySelected(id)` when the user picks an entry in the chart or in the table."""

    entrySelected = Signal(int)

    def __init__(self, model: EntryTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.proxy = TableFilterProxyModel(self)
        self.proxy.setSourceModel(model)

        self.header_label = QLabel(self.tr("Timeline"))
        self.header_label.setContentsMargins(4, 2, 4, 0)
        self.chart = TimelineChart()
        self.chart.setObjectName("timelineChart")
        self.chart.setAccessibleName(self.tr("Timeline chart"))
        self.chart.setAccessibleDescription(
            self.tr("One mark per timeline entry; Left and Right move between entries.")
        )

        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Timeline entries"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never measures rows it does not paint (the model reads rows lazily).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setColumnHidden(COL_TAGS, True)
        self.table.setColumnHidden(COL_NOTES, True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(COL_AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_DOCUMENT, QHeaderView.ResizeMode.Interactive)
        head.setMinimumSectionSize(60)
        head.setResizeContentsPrecision(0)  # size columns from the visible rows, not thousands of them
        head.resizeSection(COL_DOCUMENT, 130)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumWidth(380)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("timelineSplitter")
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([460, 560])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header_label)
        layout.addWidget(self.splitter, 1)

        self._syncing = False
        self.chart.entryClicked.connect(self._chart_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)

    def set_entries(self, entries: list[dict]) -> None:
        """Show these entries (the whole timeline); the selected entry and the table's scroll position stay."""
        with self._keeping_place():
            self.model.set_entries(entries)
            self.chart.set_entries(entries)
        self._show_count()

    def _show_count(self) -> None:
        self.header_label.setText(fill(self.tr("Timeline: %1 entries"), str(len(self.chart.entries()))))

    def update_entries(self, entries: list[dict]) -> None:
        """Entries shown already, changed (an edit): only their marks and rows change, and the order only
        when a date (or what the table is sorted by) changed. Selection and scroll position stay."""
        with self._keeping_place():
            self.model.update_entries(entries)
            self.chart.update_entries(entries)

    def remove_entries(self, ids: list[int]) -> None:
        """Entries gone (deleted): their rows and marks leave; the rest stay in view where they were.

        A selected entry that leaves is not replaced by a neighbour: the reader, showing its document, drops
        it too (the document becomes the target of notes), and a neighbour picked here would be a selection
        nobody made that the reader does not show."""
        with self._keeping_place(moving=set(ids)):
            self.model.remove_entries(ids)
            self.chart.remove_entries(ids)
        self._show_count()

    def insert_entries(self, entries: list[dict]) -> None:
        """New entries (added, or back after an undo): rows and marks come in where their order puts them; the
        rows in view stay where they were and the selection stays."""
        with self._keeping_place(moving={e["id"] for e in entries}):
            self.model.insert_entries(entries)
            self.chart.insert_entries(entries)
        self._show_count()

    @contextmanager
    def _keeping_place(self, moving: set[int] | None = None) -> Iterator[None]:
        """The selected entry stays selected and the table scrolled where the user left it, even when the
        selected row is elsewhere (scrolled away from, or moved by a new date). Rows coming or going
        (`moving`: their ids): the entry at the top of the table stays at the top, unless it is one of them.
        No `entrySelected` meanwhile: a removed current row makes Qt pick a neighbour, which is not the user's
        choice."""
        selected = self.selected_entry()
        bar = self.table.verticalScrollBar()
        top = bar.value()
        top_row = self.table.rowAt(0)
        anchor = self.proxy.id_at(top_row) if moving is not None and top_row >= 0 else None
        syncing, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = syncing
        if selected is not None:
            self.select_entry(selected if self.proxy_row(selected) is not None else None, scroll=False)
        if anchor is not None and moving is not None and anchor not in moving:
            row = self.proxy_row(anchor)
            if row is not None:
                per_pixel = self.table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerPixel
                top += (row - top_row) * (self.table.verticalHeader().defaultSectionSize() if per_pixel else 1)
        bar.setValue(top)

    def selected_entry(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(EntryIdRole) if index.isValid() else None

    def proxy_row(self, entry_id: int) -> int | None:
        return self.proxy.proxy_row(entry_id)

    def select_entry(self, entry_id: int | None, scroll: bool = True) -> None:
        """Show `entry_id` selected in both chart and table without emitting `entrySelected`; `scroll` brings
        its row into view."""
        self._syncing = True
        try:
            self.chart.select_entry(entry_id)
            row = self.proxy_row(entry_id) if entry_id is not None else None
            sm = self.table.selectionModel()
            if row is None:
                sm.clearSelection()
                sm.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            else:
                index = self.proxy.index(row, COL_DATE)
                sm.setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                if scroll:
                    self.table.scrollTo(index)
        finally:
            self._syncing = False

    def _chart_clicked(self, entry_id: int) -> None:
        self.select_entry(entry_id)
        self.entrySelected.emit(entry_id)

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        entry_id = current.data(EntryIdRole)
        self.chart.select_entry(entry_id)
        self.entrySelected.emit(entry_id)
