"""The search index: a folder holding a Whoosh index plus a small JSON of schema version and generation.

Layout of the folder given to `SearchIndex`::

    CURRENT            name of the live subfolder (replaced atomically)
    ix-<hex>/          a complete Whoosh index and its meta.json
    building-<hex>/    a rebuild in progress (removed when done or abandoned)

A rebuild writes a fresh ``building-*`` folder, renames it to ``ix-*`` and only
then points ``CURRENT`` at it, so a crash leaves the old index or none, never
half of one. ``meta.json`` (schema version, generation, document count, size
and CRC-32 of every file) is rewritten atomically after every commit.

Searching reads postings per segment directly (see `bulk.read_postings`),
verifies candidates of longer terms against normalized texts cached in
memory, and scores with BM25 itself; Whoosh's query and collector layers
are several times slower for this kind of exact substring search.
"""

from __future__ import annotations

import heapq
import json
import logging
import math
import os
import shutil
import sys
import threading
import uuid
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from operator import itemgetter
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from . import bulk
from .highlight import highlight_spans as _highlight_spans
from .highlight import make_snippet, word_regex
from .items import QuerySyntaxError, SearchHit, SearchItem, SearchResult
from .normalize import WORD_RE, normalize, words
from .query import And, AuthorHas, KindIs, Not, Or, TagIs, Term, parse, positive_terms
from .query import query_terms as _query_terms
from .schema import KIND_CODE, KIND_NAME, SCHEMA_VERSION, build_schema, is_indexed_gram, item_fields

log = logging.getLogger(__name__)

K1 = 1.2
B = 0.75
TITLE_BOOST = 2.0
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


class _Seg:
    """What a search needs from one segment, cached while the segment lives."""

    def __init__(self, reader, segid: str, budget: _TextBudget):
        self.segid = segid
        self.budget = budget
        self.reader = reader
        self.deleted = -1
        self.live: set[int] | None = None
        self.total_len = 0
        self.columns: dict[str, array] = {}
        self.norm: list[str | None] = []
        self._ntext = None
        self._norms: list[float] = []
        self._norms_for = -1.0
        self.terms: dict = {}
        self.authors: list[tuple[str, bytes]] | None = None

    def attach(self, reader) -> None:
        """Use a fresh reader of the same segment; deletions may have changed."""
        self.reader = reader
        if self.norm:
            self._ntext = reader.column_reader("ntext", translate=False) if reader.has_column("ntext") else None
        deleted = reader.segment().deleted_count()
        if deleted != self.deleted:
            self.deleted = deleted
            self.live = None
            self.terms.clear()

    def remember(self, key, value) -> None:
        """Cache one term's or filter's result; the oldest go first beyond 256."""
        if len(self.terms) >= 256:
            self.terms.pop(next(iter(self.terms)))
        self.terms[key] = value

    def length_norms(self, avgdl: float) -> list[float]:
        """BM25's per-document length normalisation, K1 * (1 - B + B * dl / avgdl)."""
        if self._norms_for != avgdl:
            a = K1 * (1 - B)
            c = K1 * B / avgdl
            self._norms = [a + c * dl for dl in self.column("nlen")]
            self._norms_for = avgdl
        return self._norms

    def column(self, name: str) -> array:
        col = self.columns.get(name)
        if col is None:
            col = self.columns[name] = _read_column(self.reader, name)
        return col

    def universe(self) -> set[int]:
        if self.live is None:
            self.live = set(self.reader.all_doc_ids())
            lengths = self.column("nlen")
            if len(self.live) == len(lengths):
                self.total_len = sum(lengths)
            else:
                self.total_len = sum(lengths[d] for d in self.live)
        return self.live

    def _ensure_norm(self) -> list[str | None]:
        if not self.norm:
            self.norm.extend([None] * self.reader.doc_count_all())
            self._ntext = (
                self.reader.column_reader("ntext", translate=False) if self.reader.has_column("ntext") else None
            )
        return self.norm

    def text(self, docnum: int) -> str:
        """The normalized searched text of a document (title + "\\n" + text)."""
        norm = self._ensure_norm()
        n = norm[docnum]
        if n is None:
            if self._ntext is not None:
                n = self._ntext[docnum].decode("utf-8")
            else:  # pragma: no cover - documents written without the column
                doc = self.reader.stored_fields(docnum)["doc"]
                n = normalize(doc[2] + "\n" + doc[3])
            if self.budget.take(len(n)):
                norm[docnum] = n
        return n

    def texts(self, docnums: list[int]) -> list[str]:
        """Normalized texts of many documents, in the order given."""
        norm = self._ensure_norm()
        if any(norm[d] is None for d in docnums):
            return [self.text(d) for d in docnums]
        return [norm[d] for d in docnums]


