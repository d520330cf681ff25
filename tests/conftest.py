"""Shared test setup: offscreen Qt, private data folders, fixtures for archives and the sample page."""

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Timing belongs in benchmarks/: a per-example deadline only makes a busy CI machine flaky.
settings.register_profile("archiveviewer", deadline=None, print_blob=True)
settings.load_profile("archiveviewer")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the real per-user archive, caches or settings.
_HOME = Path(tempfile.mkdtemp(prefix="archiveviewer-tests-"))
for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
    os.environ[var] = str(_HOME / var.lower())
os.environ.pop("ARCHIVEVIEWER_ARCHIVE", None)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "archiveviewer" / "resources" / "samples" / "newspaper-page-2020-02-24-A06.txt"


@pytest.fixture(scope="session", autouse=True)
def one_qapplication():
    """One QApplication for the whole run, made first: an in-process export would otherwise
    create a bare QGuiApplication, and widgets created on that crash the process."""
    from PySide6.QtWidgets import QApplication

    yield QApplication.instance() or QApplication(["archiveviewer-tests"])


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def archive(tmp_path):
    """An empty archive in a temporary folder."""
    from archiveviewer.app.archive import Archive, ArchiveLocation

    with Archive(ArchiveLocation(tmp_path / "archive")) as a:
        yield a


@pytest.fixture
def sample_archive(archive):
    """An archive holding the sample page."""
    from archiveviewer.app.import_service import ImportJob

    report = ImportJob(archive, [SAMPLE]).run()
    assert report.ok and len(report.imported) == 1
    return archive


@pytest.fixture
def read_only_folder(tmp_path, sample_path):
    """The sample archive made read-only for this process: a read-only bind mount as root (chmod does
    not bind root), the folder and files without write permission otherwise."""
    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.app.import_service import ImportJob

    folder = tmp_path / "ro-archive"
    with Archive(ArchiveLocation(folder)) as a:
        ImportJob(a, [sample_path]).run()
    if os.geteuid() != 0:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(p.stat().st_mode & ~0o222)
        yield folder
        for p in [folder, *folder.rglob("*")]:
            p.chmod(p.stat().st_mode | 0o200)
        return
    mount = tmp_path / "mount"
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(folder), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"running as root and cannot bind-mount read-only: {done.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True, capture_output=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")


@pytest.fixture
def pg_url():
    """A URL to a fresh PostgreSQL schema (dropped afterwards), so tests never see each other's rows.

    Skipped with the reason when ARCHIVEVIEWER_TEST_PG_URL is unset (`.ci/run` sets it)."""
    if not PG_URL:
        pytest.skip("set ARCHIVEVIEWER_TEST_PG_URL to a PostgreSQL URL to run (CI sets it)")
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"av_test_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}application_name={schema}&options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        # A connection the test left open (a window's background read finishing late) would take its
        # share locks table by table while DROP takes them exclusively: a deadlock. End those first.
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :name"),
            {"name": schema},
        )
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_clients(pg_url, sample_path, tmp_path, monkeypatch):
    """Two clients (two connections, two index caches) on one imported team archive."""
    from archiveviewer.app.archive import Archive
    from archiveviewer.app.import_service import ImportJob

    opened = []
    for name in ("a", "b"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"client-{name}"))
        opened.append(Archive.open(db_url=pg_url))
    assert ImportJob(opened[0], [sample_path]).run().ok
    yield opened
    for archive in opened:
        archive.close()
