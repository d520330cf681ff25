"""CLI corrections: edit, tag, note, history, restore; a refusal is one line, exit 1, nothing written."""

import json
import subprocess
import sys

import pytest

from archiveviewer.cli import main


@pytest.fixture
def arch(tmp_path, sample_path, capsys):
    folder = str(tmp_path / "cli-archive")
    assert main(["--archive", folder, "import", str(sample_path)]) == 0
    capsys.readouterr()
    return folder


def run(capsys, arch, *argv):
    code = main(["--archive", arch, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def show(capsys, arch, doc_id=2):
    code, out, err = run(capsys, arch, "show", "--json", str(doc_id))
    assert code == 0, err
    return json.loads(out)


def entry(capsys, arch, entry_id=1):
    return next(e for e in show(capsys, arch)["timeline"] if e["id"] == entry_id)


def test_edit_entry_and_document_fields(capsys, arch):
    """`edit` saves a field, prints the new version, and show --json has the value, version and original."""
    code, out, err = run(capsys, arch, "edit", "entry", "1", "date", "2020-01")
    assert code == 0 and out.strip() == "entry 1: date saved (version 2)", err
    code, out, err = run(capsys, arch, "edit", "document", "2", "title", "战疫时间轴（校订）", "--if-version", "1")
    assert code == 0, err
    doc = show(capsys, arch)
    assert doc["title"] == "战疫时间轴（校订）" and doc["version"] == 2
    assert doc["original"] == {"title": "无锡工会“战疫”时间轴"}
    e = doc["timeline"][0]
    assert (e["date_label"], e["version"], e["original"]) == ("2020-01", 2, {"date": "2020-01-24"})
    code, out, _ = run(capsys, arch, "search", "--json", "战疫时间轴（校订）")
    assert json.loads(out)["total"] >= 1


@pytest.mark.parametrize(
    "argv, message",
    [
        (["edit", "entry", "1", "date", "2020-02-30"], "is not a date"),
        (["edit", "entry", "1", "colour", "red"], "'colour' is not a field of an entry"),
        (["edit", "entry", "999", "date", "2020-01-01"], "no entry with id 999"),
        (["edit", "document", "2", "title", "新标题", "--if-version", "7"], "is at version 1, not 7"),
        (["edit", "entry", "1", "text", "  "], "cannot be empty"),
        (["tag", "add", "entry", "999", "核对"], "no entry with id 999"),
        (["tag", "add", "entry", "1", "两个 词"], "one word"),
        (["note", "add", "document", "999", "批注"], "no document with id 999"),
        (["restore", "12345"], "no revision with id 12345"),
        (["history", "entry", "999"], "no entry with id 999"),
        (["edit", "entry", "99999999999999999999", "date", "2020-01-01"], "no entry with id 99999999999999999999"),
        (["restore", "99999999999999999999"], "no revision with id"),
    ],
)
def test_refused_commands_are_one_line_and_write_nothing(capsys, arch, argv, message):
    """Bad dates, unknown fields or ids, a stale --if-version: one line on stderr, exit 1, nothing changed."""
    before = show(capsys, arch)
    code, out, err = run(capsys, arch, *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("archiveviewer: ") and message in err, err
    assert show(capsys, arch) == before
    code, out, _ = run(capsys, arch, "history", "entry", "1", "--json")
    assert json.loads(out) == []


def test_stale_if_version_after_another_edit(capsys, arch):
    """Two edits based on version 1: the second is refused and the first one's value stays."""
    assert run(capsys, arch, "edit", "entry", "1", "text", "甲的更正", "--if-version", "1")[0] == 0
    code, _, err = run(capsys, arch, "edit", "entry", "1", "text", "乙的更正", "--if-version", "1")
    assert code == 1 and "is at version 2, not 1" in err
    assert entry(capsys, arch)["text"] == "甲的更正"


def test_tag_note_history_and_restore(capsys, arch):
    """Tags and notes show in show --json and search; history lists revisions; restore undoes one."""
    assert run(capsys, arch, "tag", "add", "entry", "1", "核对")[1].strip() == "entry 1: tagged 核对"
    assert run(capsys, arch, "tag", "add", "document", "2", "时间轴")[0] == 0
    code, out, _ = run(capsys, arch, "note", "add", "entry", "1", "金额需与原件核对")
    assert code == 0 and out.startswith("note ") and "entry 1" in out
    doc = show(capsys, arch)
    assert doc["tags"] == ["时间轴"] and doc["timeline"][0]["tags"] == ["核对"]
    assert [a["text"] for a in doc["annotations"]] == ["金额需与原件核对"]
    code, out, _ = run(capsys, arch, "search", "--json", "tag:核对")
    assert [h["id"] for h in json.loads(out)["hits"]] == ["entry:1"]

    run(capsys, arch, "edit", "entry", "1", "text", "错误的更正")
    code, out, _ = run(capsys, arch, "history", "entry", "1", "--json")
    revisions = json.loads(out)
    assert [r["field"] for r in revisions] == ["tag", "text"]
    assert {"id", "who", "at", "field", "old", "new"} <= revisions[-1].keys()
    code, out, _ = run(capsys, arch, "history", "entry", "1")
    assert code == 0 and "text:" in out and "错误的更正" in out

    code, out, err = run(capsys, arch, "restore", str(revisions[-1]["id"]))
    assert code == 0 and out.startswith(f"restored revision {revisions[-1]['id']}"), err
    assert entry(capsys, arch)["text"] == revisions[-1]["old"]
    assert run(capsys, arch, "tag", "remove", "entry", "1", "核对")[1].strip() == "entry 1: untagged 核对"
    code, out, _ = run(capsys, arch, "search", "--json", "tag:核对")
    assert json.loads(out)["total"] == 0


def test_edit_commands_run_as_a_program(arch):
    """The real entry point: a refused edit exits 1 with one line and no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "archiveviewer", "--archive", arch, "edit", "entry", "1", "date", "不是日期"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
