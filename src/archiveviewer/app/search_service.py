"""Search use case: keeps the derived index in step with the database and runs queries."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import all_items, count_items
from archiveviewer.search.items import SearchResult

log = logging.getLogger(__name__)

# How often searches look whether other clients committed (one small query).
FRESHNESS_SECONDS = 2.0


class SearchService:
    def __init__(self, archive: Archive):
        self.archive = archive
        self._fresh_at = float("-inf")

    def keep_fresh(self) -> None:
        """Catch the index up with commits made elsewhere (another person, another process), at most
        every FRESHNESS_SECONDS: searches then find them without a restart or a rebuild."""
        now = time.monotonic()
        if now - self._fresh_at < FRESHNESS_SECONDS:
            return
        self._fresh_at = now
        try:
            have = self.archive.index.generation(allow_dirty=True)
            if have is not None and have < self.archive.generation():
                self.archive.catch_up_index()
        except Exception:
            # The index answers as it is; the next check at start or refresh says what is wrong.
            log.warning("could not check the search index against the database", exc_info=True)

    def index_problem(self) -> str | None:
        """None when the index reflects the database (caught up from the change log if need be), else why not.

        An index behind the database (another client's commit, a commit
        being applied by another process right now) catches up by
        re-deriving just the changed items, waiting for a commit in flight.
        """
        problem = self.archive.index.status(self.archive.generation())
        if problem == "stale" and self.archive.catch_up_index():
            return None
        return problem

    def rebuild_steps(self) -> Iterator[tuple[int, int]]:
        """Rebuild the index from the database, yielding (done, total).

        One rebuild at a time across processes: while another runs this waits
        (yielding (0, 0), so it can be cancelled) and then uses its result if
        that reflects the database, instead of rebuilding again.
        """
        lock = self.archive.index.rebuild_lock
        waited = False
        while not lock.acquire(timeout=0.25):
            waited = True
            yield (0, 0)
        try:
            if waited and self.archive.index.status(self.archive.generation(), verify=False) is None:
                return
            with self.archive.Session() as session:
                generation = self.archive.generation()
                total = count_items(session)
                yield from self.archive.index.rebuild(all_items(session), total, generation)
        finally:
            lock.release()

    def ensure_index(self) -> str | None:
        """Rebuild if needed; returns the reason it was rebuilt, or None."""
        reason = self.index_problem()
        if reason:
            for _ in self.rebuild_steps():
                pass
        return reason

    def search(
        self,
        query: str,
        limit: int = 20,
        sort: str = "relevance",
        offset: int = 0,
        kinds: set[str] | None = None,
        month: str | None = None,
        tag: str | None = None,
    ) -> SearchResult:
        """Hits of `query`; `kinds`, `month` ("YYYY-MM" or "undated") and `tag` are the Refine filters."""
        self.keep_fresh()
        return self.archive.index.search(
            query, limit=limit, sort=sort, offset=offset, kinds=kinds, month=month, tag=tag
        )

    def facets(
        self, query: str, kinds: set[str] | None = None, month: str | None = None, tag: str | None = None
    ) -> dict[str, dict[str, int]]:
        """Counts for the Refine panel, each recounted under the other active filters.

        Returns ``{"kind": {kind: n}, "month": {"YYYY-MM": n, ..., "undated": n},
        "tag": {tag: n}}``: kind counts under `month` and `tag`, month counts
        (ascending, the "undated" bucket last) under `kinds` and `tag`, tag
        counts (most frequent first; tags as normalized for search) under
        `kinds` and `month`. Picking any listed value on top of the active
        filters gives exactly that many hits from `search`. Values with no
        hits are omitted except an active filter's own value, listed with 0.
        """
        self.keep_fresh()
        return self.archive.index.facets(query, kinds=kinds, month=month, tag=tag)
