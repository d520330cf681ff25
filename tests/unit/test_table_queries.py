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


def _statements(archive, run):
    """The SQL statements (with parameters) that `run(session)` sends."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(archive.engine, "before_cursor_execute", record)
    try:
        with archive.Session() as s:
            run(s)
    finally:
        event.remove(archive.engine, "before_cursor_execute", record)
    return sent


@pytest.mark.parametrize(
    ("entity", "descending"), [("entry", False), ("entry", True), ("document", False), ("document", True)]
)
def test_default_table_orders_read_an_index_without_sorting(sample_archive, entity, descending):
    """The id list of a table in its default order is an index scan (migration 0006): SQLite sorts nothing,
    so opening 100,000 rows does not sort 100,000 ids."""
    query = entry_ids if entity == "entry" else document_ids
    statement, parameters = _statements(sample_archive, lambda s: query(s, descending=descending))[-1]
    with sample_archive.engine.connect() as conn:
        plan = " / ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
    index = "ix_timeline_entry_table_order" if entity == "entry" else "ix_document_table_order"
    assert index in plan and "TEMP B-TREE" not in plan, plan


def test_rows_of_a_page_are_read_by_primary_key(sample_archive):
    """A page of rows is looked up by id (the primary key), not by scanning the table."""
    with sample_archive.Session() as s:
        ids = entry_ids(s)[:5]
    statement, parameters = next(
        (st, p) for st, p in _statements(sample_archive, lambda s: entry_rows(s, ids)) if "timeline_entry.text" in st
    )
    with sample_archive.engine.connect() as conn:
        plan = " / ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert "SEARCH timeline_entry USING INTEGER PRIMARY KEY" in plan and "SCAN timeline_entry" not in plan, plan


def _undated_first_and_last(archive):
    edits = EditService(archive)
    first = edits.add_document("甲", published="2020-01-05")
    undated = edits.add_document("乙")
    last = edits.add_document("丙", published="2020-03-01")
    with archive.Session() as s:
        ascending, descending = document_ids(s), document_ids(s, descending=True)
    mine = [first, undated, last]
    return [i for i in ascending if i in mine], [i for i in descending if i in mine], (first, undated, last)


def test_undated_documents_sort_first_ascending_and_last_descending(sample_archive):
    """Missing dates first when ascending, last when descending (the proxy's order for None)."""
    ascending, descending, (first, undated, last) = _undated_first_and_last(sample_archive)
    assert ascending == [undated, first, last]
    assert descending == [last, first, undated]


def test_postgres_orders_undated_documents_as_sqlite_does(pg_url):
    """PostgreSQL sorts NULLs last by default: the tables still list undated documents first ascending,
    and migration 0006 builds its indexes there."""
    from sqlalchemy import inspect

    from archiveviewer.app.archive import Archive

    archive = Archive.open(db_url=pg_url)
    try:
        indexes = {ix["name"] for t in ("document", "timeline_entry") for ix in inspect(archive.engine).get_indexes(t)}
        assert {"ix_document_table_order", "ix_timeline_entry_table_order"} <= indexes
        assert "ix_timeline_entry_deleted_at" not in indexes
        ascending, descending, (first, undated, last) = _undated_first_and_last(archive)
        assert ascending == [undated, first, last]
        assert descending == [last, first, undated]
    finally:
        archive.close()
