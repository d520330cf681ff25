"""Item models without widgets: columns, SortRole values, paging."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from archiveviewer.app.table_queries import PAGE_SIZE
from archiveviewer.gui.models.entry_table_model import (
    COL_AMOUNT,
    COL_DATE,
    COL_DOCUMENT,
    COL_TEXT,
    EntryTableModel,
    SortRole,
)
from archiveviewer.gui.models.search_results_model import SearchResultsModel
from archiveviewer.gui.models.table_filter_proxy import TableFilterProxyModel
from archiveviewer.search.items import SearchHit


def entry(i, date, yuan=None):
    amounts = [{"text": f"{yuan}元", "yuan": yuan}] if yuan is not None else []
    return {
        "id": i,
        "date": date,
        "date_text": date,
        "text": f"第{i}条\n续行",
        "amounts": amounts,
        "document_id": 1,
        "document_title": "时间轴",
        "paragraph_start_id": None,
        "paragraph_end_id": None,
    }


def test_timeline_model_columns_and_sort_role():
    """Display values are formatted; SortRole gives raw dates and the largest yuan; read-only without an editor."""
    model = EntryTableModel()
    model.set_entries([entry(1, "2020-01-24", 440000), entry(2, "2020-01-26")])
    assert model.columnCount() == 6 and model.rowCount() == 2
    assert model.index(0, COL_DATE).data() == "2020-01-24"
    assert model.index(0, COL_TEXT).data() == "第1条 续行"
    assert model.index(0, COL_AMOUNT).data(SortRole) == 440000
    assert model.index(1, COL_AMOUNT).data(SortRole) is None and model.index(1, COL_AMOUNT).data() == ""
    assert model.index(0, COL_DOCUMENT).data() == "时间轴"
    assert not model.flags(model.index(0, COL_TEXT)) & Qt.ItemFlag.ItemIsEditable


def test_proxy_sorts_amounts_numerically():
    """9,000 sorts below 10,000 although '9' > '1' as text."""
    model = EntryTableModel()
    model.set_entries([entry(1, "2020-01-24", 10000), entry(2, "2020-01-25", 9000), entry(3, "2020-01-26")])
    proxy = TableFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(COL_AMOUNT, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, COL_AMOUNT).data(SortRole) for r in range(3)] == [None, 9000, 10000]


def test_results_model_asks_for_the_next_page():
    """fetchMore asks for the rows after those shown, once, until they arrive."""
    model = SearchResultsModel()
    hit = SearchHit("article:1", "article", "标题", "2020-02-24", 1, 1, "a.txt", "慰问", [(0, 2)], 1.0)
    model.set_result([hit] * 50, 120)
    asked = []
    model.moreRequested.connect(asked.append)
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert asked == [50]
    model.append([hit] * 50)
    assert model.rowCount() == 100 and model.canFetchMore()


class GatedSource:
    """Rows in memory read like the archive's (background_reads). A read on a worker thread takes its
    values, then waits for `gate`; `reads` lists the first id of each page read and whether on the GUI thread."""

    background_reads = True

    def __init__(self, count):
        self.values = {i: f"第{i}条" for i in range(1, count + 1)}
        self.gate = threading.Event()
        self.gate.set()
        self.reads: list[tuple[int, bool]] = []

    def ids(self, f, sort, descending):
        return list(self.values)

    def rows(self, ids):
        on_gui_thread = threading.current_thread() is threading.main_thread()
        values = dict(self.values)
        if not on_gui_thread:
            self.gate.wait()
        self.reads.append((ids[0], on_gui_thread))
        return {i: {**entry(i, "2020-01-24"), "text": values[i], "tags": [], "notes": 0} for i in ids if i in values}


def test_scrolling_reads_the_next_pages_ahead_on_a_worker_thread(qtbot):
    """Painting a page has the two pages after it read on a worker thread: scrolling onto them needs no
    read on the GUI thread. A jump reads only the page jumped to, there."""
    source = GatedSource(8 * PAGE_SIZE)
    model = EntryTableModel()
    model.set_source(source)
    assert model.index(0, COL_TEXT).data() == "第1条"
    assert model.pages_loaded == 1
    qtbot.waitUntil(lambda: model.pages_read_ahead == 2)  # pages 1 and 2
    assert sorted(source.reads) == [(1, True), (PAGE_SIZE + 1, False), (2 * PAGE_SIZE + 1, False)]
    assert model.index(PAGE_SIZE, COL_TEXT).data() == f"第{PAGE_SIZE + 1}条"
    qtbot.waitUntil(lambda: model.pages_read_ahead == 3)  # page 3
    assert model.index(2 * PAGE_SIZE + 5, COL_TEXT).data() == f"第{2 * PAGE_SIZE + 6}条"
    qtbot.waitUntil(lambda: model.pages_read_ahead == 4)  # page 4
    assert model.index(4 * PAGE_SIZE - 1, COL_TEXT).data() == f"第{4 * PAGE_SIZE}条"
    assert model.pages_loaded == 1  # every row after the first page came from the read-ahead
    qtbot.waitUntil(lambda: model.pages_read_ahead == 5)  # page 5
    reads = len(source.reads)
    assert model.index(7 * PAGE_SIZE + 1, COL_TEXT).data() == f"第{7 * PAGE_SIZE + 2}条"  # a jump
    assert source.reads[reads:] == [(7 * PAGE_SIZE + 1, True)] and model.pages_loaded == 2


def test_a_page_read_ahead_before_an_edit_is_not_shown(qtbot):
    """Rows read ahead while an edit lands hold the old values: they are dropped and re-read, never shown."""
    source = GatedSource(4 * PAGE_SIZE)
    model = EntryTableModel()
    model.set_source(source)
    model.index(0, COL_TEXT).data()
    qtbot.waitUntil(lambda: model.pages_read_ahead == 2)  # pages 1 and 2
    arrived: list[int] = []
    model._pageRead.connect(lambda page, _future: arrived.append(page))
    source.gate.clear()
    model.index(PAGE_SIZE, COL_TEXT).data()  # page 3 is read ahead with the values of now, then waits
    edited = 3 * PAGE_SIZE + 3
    source.values[edited] = "改过的条目"
    model.refresh_ids([edited])  # as the edit controller does after a commit
    source.gate.set()
    qtbot.waitUntil(lambda: arrived == [3])
    assert model.pages_read_ahead == 2  # page 3 was dropped
    assert model.index(edited - 1, COL_TEXT).data() == "改过的条目"


def test_a_row_held_and_read_again_newer_is_repainted(qtbot):
    """A row held from a selection (`rows_for`) and then read again with a colleague's newer value is
    repainted, so the value shown is the one (and the version) a bulk edit will be checked against."""
    source = GatedSource(PAGE_SIZE)
    model = EntryTableModel()
    model.set_source(source)
    held = 5
    assert model.rows_for([held])[0]["text"] == f"第{held}条"
    source.values[held] = "同事改过的条目"
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        model.index(0, COL_TEXT).data()  # painting reads the page the held row is on
    first, last = changed.args[0].row(), changed.args[1].row()
    assert first <= held - 1 <= last
    assert model.index(held - 1, COL_TEXT).data() == "同事改过的条目"
