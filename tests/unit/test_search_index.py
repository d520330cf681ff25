"""Tests of SearchIndex: query features, ranking, snippets, updates, status and rebuilds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from archiveviewer.search.index import IndexUnavailableError, SearchIndex
from archiveviewer.search.items import QuerySyntaxError, SearchItem
from archiveviewer.search.normalize import normalize

ITEMS = [
    SearchItem(
        key="article:1",
        kind="article",
        title="万众一心 阻击疫情",
        text="疫情就是命令，防控就是责任。无锡市总工会深入贯\n彻重要指示精神，积极投入疫情阻击战。",
        date="2020-02-24",
        document_id=1,
        tags=("疫情", "工会"),
        authors=("陈煜蕾",),
    ),
    SearchItem(
        key="entry:2",
        kind="entry",
        title="1月24日",
        text="无锡市总工会筹措资金44万元驰援防控新型冠\n状病毒肺炎的2家市级定点医院。",
        date="2020-01-24",
        document_id=1,
        entity_id=2,
    ),
    SearchItem(
        key="entry:3",
        kind="entry",
        title="1月26日",
        text="無錫市總工會微信平台轉發《無錫人民政府關於實施一級響應措施的通告》。",
        date="2020-01-26",
        document_id=1,
        entity_id=3,
    ),
    SearchItem(
        key="document:4",
        kind="document",
        title="Wuxi Daily",
        text="A report from Wuxi city on COVID-19 relief; 慰问金 paid to workers.",
        source="wuxi-daily.html",
    ),
    SearchItem(
        key="document:5",
        kind="document",
        title="County notes",
        text="Notes from Wuxiang county. 慰问金额 not yet known.",
        date="2019-12-01",
    ),
    SearchItem(
        key="annotation:6",
        kind="annotation",
        title="批注",
        text="１９９８年的无锡资料，请核对。",
        date="2020-02-01",
        tags=("核对",),
        authors=("王欣",),
    ),
    SearchItem(
        key="article:7",
        kind="article",
        title="无锡工会“战疫” 时间轴",
        text="时已立春，万象更新。各级工会组织守土有责、精准施策。",
        date="2020-02-24",
        document_id=2,
        authors=("汪自力", "邹琦"),
    ),
]


def build(path: Path, items=ITEMS, generation: int = 1) -> SearchIndex:
    idx = SearchIndex(path)
    for _ in idx.rebuild(iter(items), len(items), generation):
        pass
    return idx


@pytest.fixture(scope="module")
def idx(tmp_path_factory) -> SearchIndex:
    index = build(tmp_path_factory.mktemp("search") / "index")
    yield index
    index.close()


@pytest.fixture
def fresh(tmp_path) -> SearchIndex:
    index = build(tmp_path / "index")
    yield index
    index.close()


def keys(idx: SearchIndex, query: str, **kw) -> set[str]:
    return {h.key for h in idx.search(query, limit=0, **kw).hits}


# --- matching ------------------------------------------------------------------


def test_cjk_substring_across_line_breaks(idx):
    """A CJK query matches inside words and across OCR line breaks."""
    assert keys(idx, "深入贯彻") == {"article:1"}
    assert keys(idx, "新型冠状病毒") == {"entry:2"}


def test_single_character_query(idx):
    """One-character queries are exact."""
    assert keys(idx, "锡") == {"article:1", "entry:2", "entry:3", "annotation:6", "article:7"}


def test_traditional_and_simplified_find_each_other(idx):
    """無錫 finds 无锡 and 总工会 finds 總工會."""
    assert keys(idx, "無錫") == keys(idx, "无锡")
    assert "entry:3" in keys(idx, "总工会")
    assert keys(idx, "總工會") == keys(idx, "总工会") == {"article:1", "entry:2", "entry:3"}


def test_full_width_matches_ascii(idx):
    """1998年 finds １９９８年, and the reverse."""
    assert keys(idx, "1998年") == {"annotation:6"}
    assert keys(idx, "１９９８年") == {"annotation:6"}


def test_latin_terms_match_whole_words(idx):
    """wuxi matches "Wuxi city" but not "Wuxiang"."""
    assert keys(idx, "wuxi") == {"document:4"}
    assert keys(idx, "WUXIANG") == {"document:5"}
    assert keys(idx, "covid-19") == {"document:4"}
    assert keys(idx, '"wuxi city"') == {"document:4"}
    assert keys(idx, "wux") == set()


def test_cjk_substring_does_not_stop_at_words(idx):
    """慰问金 also finds 慰问金额 (substring, unlike word segmentation)."""
    assert keys(idx, "慰问金") == {"document:4", "document:5"}


def test_title_counts_as_text(idx):
    """Title matches count for plain queries."""
    assert keys(idx, "万众一心") == {"article:1"}


def test_and_or_not(idx):
    """AND, OR, NOT and parentheses combine exactly."""
    assert keys(idx, "无锡 资金") == {"entry:2"}
    assert keys(idx, "资金 OR 微信") == {"entry:2", "entry:3"}
    assert keys(idx, "总工会 -资金") == {"article:1", "entry:3"}
    assert keys(idx, "总工会 NOT 资金") == {"article:1", "entry:3"}
    assert keys(idx, "无锡 (资金 OR 核对)") == {"entry:2", "annotation:6"}


def test_only_negations_mean_everything_else(idx):
    """A query of only NOT terms returns all items except those."""
    assert keys(idx, "-无锡") == {"document:4", "document:5"}


def test_phrase_with_spaces_in_cjk(idx):
    """Spaces inside a CJK phrase are ignored, like in the text."""
    assert keys(idx, '"战疫” 时间轴"') == {"article:7"}
    assert keys(idx, 'title:"战疫” 时间轴"') == {"article:7"}


def test_title_field_only_searches_titles(idx):
    """title: ignores the body text."""
    assert keys(idx, "title:疫情") == {"article:1"}
    assert keys(idx, "title:无锡") == {"article:7"}
    assert keys(idx, "title:wuxi") == {"document:4"}


def test_kind_field(idx):
    """kind: filters by kind, in English or Chinese."""
    assert keys(idx, "kind:entry") == {"entry:2", "entry:3"}
    assert keys(idx, "无锡 kind:批注") == {"annotation:6"}


def test_tag_and_author_fields(idx):
    """tag: matches a whole tag; author: a part of an author's name."""
    assert keys(idx, "tag:工会") == {"article:1"}
    assert keys(idx, "tag:工") == set()
    assert keys(idx, "author:自力") == {"article:7"}
    assert keys(idx, "author:陳") == {"article:1"}


