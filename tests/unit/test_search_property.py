"""Property test: search finds exactly the items whose text contains the query, across script variants."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from archiveviewer.search.index import SearchIndex
from archiveviewer.search.items import SearchItem

# Common simplified characters whose traditional form folds back to them
# (checked against OpenCC in test_pool_round_trips), and some without one.
WITH_TRADITIONAL = (
    "这为个国时来们于对会发动过说产种后学经进电里现实两体机当点从业应开还义间样与关线内数么质气变条没"
    "结问无军并题党员总设长头资边级图统较将组见计别论运农几区强决战则据处队给门规热领东导压争济阶术极"
    "联认权证采转单风带场车务万达积议声报斗类离华确张马节话况温传许群广记观织装众书复儿须际验连断难矿"
    "备办习响约劳团历构称准号维划选标写亲养层却专状厂识适属圆调满县参红细听该铁价严龙飞锡总"
)
WITHOUT_TRADITIONAL = "工的一是在不了有和人中大上我以要他用生到作地出就分成可主年同也能下子而方多定行法所民得十三之"
DIGITS = "0123456789"
FULL_WIDTH = {d: chr(ord(d) - ord("0") + ord("０")) for d in DIGITS}


def _s2t():
    import opencc

    conv = opencc.OpenCC("s2t")
    chars = list(WITH_TRADITIONAL)
    return dict(zip(chars, conv.convert("\n".join(chars)).split("\n")))


S2T = _s2t()
POOL = WITH_TRADITIONAL + WITHOUT_TRADITIONAL + DIGITS


def test_pool_round_trips():
    """Every pool character's traditional form normalizes back to it."""
    from archiveviewer.search.normalize import normalize

    for c, t in S2T.items():
        assert len(t) == 1 and t != c and normalize(t) == c, (c, t)
    for c in POOL:
        assert normalize(c) == c


def _is_cjk(c: str) -> bool:
    return c not in DIGITS


def _variant(base: str, rnd, line_breaks: bool) -> str:
    """The same text written with traditional characters, full-width digits and OCR line breaks."""
    out = []
    for i, c in enumerate(base):
        if c in S2T and rnd.random() < 0.5:
            out.append(S2T[c])
        elif c in FULL_WIDTH and rnd.random() < 0.5:
            out.append(FULL_WIDTH[c])
        else:
            out.append(c)
        if line_breaks and i + 1 < len(base) and _is_cjk(c) and _is_cjk(base[i + 1]) and rnd.random() < 0.15:
            out.append("\n")
    return "".join(out)


def _expected(query: str, base: str) -> bool:
    """The oracle, independent of the implementation: substring for CJK, whole numbers otherwise."""
    if any(_is_cjk(c) for c in query):
        return query in base
    return re.search(rf"(?<![0-9]){re.escape(query)}(?![0-9])", base) is not None


@st.composite
def cases(draw):
    alphabet = draw(st.lists(st.sampled_from(POOL), min_size=3, max_size=12, unique=True))
    bases = draw(st.lists(st.text(alphabet=alphabet, min_size=1, max_size=40), min_size=1, max_size=6))
    source = draw(st.sampled_from(bases))
    start = draw(st.integers(0, len(source) - 1))
    length = draw(st.integers(1, 8))
    query = source[start : start + length]
    if draw(st.booleans()):
        query = draw(st.text(alphabet=alphabet, min_size=1, max_size=8))
    rnd = draw(st.randoms(use_true_random=False))
    return bases, query, rnd


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_search_is_exact_across_variants(case):
    """Every item containing the query is found and no other, whatever the script variant on either side."""
    bases, query, rnd = case
    items = [SearchItem(f"entry:{i}", "entry", "", _variant(b, rnd, line_breaks=True)) for i, b in enumerate(bases)]
    typed = _variant(query, rnd, line_breaks=False)
    expected = {f"entry:{i}" for i, b in enumerate(bases) if _expected(query, b)}
    event(f"expected hits: {min(len(expected), 3)}+")
    with tempfile.TemporaryDirectory() as tmp:
        idx = SearchIndex(Path(tmp) / "ix")
        for _ in idx.rebuild(iter(items), len(items), 1):
            pass
        try:
            result = idx.search(f'"{typed}"', limit=0)
            assert {h.key for h in result.hits} == expected
            assert result.total == len(expected) == idx.count(f'"{typed}"')
        finally:
            idx.close()