class _TextBudget:
    """Caps the normalized texts one index keeps in memory (in characters)."""

    def __init__(self, chars: int):
        self.left = chars

    def take(self, n: int) -> bool:
        if self.left < n:
            return False
        self.left -= n
        return True

    def give(self, texts) -> None:
        self.left += sum(len(t) for t in texts if t is not None)


def _read_column(reader, name: str) -> array:
    count = reader.doc_count_all()
    cr = reader.column_reader(name, translate=False) if reader.has_column(name) else None
    if cr is None:
        return array("I", bytes(4 * count))
    try:
        typecode = cr._typecode
        raw = cr._dbfile.get(cr._basepos, cr._count * cr._fixedlen)
        values = array(typecode)
        values.frombytes(raw)
        if sys.byteorder == "little" and values.itemsize > 1:
            values.byteswap()  # columns are stored big-endian
        if len(values) < count:
            values.extend([cr._default] * (count - len(values)))
        return values
    except AttributeError:  # pragma: no cover - other codec internals
        return array("q", list(cr))


class _Pending:
    """The changes of one `SearchIndex.writer` block, applied only if it succeeds."""

    def __init__(self):
        self.upserts: dict[str, SearchItem] = {}
        self.deletes: set[str] = set()

    def upsert(self, items: Iterable[SearchItem]) -> None:
        for item in items:
            self.upserts[item.key] = item
            self.deletes.discard(item.key)

    def delete(self, keys: Iterable[str]) -> None:
        for key in keys:
            self.upserts.pop(key, None)
            self.deletes.add(key)