def test_date_field(idx):
    """date: takes a day, month, year or range; undated items never match."""
    assert keys(idx, "date:2020-01-24") == {"entry:2"}
    assert keys(idx, "date:2020-01") == {"entry:2", "entry:3"}
    assert keys(idx, "date:2019") == {"document:5"}
    assert keys(idx, "date:2020-01-25..2020-02-01") == {"entry:3", "annotation:6"}
    assert keys(idx, "date:..2020-01-24") == {"entry:2", "document:5"}
    assert keys(idx, "date:2020-02-24..") == {"article:1", "article:7"}


def test_colon_text_and_times_are_searchable(tmp_path):
    """A colon in CJK text or a time like 10:30 is plain text."""
    idx = build(tmp_path / "ix", [SearchItem("entry:1", "entry", "", "会议于10:30召开。通知：明天")])
    assert keys(idx, "10:30") == {"entry:1"}
    assert keys(idx, "通知：明天") == {"entry:1"}
    idx.close()


def test_malformed_query_raises(idx):
    """Bad queries raise QuerySyntaxError from search, count and facets."""
    for call in (idx.search, idx.count, idx.facets):
        with pytest.raises(QuerySyntaxError):
            call("foo:bar")


# --- ranking, sorting, filters, facets -----------------------------------------------


def test_bm25_prefers_more_occurrences_and_title_matches(tmp_path):
    """More occurrences score higher, and a title match beats a body match."""
    items = [
        SearchItem("a:1", "article", "其他", "无锡。" + "填充文字" * 10),
        SearchItem("a:2", "article", "其他", "无锡无锡无锡。" + "填充文字" * 10),
        SearchItem("a:3", "article", "无锡", "填充文字" * 10 + "。"),
        SearchItem("a:4", "article", "其他", "江阴。" + "填充文字" * 10),
    ]
    idx = build(tmp_path / "ix", items)
    hits = idx.search("无锡").hits
    assert [h.key for h in hits][0] == "a:2"
    scores = {h.key: h.score for h in hits}
    assert scores["a:3"] > scores["a:1"]
    idx.close()


