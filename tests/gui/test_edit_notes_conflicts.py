"""Notes from the dock, the reader's context menu and the tables (add/edit/delete, undo); conflicts; read-only;
the editor's name in Preferences."""

from __future__ import annotations

from edit_helpers import db_entry, open_in_reader, search_keys, show_tab, when_conflict, when_modal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.edit_service import EditService
from archiveviewer.gui.dialogs.conflict_dialog import ConflictDialog
from archiveviewer.gui.dialogs.note_editor_dialog import NoteEditorDialog
from archiveviewer.gui.models.entry_table_model import COL_TEXT


def notes_on(archive, target_type, target_id):
    return AnnotationService(archive).notes_for(target_type, target_id)


def type_note_and_save(text: str):
    """Fill the note editor and press Ctrl+Enter (the editor's save key)."""

    def fill(dialog: NoteEditorDialog) -> None:
        dialog.edit.setPlainText(text)
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    when_modal(fill, NoteEditorDialog)


def test_notes_dock_adds_edits_and_deletes_notes_with_undo(window, qtbot, search, sample_archive):
    """Add (Ctrl+Enter saves), edit, delete from the notes dock: database, search and dock agree; Undo brings back."""
    window.settings.editor_name = "王档案"
    entry = window.timeline_model.entries()[0]
    open_in_reader(window, qtbot, entry["document_id"])
    doc_id = entry["document_id"]
    panel = window.annotations_panel

    type_note_and_save("请核对原报第二栏的金额")
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        panel.add_button.click()
    notes = notes_on(sample_archive, "document", doc_id)
    assert [n["text"] for n in notes] == ["请核对原报第二栏的金额"] and notes[0]["author"] == "王档案"
    assert f"annotation:{notes[0]['id']}" in search_keys(window, search, "第二栏的金额")

    panel.table.selectRow(0)
    type_note_and_save("已核对：金额与原报一致")
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000):
        panel.edit_button.click()
    assert notes_on(sample_archive, "document", doc_id)[0]["text"] == "已核对：金额与原报一致"
    assert window.annotations_model.rows()[0]["text"] == "已核对：金额与原报一致"
    assert f"annotation:{notes[0]['id']}" not in search_keys(window, search, "第二栏的金额")

    panel.table.selectRow(0)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 0):
        panel.delete_button.click()
    assert notes_on(sample_archive, "document", doc_id) == []
    assert f"annotation:{notes[0]['id']}" not in search_keys(window, search, "金额与原报一致")

    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.undo_action.trigger()  # undo the delete
    assert notes_on(sample_archive, "document", doc_id)[0]["text"] == "已核对：金额与原报一致"
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000):
        window.undo_action.trigger()  # undo the edit
    assert notes_on(sample_archive, "document", doc_id)[0]["text"] == "请核对原报第二栏的金额"
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 0):
        window.undo_action.trigger()  # undo the add
    assert notes_on(sample_archive, "document", doc_id) == []


def test_reader_context_menu_adds_a_note_to_the_paragraph(window, qtbot, sample_archive):
    """Right-click in a paragraph of the reader ▸ Add Note to This Paragraph… stores a note on that paragraph."""
    entry = window.timeline_model.entries()[0]
    open_in_reader(window, qtbot, entry["document_id"])
    reader = window.reader
    number, (kind, paragraph_id) = next((i, k) for i, k in enumerate(reader.block_kinds()) if k[0] == "paragraph")
    block = reader.text.document().findBlockByNumber(number)
    rect = reader.text.document().documentLayout().blockBoundingRect(block)
    pos = QPoint(int(rect.left() + 40), int(rect.top() + 5) - reader.text.verticalScrollBar().value())
    window._reader_context_menu(pos)
    menu = window.reader_context_menu
    action = next(a for a in menu.actions() if "Note" in a.text() and "Paragraph" in a.text())
    menu.close()
    type_note_and_save("此段引用的数字来自市总工会通报")
    action.trigger()
    notes = notes_on(sample_archive, "paragraph", paragraph_id)
    assert [n["text"] for n in notes] == ["此段引用的数字来自市总工会通报"]
    window.undo_action.trigger()
    assert notes_on(sample_archive, "paragraph", paragraph_id) == []


def test_table_context_menu_adds_a_note_to_the_entry(window, qtbot, sample_archive):
    """The entries table's context menu has Add Note…; the note count column shows it."""
    view = show_tab(window, 1)
    entry_id = view.model.ids()[0]
    rect = view.table.visualRect(view.proxy.index(0, COL_TEXT))
    view._context_menu(rect.center())
    action = next(a for a in view.context_menu.actions() if "Note" in a.text())
    view.context_menu.close()
    type_note_and_save("待查证日期")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        action.trigger()
    assert [n["text"] for n in notes_on(sample_archive, "entry", entry_id)] == ["待查证日期"]
    assert view.proxy.index(0, 4).data() == "1"


def someone_else_edits(archive, entry_id: int, text: str) -> None:
    """Another person (another service on the same archive) saves the entry meanwhile."""
    edits = EditService(archive)
    version = edits.version("entry", entry_id)
    edits.edit_entry(entry_id, "text", text, version, who="另一位同事")


