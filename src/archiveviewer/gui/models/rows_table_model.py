"""Base of the read-only table models: a list of rows, translated column headers, selectable cells."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt


class HeaderedTableModel(QAbstractTableModel):
    """A table whose columns are HEADERS (marked with QT_TRANSLATE_NOOP), shown translated in CONTEXT."""

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.HEADERS):
            return None
        return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])


class RowsTableModel(HeaderedTableModel):
    """Subclasses set CONTEXT and HEADERS and implement data()."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_changed()
        self.endResetModel()

    def _rows_changed(self) -> None:
        """Hook for subclasses that keep an index of their rows."""

    def rows(self) -> list:
        return list(self._rows)

    def row(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
