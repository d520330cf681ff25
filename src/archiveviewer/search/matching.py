"""Query evaluation per segment: the documents matching terms, filters and their boolean combinations.

Postings are read directly (see `read_postings`); candidates of longer
terms are verified against the normalized texts cached in each segment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import repeat

from .highlight import word_regex
from .normalize import WORD_RE, words
from .query import And, AuthorHas, KindIs, Not, Or, TagIs, Term
from .schema import KIND_CODE, KIND_NAME, is_indexed_gram
from .segment_cache import CachedSegment
from .whoosh_internals import read_postings


def term_docs(seg: CachedSegment, term: Term) -> dict[int, tuple[float, float]]:
    """Every live document matching `term`: docnum -> (count in text, count in title)."""
    cache_key = (term.text, term.title_only)
    hit = seg.terms.get(cache_key)
    if hit is not None:
        return hit
    result = _match_term(seg, term)
    seg.remember(cache_key, result)
    return result


def _match_term(seg: CachedSegment, term: Term) -> dict[int, tuple[float, float]]:
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
        ids, weights = read_postings(reader, field, qb)
        if term.title_only:
            return dict(zip(ids, zip(weights, weights)))
        out = dict(zip(ids, zip(weights, repeat(0.0))))
        tids, tweights = read_postings(reader, "tt", qb)
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
    cands = _candidates(seg, field, keys)
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
        in_titles = read_postings(reader, "tt", rare.encode("utf-8"))[0]
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


def _candidates(seg: CachedSegment, field: str, keys: list[str]) -> list[int]:
    """Documents containing all of the rarest few index terms (a superset of the matches)."""
    if not keys:
        return sorted(seg.universe())  # nothing indexed to narrow by (not expected)
    reader = seg.reader
    encoded = sorted((reader.doc_frequency(field, k.encode("utf-8")), k.encode("utf-8")) for k in keys)
    if encoded[0][0] == 0:
        return []
    cands, _ = read_postings(reader, field, encoded[0][1])
    for df, kb in encoded[1:4]:
        # Another posting list pays off only while it is not much longer
        # than the candidates it would thin out.
        if len(cands) <= 16 or df > 12 * len(cands):
            break
        more, _ = read_postings(reader, field, kb)
        cands = sorted(set(cands).intersection(more))
    return cands


def _filter_docs(seg: CachedSegment, node) -> set[int]:
    cache_key = node
    hit = seg.terms.get(cache_key)
    if hit is not None:
        return hit
    reader = seg.reader
    if isinstance(node, KindIs):
        out: set[int] = set()
        for kind in node.kinds:
            out.update(read_postings(reader, "kind", kind.encode("utf-8"))[0])
    elif isinstance(node, TagIs):
        out = set(read_postings(reader, "tag", node.tag.encode("utf-8"))[0])
    elif isinstance(node, AuthorHas):
        if seg.authors is None:
            seg.authors = [(b.decode("utf-8"), b) for b in reader.lexicon("author")]
        out = set()
        for name, b in seg.authors:
            if node.text in name:
                out.update(read_postings(reader, "author", b)[0])
    else:  # DateIn
        dates = seg.column("date")
        lo, hi = node.start, node.end
        out = {d for d in seg.universe() if lo <= dates[d] <= hi and dates[d]}
    seg.remember(cache_key, out)
    return out


def evaluate(seg: CachedSegment, node, restrict: set[int] | None = None) -> set[int]:
    """The live documents of `seg` matching a parsed query, within `restrict` if given."""
    if isinstance(node, Term):
        docs: Iterable[int] = term_docs(seg, node).keys()
        return set(docs) if restrict is None else restrict.intersection(docs)
    if isinstance(node, Not):
        base = seg.universe() if restrict is None else restrict
        return base - evaluate(seg, node.child, base)
    if isinstance(node, Or):
        out: set[int] = set()
        for child in node.children:
            out |= evaluate(seg, child, restrict)
        return out
    if isinstance(node, And):
        positives = [c for c in node.children if not isinstance(c, Not)]
        negatives = [c for c in node.children if isinstance(c, Not)]
        result = restrict
        for child in positives:
            result = evaluate(seg, child, result)
            if not result:
                return set()
        if result is None:
            result = set(seg.universe())
        for child in negatives:
            if not result:
                break
            result = result - evaluate(seg, child.child, result)
        return result
    docs = _filter_docs(seg, node)
    return set(docs) if restrict is None else restrict.intersection(docs)


UNDATED = "undated"  # the month facet's bucket (and month filter) for items without a date


def _narrow(seg: CachedSegment, docs: set[int], codes: set[int] | None, month: str | None, tag: str | None) -> set[int]:
    """`docs` restricted to the kind codes, the month ("YYYY-MM" or UNDATED) and the tag given."""
    if codes is not None:
        kc = seg.column("kindc")
        docs = {d for d in docs if kc[d] in codes}
    if month is not None:
        dates = seg.column("date")
        if month == UNDATED:
            docs = {d for d in docs if not dates[d]}
        else:
            mlo = month_start(month)
            mhi = mlo + 99
            docs = {d for d in docs if mlo <= dates[d] <= mhi}
    if tag is not None:
        docs = docs & _filter_docs(seg, TagIs(tag))
    return docs


def _kind_codes(kinds: set[str] | None) -> set[int] | None:
    return None if kinds is None else {KIND_CODE.get(k, -1) for k in kinds}


def check_month(month: str | None) -> None:
    """ValueError unless `month` is None, "YYYY-MM" or UNDATED."""
    if month is not None and month != UNDATED:
        month_start(month)


def hits(
    segs: list[tuple[CachedSegment, int]],
    node,
    kinds: set[str] | None,
    month: str | None,
    tag: str | None = None,
) -> list[tuple[CachedSegment, int, set[int]]]:
    """Per segment: (segment, docbase, matching docnums), narrowed to `kinds`, `month` and `tag` if given."""
    codes = _kind_codes(kinds)
    return [(seg, base, _narrow(seg, evaluate(seg, node), codes, month, tag)) for seg, base in segs]


def _segment_tags(seg: CachedSegment) -> list[tuple[str, set[int]]]:
    """Every (normalized tag, live documents carrying it) of a segment, cached with the term results."""
    cached = seg.terms.get(_TAGS_KEY)
    if cached is None:
        reader = seg.reader
        cached = []
        for b in reader.lexicon("tag"):
            docs = set(read_postings(reader, "tag", b)[0])
            if docs:
                cached.append((b.decode("utf-8"), docs))
        seg.remember(_TAGS_KEY, cached)
    return cached


_TAGS_KEY = ("\x00tags",)


def facet_counts(
    segs: list[tuple[CachedSegment, int]],
    node,
    kinds: set[str] | None = None,
    month: str | None = None,
    tag: str | None = None,
) -> dict[str, dict[str, int]]:
    """Hit counts by kind, month and tag, each counted under the other two filters (see SearchIndex.facets)."""
    codes = _kind_codes(kinds)
    by_kind: Counter[int] = Counter()
    by_month: Counter[int] = Counter()
    by_tag: Counter[str] = Counter()
    for seg, _base in segs:
        docs = evaluate(seg, node)
        if not docs:
            continue
        kc = seg.column("kindc")
        dates = seg.column("date")
        by_kind.update(kc[d] for d in _narrow(seg, docs, None, month, tag))
        by_month.update(dates[d] // 100 for d in _narrow(seg, docs, codes, None, tag))
        tagged = _narrow(seg, docs, codes, month, None)
        if tagged:
            for name, carriers in _segment_tags(seg):
                n = len(carriers & tagged)
                if n:
                    by_tag[name] += n
    kind_counts = {KIND_NAME[code]: by_kind[code] for code in sorted(by_kind) if code in KIND_NAME}
    month_counts = {f"{m // 100:04d}-{m % 100:02d}": c for m, c in sorted(by_month.items()) if m}
    if by_month.get(0):
        month_counts[UNDATED] = by_month[0]
    tag_counts = dict(sorted(by_tag.items(), key=lambda kv: (-kv[1], kv[0])))
    # An active filter stays listed (with 0) so it can be seen and cleared.
    for counts, active in (
        (kind_counts, kinds or ()),
        (month_counts, (month,) if month else ()),
        (tag_counts, (tag,) if tag else ()),
    ):
        for value in active:
            counts.setdefault(value, 0)
    return {"kind": kind_counts, "month": month_counts, "tag": tag_counts}


def month_start(month: str) -> int:
    """ "YYYY-MM" as YYYYMM00; ValueError for anything else."""
    y, sep, m = month.partition("-")
    if not (sep and len(y) == 4 and y.isdigit() and m.isdigit() and 1 <= int(m) <= 12):
        raise ValueError(f"month must be YYYY-MM, not {month!r}")
    return int(y) * 10000 + int(m) * 100


def _starts_word(text: str) -> bool:
    return WORD_RE.match(text) is not None


def _ends_word(text: str) -> bool:
    return WORD_RE.match(text[-1]) is not None
