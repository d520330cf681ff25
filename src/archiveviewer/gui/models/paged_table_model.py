"""Base of the big table models: an ordered id list, rows fetched a page at a time, sort and filter at the source.

A table of 100,000 rows holds 100,000 ints; the rows themselves are read
when painted, PAGE_SIZE at a time, and forgotten when the cache grows. The
source (`app.table_queries.TableSource` for the archive, `ListSource` for rows
already in memory) orders and filters, so the proxy in front never compares
rows in Python — that comparison was the 60-70 ms stall of the old timeline table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from archiveviewer.app.table_queries import PAGE_SIZE, FilterError, TableFilter, date_bounds
from archiveviewer.gui.models.sort_proxy import SORT_ROLE

if TYPE_CHECKING:
    from archiveviewer.gui.controllers.edit_controller import EditController

SortRole = SORT_ROLE
IdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3
MAX_CACHED_ROWS = 20 * PAGE_SIZE


class ListSource:
    """Rows already in memory (the timeline pane's entries, tests) behind the same interface as TableSource."""

    def __init__(self, rows: list[dict], sort_key: Callable[[dict, str], object], text_of: Callable[[dict], str]):
        self._rows = {r["id"]: r for r in rows}
        self._order = [r["id"] for r in rows]
        self._sort_key, self._text_of = sort_key, text_of

    def ids(self, f: TableFilter, sort: str, descending: bool) -> list[int]:
        rows = [self._rows[i] for i in self._order]
        if f.text.strip():
            rows = [r for r in rows if f.text.strip() in self._text_of(r)]
        if f.tag.strip():
            rows = [r for r in rows if f.tag.strip() in r.get("tags", ())]
        if f.date_from.strip() or f.date_to.strip():
            low = date_bounds(f.date_from)[0].isoformat() if f.date_from.strip() else ""
            high = date_bounds(f.date_to)[1].isoformat() if f.date_to.strip() else "9999"
            rows = [r for r in rows if r.get("date") and low <= r["date"] <= high]

        def key(r):
            value = self._sort_key(r, sort)
            return (value is not None, value if value is not None else 0)

        # Stable sorts: ties keep the given (date) order in both directions, as the SQL source does.
        rows.sort(key=key, reverse=descending)
        return [r["id"] for r in rows]

    def rows(self, ids: list[int]) -> dict[int, dict]:
        return {i: self._rows[i] for i in ids if i in self._rows}


class PagedTableModel(QAbstractTableModel):
    """Subclasses set CONTEXT, HEADERS (QT_TRANSLATE_NOOP), SORTS (a sort name per column), FIELDS (editable
    column -> field name) and implement `cell(row, column, role)`.

    `editor` (set by the edit controller) receives accepted edits:
    `editor.commit_cell(model, row_dict, field, value) -> bool`. `refused(message)` when
    an edit or a filter is refused; the old value stays.
    """

    CONTEXT = ""
    HEADERS: tuple[str, ...] = ()
    SORTS: tuple[str, ...] = ()
    FIELDS: dict[int, str] = {}
    DEFAULT_SORT = 0

    refused = Signal(str)
    idsReloaded = Signal(int)  # rows now shown

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = None
        self.editor: EditController | None = None
        self.read_only = False
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._rows: dict[int, dict] = {}
        self._filter = TableFilter()
        self._sort_column = self.DEFAULT_SORT
        self._descending = False
        self.pages_loaded = 0  # for the benchmark and tests: how many page reads happened

    # -- source, ids and filter

    def set_source(self, source) -> None:
        self.source = source
        self.reload()

    def reload(self) -> None:
        """Read the id list again (after adds, deletes, a filter or sort change); rows are re-read when shown."""
        ids: list[int] = []
        if self.source is not None:
            try:
                ids = self.source.ids(self._filter, self.SORTS[self._sort_column], self._descending)
            except FilterError as exc:
                self.refused.emit(str(exc))
                return
        self.set_ids(ids)

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = {i: r for r, i in enumerate(self._ids)}
        self._rows.clear()
        self.endResetModel()
        self.idsReloaded.emit(len(self._ids))

    def set_filter(self, f: TableFilter) -> None:
        if f != self._filter:
            self._filter = f
            self.reload()

    def table_filter(self) -> TableFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORTS):
            return
        self._sort_column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        self.reload()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    # -- rows, a page at a time

    def row_dict(self, row: int) -> dict | None:
        item_id = self.id_at(row)
        if item_id is None:
            return None
        found = self._rows.get(item_id)
        if found is None:
            self._load_page(row)
            found = self._rows.get(item_id)
        return found

    def _load_page(self, row: int) -> None:
        if self.source is None:
            return
        if len(self._rows) >= MAX_CACHED_ROWS:
            self._rows.clear()
        start = row - row % PAGE_SIZE
        page = self._ids[start : start + PAGE_SIZE]
        fetched = self.source.rows(page)
        self.pages_loaded += 1
        for item_id in page:
            # A row deleted by someone else meanwhile shows as gone until the next reload.
            self._rows[item_id] = fetched.get(item_id) or {"id": item_id, "missing": True}

    def rows_for(self, ids: list[int]) -> list[dict]:
        """The row dicts of `ids` (loaded if need be), in the given order."""
        missing = [i for i in ids if i not in self._rows]
        if missing and self.source is not None:
            self._rows.update(self.source.rows(missing))
        return [self._rows[i] for i in ids if i in self._rows]

    def refresh_ids(self, ids) -> None:
        """Rows changed in the archive: forget them and repaint their rows (re-read on paint)."""
        rows = []
        for item_id in ids:
            self._rows.pop(item_id, None)
            row = self._row_of.get(item_id)
            if row is not None:
                rows.append(row)
        if rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def refresh_all(self) -> None:
        self._rows.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    # -- Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.HEADERS):
            return None
        return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in self.FIELDS and self.editor is not None and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_dict(index.row())
        if row is None:
            return None
        if role == IdRole:
            return row["id"]
        if role == RowRole:
            return row
        if row.get("missing"):
            return self.tr("(deleted)") if role == Qt.ItemDataRole.DisplayRole and index.column() == 1 else None
        return self.cell(row, index.column(), role)

    def cell(self, row: dict, column: int, role):  # pragma: no cover - subclasses implement
        raise NotImplementedError

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.editor is None or self.read_only:
            return False
        field = self.FIELDS.get(index.column())
        row = self.row_dict(index.row())
        if field is None or row is None or row.get("missing"):
            return False
        return bool(self.editor.commit_cell(self, row, field, value))