def test_sort_by_date_ascending_undated_last(idx):
    """sort="date" is chronological with undated items last."""
    hits = idx.search("-不存在的词", limit=0, sort="date").hits
    dates = [h.date for h in hits]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1])


def test_paging_is_consistent(idx):
    """Pages with offset continue the same order without overlap."""
    everything = [h.key for h in idx.search("-不存在的词", limit=0).hits]
    pages = [h.key for off in range(0, 7, 3) for h in idx.search("-不存在的词", limit=3, offset=off).hits]
    assert pages == everything
    assert idx.search("-不存在的词", limit=3).total == 7


def test_kinds_and_month_filter_hits(idx):
    """kinds and month narrow the hits and the total."""
    res = idx.search("无锡", kinds={"entry"})
    assert {h.key for h in res.hits} == {"entry:2", "entry:3"} and res.total == 2
    assert keys(idx, "无锡", month="2020-02") == {"article:1", "annotation:6", "article:7"}
    assert idx.count("无锡", kinds={"article"}, month="2020-02") == 2


def test_bad_sort_or_month_is_a_value_error(idx):
    """A sort or month the GUI should never send raises ValueError."""
    with pytest.raises(ValueError):
        idx.search("无锡", sort="newest")
    with pytest.raises(ValueError):
        idx.search("无锡", month="2020-13")


def test_facets_count_all_hits(idx):
    """facets gives counts by kind and month of every hit."""
    f = idx.facets("无锡")
    assert f["kind"] == {"article": 2, "entry": 2, "annotation": 1}
    assert f["month"] == {"2020-01": 2, "2020-02": 3}


def test_count_matches_search_total(idx):
    """count() is the total of search()."""
    for q in ("无锡", "锡", "wuxi", "-无锡", "kind:entry", "总工会 OR wuxi"):
        assert idx.count(q) == idx.search(q).total


def test_hit_fields_come_from_the_item(idx):
    """A hit carries the item's metadata."""
    (hit,) = idx.search("wuxi").hits
    assert (hit.kind, hit.title, hit.date, hit.source) == ("document", "Wuxi Daily", None, "wuxi-daily.html")


# --- snippets and highlights ----------------------------------------------------------


def test_snippet_highlights_normalize_to_the_query(idx):
    """snippet[start:end] of every highlight normalizes to a query term."""
    for query, term in (
        ("总工会", "总工会"),
        ("贯彻", "贯彻"),
        ("無錫", "无锡"),
        ("1998年", "1998年"),
        ("wuxi", "wuxi"),
    ):
        res = idx.search(query, limit=0)
        assert res.hits
        for hit in res.hits:
            assert hit.highlights, (query, hit.snippet)
            for start, end in hit.highlights:
                assert normalize(hit.snippet[start:end]) == term


def test_snippet_is_one_line_and_cut_with_ellipsis(tmp_path):
    """A long text gives a ~70 character one-line snippet around the match with … at cuts."""
    text = "开头" + "甲乙丙丁" * 40 + "\n\n关键词在这里\n出现" + "戊己庚辛" * 40
    idx = build(tmp_path / "ix", [SearchItem("a:1", "article", "标题", text)])
    (hit,) = idx.search("关键词").hits
    assert "\n" not in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert 60 <= len(hit.snippet) <= 80
    ((start, end),) = hit.highlights
    assert hit.snippet[start:end] == "关键词"
    idx.close()


def test_highlights_cover_every_positive_term(idx):
    """Every match of every positive term inside the snippet is highlighted."""
    (hit,) = idx.search("疫情 防控 -资金").hits
    marked = {hit.snippet[s:e] for s, e in hit.highlights}
    assert marked == {"疫情", "防控"}


def test_highlight_spans_on_original_text(idx):
    """highlight_spans returns spans in the original text, across line breaks and variants."""
    from archiveviewer.search.highlight import highlight_spans

    text = "無錫市總工會深入贯\n彻指示"
    spans = highlight_spans("无锡 贯彻", text)
    assert [text[s:e] for s, e in spans] == ["無錫", "贯\n彻"]
    assert idx.query_terms("无锡 -江阴 title:贯彻") == ["无锡", "贯彻"]


