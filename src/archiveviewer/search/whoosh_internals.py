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
    ``set_extent``, ``to_bytes``; ``WHOOSH3_HEADER_MAGIC``; the layout
    ``to_bytes`` writes (its ``_struct`` head, then the pickled inlined
    postings or a long offset and an int length), which term infos are
    packed in directly;
  - the W3 posting-block layout: magic, then per block of up to
    ``blocklimit`` postings an int length (negative for the last block), a
    pickled ``(count, last id, max weight, compression, 0, 0)`` header and a
    pickled (zlib'd when compression > 0) ``(id deltas, weights, values)``;
  - the term table: ``whoosh.filedb.filetables.OrderedHashWriter`` (its
    ``dbfile``, ``hashtype`` (0: ``md5_hash``, the low 32 bits of the MD5
    digest), ``buckets``, ``directory``, ``index`` (a ``GrowableArray``),
    ``lastkey``, ``extras`` fields, the ``_write_hashes`` step of ``close``
    and the ``_lengths`` and ``_pointer`` structs), keys being a
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
from hashlib import md5
from itertools import accumulate, chain, repeat
from operator import sub
from pickle import dumps

import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _LENGTHS
from whoosh.filedb.filetables import _pointer as _POINTER
from whoosh.index import TOC
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.system import pack_int as _pack_int
from whoosh.system import pack_long as _pack_long
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte

# The one version this module was written and checked against (pinned in pyproject.toml).
WHOOSH_VERSION = "2.7.5"

BLOCK = 128
# Posting lists this short live inside the term table: no block to pickle,
# compress and seek to, which matters because most bigrams are rare.
INLINE_LIMIT = 4
COMPRESSION = 1
# W3TermInfo's packed head: flags, total weight, doc frequency, min/max length bytes, max weight, first/last id.
_INFO = W3TermInfo._struct
_NO_LENGTH = length_to_byte(0)  # no field lengths are kept (see make_codec)
_EMPTY_SLOT = _POINTER.pack(0, 0)


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
        terms yielding (term, ids, weights) in code point order (ids/weights: sequences of ints)."""
        self.perdoc.close()
        tindex = _TermTable(self.segment.create_file(self.storage, W3Codec.TERMS_EXT))
        fieldmap = tindex.extras["fieldmap"] = {}
        postfile = self.segment.create_file(self.storage, W3Codec.POSTS_EXT)
        posts = _PostingsFile(postfile)
        info = posts.term_info
        for fieldid, (name, terms) in enumerate(fields):
            fieldmap[name] = fieldid
            prefix = pack_ushort(fieldid)
            tindex.add_sorted((prefix + term.encode("utf-8"), info(ids, weights)) for term, ids, weights in terms)
        posts.flush()
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

    Same file format as `OrderedHashWriter` (MD5 hashes, as its default
    ``hashtype`` 0 says); batching the writes, tracking positions locally and
    packing each bucket's slots in one join make it several times cheaper per term.
    """

    def add_sorted(self, pairs) -> None:
        if self.hashtype != 0:
            raise ValueError("the term table is expected to hash with MD5")
        dbfile = self.dbfile
        pos = dbfile.tell()
        buckets = self.buckets
        positions: list[int] = []
        pack = _LENGTHS.pack
        head = _LENGTHS.size
        parts: list[bytes] = []
        key = None
        for key, value in pairs:
            positions.append(pos)
            parts += (pack(len(key), len(value)), key, value)
            h = _md5_low(key)
            buckets[h & 255].append((h, pos))
            pos += head + len(key) + len(value)
            if len(parts) > 90000:
                dbfile.write(b"".join(parts))
                parts.clear()
        dbfile.write(b"".join(parts))
        if positions:
            index = self.index  # a GrowableArray: appending the largest position widens its type once if need be
            index.append(positions[-1])
            index.array.pop()
            index.array.extend(positions)
        last: bytes = self.lastkey  # type: ignore[has-type]  # set by the untyped parent class
        if key is not None:
            if key <= last:
                raise ValueError("term keys must increase")
            self.lastkey = key

    def _write_hashes(self) -> None:
        """`HashWriter._write_hashes` (same slots, same bytes), one write per bucket."""
        dbfile = self.dbfile
        pack = _POINTER.pack
        pos = dbfile.tell()
        for entries in self.buckets:
            numslots = 2 * len(entries)
            self.directory.append((pos, numslots))
            table: list = [None] * numslots
            for entry in entries:
                slot = (entry[0] >> 8) % numslots
                while table[slot] is not None:
                    slot = (slot + 1) % numslots
                table[slot] = entry
            data = b"".join([_EMPTY_SLOT if e is None else pack(*e) for e in table])
            dbfile.write(data)
            pos += len(data)


def _md5_low(key: bytes) -> int:
    """filetables.md5_hash(key): the low 32 bits of the MD5 digest, i.e. its last four bytes."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


class _PostingsFile:
    """The postings file of a segment, written in W3 blocks through one buffer.

    Term infos are packed here directly in `W3TermInfo.to_bytes`'s layout (the
    contract check compares the two): building a W3TermInfo per term, and a
    file write per block part, cost more than the postings themselves."""

    def __init__(self, postfile):
        self.postfile = postfile
        self.pos = postfile.tell()
        self.parts: list[bytes] = []
        self.size = 0

    def term_info(self, ids, weights) -> bytes:
        """Write one term's postings (or inline them); return its encoded term info."""
        n = len(ids)
        if n <= INLINE_LIMIT:
            fweights = tuple(map(float, weights))
            return _INFO.pack(1, sum(fweights), n, 0, _NO_LENGTH, max(fweights), ids[0], ids[-1]) + dumps(
                (tuple(ids), fweights, (None,) * n), 2
            )
        start = self.pos
        parts = [WHOOSH3_HEADER_MAGIC]
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
            parts += (_pack_int(-length if lo + BLOCK >= n else length), head, data)
        chunk = b"".join(parts)
        self.parts.append(chunk)
        self.pos += len(chunk)
        self.size += len(chunk)
        if self.size > 1 << 20:
            self.flush()
        info = _INFO.pack(0, float(sum(weights)), n, 0, _NO_LENGTH, float(max(weights)), ids[0], ids[-1])
        return info + _pack_long(start) + _pack_int(self.pos - start)

    def flush(self) -> None:
        self.postfile.write(b"".join(self.parts))
        self.parts.clear()
        self.size = 0


