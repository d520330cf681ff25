"""Engine and session factory; brings the schema up to date (with a backup copy first)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class StorageError(Exception):
    """The archive's database cannot be opened or migrated; the message is for the user."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL + synchronous=FULL: a crash or kill -9 leaves the last committed state;
    # foreign keys are off by default in SQLite.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]
    return script.get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, sqlite_file: Path | None = None) -> Path | None:
    """Upgrade the schema to head. An existing SQLite archive is copied first;
    returns the backup's path when one was made."""
    try:
        current = current_revision(engine)
    except Exception as exc:  # not a database at all, or unreadable
        raise StorageError(f"cannot read the archive database: {exc}") from exc
    head = head_revision()
    if current == head:
        return None
    backup = None
    if current is None and inspect(engine).get_table_names():
        raise StorageError("the database holds tables that are not an ArchiveViewer archive")
    if current is not None and sqlite_file is not None and sqlite_file.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = sqlite_file.with_name(f"{sqlite_file.name}.{current}.{stamp}.bak")
        # The SQLite backup API copies a consistent snapshot even in WAL mode.
        import sqlite3

        src = sqlite3.connect(sqlite_file)
        dst = sqlite3.connect(backup)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    command.upgrade(_alembic_config(engine), "head")
    return backup
