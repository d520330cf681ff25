"""Corrections where people read: bulk sets that respect others' changes, the reader printing corrected text
(the imported text in a tooltip), correcting a paragraph from the reader, and a read-only archive said once for
the whole window."""

from __future__ import annotations

from edit_helpers import db_document, db_entry, open_in_reader, search_keys, show_tab, when_conflict, when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QToolTip
from test_edit_bulk_history import select_rows

from archiveviewer.app.edit_service import EditService
from archiveviewer.app.read_service import ReadService
from archiveviewer.gui.dialogs.bulk_edit_dialog import SET_DATE, SHIFT_DATES, BulkEditDialog
from archiveviewer.gui.dialogs.correct_text_dialog import CorrectTextDialog
from archiveviewer.gui.models.entry_table_model import COL_DATE, COL_TEXT


def colleague_sets(archive, entity: str, item_id: int, field: str, value: str) -> None:
    """Another person (another service on the same archive) saves the row meanwhile."""
    edits = EditService(archive)
    version = edits.version(entity, item_id)
    if entity == "paragraph":
        edits.edit_paragraph(item_id, value, version, who="另一位同事")
    elif entity == "entry":
        edits.edit_entry(item_id, field, value, version, who="另一位同事")
    else:
        edits.edit_document(item_id, field, value, version, who="另一位同事")


def read_as_shown(view) -> None:
    """The table reads its rows (a page at a time) as painting them does, before anyone else saves."""
    for row in range(view.model.rowCount()):
        view.model.row_dict(row)


def second_row_changed_after_reading(window, archive, rows: list[int]):
    """The entries table with `rows` selected and read; then a colleague dates the second one 2020-03-05.
    Returns the view, the selected ids and their dates before."""
    view = show_tab(window, 1)
    select_rows(view, rows)
    ids = view.selected_ids()
    read_as_shown(view)
    before = {i: db_entry(archive, i)["date"] for i in ids}
    colleague_sets(archive, "entry", ids[1], "date", "2020-03-05")
    return view, ids, before


def bulk_set_date_from_the_dialog(view, date: str) -> None:
    """Bulk Edit… ▸ Set the date on the selected rows, as a person does it."""

    def fill(dialog: BulkEditDialog) -> None:
        dialog.set_operation(SET_DATE)
        dialog.date_edit.setText(date)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill, BulkEditDialog)
    view.bulk_button.click()


def test_bulk_set_refuses_rows_a_colleague_changed_then_succeeds_after_refresh(window, qtbot, sample_archive):
    """A bulk set over a row someone else changed since the table read it saves nothing (all or nothing), says
    which row and that the others were not changed either; the table then shows their value, and the same bulk
    set succeeds."""
    view, ids, before = second_row_changed_after_reading(window, sample_archive, [0, 1, 2])
    seen = {}

    def cancel(box: QMessageBox) -> None:
        seen["text"], seen["rows"] = box.text(), box.informativeText()
        box.escapeButton().click()

    when_modal(cancel, QMessageBox)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        bulk_set_date_from_the_dialog(view, "2020-04-01")
    assert "1 of the 3 selected rows" in seen["text"] and "none of the 3 rows" in seen["text"]
    assert "2020-03-05" in seen["rows"] and seen["rows"].count("•") == 1
    assert db_entry(sample_archive, ids[1])["date"] == "2020-03-05"  # the colleague's value stays
    assert {i: db_entry(sample_archive, i)["date"] for i in (ids[0], ids[2])} == {
        i: before[i] for i in (ids[0], ids[2])
    }
    assert view.message_label.isVisible() and "none of the 3 was changed" in view.message_label.text()
    assert window.editor.undo_stack.count() == 0
    # the refusal refreshed the table: it shows the colleague's date, and the same bulk set now goes through
    row = view.proxy.proxy_row(ids[1])
    qtbot.waitUntil(lambda: view.proxy.index(row, COL_DATE).data() == "2020-03-05", timeout=10000)
    select_rows(view, [view.proxy.proxy_row(i) for i in ids])
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        bulk_set_date_from_the_dialog(view, "2020-04-01")
    assert {db_entry(sample_archive, i)["date"] for i in ids} == {"2020-04-01"}
    assert window.editor.undo_stack.count() == 1
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_entry(sample_archive, ids[1])["date"] == "2020-03-05"
    assert db_entry(sample_archive, ids[0])["date"] == before[ids[0]]


