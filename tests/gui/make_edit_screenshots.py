"""Saves screenshots of the editing UI in Chinese: the entries table, the documents table and the conflict dialog.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/make_edit_screenshots.py`
(writes screenshots/edit-entries-zh.png, edit-documents-zh.png, edit-entry-editor-zh.png and
conflict-dialog-zh.png, git-ignored).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "screenshots"


def _wait(app, predicate, timeout=20.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def open_window(app, settings, archive):
    """A 1400×900 main window on `archive`, once its timeline and index are there."""
    from archiveviewer.gui.views.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1400, 900)
    window.show()
    window.set_archive(archive, owned=False)
    _wait(app, window.is_ready)
    return window


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.edit_service import ConflictError, EditService
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.read_service import ReadService
    from archiveviewer.gui import i18n
    from archiveviewer.gui.dialogs.conflict_dialog import ConflictDialog
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.settings import Settings
    from archiveviewer.resources import resources_dir

    register_fonts()
    i18n.install("zh_CN")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(ArchiveLocation(Path(tmp) / "archive"))
        sample = resources_dir() / "samples" / "newspaper-page-2020-02-24-A06.txt"
        ImportJob(archive, [sample]).run()
        edits, notes = EditService(archive), AnnotationService(archive)
        entries = [e["id"] for e in ReadService(archive).timeline()]
        notes.add_tag("entry", entries[:3], "核对", who="王档案")
        notes.add_tag("entry", entries[5:7], "待查", who="王档案")
        notes.add_note("entry", entries[1], "金额与原报一致", who="王档案")
        settings = Settings.at(Path(tmp) / "settings.ini")
        settings.language = "zh_CN"
        window = open_window(app, settings, archive)
        window.main_splitter.setSizes([330, 560])

        window.focus_table(1)
        view = window.entries_view
        view.table.selectRow(1)
        _wait(app, lambda: view.model.rowCount() == 14)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(OUT / "edit-entries-zh.png"))
        index = view.proxy.index(1, 1)
        view.table.edit(index)
        editor = view.table.indexWidget(index)
        editor.setPlainText(editor.toPlainText() + "另拨付5000元")
        app.processEvents()
        window.grab().save(str(OUT / "edit-entry-editor-zh.png"))
        view.table.closePersistentEditor(index)
        view.text_delegate.closeEditor.emit(editor)

        window.focus_table(2)
        docs = window.documents_view
        _wait(app, lambda: docs.model.rowCount() > 0)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(OUT / "edit-documents-zh.png"))

        version = edits.version("entry", entries[0])
        theirs = "无锡市总工会筹措资金44万元驰援2家市级定点医院。"
        edits.edit_entry(entries[0], "text", theirs, version, who="另一位同事")
        try:
            edits.edit_entry(entries[0], "text", "无锡市总工会筹措资金44万元，驰援防控新冠肺炎的定点医院。", version)
        except ConflictError as conflict:
            dialog = ConflictDialog(conflict, window)
            dialog.merged.setPlainText("无锡市总工会筹措资金44万元，驰援2家市级定点医院。")
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(OUT / "conflict-dialog-zh.png"))
            dialog.close()
        window.close()
        archive.close()
    for name in ("edit-entries-zh", "edit-entry-editor-zh", "edit-documents-zh", "conflict-dialog-zh"):
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
