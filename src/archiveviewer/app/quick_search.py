"""A search on a SQLite archive whose index is current, without opening the archive through SQLAlchemy.

The command line answers most searches this way: one SQLite query reads the
schema revision and the index generation, and the index is searched directly.
Whenever anything else is needed (a migration, a stale or missing index, a
read-only folder, a first start that seeds the sample) it returns None and
the caller opens the archive the ordinary way.
"""

from __future__ import annotations

import sqlite3

from archiveviewer.app.location import DB_FILE, GENERATION_KEY, SEEDED_KEY, ArchiveLocation
from archiveviewer.search.items import SearchResult
from archiveviewer.storage.revision import head_revision

_STATE = """
SELECT (SELECT version_num FROM alembic_version),
       (SELECT value FROM meta WHERE key = ?),
       (SELECT value FROM meta WHERE key = ?)
"""


def search_if_current(location: ArchiveLocation, query: str, limit: int, sort: str) -> SearchResult | None:
    """The result of `query`, or None when the archive must be opened the ordinary way first."""
    if location.folder is None:
        return None
    db = location.folder / DB_FILE
    if not db.is_file() or location.is_read_only():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            revision, generation, seeded = conn.execute(_STATE, (GENERATION_KEY, SEEDED_KEY)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # the ordinary path explains what is wrong
    if revision != head_revision() or (location.is_default and seeded is None):
        return None
    from archiveviewer.search.index import SearchIndex

    index = SearchIndex(location.index_path)
    try:
        if index.status(int(generation or 0)) is not None:
            return None
        return index.search(query, limit=limit, sort=sort)
    finally:
        index.close()
