"""The one background helper: run a function on a QThreadPool, deliver its result by signal.

`fn` runs in a worker thread and must never touch widgets; `on_success`,
`on_error` and `on_progress` always run on the GUI thread (queued
connections to a relay object living there). Long core work is a generator
yielding progress: `run_steps_in_background` drives it, checks a cancel flag
between steps and closes the generator on cancel (so an import rolls back).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

_live: set[BackgroundTask] = set()
_search_pool: QThreadPool | None = None


class Cancelled(Exception):
    """Raised in the worker when a generator task stopped because the user cancelled."""


def search_pool() -> QThreadPool:
    """A one-thread pool for queries: they run in order, so a superseded query is skipped cheaply."""
    global _search_pool
    if _search_pool is None:
        _search_pool = QThreadPool()
        _search_pool.setMaxThreadCount(1)
    return _search_pool


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the callbacks run here."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(self, task: BackgroundTask):
        super().__init__()
        self._task = task
        self.succeeded.connect(self._on_success, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_success(self, result) -> None:
        self._task._deliver(self._task.on_success, result)
        self._task._finish()

    @Slot(object)
    def _on_error(self, exc) -> None:
        if self._task.on_error is None and not isinstance(exc, Cancelled):
            import sys

            print(f"archiveviewer: background task failed: {exc!r}", file=sys.stderr)
        self._task._deliver(self._task.on_error, exc)
        self._task._finish()

    @Slot(object)
    def _on_progress(self, value) -> None:
        if not self._task.done:
            self._task._deliver(self._task.on_progress, value)


class BackgroundTask(QRunnable):
    """A handle on one piece of background work: `cancel()`, `cancelled`, `done`."""

    def __init__(
        self,
        fn: Callable[..., Any],
        on_success=None,
        on_error=None,
        on_progress=None,
        context: QObject | None = None,
        pass_task: bool = False,
    ):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.on_success = on_success
        self.on_error = on_error
        self.on_progress = on_progress
        self.context = context
        self.pass_task = pass_task
        self.done = False
        self._cancel = threading.Event()
        self._relay = _Relay(self)

    # -- worker side

    def run(self) -> None:
        try:
            result = self.fn(self) if self.pass_task else self.fn()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            from archiveviewer.app.errors import for_the_user

            self._relay.failed.emit(for_the_user(exc))  # a database error arrives as one line
        else:
            self._relay.succeeded.emit(result)

    def report(self, value) -> None:
        """Worker side: send a progress value to `on_progress` on the GUI thread."""
        self._relay.progressed.emit(value)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # -- GUI side

    def cancel(self) -> None:
        self._cancel.set()

    def _deliver(self, callback, value) -> None:
        if callback is None:
            return
        if self.context is not None and not shiboken6.isValid(self.context):
            return  # the widget that asked is gone
        callback(value)

    def _finish(self) -> None:
        self.done = True
        _live.discard(self)


def settle_garbage() -> None:
    """Collect cyclic garbage, then freeze the survivors out of later collections.

    A collection holds the GIL, so it pauses the GUI thread too, for a time
    proportional to the objects it scans: with everything loaded at start-up
    (Qt wrappers, SQLAlchemy, Whoosh) still scanned, a full collection during
    an import took 60-130 ms; with them frozen, under 30 ms. Frozen objects
    are only freed by reference counting, never as part of a cycle, so this
    runs once, when start-up is done.
    """
    gc.collect()
    gc.freeze()


def run_in_background(
    fn: Callable[..., Any],  # fn() or, with pass_task, fn(task)
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    on_progress: Callable[[Any], None] | None = None,
    context: QObject | None = None,
    pool: QThreadPool | None = None,
    pass_task: bool = False,
) -> BackgroundTask:
    """Run `fn()` on a pool thread; deliver its result or exception on the GUI thread.

    With `pass_task=True`, `fn(task)` receives the task handle to call
    `task.report(value)` and check `task.cancelled`. With `context`, results
    are dropped once that QObject has been destroyed.
    """
    task = BackgroundTask(fn, on_success, on_error, on_progress, context, pass_task)
    _live.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def run_steps_in_background(
    make_steps: Callable[[], Iterator[Any]],
    on_progress,
    on_success,
    on_error=None,
    *,
    finish: Callable[[], Any] | None = None,
    context: QObject | None = None,
) -> BackgroundTask:
    """Drive a progress generator in the background; `task.cancel()` closes it between steps.

    `on_success` receives `finish()`'s result (or None); a cancelled run ends in
    `on_error(Cancelled())` after the generator was closed.
    """

    def work(task: BackgroundTask):
        steps = make_steps()
        try:
            for value in steps:
                if task.cancelled:
                    raise Cancelled()
                task.report(value)
                time.sleep(0)  # hand the GIL to a waiting GUI thread between steps
        finally:
            # Closing runs the generator's cleanup (an import's rollback) in this thread.
            if isinstance(steps, Generator):
                steps.close()
        return finish() if finish else None

    return run_in_background(work, on_success, on_error, on_progress=on_progress, context=context, pass_task=True)


def wait_for_background(timeout_ms: int = 30000) -> bool:
    """Block until every pool is idle (shutdown and tests)."""
    ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if _search_pool is not None:
        ok = _search_pool.waitForDone(timeout_ms) and ok
    return ok


def pending_tasks() -> int:
    return len(_live)
