"""Imports files in the background behind a cancellable progress dialog; cancelling rolls the import back,
unless the commit was already under way: then the report says what was imported."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from archiveviewer.gui.background import BackgroundTask, Cancelled, run_steps_in_background
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.messages import show_message, show_warning
from archiveviewer.gui.dialogs.task_progress_dialog import TaskProgressDialog
from archiveviewer.gui.i18n import fill

# Like QProgressDialog's minimum duration: a quick import (one dropped file) finishes
# without a dialog flashing up, and showing a window never lands on the busy first steps.
DIALOG_DELAY_MS = 400


class ImportController(QObject):
    """`finished(report)` after an import (None when cancelled or failed)."""

    started = Signal()
    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.services: Services | None = None
        self.task: BackgroundTask | None = None
        self.dialog: TaskProgressDialog | None = None
        # Cancel pressed while the import was committing: it was imported all the same.
        self.cancel_came_too_late = False
        self.show_reports = True  # tests switch the summary boxes off
        self._give_back: tuple[QWidget, float] | None = None  # the focus to return to when the dialog shows

    @property
    def running(self) -> bool:
        return self.task is not None

    def set_services(self, services: Services | None) -> None:
        self.services = services

    def start(self, paths: list[str]) -> bool:
        if self.services is None or not paths:
            return False
        if self.running:
            show_message(self._window, self.tr("Import"), self.tr("An import is already running."))
            return False
        from archiveviewer.app.import_service import ImportJob

        archive = self.services.archive
        job_holder: dict = {}

        def make_steps():
            # Expanding folders walks the disk: do it here, in the worker.
            job = ImportJob(archive, paths)
            job_holder["job"] = job
            return job.steps()

        self.dialog = TaskProgressDialog(self.tr("Import"), self._window)
        # Not modal: the window stays usable (typing a search, reading) while it imports.
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.dialog.cancelRequested.connect(self.cancel)
        dialog = self.dialog
        QTimer.singleShot(DIALOG_DELAY_MS, self, lambda: self._show_dialog(dialog))
        self.cancel_came_too_late = False
        self.task = run_steps_in_background(
            make_steps,
            self._progress,
            lambda _r: self._done(job_holder["job"].report),
            lambda exc: self._failed(exc, job_holder.get("job")),
            context=self,
        )
        self.started.emit()
        return True

    def _show_dialog(self, dialog: TaskProgressDialog) -> None:
        if dialog is not self.dialog:
            return
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self._window:
            # Some platforms activate a shown window anyway (offscreen; X11 window managers may): then keys
            # typed meanwhile would go to the dialog's Cancel button. Its activation on showing is undone.
            self._give_back = (focus, time.monotonic())
            dialog.installEventFilter(self)
        dialog.show()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.dialog and event.type() == QEvent.Type.WindowActivate and self._give_back is not None:
            (focus, shown_at), self._give_back = self._give_back, None
            self.dialog.removeEventFilter(self)
            if time.monotonic() - shown_at < 1.0:  # later, it is the user who clicked the dialog
                QTimer.singleShot(0, self, lambda: self._return_focus(focus))
        return False

    def _return_focus(self, focus: QWidget) -> None:
        if self.dialog is not None:
            self._window.activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, value) -> None:
        done, total, name = value
        half = total // 2
        if name:
            text = fill((self.tr("Reading %1…") if done < half else self.tr("Storing %1…")), name)
        else:
            text = self.tr("Finishing…")
        if self.dialog is not None:
            self.dialog.set_progress(done, total, text)
        self.progressed.emit(done, total, name)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog = None
        self.task = None

    def _done(self, report) -> None:
        # The job's last cancellable step is before its commit: a cancel that arrives later
        # (the dialog shows "Finishing…") cannot stop it, and the report must say so.
        too_late = self.task is not None and self.task.cancelled and bool(report.imported)
        self._close_dialog()
        self.cancel_came_too_late = too_late
        self.finished.emit(report)
        if self.show_reports:
            self._show_report(report)

    def _failed(self, exc: BaseException, job=None) -> None:
        if isinstance(exc, Cancelled) and job is not None and job.committed:
            self._done(job.report)  # cancelled after the commit: it was imported
            return
        self._close_dialog()
        self.finished.emit(None)
        if isinstance(exc, Cancelled):
            return
        if self.show_reports:
            show_warning(
                self._window,
                self.tr("Import Failed"),
                fill(self.tr("Nothing was imported: %1"), str(exc) or type(exc).__name__),
            )

    def summary(self, report) -> str:
        documents = sum(len(f.documents) for f in report.imported)
        entries = sum(f.entries for f in report.imported)
        return fill(
            self.tr("Imported %1 file(s): %2 document(s), %3 timeline entries."),
            str(len(report.imported)),
            str(documents),
            str(entries),
        )

    def _show_report(self, report) -> None:
        text = self.summary(report)
        if self.cancel_came_too_late:
            text = self.tr("The import was already being saved when you cancelled, so it was not undone.") + "\n" + text
        elif not (report.duplicates or report.errors or report.unsupported or report.skipped or report.unsearchable):
            return  # the status bar says it; no box to dismiss
        lines = []
        for heading, names in (
            (self.tr("Skipped (already in the archive):"), report.duplicates),
            (self.tr("Refused:"), report.errors),
            (self.tr("Not imported (unsupported file type):"), report.unsupported),
            (self.tr("Passed over in the folders:"), report.skipped),
            (
                self.tr("Kept as images, text not searchable (install Tesseract OCR to read scans):"),
                report.unsearchable,
            ),
        ):
            if names:
                lines += [heading] + [f"  {name}" for name in names]
        if report.unsupported or report.skipped:
            text += "\n" + fill(
                self.tr("%1 file(s) or folder(s) were not imported (see the details)."),
                str(len(report.unsupported) + len(report.skipped)),
            )
        if report.errors:
            text += "\n" + fill(self.tr("%1 file(s) could not be imported."), str(len(report.errors)))
        if report.duplicates:
            text += "\n" + fill(self.tr("%1 file(s) were already in the archive."), str(len(report.duplicates)))
        show = show_warning if report.errors else show_message
        show(self._window, self.tr("Import"), text, details="\n".join(lines))