def _term_info_by_whoosh(ids, weights, offset: int = 0, length: int = 0) -> bytes:
    """What `W3TermInfo.to_bytes` makes of a term's postings written at `offset` (for the contract check)."""
    n = len(ids)
    info = W3TermInfo(float(sum(weights)), n, None, 0, float(max(weights)), ids[0], ids[-1])
    if n <= INLINE_LIMIT:
        info.set_inlined(tuple(ids), tuple(map(float, weights)), (None,) * n)
    else:
        info.set_extent(offset, length)
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
        (W3TermInfo, ("set_inlined", "set_extent", "to_bytes", "_struct")),
        (OrderedHashWriter, ("close", "_write_hashes")),
        (TOC, ("write",)),
    ):
        problems += [f"{owner.__name__}.{n} is gone" for n in names if not hasattr(owner, n)]
    if not hasattr(_LENGTHS, "pack") or _LENGTHS.size != 8:
        problems.append("whoosh.filedb.filetables._lengths is no longer an 8-byte struct")
    if not hasattr(_POINTER, "pack") or _POINTER.size != 12:
        problems.append("whoosh.filedb.filetables._pointer is no longer a 12-byte struct")
    if problems:
        return problems
    try:
        problems += _round_trip()
    except Exception as exc:  # any failure here is exactly what must be reported
        problems.append(f"writing or reading a segment failed: {type(exc).__name__}: {exc}")
    return problems


def _encodings_agree() -> list[str]:
    """Term infos, key hashes and hash slots as written here, against Whoosh's own code for them."""
    from whoosh.filedb.filestore import RamStorage
    from whoosh.filedb.filetables import md5_hash

    problems = []
    postings = _PostingsFile(RamStorage().create_file("p"))
    for ids, weights in (((7,), (1,)), ((3, 900, 70000), (2, 1, 5)), (tuple(range(0, 600, 2)), (1, 3) * 150)):
        start = postings.pos
        ours = postings.term_info(ids, weights)
        if ours != _term_info_by_whoosh(ids, weights, start, postings.pos - start):
            problems.append(f"term infos of {len(ids)} postings differ from W3TermInfo.to_bytes")
    keys = sorted(pack_ushort(f) + t.encode() for f in (0, 3) for t in ("无", "锡市", "wuxi", "a" * 300))
    tables = []
    for cls in (OrderedHashWriter, _TermTable):
        storage = RamStorage()
        table = cls(storage.create_file("t"))
        pairs = [(k, b"v%d" % i) for i, k in enumerate(keys)]
        if cls is _TermTable:
            table.add_sorted(pairs)
        else:
            for k, v in pairs:
                table.add(k, v)
        table.close()
        tables.append(storage.files["t"])
    if tables[0] != tables[1]:
        problems.append("the term table differs from OrderedHashWriter's (hashes, slots or positions)")
    if any(_md5_low(k) != md5_hash(k) for k in keys):
        problems.append("filetables.md5_hash is no longer the low 32 bits of the MD5 digest")
    return problems


def _round_trip() -> list[str]:
    from whoosh.filedb.filestore import RamStorage

    from .bulk import SegmentBuilder
    from .items import SearchItem
    from .schema import build_schema, item_fields

    problems = _encodings_agree()
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
