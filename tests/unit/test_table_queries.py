"""Paged reads behind the editable tables: ordering by raw values, filters, row contents, soft deletes."""

from __future__ import annotations

import pytest

from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.edit_service import EditService
from archiveviewer.app.read_service import ReadService
from archiveviewer.app.table_queries import (
    FilterError,
    TableFilter,
    TableSource,
    date_bounds,
    document_ids,
    entry_ids,
    entry_rows,
)


def test_date_bounds_of_full_and_partial_dates():
    """A year, a month (leap February) and a day stand for their first and last day; nonsense is refused."""
    assert [d.isoformat() for d in date_bounds("2020")] == ["2020-01-01", "2020-12-31"]
    assert [d.isoformat() for d in date_bounds("2020-02")] == ["2020-02-01", "2020-02-29"]
    assert [d.isoformat() for d in date_bounds("2020-02-13")] == ["2020-02-13", "2020-02-13"]
    for bad in ("2020-02-30", "2020-13", "20", "yesterday"):
        with pytest.raises(FilterError):
            date_bounds(bad)


def test_entry_ids_default_order_is_the_timeline_order(sample_archive):
    """Without sort or filter the ids come in the timeline's date order."""
    with sample_archive.Session() as s:
        ids = entry_ids(s)
    assert ids == [e["id"] for e in ReadService(sample_archive).timeline()]


def test_amounts_sort_by_the_largest_not_the_sum(sample_archive):
    """Descending by amounts: the largest single amount first, entries without amounts last; never by a sum."""
    with sample_archive.Session() as s:
        ids = entry_ids(s, sort="amounts", descending=True)
        rows = entry_rows(s, ids)
    largest = [max((a["yuan"] for a in rows[i]["amounts"]), default=None) for i in ids]
    valued = [v for v in largest if v is not None]
    assert valued == sorted(valued, reverse=True) and valued[0] == 2124500
    assert largest[len(valued) :] == [None] * (len(ids) - len(valued))
    two = next(rows[i] for i in ids if len(rows[i]["amounts"]) == 2 and rows[i]["date"] == "2020-02-13")
    assert [a["text"] for a in two["amounts"]] == ["82万元", "5000元"]
    with sample_archive.Session() as s:
        ascending = entry_ids(s, sort="amounts")
    assert largest[-1] is None and rows[ascending[0]]["amounts"] == []


def test_entry_filters_text_month_and_tag(sample_archive):
    """Text, a month-only date range and a tag each narrow the list, and combine."""
    AnnotationService(sample_archive).add_tag(
        "entry", [e["id"] for e in ReadService(sample_archive).timeline()[:3]], "核对"
    )
    with sample_archive.Session() as s:
        january = entry_ids(s, TableFilter(date_from="2020-01", date_to="2020-01"))
        rows = entry_rows(s, january)
        assert january and all(rows[i]["date"].startswith("2020-01") for i in january)
        weixin = entry_ids(s, TableFilter(text="微信"))
        assert weixin and all("微信" in r["text"] for r in entry_rows(s, weixin).values())
        tagged = entry_ids(s, TableFilter(tag="核对"))
        assert len(tagged) == 3 and all(r["tags"] == ["核对"] for r in entry_rows(s, tagged).values())
        both = entry_ids(s, TableFilter(text="微信", tag="核对"))
        assert set(both) == set(weixin) & set(tagged)
        with pytest.raises(FilterError):
            entry_ids(s, TableFilter(date_from="2020-02-30"))


def test_rows_carry_note_counts_and_deleted_rows_leave_the_ids(sample_archive):
    """A note is counted on its entry's row; a soft-deleted entry is no longer listed, and is back when undeleted."""
    source = TableSource(sample_archive, "entry")
    first = source.ids(TableFilter(), "date", False)[0]
    AnnotationService(sample_archive).add_note("entry", first, "待查证")
    assert source.rows([first])[first]["notes"] == 1
    edits = EditService(sample_archive)
    edits.delete_entry(first, edits.version("entry", first))
    assert first not in source.ids(TableFilter(), "date", False)
    edits.undelete_entry(first)
    assert first in source.ids(TableFilter(), "date", False)


def test_document_filters_undated_and_kind(sample_archive):
    """Undated only lists documents without a date; the kind filter keeps one kind."""
    with sample_archive.Session() as s:
        docs = document_ids(s)
        assert document_ids(s, TableFilter(undated=True)) == []
        assert document_ids(s, TableFilter(kind="article")) == docs
        assert document_ids(s, TableFilter(kind="document")) == []
    edits = EditService(sample_archive)
    edits.edit_document(docs[0], "published", "", edits.version("document", docs[0]))
    with sample_archive.Session() as s:
        assert document_ids(s, TableFilter(undated=True)) == [docs[0]]
        assert document_ids(s, sort="published")[0] == docs[0]  # missing dates sort first, as in the proxy
