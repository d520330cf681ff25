"""The read service that the CLI, the window and export share."""

import pytest

from archiveviewer.app.queries import NotFound
from archiveviewer.app.read_service import ReadService


def test_timeline_is_every_entry_in_date_order(sample_archive):
    """The sample's 14 entries come back in date order, each naming its document."""
    entries = ReadService(sample_archive).timeline()
    assert len(entries) == 14
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates) and dates[0] == "2020-01-24" and dates[-1] == "2020-02-18"
    assert all(e["document_id"] for e in entries)


def test_timeline_of_chosen_entries(sample_archive):
    """Given ids, only those entries are read."""
    read = ReadService(sample_archive)
    first_two = [e["id"] for e in read.timeline()[:2]]
    assert [e["id"] for e in read.timeline(first_two)] == first_two


@pytest.mark.parametrize("by_id", [True, False], ids=["by id", "long list filtered in Python"])
def test_timeline_of_chosen_documents(sample_archive, monkeypatch, by_id):
    """Given document ids, their entries (with title, amounts and tags) are read; with entry ids too, either;
    the same whether the ids are looked up in SQL or a long list is filtered after reading everything."""
    from archiveviewer.app import queries

    read = ReadService(sample_archive)
    everything = read.timeline()
    if not by_id:
        monkeypatch.setattr(queries, "_FEW_IDS", 0)
        monkeypatch.setattr(queries, "_FEW_ROWS", 0)
    doc = everything[0]["document_id"]
    of_doc = [e for e in everything if e["document_id"] == doc]
    assert of_doc and read.timeline(document_ids=[doc]) == of_doc
    assert read.timeline([everything[-1]["id"]], [999_999]) == [everything[-1]]  # an entry, a document of none
    assert read.timeline([], []) == []


def test_document_list_and_full_documents_agree(sample_archive):
    """The list names every document; full_documents reads the same ones with their structure."""
    read = ReadService(sample_archive)
    rows = read.documents()
    full = read.full_documents()
    assert [r["id"] for r in rows] == [d["id"] for d in full]
    assert sum(r["entries"] for r in rows) == 14
    assert read.document(rows[0]["id"])["title"] == full[0]["title"]


def test_unknown_document_is_not_found(sample_archive):
    """An id that is not in the archive raises NotFound (the CLI prints it as one line)."""
    with pytest.raises(NotFound):
        ReadService(sample_archive).document(999_999)


def test_stats_count_what_was_imported(sample_archive):
    """The status bar's counts match the archive."""
    stats = ReadService(sample_archive).stats()
    assert stats["sources"] == 1 and stats["entries"] == 14
    assert stats["documents"] == len(ReadService(sample_archive).documents())
