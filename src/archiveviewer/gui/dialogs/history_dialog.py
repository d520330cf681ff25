"""The revisions of one entry or document, newest first; any earlier value can be restored (itself a revision)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from archiveviewer.gui.field_labels import field_label
from archiveviewer.gui.i18n import fill

COL_AT, COL_WHO, COL_FIELD, COL_OLD, COL_NEW = range(5)


def _short(value) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


class HistoryDialog(QDialog):
    """`load()` returns the revision dicts (id, who, at, field, old, new); `restore(revision)` applies one."""

    def __init__(self, title: str, load: Callable[[], list[dict]], restore: Callable[[dict], bool], parent=None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(fill(self.tr("History: %1"), title))
        self._load, self._restore = load, restore
        self.revisions: list[dict] = []
        heading = QLabel(
            self.tr(
                "Every change, newest first. Restoring puts the value from before that change back (as a new change)."
            )
        )
        heading.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When (UTC)"), self.tr("Who"), self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(COL_OLD, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(COL_NEW, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("No changes yet: this is the imported version."))
        self.restore_button = QPushButton(self.tr("&Restore the Value Before"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(760, 380)
        self.reload()

    def reload(self) -> None:
        self.revisions = list(reversed(self._load()))
        self.table.setRowCount(len(self.revisions))
        for row, rev in enumerate(self.revisions):
            values = (rev["at"].replace("T", " "), rev["who"], field_label(rev["field"]), rev["old"], rev["new"])
            for col, value in enumerate(values):
                item = QTableWidgetItem(_short(value))
                item.setToolTip("" if value is None else str(value))
                item.setData(Qt.ItemDataRole.UserRole, rev["id"])
                self.table.setItem(row, col, item)
        self.empty_label.setVisible(not self.revisions)

    def select_revision(self, row: int) -> None:
        self.table.selectRow(row)

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        if self._restore(self.revisions[rows[0].row()]):
            self.reload()
