"""The search index follows every committed change: import, edit, annotate, delete; failures leave no trace."""

import shutil

import pytest

from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.edit_service import EditError, EditService
from archiveviewer.app.library_service import LibraryService
from archiveviewer.app.queries import NotFound, timeline
from archiveviewer.app.search_service import SearchService


def _entry(archive, date):
    with archive.Session() as s:
        return next(e for e in timeline(s) if e["date"] == date)


def test_import_is_searchable_at_once(sample_archive):
    """Right after the import commits, its articles and entries are found."""
    service = SearchService(sample_archive)
    assert service.index_problem() is None
    result = service.search("慰问金", limit=0)
    kinds = {h.kind for h in result.hits}
    assert result.total >= 3 and kinds == {"article", "entry"}


def test_edit_updates_the_index_and_keeps_the_original(sample_archive):
    """An entry corrected to new text is found by the new text, not the old; the original stays."""
    service = SearchService(sample_archive)
    entry = _entry(sample_archive, "2020-02-18")
    EditService(sample_archive).edit_entry(
        entry["id"], "text", "无锡市总工会召开专题会议，研究复工复产（已核对原件）。", entry["version"]
    )
    hits = service.search("已核对原件", limit=0).hits
    assert [h.key for h in hits] == [f"entry:{entry['id']}"] or {h.key for h in hits} >= {f"entry:{entry['id']}"}
    assert f"entry:{entry['id']}" not in {h.key for h in service.search("工会服务企业", limit=0).hits}
    edited = _entry(sample_archive, "2020-02-18")
    assert edited["edited"] is True
    revisions = EditService(sample_archive).revisions("entry", entry["id"])
    assert revisions[-1]["old"] == entry["text"] and revisions[-1]["field"] == "text"


def test_edited_text_re_reads_amounts(sample_archive):
    """Correcting an entry's amount changes the stored value in yuan."""
    entry = _entry(sample_archive, "2020-01-24")
    EditService(sample_archive).edit_entry(
        entry["id"], "text", entry["text"].replace("44万元", "45万元"), entry["version"]
    )
    assert _entry(sample_archive, "2020-01-24")["amounts"] == [{"text": "45万元", "yuan": 450000}]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date", "2020-02-30", "not a date"),
        ("text", "   ", "cannot be empty"),
        ("ordinal", "3", "cannot be edited|not a field"),
    ],
)
def test_invalid_edits_are_refused_with_a_message(sample_archive, field, value, message):
    """Bad edits raise EditError naming the problem and change nothing."""
    entry = _entry(sample_archive, "2020-01-26")
    with pytest.raises(EditError, match=message):
        EditService(sample_archive).edit_entry(entry["id"], field, value, entry["version"])
    assert _entry(sample_archive, "2020-01-26") == entry


def test_stale_version_is_refused(sample_archive):
    """An edit based on an old version of the row is refused (someone else changed it)."""
    entry = _entry(sample_archive, "2020-01-26")
    service = EditService(sample_archive)
    service.edit_entry(entry["id"], "date", "2020-01-25", expected_version=entry["version"])
    with pytest.raises(EditError, match="changed by someone else"):
        service.edit_entry(entry["id"], "date", "2020-01-27", expected_version=entry["version"])
    assert _entry(sample_archive, "2020-01-25")["id"] == entry["id"]


def test_annotation_is_searchable(sample_archive):
    """A note added to an entry is found with kind:annotation."""
    entry = _entry(sample_archive, "2020-01-24")
    LibraryService(sample_archive).add_annotation("entry", entry["id"], "需核对原件金额")
    hits = SearchService(sample_archive).search("核对原件 kind:annotation", limit=0).hits
    assert len(hits) == 1 and hits[0].document_id == entry["document_id"]


def test_delete_removes_from_the_index(sample_archive):
    """Deleting the imported file removes its articles, entries and notes from search."""
    entry = _entry(sample_archive, "2020-01-24")
    LibraryService(sample_archive).add_annotation("entry", entry["id"], "需核对原件金额")
    EditService(sample_archive).delete_source(1)
    service = SearchService(sample_archive)
    assert service.search("无锡", limit=0).total == 0
    assert service.search("核对原件", limit=0).total == 0
    with pytest.raises(NotFound):
        EditService(sample_archive).delete_source(1)


def test_failed_transaction_leaves_no_trace_in_the_index(sample_archive):
    """An exception inside a unit of work cancels the index write too."""
    from archiveviewer.search.items import SearchItem

    with pytest.raises(RuntimeError), sample_archive.unit_of_work() as (_session, writer):
        writer.upsert([SearchItem(key="document:999", kind="document", title="幽灵", text="不应出现的文字")])
        raise RuntimeError("boom")
    assert SearchService(sample_archive).search("不应出现", limit=0).total == 0
    assert SearchService(sample_archive).index_problem() is None


@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_damaged_index_is_rebuilt_from_the_database(sample_archive, damage):
    """A deleted or corrupted index folder is detected and rebuilt, finding the same hits."""
    service = SearchService(sample_archive)
    before = service.search("慰问", limit=0).total
    folder = sample_archive.location.index_path
    sample_archive.index.close()
    if damage == "delete":
        shutil.rmtree(folder)
    else:
        for f in folder.rglob("*"):
            if f.is_file():
                f.write_bytes(b"\x00garbage" * 50)
    with Archive(ArchiveLocation(sample_archive.location.folder)) as reopened:
        service = SearchService(reopened)
        assert service.index_problem() is not None
        assert service.ensure_index() is not None
        assert service.index_problem() is None
        assert service.search("慰问", limit=0).total == before
