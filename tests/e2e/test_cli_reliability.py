"""The command line under faults: locked, damaged or read-only archives, full disks, hostile names and numbers."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer import cli
from archiveviewer.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return "Traceback" not in err and "sqlalche.me" not in err and len(err.strip().splitlines()) == 1


@pytest.fixture
def arch(tmp_path, capsys, sample_path):
    folder = tmp_path / "archive"
    code, _, err = run(capsys, "--archive", folder, "import", sample_path)
    assert code == 0, err
    return folder


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- database is locked -----------------------------------------------------------------------


def test_a_locked_archive_is_refused_in_one_line_after_the_wait(capsys, arch, tmp_path, monkeypatch):
    """Another writer holding SQLite's write lock past the wait: one line saying the archive is busy, exit 1."""
    from archiveviewer.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0)
    monkeypatch.setattr(cli, "LOCK_WAIT_S", 0.0)
    page = tmp_path / "p.txt"
    page.write_text("无锡日报\n第二页\n正文内容。\n", encoding="utf-8")
    holder = sqlite3.connect(arch / "archive.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run(capsys, "--archive", arch, "import", page)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert "waiting for another program" in err
    last = err.strip().splitlines()[-1]
    assert "the archive is busy" in last and "Traceback" not in err and "sqlalche.me" not in err


def test_an_import_waits_for_another_writer_and_then_succeeds(arch, tmp_path, sample_text):
    """A second import while the write lock is held says it is waiting, then imports once the lock is free."""
    page = tmp_path / "other.txt"
    page.write_text(sample_text + "\n编号 waiting\n", encoding="utf-8")
    holder = sqlite3.connect(arch / "archive.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    proc = subprocess.Popen(
        [sys.executable, "-m", "archiveviewer", "--archive", str(arch), "import", str(page)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        first = proc.stderr.readline()  # the handshake: it has hit the lock and says so
        assert "waiting for another program" in first
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "imported other.txt" in out and "Traceback" not in err


# -- damaged database ------------------------------------------------------------------------------


def _damage(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as f:
        for offset in range(4096, size, 4096):  # every page but the header page
            f.seek(offset + 64)
            f.write(b"\xa5" * 512)


def test_a_damaged_database_says_so_and_points_to_backup_and_recovery(capsys, arch):
    """A corrupt archive.sqlite3: one line naming the damage, the backup beside it and how to recover."""
    backup = arch / "archive.sqlite3.0001.20260101-000000.bak"
    backup.write_bytes((arch / "archive.sqlite3").read_bytes())
    _damage(arch / "archive.sqlite3")
    code, out, err = run(capsys, "--archive", arch, "search", "慰问")
    assert code == 1 and out == ""
    assert one_line(err), err
    assert "is damaged" in err and str(backup) in err and ".recover" in err


# -- numbers out of range, undecodable arguments -------------------------------------------------------


@pytest.mark.parametrize("number", ["99999999999999999999", "2147483648", "0"])
def test_show_with_an_id_beyond_any_database_integer_is_not_found(capsys, arch, number):
    """`show 99999999999999999999`: "no document", not an OverflowError (nor PostgreSQL's out of range)."""
    code, _, err = run(capsys, "--archive", arch, "show", number)
    assert code == 1 and one_line(err), err
    assert f"no document with id {number}" in err


def test_export_of_an_id_out_of_range_is_one_line(capsys, arch, tmp_path):
    """`export 99999999999999999999` names the id in one line and writes nothing."""
    out = tmp_path / "x.json"
    code, _, err = run(capsys, "--archive", arch, "export", "--format", "json", "-o", out, "99999999999999999999")
    assert code == 1 and one_line(err) and not out.exists()


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json"])
def test_an_undecodable_byte_in_an_export_query_is_refused_in_one_line(capsys, arch, tmp_path, fmt):
    """An invalid UTF-8 byte in `export --search` (a surrogate in argv): one line, no file written."""
    query = os.fsdecode(b"\xff\xe6\x85\xb0\xe9\x97\xae")  # \xff then 慰问
    out = tmp_path / f"report.{fmt}"
    code, _, err = run(capsys, "--archive", arch, "export", "--format", fmt, "-o", out, "--search", query)
    assert code == 1 and one_line(err), err
    assert "not valid UTF-8" in err and not out.exists()


def test_an_undecodable_byte_in_a_search_is_refused_in_one_line(capsys, arch):
    """`search` with an invalid UTF-8 byte: one line, exit 1."""
    code, _, err = run(capsys, "--archive", arch, "search", os.fsdecode(b"\xfe\xe6\x85\xb0"))
    assert code == 1 and one_line(err) and "not valid UTF-8" in err


# -- full disk ------------------------------------------------------------------------------------------


def test_when_the_index_cannot_be_written_the_import_exits_non_zero_and_the_index_catches_up(
    capsys, arch, tmp_path, sample_text, monkeypatch
):
    """Disk full after the database committed: exit 1 with one line per problem, and the next search rebuilds."""
    from archiveviewer.search import index_files

    real = index_files.write_meta

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    page = tmp_path / "more.txt"
    page.write_text(sample_text + "\n编号 磁盘满\n", encoding="utf-8")
    monkeypatch.setattr(index_files, "write_meta", full)
    code, out, err = run(capsys, "--archive", arch, "import", page)
    monkeypatch.setattr(index_files, "write_meta", real)
    assert code == 1
    assert "imported more.txt" in out
    assert "Traceback" not in err and "search index update failed; it will be rebuilt" in err
    assert all(line.startswith("archiveviewer: ") for line in err.strip().splitlines())
    code, out, err = run(capsys, "--archive", arch, "search", "磁盘满")
    assert code == 0 and "rebuilding" in err and out.startswith("2 hit(s)")  # the entry and its article


def test_a_full_disk_during_a_rebuild_is_one_line(capsys, arch, monkeypatch):
    """ENOSPC while `reindex` writes: one line saying the disk is full, exit 1."""
    from archiveviewer.search import index_files

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", "/x/index")

    monkeypatch.setattr(index_files, "seal", full)
    code, _, err = run(capsys, "--archive", arch, "reindex")
    assert code == 1 and one_line(err) and "the disk is full" in err


# -- terminal hygiene ----------------------------------------------------------------------------------


def test_a_refused_file_whose_name_holds_a_newline_stays_on_one_line(capsys, tmp_path):
    """A newline and an escape sequence in a refused file's name are shown escaped, on one line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\nname\x1b]0;PWNED\x07.txt").write_bytes(b"")
    code, _, err = run(capsys, "--archive", tmp_path / "a", "import", folder)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err and "\x07" not in err
    assert "bad\\nname\\u001b]0;PWNED\\u0007.txt" in err


def test_control_characters_in_stored_text_never_reach_the_terminal(capsys, arch):
    """Escape sequences inside stored text (set-title, clear-screen) are printed escaped by show and search."""
    db = sqlite3.connect(arch / "archive.sqlite3")
    with db:
        db.execute("UPDATE paragraph SET text = text || '\x1b]0;PWNED\x07\x1b[2J\x9b31m' WHERE id = 1")
        db.execute("UPDATE document SET title = title || '\x1b[2J' WHERE id = 1")
    db.close()
    run(capsys, "--archive", arch, "reindex")
    outputs = []
    for argv in (["show", "1"], ["search", "PWNED"], ["documents"], ["show", "--json", "1"]):
        code, out, err = run(capsys, "--archive", arch, *argv)
        assert code == 0, err
        outputs.append(out)
    for out in outputs:
        assert not any(c in out for c in "\x1b\x07\x9b"), out
    assert "\\u001b]0;PWNED\\u0007" in outputs[0] and "PWNED" in outputs[1]
    import json

    assert json.loads(outputs[3])["title"].endswith("\x1b[2J")  # --json stays exact JSON


# -- export targets ----------------------------------------------------------------------------------


def test_export_force_refuses_a_fifo_and_leaves_it(capsys, arch, tmp_path):
    """`export --force -o FIFO` refuses in one line; the FIFO is still a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "--archive", arch, "export", "--format", "csv", "--timeline", "--force", "-o", fifo)
    assert code == 1 and one_line(err) and "not a regular file" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


# -- a quick start for `search` ------------------------------------------------------------------------

_NO_SQLALCHEMY = (
    "import sys; from archiveviewer.cli import main; code = main(sys.argv[1:]); "
    "print('loaded:', sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}), file=sys.stderr); "
    "sys.exit(code)"
)


def _search_in_child(*argv):
    return subprocess.run(
        [sys.executable, "-c", _NO_SQLALCHEMY, *map(str, argv)], capture_output=True, text=True, env=_env(), timeout=120
    )


def test_search_on_a_current_index_answers_without_sqlalchemy_or_alembic(arch, capsys):
    """`search` with a current index reads the schema revision and generation with one SQLite query and
    never imports SQLAlchemy or Alembic; it prints what the ordinary path prints."""
    run(capsys, "--archive", arch, "reindex")
    proc = _search_in_child("--archive", arch, "search", "慰问")
    assert proc.returncode == 0, proc.stderr
    assert "loaded: []" in proc.stderr
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.search_service import SearchService

    with Archive(ArchiveLocation(arch)) as archive:
        expected = SearchService(archive).search("慰问", limit=20)
    assert proc.stdout.startswith(f"{expected.total} hit(s) for 慰问\n")
    assert [line.split()[0] for line in proc.stdout.splitlines()[1::2]] == [f"[{h.key}]" for h in expected.hits]


def test_search_on_a_stale_index_takes_the_ordinary_path_and_rebuilds(arch, capsys):
    """A change the index has not seen: the quick path steps aside, the index is rebuilt, Alembic stays unloaded."""
    db = sqlite3.connect(arch / "archive.sqlite3")
    with db:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'index_generation'")
    db.close()
    proc = _search_in_child("--archive", arch, "search", "慰问")
    assert proc.returncode == 0, proc.stderr
    assert "rebuilding" in proc.stderr and proc.stdout.startswith("7 hit(s)")
    assert "loaded: ['sqlalchemy']" in proc.stderr  # Alembic only when a migration is due


def test_search_on_an_archive_needing_a_migration_migrates_first(tmp_path, capsys, sample_path):
    """An archive at an older schema revision is migrated (with its backup) before the search answers."""
    from alembic import command

    from archiveviewer.storage.database import _alembic_config, make_engine

    folder = tmp_path / "old"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'archive.sqlite3'}")
    command.upgrade(_alembic_config(engine), "0001")
    engine.dispose()
    code, out, err = run(capsys, "--archive", folder, "search", "慰问")
    assert code == 0, err
    assert out.startswith("0 hit(s)") and list(folder.glob("archive.sqlite3.0001.*.bak"))
