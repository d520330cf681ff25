"""Notes and tags: add, edit, delete and undelete notes; tag and untag items; each a revision, searchable at once."""

import pytest

from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.edit_service import ConflictError, EditError, EditService
from archiveviewer.app.library_service import LibraryService
from archiveviewer.app.queries import NotFound, document_dict, timeline
from archiveviewer.app.search_service import SearchService


def _entry(archive, date):
    with archive.Session() as s:
        return next(e for e in timeline(s) if e["date"] == date)


def _keys(archive, query):
    return {h.key for h in SearchService(archive).search(query, limit=0).hits}


def test_note_lifecycle_add_edit_delete_undelete(sample_archive):
    """A note is listed with author and times, edited with its version, deleted and brought back; search follows."""
    notes = AnnotationService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    note = notes.add_note("entry", entry["id"], "金额待核对", who="王芳")
    assert (note["author"], note["version"], note["text"], note["tags"]) == ("王芳", 1, "金额待核对", [])
    assert note["created_at"] == note["updated_at"]
    assert _keys(sample_archive, "金额待核对") == {f"annotation:{note['id']}"}

    edited = notes.edit_note(note["id"], "金额已核对无误", note["version"])
    assert edited["version"] == 2 and edited["text"] == "金额已核对无误"
    assert _keys(sample_archive, "金额待核对") == set() and len(_keys(sample_archive, "已核对无误")) == 1

    notes.delete_note(note["id"], edited["version"])
    assert notes.notes_for("entry", entry["id"]) == [] and _keys(sample_archive, "已核对无误") == set()
    with sample_archive.Session() as s:
        assert document_dict(s, entry["document_id"])["annotations"] == []
    back = notes.undelete_note(note["id"])
    assert back["text"] == "金额已核对无误" and len(_keys(sample_archive, "已核对无误")) == 1
    fields = [r["field"] for r in EditService(sample_archive).revisions("note", note["id"])]
    assert fields == ["created", "text", "deleted", "deleted"]


def test_notes_go_on_paragraphs_documents_and_notes(sample_archive):
    """Every target type takes notes; an unknown type or id is NotFound; empty text is refused."""
    notes = AnnotationService(sample_archive)
    with sample_archive.Session() as s:
        par_id = document_dict(s, 1)["sections"][0]["paragraph_ids"][0]
    on_par = notes.add_note("paragraph", par_id, "段落批注")
    on_doc = notes.add_note("document", 1, "文档批注")
    reply = notes.add_note("note", on_doc["id"], "回复批注")
    assert [n["id"] for n in notes.notes_for("note", on_doc["id"])] == [reply["id"]]
    hits = SearchService(sample_archive).search("批注 kind:annotation", limit=0).hits
    assert {h.key for h in hits} == {f"annotation:{n['id']}" for n in (on_par, on_doc, reply)}
    assert all(h.document_id == 1 for h in hits)
    with pytest.raises(NotFound):
        notes.add_note("entry", 999, "x")
    with pytest.raises(NotFound):
        notes.add_note("sticker", 1, "x")
    with pytest.raises(EditError, match="needs some text"):
        notes.add_note("document", 1, " ")


def test_note_edit_conflict_carries_both_texts(sample_archive):
    """Two people edit the same note: the second is refused with both texts and nothing is lost."""
    notes = AnnotationService(sample_archive)
    note = notes.add_note("document", 1, "原文")
    notes.edit_note(note["id"], "甲的修改", note["version"])
    with pytest.raises(ConflictError) as caught:
        notes.edit_note(note["id"], "乙的修改", note["version"])
    assert (caught.value.yours, caught.value.theirs, caught.value.current_version) == ("乙的修改", "甲的修改", 2)
    assert notes.notes_for("document", 1)[0]["text"] == "甲的修改"


def test_tags_are_searchable_listed_and_counted(sample_archive):
    """Tagging entries makes `tag:` find them; all_tags counts uses; untagging removes them from search."""
    notes = AnnotationService(sample_archive)
    a, b = _entry(sample_archive, "2020-01-24"), _entry(sample_archive, "2020-01-26")
    changes = notes.add_tag("entry", [a["id"], b["id"]], "核对")
    assert [(c.entity, c.id, c.field, c.old, c.new) for c in changes] == [
        ("entry", a["id"], "tag", None, "核对"),
        ("entry", b["id"], "tag", None, "核对"),
    ]
    assert notes.add_tag("entry", [a["id"]], "核对") == []  # already there: no change, nothing to undo
    notes.add_tag("document", [1], "复工")
    assert _keys(sample_archive, "tag:核对") == {f"entry:{a['id']}", f"entry:{b['id']}"}
    assert "article:1" in _keys(sample_archive, "tag:复工")
    assert notes.tags_for("entry", a["id"]) == ["核对"] and _entry(sample_archive, "2020-01-24")["tags"] == ["核对"]
    assert notes.all_tags() == [("核对", 2), ("复工", 1)]

    notes.remove_tag("entry", [a["id"]], "核对")
    assert _keys(sample_archive, "tag:核对") == {f"entry:{b['id']}"}
    notes.remove_tag("entry", [b["id"]], "核对")
    assert notes.all_tags() == [("复工", 1)]


def test_tags_survive_an_edit_of_the_item(sample_archive):
    """Re-indexing an edited entry keeps its tags in search."""
    notes = AnnotationService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    [tagged] = notes.add_tag("entry", [entry["id"]], "核对")
    EditService(sample_archive).edit_entry(entry["id"], "text", "更正后的文字", tagged.new_version)
    assert _keys(sample_archive, "tag:核对") == {f"entry:{entry['id']}"}


