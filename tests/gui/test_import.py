"""Import from the window: background work with progress, cancel rolls back (timing: benchmarks/gui_import_bench.py)."""

from __future__ import annotations

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


def test_cancelling_an_import_imports_nothing(window, qtbot, tmp_path, sample_text, sample_archive):
    """Cancel while the files are being stored: the worker closes the job, which rolls everything back."""
    before = document_count(sample_archive)
    paths = make_pages(tmp_path / "pages", sample_text, 30)
    importer = window.importer
    cancelled = {}

    def on_progress(done, total, _name):
        if done > total // 2 and not cancelled:  # inside the storing transaction
            cancelled["at"] = done
            importer.dialog.reject()  # what the Cancel button does

    importer.progressed.connect(on_progress)
    with qtbot.waitSignal(importer.finished, timeout=60000) as blocker:
        assert importer.start(paths)
        assert importer.dialog is not None
    assert blocker.args == [None]
    assert cancelled, "the import finished before it could be cancelled"
    assert document_count(sample_archive) == before
    assert window.timeline_model.rowCount() == 14
    assert "cancelled" in window.statusBar().currentMessage()


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
