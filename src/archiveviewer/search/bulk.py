"""Fast whole-segment writer for rebuilds and commits: postings collected per term in arrays.

Whoosh's own writer pushes every posting through a sorting pool and several
Python calls (and, for fields without length columns, a ``stat()`` per
posting): about 60,000 characters/s here. A rebuild knows all documents up
front, so this module collects postings per term in arrays, then has
`whoosh_internals.SegmentFiles` write them in term order in the same on-disk
format Whoosh reads. Every use of Whoosh internals is in that module.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from whoosh.fields import STORED, Schema

from .schema import FIELD_SEP, TermsField
from .whoosh_internals import SegmentFiles

_pack = struct.Struct("=Q").pack


class SegmentBuilder:
    """Accumulates documents in memory and writes them as one new segment.

    Made without `storage`, it keeps each document's stored and column values in
    memory as well and creates no file until `attach`: an import builds its
    postings while it is still storing, before it may touch the index folder.
    """

    def __init__(self, storage, schema: Schema, indexname: str = "", codec=None):
        self.schema = schema
        self.files: SegmentFiles | None = None
        self._held: list[tuple[list, list]] | None = []  # (stored, column) values per document until attached
        if storage is not None:
            self.attach(storage, indexname, codec)
        self.docnum = 0
        # Per field, term -> its postings, each docnum << 32 | weight: one int while there is
        # one (most terms are rare bigrams), then a bytearray of them (8 bytes each, native
        # order). Neither is an object the garbage collector tracks: 150,000 arrays were,
        # and each full collection during an import scanned them all again.
        self._postings: dict[str, dict[str, int | bytearray]] = {}
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

    @classmethod
    def in_memory(cls, schema: Schema) -> SegmentBuilder:
        """A builder that writes nothing until `attach`."""
        return cls(None, schema)

    def attach(self, storage, indexname: str, codec) -> None:
        """Create the segment's files in `storage` and write the documents held so far."""
        if self.files is not None or self._held is None:
            raise RuntimeError("this segment builder already writes to an index")
        self.files = SegmentFiles(storage, indexname, codec)
        held, self._held = self._held, None
        for docnum, (stored, column) in enumerate(held):
            self._write_perdoc(docnum, stored, column)

    def _write_perdoc(self, docnum: int, stored: list, column: list) -> None:
        assert self.files is not None
        perdoc = self.files.perdoc
        perdoc.start_doc(docnum)
        for name, field, value in stored:
            perdoc.add_field(name, field, value, 0)
        for name, column_type, value in column:
            perdoc.add_column_value(name, column_type, value)
        perdoc.finish_doc()

    def add(self, doc: dict) -> None:
        """Add one document given as ``schema.item_fields`` or ``schema.packed_fields`` returns it."""
        docnum = self.docnum
        schema = self.schema
        stored: list = []
        column: list = []
        for name, value in doc.items():
            if value is None:
                continue
            kind = self._kinds[name]
            if kind == "terms":
                postings = self._postings[name]
                # One 64-bit number per posting, docnum << 32 | tf: a single
                # append per posting is the cheapest thing Python can do here.
                # (Looking terms up is most of the cost, and bound by memory:
                # doing the same in C through map() over bound methods is no faster.)
                base = docnum << 32
                if type(value) is tuple:  # packed by schema.pack_terms
                    text, counts = value
                    pairs = zip(text.split(FIELD_SEP), counts) if text else ()
                    self.postings_count += len(counts)
                else:
                    pairs = value.items()
                    self.postings_count += len(value)
                get = postings.get
                for term, tf in pairs:
                    entry = get(term)
                    if entry is None:
                        postings[term] = base | tf
                    elif isinstance(entry, int):
                        postings[term] = bytearray(_pack(entry) + _pack(base | tf))
                    else:
                        entry += _pack(base | tf)
            elif kind == "keyword":
                postings = self._postings[name]
                base = (docnum << 32) | 1
                for term in (value,) if isinstance(value, str) else set(value):
                    entry = postings.get(term)
                    if entry is None:
                        postings[term] = base
                    elif isinstance(entry, int):
                        postings[term] = bytearray(_pack(entry) + _pack(base))
                    else:
                        entry += _pack(base)
                    self.postings_count += 1
            elif kind == "stored":
                stored.append((name, schema[name], value))
            else:
                field = schema[name]
                column.append((name, field.column_type, field.to_column_value(value)))
        if self._held is not None:
            self._held.append((stored, column))
        else:
            self._write_perdoc(docnum, stored, column)
        self.docnum += 1

    def finish(self):
        """Write the segment files and return the Whoosh segment object."""
        if self.files is None:
            raise RuntimeError("attach() the segment builder to an index first")
        postings = self._postings
        self.files.write_terms((name, postings[name], _sorted_terms(postings[name])) for name in sorted(postings))
        for terms in postings.values():
            terms.clear()
        return self.files.finish(self.docnum)

    def cancel(self) -> None:
        """Drop what was collected and close open files, so the caller can delete them."""
        self._postings.clear()
        self._held = None
        if self.files is not None:
            self.files.cancel()


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
