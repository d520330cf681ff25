"""Related documents, notes and the original of the current article or entry: list, open, attach, detach, save."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from archiveviewer.gui.background import Cancelled, run_in_background, run_steps_in_background
from archiveviewer.gui.controllers.edit_tables_controller import EditTablesController
from archiveviewer.gui.controllers.import_controller import DIALOG_DELAY_MS
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.messages import show_warning
from archiveviewer.gui.dialogs.task_progress_dialog import TaskProgressDialog
from archiveviewer.gui.i18n import fill
from archiveviewer.gui.models.annotations_model import AnnotationsModel
from archiveviewer.gui.models.related_documents_model import RelatedDocumentsModel
from archiveviewer.gui.views.annotations_panel import AnnotationsPanel
from archiveviewer.gui.views.related_panel import RelatedPanel
from archiveviewer.gui.widgets.scan_view import ScanView

_temp_dir: Path | None = None


def _open_folder() -> Path:
    """A private temp folder for related documents opened in other programs; removed at exit."""
    global _temp_dir
    if _temp_dir is None:
        _temp_dir = Path(tempfile.mkdtemp(prefix="archiveviewer-related-"))
        atexit.register(shutil.rmtree, _temp_dir, True)
    return _temp_dir


def _temp_copy(key, name: str, content: bytes) -> str:
    folder = _open_folder() / str(key)
    folder.mkdir(exist_ok=True)
    path = folder / Path(name).name
    path.write_bytes(content)
    return str(path)


def _page(library, view, page: int) -> tuple[QImage | None, int]:
    """Worker side: the page image of a scan (an image file, or page `page` of a PDF) and the page count."""
    if view.is_image:
        return QImage.fromData(view.content), 1
    if view.is_pdf:
        try:
            return QImage.fromData(library.page_png(view, page)), library.page_count(view)
        except Exception:  # noqa: BLE001 - a page that cannot be rendered shows as such, the text still shows
            return None, 1
    return None, 1


class LibraryController(QObject):
    relatedChanged = Signal(int)  # rows shown
    annotationsChanged = Signal(int)
    relatedOpened = Signal(str)  # the temp file handed to the desktop
    relatedTextShown = Signal(str, str)  # name, text: a text hit is read in the app
    originalShown = Signal(str)  # the file name now in the scan view
    originalSaved = Signal(str)  # the path a copy of the original was written to
    attached = Signal(list)  # after Attach…: the refusals (one line each), empty when all went in
    failed = Signal(str)

    def __init__(
        self,
        related: RelatedPanel,
        related_model: RelatedDocumentsModel,
        notes: AnnotationsPanel,
        notes_model: AnnotationsModel,
        parent: QWidget | None = None,
        scan: ScanView | None = None,
    ):
        super().__init__(parent)
        self._window = parent
        self.related, self.related_model = related, related_model
        self.notes, self.notes_model = notes, notes_model
        self.services: Services | None = None
        self.target: tuple[str, int] | None = None
        # The window's note editing (the edit tables' controller): add, edit, delete, undo.
        self.note_editor: EditTablesController | None = None
        self.open_externally = True  # tests switch the desktop hand-off off
        self.show_reports = True  # and the message boxes
        self.scan = scan
        self._original_generation = 0
        related.openRequested.connect(self.open_related)
        related.saveRequested.connect(self.save_related_as)
        if scan is not None:
            scan.openOriginalRequested.connect(self.open_original)
            scan.saveOriginalRequested.connect(self.save_original_as)
            scan.pageRequested.connect(self.show_page)
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
        self._load_original(kind, target_id)

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
        refused: list[str] = []

        def steps():
            from archiveviewer.app.library_service import IngestError, NotFound  # loaded with the archive

            # Scans are OCR'd here: progress per page, and Cancel closes this generator,
            # which stops the OCR process (files attached before it stay attached).
            for k, p in enumerate(paths):
                name = Path(p).name
                yield k, len(paths), name
                attaching = library.attach_steps(kind, target_id, Path(p))
                try:
                    while True:
                        page, pages = next(attaching)
                        yield k, len(paths), f"{name} ({page + 1}/{pages})" if pages > 1 else name
                except StopIteration:
                    pass
                except (IngestError, NotFound, ValueError) as exc:
                    refused.append(str(exc))
                finally:
                    attaching.close()

        dialog = TaskProgressDialog(self.tr("Attach Related Documents"), self._window)
        self._attach_dialog = dialog

        def progress(value) -> None:
            done, total, name = value
            dialog.set_progress(done, total, fill(self.tr("Reading %1…"), name))

        def finished(_result=None) -> None:
            dialog.finish()
            self.refresh()
            self.attached.emit(list(refused))
            if refused and self.show_reports:
                show_warning(self._window, self.tr("Attach Related Documents"), "\n".join(refused))

        def failed(exc: BaseException) -> None:
            dialog.finish()
            self.refresh()  # what was attached before a cancel stays, and is listed
            self.attached.emit(list(refused))
            if not isinstance(exc, Cancelled):
                self._failed(exc)

        task = run_steps_in_background(steps, progress, finished, failed, context=self)
        dialog.cancelRequested.connect(task.cancel)
        QTimer.singleShot(DIALOG_DELAY_MS, self, lambda: dialog.show() if not task.done else None)

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
        """Scans open in the scan view beside their text; a search hit's text is read in the app;
        other files go to the desktop's program from a private temp copy."""
        if self.services is None:
            return
        library = self.services.library

        def work():
            view = library.related_view(related_id)
            if view.is_image or view.is_pdf:
                return "scan", view, *_page(library, view, 1)
            if prefer_reader and view.text is not None:
                return "text", view, None, 1
            return "file", view, _temp_copy(related_id, view.name, view.content), 1

        def done(result) -> None:
            how, view, extra, pages = result
            if how == "scan":
                self._show_scan(view, extra, pages)
                if prefer_reader and view.text is not None:
                    self.relatedTextShown.emit(view.name, view.text)
            elif how == "text":
                self.relatedTextShown.emit(view.name, view.text)
            else:
                self._hand_to_desktop(extra, view.name)

        run_in_background(work, done, self._failed, context=self)

    # -- the original of what is being read ("Open original", "Save original as…", scans beside their text)

    def _load_original(self, kind: str | None, target_id: int | None) -> None:
        if self.scan is None:
            return
        self._original_generation += 1
        generation = self._original_generation
        if self.services is None or kind is None or target_id is None:
            self.scan.clear()
            return
        library = self.services.library

        def work():
            view = library.original_for(kind, target_id)
            return view, *_page(library, view, 1)

        def done(result) -> None:
            if generation == self._original_generation:
                self._show_scan(*result)

        run_in_background(work, done, self._failed, context=self)

    def _show_scan(self, view, image: QImage | None, pages: int) -> None:
        if self.scan is None:
            return
        self._original_generation += 1  # a later load of the article's own original must not replace this
        self.scan.show_original(view, image, pages)
        self.originalShown.emit(view.name)

    def show_page(self, page: int) -> None:
        """Page `page` of the PDF in the scan view."""
        scan = self.scan
        if scan is None or scan.view is None or self.services is None:
            return
        library, view = self.services.library, scan.view

        def done(result) -> None:
            image, _pages = result
            if scan.view is view:
                scan.set_image(image)
                scan.show_status(view, page)

        run_in_background(lambda: _page(library, view, page), done, self._failed, context=self)

    def open_original(self) -> None:
        view = self.scan.view if self.scan is not None else None
        if view is None:
            return
        name, content = view.name, view.content
        run_in_background(
            lambda: _temp_copy("original", name, content),
            lambda path: self._hand_to_desktop(path, name),
            self._failed,
            context=self,
        )

    def save_original_as(self, path: str | None = None) -> None:
        view = self.scan.view if self.scan is not None else None
        if view is not None:
            self._save_as(view.name, view.content, path)

    def save_related_as(self, related_id: int, path: str | None = None) -> None:
        if self.services is None:
            return
        name, content = self.services.library.related_content(related_id)
        self._save_as(name, content, path)

    def _save_as(self, name: str, content: bytes, path: str | None) -> None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(self._window, self.tr("Save Original As"), name)
            if not path:
                return
        target = Path(path)

        def work():
            target.write_bytes(content)
            return str(target)

        run_in_background(work, self.originalSaved.emit, self._failed, context=self)

    def _hand_to_desktop(self, path: str, name: str) -> None:
        if self.open_externally and not QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            show_warning(
                self._window,
                self.tr("Open Related Document"),
                fill(self.tr("No program is set up to open %1."), name),
            )
        self.relatedOpened.emit(path)

    def _failed(self, exc: BaseException) -> None:
        message = str(exc) or type(exc).__name__
        self.failed.emit(message)
        show_warning(self._window, self.tr("Related Documents and Notes"), message)
