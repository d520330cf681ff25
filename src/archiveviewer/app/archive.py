"""An open archive: where it lives, its database session factory and its search index."""

from __future__ import annotations

import getpass
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Integer, String, cast, select, update
from sqlalchemy.orm import Session

from archiveviewer.app import index_sync
from archiveviewer.app.location import (  # noqa: F401  (re-exported: the archive's address lives there)
    APP_NAME,
    DB_FILE,
    ENV_ARCHIVE,
    GENERATION_KEY,
    INDEX_DIR,
    ArchiveLocation,
    cached_index_path,
    default_archive_dir,
    resolve_location,
)
from archiveviewer.search import whoosh_internals
from archiveviewer.search.index import INDEXNAME, IndexChanges, SearchIndex
from archiveviewer.storage.database import (
    StorageError,
    create_private_file,
    current_revision,
    describe_error,
    make_engine,
    make_sessionmaker,
    migrate,
)
from archiveviewer.storage.models import Meta
from archiveviewer.storage.privileges import lacks_write_privilege
from archiveviewer.tempfiles import remove_leftovers

log = logging.getLogger(__name__)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes/containers
        return "unknown"


class Archive:
    """Owns the engine, the session factory and the search index of one archive."""

    def __init__(self, location: ArchiveLocation):
        self.location = location
        self.created = False
        # Searching, reading and exporting work; every change is refused (a read-only folder or
        # mount here; the services check it before writing).
        self.read_only: bool = location.is_read_only()
        if location.folder is not None and not self.read_only:
            self._prepare_folder(location.folder)
        url = location.read_only_url() if self.read_only else location.url
        self.engine = make_engine(url, read_only=self.read_only)
        sqlite_file = location.folder / DB_FILE if location.folder else None
        try:
            if location.folder is None:  # a database server: new when it has no schema yet
                self.created = current_revision(self.engine) is None
            self.backup = migrate(self.engine, sqlite_file, read_only=self.read_only)
        except StorageError:
            self.engine.dispose()
            raise
        except Exception as exc:
            self.engine.dispose()
            # One line: the driver's own first line, not SQLAlchemy's wrapper and help link.
            reason = describe_error(exc, sqlite_file)
            raise StorageError(f"cannot open the archive at {location.describe()}: {reason}") from exc
        self.Session = make_sessionmaker(self.engine)
        # Detected once: every edit service refuses to write (ReadOnlyError) when True.
        self.read_only = self.read_only or lacks_write_privilege(self.engine)
        self.index = SearchIndex(self._index_path())
        self.user = current_user()
        if self.created:
            for _ in self.index.rebuild([], 0, 0):  # an empty archive has an empty, current index
                pass
        elif not self.read_only:
            clean_index_leftovers(self.index.path)

    def _prepare_folder(self, folder: Path) -> None:
        """Create a new archive folder and database file owner-only; an existing one keeps its modes."""
        if folder.exists() and not folder.is_dir():
            raise StorageError(f"{folder} is a file, not an archive folder")
        db = folder / DB_FILE
        self.created = not db.exists()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self.created:
                create_private_file(db)  # SQLite gives -wal and -shm the database file's mode
        except FileExistsError:
            pass  # another process created it a moment ago
        except OSError as exc:
            raise StorageError(f"cannot create the archive folder {folder}: {exc.strerror}") from exc

    def _index_path(self) -> Path:
        path = self.location.index_path
        if not self.read_only or self.location.folder is None:
            return path
        # The folder's own index serves while it reflects the database; a stale or missing one
        # cannot be rebuilt in a read-only folder, so a per-user cache holds the rebuilt copy.
        generation = self.generation()
        if SearchIndex(path).generation() == generation:
            return path
        return cached_index_path(str(self.location.folder))

    @classmethod
    def open(cls, archive: str | os.PathLike | None = None, db_url: str | None = None) -> Archive:
        return cls(resolve_location(archive, db_url))

    def close(self) -> None:
        self.index.close()
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def name(self) -> str:
        if self.location.folder is not None:
            return self.location.folder.name
        return self.location.describe()

    # -- the index generation: bumped in every transaction that changes searchable data

    def generation(self) -> int:
        with self.Session() as session:
            return _read_generation(session)

    @contextmanager
    def unit_of_work(self) -> Iterator[tuple[Session, IndexChanges]]:
        """One transaction on the database and the index together.

        The changed search keys are logged under the new generation in the
        same transaction (see `index_sync`). The index is patched only after
        the database committed, both under the index's write lock, so a
        reader in another process waits for the patch instead of taking the
        index for stale; a failure before the commit cancels both. An index
        that was behind catches up from the log; if the patch itself fails
        the index is marked stale and catches up (or is rebuilt) later.
        """
        if self.read_only:
            raise StorageError(f"the archive at {self.location.describe()} is read-only: it cannot be changed")
        session = self.Session()
        try:
            session.begin()
            generation = _bump_generation(session)
            changes = self.index.changes()
            yield session, changes
            index_sync.record_changes(session, generation, changes.keys())
            with self.index.write_lock:
                session.commit()
                if self.index.generation() == generation - 1:
                    self.index.apply(changes, generation)
                else:
                    self.catch_up_index()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def catch_up_index(self) -> bool:
        """Bring the index up to the database from the change log; False if only a rebuild can."""
        try:
            return index_sync.catch_up(self, _read_generation)
        except Exception:
            log.exception("search index catch-up failed; it will be rebuilt")
            return False


def clean_index_leftovers(root: Path) -> None:
    """Remove what a killed or disk-full write left in the index folder: temporary files of dead
    processes and Whoosh's MAIN.tmp folder, taken only while no writer holds Whoosh's lock."""
    removed = remove_leftovers(root)
    try:
        folders = [p for p in root.glob("ix-*") if p.is_dir()]
    except OSError:
        folders = []
    for folder in folders:
        removed += remove_leftovers(folder)
        leftovers = [p for p in folder.glob("*.tmp")]
        if not leftovers:
            continue
        lock = whoosh_internals.writer_lock(folder, INDEXNAME)
        try:
            if not lock.acquire(blocking=False):
                continue  # a writer is at work: its MAIN.tmp is live
        except OSError:
            continue
        try:
            for path in leftovers:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
                removed.append(path)
        finally:
            lock.release()
    if removed:
        log.info("removed %d leftover temporary file(s) from %s", len(removed), root)


def _read_generation(session: Session) -> int:
    value = session.scalar(select(Meta.value).where(Meta.key == GENERATION_KEY))
    return int(value) if value else 0


def _bump_generation(session: Session) -> int:
    """Increment the counter in one statement: the row lock makes concurrent clients of a
    team database take distinct generations (a read-then-write would let two claim the same)."""
    new = session.scalar(
        update(Meta)
        .where(Meta.key == GENERATION_KEY)
        .values(value=cast(cast(Meta.value, Integer) + 1, String))
        .returning(Meta.value)
    )
    if new is not None:
        return int(new)
    session.add(Meta(key=GENERATION_KEY, value="1"))
    session.flush()
    return 1
