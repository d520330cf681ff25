"""Notes and related documents of the current article or entry."""

from __future__ import annotations

from pathlib import Path


def open_document(window, qtbot, title_part="无锡各级工会"):
    doc = next(e for e in window.timeline_model.entries())  # any entry: its document has the timeline
    with qtbot.waitSignal(window.reading.documentShown, timeout=10000):
        window.reading.open_document(doc["document_id"])
    return doc["document_id"]


def test_add_note_shows_it_in_the_notes_dock(window, qtbot):
    """Add note… on the open article lists the new note with its author."""
    open_document(window, qtbot)
    assert window.annotations_panel.add_button.isEnabled()
    with qtbot.waitSignal(window.library.annotationsChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.add_note("核对：金额与原报一致")
    rows = window.annotations_model.rows()
    assert rows[0]["text"] == "核对：金额与原报一致" and rows[0]["author"]


def test_attach_open_and_detach_a_related_document(window, qtbot, tmp_path):
    """A file attached to the article is listed, opens from a temp copy, and goes away when detached."""
    open_document(window, qtbot)
    notice = tmp_path / "通知.txt"
    notice.write_text("关于做好疫情防控期间企业复工的通知", encoding="utf-8")
    with qtbot.waitSignal(window.library.relatedChanged, timeout=10000, check_params_cb=lambda n: n == 1):
        window.library.attach([str(notice)])
    info = window.related_model.info(0)
    assert info.name == "通知.txt"
    with qtbot.waitSignal(window.library.relatedOpened, timeout=10000) as opened:
        window.library.open_related(info.id)
    assert Path(opened.args[0]).read_text(encoding="utf-8") == notice.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.library.relatedChanged, timeout=10000, check_params_cb=lambda n: n == 0):
        window.library.detach(info.id, confirm=False)


def attach(window, qtbot, path, rows):
    with qtbot.waitSignal(window.library.relatedChanged, timeout=60000, check_params_cb=lambda n: n == rows):
        window.library.attach([str(path)])
    return next(window.related_model.info(r) for r in range(rows) if window.related_model.info(r).name == path.name)


def test_a_scan_opens_beside_its_ocr_text(window, qtbot, tmp_path):
    """An attached scan opens in the Original dock: its page image left, the recognised text right."""
    import pytest
    from scan_fixtures import SCAN_TEXT, char_accuracy, render_scan

    from archiveviewer.ingest.loaders.ocr_engine import find_engine

    if find_engine() is None:
        pytest.skip("Tesseract with chi_sim is not installed (scripts/setup.sh installs it)")
    open_document(window, qtbot)
    scan = tmp_path / "剪报.png"
    scan.write_bytes(render_scan())
    info = attach(window, qtbot, scan, 1)
    assert info.searchable
    with qtbot.waitSignal(window.library.originalShown, timeout=10000, check_params_cb=lambda n: n == "剪报.png"):
        window.library.open_related(info.id)
    view = window.scan_view
    assert view.splitter.isVisible() and view.image_label.pixmap() is not None
    assert not view.image_label.pixmap().isNull()
    assert char_accuracy(SCAN_TEXT, view.text.toPlainText()) >= 0.95
    assert "confidence" in view.status_label.text()


def test_a_scan_without_ocr_is_marked_not_searchable(window, qtbot, tmp_path, monkeypatch):
    """Without Tesseract a scan is kept, listed as not searchable, and its view says how to enable OCR."""
    from scan_fixtures import render_scan

    from archiveviewer.ingest.loaders import ocr_engine

    monkeypatch.setattr(ocr_engine, "find_engine", lambda: None)
    open_document(window, qtbot)
    scan = tmp_path / "第六版.png"
    scan.write_bytes(render_scan("扫描件"))
    info = attach(window, qtbot, scan, 1)
    assert not info.searchable
    assert window.related_model.index(0, 0).data() == "第六版.png (text not searchable)"
    with qtbot.waitSignal(window.library.originalShown, timeout=10000):
        window.library.open_related(info.id)
    assert window.scan_view.status_label.text().startswith("Text not searchable")
    assert "tesseract-ocr-chi-sim" in window.scan_view.status_label.text()
    assert not window.scan_view.image_label.pixmap().isNull()


def test_open_and_save_the_original_of_the_article(window, qtbot, tmp_path, sample_path):
    """The article's original file is in the Original dock: Open hands a copy to the desktop, Save As writes it."""
    with qtbot.waitSignal(window.library.originalShown, timeout=10000, check_params_cb=lambda n: n == sample_path.name):
        open_document(window, qtbot)
    assert window.scan_view.save_button.isEnabled() and not window.scan_view.splitter.isVisible()
    out = tmp_path / "copy.txt"
    with qtbot.waitSignal(window.library.originalSaved, timeout=10000):
        window.library.save_original_as(str(out))
    assert out.read_bytes() == sample_path.read_bytes()
    with qtbot.waitSignal(window.library.relatedOpened, timeout=10000) as opened:
        window.library.open_original()
    assert Path(opened.args[0]).read_bytes() == sample_path.read_bytes()


