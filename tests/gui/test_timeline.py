"""Timeline: chart marks, entry table and reader stay in step; the table sorts by value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from archiveviewer.gui.models.entry_table_model import COL_AMOUNT, COL_DATE, EntryIdRole


def test_timeline_shows_every_entry(window):
    """The chart and the table hold the 14 entries of the sample page."""
    assert window.timeline_model.rowCount() == 14
    assert len(window.timeline_view.chart.entries()) == 14
    assert "14" in window.timeline_view.header_label.text()


def test_clicking_a_mark_selects_the_row_and_opens_the_passage(window, qtbot):
    """A click on the 1月30日 mark selects its table row and shows its passage in the reader."""
    view = window.timeline_view
    entry = next(e for e in window.timeline_model.entries() if e["date"] == "2020-01-30")
    qtbot.waitUntil(lambda: view.chart.mark_center(entry["id"]) is not None)
    point = view.chart.mark_center(entry["id"]).toPoint()
    QTest.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=point)
    assert view.chart.selected_entry() == entry["id"]
    assert view.table.currentIndex().data(EntryIdRole) == entry["id"]
    qtbot.waitUntil(
        lambda: window.reader.document_id == entry["document_id"] and window.reader.passage() is not None, timeout=10000
    )
    first, _last = window.reader.passage()
    block = window.reader.text.document().findBlockByNumber(first)
    assert entry["text"].split("\n")[0][:6] in block.text().replace("\n", "")
    assert "Timeline entry" in window.annotations_panel.target_label.text()


def test_selecting_a_row_moves_the_chart_mark_and_reader(window, qtbot):
    """Choosing a table row selects the same entry in the chart and opens its passage."""
    view = window.timeline_view
    row = 3
    index = view.proxy.index(row, COL_DATE)
    entry_id = index.data(EntryIdRole)
    view.table.setCurrentIndex(index)
    assert view.chart.selected_entry() == entry_id
    qtbot.waitUntil(lambda: window.reader.passage() is not None, timeout=10000)


def test_arrow_keys_walk_the_chart(window, qtbot):
    """Right and Left on the focused chart move to the next and previous entry."""
    chart = window.timeline_view.chart
    chart.setFocus()
    QTest.keyClick(chart, Qt.Key.Key_Home)
    first = chart.selected_entry()
    QTest.keyClick(chart, Qt.Key.Key_Right)
    second = chart.selected_entry()
    assert first != second
    assert window.timeline_view.selected_entry() == second
    QTest.keyClick(chart, Qt.Key.Key_Left)
    assert chart.selected_entry() == first


def test_table_sorts_amounts_by_value(window):
    """Sorting the amount column orders by the largest amount in yuan, not by the displayed text or a sum."""
    view = window.timeline_view
    view.table.sortByColumn(COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    proxy = view.proxy
    values = [window.timeline_model.entry(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())]
    largest = [max(a["yuan"] for a in e["amounts"]) for e in values if e["amounts"]]
    assert largest == sorted(largest, reverse=True) and largest[0] == 2124500
    assert not values[-1]["amounts"]  # entries without amounts last when descending


def test_amounts_show_as_printed_never_summed(window):
    """The 2020-02-13 entry shows its amounts as printed, joined, with no total (issue 8)."""
    model = window.timeline_model
    for row in range(model.rowCount()):
        entry = model.entry(row)
        if len(entry["amounts"]) > 1:
            shown = model.index(row, COL_AMOUNT).data()
            assert shown == "; ".join(a["text"] for a in entry["amounts"])
            total = sum(a["yuan"] for a in entry["amounts"])
            assert f"{total:,}" not in shown and str(total) not in shown
            break
    else:
        raise AssertionError("the sample has an entry with several amounts")


def test_chart_tooltip_lists_amounts_as_printed(window):
    """The chart's tooltip for 2020-02-13 names 82万元 and 5000元 as printed, with no 825,000 total."""
    entry = next(e for e in window.timeline_view.chart.entries() if e["date"] == "2020-02-13")
    text = window.timeline_view.chart.tooltip_text(entry)
    assert "82万元; 5000元" in text and "825" not in text