class SearchIndex:
    """Exact Chinese/Latin full-text search over SearchItems, stored in `path`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._rebuilding = threading.Lock()
        self._ix = None
        self._dir: Path | None = None
        self._segs: list[tuple[_Seg, int]] = []
        self._seg_cache: dict[str, _Seg] = {}
        self._reader = None
        self._ndocs = 0
        self._avgdl = 1.0
        # Verifying a longer query reads candidates' normalized texts; keeping
        # them makes the next query on them ~10x cheaper. ~2 bytes a character.
        self._budget = _TextBudget(TEXT_CACHE_CHARS)

    # --- folder and meta ----------------------------------------------------

    def _current_dir(self) -> Path | None:
        try:
            name = (self.path / "CURRENT").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        if not name.startswith("ix-") or "/" in name or "\\" in name:
            return None
        folder = self.path / name
        return folder if folder.is_dir() else None

    @staticmethod
    def _read_meta(folder: Path) -> dict | None:
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    @staticmethod
    def _index_files(folder: Path) -> list[Path]:
        return [
            p
            for p in folder.iterdir()
            if p.is_file() and p.name != "meta.json" and "LOCK" not in p.name and not p.name.endswith(".tmp")
        ]

    def _write_meta(self, folder: Path, generation: int | None, docs: int, dirty: bool = False) -> None:
        # Whoosh never rewrites a file, so checksums of files seen before carry over.
        old = (self._read_meta(folder) or {}).get("files", {})
        files = {}
        for p in self._index_files(folder):
            size = p.stat().st_size
            prev = old.get(p.name)
            if isinstance(prev, list) and len(prev) == 2 and prev[0] == size:
                files[p.name] = prev
            else:
                files[p.name] = [size, _crc32(p)]
        meta = {
            "schema": SCHEMA_VERSION,
            "generation": generation,
            "docs": docs,
            "dirty": dirty,
            "files": files,
        }
        _atomic_write(folder / "meta.json", json.dumps(meta, indent=1, sort_keys=True))

    def _mark_dirty(self) -> None:
        folder = self._current_dir()
        if folder is None:
            return
        try:
            meta = self._read_meta(folder) or {}
            meta["dirty"] = True
            _atomic_write(folder / "meta.json", json.dumps(meta, indent=1, sort_keys=True))
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
            folder = self._current_dir()
            if folder is None:
                self._close_reader()
                return "missing"
            meta = self._read_meta(folder)
            if meta is None:
                self._close_reader()
                return "corrupt"
            if meta.get("schema") != SCHEMA_VERSION:
                self._close_reader()
                return "schema changed"
            try:
                expected = meta.get("files")
                if not isinstance(expected, dict) or not expected:
                    raise ValueError("meta.json lists no files")
                for name, (size, crc) in expected.items():
                    p = folder / name
                    if p.stat().st_size != size:
                        raise ValueError(f"{name} changed size")
                    if verify and _crc32(p) != crc:
                        raise ValueError(f"{name} changed content")
                self._ensure_open(force=True)
                self._probe(meta)
            except Exception:
                log.warning("search index is corrupt", exc_info=True)
                self._close_reader()
                return "corrupt"
            if meta.get("dirty") or meta.get("generation") != expected_generation:
                return "stale"
            return None

    def _probe(self, meta: dict) -> None:
        """Touch every file of every segment so damage shows now, not mid-search."""
        total = 0
        for seg, _base in self._segs:
            reader = seg.reader
            ids = list(reader.all_doc_ids())
            total += len(ids)
            for d in {ids[0], ids[len(ids) // 2], ids[-1]} if ids else ():
                doc = reader.stored_fields(d)["doc"]
                if not isinstance(doc, tuple) or len(doc) != 10:
                    raise ValueError("bad stored document")
                # The document's own key must be findable through the term table.
                key_ids, _ = bulk.read_postings(reader, "key", doc[0].encode("utf-8"))
                if d not in key_ids:
                    raise ValueError("term table does not match stored documents")
                text = seg.text(d)
                for gram in (text[:1], text[-1:]):
                    if gram and is_indexed_gram(gram):
                        gids, _ = bulk.read_postings(reader, "t", gram.encode("utf-8"))
                        if d not in gids:
                            raise ValueError("postings do not match stored documents")
            for name in ("nlen", "tlen", "kindc", "date"):
                if len(seg.column(name)) != reader.doc_count_all():
                    raise ValueError("bad column")
            for fieldname in ("t", "tt", "kind", "key"):
                # Read the first and last posting lists of the term table.
                terms = reader.lexicon(fieldname)
                first = next(iter(terms), None)
                if first is not None:
                    bulk.read_postings(reader, fieldname, first)
        if total != meta.get("docs"):
            raise ValueError("document count does not match meta.json")

    def generation(self) -> int | None:
        """The generation the index reflects, or None if there is none (or it is known stale)."""
        folder = self._current_dir()
        meta = self._read_meta(folder) if folder is not None else None
        if not meta or meta.get("dirty") or meta.get("schema") != SCHEMA_VERSION:
            return None
        gen = meta.get("generation")
        return gen if isinstance(gen, int) else None

    # --- reader -------------------------------------------------------------

    def _ensure_open(self, force: bool = False) -> None:
        if self._reader is not None and not force:
            return
        folder = self._current_dir()
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
            try:
                old.close()
            except Exception:
                pass
        self._reader = reader
        leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
        cache = {}
        segs = []
        for leaf, base in leaves:
            if leaf.segment() is None:
                continue  # Whoosh's EmptyReader: the last document was deleted
            segid = leaf.segment().segment_id()
            seg = self._seg_cache.get(segid) or _Seg(leaf, segid, self._budget)
            seg.attach(leaf)
            cache[segid] = seg
            segs.append((seg, base))
        for segid, seg in self._seg_cache.items():
            if segid not in cache:
                self._budget.give(seg.norm)
        self._seg_cache = cache
        self._segs = segs
        ndocs = 0
        total = 0
        for seg, _ in segs:
            ndocs += len(seg.universe())
            total += seg.total_len
        self._ndocs = ndocs
        self._avgdl = total / ndocs if ndocs else 1.0

    def _close_reader(self) -> None:
        if self._reader is not None:
            try:
                self._reader.close()
            except Exception:
                pass
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
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            for stale in self.path.glob("building-*"):
                shutil.rmtree(stale, ignore_errors=True)
            token = uuid.uuid4().hex[:12]
            building = self.path / f"building-{token}"
            building.mkdir()
            schema = build_schema()
            storage = FileStorage(str(building))
            storage.create_index(schema, indexname=INDEXNAME)
            codec = bulk.make_codec()
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
            TOC(schema, segments, 1).write(storage, INDEXNAME)
            storage.close()
            (building / f"_{INDEXNAME}_0.toc").unlink(missing_ok=True)
            for leftover in building.glob("*.tmp"):
                shutil.rmtree(leftover, ignore_errors=True)
            self._write_meta(building, generation, len(seen))
            _fsync_tree(building)
            final = self.path / f"ix-{token}"
            os.replace(building, final)
            building = None
            with self._lock:
                self._close_reader()
                _atomic_write(self.path / "CURRENT", final.name)
                self._remove_old_folders(keep=final.name)
            yield (done, max(total, done))
        finally:
            if builder is not None:
                builder.cancel()  # Windows cannot delete files still open
            if building is not None:
                shutil.rmtree(building, ignore_errors=True)
            self._rebuilding.release()

    def _remove_old_folders(self, keep: str) -> None:
        for folder in self.path.glob("ix-*"):
            if folder.name != keep:
                # On Windows a file still mapped elsewhere cannot go yet; the
                # next rebuild tries again.
                shutil.rmtree(folder, ignore_errors=True)

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
        pending = _Pending()
        yield pending
        self._apply(pending, generation, expected_previous)

    def _apply(self, pending: _Pending, generation: int, expected_previous: int | None) -> None:
        with self._lock:
            folder = self._current_dir()
            meta = self._read_meta(folder) if folder is not None else None
            if meta is None or meta.get("schema") != SCHEMA_VERSION or meta.get("dirty"):
                return  # nothing usable to patch; status() reports why
            if expected_previous is None:
                expected_previous = generation - 1
            if meta.get("generation") != expected_previous:
                self._mark_dirty()
                return
            w = None
            try:
                self._ensure_open()
                if pending.upserts or pending.deletes:
                    w = self._ix.writer(codec=bulk.make_codec())
                    for key in pending.deletes | set(pending.upserts):
                        w.delete_by_term("key", key)
                    # New documents go in through the merge hook, not add_document().
                    w.commit(mergetype=_NewSegment(list(pending.upserts.values())))
                    w = None
                    self._refresh()
                self._write_meta(folder, generation, self._ndocs)
            except Exception:
                log.exception("search index update failed; it will be rebuilt")
                if w is not None:
                    try:
                        w.cancel()
                    except Exception:
                        pass
                self._mark_dirty()
                self._close_reader()

    # --- evaluation -----------------------------------------------------------

    def _open_for_search(self) -> None:
        try:
            self._ensure_open()
        except IndexUnavailableError:
            raise
        except Exception as exc:
            self._close_reader()
            raise IndexUnavailableError("corrupt") from exc

    def _term_docs(self, seg: _Seg, term: Term) -> dict[int, tuple[float, float]]:
        """Every live document matching `term`: docnum -> (count in text, count in title)."""
        cache_key = (term.text, term.title_only)
        hit = seg.terms.get(cache_key)
        if hit is not None:
            return hit
        result = self._match_term(seg, term)
        seg.remember(cache_key, result)
        return result

    def _match_term(self, seg: _Seg, term: Term) -> dict[int, tuple[float, float]]:
        q = term.text
        field = "tt" if term.title_only else "t"
        reader = seg.reader
        substring = term.cjk
        ws = words(q)
        # Without CJK a term must sit on word boundaries, which postings of a
        # gram alone cannot promise when the term starts or ends in a word.
        bounded = not substring and (_starts_word(q) or _ends_word(q))
        if (not substring and ws == [q]) or (len(q) <= 2 and is_indexed_gram(q) and not bounded):
            # One index term: its postings are the exact answer, weights the counts.
            qb = q.encode("utf-8")
            ids, weights = bulk.read_postings(reader, field, qb)
            if term.title_only:
                return dict(zip(ids, zip(weights, weights)))
            out = dict(zip(ids, zip(weights, repeat(0.0))))
            tids, tweights = bulk.read_postings(reader, "tt", qb)
            for d, w in zip(tids, tweights):
                if d in out:
                    out[d] = (out[d][0], w)
            return out
        keys = [g for g in {q[i : i + 2] for i in range(len(q) - 1)} if is_indexed_gram(g)]
        if not keys:
            # No bigram without a space ("_ _", "a ,"): single gram characters still narrow.
            keys = [c for c in set(q) if is_indexed_gram(c)]
        if substring:
            # Inside a substring only words with a non-word character on both
            # sides are whole words of the text.
            keys += [m.group() for m in WORD_RE.finditer(q) if m.start() > 0 and m.end() < len(q)]
        else:
            keys += ws
        cands = self._candidates(seg, field, keys)
        if not cands:
            return {}
        texts = seg.texts(cands)
        tlen = seg.column("tlen")
        if substring:
            counts = [t.count(q) for t in texts]
        else:
            findall = word_regex(q).findall
            counts = [len(findall(t)) for t in texts]
        if term.title_only:
            out = {}
            for d, t in zip(cands, texts):
                c = t.count(q, 0, tlen[d]) if substring else len(findall(t, 0, tlen[d]))
                if c:
                    out[d] = (c, c)
            return out
        out = {d: (c, 0) for d, c in zip(cands, counts) if c}
        # Titles are short: only those holding the rarest key can hold the term.
        if keys:
            rare = min(keys, key=lambda k: reader.doc_frequency("tt", k.encode("utf-8")))
            in_titles = bulk.read_postings(reader, "tt", rare.encode("utf-8"))[0]
        else:
            in_titles = list(out)
        for d in in_titles:
            v = out.get(d)
            if v is not None:
                t = seg.text(d)
                c = t.count(q, 0, tlen[d]) if substring else len(findall(t, 0, tlen[d]))
                if c:
                    out[d] = (v[0], c)
        return out

    @staticmethod
    def _candidates(seg: _Seg, field: str, keys: list[str]) -> Iterable[int]:
        """Documents containing all of the rarest few index terms (a superset of the matches)."""
        if not keys:
            return sorted(seg.universe())  # nothing indexed to narrow by (not expected)
        reader = seg.reader
        encoded = sorted((reader.doc_frequency(field, k.encode("utf-8")), k.encode("utf-8")) for k in keys)
        if encoded[0][0] == 0:
            return ()
        ids, _ = bulk.read_postings(reader, field, encoded[0][1])
        cands: Iterable[int] = ids
        for df, kb in encoded[1:4]:
            # Another posting list pays off only while it is not much longer
            # than the candidates it would thin out.
            if len(cands) <= 16 or df > 12 * len(cands):
                break
            more, _ = bulk.read_postings(reader, field, kb)
            cands = sorted(set(cands).intersection(more))
        return cands

    def _filter_docs(self, seg: _Seg, node) -> set[int]:
        cache_key = node
        hit = seg.terms.get(cache_key)
        if hit is not None:
            return hit
        reader = seg.reader
        if isinstance(node, KindIs):
            out: set[int] = set()
            for kind in node.kinds:
                out.update(bulk.read_postings(reader, "kind", kind.encode("utf-8"))[0])
        elif isinstance(node, TagIs):
            out = set(bulk.read_postings(reader, "tag", node.tag.encode("utf-8"))[0])
        elif isinstance(node, AuthorHas):
            if seg.authors is None:
                seg.authors = [(b.decode("utf-8"), b) for b in reader.lexicon("author")]
            out = set()
            for name, b in seg.authors:
                if node.text in name:
                    out.update(bulk.read_postings(reader, "author", b)[0])
        else:  # DateIn
            dates = seg.column("date")
            lo, hi = node.start, node.end
            out = {d for d in seg.universe() if lo <= dates[d] <= hi and dates[d]}
        seg.remember(cache_key, out)
        return out

    def _eval(self, seg: _Seg, node, restrict: set[int] | None = None) -> set[int]:
        if isinstance(node, Term):
            docs = self._term_docs(seg, node).keys()
            return set(docs) if restrict is None else restrict.intersection(docs)
        if isinstance(node, Not):
            base = seg.universe() if restrict is None else restrict
            return base - self._eval(seg, node.child, base)
        if isinstance(node, Or):
            out: set[int] = set()
            for child in node.children:
                out |= self._eval(seg, child, restrict)
            return out
        if isinstance(node, And):
            positives = [c for c in node.children if not isinstance(c, Not)]
            negatives = [c for c in node.children if isinstance(c, Not)]
            result = restrict
            for child in positives:
                docs = self._eval(seg, child, result)
                result = docs
                if not result:
                    return set()
            if result is None:
                result = set(seg.universe())
            for child in negatives:
                if not result:
                    break
                result = result - self._eval(seg, child.child, result)
            return result
        docs = self._filter_docs(seg, node)
        return set(docs) if restrict is None else restrict.intersection(docs)

    def _hits(self, node, kinds: set[str] | None, month: str | None) -> list[tuple[_Seg, int, set[int]]]:
        out = []
        codes = None if kinds is None else {KIND_CODE.get(k, -1) for k in kinds}
        if month is not None:
            mlo = _month_start(month)
            mhi = mlo + 99
        for seg, base in self._segs:
            docs = self._eval(seg, node)
            if codes is not None:
                kc = seg.column("kindc")
                docs = {d for d in docs if kc[d] in codes}
            if month is not None:
                dates = seg.column("date")
                docs = {d for d in docs if mlo <= dates[d] <= mhi}
            out.append((seg, base, docs))
        return out

    def _scores(self, terms: list[Term], hits) -> list[tuple[_Seg, int, dict[int, float]]]:
        """Per segment: (segment, docbase, {docnum: score}) in docnum order; BM25 over the positive terms."""
        n = self._ndocs or 1
        avgdl = self._avgdl or 1.0
        idfs = []
        for term in terms:
            df = sum(len(self._term_docs(seg, term)) for seg, _ in self._segs)
            idfs.append(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        boost = TITLE_BOOST - 1.0
        out = []
        for seg, base, docs in hits:
            if not docs:
                continue
            # Sorted insertion makes ties come out in index order, stably.
            scores = dict.fromkeys(sorted(docs), 0.0)
            normf = seg.length_norms(avgdl)
            for term, idf in zip(terms, idfs):
                tdocs = self._term_docs(seg, term)
                c = idf * (K1 + 1)
                if len(scores) <= len(tdocs):
                    get = tdocs.get
                    for d in scores:
                        v = get(d)
                        if v is not None:
                            w = v[0] + boost * v[1]
                            scores[d] += c * w / (w + normf[d])
                else:
                    for d, v in tdocs.items():
                        if d in scores:
                            w = v[0] + boost * v[1]
                            scores[d] += c * w / (w + normf[d])
            out.append((seg, base, scores))
        return out

    def _order(self, scored, sort: str, want: int) -> list[tuple[float, _Seg, int]]:
        """The first `want` hits as (score, segment, docnum) in the requested order."""
        if sort == "relevance":
            picked = []
            for seg, base, scores in scored:
                top = heapq.nlargest(want, scores.items(), key=itemgetter(1))
                picked.extend((-s, base + d, s, seg, d) for d, s in top)
        else:
            picked = []
            for seg, base, scores in scored:
                dates = seg.column("date")
                # Undated items sort after every date.
                keyed = (((dates[d] or 99_999_999), -s, base + d, s, seg, d) for d, s in scores.items())
                picked.extend(heapq.nsmallest(want, keyed))
        picked.sort(key=lambda h: h[:-3] if sort == "date" else h[:2])
        return [(h[-3], h[-2], h[-1]) for h in picked[:want]]

    # --- public queries -------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        sort: str = "relevance",
        offset: int = 0,
        kinds: set[str] | None = None,
        month: str | None = None,
    ) -> SearchResult:
        """Hits of `query` (limit 0 = all), by BM25 relevance or by date ascending."""
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        if month is not None:
            _month_start(month)
        node = parse(query)
        terms = positive_terms(node)
        with self._lock:
            self._open_for_search()
            try:
                hits = self._hits(node, kinds, month)
                scored = self._scores(terms, hits)
                total = sum(len(scores) for _, _, scores in scored)
                want = total if limit <= 0 else min(total, offset + limit)
                page = self._order(scored, sort, want)[offset:]
                result = SearchResult(query=query, total=total)
                for score, seg, d in page:
                    result.hits.append(self._hit(seg, d, score, terms))
                return result
            except Exception as exc:
                log.exception("search failed on the index")
                self._close_reader()
                raise IndexUnavailableError("corrupt") from exc

    def count(self, query: str, kinds: set[str] | None = None, month: str | None = None) -> int:
        """Number of hits of `query`, without ranking or snippets."""
        if month is not None:
            _month_start(month)
        node = parse(query)
        with self._lock:
            self._open_for_search()
            try:
                return sum(len(docs) for _, _, docs in self._hits(node, kinds, month))
            except Exception as exc:
                log.exception("count failed on the index")
                self._close_reader()
                raise IndexUnavailableError("corrupt") from exc

    def facets(self, query: str) -> dict[str, dict[str, int]]:
        """Counts of all hits of `query` by kind and by month ("YYYY-MM"; undated items are not counted by month)."""
        node = parse(query)
        with self._lock:
            self._open_for_search()
            try:
                kinds: Counter[str] = Counter()
                months: Counter[int] = Counter()
                for seg, _base, docs in self._hits(node, None, None):
                    kc = seg.column("kindc")
                    dates = seg.column("date")
                    kinds.update(kc[d] for d in docs)
                    months.update(dates[d] // 100 for d in docs)
            except Exception as exc:
                log.exception("facets failed on the index")
                self._close_reader()
                raise IndexUnavailableError("corrupt") from exc
        return {
            "kind": {KIND_NAME.get(code, "other"): c for code, c in sorted(kinds.items())},
            "month": {f"{m // 100:04d}-{m % 100:02d}": c for m, c in sorted(months.items()) if m},
        }

    def _hit(self, seg: _Seg, docnum: int, score: float, terms: list[Term]) -> SearchHit:
        key, kind, title, text, date, document_id, entity_id, source, _tags, _authors = seg.reader.stored_fields(docnum)["doc"]
        snippet, highlights = make_snippet(title, text, terms)
        return SearchHit(
            key=key,
            kind=kind,
            title=title,
            date=date,
            document_id=document_id,
            entity_id=entity_id,
            source=source,
            snippet=snippet,
            highlights=highlights,
            score=round(score, 6),
        )

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
    def highlight_spans(query: str, text: str) -> list[tuple[int, int]]:
        """Spans in an original text of every match of the query's positive terms."""
        return _highlight_spans(query, text)

    @staticmethod
    def query_terms(query: str) -> list[str]:
        """The normalized positive terms of a query."""
        return _query_terms(query)


