"""Every use of Whoosh's private internals, in one place, with a check that they are still there.

Whoosh's public API (``FileStorage``, ``Index.writer()``/``reader()``,
``delete_by_term``, ``commit(mergetype=...)``, ``postings()``,
``doc_frequency()``, ``lexicon()``, ``stored_fields()``, ``column_reader()``,
custom ``FieldType``s) is used elsewhere in ``search/``. What is below is not
public and may change in any release, which is why pyproject.toml pins
whoosh-reloaded to one exact version and ``contract_problems()`` (run by
tests/unit/test_search_whoosh_contract.py) names whatever is missing.

Relied on, all in whoosh-reloaded 2.7.5:

Writing a segment without Whoosh's writer (rebuilds and commits, ~10x faster):
  - ``whoosh.codec.whoosh3``: ``W3Codec(blocklimit=, compression=)``, its
    ``length_stats`` attribute (switched off), ``new_segment(storage,
    indexname)``, ``per_document_writer(storage, segment)`` with
    ``start_doc``/``add_field``/``add_column_value``/``finish_doc``/``close``,
    ``TERMS_EXT``/``POSTS_EXT``; ``W3TermInfo(weight, df, minlength,
    maxlength, maxweight, minid, maxid)`` with ``set_inlined``,
    ``set_extent``, ``to_bytes``; ``WHOOSH3_HEADER_MAGIC``;
  - the W3 posting-block layout: magic, then per block of up to
    ``blocklimit`` postings an int length (negative for the last block), a
    pickled ``(count, last id, max weight, compression, 0, 0)`` header and a
    pickled (zlib'd when compression > 0) ``(id deltas, weights, values)``;
  - the term table: ``whoosh.filedb.filetables.OrderedHashWriter`` (its
    ``dbfile``, ``hashfn``, ``buckets``, ``index``, ``lastkey``, ``extras``
    fields and the ``_lengths`` struct of key/value lengths), keys being a
    ``pack_ushort`` field number plus the term's UTF-8 bytes, and the field
    map in ``extras["fieldmap"]``;
  - ``Segment.create_file(storage, ext)`` and ``Segment.set_doc_count(n)``;
  - ``whoosh.index.TOC(schema, segments, generation).write(storage,
    indexname)``, which writes ``_<indexname>_<generation>.toc``;
  - the name of the lock Whoosh's writer takes, ``<indexname>_WRITELOCK``
    (leftover cleaning must not race a live writer);
  - a merge hook (``commit(mergetype=hook)``) reading the writer's
    ``storage``, ``schema`` and ``indexname`` and returning the segments to
    keep, and ``whoosh.reading.SegmentReader(storage, schema, segment)``.

Reading postings a block at a time (several times faster than a matcher):
  - ``whoosh.reading.TermNotFound`` raised by ``postings()`` for a missing term;
  - ``whoosh.matching.wrappers.FilterMatcher`` (deletions) with ``_ids`` and
    ``child``; ``whoosh.matching.ListMatcher`` (inlined postings) with
    ``_ids`` and ``_weights``; the W3 leaf matcher's ``_data``,
    ``_read_data()``, ``_goto(offset)``, ``_nextoffset`` and ``_lastblock``.

Reading a whole fixed-width column at once:
  - the numeric column reader's ``_typecode``, ``_dbfile``, ``_basepos``,
    ``_count``, ``_fixedlen`` and ``_default`` (values stored big-endian).
"""

from __future__ import annotations

import contextlib
import sys
import zlib
from array import array
from itertools import accumulate, chain, repeat
from operator import sub
from pickle import dumps

import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _LENGTHS
from whoosh.index import TOC
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.system import pack_ushort

# The one version this module was written and checked against (pinned in pyproject.toml).
WHOOSH_VERSION = "2.7.5"

BLOCK = 128
# Posting lists this short live inside the term table: no block to pickle,
# compress and seek to, which matters because most bigrams are rare.
INLINE_LIMIT = 4
COMPRESSION = 1


def make_codec() -> W3Codec:
    """The codec for every writer: no per-posting length statistics.

    Whoosh only uses them for block-max BM25 pruning, which this index does
    not use, and collecting them costs a ``stat()`` per posting.
    """
    codec = W3Codec(blocklimit=BLOCK, compression=COMPRESSION)
    codec.length_stats = False
    return codec


