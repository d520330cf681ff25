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
    pickled (zlib'd when compression > 0, per block) ``(id deltas, weights,
    values)``, weights being None, one float or a tuple (which the reader
    takes as it is, so ours holds the term frequencies as ints);
  - the term table: ``whoosh.filedb.filetables.OrderedHashWriter`` (its
    ``dbfile``, ``buckets``, ``directory``, ``index`` (a ``GrowableArray``,
    set in ``__init__``), ``lastkey``, ``extras`` fields, the
    ``_write_hashes`` step of ``close`` and the ``_lengths`` and
    ``_pointer`` structs), made through ``HashWriter.__init__(dbfile,
    hashtype=1)`` (CRC32: ``crc_hash`` is ``zlib.crc32``; the reader takes
    the hash type from the file's head), keys being a
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
from zlib import crc32

import whoosh
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import HashWriter, OrderedHashWriter
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
from whoosh.util.numlists import GrowableArray

# The one version this module was written and checked against (pinned in pyproject.toml).
WHOOSH_VERSION = "2.7.5"

BLOCK = 128
# Posting lists this short live inside the term table: no block to pickle,
# compress and seek to, which matters because most bigrams are rare.
INLINE_LIMIT = 4
COMPRESSION = 1
COMPRESS_FROM = 256  # bytes of a pickled block
# W3TermInfo's packed head: flags, total weight, doc frequency, min/max length bytes, max weight, first/last id.
_INFO = W3TermInfo._struct
_NO_LENGTH = length_to_byte(0)  # no field lengths are kept (see make_codec)
_EMPTY_SLOT = _POINTER.pack(0, 0)
# The term table's hash function: 1 is CRC32 in `filetables._hash_functions`.
_HASHTYPE = 1
_U32 = "I" if array("I").itemsize == 4 else "L"
_NONE1 = (None,)
_NONES = [(None,) * n for n in range(INLINE_LIMIT + 1)]


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
        """Write the term table and postings. `fields` yields (name, postings, terms) in name
        order: `postings` maps each term to its docnum << 32 | weight, an int if it is its
        only posting, else a bytearray of them (8 bytes each, native byte order), docnums
        increasing; `terms` yields its terms in code point order."""
        self.perdoc.close()
        tindex = _TermTable(self.segment.create_file(self.storage, W3Codec.TERMS_EXT))
        fieldmap = tindex.extras["fieldmap"] = {}
        postfile = self.segment.create_file(self.storage, W3Codec.POSTS_EXT)
        posts = _PostingsFile(postfile)
        for fieldid, (name, postings, terms) in enumerate(fields):
            fieldmap[name] = fieldid
            tindex.add_field(pack_ushort(fieldid), postings, terms, posts)
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

    Same file format as `OrderedHashWriter`, with CRC32 hashes (``hashtype`` 1,
    which `HashReader` reads from the file's head) rather than its default MD5:
    a tenth of the cost per key. Encoding each term's postings and info, batching
    the writes, tracking positions locally and packing each bucket's slots in one
    join, all in one loop per field, make it several times cheaper per term.
    """

    def __init__(self, dbfile):
        HashWriter.__init__(self, dbfile, hashtype=_HASHTYPE)
        # What OrderedHashWriter.__init__ sets (it passes no hashtype)
        self.index = GrowableArray("H")
        self.lastkey = b""

    def add_field(self, prefix: bytes, postings, terms, posts: _PostingsFile) -> None:
        """Add the terms of one field (key: `prefix` + UTF-8), see `SegmentFiles.write_terms`."""
        dbfile = self.dbfile
        pos = dbfile.tell()
        buckets = self.buckets
        positions: list[int] = []
        pack = _LENGTHS.pack
        head = _LENGTHS.size
        blocks = posts.block_info
        parts: list[bytes] = []
        key = None
        for term in terms:
            packed = postings[term]
            key = prefix + term.encode()
            if type(packed) is int:
                value = _single_info(packed)
            elif len(packed) <= 8 * INLINE_LIMIT:
                value = _inline_info(*_split(packed))
            else:
                value = blocks(*_split(packed))
            positions.append(pos)
            parts += (pack(len(key), len(value)), key, value)
            h = crc32(key)
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
        last: bytes = self.lastkey
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


def _split(packed: bytes | bytearray) -> tuple[array, array]:
    """(docnums, weights) of docnum << 32 | weight values (8 bytes each, native order), without a Python loop."""
    halves = array(_U32)
    halves.frombytes(packed)
    if sys.byteorder == "little":
        return halves[1::2], halves[0::2]
    return halves[0::2], halves[1::2]


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

    def block_info(self, ids, weights) -> bytes:
        """Write the postings of a term with more than INLINE_LIMIT of them; return its encoded term info.

        Weights (term frequencies) go into the blocks as the ints they are: Whoosh's reader
        takes the tuple as it is, and floats pickle to three times the bytes to compress."""
        n = len(ids)
        start = self.pos
        parts = [WHOOSH3_HEADER_MAGIC]
        for lo in range(0, n, BLOCK):
            if n <= BLOCK:
                bids, bweights = ids, weights
            else:
                bids = ids[lo : lo + BLOCK]
                bweights = weights[lo : lo + BLOCK]
            bmax = max(bweights)
            wdata: float | tuple[int, ...] | None
            if bmax == 1:
                wdata = None
            elif min(bweights) == bmax:
                wdata = float(bmax)
            else:
                wdata = tuple(bweights)
            deltas = tuple(map(sub, bids, chain((0,), bids)))
            data = dumps((deltas, wdata, None), 2)
            # Small blocks shrink by a few dozen bytes; skipping zlib for them saves its cost.
            comp = COMPRESSION if len(data) > COMPRESS_FROM else 0
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


def _single_info(packed: int) -> bytes:
    """The term info of a term whose one posting is docnum << 32 | weight, the posting inlined."""
    docnum = packed >> 32
    weight = float(packed & 0xFFFFFFFF)
    return _INFO.pack(1, weight, 1, 0, _NO_LENGTH, weight, docnum, docnum) + dumps(((docnum,), (weight,), _NONE1), 2)


def _inline_info(docnums, frequencies) -> bytes:
    """The term info of a term with 2 to INLINE_LIMIT postings, them inlined."""
    n = len(docnums)
    ids = tuple(docnums)
    weights = tuple(map(float, frequencies))
    return _INFO.pack(1, sum(weights), n, 0, _NO_LENGTH, max(weights), ids[0], ids[-1]) + dumps(
        (ids, weights, _NONES[n]), 2
    )


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
    from whoosh.filedb.filetables import OrderedHashReader, crc_hash

    problems = []
    postings = _PostingsFile(RamStorage().create_file("p"))
    for ids, weights in (
        ((7,), (1,)),
        ((70000,), (12,)),
        ((3, 900), (1, 1)),
        ((3, 900, 70000), (2, 1, 5)),
        ((0, 1, 2, 1 << 20), (1, 300, 2, 1)),
        (tuple(range(0, 600, 2)), (1, 3) * 150),
    ):
        start = postings.pos
        packed = [i << 32 | w for i, w in zip(ids, weights)]
        if len(ids) == 1:
            ours = _single_info(packed[0])
        elif len(ids) <= INLINE_LIMIT:
            ours = _inline_info(*_split(array("Q", packed).tobytes()))
        else:
            ours = postings.block_info(*_split(array("Q", packed).tobytes()))
        if ours != _term_info_by_whoosh(ids, weights, start, postings.pos - start):
            problems.append(f"term infos of {len(ids)} postings differ from W3TermInfo.to_bytes")
    keys = sorted(pack_ushort(f) + t.encode() for f in (0, 3) for t in ("无", "锡市", "wuxi", "a" * 300))
    tables = []
    for cls in (_ReferenceTable, _TermTable):
        storage = RamStorage()
        table = cls(storage.create_file("t"))
        posting = {k: i << 32 | 1 for i, k in enumerate(keys)}
        values = {k: _single_info(p) for k, p in posting.items()}
        if cls is _TermTable:
            by_field: dict[bytes, dict[str, int]] = {}
            for k in keys:
                by_field.setdefault(k[:2], {})[k[2:].decode()] = posting[k]
            for prefix, terms in by_field.items():
                table.add_field(prefix, terms, list(terms), postings)
        else:
            for k in keys:
                table.add(k, values[k])
        table.close()
        tables.append(storage.files["t"])
        reader = OrderedHashReader(storage.open_file("t"), len(storage.files["t"]))
        if [reader[k] for k in keys] != [values[k] for k in keys] or list(reader.keys()) != keys:
            problems.append("Whoosh's OrderedHashReader does not read the term table back")
    if tables[0] != tables[1]:
        problems.append("the term table differs from OrderedHashWriter's (hashes, slots or positions)")
    if any(crc32(k) != crc_hash(k) for k in keys):
        problems.append("filetables.crc_hash is no longer zlib.crc32")
    return problems


class _ReferenceTable(OrderedHashWriter):
    """Whoosh's own `OrderedHashWriter`, hashing with `_HASHTYPE` (its __init__ takes no hashtype)."""

    def __init__(self, dbfile):
        HashWriter.__init__(self, dbfile, hashtype=_HASHTYPE)
        self.index = GrowableArray("H")
        self.lastkey = b""


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
        public_weights = []
        m = leaf.postings("t", "无".encode())
        while m.is_active():
            public_weights.append(m.weight())
            m.next()
        if weights[:3] != [1.0, 2.0, 3.0] or public_weights != weights:
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