def _month_start(month: str) -> int:
    """"YYYY-MM" as YYYYMM00; ValueError for anything else."""
    y, sep, m = month.partition("-")
    if not (sep and len(y) == 4 and y.isdigit() and m.isdigit() and 1 <= int(m) <= 12):
        raise ValueError(f"month must be YYYY-MM, not {month!r}")
    return int(y) * 10000 + int(m) * 100


class _NewSegment:
    """Whoosh merge hook that writes a commit's new documents with `bulk.SegmentBuilder`.

    Whoosh's writer (and its merges) sorts all postings of a commit in one
    ``sorted()`` call, which holds the GIL for hundreds of milliseconds on a
    big import and so freezes the GUI thread; the builder works in short
    steps and is ~10x faster. Small segments are folded into the new one once
    there are MERGE_AT of them; big ones are only replaced by rebuilds.
    """

    def __init__(self, items: list[SearchItem]):
        self.items = items

    def __call__(self, writer, segments):
        from whoosh.reading import SegmentReader

        small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
        if len(small) < MERGE_AT:
            small = []
        builder = bulk.SegmentBuilder(writer.storage, writer.schema, writer.indexname, bulk.make_codec())
        try:
            for seg in small:
                reader = SegmentReader(writer.storage, writer.schema, seg)
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


def _stored_item(doc: tuple) -> SearchItem:
    key, kind, title, text, date, document_id, entity_id, source, tags, authors = doc
    return SearchItem(key, kind, title, text, date, document_id, entity_id, source, tuple(tags), tuple(authors))


def _starts_word(text: str) -> bool:
    return WORD_RE.match(text) is not None


def _ends_word(text: str) -> bool:
    return WORD_RE.match(text[-1]) is not None


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _fsync_tree(folder: Path) -> None:
    """Flush a finished index to disk before it becomes the current one."""
    for p in folder.iterdir():
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
