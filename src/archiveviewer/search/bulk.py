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

from whoosh.fields import STORED, Schema

from .schema import TermsField
from .whoosh_internals import SegmentFiles

_LOW_FIRST = sys.byteorder == "little"
_U32 = "I" if array("I").itemsize == 4 else "L"


class SegmentBuilder:
    """Accumulates documents in memory and writes them as one new segment."""

    def __init__(self, storage, schema: Schema, indexname: str, codec):
        self.schema = schema
        self.files = SegmentFiles(storage, indexname, codec)
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
        perdoc = self.files.perdoc
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
        self.files.write_terms((name, self._field_terms(name)) for name in sorted(self._postings))
        return self.files.finish(self.docnum)

    def _field_terms(self, name: str):
        terms = self._postings[name]
        for term in _sorted_terms(terms):
            ids, weights = _split(terms[term])
            yield term, ids, weights
        terms.clear()

    def cancel(self) -> None:
        """Drop what was collected and close open files, so the caller can delete them."""
        self._postings.clear()
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
