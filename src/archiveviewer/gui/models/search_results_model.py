"""The hits of the current query, one row per SearchHit, fetched page by page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip
from archiveviewer.search.items import SearchHit

COL_HIT = 0
HitRole = Qt.ItemDataRole.UserRole + 2
SortRole = SORT_ROLE


class SearchResultsModel(QAbstractListModel):
    """Holds the hits shown so far and the total; asks for more when the view scrolls to the end."""

    moreRequested = Signal(int)  # offset of the next page

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._total = 0
        self._waiting_for_more = False

    # -- filled by the search controller

    def set_result(self, hits: list[SearchHit], total: int) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._total = total
        self._waiting_for_more = False
        self.endResetModel()

    def append(self, hits: list[SearchHit]) -> None:
        self._waiting_for_more = False
        if not hits:
            self._total = len(self._hits)
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
        self._hits.extend(hits)
        self.endInsertRows()

    def clear(self) -> None:
        self.set_result([], 0)

    @property
    def total(self) -> int:
        return self._total

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    # -- Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{hit.title}\n{hit.date or ''}\n{hit.snippet}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title} {hit.date or ''} {hit.snippet}"
        if role == HitRole:
            return hit
        if role == SortRole:
            return hit.score
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._waiting_for_more and len(self._hits) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._waiting_for_more = True
            self.moreRequested.emit(len(self._hits))
