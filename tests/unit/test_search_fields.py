"""Each field is matched on its own: no match spans a title and a text, entries match on their own text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from archiveviewer.app.search_service import SearchService
from archiveviewer.search.index import SearchIndex
from archiveviewer.search.items import SearchItem
from archiveviewer.search.normalize import normalize
from archiveviewer.storage.models import TimelineEntry


def _index(path, items) -> SearchIndex:
    idx = SearchIndex(path)
    for _ in idx.rebuild(iter(items), len(items), 1):
        pass
    return idx


@pytest.fixture
def idx(tmp_path):
    items = [
        SearchItem("document:1", "document", "防控通知", "复工安排如下。"),
        SearchItem("document:2", "document", "Wuxi Daily", "report on relief"),
        SearchItem(
            "entry:3", "entry", "1月24日 · 战疫时间轴", "总工会筹措资金。", tags=("待核对", "金额"), title_matches=False
        ),
    ]
    index = _index(tmp_path / "ix", items)
    yield index
    index.close()


def keys(idx, query, **kw):
    return {h.key for h in idx.search(query, limit=0, **kw).hits}


def test_a_query_across_the_title_text_seam_finds_nothing(idx):
    """知复 (end of the title + start of the text) is not on the page, so it matches nothing."""
    assert keys(idx, "知复") == set()
    assert keys(idx, '"通知 复工"') == set()
    assert keys(idx, '"daily report"') == set()
    # each side on its own still matches, and both together through AND
    assert keys(idx, "通知") == keys(idx, "复工") == keys(idx, "通知 复工") == {"document:1"}


def test_a_match_in_the_title_alone_gives_a_title_snippet(idx):
    """When only the title matched, the snippet is the title with the match marked, not title glued to text."""
    (hit,) = idx.search("通知").hits
    assert hit.snippet == "防控通知"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["通知"]


def test_an_entry_does_not_match_on_its_context_title(idx):
    """An entry's title (its page's title) is shown but not searched, not even by title:."""
    assert keys(idx, "战疫") == set()
    assert keys(idx, "title:时间轴") == set()
    (hit,) = idx.search("资金").hits
    assert hit.title == "1月24日 · 战疫时间轴" and "战疫" not in hit.snippet


def test_an_item_matches_on_its_own_tags_each_on_its_own(idx):
    """A plain query finds an entry through its tag, but never across text and tag or across two tags."""
    assert keys(idx, "核对") == {"entry:3"}
    assert keys(idx, "tag:待核对") == {"entry:3"}
    assert keys(idx, "资金。待") == set()  # end of the text + start of the first tag
    assert keys(idx, "核对金额") == set()  # the first tag + the second
    (hit,) = idx.search("核对").hits
    assert hit.snippet == "总工会筹措资金。" and hit.highlights == []


def test_control_characters_never_survive_normalization():
    """The field separator (a control character) can be neither in a text nor in a query."""
    assert normalize("防控\x00通知\x07\x7f") == "防控通知"


def test_sample_entries_match_only_on_their_own_text(sample_archive):
    """疫 finds exactly the sample's entries whose own text holds 疫 (not all 14 through the title 战疫)."""
    with sample_archive.Session() as s:
        entries = s.scalars(select(TimelineEntry)).all()
    expected = {f"entry:{e.id}" for e in entries if "疫" in normalize(e.text)}
    assert len(entries) == 14 and 0 < len(expected) < 14
    result = SearchService(sample_archive).search("疫", limit=0, kinds={"entry"})
    assert {h.key for h in result.hits} == expected
    for hit in result.hits:
        assert hit.snippet[hit.highlights[0][0] : hit.highlights[0][1]] == "疫"
        assert "时间轴" not in hit.snippet
