"""The related documents linked to the current article or entry: name, type, size, date added."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt

from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_NAME, COL_TYPE, COL_SIZE, COL_ADDED = range(4)
SortRole = SORT_ROLE
RelatedIdRole = Qt.ItemDataRole.UserRole + 2


class RelatedDocumentsModel(QAbstractTableModel):
    """Rows are `library_service.RelatedInfo` values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def info(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_NAME: QCoreApplication.translate("RelatedDocumentsModel", "Name"),
            COL_TYPE: QCoreApplication.translate("RelatedDocumentsModel", "Type"),
            COL_SIZE: QCoreApplication.translate("RelatedDocumentsModel", "Size"),
            COL_ADDED: QCoreApplication.translate("RelatedDocumentsModel", "Added"),
        }.get(section)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        info = self.info(index.row()) if index.isValid() else None
        if info is None:
            return None
        col = index.column()
        if role == RelatedIdRole:
            return info.id
        if role == SortRole:
            return (info.name, info.media_type, info.size, info.added_at)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return info.name
            if col == COL_TYPE:
                return info.media_type
            if col == COL_SIZE:
                return QLocale().formattedDataSize(info.size)
            if col == COL_ADDED:
                return info.added_at.replace("T", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{info.name}\n{info.media_type}")
        return None
