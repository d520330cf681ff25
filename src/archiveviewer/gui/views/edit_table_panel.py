"""Layout shared by the two editable tables: filter bar, buttons, a message line and the table itself."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.app.table_queries import FilterError, TableFilter, date_bounds
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.models.paged_table_model import PagedTableModel
from archiveviewer.gui.models.table_filter_proxy import TableFilterProxyModel

FILTER_DELAY_MS = 250


class EditTablePanel(QWidget):
    """Emits what the user asks for; the edit controller does it. `kinds` adds the kind and undated filters."""

    addRequested = Signal()
    deleteRequested = Signal(list)
    bulkRequested = Signal(list)
    historyRequested = Signal(int)
    noteRequested = Signal(int)
    openRequested = Signal(int)

    def __init__(self, model: PagedTableModel, name: str, with_kinds: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.model = model
        self.proxy = TableFilterProxyModel(self)
        self.proxy.setSourceModel(model)

        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("textFilter")
        self.text_filter.setPlaceholderText(self.tr("Filter text…"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setAccessibleName(self.tr("Filter by text"))
        self.date_from = QLineEdit()
        self.date_from.setObjectName("dateFrom")
        self.date_from.setPlaceholderText(self.tr("from YYYY-MM-DD"))
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to = QLineEdit()
        self.date_to.setObjectName("dateTo")
        self.date_to.setPlaceholderText(self.tr("to YYYY-MM-DD"))
        self.date_to.setAccessibleName(self.tr("To date"))
        for w in (self.date_from, self.date_to):
            w.setMaximumWidth(130)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setAccessibleName(self.tr("Filter by tag"))
        self.tag_filter.addItem(self.tr("All tags"), "")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.setAccessibleName(self.tr("Filter by kind"))
        self.kind_filter.addItem(self.tr("All kinds"), "")
        self.kind_filter.addItem(self.tr("Articles"), "article")
        self.kind_filter.addItem(self.tr("Documents"), "document")
        self.undated_check = QCheckBox(self.tr("&Undated only"))
        self.undated_check.setObjectName("undatedOnly")
        self.kind_filter.setVisible(with_kinds)
        self.undated_check.setVisible(with_kinds)

        filters = QHBoxLayout()
        filters.setContentsMargins(4, 2, 4, 0)
        filters.addWidget(self.text_filter, 2)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.undated_check)

        self.add_button = QPushButton(self.tr("&Add…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.bulk_button = QPushButton(self.tr("&Bulk Edit…"))
        self.history_button = QPushButton(self.tr("&History…"))
        self.note_button = QPushButton(self.tr("Add &Note…"))
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 0, 4, 0)
        for b in (self.add_button, self.delete_button, self.bulk_button, self.history_button, self.note_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)

        self.message_label = QLabel()
        self.message_label.setObjectName("editMessage")
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020; padding: 2px 6px;")
        self.message_label.hide()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyNote")
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet("background: #fff4d6; padding: 3px 6px;")
        self.read_only_label.hide()

        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(model.DEFAULT_SORT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vhead = self.table.verticalHeader()
        vhead.hide()
        # Fixed row heights: the view never measures rows it does not paint (the model reads rows lazily).
        vhead.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vhead.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        head = self.table.horizontalHeader()
        head.setMinimumSectionSize(50)
        head.setResizeContentsPrecision(0)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        for edit in (self.text_filter, self.date_from, self.date_to):
            edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.undated_check.toggled.connect(lambda _c: self.apply_filter())
        self.add_button.clicked.connect(self.addRequested)
        self.delete_button.clicked.connect(lambda: self._with_selection(self.deleteRequested))
        self.bulk_button.clicked.connect(lambda: self._with_selection(self.bulkRequested))
        self.history_button.clicked.connect(lambda: self._with_current(self.historyRequested))
        self.note_button.clicked.connect(lambda: self._with_current(self.noteRequested))
        self.table.activated.connect(lambda _i: self._with_current(self.openRequested))
        model.refused.connect(self.show_message)
        model.idsReloaded.connect(self._count_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._read_only = False
        self._update_buttons()

    # -- filters

    def current_filter(self) -> TableFilter:
        """The filter the bar describes; raises FilterError for a date that is not one."""
        for edit in (self.date_from, self.date_to):
            if edit.text().strip():
                date_bounds(edit.text())
        return TableFilter(
            text=self.text_filter.text().strip(),
            date_from=self.date_from.text().strip(),
            date_to=self.date_to.text().strip(),
            tag=self.tag_filter.currentData() or "",
            kind=self.kind_filter.currentData() or "" if self.kind_filter.isVisible() else "",
            undated=self.undated_check.isChecked(),
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        try:
            f = self.current_filter()
        except FilterError:
            self.show_message(self.tr("The date filter needs YYYY-MM-DD, YYYY-MM or YYYY."))
            return
        self.show_message("")
        current = self.current_id()
        self.proxy.set_filter(f)
        if current is not None:
            self.select_ids([current])

    def set_known_tags(self, tags: list[str]) -> None:
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), "")
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        i = self.tag_filter.findData(chosen) if chosen else 0
        self.tag_filter.setCurrentIndex(max(0, i))
        self.tag_filter.blockSignals(False)

    # -- selection

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for i in (self.proxy.id_at(r) for r in rows) if i is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.id_at(index.row()) if index.isValid() else None

    def select_ids(self, ids: list[int]) -> None:
        sm = self.table.selectionModel()
        sm.clearSelection()
        first = True
        for item_id in ids:
            row = self.proxy.proxy_row(item_id)
            if row is None:
                continue
            index = self.proxy.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if first:
                sm.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                first = False
            else:
                sm.select(index, flags)

    def _with_selection(self, signal) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)

    def _with_current(self, signal) -> None:
        item_id = self.current_id()
        if item_id is not None:
            signal.emit(item_id)

    # -- state

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        self._read_only = read_only
        self.model.read_only = read_only
        self.read_only_label.setText(reason)
        self.read_only_label.setVisible(read_only and bool(reason))
        for button in (self.add_button, self.delete_button, self.bulk_button, self.note_button):
            button.setToolTip(reason if read_only else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_selection = bool(self.table.selectionModel().selectedRows())
        editable = not self._read_only
        self.add_button.setEnabled(editable)
        for b in (self.delete_button, self.bulk_button, self.note_button):
            b.setEnabled(editable and has_selection)
        self.history_button.setEnabled(has_selection)

    def _count_changed(self, n: int) -> None:
        self.count_label.setText(fill(self.tr("%1 rows"), f"{n:,}"))

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())
        menu = QMenu(self)
        self.build_context_menu(menu)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu  # kept for tests

    def build_context_menu(self, menu: QMenu) -> None:
        has = bool(self.selected_ids())
        editable = not self._read_only
        items = [
            (self.tr("&Open in Reader"), lambda: self._with_current(self.openRequested), has, None),
            (self.tr("Add &Note…"), lambda: self._with_current(self.noteRequested), has and editable, None),
            (self.tr("&Bulk Edit…"), lambda: self._with_selection(self.bulkRequested), has and editable, None),
            (self.tr("&History…"), lambda: self._with_current(self.historyRequested), has, None),
            (self.tr("&Delete…"), lambda: self._with_selection(self.deleteRequested), has and editable, "Del"),
        ]
        for text, slot, enabled, key in items:
            action = menu.addAction(text)
            action.setEnabled(enabled)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, s=slot: s())

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete and self.table.hasFocus() and not self._read_only:
            self._with_selection(self.deleteRequested)
            return
        super().keyPressEvent(event)
