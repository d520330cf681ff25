"""Helpers for the editing tests: answer the next modal dialog, find a row, read the archive directly."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication

from archiveviewer.app.read_service import ReadService


def when_modal(callback, kind=None) -> None:
    """Call `callback(dialog)` once a modal dialog (of `kind`) is open; polls on the event loop, never sleeps."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (kind is not None and not isinstance(dialog, kind)):
            QTimer.singleShot(10, poll)
            return
        callback(dialog)

    QTimer.singleShot(0, poll)


def when_conflict(button: str, seen: dict | None = None) -> dict:
    """When the conflict dialog opens, note the two values it shows (`yours`, `theirs`) into `seen`, then click
    its `button` (`keep_button`, `theirs_button`); returns `seen`, filled once the dialog has been answered."""
    from archiveviewer.gui.dialogs.conflict_dialog import ConflictDialog

    seen = {} if seen is None else seen

    def answer(dialog) -> None:
        seen["yours"], seen["theirs"] = dialog.yours.toPlainText(), dialog.theirs.toPlainText()
        getattr(dialog, button).click()

    when_modal(answer, ConflictDialog)
    return seen


def show_tab(window, tab: int):
    window.focus_table(tab)
    return window.bottom_tabs.widget(tab)


def select_rows(view, rows: list[int]) -> None:
    sm = view.table.selectionModel()
    sm.clearSelection()
    for row in rows:
        sm.select(
            view.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    sm.setCurrentIndex(view.proxy.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def open_editor(view, row: int, column: int):
    """Open the cell's delegate editor as a double click would; returns the editor widget."""
    index = view.proxy.index(row, column)
    view.table.setCurrentIndex(index)
    view.table.edit(index)
    editor = view.table.indexWidget(index) or view.table.viewport().focusWidget()
    assert editor is not None, "the delegate opened no editor"
    return editor


def type_date(view, predicate, date: str):
    """Open the date editor of the first entry matching `predicate` and type `date` (not yet saved);
    returns (editor, entry dict)."""
    from archiveviewer.gui.models.entry_table_model import COL_DATE

    row, entry = entry_row(view, predicate)
    editor = open_editor(view, row, COL_DATE)
    editor.setText(date)
    return editor, entry


def entry_row(view, predicate):
    """(proxy row, entry dict) of the first entry in the table matching `predicate`."""
    model = view.model
    for entry in model.rows_for(model.ids()):
        if predicate(entry):
            return view.proxy.proxy_row(entry["id"]), entry
    raise AssertionError("no such entry in the table")


def db_entry(archive, entry_id: int) -> dict | None:
    found = ReadService(archive).timeline([entry_id])
    return found[0] if found else None


def db_document(archive, document_id: int) -> dict:
    return ReadService(archive).document(document_id)


def open_in_reader(window, qtbot, document_id: int, entry_id: int | None = None) -> None:
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(document_id, entry_id=entry_id)


def search_keys(window, search, query: str) -> set[str]:
    """The keys of the hits of `query`, searched afresh (the same query with a trailing space when it is
    already in the bar, since an unchanged text starts no search)."""
    if window.search_bar.query() == query:
        query += " "
    model = search(window, query)
    return {h.key for h in model.hits()}
