"""Related documents and notes of the current article or entry: list, open, attach, detach, add note."""

from __future__ import annotations

import atexit
import mimetypes
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from archiveviewer.gui.background import run_in_background
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.messages import show_warning
from archiveviewer.gui.models.annotations_model import AnnotationsModel
from archiveviewer.gui.models.related_documents_model import RelatedDocumentsModel
from archiveviewer.gui.views.annotations_panel import AnnotationsPanel
from archiveviewer.gui.views.related_panel import RelatedPanel

_temp_dir: Path | None = None


def _open_folder() -> Path:
    """A private temp folder for related documents opened in other programs; removed at exit."""
    global _temp_dir
    if _temp_dir is None:
        _temp_dir = Path(tempfile.mkdtemp(prefix="archiveviewer-related-"))
        atexit.register(shutil.rmtree, _temp_dir, True)
    return _temp_dir


def _is_text(name: str) -> bool:
    media = mimetypes.guess_type(name)[0] or ""
    return media.startswith("text/plain") or Path(name).suffix.lower() in {".txt", ".text", ""}


class LibraryController(QObject):
    relatedChanged = Signal(int)  # rows shown
    annotationsChanged = Signal(int)
    relatedOpened = Signal(str)  # the temp file handed to the desktop
    relatedTextShown = Signal(str, str)  # name, text: a text hit is read in the app
    failed = Signal(str)

    def __init__(
        self,
        related: RelatedPanel,
        related_model: RelatedDocumentsModel,
        notes: AnnotationsPanel,
        notes_model: AnnotationsModel,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._window = parent
        self.related, self.related_model = related, related_model
        self.notes, self.notes_model = notes, notes_model
        self.services: Services | None = None
        self.target: tuple[str, int] | None = None
        self.note_editor = None  # the window's note editing (NotesEditing): add, edit, delete, undo
        self.open_externally = True  # tests switch the desktop hand-off off
        related.openRequested.connect(self.open_related)
        related.attachRequested.connect(self.attach)
        related.detachRequested.connect(self.detach)
        notes.addRequested.connect(self.add_note)
        notes.editRequested.connect(self.edit_note)
        notes.deleteRequested.connect(self.delete_note)

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.set_target(None, None, None)

    def set_target(self, kind: str | None, target_id: int | None, label: str | None) -> None:
        self.target = (kind, target_id) if kind and target_id is not None else None
        text = None
        if self.target is not None:
            what = self.tr("Article") if kind == "document" else self.tr("Timeline entry")
            text = f"{what}: {label}"
        self.related.set_target_text(text)
        self.notes.set_target_text(text)
        self.refresh()

    def refresh(self) -> None:
        if self.services is None or self.target is None:
            self.related_model.set_rows([])
            self.notes_model.set_rows([])
            return
        library, (kind, target_id) = self.services.library, self.target
        target, services = self.target, self.services

        def work():
            return library.related_for(kind, target_id), library.annotations_for(kind, target_id)

        def done(result) -> None:
            if target != self.target or services is not self.services:
                return
            related, notes = result
            self.related_model.set_rows(related)
            self.notes_model.set_rows(notes)
            self.notes.table.resizeRowsToContents()
            self.relatedChanged.emit(len(related))
            self.annotationsChanged.emit(len(notes))

        run_in_background(work, done, self._failed, context=self)

    # -- notes: through the edit controller (undoable, conflicts shown) when the window has one

    def add_note(self, text: str | None = None) -> None:
        if self.services is None or self.target is None:
            return
        kind, target_id = self.target
        if self.note_editor is not None:
            self.note_editor.add_note(kind, target_id, text)
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self._window, self.tr("Add Note"), self.tr("Note:"))
            if not ok or not text.strip():
                return
        library = self.services.library
        run_in_background(
            lambda: library.add_annotation(kind, target_id, text), lambda _r: self.refresh(), self._failed, context=self
        )

    def edit_note(self, note: dict, text: str | None = None) -> None:
        if self.note_editor is not None:
            self.note_editor.edit_note(note, text)

    def delete_note(self, note: dict, confirm: bool = True) -> None:
        if self.note_editor is not None:
            self.note_editor.delete_note(note, confirm)

    # -- related documents

    def attach(self, paths: list[str] | None = None) -> None:
        if self.services is None or self.target is None:
            return
        if paths is None:
            paths, _filter = QFileDialog.getOpenFileNames(self._window, self.tr("Attach Related Documents"))
            if not paths:
                return
        library, (kind, target_id) = self.services.library, self.target

        def work():
            return [library.attach(kind, target_id, Path(p)) for p in paths]

        run_in_background(work, lambda _r: self.refresh(), self._failed, context=self)

    def detach(self, related_id: int, confirm: bool = True) -> None:
        if self.services is None or self.target is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self._window,
                self.tr("Detach Related Document"),
                self.tr(
                    "Remove the link to this document? A document linked nowhere else is removed from the archive."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        library, (kind, target_id) = self.services.library, self.target
        run_in_background(
            lambda: library.detach(related_id, kind, target_id), lambda _r: self.refresh(), self._failed, context=self
        )

    def open_related(self, related_id: int, prefer_reader: bool = False) -> None:
        """Write the document to a private temp file and hand it to the desktop (text hits: read in the app)."""
        if self.services is None:
            return
        library = self.services.library

        def work():
            name, data = library.related_content(related_id)
            if prefer_reader and _is_text(name):
                from archiveviewer.app.presentation import decode_text

                return name, decode_text(data, name), None
            folder = _open_folder() / str(related_id)
            folder.mkdir(exist_ok=True)
            path = folder / Path(name).name
            path.write_bytes(data)
            return name, None, str(path)

        def done(result) -> None:
            name, text, path = result
            if text is not None:
                self.relatedTextShown.emit(name, text)
                return
            if self.open_externally and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
                show_warning(
                    self._window,
                    self.tr("Open Related Document"),
                    self.tr("No program is set up to open %1.").replace("%1", name),
                )
            self.relatedOpened.emit(path)

        run_in_background(work, done, self._failed, context=self)

    def _failed(self, exc: BaseException) -> None:
        message = str(exc) or type(exc).__name__
        self.failed.emit(message)
        show_warning(self._window, self.tr("Related Documents and Notes"), message)
