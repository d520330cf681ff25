"""Base of the big table models: an ordered id list, rows fetched a page at a time, sort and filter at the source.

A table of 100,000 rows holds 100,000 ints; the rows themselves are read
when painted, PAGE_SIZE at a time, and the pages furthest back in use are
forgotten when the cache grows. A source that reads a database
(`background_reads`) has the pages either side of the one being painted read
ahead on a worker thread (its own session) and handed to the GUI thread, so
scrolling through the table seldom waits on SQL. The
source (`app.table_queries.TableSource` for the archive, `ListSource` for rows
already in memory) orders and filters, so the proxy in front never compares
rows in Python — that comparison was the 60-70 ms stall of the old timeline table.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from archiveviewer.app.table_queries import PAGE_SIZE, FilterError, TableFilter, date_bounds
from archiveviewer.gui.models.rows_table_model import HeaderedTableModel
from archiveviewer.gui.models.sort_proxy import SORT_ROLE

if TYPE_CHECKING:
    from archiveviewer.gui.controllers.edit_controller import EditController

SortRole = SORT_ROLE
IdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3
MAX_CACHED_PAGES = 20
MAX_CACHED_ROWS = MAX_CACHED_PAGES * PAGE_SIZE
# Rows added or removed in more places than this: one reset of the model instead of a signal per place (each
# costs the views and the proxy a walk over all rows).
MAX_ROW_MOVES = 16
log = logging.getLogger(__name__)
_reader: ThreadPoolExecutor | None = None


def _read_ahead_pool() -> ThreadPoolExecutor:
    """One worker thread for every table's read-ahead: a page read is short, and one at a time keeps
    the database and the GUI thread's share of the interpreter free."""
    global _reader
    if _reader is None:
        _reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="table-read-ahead")
    return _reader


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

    def remove(self, ids) -> list[int]:
        """Rows gone (deleted); returns those that were held."""
        gone = [i for i in dict.fromkeys(ids) if self._rows.pop(i, None) is not None]
        if gone:
            self._order = [i for i in self._order if i in self._rows]
        return gone

    def insert(self, rows: list[dict], order_key: Callable[[dict], tuple]) -> list[int]:
        """New rows, placed by `order_key` in the order kept (itself in that order); returns the ids of those
        not held already."""
        new = []
        for row in rows:
            if row["id"] not in self._rows:
                self._rows[row["id"]] = row
                bisect.insort(self._order, row["id"], key=lambda i: order_key(self._rows[i]))
                new.append(row["id"])
        return new

    def places(self, new: list[int], shown: list[int], sort: str, descending: bool) -> list[tuple[int, int]]:
        """Where the rows `new` (inserted) go among `shown` (what `ids()` gave for this sort, unfiltered, before
        they came): (row, id) in the id list with them, ascending, as `ids()` would order them now."""
        rank = {i: n for n, i in enumerate(self._order)}

        def key(i):
            value = self._sort_key(self._rows[i], sort)
            return (value is not None, value if value is not None else 0)

        def before(a: int, b: int) -> bool:  # a listed before b: by key (reversed), ties in the kept order
            ka, kb = key(a), key(b)
            if ka != kb:
                return ka > kb if descending else ka < kb
            return rank[a] < rank[b]

        ids = list(shown)
        for item_id in new:
            low, high = 0, len(ids)
            while low < high:
                middle = (low + high) // 2
                if before(ids[middle], item_id):
                    low = middle + 1
                else:
                    high = middle
            ids.insert(low, item_id)
        wanted = set(new)
        return [(row, i) for row, i in enumerate(ids) if i in wanted]

    def update(self, rows: list[dict], order_key: Callable[[dict], tuple]) -> dict[int, dict]:
        """Rows held already, changed: kept in their place; those whose `order_key` changed are moved (a
        stable sort of an almost sorted list: ties keep their order). Returns {id: the row replaced}."""
        old = {r["id"]: self._rows[r["id"]] for r in rows if r["id"] in self._rows}
        self._rows.update((i, r) for r in rows if (i := r["id"]) in old)
        if any(order_key(old[i]) != order_key(self._rows[i]) for i in old):
            self._order.sort(key=lambda i: order_key(self._rows[i]))
        return old


