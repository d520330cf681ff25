"""Editing cells of the entries and documents tables through their delegates: valid, refused, undo/redo.

Each test checks the database, the search results and the reader after the edit.
"""

from __future__ import annotations

from edit_helpers import db_document, db_entry, entry_row, open_editor, open_in_reader, search_keys, show_tab, type_date
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from archiveviewer.app.edit_service import EditService
from archiveviewer.app.export_service import ExportService
from archiveviewer.gui.models.document_table_model import COL_PUBLISHED, COL_TITLE
from archiveviewer.gui.models.entry_table_model import COL_AMOUNT, COL_DATE, COL_TEXT
from archiveviewer.gui.widgets.text_delegate import CellTextEdit

NEW_TEXT = "市总工会向援鄂医疗队员家属送去慰问品\n共计82万元；另发放5000元补贴"


def test_entry_text_edit_saves_rederives_amounts_and_shows_everywhere(window, qtbot, search, sample_archive, tmp_path):
    """Ctrl+Enter in the text editor saves: database (with a revision by the editor's name), amounts re-derived and
    previewed, search finds the new words and not the removed ones, the reader shows the new text."""
    window.settings.editor_name = "陈核对"
    view = show_tab(window, 1)
    row, entry = entry_row(view, lambda e: "慰问" in e["text"])
    open_in_reader(window, qtbot, entry["document_id"], entry["id"])
    old_words = " ".join(entry["text"].split())[:8]
    assert old_words not in NEW_TEXT and f"entry:{entry['id']}" in search_keys(window, search, f'"{old_words}"')
    editor = open_editor(view, row, COL_TEXT)
    assert isinstance(editor, CellTextEdit)
    editor.setPlainText(NEW_TEXT)
    assert "82万元; 5000元" in editor.amounts_preview()  # shown for confirmation before saving
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    saved = db_entry(sample_archive, entry["id"])
    assert saved["text"] == NEW_TEXT.strip()
    assert [a["text"] for a in saved["amounts"]] == ["82万元", "5000元"]
    revs = EditService(sample_archive).revisions("entry", entry["id"])
    assert revs[-1]["field"] == "text" and revs[-1]["who"] == "陈核对" and revs[-1]["old"] == entry["text"]
    # the table shows the amounts as printed, never their sum
    row = view.proxy.proxy_row(entry["id"])
    assert view.proxy.index(row, COL_AMOUNT).data() == "82万元; 5000元"
    assert f"entry:{entry['id']}" in search_keys(window, search, "援鄂医疗队员家属")
    assert f"entry:{entry['id']}" not in search_keys(window, search, f'"{old_words}"')
    # The reader re-reads the document: its timeline data has the correction (the page text it prints
    # is the imported paragraphs, which an entry correction does not rewrite).
    qtbot.waitUntil(
        lambda: any(
            e["id"] == entry["id"] and e["text"] == NEW_TEXT.strip() for e in window.reader.document["timeline"]
        ),
        timeout=10000,
    )
    assert window.editor.undo_stack.count() == 1
    # exports read the archive: the CSV of the timeline has the corrected text and amounts as printed
    out = tmp_path / "timeline.csv"
    ExportService(sample_archive).export_timeline(out, "csv")
    exported = out.read_text(encoding="utf-8-sig")
    assert "援鄂医疗队员家属" in exported and "82万元" in exported


def test_invalid_date_is_refused_with_a_message_and_the_old_value_stays(window, qtbot, sample_archive):
    """2020-02-30 is not a date: a visible message, nothing saved, nothing to undo."""
    view = show_tab(window, 1)
    row, entry = entry_row(view, lambda e: True)
    editor = open_editor(view, row, COL_DATE)
    assert isinstance(editor, QLineEdit)
    editor.setText("2020-02-30")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: view.message_label.isVisible(), timeout=5000)
    assert "2020-02-30" in view.message_label.text() and "not a date" in view.message_label.text()
    assert db_entry(sample_archive, entry["id"])["date"] == entry["date"]
    assert view.proxy.index(view.proxy.proxy_row(entry["id"]), COL_DATE).data() == entry["date"]
    assert window.editor.undo_stack.count() == 0


