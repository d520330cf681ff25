"""Fast whole-segment writer for rebuilds, and bulk posting reads, on Whoosh's W3 codec.

Whoosh's own writer pushes every posting through a sorting pool and several
Python calls (and, for fields without length columns, a ``stat()`` per
posting): about 60,000 characters/s here. A rebuild knows all documents up
front, so this module collects postings per term in arrays, then writes the
segment files in term order through the codec's per-document writer and the
same on-disk posting block format Whoosh reads (header, pickled block info,
zlib'd pickled ids/weights), inlining short posting lists into the term table.

This leans on the W3 codec's file format and a few of its internals
(whoosh-reloaded 2.7.5); the tests read every field back through Whoosh's
public reader, so a format change fails loudly rather than silently.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Iterator
from itertools import accumulate, chain, repeat
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.fields import STORED, Schema
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _LENGTHS
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import pack_ushort

from .schema import TermsField

BLOCK = 128
# Posting lists this short live inside the term table: no block to pickle,
# compress and seek to, which matters because most bigrams are rare.
INLINE_LIMIT = 4
COMPRESSION = 1
_LOW_FIRST = sys.byteorder == "little"
_U32 = "I" if array("I").itemsize == 4 else "L"


def make_codec() -> W3Codec:
    """The codec for every writer: no per-posting length statistics.

    Whoosh only uses them for block-max BM25 pruning, which this index does
    not use, and collecting them costs a ``stat()`` per posting.
    """
    codec = W3Codec(blocklimit=BLOCK, compression=COMPRESSION)
    codec.length_stats = False
    return codec


class SegmentBuilder:
    """Accumulates documents in memory and writes them as one new segment."""

    def __init__(self, storage, schema: Schema, indexname: str, codec: W3Codec):
        self.storage = storage
        self.schema = schema
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        self._postings: dict[str, dict[str, array]] = {}
        self._kinds: dict[str, str] = {}
        for name, field in schema.items():
            if isinstance(field, TermsField):
                self._kinds[name] = "terms"
                self._postings[name] = {}
            elif isinstance(field, STORED):
                self._kinds[name] = "stored"
            elif not field.indexed and field.column_type is not None:
                self._kinds[name] = "column"
            elif field.indexed:
                self._kinds[name] = "keyword"
                self._postings[name] = {}
        self.postings_count = 0

    def add(self, doc: dict) -> None:
        """Add one document given as ``schema.item_fields`` returns it."""
        docnum = self.docnum
        perdoc = self.perdoc
        schema = self.schema
        perdoc.start_doc(docnum)
        for name, value in doc.items():
            if value is None:
                continue
            kind = self._kinds[name]
            if kind == "terms":
                postings = self._postings[name]
                get = postings.get
                # One 64-bit number per posting, docnum << 32 | tf: a single
                # append per posting is the cheapest thing Python can do here,
                # and _split() separates the halves again in C.
                base = docnum << 32
                for term, tf in value.items():
                    entry = get(term)
                    if entry is None:
                        postings[term] = array("Q", (base | tf,))
                    else:
                        entry.append(base | tf)
                self.postings_count += len(value)
            elif kind == "keyword":
                postings = self._postings[name]
                base = (docnum << 32) | 1
                for term in (value,) if isinstance(value, str) else set(value):
                    entry = postings.get(term)
                    if entry is None:
                        postings[term] = array("Q", (base,))
                    else:
                        entry.append(base)
                    self.postings_count += 1
            elif kind == "stored":
                perdoc.add_field(name, schema[name], value, 0)
            else:
                field = schema[name]
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self.docnum += 1

    def finish(self):
        """Write the segment files and return the Whoosh segment object."""
        self.perdoc.close()
        segment = self.segment
        tindex = _TermTable(segment.create_file(self.storage, W3Codec.TERMS_EXT))
        fieldmap = tindex.extras["fieldmap"] = {}
        postfile = segment.create_file(self.storage, W3Codec.POSTS_EXT)
        for fieldid, name in enumerate(sorted(self._postings)):
            fieldmap[name] = fieldid
            prefix = pack_ushort(fieldid)
            terms = self._postings[name]
            tindex.add_sorted(
                (prefix + term.encode("utf-8"), _write_term(postfile, terms[term])) for term in _sorted_terms(terms)
            )
            terms.clear()
        tindex.close()
        postfile.close()
        segment.set_doc_count(self.docnum)
        return segment

    def cancel(self) -> None:
        """Drop what was collected and close open files, so the caller can delete them."""
        self._postings.clear()
        try:
            self.perdoc.close()
        except Exception:
            pass


def _sorted_terms(terms) -> Iterator[str]:
    """The terms in code point order (= UTF-8 byte order, which the term table needs).

    Sorted bucket by bucket of first character: one ``sorted()`` over
    300,000 terms holds the GIL for ~150 ms, long enough to freeze a GUI
    thread; the buckets take a few milliseconds each.
    """
    buckets: dict[str, list[str]] = {}
    for term in terms:
        first = term[:1]
        bucket = buckets.get(first)
        if bucket is None:
            buckets[first] = [term]
        else:
            bucket.append(term)
    for first in sorted(buckets):
        yield from sorted(buckets[first])


class _TermTable(OrderedHashWriter):
    """Whoosh's ordered on-disk hash of term infos, filled in one pass.

    Same file format as `OrderedHashWriter`; batching the writes and
    tracking positions locally halves the cost per term.
    """

    def add_sorted(self, pairs) -> None:
        dbfile = self.dbfile
        pos = dbfile.tell()
        hashfn = self.hashfn
        buckets = self.buckets
        index_append = self.index.append
        pack = _LENGTHS.pack
        head = _LENGTHS.size
        parts = []
        key = None
        for key, value in pairs:
            index_append(pos)
            parts.append(pack(len(key), len(value)))
            parts.append(key)
            parts.append(value)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            pos += head + len(key) + len(value)
            if len(parts) > 30000:
                dbfile.write(b"".join(parts))
                parts.clear()
        dbfile.write(b"".join(parts))
        if key is not None:
            if key <= self.lastkey:
                raise ValueError("term keys must increase")
            self.lastkey = key


def _split(packed: array) -> tuple[array, array]:
    """(docnums, term frequencies) from docnum << 32 | tf values, without a Python loop."""
    halves = array(_U32)
    halves.frombytes(packed.tobytes())
    if _LOW_FIRST:
        return halves[1::2], halves[0::2]
    return halves[0::2], halves[1::2]


def _write_term(postfile, packed: array) -> bytes:
    """Write one term's postings; return its encoded term info."""
    n = len(packed)
    ids, weights = _split(packed)
    maxweight = float(max(weights))
    info = W3TermInfo(float(sum(weights)), n, None, 0, maxweight, ids[0], ids[-1])
    if n <= INLINE_LIMIT:
        info.set_inlined(tuple(ids), tuple(map(float, weights)), (None,) * n)
        return info.to_bytes()
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    for lo in range(0, n, BLOCK):
        bids = ids[lo : lo + BLOCK]
        bweights = weights[lo : lo + BLOCK]
        bmax = max(bweights)
        if bmax == 1:
            wdata = None
        elif min(bweights) == bmax:
            wdata = float(bmax)
        else:
            wdata = tuple(map(float, bweights))
        deltas = tuple(map(sub, bids, chain((0,), bids)))
        data = dumps((deltas, wdata, None), 2)
        # Tiny blocks do not shrink; skipping zlib for them saves its call cost.
        comp = COMPRESSION if len(data) > 64 else 0
        if comp:
            data = zlib.compress(data, comp)
        head = dumps((len(bids), bids[-1], float(bmax), comp, 0, 0), 2)
        length = len(head) + len(data)
        postfile.write_int(-length if lo + BLOCK >= n else length)
        postfile.write(head)
        postfile.write(data)
    info.set_extent(start, postfile.tell() - start)
    return info.to_bytes()


