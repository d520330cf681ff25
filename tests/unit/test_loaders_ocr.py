"""Scans read by Tesseract: images and image-only PDFs rendered in the test at 300 dpi, recognised, cancellable."""

import os
import signal
import subprocess

import pytest
from scan_fixtures import SCAN_TEXT, char_accuracy, render_scan, scanned_pdf

from archiveviewer.ingest.loaders import load, load_steps, ocr_engine
from archiveviewer.ingest.loaders.ocr_engine import close_cjk_gaps, find_engine

ENGINE = find_engine()
needs_ocr = pytest.mark.skipif(
    ENGINE is None, reason="Tesseract with chi_sim is not installed (scripts/setup.sh installs it; .ci/run runs these)"
)


def test_spaces_between_hanzi_are_removed_latin_spaces_kept():
    """Tesseract's spaces between Chinese characters go; spaces between Latin words stay."""
    assert close_cjk_gaps("无 锡 市 总 工 会 ， 筹 措 44 万 元") == "无锡市总工会，筹措44万元"
    assert close_cjk_gaps("New China News Agency 新 华 社") == "New China News Agency新华社"
    assert close_cjk_gaps("第一行 \n 第 二 行") == "第一行\n第二行"


@needs_ocr
@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "JPEG"])
def test_clean_300_dpi_scan_is_read_at_least_95_percent_right(fmt):
    """A known Chinese paragraph rendered at 300 dpi comes back with >= 95% of its characters, with a confidence."""
    suffix = {"PNG": "png", "TIFF": "tif", "JPEG": "jpg"}[fmt]
    loaded = load(render_scan(fmt=fmt), f"scan.{suffix}")
    assert loaded.encoding == "ocr"
    assert char_accuracy(SCAN_TEXT, loaded.text) >= 0.95, loaded.text
    assert " " not in loaded.text.strip()  # no spaces left between Hanzi
    ((page, confidence),) = loaded.ocr_confidence
    assert page == 1 and 50 < confidence <= 100


@needs_ocr
def test_traditional_print_is_read_with_the_traditional_model():
    """A traditional-character scan, which chi_sim reads poorly, comes back >= 95% right via chi_tra."""
    if ENGINE.alternative != "chi_tra":
        pytest.skip("tesseract-ocr-chi-tra is not installed (scripts/setup.sh installs it)")
    import opencc

    text = opencc.OpenCC("s2tw").convert(SCAN_TEXT)
    loaded = load(render_scan(text), "big5-era.png")
    assert char_accuracy(text, loaded.text) >= 0.95, loaded.text


@needs_ocr
def test_scanned_pdf_pages_are_rendered_and_read():
    """An image-only PDF of two pages is OCR'd page by page, with a confidence for each page."""
    second = "各级工会组织引导职工加强自我防护，做好复工复产期间的疫情防控工作。"
    loaded = load(scanned_pdf([SCAN_TEXT, second]), "scan.pdf")
    assert loaded.encoding == "pdf+ocr" and loaded.pages == 2
    first_text, second_text = loaded.text.split("\n\n")
    assert char_accuracy(SCAN_TEXT, first_text) >= 0.95
    assert char_accuracy(second, second_text) >= 0.95
    assert [p for p, _c in loaded.ocr_confidence] == [1, 2]


@needs_ocr
def test_closing_the_load_kills_the_ocr_process(tmp_path, monkeypatch):
    """Cancel (closing the generator) while Tesseract runs kills it: no process is left behind."""
    started = []
    real_popen = subprocess.Popen

    def recording_popen(cmd, *args, **kwargs):
        # A stand-in that runs until killed, so the test never races a fast OCR.
        proc = real_popen(["sleep", "60"], *args, **kwargs)
        started.append(proc)
        return proc

    monkeypatch.setattr(ocr_engine.subprocess, "Popen", recording_popen)
    steps = load_steps(render_scan("取消"), "scan.png")
    assert next(steps) == (0, 1)
    assert next(steps) == (0, 1)  # Tesseract (the stand-in) is running now
    (proc,) = started
    assert proc.poll() is None
    steps.close()
    assert proc.poll() == -signal.SIGKILL


def test_ocr_failure_is_a_one_line_refusal(tmp_path):
    """A Tesseract that fails (here: a program that exits 1 with an error) refuses the file with its reason."""
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'Error: cannot read the image' >&2\nexit 1\n")
    fake.chmod(0o755)
    engine = ocr_engine.OcrEngine(str(fake), "chi_sim")
    from archiveviewer.ingest.errors import IngestError

    with pytest.raises(IngestError, match=r"^scan\.png: OCR failed \(Error: cannot read the image\)$"):
        load(render_scan("失败"), "scan.png", lambda: engine)


def test_engine_detection_needs_the_chinese_model(tmp_path, monkeypatch):
    """A tesseract without chi_sim is no OCR engine; PATH without tesseract gives none either."""
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine() is None
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert find_engine() is None
    assert os.environ["PATH"].endswith("nowhere")
