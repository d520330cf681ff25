"""After an edit the timeline chart and table show it, reading no more than the edit changed: an entry's
text or date reads that entry, a document's title its entries, tags nothing; adds and deletes read the whole
timeline, once more at most however many come meanwhile, the newest state shown last."""

from __future__ import annotations

import datetime as dt

import pytest
from edit_helpers import entry_row, open_editor, show_tab
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from archiveviewer.gui.background import wait_for_background
from archiveviewer.gui.models.document_table_model import COL_TITLE
from archiveviewer.gui.models.entry_table_model import COL_DATE, COL_DOCUMENT, COL_TEXT, EntryTableModel
from archiveviewer.gui.views.timeline_view import TimelineView
from archiveviewer.gui.widgets.timeline_chart import MAX_LABELLED, TimelineChart

NEW_TEXT = "梁溪区总工会走访慰问一线环卫工人\n送去口罩两千只"


@pytest.fixture
def reads(window, monkeypatch):
    """The window's timeline reads, wrapping the real ReadService.timeline: `reads.full` counts whole
    reads, `reads.partial` lists the (entry ids, document ids) of the others."""
    read = window.services.read
    real = read.timeline

    class Reads:
        full = 0
        partial: list[tuple[list[int] | None, list[int] | None]] = []

    def spy(entry_ids=None, document_ids=None):
        if entry_ids is None and document_ids is None:
            Reads.full += 1
        else:
            Reads.partial.append((entry_ids, document_ids))
        return real(entry_ids, document_ids)

    monkeypatch.setattr(read, "timeline", spy)
    return Reads


def shown_text(window, entry_id: int) -> tuple[str, str]:
    """The entry's text as the timeline table shows it and as the chart holds it."""
    timeline = window.timeline_view
    row = timeline.proxy_row(entry_id)
    chart = next(e for e in timeline.chart.entries() if e["id"] == entry_id)
    return timeline.proxy.index(row, COL_TEXT).data(), chart["text"]


def test_entry_text_edit_updates_the_timeline_in_place_and_undo_puts_it_back(window, qtbot, reads):
    """A text saved through the entries table's delegate shows in the timeline table and chart with the selection
    kept, from a read of that entry alone; Undo shows the old text the same way."""
    timeline = window.timeline_view
    selected = timeline.proxy.index(5, COL_DATE)
    timeline.table.setCurrentIndex(selected)
    selected_id = timeline.selected_entry()
    view = show_tab(window, 1)
    row, entry = entry_row(view, lambda e: "慰问" in e["text"])
    old_shown = shown_text(window, entry["id"])
    editor = open_editor(view, row, COL_TEXT)
    editor.setPlainText(NEW_TEXT)
    with qtbot.waitSignal(
        window.reading.timelineUpdated, timeout=10000, check_params_cb=lambda ids: ids == [entry["id"]]
    ):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert shown_text(window, entry["id"]) == (" ".join(NEW_TEXT.split()), NEW_TEXT)
    assert window.reading.entry(entry["id"])["text"] == NEW_TEXT
    assert timeline.selected_entry() == selected_id and timeline.chart.selected_entry() == selected_id
    assert timeline.model.rowCount() == len(timeline.chart.entries()) == 14

    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        window.undo_action.trigger()
    assert shown_text(window, entry["id"]) == old_shown
    assert reads.full == 0 and reads.partial == [([entry["id"]], []), ([entry["id"]], [])]


def test_entry_date_edit_moves_its_row_and_mark(window, qtbot, reads):
    """A later date moves the entry to the end of the date-sorted timeline table and of the chart."""
    view = show_tab(window, 1)
    row, entry = entry_row(view, lambda e: e["date"].startswith("2020-01"))
    editor = open_editor(view, row, COL_DATE)
    editor.setText("2020-03-01")
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return)
    timeline = window.timeline_view
    assert timeline.proxy_row(entry["id"]) == timeline.proxy.rowCount() - 1
    assert timeline.proxy.index(timeline.proxy.rowCount() - 1, COL_DATE).data() == "2020-03-01"
    assert timeline.chart.entries()[-1]["id"] == entry["id"]
    assert reads.full == 0


def test_document_title_edit_shows_in_its_entries_document_column(window, qtbot, reads):
    """A new title is read for that document's entries only and shown in the timeline's Document column."""
    view = show_tab(window, 2)
    doc_id = window.timeline_model.entries()[0]["document_id"]
    editor = open_editor(view, view.proxy.proxy_row(doc_id), COL_TITLE)
    editor.setPlainText("梁溪区总工会抗疫纪事")
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    timeline = window.timeline_view
    of_doc = [e["id"] for e in window.timeline_model.entries() if e["document_id"] == doc_id]
    assert of_doc and all(
        timeline.proxy.index(timeline.proxy_row(i), COL_DOCUMENT).data() == "梁溪区总工会抗疫纪事" for i in of_doc
    )
    assert reads.full == 0 and reads.partial == [([], [doc_id])]


def test_a_tag_reads_nothing_for_the_timeline(window, qtbot, reads):
    """Neither the chart nor the timeline table shows tags: tagging an entry starts no timeline read."""
    entry_id = window.timeline_model.entries()[0]["id"]
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        assert window.tables.bulk_edit("entry", [entry_id], "add_tag", "核对")
    assert window.reading.timeline_idle()
    wait_for_background(10000)
    assert reads.full == 0 and reads.partial == []


