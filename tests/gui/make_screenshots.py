"""Saves screenshots of the main window on the sample archive with the query 慰问, in English and Chinese.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/make_screenshots.py`
(writes screenshots/*.png, git-ignored, and docs/screenshot.png for the README).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
SIZE = (1280, 820)


def _wait(app, predicate, timeout=20.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def save_screenshots(folder: Path, docs_copy: Path | None = None, query: str = "慰问") -> list[Path]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.search_service import SearchService
    from archiveviewer.gui import i18n
    from archiveviewer.gui.background import wait_for_background
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.models.search_results_model import HitRole
    from archiveviewer.gui.settings import Settings
    from archiveviewer.gui.views.main_window import MainWindow
    from archiveviewer.resources import sample_page

    register_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="archiveviewer-shots-"))
    archive = Archive(ArchiveLocation(tmp / "archive"))
    ImportJob(archive, [sample_page()]).run()
    SearchService(archive).ensure_index()
    written = []
    try:
        for language in ("en", "zh_CN"):
            i18n.install(language)
            window = MainWindow(Settings.at(tmp / f"settings-{language}.ini"))
            window.resize(*SIZE)
            window.show()
            window.set_archive(archive, owned=False)
            _wait(app, window.is_ready)
            window.search_bar.edit.setText(query)
            _wait(app, lambda: window.search.shown_query == query and window.results_model.rowCount() > 0)
            model = window.results_model
            row = next(
                (
                    i
                    for i in range(model.rowCount())
                    if model.index(i, 0).data(HitRole).title == "无锡各级工会多管齐下保复工"
                ),
                0,
            )
            hit = model.index(row, 0).data(HitRole)
            window.results_view.list.setCurrentIndex(model.index(row, 0))
            _wait(app, lambda: window.reader.document_id == hit.document_id and window.reader.match_count() > 0)
            window.results_view.list.scrollTo(model.index(row, 0))
            app.processEvents()
            path = folder / f"main-window-{language}.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
            window.deleteLater()
            app.processEvents()
        if docs_copy is not None:
            docs_copy.parent.mkdir(parents=True, exist_ok=True)
            docs_copy.write_bytes((folder / "main-window-en.png").read_bytes())
            written.append(docs_copy)
    finally:
        wait_for_background()
        i18n.install("en")
        archive.close()
    return written


if __name__ == "__main__":
    for p in save_screenshots(ROOT / "screenshots", ROOT / "docs" / "screenshot.png"):
        print(f"saved {p}")
