"""Whoosh schema of the search index and the terms each item is indexed under.

Field ``t`` holds, for the normalized title and the normalized text, each on
its own (terms never span the two, so no match runs from the end of a title
into the start of a body): every "gram character" (a character that is neither a space nor part of a
Latin word: CJK characters and punctuation) as a unigram, every pair of
adjacent non-space characters containing a gram character as a bigram, and
every Latin word token (maximal run of non-CJK letters and digits). Words
never contain a gram character and grams always do, so the kinds cannot
collide. Field ``tt`` holds the same terms for the title alone. Each
posting's weight is the term's number of occurrences, the BM25 term
frequency; no positions are stored, because longer queries are verified
against the normalized title, text and tags, kept in column ``ntext`` as
title + FIELD_SEP + text + FIELD_SEP + tag ... (FIELD_SEP is a control
character, which normalization removes from every text and query, so a
substring can never span two fields) with the title's length in column
``tlen``. An item matches a plain query through its own tags too (``tag:``
matches a whole tag exactly); BM25 lengths count title and text only.

An item whose title is only context (a timeline entry shown beside its
page's title, a note beside its target's) indexes an empty title: it matches
on its own text alone.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from datetime import date as _date

from whoosh import columns, fields, formats

from .items import SearchItem
from .normalize import CJK_CLASS, WORD_CLASS, WORD_RE, normalize

# Bump when the schema, the term scheme or normalization changes: status()
# then reports "schema changed" and the app rebuilds.
SCHEMA_VERSION = 4
# Between the normalized title and text in column ``ntext``; never in a normalized string.
FIELD_SEP = "\x00"

KINDS = ("article", "entry", "document", "annotation")
KIND_CODE = {k: i + 1 for i, k in enumerate(KINDS)}
KIND_NAME = {i + 1: k for i, k in enumerate(KINDS)}

# A gram character: not a space and not a word character (CJK counts as gram).
_G = f"(?:[^\\w ]|[_{CJK_CLASS}])"
_UNIGRAM_RE = re.compile(_G)
# What is not a gram character: a space or a word character.
_NON_GRAM_RE = re.compile(f"{WORD_CLASS}| ")
# Overlapping matches through a lookahead: every qualifying bigram, in order.
_BIGRAM_RE = re.compile(f"(?=({_G}[^ ]|[^ ]{_G}))")


def content_terms(normalized: str) -> Counter[str]:
    """Unigrams, bigrams and words of a normalized text with their counts."""
    # Every character counted, then the few that are no gram character taken out again:
    # cheaper than finding the unigrams with _UNIGRAM_RE, and the same counts in the same order.
    terms = Counter(normalized)
    for ch in set(_NON_GRAM_RE.findall(normalized)):
        del terms[ch]
    terms.update(_BIGRAM_RE.findall(normalized))
    terms.update(WORD_RE.findall(normalized))
    return terms


def is_indexed_gram(gram: str) -> bool:
    """Whether a 1- or 2-character string is a gram term of field ``t``."""
    if len(gram) == 1:
        return _UNIGRAM_RE.fullmatch(gram) is not None
    return len(gram) == 2 and _BIGRAM_RE.match(gram) is not None


def date_number(iso: str | None) -> int:
    """YYYY-MM-DD as the integer YYYYMMDD (0 for none or unparseable)."""
    if not iso:
        return 0
    try:
        d = _date.fromisoformat(iso[:10])
    except ValueError:
        return 0
    return d.year * 10000 + d.month * 100 + d.day


class TermsField(fields.FieldType):
    """A field indexed from precomputed ``Counter`` terms, bypassing analyzers.

    Whoosh's analyzer pipeline costs several microseconds per token; handing
    it ready (term bytes, weight) pairs is what makes indexing fast enough.
    """

    def __init__(self):
        # Existence stores no per-posting value but keeps the weight, so the
        # weight carries the term frequency.
        super().__init__(formats.Existence(), analyzer=None)

    def index(self, value, **kwargs):
        return [(t.encode("utf-8"), 1, float(n), b"") for t, n in value.items()]


class TextColumnField(fields.FieldType):
    """An unindexed per-document text kept as UTF-8 in a column.

    Reading one value is a slice of a memory-mapped file (~2 µs), against
    ~50 µs for unpickling the stored document and normalizing it again.
    """

    indexed = False

    def __init__(self):
        super().__init__(None, analyzer=None)
        self.column_type = columns.VarBytesColumn()

    def to_column_value(self, value):
        return value.encode("utf-8")

    def from_column_value(self, value):
        return value


class IntColumnField(fields.FieldType):
    """An unindexed per-document integer kept in a column for bulk reads."""

    indexed = False

    def __init__(self, typecode: str = "I"):
        super().__init__(None, analyzer=None)
        self.column_type = columns.NumericColumn(typecode, default=0)

    def to_column_value(self, value):
        return int(value)

    def from_column_value(self, value):
        return value


def build_schema() -> fields.Schema:
    """The index schema; ``key`` is unique so updates are upserts."""
    return fields.Schema(
        key=fields.ID(unique=True),
        t=TermsField(),
        tt=TermsField(),
        kind=fields.ID(),
        tag=fields.ID(),
        author=fields.ID(),
        # One stored tuple per item: cheaper to pickle than a dict of fields.
        doc=fields.STORED(),
        ntext=TextColumnField(),
        nlen=IntColumnField("I"),
        tlen=IntColumnField("I"),
        kindc=IntColumnField("B"),
        date=IntColumnField("I"),
    )


def searched_fields(title: str, text: str, tags, title_matches: bool) -> list[str]:
    """The normalized fields a plain query matches, each on its own: title ("" if only context), text, tags."""
    return [normalize(title) if title_matches else "", normalize(text), *(normalize(t) for t in tags)]


# Positions in the stored ``doc`` tuple of what only the database knows at import time.
_DOC_KEY, _DOC_DOCUMENT_ID, _DOC_ENTITY_ID = 0, 5, 6


def item_fields(item: SearchItem) -> dict:
    """The keyword arguments for ``add_document``/``update_document`` of one item."""
    ntitle, nbody, *ntags = searched_fields(item.title, item.text, item.tags, item.title_matches)
    title_terms = content_terms(ntitle)
    terms = content_terms(nbody)
    terms.update(title_terms)
    for ntag in ntags:
        terms.update(content_terms(ntag))
    doc = {
        "key": item.key,
        "t": terms,
        "tt": title_terms,
        "kind": item.kind,
        "doc": (
            item.key,
            item.kind,
            item.title,
            item.text,
            item.date,
            item.document_id,
            item.entity_id,
            item.source,
            tuple(item.tags),
            tuple(item.authors),
            item.title_matches,
        ),
        "ntext": FIELD_SEP.join((ntitle, nbody, *ntags)),
        "nlen": len(ntitle) + len(nbody),
        "tlen": len(ntitle),
        "kindc": KIND_CODE.get(item.kind, 0),
        "date": date_number(item.date),
    }
    tags = sorted({normalize(t) for t in item.tags} - {""})
    if tags:
        doc["tag"] = tags
    authors = sorted({normalize(a) for a in item.authors} - {""})
    if authors:
        doc["author"] = authors
    return doc


def packed_fields(item: SearchItem) -> dict:
    """`item_fields` with its term counts packed for shipping from a worker process.

    A ``Counter`` of 600 short strings costs a pickled object per term and
    ~70 KB of memory; packed, the terms are one string (joined by FIELD_SEP,
    which no term contains) and their counts one array, a few KB.
    `bulk.SegmentBuilder.add` takes either form.
    """
    fields = item_fields(item)
    for name in ("t", "tt"):
        fields[name] = pack_terms(fields[name])
    return fields


def pack_terms(terms: Counter[str]) -> tuple[str, array]:
    """(terms joined by FIELD_SEP, their counts); terms are never empty and never contain FIELD_SEP."""
    return FIELD_SEP.join(terms), array("I", terms.values())


def unpack_terms(packed: tuple[str, array]) -> dict[str, int]:
    """The terms and counts `pack_terms` packed."""
    text, counts = packed
    return dict(zip(text.split(FIELD_SEP), counts, strict=True)) if text else {}


def with_ids(fields: dict, key: str, document_id: int | None, entity_id: int | None) -> dict:
    """`fields` of an item made before its rows had ids (in an import's worker process), given them.

    Only the key and the stored ids depend on them: terms, texts and columns do not.
    """
    doc = list(fields["doc"])
    doc[_DOC_KEY], doc[_DOC_DOCUMENT_ID], doc[_DOC_ENTITY_ID] = key, document_id, entity_id
    return {**fields, "key": key, "doc": tuple(doc)}