class PagedTableModel(HeaderedTableModel):
    """Subclasses set CONTEXT, HEADERS (QT_TRANSLATE_NOOP), SORTS (a sort name per column), FIELDS (editable
    column -> field name) and implement `cell(row, column, role)`.

    `editor` (set by the edit controller) receives accepted edits:
    `editor.commit_cell(model, row_dict, field, value) -> bool`. `refused(message)` when
    an edit or a filter is refused; the old value stays.
    """

    SORTS: tuple[str, ...] = ()
    FIELDS: dict[int, str] = {}
    DEFAULT_SORT = 0

    refused = Signal(str)
    idsReloaded = Signal(int)  # rows now shown
    _pageRead = Signal(int, object)  # page number, its Future (done): from the read-ahead thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = None
        self.editor: EditController | None = None
        self.read_only = False
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._rows: dict[int, dict] = {}
        self._pages: OrderedDict[int, list[int]] = OrderedDict()  # page number -> its ids, least recent first
        # Pages being read ahead; a read that is no longer listed here (ids or rows changed since) is dropped.
        self._reading: dict[int, Future] = {}
        self._last_page = -1
        self._filter = TableFilter()
        self._sort_column = self.DEFAULT_SORT
        self._descending = False
        self.pages_loaded = 0  # for the benchmark and tests: pages read while painting (the GUI thread waited)
        self.pages_read_ahead = 0  # pages read on the worker thread and taken into the cache
        self._pageRead.connect(self._take_page, Qt.ConnectionType.QueuedConnection)

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

    def set_ids(self, ids: list[int], keep_rows: bool = False) -> None:
        """A new id list; `keep_rows`: the rows held are still right (only their places changed)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = {i: r for r, i in enumerate(self._ids)}
        if keep_rows:
            self._pages_moved()
        else:
            self._forget_rows()
        self.endResetModel()
        self.idsReloaded.emit(len(self._ids))

    def remove_ids(self, ids) -> None:
        """Rows gone (deleted): taken out where they are; the other rows keep their places in the views (the
        selection and scroll position stay) and their values. Scattered over many places: one reset."""
        rows = sorted({r for i in ids if (r := self._row_of.get(i)) is not None})
        if not rows:
            return
        gone = {self._ids[r] for r in rows}
        ranges: list[list[int]] = []
        for row in rows:
            if ranges and ranges[-1][1] == row - 1:
                ranges[-1][1] = row
            else:
                ranges.append([row, row])
        if len(ranges) > MAX_ROW_MOVES:
            self.set_ids([i for i in self._ids if i not in gone], keep_rows=True)
        else:
            for first, last in reversed(ranges):  # from the bottom: the rows above keep their numbers
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._ids[first : last + 1]
                self.endRemoveRows()
            self._row_of = {i: r for r, i in enumerate(self._ids)}
            self._pages_moved()
            self.idsReloaded.emit(len(self._ids))
        for item_id in gone:
            self._rows.pop(item_id, None)

    def insert_ids(self, places: list[tuple[int, int]]) -> None:
        """New rows: (row, id) pairs, ascending, their places in the id list with them. In many places: one
        reset."""
        if not places:
            return
        if len(places) > MAX_ROW_MOVES:
            ids: list[int] = []
            rest = iter(self._ids)
            for row, item_id in places:
                ids.extend(next(rest) for _ in range(row - len(ids)))
                ids.append(item_id)
            ids.extend(rest)
            self.set_ids(ids, keep_rows=True)
            return
        for row, item_id in places:
            self.beginInsertRows(QModelIndex(), row, row)
            self._ids.insert(row, item_id)
            self.endInsertRows()
        self._row_of = {i: r for r, i in enumerate(self._ids)}
        self._pages_moved()
        self.idsReloaded.emit(len(self._ids))

    def _pages_moved(self) -> None:
        """Rows came or went: the pages (numbered by place) no longer hold the ids they did; the rows held stay."""
        self._pages.clear()
        self._last_page = -1
        self._drop_reads()

    def set_filter(self, f: TableFilter) -> None:
        if f != self._filter:
            self._filter = f
            self.reload()

    def table_filter(self) -> TableFilter:
        return self._filter

    def sort_column(self) -> int:
        return self._sort_column

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
        page = row // PAGE_SIZE
        if page != self._last_page:
            last, self._last_page = self._last_page, page
            if page in self._pages:
                self._pages.move_to_end(page)
            self._read_ahead(page, page - last)
        found = self._rows.get(item_id)
        if found is None:
            self._load_page(row)
            found = self._rows.get(item_id)
        return found

    def _page_ids(self, page: int) -> list[int]:
        return self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]

    def _load_page(self, row: int) -> None:
        if self.source is None:
            return
        page = row // PAGE_SIZE
        ids = self._page_ids(page)
        fetched = None
        reading = self._reading.pop(page, None)
        if reading is not None:
            try:  # the worker is on it: waiting (the interpreter is free meanwhile) beats reading it twice
                fetched = reading.result()
            except Exception:
                fetched = None
        self._keep_page(page, ids, fetched if fetched is not None else self.source.rows(ids))
        self.pages_loaded += 1

    def _keep_page(self, page: int, ids: list[int], fetched: dict[int, dict]) -> None:
        newer: list[int] = []  # rows held already whose values changed: repainted, so what shows is what is kept
        for item_id in ids:
            # A row deleted by someone else meanwhile shows as gone until the next reload.
            row = fetched.get(item_id) or {"id": item_id, "missing": True}
            held = self._rows.get(item_id)
            place = self._row_of.get(item_id)
            if held is not None and held != row and place is not None and place < len(self._ids):
                newer.append(place)
            self._rows[item_id] = row
        self._pages[page] = ids
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_CACHED_PAGES:
            _old, old_ids = self._pages.popitem(last=False)
            for item_id in old_ids:
                self._rows.pop(item_id, None)
        if len(self._rows) > 2 * MAX_CACHED_ROWS:  # rows_for() of large selections
            self._forget_rows()
        if newer:
            self.dataChanged.emit(self.index(min(newer), 0), self.index(max(newer), self.columnCount() - 1))

    def _forget_rows(self) -> None:
        self._rows.clear()
        self._pages.clear()
        self._last_page = -1
        self._drop_reads()

    def _drop_reads(self) -> None:
        """Rows changed: pages being read ahead may hold the old values; they are dropped when they arrive."""
        for future in self._reading.values():
            future.cancel()
        self._reading.clear()

    def _read_ahead(self, page: int, step: int) -> None:
        """Scrolling onto `page` (`step` pages from the last one painted): read the next two pages in that
        direction on the worker thread. After a jump the pages queued for where the user was are not needed."""
        source = self.source
        if source is None or not getattr(source, "background_reads", False):
            return
        if step not in (1, -1):
            for ahead, future in list(self._reading.items()):
                if future.cancel():
                    del self._reading[ahead]
            return
        for ahead in (page + step, page + 2 * step):
            if ahead < 0 or ahead in self._pages or ahead in self._reading:
                continue
            ids = self._page_ids(ahead)
            if not ids:
                continue
            future = _read_ahead_pool().submit(source.rows, ids)
            self._reading[ahead] = future
            future.add_done_callback(lambda f, p=ahead: self._page_done(p, f))

    def _page_done(self, page: int, future: Future) -> None:
        """On the worker thread (the source opened its own session there): hand the page to the GUI thread."""
        with contextlib.suppress(RuntimeError):  # the model is gone
            self._pageRead.emit(page, future)

    def _take_page(self, page: int, future: Future) -> None:
        """On the GUI thread: cache a page read ahead, unless the ids or rows changed since it was asked for."""
        if self._reading.get(page) is not future:
            return
        del self._reading[page]
        try:
            rows = future.result()
        except Exception:  # the archive closed meanwhile, a lost connection: painting reads the page itself
            log.debug("read-ahead of page %d failed", page, exc_info=True)
            return
        if page not in self._pages:
            self._keep_page(page, self._page_ids(page), rows)
            self.pages_read_ahead += 1

    def rows_for(self, ids: list[int]) -> list[dict]:
        """The row dicts of `ids` (loaded if need be), in the given order."""
        missing = [i for i in ids if i not in self._rows]
        if missing and self.source is not None:
            self._rows.update(self.source.rows(missing))
        return [self._rows[i] for i in ids if i in self._rows]

    def refresh_ids(self, ids) -> None:
        """Rows changed in the archive: forget them and repaint their rows (re-read on paint)."""
        rows = []
        self._drop_reads()
        for item_id in ids:
            self._rows.pop(item_id, None)
            row = self._row_of.get(item_id)
            if row is not None:
                rows.append(row)
        if rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def refresh_matching(self, matches: Callable[[dict], bool]) -> None:
        """Rows changed in the archive, known by their values (an entry's document): those held (painted, or
        read for a selection) that `matches` are read again when next painted; the others are read then anyway."""
        self.refresh_ids([i for i, row in self._rows.items() if matches(row)])

    def refresh_all(self) -> None:
        self._forget_rows()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    # -- Qt model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._ids)

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