MIXED = "无锡總工会年月日AbCxyz019１２ａ ,.-_()%‰・…\n"


@st.composite
def mixed_cases(draw):
    texts = draw(st.lists(st.text(alphabet=MIXED, min_size=1, max_size=30), min_size=1, max_size=6))
    titles = draw(st.lists(st.text(alphabet=MIXED, max_size=8), min_size=len(texts), max_size=len(texts)))
    source = draw(st.sampled_from(texts))
    start = draw(st.integers(0, len(source) - 1))
    query = source[start : start + draw(st.integers(1, 8))]
    return texts, titles, query


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_cases())
def test_mixed_text_matches_the_definition(case):
    """With Latin words, digits and punctuation, hits equal a scan applying the matching rules to each field."""
    from archiveviewer.search.highlight import word_regex
    from archiveviewer.search.normalize import has_cjk, normalize

    texts, titles, query = case
    nq = normalize(query)
    if not nq:
        return

    def matches(text: str) -> bool:
        n = normalize(text)
        return nq in n if has_cjk(nq) else word_regex(nq).search(n) is not None

    items = [SearchItem(f"entry:{i}", "entry", t, x) for i, (t, x) in enumerate(zip(titles, texts))]
    with tempfile.TemporaryDirectory() as tmp:
        idx = SearchIndex(Path(tmp) / "ix")
        for _ in idx.rebuild(iter(items), len(items), 1):
            pass
        try:
            got = {h.key for h in idx.search(f'"{query}"', limit=0).hits}
            # Each field on its own: a match never spans the seam between title and text.
            assert got == {it.key for it in items if matches(it.title) or matches(it.text)}
            got_title = {h.key for h in idx.search(f'title:"{query}"', limit=0).hits}
            assert got_title == {it.key for it in items if matches(it.title)}
        finally:
            idx.close()


@st.composite
def update_sequences(draw):
    alphabet = draw(st.lists(st.sampled_from(WITH_TRADITIONAL[:40]), min_size=3, max_size=6, unique=True))
    text = st.text(alphabet=alphabet, min_size=1, max_size=12)
    op = st.one_of(
        st.tuples(st.just("upsert"), st.integers(0, 5), text), st.tuples(st.just("delete"), st.integers(0, 5))
    )
    commits = draw(st.lists(st.lists(op, min_size=1, max_size=4), min_size=1, max_size=6))
    query = draw(st.text(alphabet=alphabet, min_size=1, max_size=3))
    return draw(st.lists(text, max_size=4)), commits, query


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(update_sequences())
def test_updates_and_merges_match_a_model(case):
    """After any sequence of upserts and deletes over several commits (with merges), hits equal a scan."""
    from unittest import mock

    import archiveviewer.search.index as index_module

    initial, commits, query = case
    model = {f"k:{i}": t for i, t in enumerate(initial)}
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(index_module, "MERGE_AT", 2):
        idx = SearchIndex(Path(tmp) / "ix")
        for _ in idx.rebuild((SearchItem(k, "entry", "", t) for k, t in model.items()), len(model), 1):
            pass
        try:
            for gen, ops in enumerate(commits, start=2):
                with idx.writer(gen) as w:
                    for op in ops:
                        key = f"k:{op[1]}"
                        if op[0] == "upsert":
                            w.upsert([SearchItem(key, "entry", "", op[2])])
                            model[key] = op[2]
                        else:
                            w.delete([key])
                            model.pop(key, None)
            assert idx.status(len(commits) + 1) is None
            got = {h.key for h in idx.search(f'"{query}"', limit=0).hits}
            assert got == {k for k, t in model.items() if query in t}
            assert idx.count(f'-"{query}"') == len(model) - len(got)
        finally:
            idx.close()
