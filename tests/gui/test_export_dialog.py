"""File → Export…: the dialog exports in the background, asks before replacing, previews and prints."""

import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from archiveviewer.app.export_service import ExportService
from archiveviewer.gui.dialogs.export_dialog import (
    WHAT_DOCUMENT,
    WHAT_SEARCH,
    WHAT_SELECTED_ENTRIES,
    ExportContext,
    ExportDialog,
)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _dialog(qtbot, archive, **ctx):
    dlg = ExportDialog(ExportService(archive), ExportContext(**ctx))
    qtbot.addWidget(dlg)
    return dlg


def _choose(dlg, what, fmt, path):
    dlg.what.setCurrentIndex(dlg.what.findData(what))
    dlg.format.setCurrentIndex(dlg.format.findData(fmt))
    dlg.path.setText(str(path))


@needs_poppler
def test_exports_the_current_document_to_pdf(qtbot, sample_archive, tmp_path):
    """Choosing the current document and PDF writes a PDF with its text and reports the page count."""
    dlg = _dialog(qtbot, sample_archive, document_id=1, document_title="无锡各级工会多管齐下保复工")
    out = tmp_path / "doc.pdf"
    _choose(dlg, WHAT_DOCUMENT, "pdf", out)
    with qtbot.waitSignal(dlg.exported, timeout=20000) as status:
        dlg.export_button.click()
    assert "page" in status.args[0]
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "无锡各级工会多管齐下保复工" in text and "出台政策惠企业" in text


def test_selected_entries_export_only_those(qtbot, sample_archive, tmp_path):
    """The 'shown entries' choice exports exactly the entries the table showed."""
    import json

    ids = tuple(e["id"] for e in ExportService(sample_archive).timeline_data()[:3])
    dlg = _dialog(qtbot, sample_archive, entry_ids=ids)
    out = tmp_path / "three.json"
    _choose(dlg, WHAT_SELECTED_ENTRIES, "json", out)
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.export_button.click()
    assert [e["id"] for e in json.loads(out.read_text(encoding="utf-8"))] == list(ids)


def test_replacing_a_file_asks_first(qtbot, sample_archive, tmp_path, monkeypatch):
    """An existing file is kept when the user says No, and replaced after Yes."""
    out = tmp_path / "report.csv"
    out.write_text("keep")
    dlg = _dialog(qtbot, sample_archive, query="慰问")
    _choose(dlg, WHAT_SEARCH, "csv", out)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dlg.export_button.click()
    assert out.read_text() == "keep"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.export_button.click()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "慰问" in out.read_text(encoding="utf-8-sig")


def test_unwritable_path_shows_the_message_inline(qtbot, sample_archive, tmp_path):
    """A folder that does not exist gives an inline message and keeps the dialog open."""
    dlg = _dialog(qtbot, sample_archive)
    _choose(dlg, dlg.what.itemData(0), "json", tmp_path / "missing" / "x.json")
    dlg.show()
    dlg.export_button.click()
    qtbot.waitUntil(lambda: "does not exist" in dlg.error.text(), timeout=20000)
    assert dlg.isVisible() and dlg.export_button.isEnabled()


def test_print_preview_paints_the_pages(qtbot, sample_archive):
    """Print Preview asks the renderer to paint the same pages onto the preview printer."""
    dlg = _dialog(qtbot, sample_archive, document_id=1, document_title="t")
    _choose(dlg, WHAT_DOCUMENT, "pdf", "/tmp/unused.pdf")
    painted = []
    original = dlg._render
    dlg._render = lambda printer: (painted.append(printer), original(printer))
    dlg.print_preview()
    preview = dlg.preview
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: bool(painted), timeout=20000)
    assert isinstance(painted[0], QPrinter)
    preview.close()


def test_print_buttons_only_for_pdf(qtbot, sample_archive):
    """Preview and Print are offered for the PDF format only."""
    dlg = _dialog(qtbot, sample_archive)
    dlg.format.setCurrentIndex(dlg.format.findData("csv"))
    assert not dlg.preview_button.isEnabled() and not dlg.print_button.isEnabled()
    dlg.format.setCurrentIndex(dlg.format.findData("pdf"))
    assert dlg.preview_button.isEnabled()
