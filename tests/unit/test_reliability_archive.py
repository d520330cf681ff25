"""Opening archives under faults: read-only folders and mounts, owner-only files, leftovers of killed writers."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from archiveviewer.app.archive import Archive, ArchiveLocation, cached_index_path
from archiveviewer.app.export_service import ExportService
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.search_service import SearchService
from archiveviewer.storage.database import StorageError, head_revision
from archiveviewer.tempfiles import temp_sibling


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_read_only_archive_opens_for_search_reading_and_export(read_only_folder, tmp_path):
    """A read-only archive opens with `read_only` set; search, reading and export work."""
    from archiveviewer.app.queries import document_dict

    assert not os.access(read_only_folder, os.W_OK)
    with Archive(ArchiveLocation(read_only_folder)) as archive:
        assert archive.read_only
        service = SearchService(archive)
        service.ensure_index()
        assert service.search("慰问", limit=0).total == 7
        with archive.Session() as session:
            assert document_dict(session, 2)["title"] == "无锡工会“战疫”时间轴"
        out = tmp_path / "timeline.csv"
        ExportService(archive).export_timeline(out, "csv")
        import csv

        with open(out, encoding="utf-8-sig", newline="") as f:
            assert len(list(csv.reader(f))) == 15  # header and the 14 entries


def test_a_read_only_archive_refuses_every_change(read_only_folder, sample_text, tmp_path):
    """Importing into (or any transaction on) a read-only archive fails with StorageError saying so."""
    page = tmp_path / "new.txt"
    page.write_text(sample_text + "\n编号 新\n", encoding="utf-8")
    with Archive(ArchiveLocation(read_only_folder)) as archive:
        with pytest.raises(StorageError, match="read-only"):
            ImportJob(archive, [page]).run()
        with pytest.raises(StorageError, match="read-only"), archive.unit_of_work():
            pass


def test_a_read_only_archive_with_a_missing_index_searches_from_a_private_cache(tmp_path, sample_path):
    """The index of a read-only archive is gone: it is rebuilt into the per-user cache, not the folder."""
    import shutil

    folder = tmp_path / "archive"
    with Archive(ArchiveLocation(folder)) as a:
        ImportJob(a, [sample_path]).run()
    shutil.rmtree(folder / "index")
    (folder / "index").mkdir()
    mount = tmp_path / "mount"
    mount.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["mount", "--bind", str(folder), str(mount)], capture_output=True).returncode != 0:
            pytest.skip("running as root and cannot bind-mount read-only")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
    else:
        mount = folder
        for p in [folder, *folder.rglob("*")]:
            p.chmod(p.stat().st_mode & ~0o222)
    try:
        with Archive(ArchiveLocation(mount)) as archive:
            assert archive.index.path == cached_index_path(str(mount))
            assert SearchService(archive).ensure_index() == "missing"
            assert SearchService(archive).search("慰问", limit=0).total == 7
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(mount)], check=True)
        else:
            for p in [folder, *folder.rglob("*")]:
                p.chmod(p.stat().st_mode | 0o200)


def test_a_new_archive_and_the_index_cache_are_owner_only(tmp_path, sample_path):
    """A new archive folder is 0700, its database (and SQLite's -wal/-shm) 0600; the index cache root 0700."""
    folder = tmp_path / "new"
    with Archive(ArchiveLocation(folder)) as archive:
        ImportJob(archive, [sample_path]).run()
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert modes["archive.sqlite3"] == 0o600
        assert all(mode == 0o600 for name, mode in modes.items() if name.startswith("archive.sqlite3")), modes
    cache = cached_index_path("postgresql://team/archive")
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


def test_leftovers_of_a_killed_writer_are_removed_on_next_open(tmp_path, sample_path):
    """Temporary files of dead processes and Whoosh's MAIN.tmp are removed on open; a live writer's stay."""
    folder = tmp_path / "archive"
    with Archive(ArchiveLocation(folder)) as a:
        ImportJob(a, [sample_path]).run()
        root = a.index.path
    ix = next(root.glob("ix-*"))
    dead = _dead_pid()
    leftovers = [
        root / f".CURRENT.{dead}-0badc0de.tmp",
        ix / f".meta.json.{dead}-0badc0de.tmp",
        ix / "MAIN.tmp",
    ]
    for p in leftovers[:2]:
        p.write_text("half", encoding="utf-8")
    leftovers[2].mkdir()
    (leftovers[2] / "x.seg").write_bytes(b"\0" * 100)
    live = temp_sibling(root / "CURRENT", "tmp")  # named by this (live) process
    live.write_text("in use", encoding="utf-8")
    with Archive(ArchiveLocation(folder)) as a:
        assert [p for p in leftovers if p.exists()] == []
        assert live.exists()
        assert SearchService(a).index_problem() is None


def test_a_temp_file_of_a_process_killed_with_sigkill_is_recognised_as_a_leftover(tmp_path):
    """kill -9 right after creating a temporary file: the next open removes it."""
    from archiveviewer.tempfiles import remove_leftovers

    code = (
        "import os, signal, sys; from pathlib import Path; from archiveviewer.tempfiles import temp_sibling; "
        "p = temp_sibling(Path(sys.argv[1]) / 'out.csv', 'part'); p.write_text('half'); print(p, flush=True); "
        "os.kill(os.getpid(), signal.SIGKILL)"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, env=env)
    assert proc.returncode == -9
    part = Path(proc.stdout.strip())
    assert part.exists()
    assert remove_leftovers(tmp_path, "out.csv") == [part] and not part.exists()


def test_the_schema_head_read_from_the_migration_files_is_alembics():
    """The quick head lookup (no Alembic import) names the same revision as Alembic."""
    from alembic.script import ScriptDirectory

    from archiveviewer.storage.database import _alembic_config

    assert head_revision() == ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
