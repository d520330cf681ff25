"""The two editable tables and the notes dock: their requests go to the edit controller, its changes refresh
every open view (tables, search results, reader, timeline chart, notes)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from archiveviewer.app.table_queries import TableFilter
from archiveviewer.gui.controllers.edit_controller import EditController
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.add_row_dialog import AddRowDialog
from archiveviewer.gui.dialogs.bulk_edit_dialog import ADD_TAG, REMOVE_TAG, SET_DATE, SHIFT_DATES, BulkEditDialog
from archiveviewer.gui.dialogs.correct_text_dialog import CorrectTextDialog
from archiveviewer.gui.dialogs.history_dialog import HistoryDialog
from archiveviewer.gui.dialogs.note_editor_dialog import NoteEditorDialog
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.views.documents_view import DocumentsView
from archiveviewer.gui.views.edit_table_panel import EditTablePanel
from archiveviewer.gui.views.entries_view import EntriesView


def document_filter_fields(f: TableFilter) -> set[str]:
    """The document fields a documents table filter looks at (`table_queries.document_ids`)."""
    fields: set[str] = set()
    if f.text.strip():
        fields.update(("title", "subtitle", "byline", "paper"))
    if f.undated or f.date_from.strip() or f.date_to.strip():
        fields.add("published")
    if f.kind.strip():
        fields.add("kind")
    if f.tag.strip():
        fields.add("tags")
    return fields


class EditTablesController(QObject):
    """`openRequested(entity, id)`: show an entry or document in the reader. `refreshed` after every refresh
    that followed an edit (tests wait for it)."""

    openRequested = Signal(str, int)
    targetChanged = Signal(str, int, str)  # the row made current: notes and related documents follow it
    refreshed = Signal()

    def __init__(self, editor: EditController, entries: EntriesView, documents: DocumentsView, window):
        super().__init__(window)
        self.editor, self.entries, self.documents, self._window = editor, entries, documents, window
        self.services: Services | None = None
        self._tags: list[str] = []
        self.dialog: QDialog | None = None  # the last dialog opened (tests drive it)
        for view, entity in ((entries, "entry"), (documents, "document")):
            view.model.editor = editor
            view.known_tags = lambda: list(self._tags)
            view.addRequested.connect(lambda e=entity: self.add_row(e))
            view.deleteRequested.connect(lambda ids, e=entity: self.delete_rows(e, ids))
            view.bulkRequested.connect(lambda ids, e=entity: self.bulk_edit(e, ids))
            view.historyRequested.connect(lambda i, e=entity: self.show_history(e, i))
            view.noteRequested.connect(lambda i, e=entity: self.add_note(e, i))
            view.openRequested.connect(lambda i, e=entity: self.openRequested.emit(e, i))
            view.table.selectionModel().currentRowChanged.connect(
                lambda current, _previous, v=view, e=entity: self._current_changed(v, e, current)
            )
        editor.changed.connect(self.after_change)
        editor.refused.connect(self._refused)
        editor.readOnlyChanged.connect(self._read_only_changed)

    def view_for(self, entity: str) -> EditTablePanel:
        return self.entries if entity == "entry" else self.documents

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.editor.set_services(services)
        if services is None:
            for view in (self.entries, self.documents):
                view.model.set_source(None)
            return
        from archiveviewer.app.table_queries import TableSource

        self.entries.amount_preview = self.editor.require_edits().preview_amounts
        self.entries.model.set_source(TableSource(services.archive, "entry"))
        self.documents.model.set_source(TableSource(services.archive, "document"))
        self.reload_tags()

    def reload_all(self) -> None:
        """New rows arrived (an import): both tables read their id lists again."""
        if self.services is None:
            return
        for view in (self.entries, self.documents):
            view.model.reload()
        self.reload_tags()

    def reload_tags(self) -> None:
        if self.services is None:
            return
        from archiveviewer.app.table_queries import TableSource

        self._tags = TableSource(self.services.archive, "entry").tags()
        for view in (self.entries, self.documents):
            view.set_known_tags(self._tags)

    # -- after every change: refresh what is open

    def after_change(self, entity: str, ids: list, structural: bool, field: str = "") -> None:
        w = self._window
        if structural:
            # A deleted document takes its entries with it.
            self._reload(self.entries, self.documents)
        elif entity == "document":
            self._document_edited(ids, field)
        elif entity == "entry":
            self.entries.model.refresh_ids(ids)
        elif entity == "note":  # the note counts of both tables
            self.entries.model.refresh_all()
            self.documents.model.refresh_all()
        self.reload_tags()
        if w is not None:
            w.search.run_now()
            w.reading.refresh_after_edit(entity, ids, structural, field)
            w.reading.reload_document()
            w.library.refresh()
            if structural:  # the status bar's counts of documents and entries
                w.archives.refresh_stats()
        self.refreshed.emit()

    @staticmethod
    def _reload(*views: EditTablePanel) -> None:
        """Read the id lists again (rows came, went or moved), keeping the selected rows selected."""
        for view in views:
            selected = view.selected_ids()
            view.model.reload()
            view.select_ids(selected)

    def _document_edited(self, ids: list[int], field: str) -> None:
        """A field of documents changed: their rows are read again where they are, unless the documents table
        is sorted or filtered by that field (a row may move or leave); a title also shows in the Document
        column of their entries, whose cached rows (the only ones held: the others are read when painted) are
        read again, unless the entries table is sorted by it."""
        model = self.documents.model
        if field in ("", model.SORTS[model.sort_column()]) or field in document_filter_fields(model.table_filter()):
            self._reload(self.documents)
        else:
            model.refresh_ids(ids)
        if field in ("", "title"):
            entries = self.entries.model
            if entries.SORTS[entries.sort_column()] == "document":
                self._reload(self.entries)
            else:
                documents = set(ids)
                entries.refresh_matching(lambda row: row.get("document_id") in documents)

    def _current_changed(self, view: EditTablePanel, entity: str, current) -> None:
        item_id = view.proxy.id_at(current.row()) if current.isValid() else None
        if item_id is None:
            return
        row = (view.model.rows_for([item_id]) or [{}])[0]
        if row.get("missing"):
            return
        if entity == "entry":
            label = f"{row.get('date_label') or row.get('date')} · {row.get('document_title') or ''}"
        else:
            label = row.get("title") or ""
        self.targetChanged.emit(entity, item_id, label)

    def _refused(self, message: str) -> None:
        for view in (self.entries, self.documents):
            if view.isVisible():
                view.show_message(message)
        if self._window is not None:
            self._window.statusBar().showMessage(message, 10000)

    def _read_only_changed(self, read_only: bool, reason: str) -> None:
        for view in (self.entries, self.documents):
            view.set_read_only(read_only and self.services is not None, reason)

    # -- requests from the tables

    def add_row(self, entity: str, values: dict | None = None) -> int | None:
        if self.services is None:
            return None
        if values is None:
            documents = []
            if entity == "entry":
                documents = self._documents_for_new_entry()
            dialog = self.dialog = AddRowDialog(entity, documents, self._window)
            if dialog.exec() != AddRowDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        new_id = self.editor.add_row(entity, values)
        if new_id is not None:
            self.view_for(entity).select_ids([new_id])
        return new_id

    def _documents_for_new_entry(self) -> list[tuple[int, str]]:
        """The current entry's document first, then the documents the documents table shows (first 500)."""
        docs: list[tuple[int, str]] = []
        current = self.entries.current_id()
        if current is not None:
            current_rows = self.entries.model.rows_for([current])
            if current_rows:
                docs.append((current_rows[0]["document_id"], current_rows[0]["document_title"]))
        model = self.documents.model
        for row in model.rows_for(model.ids()[:500]):
            if all(row["id"] != d for d, _ in docs):
                docs.append((row["id"], row["title"]))
        return docs

    def delete_rows(self, entity: str, ids: list[int], confirm: bool = True) -> bool:
        rows = self.view_for(entity).model.rows_for(ids)
        return self.editor.delete_rows(entity, rows, confirm=confirm)

    def bulk_edit(self, entity: str, ids: list[int], operation: str | None = None, value=None) -> bool:
        if operation is None:
            dialog = self.dialog = BulkEditDialog(entity, len(ids), self._tags, self._window)
            if dialog.exec() != BulkEditDialog.DialogCode.Accepted:
                return False
            operation, value = dialog.operation(), dialog.value()
        if operation == ADD_TAG:
            return self.editor.set_tags(entity, ids, [value], [])
        if operation == REMOVE_TAG:
            return self.editor.set_tags(entity, ids, [], [value])
        # The versions the table shows: a row someone else changed since is not overwritten unasked.
        rows = self.view_for(entity).model.rows_for(ids)
        versions = {r["id"]: r["version"] for r in rows if not r.get("missing")}
        if operation == SHIFT_DATES:
            return self.editor.shift_dates(entity, ids, int(value), versions)
        field = {SET_DATE: "date" if entity == "entry" else "published"}.get(operation, operation)
        return self.editor.bulk_set(entity, ids, field, value, versions)

    # -- corrections from the reader

    def correct_paragraph(self, paragraph_id: int, text: str | None = None) -> bool:
        """Correct a paragraph of the page; without `text` the correction dialog asks for it."""
        if self.services is None:
            return False
        try:
            paragraph = self.services.read.paragraph(paragraph_id)
        except LookupError as exc:
            self.editor.refused.emit(fill(self.tr("Not saved: %1"), str(exc).strip("'\"")))
            return False
        if text is None:
            dialog = self.dialog = CorrectTextDialog(
                self.tr("Correct Paragraph"),
                self.tr("Correct the paragraph as the page prints it. The imported text stays in the archive."),
                paragraph["text"],
                paragraph["original_text"],
                self._window,
            )
            if dialog.exec() != CorrectTextDialog.DialogCode.Accepted:
                return False
            text = dialog.text()
        return self.editor.correct_text("paragraph", paragraph_id, paragraph["text"], text, paragraph["version"])

    def correct_entry_text(self, entry_id: int, text: str | None = None) -> bool:
        """Correct a timeline entry's text from the reader; without `text` the correction dialog asks for it."""
        if self.services is None:
            return False
        found = self.services.read.timeline([entry_id])
        if not found:
            self.editor.refused.emit(fill(self.tr("Not saved: %1"), f"no entry with id {entry_id}"))
            return False
        entry = found[0]
        if text is None:
            dialog = self.dialog = CorrectTextDialog(
                self.tr("Correct Entry Text"),
                fill(
                    self.tr("Correct the text of the timeline entry of %1."), entry.get("date_label") or entry["date"]
                ),
                entry["text"],
                (entry.get("original") or {}).get("text", entry["text"]),
                self._window,
            )
            if dialog.exec() != CorrectTextDialog.DialogCode.Accepted:
                return False
            text = dialog.text()
        return self.editor.correct_text("entry", entry_id, entry["text"], text, entry["version"])

    def show_history(self, entity: str, item_id: int) -> HistoryDialog | None:
        if self.services is None:
            return None
        row = (self.view_for(entity).model.rows_for([item_id]) or [{}])[0]
        title = row.get("title") or " ".join((row.get("text") or "").split())[:40] or str(item_id)
        edits = self.editor.require_edits()

        def restore(revision: dict) -> bool:
            current_row = (self.view_for(entity).model.rows_for([item_id]) or [{}])[0]
            field = revision["field"]
            if field in ("created", "deleted"):
                current = current_row.get("missing", False) or not current_row
            else:
                current = self.editor.cell_value(current_row, field)
            return self.editor.restore(entity, item_id, revision, current)

        dialog = self.dialog = HistoryDialog(title, lambda: edits.revisions(entity, item_id), restore, self._window)
        dialog.open()
        return dialog

    def add_note(self, entity: str, item_id: int, text: str | None = None) -> bool:
        if text is None:
            dialog = self.dialog = NoteEditorDialog(self._target_label(entity, item_id), "", self._window)
            if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
                return False
            text = dialog.text()
        return self.editor.add_note(entity, item_id, text)

    def _target_label(self, entity: str, item_id: int) -> str:
        row = (self.view_for(entity).model.rows_for([item_id]) or [{}])[0] if entity in ("entry", "document") else {}
        if entity == "entry":
            return fill(self.tr("Note on the timeline entry %1"), " ".join((row.get("text") or "").split())[:60])
        if entity == "document":
            return fill(self.tr("Note on the document %1"), row.get("title") or "")
        return self.tr("Note on a paragraph")

    def edit_note(self, note: dict, text: str | None = None) -> bool:
        if text is None:
            dialog = self.dialog = NoteEditorDialog(
                fill(self.tr("Note by %1"), note.get("author") or ""),
                note["text"],
                self._window,
                self.tr("Edit Note"),
            )
            if dialog.exec() != NoteEditorDialog.DialogCode.Accepted:
                return False
            text = dialog.text()
        return self.editor.edit_note(note, text)

    def delete_note(self, note: dict, confirm: bool = True) -> bool:
        return self.editor.delete_note(note, confirm=confirm)
