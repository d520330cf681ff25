"""After an edit the timeline chart and table show it, reading no more than the edit changed: an entry's
text or date reads that entry, a document's title its entries, tags nothing; deleted entries and documents
are dropped unread, added entries and those back after an undo read alone and put in their places, the newest
state shown last. The editable tables re-read their id lists only when a row may move or leave."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from edit_helpers import entry_row, open_editor, select_rows, show_tab, type_date, when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from archiveviewer.app.edit_service import EditService
from archiveviewer.app.read_service import ReadService
from archiveviewer.gui.background import wait_for_background
from archiveviewer.gui.models.document_table_model import COL_TITLE
from archiveviewer.gui.models.entry_table_model import (
    COL_AMOUNT,
    COL_DATE,
    COL_DOCUMENT,
    COL_TEXT,
    EntryTableModel,
    timeline_order,
)
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
    editor, entry = type_date(view, lambda e: e["date"].startswith("2020-01"), "2020-03-01")
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


def timeline_state(window) -> tuple[list[int], list[int]]:
    """The ids as the timeline table lists them and as the chart holds them."""
    return window.timeline_model.ids(), [e["id"] for e in window.timeline_view.chart.entries()]


def archive_state(archive) -> tuple[list[int], list[int]]:
    """The same, as a whole timeline freshly read would show them (the table in date order, the chart by
    date and id)."""
    fresh = ReadService(archive).timeline()
    return [e["id"] for e in fresh], [e["id"] for e in sorted(fresh, key=lambda e: (e["date"], e["id"]))]


def test_deleting_an_entry_through_the_table_drops_it_unread_and_undo_reads_it_alone(
    window, qtbot, reads, sample_archive
):
    """Delete… in the entries table: the entry leaves the timeline table and chart with no read, the selected
    entry and the table's scroll position stay; Undo reads that entry alone and puts it back in its place,
    Redo drops it again unread."""
    timeline = window.timeline_view
    before = timeline_state(window)
    selected_id = window.timeline_model.entries()[5]["id"]
    timeline.table.setCurrentIndex(timeline.proxy.index(timeline.proxy_row(selected_id), COL_DATE))
    entry_id = window.timeline_model.entries()[3]["id"]
    view = show_tab(window, 1)
    select_rows(view, [view.proxy.proxy_row(entry_id)])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000, check_params_cb=lambda i: i == [entry_id]):
        view.delete_button.click()
    assert timeline_state(window) == ([i for i in before[0] if i != entry_id], [i for i in before[1] if i != entry_id])
    assert window.reading.entry(entry_id) is None and window.reading.timeline_idle()
    assert timeline.selected_entry() == selected_id == timeline.chart.selected_entry()
    assert timeline.header_label.text().endswith("13 entries")
    assert reads.full == 0 and reads.partial == []
    # the status bar counts what the archive holds now
    qtbot.waitUntil(lambda: window.counts_label.text() == "2 documents · 13 timeline entries", timeout=10000)

    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000, check_params_cb=lambda i: i == [entry_id]):
        window.undo_action.trigger()
    assert timeline_state(window) == before == archive_state(sample_archive)
    assert timeline.selected_entry() == selected_id and timeline.header_label.text().endswith("14 entries")
    assert reads.full == 0 and reads.partial == [([entry_id], [])]
    qtbot.waitUntil(lambda: window.counts_label.text() == "2 documents · 14 timeline entries", timeout=10000)

    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000, check_params_cb=lambda i: i == [entry_id]):
        window.redo_action.trigger()
    assert entry_id not in window.timeline_model.ids() and len(timeline.chart.entries()) == 13
    assert reads.full == 0 and len(reads.partial) == 1


def test_deleting_the_selected_entry_leaves_nothing_selected(window, qtbot, reads):
    """The selected entry deleted: neither the chart nor the table picks a neighbour in its place (the reader,
    which showed it, falls back on its document)."""
    timeline = window.timeline_view
    entry_id = window.timeline_model.entries()[4]["id"]
    timeline.table.setCurrentIndex(timeline.proxy.index(timeline.proxy_row(entry_id), COL_DATE))
    assert timeline.selected_entry() == entry_id
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        assert window.tables.delete_rows("entry", [entry_id], confirm=False)
    assert timeline.selected_entry() is None and timeline.chart.selected_entry() is None
    assert not timeline.table.selectionModel().hasSelection() and reads.full == 0


def test_deleting_a_document_drops_its_entries_and_undo_reads_that_document(window, qtbot, reads, sample_archive):
    """A document deleted takes its entries out of the chart and the table, unread; Undo reads that document's
    entries alone and shows the timeline as a fresh read would."""
    edits = EditService(sample_archive)
    doc_id = edits.add_document("抗疫简报 第二期")
    dates = [e["date"] for e in window.timeline_model.entries()[1::5]]
    of_doc = {edits.add_entry(doc_id, day, f"第二期 第{n}条 慰问一线职工") for n, day in enumerate(dates)}
    with qtbot.waitSignal(window.reading.timelineLoaded, timeout=10000):
        window.reading.load_timeline()
    window.tables.reload_all()  # what an import does
    reads.full = 0
    before = timeline_state(window)
    assert len(before[0]) == 14 + len(of_doc) and of_doc < set(before[0])
    view = show_tab(window, 2)
    select_rows(view, [view.proxy.proxy_row(doc_id)])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        view.delete_button.click()
    assert timeline_state(window) == tuple([i for i in ids if i not in of_doc] for ids in before)
    assert not of_doc & set(window.reading._entries)
    assert reads.full == 0 and reads.partial == []

    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        window.undo_action.trigger()
    assert timeline_state(window) == before == archive_state(sample_archive)
    assert reads.full == 0 and reads.partial == [([], [doc_id])]


def test_an_added_entry_is_read_alone_and_shown_in_its_place(window, qtbot, reads, sample_archive):
    doc_id = window.timeline_model.entries()[0]["document_id"]
    middle = window.timeline_model.entries()[6]["date"]
    with qtbot.waitSignal(window.reading.timelineUpdated, timeout=10000):
        new_id = window.tables.add_row(
            "entry", {"document_id": doc_id, "date": middle, "text": "新增的一条 送去慰问金"}
        )
    assert new_id is not None
    assert timeline_state(window) == archive_state(sample_archive)
    assert new_id in window.timeline_model.ids() and window.reading.entry(new_id)["text"] == "新增的一条 送去慰问金"
    assert reads.full == 0 and reads.partial == [([new_id], [])]


def test_a_whole_read_running_during_a_delete_does_not_bring_the_entry_back(window, qtbot, reads, sample_archive):
    """A whole read (an import's) that read the archive just before a delete is shown first, and the delete
    after it: the deleted entry does not come back from the older read."""
    read_done, release = threading.Event(), threading.Event()
    spy = window.services.read.timeline

    def slow(entry_ids=None, document_ids=None):
        found = spy(entry_ids, document_ids)
        if entry_ids is None and document_ids is None:
            read_done.set()
            release.wait(10)
        return found

    window.services.read.timeline = slow
    entry_id = window.timeline_model.entries()[2]["id"]
    window.reading.load_timeline()
    qtbot.waitUntil(read_done.is_set, timeout=10000)  # the whole read holds the entry
    assert window.tables.delete_rows("entry", [entry_id], confirm=False)
    assert entry_id in window.timeline_model.ids()  # not yet: dropped once the running read is shown
    release.set()
    qtbot.waitUntil(window.reading.timeline_idle, timeout=10000)
    assert entry_id not in window.timeline_model.ids() and window.reading.entry(entry_id) is None
    assert timeline_state(window) == archive_state(sample_archive)
    assert reads.full == 1 and reads.partial == []


def test_quick_structural_changes_end_on_the_newest_state_without_a_whole_read(window, qtbot, reads):
    """Delete, delete, undo in one go: the timeline ends showing the second entry back and the first gone,
    having read the second entry alone."""
    first, second = (e["id"] for e in window.timeline_model.entries()[2:4])
    assert window.tables.delete_rows("entry", [first], confirm=False)
    assert window.tables.delete_rows("entry", [second], confirm=False)
    window.undo_action.trigger()  # the second delete
    qtbot.waitUntil(window.reading.timeline_idle, timeout=10000)
    shown = set(window.timeline_model.ids())
    assert first not in shown and second in shown and len(shown) == 13
    assert {e["id"] for e in window.timeline_view.chart.entries()} == shown
    assert reads.full == 0 and reads.partial == [([second], [])]


def test_a_title_edit_refreshes_the_entries_document_column_without_reading_id_lists(window, qtbot, monkeypatch):
    """A new title: the documents table re-reads that row, the entries table the rows of that document's
    entries (their Document column); neither reads its id list again."""
    entries_view = show_tab(window, 1)
    doc_id = window.timeline_model.entries()[0]["document_id"]
    of_doc = [i for i in entries_view.model.ids() if entries_view.model.rows_for([i])[0]["document_id"] == doc_id]
    for i in of_doc:  # painted, so held by the model
        assert entries_view.proxy.index(entries_view.proxy.proxy_row(i), COL_DOCUMENT).data() != "抗疫纪事（更正）"
    reloads = []
    for model in (window.entries_model, window.documents_model):
        monkeypatch.setattr(model, "reload", lambda m=model: reloads.append(m))
    view = show_tab(window, 2)
    editor = open_editor(view, view.proxy.proxy_row(doc_id), COL_TITLE)
    editor.setPlainText("抗疫纪事（更正）")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert reloads == []
    assert view.proxy.index(view.proxy.proxy_row(doc_id), COL_TITLE).data() == "抗疫纪事（更正）"
    assert of_doc and all(
        entries_view.proxy.index(entries_view.proxy.proxy_row(i), COL_DOCUMENT).data() == "抗疫纪事（更正）"
        for i in of_doc
    )


def test_an_edit_of_the_sort_key_reads_the_id_list_and_the_row_moves(window, qtbot):
    """The documents table sorted by title: a title edited to sort last moves its row to the end."""
    view = show_tab(window, 2)
    view.table.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    n = view.proxy.rowCount()
    assert n > 1
    doc_id = view.proxy.id_at(0)
    last_title = view.proxy.index(n - 1, COL_TITLE).data()
    editor = open_editor(view, 0, COL_TITLE)
    editor.setPlainText(last_title + "（续）")
    with qtbot.waitSignal(view.model.idsReloaded, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.proxy.id_at(n - 1) == doc_id and view.proxy.proxy_row(doc_id) == n - 1


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


def two_charts(qtbot) -> list[TimelineChart]:
    """A chart to patch and one to draw afresh, the same size, shown."""
    charts = []
    for _ in range(2):
        chart = TimelineChart()
        qtbot.addWidget(chart)
        chart.resize(900, 170)
        chart.show()
        charts.append(chart)
    return charts


@pytest.mark.parametrize("n", [40, MAX_LABELLED * 10], ids=["labelled", "stacked"])
def test_a_chart_updated_in_place_looks_like_one_drawn_afresh(qtbot, n):
    """Moved dates and amounts gained or lost, painted as a few columns (or a labelled chart laid out again):
    the chart, selection and all, is pixel for pixel the one a whole reload draws."""
    entries = synthetic_entries(n)
    updated, fresh = two_charts(qtbot)
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


@pytest.mark.parametrize("n", [40, MAX_LABELLED * 10], ids=["labelled", "stacked"])
def test_a_chart_with_marks_removed_and_added_looks_like_one_drawn_afresh(qtbot, n):
    """Marks removed (the selected one among them) and added over busy and empty days, painted as a few
    columns (or a labelled chart laid out again): pixel for pixel the chart a whole reload draws."""
    entries = synthetic_entries(n + 5)
    kept, added = entries[:n], entries[n:]
    patched, fresh = two_charts(qtbot)
    patched.set_entries(kept)
    patched.select_entry(kept[4]["id"])
    patched.grab()
    removed = [kept[1]["id"], kept[4]["id"], kept[9]["id"]]
    patched.remove_entries(removed)
    assert patched.selected_entry() is None
    patched.select_entry(kept[6]["id"])
    patched.insert_entries([dict(e, date=kept[3 * k]["date"]) for k, e in enumerate(added)])
    final = [e for e in kept if e["id"] not in removed] + [
        dict(e, date=kept[3 * k]["date"]) for k, e in enumerate(added)
    ]
    fresh.set_entries(final)
    fresh.select_entry(kept[6]["id"])
    assert patched.entries() == fresh.entries()
    assert patched.grab().toImage() == fresh.grab().toImage()


@pytest.mark.parametrize(
    "column, order",
    [
        (COL_DATE, Qt.SortOrder.AscendingOrder),
        (COL_DATE, Qt.SortOrder.DescendingOrder),
        (COL_AMOUNT, Qt.SortOrder.AscendingOrder),
        (COL_AMOUNT, Qt.SortOrder.DescendingOrder),
        (COL_DOCUMENT, Qt.SortOrder.DescendingOrder),
    ],
)
def test_rows_removed_and_added_stand_where_a_fresh_table_puts_them(qtbot, column, order):
    """Whatever the sort (ties, missing amounts, descending), rows removed and added in place leave the table
    in the order a table given all entries at once has; the row at the top of the view stays at the top."""
    pane = TimelineView(EntryTableModel())
    qtbot.addWidget(pane)
    pane.resize(1000, 300)
    pane.show()
    entries = synthetic_entries(600)
    for e in entries:
        e["document_title"] = f"时间轴 {e['document_id'] % 4}"
    kept, added = entries[::2], entries[1::2][:10] + entries[1::2][100:130]
    pane.table.sortByColumn(column, order)
    pane.set_entries(sorted(kept, key=timeline_order))  # the order the archive reads them in
    bar = pane.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    bar.setValue(bar.maximum() // 2)
    top = pane.proxy.id_at(pane.table.rowAt(0))
    # A few places (a signal each) and many (one reset), both ways.
    removed = [kept[3]["id"], kept[200]["id"], kept[201]["id"]]
    removed_many = [e["id"] for e in kept[10:290:14] if e["id"] != top]
    assert top not in removed
    pane.remove_entries(removed)
    pane.remove_entries(removed_many)
    pane.insert_entries(added[:10])
    pane.insert_entries(added[10:])
    removed += removed_many
    assert pane.proxy.id_at(pane.table.rowAt(0)) == top
    fresh = EntryTableModel()
    fresh.sort(column, order)
    fresh.set_entries(sorted(kept + added, key=timeline_order))
    fresh_ids = fresh.ids()
    assert pane.model.ids() == [i for i in fresh_ids if i not in removed]
    assert pane.header_label.text().endswith(f"{len(kept) - len(removed) + len(added)} entries")