def edit_text_cell(window, view, entry_id: int, text: str) -> None:
    row = view.proxy.proxy_row(entry_id)
    index = view.proxy.index(row, COL_TEXT)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index)
    editor.setPlainText(text)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_conflict_shows_both_values_and_keep_mine_saves_mine(window, qtbot, sample_archive):
    """A save refused because someone else changed the entry shows both values; Keep Mine saves mine on top."""
    view = show_tab(window, 1)
    entry_id = view.model.ids()[0]
    view.model.rows_for([entry_id])  # the row as read (its version) before the other person saves
    someone_else_edits(sample_archive, entry_id, "同事的更正文本")
    seen = when_conflict("keep_button")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        edit_text_cell(window, view, entry_id, "我的更正文本")
    assert seen == {"yours": "我的更正文本", "theirs": "同事的更正文本"}
    assert db_entry(sample_archive, entry_id)["text"] == "我的更正文本"
    revs = EditService(sample_archive).revisions("entry", entry_id)
    assert [(r["who"], r["new"]) for r in revs[-2:]] == [
        ("另一位同事", "同事的更正文本"),
        (window.settings.editor_name, "我的更正文本"),
    ]


def test_conflict_take_theirs_saves_nothing_and_merge_saves_the_merge(window, qtbot, sample_archive):
    """Take Theirs keeps the other value (nothing of mine saved, nothing to undo); Save Merged saves the merge."""
    view = show_tab(window, 1)
    entry_id = view.model.ids()[1]
    view.model.rows_for([entry_id])
    someone_else_edits(sample_archive, entry_id, "同事的版本")
    when_modal(lambda d: d.theirs_button.click(), ConflictDialog)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        edit_text_cell(window, view, entry_id, "我的版本")
    assert db_entry(sample_archive, entry_id)["text"] == "同事的版本"
    assert window.editor.undo_stack.count() == 0
    qtbot.waitUntil(lambda: view.proxy.index(view.proxy.proxy_row(entry_id), COL_TEXT).data() == "同事的版本")

    someone_else_edits(sample_archive, entry_id, "同事的第二版")

    def merge(dialog: ConflictDialog) -> None:
        dialog.merged.setPlainText("同事的第二版，加上我的补充")
        dialog.merge_button.click()

    when_modal(merge, ConflictDialog)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        edit_text_cell(window, view, entry_id, "我的补充")
    assert db_entry(sample_archive, entry_id)["text"] == "同事的第二版，加上我的补充"
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_entry(sample_archive, entry_id)["text"] == "同事的第二版"


def test_note_conflict_is_shown_too(window, qtbot, sample_archive):
    """Editing a note someone else changed meanwhile opens the conflict dialog with both texts."""
    entry = window.timeline_model.entries()[0]
    open_in_reader(window, qtbot, entry["document_id"])
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.add_note("原始备注")
    note = window.annotations_model.rows()[0]
    other = AnnotationService(sample_archive)
    other.edit_note(note["id"], "同事改过的备注", note["version"], who="另一位同事")
    seen = {}

    def look(dialog: ConflictDialog) -> None:
        seen["theirs"] = dialog.theirs.toPlainText()
        dialog.keep_button.click()

    when_modal(look, ConflictDialog)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.tables.edit_note(note, "我改的备注")
    assert seen["theirs"] == "同事改过的备注"
    assert notes_on(sample_archive, "document", entry["document_id"])[0]["text"] == "我改的备注"


def test_read_only_archive_disables_editing_with_an_explanation(qtbot, settings, sample_archive, window_factory):
    """A read-only archive: the tables explain why, cells are not editable, add/delete/note buttons are off."""
    sample_archive.read_only = True
    window = window_factory(settings, sample_archive)
    view = show_tab(window, 1)
    assert view.read_only_label.isVisible() and "read-only" in view.read_only_label.text()
    assert not view.model.flags(view.proxy.index(0, COL_TEXT)) & Qt.ItemFlag.ItemIsEditable
    view.table.selectRow(0)
    assert not view.add_button.isEnabled() and not view.delete_button.isEnabled()
    assert not window.annotations_panel.add_button.isEnabled() and not window.add_note_action.isEnabled()
    assert not window.documents_view.add_button.isEnabled()
    window.close()


def test_preferences_set_the_editor_name(window, qtbot, sample_archive):
    """The name typed in Preferences is the one the next edit's revision records."""
    from archiveviewer.gui.dialogs.settings_dialog import SettingsDialog
    from archiveviewer.gui.settings import login_name

    assert window.settings.editor_name == login_name()
    dialog = SettingsDialog(window.settings, window)
    dialog.editor_edit.setText("李 编辑")
    dialog.accept()
    assert window.settings.editor_name == "李 编辑"
    view = show_tab(window, 1)
    entry_id = view.model.ids()[0]
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        edit_text_cell(window, view, entry_id, "署名测试")
    assert EditService(sample_archive).revisions("entry", entry_id)[-1]["who"] == "李 编辑"


def test_choosing_a_row_in_a_table_makes_it_the_notes_target(window, qtbot, sample_archive):
    """The current row of the entries table is what the notes dock adds to."""
    view = show_tab(window, 1)
    entry_id = view.model.ids()[2]
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000):
        view.table.setCurrentIndex(view.proxy.index(2, COL_TEXT))
    assert "Timeline entry" in window.annotations_panel.target_label.text()
    assert window.library.target == ("entry", entry_id)
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.add_note("从表格添加的批注")
    assert [n["text"] for n in notes_on(sample_archive, "entry", entry_id)] == ["从表格添加的批注"]
