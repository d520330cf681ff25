"""Saves screenshots of corrections in Chinese: the reader printing a corrected entry and paragraph, the
paragraph editor, and the read-only banner.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/make_correction_screenshots.py [OUT_DIR]`
(default screenshots/, git-ignored): reader-corrected-zh.png, correct-paragraph-zh.png, read-only-zh.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from make_edit_screenshots import ROOT, _wait, open_window

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.edit_service import EditService
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.read_service import ReadService
    from archiveviewer.gui import i18n
    from archiveviewer.gui.dialogs.correct_text_dialog import CorrectTextDialog
    from archiveviewer.gui.i18n_build import build
    from archiveviewer.gui.main_app import register_fonts
    from archiveviewer.gui.settings import Settings
    from archiveviewer.resources import resources_dir

    build()
    register_fonts()
    i18n.install("zh_CN")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(ArchiveLocation(Path(tmp) / "archive"))
        ImportJob(archive, [resources_dir() / "samples" / "newspaper-page-2020-02-24-A06.txt"]).run()
        edits, read = EditService(archive), ReadService(archive)
        entry = read.timeline()[0]
        edits.edit_entry(
            entry["id"],
            "text",
            "无锡市总工会筹措资金44万元，驰援2家市级定点医院、2家市级一线医疗机构及8家市属医疗机构。\n"
            "无锡市总工会微信转发《关于减少和取消聚集性活动的通知》。",
            entry["version"],
            who="王档案",
        )
        doc = read.document(entry["document_id"])
        paragraph_id = doc["sections"][-1]["paragraph_ids"][-1]
        paragraph = read.paragraph(paragraph_id)
        edits.edit_paragraph(paragraph_id, paragraph["text"] + "（经核对原报）", paragraph["version"], who="王档案")

        settings = Settings.at(Path(tmp) / "settings.ini")
        settings.language = "zh_CN"
        window = open_window(app, settings, archive)
        window.reading.open_document(entry["document_id"], entry_id=entry["id"])
        _wait(app, lambda: window.reader.corrected_blocks())
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out / "reader-corrected-zh.png"))

        first = doc["sections"][0]["paragraph_ids"][0]
        shown = read.paragraph(first)
        dialog = CorrectTextDialog(
            window.tables.tr("Correct Paragraph"),
            window.tables.tr("Correct the paragraph as the page prints it. The imported text stays in the archive."),
            shown["text"].replace("44万元", "四十四万元"),
            shown["original_text"],
            window,
        )
        dialog.show()
        for _ in range(10):
            app.processEvents()
        dialog.grab().save(str(out / "correct-paragraph-zh.png"))
        dialog.close()
        window.close()

        archive.read_only = True  # as a read-only folder or a SELECT-only role opens
        window = open_window(app, settings, archive)
        window.reading.open_document(entry["document_id"])
        _wait(app, lambda: window.reader.document is not None)
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out / "read-only-zh.png"))
        window.close()
        archive.close()
    for name in ("reader-corrected-zh", "correct-paragraph-zh", "read-only-zh"):
        print(out / f"{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots")
