"""Bulk edits (one undo step), tags through the chips editor, delete/add rows, history and restore."""

from __future__ import annotations

from edit_helpers import db_document, db_entry, open_in_reader, search_keys, select_rows, show_tab, when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from archiveviewer.app.edit_service import EditService
from archiveviewer.gui.dialogs.bulk_edit_dialog import ADD_TAG, SHIFT_DATES, BulkEditDialog
from archiveviewer.gui.dialogs.history_dialog import HistoryDialog
from archiveviewer.gui.models.entry_table_model import COL_TAGS
from archiveviewer.gui.widgets.tag_chips import TagChipsEdit


def test_bulk_tag_from_the_dialog_is_one_undo_step(window, qtbot, search, sample_archive):
    """Bulk Edit… ▸ Add a tag on three rows tags all three (tag: search finds them); one Undo untags all three."""
    view = show_tab(window, 1)
    select_rows(view, [0, 1, 2])
    ids = view.selected_ids()
    assert len(ids) == 3

    def fill(dialog: BulkEditDialog) -> None:
        dialog.set_operation(ADD_TAG)
        dialog.tag_edit.setText("核对")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill, BulkEditDialog)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        view.bulk_button.click()
    assert all(db_entry(sample_archive, i)["tags"] == ["核对"] for i in ids)
    assert {f"entry:{i}" for i in ids} <= search_keys(window, search, "tag:核对")
    assert [view.proxy.index(r, COL_TAGS).data() for r in range(3)] == ["核对"] * 3
    assert view.tag_filter.findData("核对") >= 0  # the tag filter offers the new tag
    assert window.editor.undo_stack.count() == 1
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert all(db_entry(sample_archive, i)["tags"] == [] for i in ids)
    assert not {f"entry:{i}" for i in ids} & search_keys(window, search, "tag:核对 OR 慰问")


def test_bulk_shift_dates_and_undo(window, qtbot, sample_archive):
    """Shifting two entries by 3 days moves both (the timeline chart too); Undo moves both back."""
    view = show_tab(window, 1)
    select_rows(view, [0, 1])
    ids = view.selected_ids()
    before = {i: db_entry(sample_archive, i)["date"] for i in ids}
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        assert window.tables.bulk_edit("entry", ids, SHIFT_DATES, 3)
    import datetime as dt

    for i in ids:
        expected = (dt.date.fromisoformat(before[i]) + dt.timedelta(days=3)).isoformat()
        assert db_entry(sample_archive, i)["date"] == expected
    qtbot.waitUntil(
        lambda: {e["id"]: e["date"] for e in window.timeline_view.chart.entries()}.get(ids[0]) != before[ids[0]],
        timeout=10000,
    )
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert {i: db_entry(sample_archive, i)["date"] for i in ids} == before


def test_bulk_set_paper_and_page_on_documents(window, qtbot, sample_archive):
    """Set paper and set page on every document: two undo steps, each reverting all rows."""
    view = show_tab(window, 2)
    ids = view.model.ids()
    old = {i: db_document(sample_archive, i)["masthead"]["paper"] for i in ids}
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        assert window.tables.bulk_edit("document", ids, "paper", "无锡日报")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        assert window.tables.bulk_edit("document", ids, "page", "A07")
    assert all(db_document(sample_archive, i)["masthead"]["page"] == "A07" for i in ids)
    assert all(db_document(sample_archive, i)["masthead"]["paper"] == "无锡日报" for i in ids)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert {i: db_document(sample_archive, i)["masthead"]["paper"] for i in ids} == old


def test_tag_chips_editor_adds_refuses_and_removes(window, qtbot, search, sample_archive):
    """In the tags cell: Enter adds a chip, a bad tag is refused with a message, a click on a chip removes it."""
    view = show_tab(window, 1)
    entry_id = view.model.ids()[0]
    index = view.proxy.index(0, COL_TAGS)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    chips = view.table.indexWidget(index)
    assert isinstance(chips, TagChipsEdit)
    assert "核对" not in chips.completer.model().stringList()
    chips.field.setText("待查")
    QTest.keyClick(chips.field, Qt.Key.Key_Return)
    assert chips.tags() == ["待查"] and chips.chip("待查") is not None
    chips.field.setText("a,b")
    QTest.keyClick(chips.field, Qt.Key.Key_Return)
    assert chips.tags() == ["待查"]
    qtbot.waitUntil(lambda: view.message_label.isVisible(), timeout=5000)
    assert "a,b" in view.message_label.text()
    chips.field.clear()
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(chips.field, Qt.Key.Key_Return)  # Enter on an empty field saves
    assert db_entry(sample_archive, entry_id)["tags"] == ["待查"]
    assert f"entry:{entry_id}" in search_keys(window, search, "tag:待查")

    # a second edit: the completion offers the tag; clicking its chip removes it
    view.table.edit(view.proxy.index(0, COL_TAGS))
    chips = view.table.indexWidget(view.proxy.index(0, COL_TAGS))
    assert "待查" in chips.completer.model().stringList()
    chips.chip("待查").click()
    assert chips.tags() == []
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(chips.field, Qt.Key.Key_Return)
    assert db_entry(sample_archive, entry_id)["tags"] == []


