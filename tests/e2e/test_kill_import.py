"""kill -9 during a large import leaves the archive consistent, openable and searchable."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.search_service import SearchService
from archiveviewer.storage.models import Source

IMPORTER = textwrap.dedent(
    """
    import multiprocessing
    import sys
    from pathlib import Path
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob
    archive = Archive(ArchiveLocation(Path(sys.argv[1])))
    for done, total, name in ImportJob(archive, [sys.argv[2]], workers=1).steps():
        if done >= total * 3 // 4:  # deep inside the storing phase of the single transaction
            workers = [p.pid for p in multiprocessing.active_children()]
            print("KILL", done, total, *workers, flush=True)  # the handshake: the parent kills us here
            sys.stdin.readline()  # and we wait for it, so the kill lands exactly at this point
    print("FINISHED", flush=True)
    """
)


def _running(pid: int) -> bool:
    """The process exists and has not ended (an ended child not yet reaped is a zombie, `Z`)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _make_pages(folder, sample_text, n):
    folder.mkdir()
    for i in range(n):
        # Distinct bytes per file so none is a duplicate of another.
        (folder / f"page-{i:04d}.txt").write_text(sample_text + f"\n编号 {i}\n", encoding="utf-8")


def test_kill_during_import_leaves_a_consistent_archive(tmp_path, sample_text):
    """SIGKILL in the middle of storing 120 pages: nothing half-imported, index rebuildable, re-import works."""
    pages = tmp_path / "pages"
    _make_pages(pages, sample_text, 120)
    folder = tmp_path / "archive"
    with Archive(ArchiveLocation(folder)) as archive:  # an existing archive with one earlier import
        ImportJob(archive, [pages / "page-0000.txt"]).run()

    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(folder), str(pages)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    assert line.startswith("KILL "), line + proc.stderr.read()
    workers = [int(pid) for pid in line.split()[3:]]
    assert workers, "the import parses in a worker process"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    # The workers see their parent gone and end (`prepare.exit_with_parent`), instead of waiting
    # on their task queue for ever; the deadline only bounds a failure.
    deadline = time.monotonic() + 60
    while (alive := [pid for pid in workers if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert alive == []

    conn = sqlite3.connect(folder / "archive.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    with Archive(ArchiveLocation(folder)) as archive:
        with archive.Session() as s:
            assert s.scalar(select(func.count(Source.id))) == 1  # only the earlier import
        service = SearchService(archive)
        service.ensure_index()
        assert service.index_problem() is None
        assert service.search("编号 0", limit=0).total >= 1
        assert service.search("编号 5", limit=0).total == 0
        report = ImportJob(archive, [pages]).run()
        assert len(report.imported) == 119 and len(report.duplicates) == 1
        assert service.search("时间轴", limit=0, kinds={"article"}).total == 120
