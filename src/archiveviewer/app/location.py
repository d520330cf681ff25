"""Where an archive lives (a folder or a database URL) and where its index goes; light to import (no SQLAlchemy)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from archiveviewer.user_dirs import cache_dir, data_dir

APP_NAME = "ArchiveViewer"
ENV_ARCHIVE = "ARCHIVEVIEWER_ARCHIVE"
DB_FILE = "archive.sqlite3"
INDEX_DIR = "index"
GENERATION_KEY = "index_generation"
SEEDED_KEY = "sample_seeded"


@dataclass(frozen=True)
class ArchiveLocation:
    """Where an archive lives: a folder (SQLite file + index) or a database URL plus a local index."""

    folder: Path | None
    db_url: str | None = None
    is_default: bool = False

    @property
    def url(self) -> str:
        from archiveviewer.storage.database import sqlite_url

        if self.db_url:
            return self.db_url
        assert self.folder is not None  # a location is a folder or a database URL
        return sqlite_url(self.folder / DB_FILE)

    @property
    def index_path(self) -> Path:
        if self.db_url:
            # A team database gets a per-user index cache keyed by its URL.
            return cached_index_path(self.db_url)
        assert self.folder is not None  # a location is a folder or a database URL
        return self.folder / INDEX_DIR

    def is_read_only(self) -> bool:
        """A folder archive whose database this user may not write (read-only folder, file or mount)."""
        if self.folder is None:
            return False
        db = self.folder / DB_FILE
        if not db.exists():
            return False
        # access() also reports a read-only mount (EROFS), even to root.
        return not (os.access(self.folder, os.W_OK) and os.access(db, os.W_OK))

    def read_only_url(self) -> str:
        assert self.folder is not None  # only folder archives are read-only by their files
        db = self.folder / DB_FILE
        wal = db.with_name(DB_FILE + "-wal")
        if wal.exists() and wal.stat().st_size:
            from archiveviewer.storage.database import sqlite_url

            return sqlite_url(db, read_only=True)  # committed pages still in the WAL must be read
        # A cleanly closed WAL database cannot create its -shm file here: read it as immutable.
        return f"sqlite:///file:{db}?immutable=1&uri=true"

    def describe(self) -> str:
        if self.db_url:
            return _redact(self.db_url)
        return str(self.folder)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cached_index_path(key: str) -> Path:
    """A per-user index folder for an archive whose own folder cannot hold one, created owner-only."""
    root = cache_dir() / "indexes"
    _private_dirs(root)
    return root / hashlib.sha256(key.encode()).hexdigest()[:16]


def _private_dirs(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)  # an index holds the archive's text: owner only


def default_archive_dir() -> Path:
    return data_dir() / "archive"


def resolve_location(archive: str | os.PathLike | None = None, db_url: str | None = None) -> ArchiveLocation:
    """`--db` wins, then `--archive`, then $ARCHIVEVIEWER_ARCHIVE, then the per-user default."""
    if db_url:
        return ArchiveLocation(folder=None, db_url=db_url)
    if archive:
        return ArchiveLocation(folder=Path(archive).expanduser().resolve())
    env = os.environ.get(ENV_ARCHIVE)
    if env:
        return ArchiveLocation(folder=Path(env).expanduser().resolve())
    return ArchiveLocation(folder=default_archive_dir(), is_default=True)
