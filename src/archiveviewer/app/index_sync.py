"""Keeps a search index in step with the database from the change log, without full rebuilds.

Every unit of work records, under its new generation, the search keys it
upserted or deleted (table ``index_change``). An index whose generation is
behind the database's (another person's commit on a team database, another
process's commit it has not seen, an index update that failed) re-derives
just those items from the database. Only when the log does not reach back
to the index's generation is a full rebuild needed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from archiveviewer.app.search_items import items_for_keys
from archiveviewer.storage.models import IndexChange

log = logging.getLogger(__name__)

# Generations kept in the log; an index further behind than this is rebuilt.
KEEP_GENERATIONS = 2000


def record_changes(session: Session, generation: int, keys: Iterable[str]) -> None:
    """Log the keys a unit of work changed under its generation, and drop entries too old to matter."""
    session.add(IndexChange(generation=generation, keys="\n".join(sorted(set(keys)))))
    if generation % 100 == 0:
        session.execute(delete(IndexChange).where(IndexChange.generation <= generation - KEEP_GENERATIONS))


def changed_keys(session: Session, since: int, until: int) -> set[str] | None:
    """The keys changed by generations since+1 .. until; None if the log misses any of them."""
    rows = session.execute(
        select(IndexChange.generation, IndexChange.keys).where(
            IndexChange.generation > since, IndexChange.generation <= until
        )
    ).all()
    if len(rows) != until - since:
        return None
    keys: set[str] = set()
    for _generation, text in rows:
        keys.update(k for k in text.split("\n") if k)
    return keys


def catch_up(archive, read_generation) -> bool:
    """Bring `archive.index` up to the database's generation from the log; False if it cannot (rebuild then).

    Holds the index's write lock, so no commit of this machine is applied
    meanwhile. Items are read after the generation: if another client
    commits in between, the items are newer than the generation recorded,
    and the next catch-up re-reads them, so the index never claims more
    than it holds.
    """
    index = archive.index
    with index.write_lock:
        have = index.generation(allow_dirty=True)
        if have is None:
            return False
        with archive.Session() as session:
            target = read_generation(session)
            if have == target:
                return index.generation() == target  # a dirty index at the database's generation: rebuild
            if have > target:
                return False
            keys = changed_keys(session, have, target)
            if keys is None:
                return False
            pending = index.changes()
            for key, item in items_for_keys(session, keys):
                if item is None:
                    pending.delete([key])
                else:
                    pending.upsert([item])
        applied = index.apply(pending, target, expected_previous=have, repair=True)
        if applied:
            log.info("search index caught up from generation %d to %d (%d items)", have, target, len(keys))
        return applied