def test_partial_date_is_accepted_and_undo_redo_restore_it(window, qtbot, search, sample_archive):
    """A month-only date (2020-02) is saved with month precision; Ctrl+Z puts the day back, Ctrl+Shift+Z the month."""
    view = show_tab(window, 1)
    row, entry = entry_row(view, lambda e: e["date"].startswith("2020-01"))
    open_in_reader(window, qtbot, entry["document_id"], entry["id"])
    editor = open_editor(view, row, COL_DATE)
    editor.setText("2020-02")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return)
    saved = db_entry(sample_archive, entry["id"])
    assert saved["date_label"] == "2020-02" and saved["date_precision"] == "month"
    assert view.proxy.index(view.proxy.proxy_row(entry["id"]), COL_DATE).data() == "2020-02"
    assert f"entry:{entry['id']}" in search_keys(window, search, f"kind:entry date:2020-02 {entry['text'][:4]}")

    assert window.undo_action.isEnabled() and "date" in window.undo_action.text()
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_entry(sample_archive, entry["id"])["date_label"] == entry["date"]
    assert view.proxy.index(view.proxy.proxy_row(entry["id"]), COL_DATE).data() == entry["date"]
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keySequence(window, "Ctrl+Shift+Z")
    assert db_entry(sample_archive, entry["id"])["date_label"] == "2020-02"
    # the timeline chart got the new date too
    qtbot.waitUntil(
        lambda: any(e["id"] == entry["id"] and e["date"] == "2020-02-01" for e in window.timeline_view.chart.entries()),
        timeout=10000,
    )


def test_document_title_edit_is_found_by_new_words_and_shown_in_the_reader(window, qtbot, search, sample_archive):
    """A corrected title: saved with a revision, found by its new words, the reader's title changes, undo restores."""
    view = show_tab(window, 2)
    doc_id = window.entries_model.rows_for(window.entries_model.ids()[:1])[0]["document_id"]  # the 时间轴 article
    old = db_document(sample_archive, doc_id)
    open_in_reader(window, qtbot, doc_id)
    row = view.proxy.proxy_row(doc_id)
    editor = open_editor(view, row, COL_TITLE)
    editor.setPlainText("梁溪区总工会抗疫纪事")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert db_document(sample_archive, doc_id)["title"] == "梁溪区总工会抗疫纪事"
    assert f"article:{doc_id}" in search_keys(window, search, "title:抗疫纪事")
    qtbot.waitUntil(lambda: "梁溪区总工会抗疫纪事" in window.reader.plain_text(), timeout=10000)
    # the entries table shows the new document title too
    entries = window.entries_view
    assert entries.proxy.index(0, 5).data() == "梁溪区总工会抗疫纪事"
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        window.undo_action.trigger()
    assert db_document(sample_archive, doc_id)["title"] == old["title"]
    assert f"article:{doc_id}" not in search_keys(window, search, "title:抗疫纪事")
    qtbot.waitUntil(lambda: old["title"] in window.reader.plain_text(), timeout=10000)


def test_document_date_can_be_cleared_and_filtered_as_undated(window, qtbot, sample_archive):
    """An empty date makes a document undated; the Undated only filter then lists it."""
    view = show_tab(window, 2)
    doc_id = view.model.ids()[0]
    editor = open_editor(view, view.proxy.proxy_row(doc_id), COL_PUBLISHED)
    editor.setText("")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return)
    assert db_document(sample_archive, doc_id)["masthead"]["date"] is None
    view.undated_check.setChecked(True)
    assert view.model.ids() == [doc_id]
    assert view.proxy.index(0, COL_PUBLISHED).data() == "undated"


def test_undo_of_a_cell_edit_after_a_tag_change_names_the_new_version(window, qtbot, sample_archive, monkeypatch):
    """A tag change moves the entry's version: undoing it and then the date edit before it saves at the
    versions those tag changes left, with no conflict with oneself."""
    from archiveviewer.gui.controllers.edit_controller import TAKE_THEIRS
    from archiveviewer.gui.models.entry_table_model import COL_TAGS
    from archiveviewer.gui.widgets.tag_chips import TagChipsEdit

    conflicts = []
    monkeypatch.setattr(window.editor, "resolve_conflict", lambda c: (conflicts.append(c), (TAKE_THEIRS, ""))[1])
    view = show_tab(window, 1)
    editor, entry = type_date(view, lambda e: e["date"].startswith("2020-01"), "2020-02")
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(editor, Qt.Key.Key_Return)
    row = view.proxy.proxy_row(entry["id"])
    view.table.setCurrentIndex(view.proxy.index(row, COL_TAGS))
    view.table.edit(view.proxy.index(row, COL_TAGS))
    chips = view.table.indexWidget(view.proxy.index(row, COL_TAGS))
    assert isinstance(chips, TagChipsEdit)
    chips.field.setText("核对")
    QTest.keyClick(chips.field, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
        QTest.keyClick(chips.field, Qt.Key.Key_Return)
    tagged = db_entry(sample_archive, entry["id"])
    assert tagged["tags"] == ["核对"] and tagged["version"] == entry["version"] + 2
    for _ in range(2):
        with qtbot.waitSignal(window.tables.refreshed, timeout=10000):
            window.undo_action.trigger()
    restored = db_entry(sample_archive, entry["id"])
    assert conflicts == []
    assert restored["tags"] == [] and restored["date_label"] == entry["date"]
    assert restored["version"] == entry["version"] + 4
