"""Saves screenshots of the main window on the sample archive with the query 慰问, in English and Chinese.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/make_screenshots.py`
(writes screenshots/main-window-<language>-<width>x<height>.png at 1600×1000,
1024×700 and 800×600, git-ignored, and the 1024×700 pair to docs/ for the README).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
SIZES = ((1600, 1000), (1024, 700), (800, 600))
DOCS_SIZE = (1024, 700)


def _wait(app, predicate, timeout=20.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def _shoot(app, archive, settings, size, query: str, date: str, path: Path) -> None:
    """One window at `size`: the query typed, the result dated `date` opened (the timeline entry if there is one)."""
    from archiveviewer.gui.models.search_results_model import HitRole
    from archiveviewer.gui.views.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    window.set_archive(archive, owned=False)
    _wait(app, window.is_ready)
    window.search_bar.edit.setText(query)
    _wait(app, lambda: window.search.shown_query == query and window.results_model.rowCount() > 0)
    model = window.results_model
    hits = [model.index(i, 0).data(HitRole) for i in range(model.rowCount())]
    row = next((i for i, h in enumerate(hits) if h.date == date), 0)
    hit = hits[row]
    window.results_view.list.setCurrentIndex(model.index(row, 0))
    _wait(app, lambda: window.reader.document_id == hit.document_id and window.reader.current_match() > 0)
    window.results_view.list.scrollTo(model.index(row, 0))
    app.processEvents()
    window.grab().save(str(path))
    window.close()
    window.deleteLater()
    app.processEvents()


def save_screenshots(
    folder: Path, docs_folder: Path | None = None, query: str = "慰问", sizes=SIZES, date: str = "2020-02-07"
) -> list[Path]:
    """Screenshots at each size in English and Chinese; with `docs_folder`, the 1024×700 pair copied there."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.search_service import SearchService
    from archiveviewer.gui import i18n
    from archiveviewer.gui.background import wait_for_background
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.settings import Settings
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
            for size in sizes:
                path = folder / f"main-window-{language}-{size[0]}x{size[1]}.png"
                settings = Settings.at(tmp / f"settings-{language}-{size[0]}.ini")  # a first start at each size
                _shoot(app, archive, settings, size, query, date, path)
                written.append(path)
        if docs_folder is not None and DOCS_SIZE in sizes:
            docs_folder.mkdir(parents=True, exist_ok=True)
            for language in ("en", "zh_CN"):
                name = f"main-window-{language}-{DOCS_SIZE[0]}x{DOCS_SIZE[1]}.png"
                copy = docs_folder / f"screenshot-{language}.png"
                copy.write_bytes((folder / name).read_bytes())
                written.append(copy)
    finally:
        wait_for_background()
        i18n.install("en")
        archive.close()
    return written


if __name__ == "__main__":
    for p in save_screenshots(ROOT / "screenshots", ROOT / "docs"):
        print(f"saved {p}")
