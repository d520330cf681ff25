"""BM25 scoring of matched documents, their order by relevance or date, and the hits shown for them."""

from __future__ import annotations

import heapq
import math
from operator import itemgetter

from .highlight import make_snippet
from .items import SearchHit
from .matching import term_docs
from .query import Term
from .segment_cache import CachedSegment

K1 = 1.2
B = 0.75
TITLE_BOOST = 2.0


def length_norms(seg: CachedSegment, avgdl: float) -> list[float]:
    """BM25's per-document length normalisation, K1 * (1 - B + B * dl / avgdl), cached on the segment."""
    if seg.norms_for != avgdl:
        a = K1 * (1 - B)
        c = K1 * B / avgdl
        seg.norms = [a + c * dl for dl in seg.column("nlen")]
        seg.norms_for = avgdl
    return seg.norms


def scores(
    segs: list[tuple[CachedSegment, int]], ndocs: int, avgdl: float, terms: list[Term], hits
) -> list[tuple[CachedSegment, int, dict[int, float]]]:
    """Per segment: (segment, docbase, {docnum: score}) in docnum order; BM25 over the positive terms."""
    n = ndocs or 1
    avgdl = avgdl or 1.0
    idfs = []
    for term in terms:
        df = sum(len(term_docs(seg, term)) for seg, _ in segs)
        idfs.append(math.log(1 + (n - df + 0.5) / (df + 0.5)))
    boost = TITLE_BOOST - 1.0
    out = []
    for seg, base, docs in hits:
        if not docs:
            continue
        # Sorted insertion makes ties come out in index order, stably.
        scored = dict.fromkeys(sorted(docs), 0.0)
        normf = length_norms(seg, avgdl)
        for term, idf in zip(terms, idfs):
            tdocs = term_docs(seg, term)
            c = idf * (K1 + 1)
            if len(scored) <= len(tdocs):
                get = tdocs.get
                for d in scored:
                    v = get(d)
                    if v is not None:
                        w = v[0] + boost * v[1]
                        scored[d] += c * w / (w + normf[d])
            else:
                for d, v in tdocs.items():
                    if d in scored:
                        w = v[0] + boost * v[1]
                        scored[d] += c * w / (w + normf[d])
        out.append((seg, base, scored))
    return out


def order(scored, sort: str, want: int) -> list[tuple[float, CachedSegment, int]]:
    """The first `want` hits as (score, segment, docnum) in the requested order."""
    # Tuples of sort keys, then (score, segment, docnum); the two orders use different keys.
    picked: list[tuple] = []
    if sort == "relevance":
        for seg, base, by_doc in scored:
            top = heapq.nlargest(want, by_doc.items(), key=itemgetter(1))
            picked.extend((-s, base + d, s, seg, d) for d, s in top)
    else:
        for seg, base, by_doc in scored:
            dates = seg.column("date")
            # Undated items sort after every date.
            keyed = (((dates[d] or 99_999_999), -s, base + d, s, seg, d) for d, s in by_doc.items())
            picked.extend(heapq.nsmallest(want, keyed))
    picked.sort(key=lambda h: h[:-3] if sort == "date" else h[:2])
    return [(h[-3], h[-2], h[-1]) for h in picked[:want]]


def make_hit(seg: CachedSegment, docnum: int, score: float, terms: list[Term]) -> SearchHit:
    """The stored item of a hit with its snippet and highlights."""
    doc = seg.reader.stored_fields(docnum)["doc"]
    key, kind, title, text, date, document_id, entity_id, source, _tags, _authors, title_matches = doc
    snippet, highlights = make_snippet(title if title_matches else "", text, terms)
    return SearchHit(
        key=key,
        kind=kind,
        title=title,
        date=date,
        document_id=document_id,
        entity_id=entity_id,
        source=source,
        snippet=snippet,
        highlights=highlights,
        score=round(score, 6),
    )
