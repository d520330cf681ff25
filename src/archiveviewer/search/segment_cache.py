"""Per-segment caches a search reads from: live documents, columns, normalized texts and term results."""

from __future__ import annotations

from array import array

from .schema import FIELD_SEP, searched_fields
from .whoosh_internals import read_fixed_column


class CachedSegment:
    """What a search needs from one segment, cached while the segment lives."""

    def __init__(self, reader, segid: str, budget: TextBudget):
        self.segid = segid
        self.budget = budget
        self.reader = reader
        self.deleted = -1
        self.live: set[int] | None = None
        self.total_len = 0
        self.columns: dict[str, array] = {}
        self.norm: list[str | None] = []
        self._ntext = None
        # BM25 length norms for the average length `norms_for` (see `ranking.length_norms`).
        self.norms: list[float] = []
        self.norms_for = -1.0
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

    def column(self, name: str) -> array:
        col = self.columns.get(name)
        if col is None:
            col = self.columns[name] = read_fixed_column(self.reader, name)
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
        """The normalized searched fields of a document joined by FIELD_SEP (title, text, tags)."""
        norm = self._ensure_norm()
        n = norm[docnum]
        if n is None:
            if self._ntext is not None:
                n = self._ntext[docnum].decode("utf-8")
            else:  # pragma: no cover - documents written without the column
                doc = self.reader.stored_fields(docnum)["doc"]
                n = FIELD_SEP.join(searched_fields(doc[2], doc[3], doc[8], doc[10]))
            if self.budget.take(len(n)):
                norm[docnum] = n
        return n

    def texts(self, docnums: list[int]) -> list[str]:
        """Normalized texts of many documents, in the order given."""
        norm = self._ensure_norm()
        picked = [norm[d] for d in docnums]
        if any(t is None for t in picked):
            return [self.text(d) for d in docnums]
        return picked  # type: ignore[return-value]  # no None left, checked just above


class TextBudget:
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


def refresh_segments(
    reader, cache: dict[str, CachedSegment], budget: TextBudget
) -> tuple[dict[str, CachedSegment], list[tuple[CachedSegment, int]]]:
    """The segments of a fresh reader as (segment, docbase), reusing the caches of unchanged ones.

    Returns the new cache by segment id too; texts cached for segments that
    are gone are handed back to `budget`.
    """
    leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
    fresh = {}
    segs = []
    for leaf, base in leaves:
        if leaf.segment() is None:
            continue  # Whoosh's EmptyReader: the last document was deleted
        segid = leaf.segment().segment_id()
        seg = cache.get(segid) or CachedSegment(leaf, segid, budget)
        seg.attach(leaf)
        fresh[segid] = seg
        segs.append((seg, base))
    for segid, seg in cache.items():
        if segid not in fresh:
            budget.give(seg.norm)
    return fresh, segs


def corpus_stats(segs: list[tuple[CachedSegment, int]]) -> tuple[int, float]:
    """(live documents, average searched length) over all segments, as BM25 needs them."""
    ndocs = 0
    total = 0
    for seg, _ in segs:
        ndocs += len(seg.universe())
        total += seg.total_len
    return ndocs, (total / ndocs if ndocs else 1.0)