def test_bulk_set_anyway_replaces_their_value_and_undo_puts_theirs_back(window, qtbot, sample_archive):
    """Choosing Apply to All Anyway saves on every row, the colleague's too; Undo gives the colleague's value back."""
    view = show_tab(window, 2)
    ids = view.model.ids()
    read_as_shown(view)
    colleague_sets(sample_archive, "document", ids[0], "paper", "同事填的报名")
    when_modal(lambda box: window.editor.bulk_overwrite_button.click(), QMessageBox)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        assert window.tables.bulk_edit("document", ids, "paper", "无锡日报")
    assert window.editor.last_bulk_conflict is not None
    assert {db_document(sample_archive, i)["masthead"]["paper"] for i in ids} == {"无锡日报"}
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_document(sample_archive, ids[0])["masthead"]["paper"] == "同事填的报名"


def test_bulk_date_shift_refuses_a_row_a_colleague_changed_and_undo_checks_too(window, qtbot, sample_archive):
    """Shifting dates is a bulk edit like a set: a row changed since the table read it stops the whole shift
    (nothing moves) unless the person applies it anyway; its Undo shifts back only what it shifted."""
    view, ids, before = second_row_changed_after_reading(window, sample_archive, [0, 1])
    seen = {}

    def shift(dialog: BulkEditDialog) -> None:
        dialog.set_operation(SHIFT_DATES)
        dialog.days_spin.setValue(3)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def cancel(box: QMessageBox) -> None:
        seen["rows"] = box.informativeText()
        box.escapeButton().click()

    when_modal(shift, BulkEditDialog)
    when_modal(cancel, QMessageBox)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        view.bulk_button.click()
    assert "2020-03-05" in seen["rows"]
    assert db_entry(sample_archive, ids[0])["date"] == before[ids[0]]  # nothing shifted
    assert db_entry(sample_archive, ids[1])["date"] == "2020-03-05"
    assert window.editor.undo_stack.count() == 0
    # applied anyway: both move from what is in the archive now, and Undo moves both back
    when_modal(shift, BulkEditDialog)
    when_modal(lambda box: window.editor.bulk_overwrite_button.click(), QMessageBox)
    colleague_sets(sample_archive, "entry", ids[1], "date", "2020-03-06")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        view.bulk_button.click()
    assert db_entry(sample_archive, ids[1])["date"] == "2020-03-09"
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert [db_entry(sample_archive, i)["date"] for i in ids] == [before[ids[0]], "2020-03-06"]


def corrected_texts(reader) -> dict[str, str]:
    """{block text: text as imported} of the blocks the reader marks as corrected."""
    document = reader.text.document()
    return {document.findBlockByNumber(n).text(): o for n, o in reader.corrected_blocks().items()}


def hover_tooltip(reader, number: int) -> str:
    """Send the reader the tooltip event a mouse resting on block `number` sends, and read what it shows."""
    block = reader.text.document().findBlockByNumber(number)
    rect = reader.text.document().documentLayout().blockBoundingRect(block)
    reader.scroll_to_block(number)
    pos = QPoint(int(rect.left() + 30), int(rect.top() + 4) - reader.text.verticalScrollBar().value())
    viewport = reader.text.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QHelpEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    return QToolTip.text()


