"""Refine-panel facets: kind, month (with an undated bucket) and tag, each recounted under the other filters."""

from __future__ import annotations

import itertools

import pytest

from archiveviewer.search.index import SearchIndex
from archiveviewer.search.items import SearchItem

ITEMS = [
    SearchItem("article:1", "article", "工会", "无锡工会慰问", date="2020-01-24", tags=("核对", "疫情")),
    SearchItem("article:2", "article", "工会", "无锡工会复工", date="2020-02-03", tags=("疫情",)),
    SearchItem("entry:3", "entry", "1月", "无锡资金", date="2020-01-30", tags=("核对",), title_matches=False),
    SearchItem("entry:4", "entry", "2月", "无锡补贴", date="2020-02-07", title_matches=False),
    SearchItem("document:5", "document", "通知", "无锡通知", tags=("核对",)),
    SearchItem("annotation:6", "annotation", "批注", "无锡待查", title_matches=False),
    SearchItem("document:7", "document", "別的", "江阴", date="2020-02-01"),
]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    index = SearchIndex(tmp_path_factory.mktemp("facets") / "ix")
    for _ in index.rebuild(iter(ITEMS), len(ITEMS), 1):
        pass
    yield index
    index.close()


def test_facets_of_a_query_without_filters(idx):
    """Counts by kind, by month with an explicit undated bucket last, and by tag (most frequent first)."""
    f = idx.facets("无锡")
    assert f["kind"] == {"article": 2, "entry": 2, "document": 1, "annotation": 1}
    assert list(f["month"].items()) == [("2020-01", 2), ("2020-02", 2), ("undated", 2)]
    assert list(f["tag"].items()) == [("核对", 3), ("疫情", 2)]


def test_each_facet_is_recounted_under_the_other_filters(idx):
    """With kind=article active, months and tags count only articles; the kind facet ignores its own filter."""
    f = idx.facets("无锡", kinds={"article"})
    assert f["kind"] == {"article": 2, "entry": 2, "document": 1, "annotation": 1}
    assert f["month"] == {"2020-01": 1, "2020-02": 1}
    assert f["tag"] == {"疫情": 2, "核对": 1}
    f = idx.facets("无锡", month="undated")
    assert f["kind"] == {"document": 1, "annotation": 1}
    assert f["tag"] == {"核对": 1}
    f = idx.facets("无锡", tag="核对")
    assert f["kind"] == {"article": 1, "entry": 1, "document": 1}
    assert f["month"] == {"2020-01": 2, "undated": 1}


def test_an_active_filter_with_no_hits_stays_listed_with_zero(idx):
    """A filter the other filters empty out is still shown (count 0), so it can be cleared."""
    f = idx.facets("无锡", kinds={"annotation"}, month="2020-01")
    assert f["kind"]["annotation"] == 0 and f["month"]["2020-01"] == 0


def test_every_count_agrees_with_the_list(idx):
    """For every filter combination, each listed count equals the total of search() with that value picked."""
    kinds = (None, "article", "entry", "document", "annotation")
    months = (None, "2020-01", "2020-02", "undated")
    tags = (None, "核对", "疫情")
    for query in ("无锡", "-江阴", "工会 OR 资金"):
        for kind, month, tag in itertools.product(kinds, months, tags):
            active = {"kinds": {kind} if kind else None, "month": month, "tag": tag}
            f = idx.facets(query, **active)
            for value, n in f["kind"].items():
                assert idx.search(query, limit=0, **{**active, "kinds": {value}}).total == n
            for value, n in f["month"].items():
                assert idx.search(query, limit=0, **{**active, "month": value}).total == n
            for value, n in f["tag"].items():
                assert idx.search(query, limit=0, **{**active, "tag": value}).total == n
            assert idx.count(query, **active) == idx.search(query, limit=0, **active).total


def test_undated_filter_and_bad_month(idx):
    """month="undated" lists only items without a date; a malformed month is a ValueError."""
    assert {h.key for h in idx.search("无锡", limit=0, month="undated").hits} == {"document:5", "annotation:6"}
    with pytest.raises(ValueError):
        idx.facets("无锡", month="2020-13")
