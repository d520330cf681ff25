"""kill -9 during a reindex, an export and an edit: each stopped at a known point by a handshake, then checked."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.export_service import ExportService
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.search_service import SearchService

SRC = Path(__file__).resolve().parents[2] / "src"

# Each child prints KILL at the point to be killed and then blocks on stdin, so the
# SIGKILL lands exactly there (no race between the child's progress and the kill).
PRELUDE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from archiveviewer.app.archive import Archive, ArchiveLocation

    def kill_me_here():
        print("KILL", flush=True)
        sys.stdin.readline()

    archive = Archive(ArchiveLocation(Path(sys.argv[1])))
    """
)

REINDEX = PRELUDE + textwrap.dedent(
    """
    from archiveviewer.app.search_service import SearchService
    for done, total in SearchService(archive).rebuild_steps():
        if 0 < done < total:
            kill_me_here()  # half of a new index written beside the current one
    """
)

EXPORT = PRELUDE + textwrap.dedent(
    """
    from archiveviewer.app.export_service import ExportService
    from archiveviewer.export import files
    publish = files._publish
    def stop_before_publishing(tmp, out, overwrite):
        kill_me_here()  # the export is complete in its temporary file, not yet renamed into place
        publish(tmp, out, overwrite)
    files._publish = stop_before_publishing
    ExportService(archive).export_timeline(Path(sys.argv[2]), "csv", overwrite=True)
    """
)

EDIT = PRELUDE + textwrap.dedent(
    """
    from sqlalchemy.orm import Session
    from archiveviewer.app.edit_service import EditService
    commit = Session.commit
    def stop_before_commit(self):
        kill_me_here()  # the edit and its revision are flushed, not committed
        commit(self)
    Session.commit = stop_before_commit
    service = EditService(archive)
    service.edit_entry(1, "text", "被杀死的修改", service.version("entry", 1))
    """
)


def _kill_at_handshake(script: str, *argv) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, argv)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline()
    assert line.strip() == "KILL", line + proc.stderr.read()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _integrity(folder: Path) -> None:
    conn = sqlite3.connect(folder / "archive.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def _archive_with_pages(tmp_path, sample_text, n=40) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(n):
        (pages / f"p{i:03d}.txt").write_text(sample_text + f"\n编号 {i}\n", encoding="utf-8")
    folder = tmp_path / "archive"
    with Archive(ArchiveLocation(folder)) as archive:
        ImportJob(archive, [pages]).run()
        SearchService(archive).ensure_index()
    return folder


def test_kill_during_reindex_keeps_the_current_index_and_the_next_rebuild_cleans_up(tmp_path, sample_text):
    """SIGKILL halfway through `reindex`: the old index still answers, the half-built one is removed later."""
    folder = _archive_with_pages(tmp_path, sample_text)
    _kill_at_handshake(REINDEX, folder)
    assert list((folder / "index").glob("building-*"))  # the killed rebuild's half
    _integrity(folder)
    with Archive(ArchiveLocation(folder)) as archive:
        service = SearchService(archive)
        assert service.index_problem() is None
        assert service.search("编号 7", limit=0).total >= 1
        for _ in service.rebuild_steps():
            pass
        assert not list((folder / "index").glob("building-*"))
        assert service.search("时间轴", limit=0, kinds={"article"}).total == 40


def test_kill_during_export_leaves_no_target_and_the_next_export_cleans_up(tmp_path, sample_text):
    """SIGKILL before the finished export is renamed into place: no half file at the target; the next
    export to it removes the killed one's temporary file and succeeds."""
    folder = _archive_with_pages(tmp_path, sample_text, n=2)
    out = tmp_path / "timeline.csv"
    _kill_at_handshake(EXPORT, folder, out)
    assert not out.exists()
    leftovers = list(tmp_path.glob(".timeline.csv.*.part"))
    assert len(leftovers) == 1
    with Archive(ArchiveLocation(folder)) as archive:
        ExportService(archive).export_timeline(out, "csv")
    assert out.read_text(encoding="utf-8-sig").startswith("entry_id,")
    assert not leftovers[0].exists()


def test_kill_during_an_edit_loses_only_that_edit(tmp_path, sample_text):
    """SIGKILL between flushing an edit (and its revision) and committing: neither is stored; the
    archive opens, the index agrees with the database, and the same edit then succeeds."""
    folder = _archive_with_pages(tmp_path, sample_text, n=1)
    with Archive(ArchiveLocation(folder)) as archive:
        from archiveviewer.app.edit_service import EditService

        before = EditService(archive).version("entry", 1)
    _kill_at_handshake(EDIT, folder)
    _integrity(folder)
    with Archive(ArchiveLocation(folder)) as archive:
        from archiveviewer.app.edit_service import EditService

        service = EditService(archive)
        assert service.version("entry", 1) == before
        assert service.revisions("entry", 1) == []
        search = SearchService(archive)
        assert search.index_problem() is None
        assert search.search("被杀死的修改", limit=0).total == 0
        service.edit_entry(1, "text", "被杀死的修改", before)
        assert search.search("被杀死的修改", limit=0).total == 1