def test_reader_prints_a_corrected_entry_text_and_keeps_the_original_in_a_tooltip(window, qtbot, sample_archive):
    """An entry text corrected in the table is printed in the reader in place of its imported passage, marked;
    its tooltip and the history keep the imported text, which the database still has."""
    view = show_tab(window, 1)
    entry = next(e for e in view.model.rows_for(view.model.ids()) if "\n" in e["text"])
    open_in_reader(window, qtbot, entry["document_id"], entry["id"])
    first_line = entry["text"].split("\n")[0]
    assert first_line in window.reader.plain_text() and not window.reader.corrected_blocks()
    row = view.proxy.proxy_row(entry["id"])
    index = view.proxy.index(row, COL_TEXT)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    editor.setPlainText("市总工会筹措资金44万元驰援定点医院。\n另向一线医务人员发放慰问金。")
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    reader = window.reader
    text = reader.plain_text()
    assert "另向一线医务人员发放慰问金。" in text and first_line not in text
    assert corrected_texts(reader) == {
        "市总工会筹措资金44万元驰援定点医院。": entry["text"],
        "另向一线医务人员发放慰问金。": entry["text"],
    }
    number = next(n for n in reader.corrected_blocks())
    assert reader.passage() is not None and reader.passage()[0] <= number <= reader.passage()[1]
    tip = hover_tooltip(reader, number)
    assert "Corrected" in tip and first_line in tip
    assert tip.startswith("<qt") and "<br>" in tip  # shown as plain text: markup in an article stays literal
    # the imported text is still in the archive: the entry's original and the revision log
    with sample_archive.Session() as s:
        from archiveviewer.storage.models import TimelineEntry

        assert s.get(TimelineEntry, entry["id"]).original_text == entry["text"]
    assert EditService(sample_archive).revisions("entry", entry["id"])[-1]["old"] == entry["text"]
    # Undo prints the imported passage again, unmarked
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.undo_action.trigger()
    assert first_line in reader.plain_text() and not reader.corrected_blocks()


def test_reader_marks_a_corrected_title(window, qtbot, sample_archive):
    """A corrected title is what the reader prints, marked, with the imported title as the tooltip."""
    doc_id = window.timeline_model.entries()[0]["document_id"]
    old = db_document(sample_archive, doc_id)["title"]
    colleague_sets(sample_archive, "document", doc_id, "title", "无锡工会战疫时间表")
    open_in_reader(window, qtbot, doc_id)
    number = window.reader.block_number("title", None)
    assert window.reader.text.document().findBlockByNumber(number).text() == "无锡工会战疫时间表"
    assert window.reader.corrected_blocks() == {number: old}
    assert old in hover_tooltip(window.reader, number)


def paragraph_position(reader, paragraph_id: int) -> QPoint:
    number = reader.block_number("paragraph", paragraph_id)
    reader.scroll_to_block(number)
    block = reader.text.document().findBlockByNumber(number)
    rect = reader.text.document().documentLayout().blockBoundingRect(block)
    return QPoint(int(rect.left() + 40), int(rect.top() + 5) - reader.text.verticalScrollBar().value())


def context_action(window, pos: QPoint, words: str):
    window._reader_context_menu(pos)
    menu = window.reader_context_menu
    action = next(a for a in menu.actions() if words in a.text().replace("&", ""))
    menu.close()
    return action


def test_correct_paragraph_from_the_reader_with_undo_redo_and_search(window, qtbot, search, sample_archive):
    """Right-click a paragraph ▸ Correct Paragraph…: the dialog shows the text and the imported text; Ctrl+Enter
    saves; the database, the reader and search have the new words; Undo and Redo go through the one stack."""
    doc_id = window.timeline_model.entries()[0]["document_id"]
    open_in_reader(window, qtbot, doc_id)
    reader = window.reader
    paragraph_id = next(k for kind, k in reader.block_kinds() if kind == "paragraph")
    imported = ReadService(sample_archive).paragraph(paragraph_id)["original_text"]
    action = context_action(window, paragraph_position(reader, paragraph_id), "Correct Paragraph")
    assert action.isEnabled()
    seen = {}

    def correct(dialog: CorrectTextDialog) -> None:
        seen["text"], seen["original"] = dialog.edit.toPlainText(), dialog.original.toPlainText()
        dialog.edit.setPlainText("无锡市总工会筹措专项资金驰援定点医院，校对员补正此段。")
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(correct, CorrectTextDialog)
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        action.trigger()
    assert seen == {"text": imported, "original": imported}
    saved = ReadService(sample_archive).paragraph(paragraph_id)
    assert saved["text"] == "无锡市总工会筹措专项资金驰援定点医院，校对员补正此段。"
    assert saved["original_text"] == imported  # the imported text is never overwritten
    revision = EditService(sample_archive).revisions("paragraph", paragraph_id)[-1]
    assert (revision["field"], revision["old"], revision["who"]) == ("text", imported, window.settings.editor_name)
    number = reader.block_number("paragraph", paragraph_id)
    assert reader.text.document().findBlockByNumber(number).text() == saved["text"]
    assert reader.corrected_blocks()[number] == imported
    assert {f"article:{doc_id}", f"document:{doc_id}"} & search_keys(window, search, "校对员补正")
    assert window.editor.undo_stack.undoText() == "Correct paragraph"

    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.undo_action.trigger()
    assert ReadService(sample_archive).paragraph(paragraph_id)["text"] == imported
    assert not {f"article:{doc_id}", f"document:{doc_id}"} & search_keys(window, search, "校对员补正")
    assert number not in reader.corrected_blocks()
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.redo_action.trigger()
    assert ReadService(sample_archive).paragraph(paragraph_id)["text"] == saved["text"]
    assert {f"article:{doc_id}", f"document:{doc_id}"} & search_keys(window, search, "校对员补正")


