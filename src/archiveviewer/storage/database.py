"""Engine and session factory; brings the schema up to date (with a backup copy first)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from archiveviewer.storage.revision import MIGRATIONS, head_revision  # noqa: F401  (re-exported)

# SQLite waits this long for another writer before "database is locked".
BUSY_TIMEOUT_S = 5
RECOVERY_HINT = "docs/reliability.md"


class StorageError(Exception):
    """The archive's database cannot be opened or migrated; the message is for the user."""


class ArchiveBusyError(StorageError):
    """Another program holds the archive's write lock (SQLite: "database is locked")."""


def sqlite_url(path: Path, read_only: bool = False) -> str:
    if read_only:
        # The URI form lets SQLite open a file in a folder (or on a mount) it may not write.
        return f"sqlite:///file:{path}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL + synchronous=FULL: a crash or kill -9 leaves the last committed state;
    # foreign keys are off by default in SQLite.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.close()


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.close()


def make_engine(url: str, read_only: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def create_private_file(path: Path) -> None:
    """Create an empty file only its owner may read (SQLite gives its -wal/-shm files the same mode)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _alembic_config(engine: Engine):
    from alembic.config import Config  # Alembic is imported only when a migration is due

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database (one query), None for a database without one."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            exists = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            ).first()
            if not exists:
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, sqlite_file: Path | None = None, read_only: bool = False) -> Path | None:
    """Upgrade the schema to head. An existing SQLite archive is copied first;
    returns the backup's path when one was made."""
    try:
        current = current_revision(engine)
    except Exception as exc:  # not a database at all, or unreadable
        raise StorageError(f"cannot read the archive database: {describe_error(exc, sqlite_file)}") from exc
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is None and inspect(engine).get_table_names():
        raise StorageError("the database holds tables that are not an ArchiveViewer archive")
    if read_only:
        raise StorageError(
            "the archive is read-only and needs a newer schema: open it once where it can be written"
            if current is not None
            else "the archive is read-only and holds no archive database yet"
        )
    if current is not None and sqlite_file is not None and sqlite_file.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = sqlite_file.with_name(f"{sqlite_file.name}.{current}.{stamp}.bak")
        create_private_file(backup)
        # The SQLite backup API copies a consistent snapshot even in WAL mode.
        src = sqlite3.connect(sqlite_file)
        dst = sqlite3.connect(backup)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")
    return backup


# -- one-line descriptions of database errors --------------------------------------------------


def _first_line(exc: BaseException) -> str:
    # SQLAlchemy's own str() adds the statement and a second line with a web address.
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def is_locked(exc: BaseException) -> bool:
    return "database is locked" in _first_line(exc) or "database table is locked" in _first_line(exc)


def is_corrupt(exc: BaseException) -> bool:
    line = _first_line(exc)
    return "malformed" in line or "file is not a database" in line or "disk image" in line


def is_disk_full(exc: BaseException) -> bool:
    line = _first_line(exc).lower()
    return "disk is full" in line or "no space left" in line or getattr(exc, "errno", None) == 28


def _disk_full(sqlite_file: Path) -> bool:
    # SQLite reports a full disk while creating its -shm file as a plain "disk I/O error".
    try:
        return shutil.disk_usage(sqlite_file.parent).free < 64 * 1024
    except OSError:
        return False


def backups(sqlite_file: Path) -> list[Path]:
    """Backup copies beside the database (made before every migration), newest first."""
    try:
        found = list(sqlite_file.parent.glob(f"{sqlite_file.name}.*.bak"))
    except OSError:
        return []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def describe_error(exc: BaseException, sqlite_file: Path | None = None) -> str:
    """One line for a database error: what happened and what the user can do."""
    line = _first_line(exc)
    if is_corrupt(exc):
        where = f" {sqlite_file}" if sqlite_file else ""
        found = backups(sqlite_file) if sqlite_file else []
        backup = f"restore the backup {found[0]}" if found else "restore it from your backup"
        return (
            f"the archive database{where} is damaged ({line}); nothing was changed. To repair: {backup}, "
            f"or recover what is readable with `sqlite3 archive.sqlite3 .recover | sqlite3 recovered.sqlite3` "
            f"(see {RECOVERY_HINT})"
        )
    if is_locked(exc):
        return (
            "the archive is busy: another program (an import or an edit?) is writing to it; "
            "try again when it has finished"
        )
    if is_disk_full(exc) or ("disk I/O error" in line and sqlite_file is not None and _disk_full(sqlite_file)):
        return f"the disk is full ({line}); nothing was changed: free some space and try again"
    if "readonly" in line or "read-only" in line:
        return f"the archive cannot be written ({line})"
    return line