class SegmentFiles:
    """The files of one new segment, written through the W3 codec's per-document writer and term table."""

    def __init__(self, storage, indexname: str, codec: W3Codec):
        self.storage = storage
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)

    def write_terms(self, fields) -> None:
        """Write the term table and postings; `fields` yields (name, terms) in name order,
        terms yielding (term, ids, weights) in code point order (ids/weights: ``array`` s)."""
        self.perdoc.close()
        tindex = _TermTable(self.segment.create_file(self.storage, W3Codec.TERMS_EXT))
        fieldmap = tindex.extras["fieldmap"] = {}
        postfile = self.segment.create_file(self.storage, W3Codec.POSTS_EXT)
        for fieldid, (name, terms) in enumerate(fields):
            fieldmap[name] = fieldid
            prefix = pack_ushort(fieldid)
            tindex.add_sorted(
                (prefix + term.encode("utf-8"), _write_term(postfile, ids, weights)) for term, ids, weights in terms
            )
        tindex.close()
        postfile.close()

    def finish(self, doc_count: int):
        """The Whoosh segment object, once `write_terms` has run."""
        self.segment.set_doc_count(doc_count)
        return self.segment

    def cancel(self) -> None:
        """Close open files so the caller can delete them."""
        with contextlib.suppress(Exception):  # already closed or half written: nothing left to save
            self.perdoc.close()


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
        last: bytes = self.lastkey  # type: ignore[has-type]  # set by the untyped parent class
        if key is not None:
            if key <= last:
                raise ValueError("term keys must increase")
            self.lastkey = key


def _write_term(postfile, ids: array, weights: array) -> bytes:
    """Write one term's postings in W3 blocks; return its encoded term info."""
    n = len(ids)
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
        wdata: float | tuple[float, ...] | None
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


def write_toc(storage, schema, segments, indexname: str) -> None:
    """Write the table of contents naming `segments` as the index's first generation."""
    TOC(schema, segments, 1).write(storage, indexname)


def toc_filename(indexname: str, generation: int) -> str:
    return f"_{indexname}_{generation}.toc"


def writer_parts(writer) -> tuple:
    """(storage, schema, indexname) of the writer a merge hook is given."""
    return writer.storage, writer.schema, writer.indexname


def writer_lock(folder, indexname: str):
    """The lock Whoosh's own writer holds while it writes an index (named ``<indexname>_WRITELOCK``)."""
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(folder)).lock(f"{indexname}_WRITELOCK")


def segment_reader(storage, schema, segment) -> SegmentReader:
    return SegmentReader(storage, schema, segment)


def read_postings(segreader, fieldname: str, term: bytes) -> tuple[list[int], list[float]]:
    """All (docnum, weight) postings of a term in one segment, deletions removed; empty if the term is absent.

    Decodes whole blocks at a time instead of one Matcher call per posting,
    which is several times faster for long lists. Only a missing term means
    no postings: a damaged term table raises.
    """
    try:
        m = segreader.postings(fieldname, term)
    except TermNotFound:
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
    else:  # another matcher: slow but correct (the contract test reports it)
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


def read_fixed_column(reader, name: str) -> array:
    """A whole fixed-width numeric column of a segment as one array (zeros if the segment lacks it)."""
    count = reader.doc_count_all()
    cr = reader.column_reader(name, translate=False) if reader.has_column(name) else None
    if cr is None:
        return array("I", bytes(4 * count))
    if not all(hasattr(cr, a) for a in _COLUMN_FIELDS):  # another column reader: slow but correct
        return array("q", list(cr))
    values = array(cr._typecode)
    values.frombytes(cr._dbfile.get(cr._basepos, cr._count * cr._fixedlen))
    if sys.byteorder == "little" and values.itemsize > 1:
        values.byteswap()  # columns are stored big-endian
    if len(values) < count:
        values.extend([cr._default] * (count - len(values)))
    return values


_COLUMN_FIELDS = ("_typecode", "_dbfile", "_basepos", "_count", "_fixedlen", "_default")
_LEAF_FIELDS = ("_data", "_read_data", "_goto", "_nextoffset", "_lastblock")


