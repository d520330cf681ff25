"""Fast whole-segment writer for rebuilds and commits: postings collected per term in arrays.

Whoosh's own writer pushes every posting through a sorting pool and several
Python calls (and, for fields without length columns, a ``stat()`` per
posting): about 60,000 characters/s here. A rebuild knows all documents up
front, so this module collects postings per term in arrays, then has
`whoosh_internals.SegmentFiles` write them in term order in the same on-disk
format Whoosh reads. Every use of Whoosh internals is in that module.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from typing import Any

from whoosh.fields import STORED, Schema

from .schema import FIELD_SEP, TermsField
from .whoosh_internals import SegmentFiles

_LOW_FIRST = sys.byteorder == "little"
_U32 = "I" if array("I").itemsize == 4 else "L"


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
        # one (most terms are rare bigrams), then an array. An int is no object for the
        # garbage collector to scan again and again; 150,000 arrays are.
        self._postings: dict[str, dict[str, Any]] = {}
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
                # append per posting is the cheapest thing Python can do here,
                # and _split() separates the halves again in C.
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
                    elif type(entry) is int:
                        postings[term] = array("Q", (entry, base | tf))
                    else:
                        entry.append(base | tf)
            elif kind == "keyword":
                postings = self._postings[name]
                base = (docnum << 32) | 1
                for term in (value,) if isinstance(value, str) else set(value):
                    entry = postings.get(term)
                    if entry is None:
                        postings[term] = base
                    elif type(entry) is int:
                        postings[term] = array("Q", (entry, base))
                    else:
                        entry.append(base)
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
        self.files.write_terms((name, self._field_terms(name)) for name in sorted(self._postings))
        return self.files.finish(self.docnum)

    def _field_terms(self, name: str):
        terms = self._postings[name]
        for term in _sorted_terms(terms):
            packed = terms[term]
            if type(packed) is int:
                yield term, (packed >> 32,), (packed & 0xFFFFFFFF,)
            else:
                ids, weights = _split(packed)
                yield term, ids, weights
        terms.clear()

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


def _split(packed: array) -> tuple[array, array]:
    """(docnums, term frequencies) from docnum << 32 | tf values, without a Python loop."""
    halves = array(_U32)
    halves.frombytes(packed.tobytes())
    if _LOW_FIRST:
        return halves[1::2], halves[0::2]
    return halves[0::2], halves[1::2]
