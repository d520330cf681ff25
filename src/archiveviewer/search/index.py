"""The search index: `SearchIndex`, exact full-text search over SearchItems kept in one folder.

The folder's layout, meta.json and crash-safe swaps live in `index_files`;
per-segment caches in `segment_cache`; matching in `matching`; BM25 scoring,
ordering and hits in `ranking`. This module ties them together: it owns the
open reader, rebuilds, incremental commits and the public queries.

Searching reads postings per segment directly (see `whoosh_internals.read_postings`),
verifies candidates of longer terms against normalized texts cached in
memory, and scores with BM25 itself; Whoosh's query and collector layers
are several times slower for this kind of exact substring search.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from whoosh.filedb.filestore import FileStorage

from . import bulk, index_files, matching, ranking, whoosh_internals
from .items import SearchItem, SearchResult
from .normalize import normalize
from .query import parse, positive_terms
from .query import query_terms as _query_terms
from .schema import SCHEMA_VERSION, build_schema, item_fields
from .segment_cache import CachedSegment, TextBudget, corpus_stats, refresh_segments

log = logging.getLogger(__name__)
T = TypeVar("T")

INDEXNAME = "MAIN"
# A segment holds at most this many postings (~8 bytes each while building).
SEGMENT_POSTINGS = 16_000_000
PROGRESS_EVERY = 250
TEXT_CACHE_CHARS = 48_000_000
# Incremental commits fold segments smaller than this into their new segment
# once there are MERGE_AT of them. Bigger ones are only ever replaced by a
# rebuild, so a commit never rewrites the bulk of the index.
SMALL_SEGMENT = 200
MERGE_AT = 8


class IndexUnavailableError(RuntimeError):
    """The index cannot answer: `reason` is what `status()` would report."""

    def __init__(self, reason: str):
        super().__init__(f"search index {reason}")
        self.reason = reason


class IndexChanges:
    """The changes of one `SearchIndex.writer` block, applied only if it succeeds."""

    def __init__(self) -> None:
        self.upserts: dict[str, SearchItem] = {}
        self.deletes: set[str] = set()
        # New items added as index fields (`add_new`), their postings collected as they come.
        self.new_keys: set[str] = set()
        self.new_segment: bulk.SegmentBuilder | None = None

    def upsert(self, items: Iterable[SearchItem]) -> None:
        for item in items:
            self._not_new(item.key)
            self.upserts[item.key] = item
            self.deletes.discard(item.key)

    def add_new(self, fields: Iterable[dict]) -> None:
        """Add items given as their index fields (`schema.item_fields` or `packed_fields`),
        each under a key that is new to the archive (rows inserted in this unit of work).

        Their postings are collected right away, in memory, so an import does this work
        while its worker processes are still parsing, not after the commit."""
        if self.new_segment is None:
            self.new_segment = bulk.SegmentBuilder.in_memory(build_schema())
        for f in fields:
            key = f["key"]
            if key in self.new_keys or key in self.upserts or key in self.deletes:
                raise ValueError(f"search key {key!r} is not new in this change")
            self.new_keys.add(key)
            self.new_segment.add(f)

    def _not_new(self, key: str) -> None:
        if key in self.new_keys:
            raise ValueError(f"search key {key!r} was added as new in this change")

    def delete(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._not_new(key)
            self.upserts.pop(key, None)
            self.deletes.add(key)

    def keys(self) -> list[str]:
        """Every key upserted, added or deleted."""
        return [*self.upserts, *self.new_keys, *self.deletes]

    def empty(self) -> bool:
        return not (self.upserts or self.new_keys or self.deletes)


class SearchIndex:
    """Exact Chinese/Latin full-text search over SearchItems, stored in `path`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._rebuilding = threading.Lock()
        # Across processes: one rebuild at a time (it clears leftover building-*
        # folders), and a commit is applied to the index under `write_lock`.
        self.rebuild_lock = index_files.FolderLock(self.path / "rebuild.lock")
        self.write_lock = index_files.FolderLock(self.path / "write.lock", create_folder=False)
        self._ix: Any = None  # whoosh FileIndex (untyped)
        self._dir: Path | None = None
        self._segs: list[tuple[CachedSegment, int]] = []
        self._seg_cache: dict[str, CachedSegment] = {}
        self._reader = None
        self._stamp: tuple | None = None
        self._ndocs = 0
        self._avgdl = 1.0
        # Verifying a longer query reads candidates' normalized texts; keeping
        # them makes the next query on them ~10x cheaper. ~2 bytes a character.
        self._budget = TextBudget(TEXT_CACHE_CHARS)

    def _mark_dirty(self) -> None:
        folder = index_files.current_dir(self.path)
        if folder is None:
            return
        try:
            index_files.mark_dirty(folder)
        except OSError:
            log.exception("could not mark the search index stale")

    # --- status -------------------------------------------------------------

    def status(self, expected_generation: int, verify: bool = True) -> str | None:
        """None if the index can be used as is; else "missing", "schema changed", "corrupt" or "stale".

        With `verify` (the default) every index file is checksummed against
        meta.json, which catches garbage anywhere (~40 ms per 100 MB when the
        files are in the page cache); without it only sizes and a structural
        probe are checked.
        """
        with self._lock:
            folder = index_files.current_dir(self.path)
            if folder is None:
                self._close_reader()
                return "missing"
            meta = index_files.read_meta(folder)
            if meta is None:
                self._close_reader()
                return "corrupt"
            if meta.get("schema") != SCHEMA_VERSION:
                self._close_reader()
                return "schema changed"
            try:
                index_files.check_files(folder, meta, verify)
                self._ensure_open(force=True)
                index_files.probe(self._segs, meta.get("docs"))
            except Exception:
                log.warning("search index is corrupt", exc_info=True)
                self._close_reader()
                return "corrupt"
            if meta.get("dirty") or meta.get("generation") != expected_generation:
                return "stale"
            return None

    def generation(self, allow_dirty: bool = False) -> int | None:
        """The generation the index reflects, or None if there is none (or it is known stale).

        With `allow_dirty`, the generation of the last change applied even if
        a later one failed: re-applying every change since then makes it whole.
        """
        folder = index_files.current_dir(self.path)
        meta = index_files.read_meta(folder) if folder is not None else None
        if not meta or (meta.get("dirty") and not allow_dirty) or meta.get("schema") != SCHEMA_VERSION:
            return None
        gen = meta.get("generation")
        return gen if isinstance(gen, int) else None

    # --- reader -------------------------------------------------------------

    def _ensure_open(self, force: bool = False) -> None:
        if self._reader is not None and not force:
            if self._stamp == index_files.stamp(self.path, self._dir):
                return
            # Another process (or Archive object) committed or rebuilt: read the new state.
            if index_files.current_dir(self.path) == self._dir:
                self._refresh()  # keeps the caches of unchanged segments
                return
            force = True
        folder = index_files.current_dir(self.path)
        if folder is None:
            self._close_reader()
            raise IndexUnavailableError("missing")
        if force or self._ix is None or self._dir != folder:
            self._close_reader()
            self._ix = FileStorage(str(folder)).open_index(INDEXNAME)
            self._dir = folder
        self._refresh()

    def _refresh(self) -> None:
        """Open a reader on the latest commit, keeping caches of unchanged segments."""
        ix = self._ix.refresh()
        self._ix = ix
        old = self._reader
        reader = ix.reader()
        if old is not None:
            with contextlib.suppress(Exception):  # a reader on removed files may fail to close; it is dropped anyway
                old.close()
        self._reader = reader
        self._stamp = index_files.stamp(self.path, self._dir)
        self._seg_cache, self._segs = refresh_segments(reader, self._seg_cache, self._budget)
        self._ndocs, self._avgdl = corpus_stats(self._segs)

    def _close_reader(self) -> None:
        if self._reader is not None:
            with contextlib.suppress(Exception):
                self._reader.close()
        self._reader = None
        self._ix = None
        self._dir = None
        for seg in self._seg_cache.values():
            self._budget.give(seg.norm)
        self._segs = []
        self._seg_cache = {}

    def close(self) -> None:
        """Release open files; the index can be used again afterwards."""
        with self._lock:
            self._close_reader()

    # --- rebuild ------------------------------------------------------------

    def rebuild(self, items: Iterable[SearchItem], total: int, generation: int) -> Iterator[tuple[int, int]]:
        """Build a complete new index from `items`, yielding (done, total); swap it in at the end.

        Closing the generator early abandons the new index and keeps the old one.
        """
        if not self._rebuilding.acquire(blocking=False):
            raise RuntimeError("a rebuild of this search index is already running")
        building = None
        builder = None
        locked = False
        try:
            # Another process rebuilding: wait (yielding, so the caller can cancel).
            while not self.rebuild_lock.acquire(timeout=0.25):
                yield (0, total)
            locked = True
            building = index_files.start_building(self.path)
            schema = build_schema()
            storage = FileStorage(str(building))
            storage.create_index(schema, indexname=INDEXNAME)
            codec = whoosh_internals.make_codec()
            segments = []
            builder = bulk.SegmentBuilder(storage, schema, INDEXNAME, codec)
            done = 0
            seen: set[str] = set()
            yield (0, total)
            for item in items:
                done += 1
                if item.key in seen:
                    log.warning("search rebuild: duplicate key %r skipped", item.key)
                    continue
                seen.add(item.key)
                builder.add(item_fields(item))
                if builder.postings_count >= SEGMENT_POSTINGS:
                    segments.append(builder.finish())
                    builder = bulk.SegmentBuilder(storage, schema, INDEXNAME, codec)
                if done % PROGRESS_EVERY == 0:
                    yield (done, max(total, done))
            if builder.docnum or not segments:
                segments.append(builder.finish())
            builder = None
            whoosh_internals.write_toc(storage, schema, segments, INDEXNAME)
            storage.close()
            # create_index() wrote an empty generation 0; the TOC above is generation 1.
            (building / whoosh_internals.toc_filename(INDEXNAME, 0)).unlink(missing_ok=True)
            for leftover in building.glob("*.tmp"):
                shutil.rmtree(leftover, ignore_errors=True)
            final = index_files.seal(building, generation, len(seen))
            building = None
            with self.write_lock, self._lock:
                self._close_reader()
                index_files.make_current(self.path, final)
            yield (done, max(total, done))
        finally:
            if builder is not None:
                builder.cancel()  # Windows cannot delete files still open
            if building is not None:
                shutil.rmtree(building, ignore_errors=True)
            if locked:
                self.rebuild_lock.release()
            self._rebuilding.release()

    # --- incremental updates -----------------------------------------------

    @contextmanager
    def writer(self, generation: int, expected_previous: int | None = None):
        """Collect upserts/deletes; apply them and record `generation` if the block succeeds.

        The index is patched only if it reflects `expected_previous` (by
        default ``generation - 1``); otherwise it already missed a change, so
        it is marked stale rather than made to look current. Index problems
        never raise into the caller's transaction: they are logged and the
        index is marked stale, so `status()` asks for a rebuild.
        """
        pending = IndexChanges()
        yield pending
        with self.write_lock:
            self.apply(pending, generation, expected_previous)

    @staticmethod
    def changes() -> IndexChanges:
        """An empty set of upserts/deletes for `apply` (what `writer` yields)."""
        return IndexChanges()

    def apply(
        self, pending: IndexChanges, generation: int, expected_previous: int | None = None, repair: bool = False
    ) -> bool:
        """Apply `pending` and record `generation`, if the index reflects `expected_previous`; True if applied.

        Callers in other processes may write too: hold `write_lock` around
        the database commit and this call. `repair` also patches an index
        marked stale (the changes then include everything it missed) and
        clears the mark. Never raises: a failure marks the index stale.
        """
        with self._lock:
            folder = index_files.current_dir(self.path)
            meta = index_files.read_meta(folder) if folder is not None else None
            if (
                folder is None
                or meta is None
                or meta.get("schema") != SCHEMA_VERSION
                or (meta.get("dirty") and not repair)
            ):
                return False  # nothing usable to patch; status() reports why
            if expected_previous is None:
                expected_previous = generation - 1
            if meta.get("generation") != expected_previous:
                self._mark_dirty()
                return False
            w = None
            try:
                self._ensure_open()
                if not pending.empty():
                    w = self._ix.writer(codec=whoosh_internals.make_codec())
                    for key in pending.deletes | set(pending.upserts):
                        w.delete_by_term("key", key)
                    # New documents go in through the merge hook, not add_document().
                    w.commit(mergetype=_NewSegment(list(pending.upserts.values()), pending.new_segment))
                    pending.new_segment = None
                    w = None
                    self._refresh()
                index_files.write_meta(folder, generation, self._ndocs)
                self._stamp = index_files.stamp(self.path, folder)
                return True
            except Exception:
                log.exception("search index update failed; it will be rebuilt")
                if w is not None:
                    with contextlib.suppress(Exception):
                        w.cancel()
                self._mark_dirty()
                self._close_reader()
                return False

    # --- public queries -------------------------------------------------------

    def _open_for_search(self) -> None:
        try:
            self._ensure_open()
        except IndexUnavailableError:
            raise
        except Exception as exc:
            self._close_reader()
            raise IndexUnavailableError("corrupt") from exc

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
        """Hits of `query` (limit 0 = all), by BM25 relevance or by date ascending.

        `kinds`, `month` ("YYYY-MM" or "undated") and `tag` narrow the hits
        as the Refine panel's filters do (see `facets`).
        """
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        matching.check_month(month)
        node = parse(query)
        terms = positive_terms(node)
        tag = _facet_tag(tag)

        def run() -> SearchResult:
            hits = matching.hits(self._segs, node, kinds, month, tag)
            scored = ranking.scores(self._segs, self._ndocs, self._avgdl, terms, hits)
            total = sum(len(scores) for _, _, scores in scored)
            want = total if limit <= 0 else min(total, offset + limit)
            page = ranking.order(scored, sort, want)[offset:]
            result = SearchResult(query=query, total=total)
            for score, seg, d in page:
                result.hits.append(ranking.make_hit(seg, d, score, terms))
            return result

        return self._reading("search", run)

    def count(self, query: str, kinds: set[str] | None = None, month: str | None = None, tag: str | None = None) -> int:
        """Number of hits of `query`, without ranking or snippets."""
        matching.check_month(month)
        node = parse(query)
        tag = _facet_tag(tag)
        return self._reading(
            "count", lambda: sum(len(docs) for _, _, docs in matching.hits(self._segs, node, kinds, month, tag))
        )

    def facets(
        self, query: str, kinds: set[str] | None = None, month: str | None = None, tag: str | None = None
    ) -> dict[str, dict[str, int]]:
        """Hit counts of `query` for the Refine panel, each facet recounted under the other active filters.

        Returns ``{"kind": {...}, "month": {...}, "tag": {...}}``:

        - ``"kind"``: kind name ("article", "entry", "document", "annotation")
          -> hits of that kind, counted under the `month` and `tag` filters;
        - ``"month"``: "YYYY-MM" (ascending) -> hits dated in that month, then
          ``"undated"`` -> hits without a date, counted under `kinds` and `tag`;
        - ``"tag"``: normalized tag -> hits carrying it, most frequent first,
          counted under `kinds` and `month`.

        So with the filters applied, every count equals the total `search`
        reports when that value is picked too. Values with no hits are left
        out, except an active filter's own value (listed with 0, so the panel
        can show it and let it be cleared).
        """
        matching.check_month(month)
        node = parse(query)
        tag = _facet_tag(tag)
        return self._reading("facets", lambda: matching.facet_counts(self._segs, node, kinds, month, tag))

    def _reading(self, what: str, run: Callable[[], T]) -> T:
        """`run()` on the open reader, under the lock; a failure there means the index is unreadable: the
        reader is closed (the next call opens it again) and IndexUnavailableError("corrupt") raised."""
        with self._lock:
            self._open_for_search()
            try:
                return run()
            except Exception as exc:
                log.exception("%s failed on the index", what)
                self._close_reader()
                raise IndexUnavailableError("corrupt") from exc

    def doc_count(self) -> int:
        """Number of items in the index."""
        with self._lock:
            self._open_for_search()
            return self._ndocs

    def _drop_query_caches(self) -> None:
        """Forget cached term results (benchmarks use this to time matching afresh)."""
        with self._lock:
            for seg, _ in self._segs:
                seg.terms.clear()

    @staticmethod
    def query_terms(query: str) -> list[str]:
        """The normalized positive terms of a query."""
        return _query_terms(query)


