"""Import from the window: background work with progress, cancel rolls back (timing: benchmarks/gui_import_bench.py)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent


def make_pages(folder, sample_text: str, count: int) -> list[str]:
    """`count` distinct copies of the sample page (distinct bytes, so none is a duplicate)."""
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"page-{i:03d}.txt"
        path.write_text(sample_text + f"\n\n（编号 {i}）\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def document_count(archive) -> int:
    from archiveviewer.app.queries import stats

    with archive.Session() as session:
        return stats(session)["documents"]


def test_cancelling_an_import_imports_nothing(window, qtbot, tmp_path, sample_text, sample_archive, monkeypatch):
    """Cancel while the files are being stored: the worker closes the job, which rolls everything back.

    The worker waits inside the storing transaction until the dialog has been cancelled, so
    the cancel lands there whatever the timing of the queued progress events."""
    from archiveviewer.app import import_service

    before = document_count(sample_archive)
    paths = make_pages(tmp_path / "pages", sample_text, 30)
    importer = window.importer
    cancelled = threading.Event()
    index_stored = import_service._index_stored

    def wait_for_cancel(*args):
        assert cancelled.wait(30), "the GUI never cancelled"
        return index_stored(*args)

    monkeypatch.setattr(import_service, "_index_stored", wait_for_cancel)

    def on_progress(done, total, _name):
        if done >= total // 2 and not cancelled.is_set():  # inside the storing transaction
            importer.dialog.reject()  # what the Cancel button does
            cancelled.set()

    importer.progressed.connect(on_progress)
    with qtbot.waitSignal(importer.finished, timeout=60000) as blocker:
        assert importer.start(paths)
        assert importer.dialog is not None
    assert blocker.args == [None]
    assert cancelled.is_set()
    assert document_count(sample_archive) == before
    assert window.timeline_model.rowCount() == 14
    assert "cancelled" in window.statusBar().currentMessage()


def test_cancel_after_the_commit_reports_what_was_imported(window, qtbot, tmp_path, sample_text, sample_archive):
    """Cancel pressed while the import commits cannot undo it: the report says what was imported."""
    before = document_count(sample_archive)
    paths = make_pages(tmp_path / "late", sample_text, 3)
    importer = window.importer
    archive = window.services.archive
    unit_of_work = archive.unit_of_work

    @contextmanager
    def cancel_once_committed():
        with unit_of_work() as work:
            yield work
        importer.cancel()  # the commit is done; the user clicks Cancel now

    archive.unit_of_work = cancel_once_committed
    try:
        with qtbot.waitSignal(importer.finished, timeout=60000) as blocker:
            assert importer.start(paths)
    finally:
        del archive.unit_of_work
    report = blocker.args[0]
    assert document_count(sample_archive) == before + 6
    assert report is not None and len(report.imported) == 3
    assert importer.cancel_came_too_late
    assert "Imported 3 file(s)" in window.statusBar().currentMessage()


def test_dropping_files_on_the_window_imports_them(window, qtbot, tmp_path, sample_text):
    """Files dropped on the main window are imported."""
    paths = make_pages(tmp_path / "drop", sample_text, 1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    event = QDropEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.importer.finished, timeout=30000) as blocker:
        window.dropEvent(event)
    assert blocker.args[0] is not None and len(blocker.args[0].imported) == 1
    qtbot.waitUntil(lambda: window.timeline_model.rowCount() == 28, timeout=10000)
    # the editable tables list the new rows too
    assert window.entries_model.rowCount() == 28 and window.documents_model.rowCount() == 4


def test_typing_a_search_during_an_import_is_kept_and_runs(window, qtbot, tmp_path, sample_text, search):
    """The import dialog neither blocks nor takes the keyboard: keys typed meanwhile reach the search box,
    the list says an import is running, and the query is searched again on the imported archive."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from archiveviewer.app.search_service import SearchService

    search(window, "慰问")
    before = SearchService(window.archive).search("100", limit=0).total
    assert before > 0
    paths = make_pages(tmp_path / "pages", sample_text, 3)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    edit = window.search_bar.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=5000)
    # The gate: the import cannot write the search index (its last step) while the test holds the index's lock,
    # so it is surely still running while we type.
    gate = window.archive.index._lock
    gate.acquire()
    try:
        window.importer.start(paths)
        qtbot.waitUntil(
            lambda: window.importer.dialog is not None and window.importer.dialog.isVisible(), timeout=10000
        )
        assert window.importer.running and QApplication.activeModalWidget() is None
        qtbot.waitUntil(edit.hasFocus, timeout=5000)  # the keyboard stays with (or comes back to) the search box
        edit.clear()
        for key in (Qt.Key.Key_1, Qt.Key.Key_0, Qt.Key.Key_0):  # through the window system, as a person types
            QTest.keyClick(window.windowHandle(), key)
        assert edit.text() == "100"
        qtbot.waitUntil(lambda: "import is running" in window.results_view.count_label.text(), timeout=5000)
    finally:
        gate.release()
    with qtbot.waitSignal(window.importer.finished, timeout=60000):
        pass
    rerun = window.search.generation  # the window searched again when the import finished
    assert not window.search.importing
    qtbot.waitUntil(lambda: window.search.shown_generation == rerun, timeout=20000)
    assert window.search.shown_query == "100" and "import" not in window.results_view.count_label.text()
    assert window.results_model.total == 4 * before  # the sample and its three copies
