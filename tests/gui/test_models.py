"""Item models without widgets: columns, SortRole values, paging."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
