"""Archive storage: schema creation, migration with a backup copy, refusing foreign databases."""

import sqlite3

import pytest
from alembic import command
from sqlalchemy import select

from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.storage.database import (
    StorageError,
    _alembic_config,
    current_revision,
    head_revision,
    make_engine,
)
from archiveviewer.storage.models import SavedSearch, Source


def test_new_archive_is_created_at_head_and_empty(tmp_path):
    """A new archive folder gets a database at the newest schema and no content."""
    with Archive(ArchiveLocation(tmp_path / "a")) as archive:
        assert archive.created
        assert current_revision(archive.engine) == head_revision()
        with archive.Session() as s:
            assert s.scalars(select(Source)).all() == []
    assert (tmp_path / "a" / "archive.sqlite3").exists()


def test_older_schema_is_migrated_after_a_backup_copy(tmp_path):
    """An archive at revision 0001 is copied aside, then upgraded, keeping its rows."""
    folder = tmp_path / "old"
    folder.mkdir()
    db = folder / "archive.sqlite3"
    engine = make_engine(f"sqlite:///{db}")
    command.upgrade(_alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO source (name, sha256, encoding, size, imported_at, raw_text) "
            "VALUES ('p.txt', 'abc', 'utf-8', 3, '2020-01-01 00:00:00', '旧的')"
        )
    engine.dispose()

    with Archive(ArchiveLocation(folder)) as archive:
        assert archive.backup is not None and archive.backup.exists()
        assert current_revision(archive.engine) == head_revision()
        with archive.Session() as s:
            assert s.scalars(select(Source.raw_text)).all() == ["旧的"]
            s.add(SavedSearch(name="n", query="q"))  # a table that 0002 added
            s.commit()
    backup = sqlite3.connect(archive.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert backup.execute("SELECT raw_text FROM source").fetchone() == ("旧的",)
    backup.close()


def test_foreign_sqlite_database_is_refused(tmp_path):
    """A SQLite file with someone else's tables is not taken over as an archive."""
    folder = tmp_path / "x"
    folder.mkdir()
    conn = sqlite3.connect(folder / "archive.sqlite3")
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not an ArchiveViewer archive"):
        Archive(ArchiveLocation(folder))


def test_garbage_database_file_is_refused_with_a_message(tmp_path):
    """A database file that is not SQLite at all gives a StorageError, not a traceback."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "archive.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="cannot"):
        Archive(ArchiveLocation(folder))


def test_archive_path_that_is_a_file_is_refused(tmp_path):
    """--archive pointing at a file says so."""
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StorageError, match="is a file"):
        Archive(ArchiveLocation(f))