def read_postings(segreader, fieldname: str, term: bytes) -> tuple[list[int], list[float]]:
    """All (docnum, weight) postings of a term in one segment, deletions removed.

    Decodes whole blocks at a time instead of one Matcher call per posting,
    which is several times faster for long lists.
    """
    try:
        m = segreader.postings(fieldname, term)
    except Exception:  # TermNotFound
        return [], []
    deleted = None
    if isinstance(m, FilterMatcher):
        deleted = m._ids
        m = m.child
    if isinstance(m, ListMatcher):
        ids = list(m._ids)
        weights = list(m._weights) if m._weights else [1.0] * len(ids)
    elif hasattr(m, "_read_data") and hasattr(m, "_goto"):
        ids = []
        weights = []
        while m.is_active():
            if m._data is None:
                m._read_data()
            deltas, wdata, _values = m._data
            ids.extend(accumulate(deltas))
            if wdata is None:
                weights.extend(repeat(1.0, len(deltas)))
            elif isinstance(wdata, float):
                weights.extend(repeat(wdata, len(deltas)))
            else:
                weights.extend(wdata)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:  # pragma: no cover - another codec; slow but correct
        ids, weights = [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    if deleted:
        keep = [i for i, d in enumerate(ids) if d not in deleted]
        ids = [ids[i] for i in keep]
        weights = [weights[i] for i in keep]
    return ids, weights
