"""`archiveviewer export`: PDF/CSV/JSON of documents, the timeline and a search report."""

import json
import re
import shutil
import subprocess

import pytest

from archiveviewer.cli import main
from archiveviewer.export.csv_export import read_timeline_csv

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture
def arch(tmp_path, sample_path, capsys):
    folder = str(tmp_path / "archive")
    assert main(["--archive", folder, "import", str(sample_path)]) == 0
    capsys.readouterr()
    return folder


def _squash(s: str) -> str:
    return "".join(s.split())


def _body_text(pdf) -> str:
    """pdftotext in drawing order (a table cell stays whole) minus the running header, footer and table header."""
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True).stdout
    noise = re.compile(r"^(Exported .* Page \d+ of \d+|archive Timeline|Date Entry Amounts)$")
    return _squash("".join(line for line in raw.splitlines() if not noise.match(line)))


@needs_poppler
def test_timeline_pdf_holds_every_entry_text(arch, tmp_path, capsys):
    """The exported timeline PDF gives back every entry's text through pdftotext, with the CJK font embedded."""
    out = tmp_path / "timeline.pdf"
    assert main(["--archive", arch, "export", "--format", "pdf", "--timeline", "-o", str(out)]) == 0
    assert "page(s)" in capsys.readouterr().out
    text = _body_text(out)
    assert main(["--archive", arch, "timeline", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    for e in entries:
        assert _squash(e["text"]) in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "WenQuanYi" in fonts and " yes yes " in fonts


@needs_poppler
def test_document_pdf_and_search_report(arch, tmp_path):
    """Documents and a search report export to PDF with their text."""
    docs, report = tmp_path / "docs.pdf", tmp_path / "report.pdf"
    assert main(["--archive", arch, "export", "--format", "pdf", "-o", str(docs), "1"]) == 0
    assert main(["--archive", arch, "export", "--format", "pdf", "--search", "慰问金", "-o", str(report)]) == 0
    doc_text = subprocess.run(["pdftotext", str(docs), "-"], capture_output=True, text=True).stdout
    assert "无锡各级工会多管齐下保复工" in doc_text and "落实关爱暖人心" in doc_text
    report_text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True).stdout
    assert "慰问金" in report_text


def test_csv_and_json_round_trip(arch, tmp_path, capsys):
    """Timeline CSV (with BOM) and JSON read back equal to what `timeline --json` prints."""
    csv_out, json_out = tmp_path / "t.csv", tmp_path / "t.json"
    assert main(["--archive", arch, "export", "--format", "csv", "--timeline", "-o", str(csv_out)]) == 0
    assert main(["--archive", arch, "export", "--format", "json", "--timeline", "-o", str(json_out)]) == 0
    capsys.readouterr()
    assert main(["--archive", arch, "timeline", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(json_out.read_text(encoding="utf-8")) == entries
    rows = read_timeline_csv(csv_out)
    assert [r["text"] for r in rows] == [e["text"] for e in entries]
    assert [r["date"] for r in rows] == [e["date"] for e in entries]


def test_existing_file_needs_force(arch, tmp_path, capsys):
    """Exporting over an existing file is refused without --force, allowed with it."""
    out = tmp_path / "t.json"
    out.write_text("keep me")
    assert main(["--archive", arch, "export", "--format", "json", "--timeline", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "exists" in err and "Traceback" not in err
    assert out.read_text() == "keep me"
    assert main(["--archive", arch, "export", "--format", "json", "--timeline", "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))


def test_unwritable_path_is_one_clear_line(arch, tmp_path, capsys):
    """A path inside a missing folder gives one line on stderr."""
    code = main(["--archive", arch, "export", "--format", "csv", "--timeline", "-o", str(tmp_path / "no" / "t.csv")])
    err = capsys.readouterr().err
    assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1