class _NewSegment:
    """Whoosh merge hook that writes a commit's new documents with `bulk.SegmentBuilder`.

    Whoosh's writer (and its merges) sorts all postings of a commit in one
    ``sorted()`` call, which holds the GIL for hundreds of milliseconds on a
    big import and so freezes the GUI thread; the builder works in short
    steps and is ~10x faster. Small segments are folded into the new one once
    there are MERGE_AT of them; big ones are only replaced by rebuilds.
    """

    def __init__(self, items: list[SearchItem], new_segment: bulk.SegmentBuilder | None = None):
        self.items = items
        self.new_segment = new_segment  # documents collected before the commit (`IndexChanges.add_new`)

    def __call__(self, writer, segments):
        storage, schema, indexname = whoosh_internals.writer_parts(writer)
        small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
        if len(small) < MERGE_AT:
            small = []
        builder = self.new_segment
        self.new_segment = None
        try:
            if builder is None:
                builder = bulk.SegmentBuilder(storage, schema, indexname, whoosh_internals.make_codec())
            else:
                builder.attach(storage, indexname, whoosh_internals.make_codec())
            for seg in small:
                reader = whoosh_internals.segment_reader(storage, schema, seg)
                try:
                    for d in reader.all_doc_ids():
                        builder.add(item_fields(_stored_item(reader.stored_fields(d)["doc"])))
                finally:
                    reader.close()
            for item in self.items:
                builder.add(item_fields(item))
            keep = [s for s in segments if not any(s is m for m in small) and s.doc_count() > 0]
            if builder.docnum:
                keep.append(builder.finish())
                builder = None
            return keep
        finally:
            if builder is not None:
                builder.cancel()  # its files are unreferenced; Whoosh's commit deletes them


def _facet_tag(tag: str | None) -> str | None:
    """A tag filter as the index holds tags (normalized); None for no filter."""
    if tag is None:
        return None
    return normalize(tag)


def _stored_item(doc: tuple) -> SearchItem:
    key, kind, title, text, date, document_id, entity_id, source, tags, authors, title_matches = doc
    return SearchItem(
        key, kind, title, text, date, document_id, entity_id, source, tuple(tags), tuple(authors), title_matches
    )
