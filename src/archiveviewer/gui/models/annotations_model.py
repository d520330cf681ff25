"""The notes on the current article or entry: author, date and text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_TEXT, COL_AUTHOR, COL_CREATED = range(3)
SortRole = SORT_ROLE


class AnnotationsModel(QAbstractTableModel):
    """Rows are the annotation dicts of `LibraryService.annotations_for`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_TEXT: QCoreApplication.translate("AnnotationsModel", "Note"),
            COL_AUTHOR: QCoreApplication.translate("AnnotationsModel", "Author"),
            COL_CREATED: QCoreApplication.translate("AnnotationsModel", "Created"),
        }.get(section)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        note = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == COL_TEXT:
                return note["text"] if role == SortRole else " ".join(note["text"].split())
            if col == COL_AUTHOR:
                return note["author"]
            if col == COL_CREATED:
                return note["created_at"] if role == SortRole else note["created_at"].replace("T", " ")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEXT:
            return plain_tooltip(note["text"])
        return None