def test_correct_paragraph_refuses_empty_text_and_shows_a_conflict(window, qtbot, sample_archive):
    """An empty paragraph is refused in the dialog; a paragraph a colleague corrected while the dialog was open
    opens the conflict dialog with both texts, and Take Theirs keeps theirs."""
    doc_id = window.timeline_model.entries()[0]["document_id"]
    open_in_reader(window, qtbot, doc_id)
    paragraph_id = next(k for kind, k in window.reader.block_kinds() if kind == "paragraph")
    seen = {}

    def empty_then_mine(dialog: CorrectTextDialog) -> None:
        dialog.edit.setPlainText("   ")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        seen["refused"] = dialog.isVisible() and dialog.message.text()
        colleague_sets(sample_archive, "paragraph", paragraph_id, "text", "同事更正的段落")
        dialog.edit.setPlainText("我更正的段落")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(empty_then_mine, CorrectTextDialog)
    when_conflict("theirs_button", seen)
    assert not window.tables.correct_paragraph(paragraph_id)
    assert seen == {"refused": "The text cannot be empty.", "yours": "我更正的段落", "theirs": "同事更正的段落"}
    assert ReadService(sample_archive).paragraph(paragraph_id)["text"] == "同事更正的段落"
    assert window.editor.undo_stack.count() == 0


def test_read_only_folder_says_so_once_for_the_window_and_disables_every_edit(
    qtbot, settings, read_only_folder, window_factory
):
    """A read-only archive folder: a banner and the status bar say so; notes, attach, import, the reader's
    corrections and notes are disabled, each explaining why; nothing can be written."""
    from archiveviewer.app.archive import Archive, ArchiveLocation

    with Archive(ArchiveLocation(read_only_folder)) as archive:
        assert archive.read_only
        window = window_factory(settings, archive)
        assert window.read_only_banner.isVisible() and "read-only" in window.read_only_banner.text()
        assert "folder" in window.read_only_banner.text()
        assert window.read_only_label.isVisible() and "write rights" in window.read_only_label.toolTip()
        for action in (
            window.add_note_action,
            window.attach_action,
            window.import_files_action,
            window.import_folder_action,
        ):
            assert not action.isEnabled() and "read-only" in action.toolTip()
        assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
        doc_id = window.timeline_model.entries()[0]["document_id"]
        open_in_reader(window, qtbot, doc_id)
        panel = window.annotations_panel
        assert not panel.add_button.isEnabled() and "read-only" in panel.add_button.toolTip()
        assert not window.related_panel.attach_button.isEnabled()
        paragraph_id = next(k for kind, k in window.reader.block_kinds() if kind == "paragraph")
        pos = paragraph_position(window.reader, paragraph_id)
        for words in ("Correct Paragraph", "Note to This Paragraph", "Note to This Article"):
            action = context_action(window, pos, words)
            assert not action.isEnabled() and "read-only" in action.toolTip()
        view = show_tab(window, 1)
        assert not view.add_button.isEnabled() and "read-only" in view.add_button.toolTip()
        # a request that slips through anyway is refused with the reason, nothing written
        assert not window.tables.correct_paragraph(paragraph_id, "不应保存")
        assert ReadService(archive).paragraph(paragraph_id)["text"] != "不应保存"
        window.close()


def test_writable_archive_shows_no_read_only_banner(window):
    assert not window.read_only_banner.isVisible() and not window.read_only_label.isVisible()
    assert window.add_note_action.isEnabled() and window.import_files_action.isEnabled()