# --- incremental updates -------------------------------------------------------------


def test_upsert_replaces_without_duplicates(fresh):
    """Upserting an existing key replaces the item."""
    with fresh.writer(2) as w:
        w.upsert([SearchItem("entry:2", "entry", "1月24日", "改正后的文字：江阴慰问。")])
    assert keys(fresh, "江阴慰问") == {"entry:2"}
    assert "entry:2" not in keys(fresh, "筹措资金")
    assert fresh.count("-不存在的词") == len(ITEMS)
    assert fresh.generation() == 2 and fresh.status(2) is None


def test_upsert_twice_in_one_writer_keeps_the_last(fresh):
    """Two upserts of one key in one block leave only the last."""
    with fresh.writer(2) as w:
        w.upsert([SearchItem("new:1", "entry", "", "第一稿")])
        w.upsert([SearchItem("new:1", "entry", "", "第二稿")])
    assert keys(fresh, "稿") == {"new:1"}
    assert fresh.count("第一稿") == 0


def test_delete_removes(fresh):
    """Deleted keys are no longer found."""
    with fresh.writer(2) as w:
        w.delete(["entry:2", "document:4"])
    assert keys(fresh, "无锡") == {"article:1", "entry:3", "annotation:6", "article:7"}
    assert keys(fresh, "wuxi") == set()
    assert fresh.status(2) is None


def test_deleting_everything_leaves_an_empty_usable_index(fresh):
    """After the last item is deleted, searches find nothing and new items can be added."""
    with fresh.writer(2) as w:
        w.delete([it.key for it in ITEMS])
    assert fresh.status(2) is None
    assert fresh.search("无锡").total == 0 and fresh.count("-无锡") == 0
    assert fresh.facets("-无锡") == {"kind": {}, "month": {}, "tag": {}}
    with fresh.writer(3) as w:
        w.upsert([SearchItem("new:1", "entry", "", "重新开始")])
    assert keys(fresh, "重新") == {"new:1"}
    assert fresh.status(3) is None


def test_writer_cancelled_on_exception_leaves_no_trace(fresh):
    """An exception in the block discards the changes and keeps the generation."""
    with pytest.raises(RuntimeError), fresh.writer(2) as w:
        w.upsert([SearchItem("new:1", "entry", "", "不应出现")])
        w.delete(["entry:2"])
        raise RuntimeError("database transaction failed")
    assert fresh.count("不应出现") == 0
    assert "entry:2" in keys(fresh, "筹措")
    assert fresh.generation() == 1
    assert fresh.status(1) is None


def test_many_small_commits_stay_exact(fresh):
    """Repeated commits (and Whoosh's segment merges) keep results exact."""
    for i in range(12):
        with fresh.writer(2 + i) as w:
            w.upsert([SearchItem(f"note:{i}", "annotation", f"笔记{i}", f"第{i}条：无锡慰问工作。")])
            if i % 3 == 0:
                w.delete([f"note:{i - 1}"])
    expected = {f"note:{i}" for i in range(12)} - {"note:2", "note:5", "note:8"}
    assert keys(fresh, "慰问工作") == expected
    assert fresh.status(13) is None
    assert fresh.count("-不存在的词") == len(ITEMS) + len(expected)


def test_commits_never_merge_a_rebuilt_segment(fresh, monkeypatch):
    """Small commit segments merge among themselves; the big rebuilt segment stays untouched."""
    import archiveviewer.search.index as index_module

    monkeypatch.setattr(index_module, "SMALL_SEGMENT", 5)
    monkeypatch.setattr(index_module, "MERGE_AT", 3)
    fresh.count("无锡")
    (big,) = [seg.segid for seg, _ in fresh._segs]
    for i in range(7):
        with fresh.writer(2 + i) as w:
            w.upsert([SearchItem(f"note:{i}", "annotation", "", f"第{i}条笔记")])
    segids = [seg.segid for seg, _ in fresh._segs]
    assert big in segids and len(segids) < 7
    assert keys(fresh, "笔记") == {f"note:{i}" for i in range(7)}


