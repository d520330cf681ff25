"""Hostile queries: deep nesting is a query error; fuzzed queries give a result or a QuerySyntaxError, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archiveviewer.search.index import SearchIndex
from archiveviewer.search.items import QuerySyntaxError, SearchItem
from archiveviewer.search.query import MAX_DEPTH, parse

ITEMS = [
    SearchItem(
        "article:1", "article", "无锡工会", "疫情防控 慰问金 Wuxi f(x) 10:30", date="2020-02-24", tags=("核对",)
    ),
    SearchItem("entry:2", "entry", "1月24日", "筹措资金44万元", date="2020-01-24", title_matches=False),
    SearchItem("annotation:3", "annotation", "批注", "请核对", authors=("王欣",), title_matches=False),
]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("fuzz") / "ix")
    for _ in index.rebuild(iter(ITEMS), len(ITEMS), 1):
        pass
    yield index
    index.close()


@pytest.mark.parametrize(
    "query",
    [
        "(" * 340 + "疫情" + ")" * 340,
        "NOT " * 1000 + "疫情",
        "-" * 1000 + "疫情",
        "(" * 200 + "a" + ")" * 200,
        " ".join(["NOT ("] * 150) + "疫情" + ")" * 150,
    ],
)
def test_deep_nesting_is_a_query_error_not_a_recursion_error(idx, query):
    """340 parentheses or 1,000 NOTs give the translated 'nested too deeply' error from parse and search."""
    for call in (parse, idx.search, idx.count, idx.facets):
        with pytest.raises(QuerySyntaxError) as info:
            call(query)
        assert info.value.template.startswith("the query is nested too deeply")
        assert info.value.params == {"limit": MAX_DEPTH}


def test_nesting_up_to_the_limit_still_works(idx):
    """A query nested exactly MAX_DEPTH levels deep is answered."""
    assert idx.count("(" * MAX_DEPTH + "疫情" + ")" * MAX_DEPTH) == 1
    assert idx.count("NOT " * MAX_DEPTH + "疫情") == 1  # an even number of NOTs


# Pieces that exercise every branch of the lexer and parser.
PIECES = st.sampled_from(
    [
        "(",
        ")",
        '"',
        "-",
        ":",
        "：",
        " ",
        "  ",
        "NOT",
        "OR",
        "AND",
        "not",
        "title:",
        "kind:",
        "tag:",
        "author:",
        "date:",
        "foo:",
        "entry",
        "条目",
        "2020",
        "2020-01",
        "2020-02-30",
        "..",
        "疫情",
        "慰问金",
        "無錫",
        "wuxi",
        "f(x)",
        "10:30",
        "\x00",
        "\u200b",
        "\ud800",
        "１９９８",
        "*",
        "?",
        "\\",
        "核对",
        "王",
    ]
)
QUERIES = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.lists(PIECES, max_size=12).map(" ".join),
    st.text(max_size=40),
)


@example(query='"\x00\n\x00"', kind=None, month=None)
@example(query='kind:"a\nb" date:"20\n20"', kind=None, month=None)
@example(query='date:"2020-01-02\t..2019"', kind=None, month=None)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, kind=st.sampled_from([None, "article", "entry"]), month=st.sampled_from([None, "undated"]))
def test_any_query_gives_a_result_or_a_query_error(idx, query, kind, month):
    """search, count and facets either answer or raise the project's QuerySyntaxError, with a readable message."""
    kinds = {kind} if kind else None
    try:
        result = idx.search(query, limit=0, kinds=kinds, month=month)
    except QuerySyntaxError as exc:
        assert str(exc) and "\n" not in str(exc)
        with pytest.raises(QuerySyntaxError):
            idx.facets(query)
        return
    assert result.total == len(result.hits) == idx.count(query, kinds=kinds, month=month)
    assert sum(idx.facets(query, kinds=kinds, month=month)["month"].values()) >= result.total