def test_tag_on_a_note_and_bad_tags(sample_archive):
    """Notes take tags too; a tag with spaces or no name is refused; a tag on a missing item is NotFound."""
    notes = AnnotationService(sample_archive)
    note = notes.add_note("document", 1, "需要复查的批注")
    notes.add_tag("note", [note["id"]], "复查")
    assert _keys(sample_archive, "tag:复查") == {f"annotation:{note['id']}"}
    assert notes.notes_for("document", 1)[0]["tags"] == ["复查"]
    for bad in ("", "  ", "两个 词"):
        with pytest.raises(EditError):
            notes.add_tag("entry", [1], bad)
    with pytest.raises(NotFound):
        notes.add_tag("entry", [1, 999], "核对")
    assert notes.tags_for("entry", 1) == []


def test_tag_changes_are_revisions_that_restore(sample_archive):
    """Removing a tag is a revision; restoring it puts the tag back (and is a revision itself)."""
    notes, edits = AnnotationService(sample_archive), EditService(sample_archive)
    notes.add_tag("document", [1], "待定")
    notes.remove_tag("document", [1], "待定", who="审校")
    removal = edits.revisions("document", 1)[-1]
    assert (removal["field"], removal["old"], removal["new"], removal["who"]) == ("tag", "待定", None, "审校")
    edits.restore(removal["id"])
    assert notes.tags_for("document", 1) == ["待定"]
    assert [r["field"] for r in edits.revisions("document", 1)] == ["tag", "tag", "tag"]


def test_library_service_keeps_its_note_calls(sample_archive):
    """LibraryService.add_annotation / annotations_for still work (the notes dock uses them)."""
    lib = LibraryService(sample_archive)
    lib.add_annotation("entry", 2, "第一条")
    assert [n["text"] for n in lib.annotations_for("entry", 2)] == ["第一条"]


def test_a_note_follows_its_entry_and_document_in_search(sample_archive):
    """A note is listed in search under its entry's date and its document's title, also after they are corrected."""
    notes, edits = AnnotationService(sample_archive), EditService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    notes.add_note("entry", entry["id"], "核对原件金额")
    edits.edit_entry(entry["id"], "date", "2020-01-25", entry["version"])
    with sample_archive.Session() as s:
        version = document_dict(s, entry["document_id"])["version"]
    edits.edit_document(entry["document_id"], "title", "战疫时间轴校订本", version)
    (hit,) = SearchService(sample_archive).search("核对原件金额", limit=0).hits
    assert hit.title == "1月25日 · 战疫时间轴校订本"


def test_a_tag_change_moves_the_items_version(sample_archive):
    """Adding and removing a tag each move the tagged item's version (entries, documents, paragraphs,
    notes); the Change carries the new one, and the revision is recorded as before. A tag already there
    changes nothing, not even the version."""
    notes, edits = AnnotationService(sample_archive), EditService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    [added] = notes.add_tag("entry", [entry["id"]], "核对")
    assert added.new_version == entry["version"] + 1 == edits.version("entry", entry["id"])
    assert notes.add_tag("entry", [entry["id"]], "核对") == []
    assert edits.version("entry", entry["id"]) == added.new_version
    [removed] = notes.remove_tag("entry", [entry["id"]], "核对")
    assert removed.new_version == added.new_version + 1 == edits.version("entry", entry["id"])
    assert [(r["field"], r["old"], r["new"]) for r in edits.revisions("entry", entry["id"])] == [
        ("tag", None, "核对"),
        ("tag", "核对", None),
    ]
    note = notes.add_note("entry", entry["id"], "待查")
    doc_version = edits.version("document", entry["document_id"])
    for target_type, target_id, before in (
        ("document", entry["document_id"], doc_version),
        ("paragraph", 1, edits.version("paragraph", 1)),
        ("note", note["id"], note["version"]),
    ):
        [change] = notes.add_tag(target_type, [target_id], "待查")
        assert change.new_version == before + 1 == edits.version(target_type, target_id)
    assert edits.revisions("document", entry["document_id"])[-1]["new"] == "待查"


def test_an_edit_read_before_a_colleagues_tag_change_is_a_conflict(sample_archive):
    """Someone else tags the entry (another connection): my edit, made from the version I read before,
    is refused with the version now, nothing saved; a note edit likewise after its note was tagged."""
    from archiveviewer.app.archive import Archive, ArchiveLocation

    entry = _entry(sample_archive, "2020-01-24")
    note = AnnotationService(sample_archive).add_note("entry", entry["id"], "待查")
    with Archive(ArchiveLocation(sample_archive.location.folder)) as other:
        [theirs] = AnnotationService(other).add_tag("entry", [entry["id"]], "已核对", who="李明")
        AnnotationService(other).add_tag("note", [note["id"]], "已核对", who="李明")
    with pytest.raises(ConflictError) as refused:
        EditService(sample_archive).edit_entry(entry["id"], "text", "我的改动", entry["version"])
    assert refused.value.current_version == theirs.new_version and refused.value.theirs == entry["text"]
    assert _entry(sample_archive, "2020-01-24")["text"] == entry["text"]
    with pytest.raises(ConflictError):
        AnnotationService(sample_archive).edit_note(note["id"], "我的笔记", note["version"])
    version = EditService(sample_archive).edit_entry(entry["id"], "text", "我的改动", theirs.new_version)
    assert version == theirs.new_version + 1
    assert _entry(sample_archive, "2020-01-24")["tags"] == ["已核对"]
