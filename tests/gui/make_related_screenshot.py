"""Saves a screenshot of an article with two related documents (a Word notice and an OCR'd scan) in the Chinese UI.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/make_related_screenshot.py`
(writes screenshots/related-documents-zh_CN.png, git-ignored).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from make_screenshots import _wait
    from scan_fixtures import render_scan

    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.library_service import LibraryService
    from archiveviewer.app.search_service import SearchService
    from archiveviewer.gui import i18n
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.settings import Settings
    from archiveviewer.gui.views.main_window import MainWindow
    from archiveviewer.resources import sample_page

    register_fonts()
    tmp = Path(tempfile.mkdtemp(prefix="archiveviewer-shots-"))
    archive = Archive(ArchiveLocation(tmp / "archive"))
    report = ImportJob(archive, [sample_page()]).run()
    doc_id = next(d for d in report.imported[0].documents if d[2] == "无锡各级工会多管齐下保复工")[0]
    import docx

    notice = docx.Document()
    notice.add_heading("关于做好企业复工复产疫情防控工作的通知", level=1)
    notice.add_paragraph("各级工会要引导职工加强自我防护，做好复工复产期间的疫情防控工作。")
    buffer = io.BytesIO()
    notice.save(buffer)
    (tmp / "复工通知.docx").write_bytes(buffer.getvalue())
    (tmp / "剪报-第6版.png").write_bytes(render_scan())
    library = LibraryService(archive)
    library.attach("document", doc_id, tmp / "复工通知.docx")
    scan = library.attach("document", doc_id, tmp / "剪报-第6版.png")
    SearchService(archive).ensure_index()

    i18n.install("zh_CN")
    window = MainWindow(Settings.at(tmp / "settings.ini"))
    window.library.open_externally = False
    window.resize(1400, 980)
    window.show()
    window.set_archive(archive, owned=False)
    _wait(app, window.is_ready)
    window.reading.open_document(doc_id)
    _wait(app, lambda: window.reader.document_id == doc_id and window.related_model.rowCount() == 2)
    shown = []
    window.library.originalShown.connect(shown.append)
    window.library.open_related(scan.id)
    _wait(app, lambda: "剪报-第6版.png" in shown)
    window.resizeDocks([window.scan_dock], [380], Qt.Orientation.Vertical)
    app.processEvents()
    out = ROOT / "screenshots" / "related-documents-zh_CN.png"
    out.parent.mkdir(exist_ok=True)
    window.grab().save(str(out))
    window.close()
    archive.close()
    return out


if __name__ == "__main__":
    print(main())
