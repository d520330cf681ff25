"""The command line: import, timeline, show, search, errors as one clear line."""

import json
import subprocess
import sys

import pytest

from archiveviewer.cli import main


@pytest.fixture
def arch(tmp_path):
    return str(tmp_path / "cli-archive")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_what_it_imported(capsys, arch, sample_path):
    """`import` names the file, its encoding and the documents it found."""
    code, out, err = run(capsys, "--archive", arch, "import", str(sample_path))
    assert code == 0, err
    assert "imported newspaper-page-2020-02-24-A06.txt (utf-8): 2 document(s), 14 timeline entries" in out
    assert "无锡各级工会多管齐下保复工" in out and "无锡工会“战疫”时间轴" in out


def test_timeline_json_has_the_documented_fields(capsys, arch, sample_path):
    """`timeline --json` prints every entry in date order with amounts and its document."""
    run(capsys, "--archive", arch, "import", str(sample_path))
    code, out, _ = run(capsys, "--archive", arch, "timeline", "--json")
    entries = json.loads(out)
    assert code == 0 and len(entries) == 14
    for e in entries:
        assert {"id", "date", "text", "amounts", "document_id", "document_title"} <= e.keys()
        assert e["document_title"] == "无锡工会“战疫”时间轴"
    assert [e["date"] for e in entries][:3] == ["2020-01-24", "2020-01-26", "2020-01-27"]
    assert entries[-1]["amounts"] == []


def test_show_json_has_structure(capsys, arch, sample_path):
    """`show --json ID` prints masthead, title, subtitle, byline, sections and timeline."""
    run(capsys, "--archive", arch, "import", str(sample_path))
    code, out, _ = run(capsys, "--archive", arch, "show", "--json", "2")
    doc = json.loads(out)
    assert code == 0
    assert doc["title"] == "无锡工会“战疫”时间轴" and doc["subtitle"] == "万众一心 阻击疫情"
    assert doc["masthead"]["page"] == "A06" and len(doc["timeline"]) == 14
    assert doc["sections"][0]["paragraphs"][0].startswith("疫情就是命令，防控就是责任。")


def test_show_text_output(capsys, arch, sample_path):
    """`show ID` prints a readable page: masthead, headline, section headings, byline."""
    run(capsys, "--archive", arch, "import", str(sample_path))
    code, out, _ = run(capsys, "--archive", arch, "show", "1")
    assert code == 0
    assert out.splitlines()[0].startswith("A06 2020-02-24 星期一")
    assert "## 落实关爱暖人心" in out and "（陈煜蕾）" in out


def test_new_archive_starts_empty(capsys, arch):
    """An archive named with --archive is not seeded with the sample."""
    code, out, _ = run(capsys, "--archive", arch, "timeline", "--json")
    assert code == 0 and json.loads(out) == []


def test_duplicate_import_is_reported(capsys, arch, sample_path):
    """Importing the same page twice says so and keeps one copy."""
    run(capsys, "--archive", arch, "import", str(sample_path))
    code, out, _ = run(capsys, "--archive", arch, "import", str(sample_path))
    assert code == 0 and "skipped duplicate" in out
    _, out, _ = run(capsys, "--archive", arch, "documents", "--json")
    assert len(json.loads(out)) == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "999"], "no document with id 999"),
        (["import", "/nonexistent/page.txt"], "no such file"),
        (["search", '"unbalanced'], "invalid query"),
        (["search", "--limit", "-1", "x"], "--limit"),
    ],
)
def test_user_errors_are_one_line_on_stderr(capsys, arch, argv, message):
    """User errors exit non-zero with one line naming the problem, no traceback."""
    code, _out, err = run(capsys, "--archive", arch, *argv)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_binary_file_is_refused_by_name(capsys, arch, tmp_path):
    """A binary file gets a message naming it and the reason."""
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    code, _, err = run(capsys, "--archive", arch, "import", str(f))
    assert code == 1 and "photo.jpg" in err and "Traceback" not in err


def test_version_and_subprocess_entry_point(tmp_path):
    """`python -m archiveviewer --version` works as an installed command would."""
    out = subprocess.run([sys.executable, "-m", "archiveviewer", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("ArchiveViewer ")


def test_default_archive_is_seeded_with_the_sample(capsys, monkeypatch, tmp_path):
    """Without --archive, the per-user archive is created with the sample page on first use."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out, _ = run(capsys, "timeline", "--json")
    assert code == 0 and len(json.loads(out)) == 14
    assert (tmp_path / "data" / "ArchiveViewer" / "archive" / "archive.sqlite3").exists()


def test_interrupted_first_start_seeds_on_the_next(capsys, monkeypatch, tmp_path):
    """A default archive created but not yet seeded (first start killed) is seeded next time, once."""
    from archiveviewer.app.archive import Archive, ArchiveLocation

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    Archive(ArchiveLocation(tmp_path / "data" / "ArchiveViewer" / "archive")).close()  # created, empty
    assert run(capsys, "timeline", "--json")[0] == 0
    assert run(capsys, "timeline", "--json")[0] == 0
    _, out, _ = run(capsys, "documents", "--json")
    assert len(json.loads(out)) == 2


def test_unreachable_database_server_is_one_line(capsys):
    """--db pointing at a closed port says it cannot open the archive, in one line, password hidden."""
    code, _, err = run(capsys, "--db", "postgresql+psycopg://someone:secret@127.0.0.1:1/none", "timeline")
    assert code == 1 and "cannot open the archive" in err
    assert "secret" not in err and len(err.strip().splitlines()) == 1


def test_search_accepts_a_leading_negated_term(capsys, arch, sample_path):
    """`search -微信 kind:entry` excludes 微信 instead of failing as an unknown option."""
    run(capsys, "--archive", arch, "import", str(sample_path))
    code, out, err = run(capsys, "--archive", arch, "search", "--json", "--limit", "0", "-微信 kind:entry")
    assert code == 0, err
    hits = json.loads(out)["hits"]
    assert 0 < len(hits) < 14
    code, out, _ = run(
        capsys,
        "--archive",
        arch,
        "search",
        "--limit",
        "0",
        "--json",
        "-微信",
    )
    assert code == 0 and json.loads(out)["total"] > 0