def test_delete_asks_and_undo_brings_the_entry_back(window, qtbot, search, sample_archive):
    """Delete… asks first; Yes removes the entry from the table, the database, search and the chart; Undo restores."""
    view = show_tab(window, 1)
    select_rows(view, [0])
    entry = view.model.rows_for(view.selected_ids())[0]
    n = view.model.rowCount()
    words = f'"{" ".join(entry["text"].split())[:8]}"'
    assert f"entry:{entry['id']}" in search_keys(window, search, words)

    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), QMessageBox)
    view.delete_button.click()
    assert view.model.rowCount() == n and db_entry(sample_archive, entry["id"]) is not None

    select_rows(view, [0])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        view.delete_button.click()
    assert view.model.rowCount() == n - 1 and view.model.row_of(entry["id"]) is None
    assert db_entry(sample_archive, entry["id"]) is None
    assert f"entry:{entry['id']}" not in search_keys(window, search, words)
    qtbot.waitUntil(lambda: len(window.timeline_view.chart.entries()) == n - 1, timeout=10000)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert view.model.rowCount() == n and db_entry(sample_archive, entry["id"])["text"] == entry["text"]
    assert f"entry:{entry['id']}" in search_keys(window, search, words)


def test_add_entry_from_the_dialog_and_undo(window, qtbot, search, sample_archive):
    """Add… asks for document, date and text; the new entry is in the table, the database and search; Undo removes."""
    view = show_tab(window, 1)
    select_rows(view, [0])
    n = view.model.rowCount()

    def fill(dialog) -> None:
        dialog.date_edit.setText("2020-03-01")
        dialog.text_edit.setPlainText("市总工会补发防疫物资3万元")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        view.add_button.click()
    assert view.model.rowCount() == n + 1
    new_id = view.current_id()
    saved = db_entry(sample_archive, new_id)
    assert saved["text"] == "市总工会补发防疫物资3万元" and saved["amounts"][0]["text"] == "3万元"
    assert f"entry:{new_id}" in search_keys(window, search, "补发防疫物资")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert view.model.rowCount() == n and db_entry(sample_archive, new_id) is None
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.redo_action.trigger()
    assert db_entry(sample_archive, new_id)["text"] == "市总工会补发防疫物资3万元"


def test_history_lists_revisions_and_restore_is_itself_a_revision(window, qtbot, search, sample_archive):
    """After two edits the History lists both; restoring the first's old value is a third revision, undoable."""
    view = show_tab(window, 1)
    select_rows(view, [0])
    entry = view.model.rows_for(view.selected_ids())[0]
    open_in_reader(window, qtbot, entry["document_id"], entry["id"])
    edits = window.editor
    row = dict(entry)
    assert edits.commit_cell(view.model, row, "text", "第一次更正：市总工会慰问援鄂医疗队")
    row = view.model.rows_for([entry["id"]])[0]
    assert edits.commit_cell(view.model, row, "text", "第二次更正：市总工会慰问援鄂医疗队员")

    view.history_button.click()
    dialog = window.tables.dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.rowCount() == 2  # newest first
    assert dialog.table.item(0, 4).text().startswith("第二次更正")
    assert dialog.table.item(1, 3).text() == " ".join(entry["text"].split())[:79] + (
        "…" if len(" ".join(entry["text"].split())) > 80 else ""
    )
    dialog.select_revision(1)  # the first edit: restore the imported text it replaced
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        dialog.restore_button.click()
    assert db_entry(sample_archive, entry["id"])["text"] == entry["text"]
    revisions = EditService(sample_archive).revisions("entry", entry["id"])
    assert len(revisions) == 3 and revisions[-1]["new"] == entry["text"]
    assert dialog.table.rowCount() == 3
    qtbot.waitUntil(lambda: "第二次更正" not in window.reader.plain_text(), timeout=10000)
    assert f"entry:{entry['id']}" not in search_keys(window, search, "第二次更正")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_entry(sample_archive, entry["id"])["text"] == "第二次更正：市总工会慰问援鄂医疗队员"
    dialog.close()