def test_failed_index_commit_marks_stale_without_raising(fresh, monkeypatch):
    """If applying changes fails after the database commit, nothing raises and status() says stale."""
    import archiveviewer.search.index as index_module

    def broken(item):
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "item_fields", broken)
    with fresh.writer(2) as w:
        w.upsert([SearchItem("new:1", "entry", "", "新条目")])
    assert fresh.status(2) == "stale"
    assert fresh.generation() is None
    with fresh.writer(3) as w:  # a stale index is left alone until rebuilt
        w.delete(["entry:2"])
    assert fresh.status(3) == "stale"


def test_writer_with_unexpected_previous_generation_marks_stale(fresh):
    """A writer told the wrong previous generation marks the index stale instead of patching it."""
    with fresh.writer(5, expected_previous=4) as w:
        w.upsert([SearchItem("new:1", "entry", "", "新条目")])
    assert fresh.status(5) == "stale"
    assert fresh.generation() is None


def test_commit_does_not_use_whooshs_posting_sort(fresh, monkeypatch):
    """Commits bypass Whoosh's one-call posting sort, which would hold the GIL and freeze the GUI."""
    from whoosh.externalsort import SortingPool

    def forbidden(self, *args, **kwargs):
        raise AssertionError("Whoosh's SortingPool was used")

    monkeypatch.setattr(SortingPool, "items", forbidden)
    with fresh.writer(2) as w:
        w.upsert([SearchItem(f"new:{i}", "entry", "", f"新条目{i}号") for i in range(50)])
    assert fresh.status(2) is None
    assert fresh.count("新条目") == 50


def test_items_with_empty_fields_are_indexed(tmp_path):
    """Empty kind, title and text do not break indexing."""
    idx = build(tmp_path / "ix", [SearchItem("x:1", "", "", ""), SearchItem("x:2", "", "", "有字")])
    assert idx.status(1) is None
    assert keys(idx, "有字") == {"x:2"}
    assert idx.count("-有字") == 1
    idx.close()


def test_writer_skipping_a_generation_marks_stale(fresh):
    """An index that missed a change (generation 1, writer for 3) is not patched into looking current."""
    with fresh.writer(3) as w:
        w.upsert([SearchItem("new:1", "entry", "", "新条目")])
    assert fresh.status(3) == "stale"
    assert fresh.count("新条目") == 0


def test_writer_on_missing_index_does_nothing(tmp_path):
    """Without an index the writer creates nothing; status still says missing."""
    idx = SearchIndex(tmp_path / "none")
    with idx.writer(3) as w:
        w.upsert([SearchItem("new:1", "entry", "", "新条目")])
    assert idx.status(3) == "missing"
    assert not (tmp_path / "none").exists()


# --- status, corruption, rebuild -----------------------------------------------------------


def test_status_missing_before_any_build(tmp_path):
    """A folder without an index is missing, and creating the object creates nothing."""
    idx = SearchIndex(tmp_path / "ix")
    assert idx.status(0) == "missing"
    assert idx.generation() is None
    assert not (tmp_path / "ix").exists()
    with pytest.raises(IndexUnavailableError):
        idx.search("无锡")


def test_status_stale_generation(fresh):
    """A generation other than the expected one is stale."""
    assert fresh.status(1) is None
    assert fresh.status(2) == "stale"


def _current(path: Path) -> Path:
    return path / (path / "CURRENT").read_text().strip()


def test_status_schema_changed(fresh):
    """A different schema version in meta.json asks for a rebuild."""
    meta_path = _current(fresh.path) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["schema"] = 0
    meta_path.write_text(json.dumps(meta))
    assert fresh.status(1) == "schema changed"


def test_status_missing_when_folder_deleted(fresh):
    """Deleting the index folder reports missing."""
    import shutil

    fresh.close()
    shutil.rmtree(fresh.path)
    assert fresh.status(1) == "missing"


def _index_files(path: Path) -> list[Path]:
    return sorted(p for p in _current(path).iterdir() if p.is_file() and p.name != "meta.json")


@pytest.mark.parametrize(
    "suffix",
    [".toc", ".trm", ".pst", "._stored.col", ".ntext.col", ".nlen.col", ".tlen.col", ".kindc.col", ".date.col"],
)
def test_status_corrupt_for_garbage_in_any_file(tmp_path, suffix):
    """Garbage written into any index file is reported as corrupt."""
    idx = build(tmp_path / "ix")
    idx.close()
    (target,) = [p for p in _index_files(idx.path) if p.name.endswith(suffix)]
    size = target.stat().st_size
    target.write_bytes(os.urandom(size))
    assert idx.status(1) == "corrupt"


