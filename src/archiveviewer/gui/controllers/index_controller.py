"""Keeps the search index usable: checks it at start, rebuilds it in the background with progress."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from archiveviewer.gui.background import BackgroundTask, Cancelled, run_in_background, run_steps_in_background
from archiveviewer.gui.controllers.services import Services
from archiveviewer.gui.dialogs.task_progress_dialog import TaskProgressDialog
from archiveviewer.gui.i18n import fill

UNKNOWN, CHECKING, READY, REBUILDING, BROKEN = "unknown", "checking", "ready", "rebuilding", "broken"


class IndexController(QObject):
    """`stateChanged(state, detail)`; `progressed(done, total)` while rebuilding; search waits for READY."""

    stateChanged = Signal(str, str)
    progressed = Signal(int, int)
    readyChanged = Signal(bool)

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.services: Services | None = None
        self.state = UNKNOWN
        self.detail = ""
        self.task: BackgroundTask | None = None
        self.dialog: TaskProgressDialog | None = None

    def set_services(self, services: Services | None) -> None:
        self.services = services
        if self.task is not None:
            self.task.cancel()
        self.task = None
        if services is None:
            self._set_state(UNKNOWN, "")
            return
        self.check()

    def check(self) -> None:
        """Ask the index whether it reflects the database; rebuild it if not."""
        services = self.services
        if services is None:
            return  # no archive open: nothing to check
        self._set_state(CHECKING, "")
        run_in_background(
            services.search.index_problem,
            lambda problem: self._checked(services, problem),
            lambda exc: self._checked(services, str(exc) or type(exc).__name__),
            context=self,
        )

    def _checked(self, services: Services, problem: str | None) -> None:
        if services is not self.services:
            return
        if problem:
            self.rebuild(reason=problem)
        else:
            self._set_state(READY, "")

    def rebuild(self, reason: str = "", with_dialog: bool = False) -> None:
        """Rebuild from the database. The status bar shows progress; the menu command also opens a dialog."""
        if self.services is None or self.state == REBUILDING:
            return
        services = self.services
        self._set_state(REBUILDING, reason)
        if with_dialog:
            self.dialog = TaskProgressDialog(self.tr("Rebuild Search Index"), self._window)
            self.dialog.cancelRequested.connect(self.cancel)
            self.dialog.show()
        self.task = run_steps_in_background(
            services.search.rebuild_steps,
            lambda v: self._progress(services, v),
            lambda _r: self._rebuilt(services),
            lambda exc: self._failed(services, exc),
            context=self,
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, services: Services, value) -> None:
        if services is not self.services:
            return
        done, total = value
        self.progressed.emit(done, total)
        if self.dialog is not None:
            self.dialog.set_progress(done, total, fill(self.tr("Indexed %1 of %2 items…"), str(done), str(total)))

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog = None

    def _rebuilt(self, services: Services) -> None:
        self._close_dialog()
        if services is not self.services:
            return
        self.task = None
        self._set_state(READY, "")

    def _failed(self, services: Services, exc: BaseException) -> None:
        self._close_dialog()
        if services is not self.services:
            return
        self.task = None
        if isinstance(exc, Cancelled):
            # A cancelled rebuild keeps the index it would have replaced: usable if that one was.
            run_in_background(
                services.search.index_problem,
                lambda problem: self._after_cancel(services, problem),
                lambda e: self._after_cancel(services, str(e)),
                context=self,
            )
        else:
            self._set_state(BROKEN, str(exc) or type(exc).__name__)

    def _after_cancel(self, services: Services, problem: str | None) -> None:
        if services is not self.services:
            return
        if problem:
            self._set_state(BROKEN, self.tr("rebuild cancelled"))
        else:
            self._set_state(READY, "")

    def _set_state(self, state: str, detail: str) -> None:
        was_ready = self.state == READY
        self.state, self.detail = state, detail
        self.stateChanged.emit(state, detail)
        if (state == READY) != was_ready:
            self.readyChanged.emit(state == READY)
