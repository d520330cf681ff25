"""Search use case: keeps the derived index in step with the database and runs queries."""

from __future__ import annotations

from collections.abc import Iterator

from archiveviewer.app.archive import Archive
from archiveviewer.app.search_items import all_items, count_items
from archiveviewer.search.items import SearchResult


class SearchService:
    def __init__(self, archive: Archive):
        self.archive = archive

    def index_problem(self) -> str | None:
        """None when the index reflects the database; else why it must be rebuilt."""
        return self.archive.index.status(self.archive.generation())

    def rebuild_steps(self) -> Iterator[tuple[int, int]]:
        """Rebuild the index from the database, yielding (done, total)."""
        with self.archive.Session() as session:
            generation = self.archive.generation()
            total = count_items(session)
            yield from self.archive.index.rebuild(all_items(session), total, generation)

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
        return self.archive.index.facets(query, kinds=kinds, month=month, tag=tag)