def test_status_corrupt_for_truncated_segment(fresh):
    """A truncated segment file is corrupt, even without checksums."""
    fresh.close()
    target = max(_index_files(fresh.path), key=lambda p: p.stat().st_size)
    target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    assert fresh.status(1, verify=False) == "corrupt"


def test_status_corrupt_for_unreadable_toc_and_meta(tmp_path):
    """An unreadable TOC or meta.json is corrupt."""
    idx = build(tmp_path / "ix")
    idx.close()
    for toc in _current(idx.path).glob("*.toc"):
        toc.write_bytes(b"\x00garbage" * 4)
    assert idx.status(1, verify=False) == "corrupt"
    (_current(idx.path) / "meta.json").write_text("{not json")
    assert idx.status(1) == "corrupt"


def test_search_on_corrupt_index_raises_unavailable(tmp_path):
    """Searching a damaged index raises IndexUnavailableError, not a Whoosh traceback."""
    idx = build(tmp_path / "ix")
    idx.close()
    for p in _index_files(idx.path):
        p.write_bytes(os.urandom(p.stat().st_size))
    with pytest.raises(IndexUnavailableError) as err:
        SearchIndex(idx.path).search("无锡")
    assert err.value.reason == "corrupt"


def test_rebuild_restores_a_corrupt_index(tmp_path):
    """Rebuilding replaces a corrupt index with a working one."""
    idx = build(tmp_path / "ix")
    idx.close()
    for p in _index_files(idx.path):
        p.write_bytes(os.urandom(p.stat().st_size))
    assert idx.status(1) == "corrupt"
    progress = list(idx.rebuild(iter(ITEMS), len(ITEMS), 4))
    assert progress[-1] == (len(ITEMS), len(ITEMS))
    assert idx.status(4) is None
    assert keys(idx, "总工会") == {"article:1", "entry:2", "entry:3"}
    assert [p.name for p in idx.path.iterdir() if p.is_dir()] == [_current(idx.path).name]


def test_rebuild_interrupted_keeps_the_old_index(tmp_path, monkeypatch):
    """Closing the rebuild generator midway leaves the old index in use and no leftovers."""
    import archiveviewer.search.index as index_module

    monkeypatch.setattr(index_module, "PROGRESS_EVERY", 2)
    idx = build(tmp_path / "ix")
    before = _current(idx.path)
    other = [SearchItem(f"x:{i}", "entry", "", f"全新内容{i}") for i in range(10)]
    gen = idx.rebuild(iter(other), len(other), 9)
    next(gen)
    next(gen)
    gen.close()
    assert _current(idx.path) == before
    assert idx.status(1) is None
    assert keys(idx, "全新内容") == set()
    assert keys(idx, "总工会") == {"article:1", "entry:2", "entry:3"}
    assert not list(idx.path.glob("building-*"))
    idx.close()


def test_rebuild_swaps_under_an_open_searcher(fresh):
    """A search after a rebuild sees the new items."""
    assert fresh.count("总工会") == 3
    items = [SearchItem("x:1", "entry", "", "只有这一条")]
    for _ in fresh.rebuild(iter(items), 1, 7):
        pass
    assert fresh.count("总工会") == 0
    assert keys(fresh, "这一条") == {"x:1"}
    assert fresh.status(7) is None


def test_rebuild_skips_duplicate_keys(tmp_path):
    """A key given twice to rebuild is indexed once (the first)."""
    items = [SearchItem("a:1", "article", "", "第一"), SearchItem("a:1", "article", "", "第二")]
    idx = build(tmp_path / "ix", items)
    assert idx.status(1) is None
    assert keys(idx, "第") == {"a:1"} and idx.count("第二") == 0
    idx.close()


def test_empty_rebuild_gives_an_empty_usable_index(tmp_path):
    """Rebuilding from no items gives an index with no hits."""
    idx = build(tmp_path / "ix", [])
    assert idx.status(1) is None
    assert idx.search("无锡").total == 0
    assert idx.facets("-无锡") == {"kind": {}, "month": {}, "tag": {}}
    idx.close()