def contract_problems() -> list[str]:
    """What this module relies on that the installed Whoosh lacks (empty if all is there).

    Checks the version and the names statically, then writes a small segment
    in memory the way `bulk.SegmentBuilder` does and reads it back through
    both these fast paths and Whoosh's public reader.
    """
    problems = []
    if whoosh.versionstring() != WHOOSH_VERSION:
        problems.append(
            f"whoosh {whoosh.versionstring()} is installed; this module was checked against {WHOOSH_VERSION}"
        )
    for owner, names in (
        (W3Codec, ("new_segment", "per_document_writer", "TERMS_EXT", "POSTS_EXT")),
        (W3TermInfo, ("set_inlined", "set_extent", "to_bytes")),
        (OrderedHashWriter, ("close",)),
        (TOC, ("write",)),
    ):
        problems += [f"{owner.__name__}.{n} is gone" for n in names if not hasattr(owner, n)]
    if not hasattr(_LENGTHS, "pack") or _LENGTHS.size != 8:
        problems.append("whoosh.filedb.filetables._lengths is no longer an 8-byte struct")
    if problems:
        return problems
    try:
        problems += _round_trip()
    except Exception as exc:  # any failure here is exactly what must be reported
        problems.append(f"writing or reading a segment failed: {type(exc).__name__}: {exc}")
    return problems


def _round_trip() -> list[str]:
    from whoosh.filedb.filestore import RamStorage

    from .bulk import SegmentBuilder
    from .items import SearchItem
    from .schema import build_schema, item_fields

    problems = []
    storage = RamStorage()
    schema = build_schema()
    storage.create_index(schema, indexname="MAIN")
    codec = make_codec()
    if getattr(codec, "length_stats", None) is not False:
        problems.append("W3Codec.length_stats cannot be switched off")
    builder = SegmentBuilder(storage, schema, "MAIN", codec)
    # 300 documents with 无 make one long (multi-block) and many short (inlined) posting lists.
    for i in range(300):
        builder.add(item_fields(SearchItem(f"a:{i}", "article", "标题", "无" * (1 + i % 3) + f"文{i}", "2020-01-02")))
    write_toc(storage, schema, [builder.finish()], "MAIN")
    ix = storage.open_index("MAIN")
    with ix.writer(codec=make_codec()) as w:
        w.delete_by_term("key", "a:5")  # deletions wrap matchers in a FilterMatcher
        if storage.lock("MAIN_WRITELOCK").acquire(blocking=False):
            problems.append("Whoosh's writer no longer holds the lock named <indexname>_WRITELOCK")
    reader = ix.reader()
    try:
        leaf = reader.leaf_readers()[0][0] if not reader.is_atomic() else reader
        public = leaf.postings("t", "无".encode()).all_ids()
        fast, weights = read_postings(leaf, "t", "无".encode())
        if list(public) != fast or len(fast) != 299:
            problems.append("read_postings disagrees with Whoosh's own matcher on a multi-block posting list")
        m = leaf.postings("t", "无".encode())
        m = m.child if isinstance(m, FilterMatcher) else m
        missing = [a for a in _LEAF_FIELDS if not hasattr(m, a)]
        if missing:
            problems.append(
                f"the W3 leaf matcher lacks {', '.join(missing)} (read_postings falls back to the slow path)"
            )
        if not isinstance(leaf.postings("key", b"a:7"), ListMatcher | FilterMatcher):
            problems.append("short posting lists are no longer inlined as a ListMatcher")
        if weights[:3] != [1.0, 2.0, 3.0]:
            problems.append("posting weights do not round-trip")
        if read_postings(leaf, "t", "不在".encode()) != ([], []):
            problems.append("a missing term does not raise TermNotFound")
        cr = leaf.column_reader("date", translate=False)
        missing = [a for a in _COLUMN_FIELDS if not hasattr(cr, a)]
        if missing:
            problems.append(f"the numeric column reader lacks {', '.join(missing)} (read_fixed_column falls back)")
        if list(read_fixed_column(leaf, "date")) != [20200102] * 300:
            problems.append("read_fixed_column disagrees with the stored column")
    finally:
        reader.close()
    return problems
