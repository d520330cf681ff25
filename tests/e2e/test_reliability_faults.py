"""Real faults end to end: a really full disk, two importing processes at once, and no network, ever."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(tmp_path / var.lower())
    return env


def cli(tmp_path, *argv, **kw):
    return subprocess.run(
        [sys.executable, "-m", "archiveviewer", *map(str, argv)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=180,
        **kw,
    )


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs: a disk that really fills up (needs root to mount; skipped, saying so, otherwise)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root (the ENOSPC paths are also tested by fault injection)")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def _fill(disk: Path, headroom: int) -> Path:
    """Fill the disk, then give back `headroom` bytes."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - headroom))
    return filler


# No room to open; room to start but not to commit; room to commit but not to update the index.
@pytest.mark.parametrize("headroom", [0, 192 * 1024, 400 * 1024])
def test_a_really_full_disk_gives_one_line_errors_and_loses_nothing(
    small_disk, tmp_path, sample_path, sample_text, headroom
):
    """An import onto a disk that fills up (at once, or partway through storing) fails with one-line
    messages and exit 1; once space is freed the database is intact and the index agrees with it
    (the page is searchable exactly if it was stored)."""
    archive = small_disk / "archive"
    assert cli(tmp_path, "--archive", archive, "import", sample_path).returncode == 0
    page = tmp_path / "big.txt"
    page.write_text((sample_text + "\n编号 满盘\n") * 8, encoding="utf-8")
    filler = _fill(small_disk, headroom)
    proc = cli(tmp_path, "--archive", archive, "import", page)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines and all(line.startswith("archiveviewer: ") for line in lines), proc.stderr
    assert any("disk is full" in line or "No space left" in line for line in lines), proc.stderr
    filler.unlink()
    conn = sqlite3.connect(archive / "archive.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = conn.execute("SELECT count(*) FROM source WHERE name = 'big.txt'").fetchone()[0]
    conn.close()
    search = cli(tmp_path, "--archive", archive, "search", "--limit", "0", "满盘")
    assert search.returncode == 0, search.stderr
    assert search.stdout.startswith("0 hit(s)") != bool(stored)


def test_two_processes_importing_at_once_both_succeed(tmp_path, sample_text):
    """Two `import` processes started together on one SQLite archive: one waits for the other; both
    files end up imported and searchable."""
    archive = tmp_path / "archive"
    assert cli(tmp_path, "--archive", archive, "documents").returncode == 0  # created before the race
    pages = []
    for i in range(2):
        folder = tmp_path / f"pages{i}"
        folder.mkdir()
        for j in range(30):
            (folder / f"p{j}.txt").write_text(sample_text + f"\n编号 进程{i}页{j}\n", encoding="utf-8")
        pages.append(folder)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "archiveviewer", "--archive", str(archive), "import", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(tmp_path),
        )
        for folder in pages
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    for i in range(2):
        found = cli(tmp_path, "--archive", archive, "search", "--limit", "0", f"进程{i}页29")
        assert found.stdout.startswith("2 hit(s)"), found.stdout + found.stderr  # the entry and its article


NO_NETWORK = """
import sys
events = []
def audit(event, args):
    if event.startswith("socket.") and event not in ("socket.__new__",) or event == "urllib.Request":
        events.append(event)
sys.addaudithook(audit)
from archiveviewer.cli import main
for argv in (
    ["--archive", sys.argv[1], "import", sys.argv[2]],
    ["--archive", sys.argv[1], "search", "慰问"],
    ["--archive", sys.argv[1], "show", "1"],
    ["--archive", sys.argv[1], "export", "--format", "pdf", "-o", sys.argv[3], "--force"],
    ["--archive", sys.argv[1], "reindex"],
):
    assert main(argv) == 0, argv
print("NETWORK EVENTS:", sorted(set(events)))
"""


def test_import_search_show_export_and_reindex_open_no_network_connection(tmp_path, sample_path):
    """An audit hook sees no socket connect, bind, lookup or URL request in a whole session of commands."""
    proc = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, str(tmp_path / "a"), str(sample_path), str(tmp_path / "out.pdf")],
        capture_output=True,
        text=True,
        env=dict(_env(tmp_path), QT_QPA_PLATFORM="offscreen"),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "NETWORK EVENTS: []" in proc.stdout, proc.stdout
    assert (tmp_path / "out.pdf").stat().st_size > 0