def test_save_a_related_document_as(window, qtbot, tmp_path):
    """Save As on a related document writes its original bytes (a Word file here) where asked."""
    import io

    import docx

    open_document(window, qtbot)
    d = docx.Document()
    d.add_paragraph("复工通知全文。")
    buffer = io.BytesIO()
    d.save(buffer)
    letter = tmp_path / "通知.docx"
    letter.write_bytes(buffer.getvalue())
    info = attach(window, qtbot, letter, 1)
    out = tmp_path / "saved.docx"
    with qtbot.waitSignal(window.library.originalSaved, timeout=10000):
        window.library.save_related_as(info.id, str(out))
    assert out.read_bytes() == letter.read_bytes()


def test_attach_refuses_a_damaged_file_and_attaches_the_rest(window, qtbot, tmp_path):
    """Attach… with a damaged PDF among good files attaches the good ones and names the refused one."""
    open_document(window, qtbot)
    good = tmp_path / "通知.txt"
    good.write_text("关于复工的通知全文。", encoding="utf-8")
    bad = tmp_path / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.4\n\x00garbage")
    window.library.show_reports = False
    with qtbot.waitSignal(window.library.attached, timeout=20000) as done:
        window.library.attach([str(bad), str(good)])
    (refusal,) = done.args[0]
    assert refusal.startswith("损坏.pdf: damaged PDF")
    qtbot.waitUntil(lambda: window.related_model.rowCount() == 1, timeout=10000)
    assert window.related_model.info(0).name == "通知.txt"


def test_cancelling_an_attach_stops_the_ocr(window, qtbot, tmp_path, monkeypatch):
    """Cancel during a scan's OCR stops it (the stand-in OCR process is killed) and attaches nothing."""
    import subprocess

    from scan_fixtures import render_scan

    from archiveviewer.ingest.loaders import ocr_engine

    started = []
    real_popen = subprocess.Popen

    def slow_ocr(cmd, *args, **kwargs):
        proc = real_popen(["sleep", "60"], *args, **kwargs)  # an OCR run that only ends when killed
        started.append(proc)
        return proc

    monkeypatch.setattr(ocr_engine, "find_engine", lambda: ocr_engine.OcrEngine("tesseract", "chi_sim"))
    monkeypatch.setattr(ocr_engine.subprocess, "Popen", slow_ocr)
    open_document(window, qtbot)
    scan = tmp_path / "扫描.png"
    scan.write_bytes(render_scan("取消"))
    with qtbot.waitSignal(window.library.attached, timeout=20000):
        window.library.attach([str(scan)])
        qtbot.waitUntil(lambda: len(started) == 1, timeout=10000)
        window.library._attach_dialog.cancelRequested.emit()
    qtbot.waitUntil(lambda: started[0].poll() is not None, timeout=5000)
    assert started[0].returncode == -9
    qtbot.waitUntil(lambda: window.related_model.rowCount() == 0, timeout=5000)


def test_an_imported_scan_without_ocr_shows_its_page_and_the_hint(window, qtbot, tmp_path, monkeypatch):
    """Importing a scanned PDF without Tesseract, then opening it: the Original dock shows the page and the hint."""
    from scan_fixtures import scanned_pdf

    from archiveviewer.ingest.loaders import ocr_engine

    monkeypatch.setattr(ocr_engine, "find_engine", lambda: None)
    scan = tmp_path / "第六版扫描.pdf"
    scan.write_bytes(scanned_pdf(["第一页", "第二页"]))
    with qtbot.waitSignal(window.importer.finished, timeout=30000) as done:
        window.importer.start([str(scan)])
    report = done.args[0]
    assert report.unsearchable == ["第六版扫描.pdf"]
    doc_id = report.imported[0].documents[0][0]
    with qtbot.waitSignal(window.library.originalShown, timeout=20000, check_params_cb=lambda n: n == scan.name):
        window.reading.open_document(doc_id)
    view = window.scan_view
    assert view.status_label.text().startswith("Text not searchable")
    assert view.page_box.isVisible() and view.page_box.maximum() == 2
    qtbot.waitUntil(lambda: view.image_label.pixmap() is not None and not view.image_label.pixmap().isNull())
    first = view.image_label.pixmap().toImage()
    view.page_box.setValue(2)  # the controller renders page 2
    qtbot.waitUntil(lambda: view.image_label.pixmap().toImage() != first, timeout=20000)


def test_cancelling_an_import_during_ocr_kills_the_ocr_process(window, qtbot, tmp_path, monkeypatch, sample_archive):
    """Cancel while a scan is being read stops the OCR process and imports nothing."""
    import subprocess

    from scan_fixtures import render_scan

    from archiveviewer.gui.background import wait_for_background
    from archiveviewer.ingest.loaders import ocr_engine

    started = []
    real_popen = subprocess.Popen

    def slow_ocr(cmd, *args, **kwargs):
        proc = real_popen(["sleep", "60"], *args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(ocr_engine, "find_engine", lambda: ocr_engine.OcrEngine("tesseract", "chi_sim"))
    monkeypatch.setattr(ocr_engine.subprocess, "Popen", slow_ocr)
    scan = tmp_path / "扫描.png"
    scan.write_bytes(render_scan("取消"))
    with qtbot.waitSignal(window.importer.finished, timeout=30000) as done:
        window.importer.start([str(scan)])
        qtbot.waitUntil(lambda: len(started) == 1, timeout=10000)
        window.importer.cancel()
    assert done.args[0] is None  # cancelled: no report, nothing imported
    wait_for_background()
    assert started[0].poll() == -9
    from sqlalchemy import func, select

    from archiveviewer.storage.models import Source

    with sample_archive.Session() as s:
        assert s.scalar(select(func.count(Source.id))) == 1  # the sample page only