def test_delete_reads_the_whole_timeline_and_the_entry_is_gone(window, qtbot, reads):
    entry_id = window.timeline_model.entries()[3]["id"]
    with qtbot.waitSignal(window.reading.timelineLoaded, timeout=10000, check_params_cb=lambda n: n == 13):
        assert window.tables.delete_rows("entry", [entry_id], confirm=False)
    assert entry_id not in window.timeline_model.ids()
    assert all(e["id"] != entry_id for e in window.timeline_view.chart.entries())
    assert window.reading.entry(entry_id) is None and reads.full == 1


def test_quick_structural_changes_read_twice_and_end_on_the_newest_state(window, qtbot, reads):
    """Delete, delete, undo in one go: the first whole read runs, the other two are merged into one more read
    after it, and the timeline ends showing the second entry back and the first gone."""
    first, second = (e["id"] for e in window.timeline_model.entries()[2:4])
    assert window.tables.delete_rows("entry", [first], confirm=False)
    assert window.tables.delete_rows("entry", [second], confirm=False)
    window.undo_action.trigger()  # the second delete
    assert not window.reading.timeline_idle()
    qtbot.waitUntil(window.reading.timeline_idle, timeout=10000)
    shown = set(window.timeline_model.ids())
    assert first not in shown and second in shown and len(shown) == 13
    assert {e["id"] for e in window.timeline_view.chart.entries()} == shown
    assert reads.full == 2


def synthetic_entries(n: int) -> list[dict]:
    start = dt.date(2020, 1, 1)
    return [
        {
            "id": i + 1,
            "date": (start + dt.timedelta(days=i % 300)).isoformat(),
            "date_text": None,
            "text": f"第{i}条 市总工会慰问一线医务人员",
            "amounts": [{"text": f"{i}万元", "yuan": i * 10000}] if i % 3 == 0 else [],
            "document_id": 1 + i // 50,
            "document_title": "时间轴",
            "tags": [],
        }
        for i in range(n)
    ]


def test_update_and_reload_keep_the_selection_and_the_scroll_position(qtbot):
    """A busy timeline pane with an entry selected and scrolled on past it: an edited date (which moves a mark and
    a row), an edited text and a whole reload keep the selection and the scroll position; the moved entry's mark
    stands over its new date."""
    pane = TimelineView(EntryTableModel())
    qtbot.addWidget(pane)
    pane.resize(1000, 300)
    pane.show()
    entries = synthetic_entries(MAX_LABELLED * 10)
    pane.set_entries(entries)
    bar = pane.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    bar.setValue(bar.maximum() // 2)
    middle = pane.table.rowAt(pane.table.viewport().height() // 2)
    selected = pane.proxy.id_at(middle)
    pane.select_entry(selected)
    bar.setValue(bar.value() + 200)  # the selected row out of view: the table stays where the user scrolled
    top = bar.value()

    moved = dict(entries[0], date="2020-06-15")  # into the middle of the axis (its ends stay)
    retexted = dict(entries[1], text="改过的文字")
    pane.update_entries([moved, retexted])
    assert (bar.value(), pane.selected_entry(), pane.chart.selected_entry()) == (top, selected, selected)
    assert pane.proxy.index(pane.proxy_row(retexted["id"]), COL_TEXT).data() == "改过的文字"
    same_day = [e["id"] for e in pane.chart.entries() if e["date"] == "2020-06-15"]
    assert moved["id"] in same_day
    x = {round(pane.chart.mark_center(i).x(), 3) for i in same_day}
    assert len(x) == 1  # one column of marks over the date
    heights = sorted(pane.chart.mark_center(i).y() for i in same_day)
    assert len(set(heights)) == len(heights)  # stacked, none on top of another
    dates = [pane.proxy.index(r, COL_DATE).data() for r in range(pane.proxy.rowCount())]
    assert dates == sorted(dates)

    beyond = dict(entries[2], date="2021-01-01")  # past the end of the axis: the whole chart is laid out again
    pane.update_entries([beyond])
    other = max(e["id"] for e in entries if e["id"] != beyond["id"])
    assert pane.chart.mark_center(beyond["id"]).x() > pane.chart.mark_center(other).x()
    assert pane.chart.entries()[-1]["id"] == beyond["id"] and bar.value() == top

    pane.set_entries([e for e in entries if e["id"] not in (moved["id"], selected + 1)])
    assert (bar.value(), pane.selected_entry(), pane.chart.selected_entry()) == (top, selected, selected)


@pytest.mark.parametrize("n", [40, MAX_LABELLED * 10], ids=["labelled", "stacked"])
def test_a_chart_updated_in_place_looks_like_one_drawn_afresh(qtbot, n):
    """Moved dates and amounts gained or lost, painted as a few columns (or a labelled chart laid out again):
    the chart, selection and all, is pixel for pixel the one a whole reload draws."""
    entries = synthetic_entries(n)
    charts = []
    for _ in range(2):
        chart = TimelineChart()
        qtbot.addWidget(chart)
        chart.resize(900, 170)
        chart.show()
        charts.append(chart)
    updated, fresh = charts
    updated.set_entries(entries)
    updated.select_entry(entries[4]["id"])
    updated.grab()  # painted once: later changes repaint only what they touch
    changes = [
        dict(entries[1], date=entries[7]["date"]),  # onto a busy day
        dict(entries[3], amounts=[]),  # loses its amount: a lighter mark
        dict(entries[4], amounts=[{"text": "3万元", "yuan": 30000}], date=entries[20]["date"]),  # the selected one
        dict(entries[5], text="只改文字"),
    ]
    updated.update_entries(changes)
    by_id = {e["id"]: e for e in entries} | {e["id"]: e for e in changes}
    fresh.set_entries(list(by_id.values()))
    fresh.select_entry(entries[4]["id"])
    assert updated.entries() == fresh.entries()
    assert updated.grab().toImage() == fresh.grab().toImage()
