"""Edits of entries, documents and paragraphs: versions, revisions, soft deletes, restore; search and queries follow."""

import json

import pytest

from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.edit_service import (
    Change,
    ConflictError,
    EditError,
    EditService,
    ReadOnlyError,
    parse_partial_date,
)
from archiveviewer.app.export_service import ExportService
from archiveviewer.app.queries import NotFound, document_dict, documents, timeline
from archiveviewer.app.search_service import SearchService
from archiveviewer.storage.models import Paragraph, Revision


def _entry(archive, date=None, entry_id=None):
    with archive.Session() as s:
        return next(e for e in timeline(s) if e["date"] == date or e["id"] == entry_id)


def _doc(archive, doc_id):
    with archive.Session() as s:
        return document_dict(s, doc_id)


def _keys(archive, query):
    return {h.key for h in SearchService(archive).search(query, limit=0).hits}


def _timeline_doc(archive):
    with archive.Session() as s:
        return next(d for d in documents(s) if d["entries"])


@pytest.fixture
def second(sample_archive):
    """A second connection to the same archive: another person's session."""
    with Archive(ArchiveLocation(sample_archive.location.folder)) as other:
        yield other


def test_partial_dates_parse_with_their_precision():
    """YYYY-MM-DD, YYYY-MM and YYYY are dates with a precision; anything else is refused."""
    assert parse_partial_date("2020-02-29") == (parse_partial_date("2020-02-29")[0], "day")
    assert parse_partial_date("2020-01")[0].isoformat() == "2020-01-01"
    assert parse_partial_date("2020-01")[1] == "month"
    assert parse_partial_date("2020") == (parse_partial_date("2020-01-01")[0], "year")
    for bad in ("2019-02-29", "2020-13", "20-01-01", "2020/01/01", "", "二〇二〇年", "2020-1-5"):
        with pytest.raises(EditError):
            parse_partial_date(bad)


def test_entry_date_edit_keeps_a_partial_date_and_returns_the_new_version(sample_archive):
    """A month-only date is stored with its precision, shown as YYYY-MM, sorted as its first day."""
    entry = _entry(sample_archive, "2020-02-18")
    version = EditService(sample_archive).edit_entry(entry["id"], "date", "2020-03", entry["version"], who="王芳")
    assert version == entry["version"] + 1
    edited = _entry(sample_archive, entry_id=entry["id"])
    assert (edited["date"], edited["date_label"], edited["date_precision"]) == ("2020-03-01", "2020-03", "month")
    assert edited["original"] == {"date": "2020-02-18"} and edited["version"] == version
    assert edited["date_text"] == "2020年3月"  # the label shown in the chart and reader follows the correction
    rev = EditService(sample_archive).revisions("entry", entry["id"])[-1]
    assert (rev["who"], rev["field"], rev["old"], rev["new"]) == ("王芳", "date", "2020-02-18", "2020-03")
    assert isinstance(rev["id"], int) and rev["at"]


def test_unchanged_value_writes_no_revision_and_keeps_the_version(sample_archive):
    """Saving the value already there is not a change: no revision, same version."""
    entry = _entry(sample_archive, "2020-02-18")
    service = EditService(sample_archive)
    assert service.edit_entry(entry["id"], "text", entry["text"] + "  ", entry["version"]) == entry["version"]
    assert service.revisions("entry", entry["id"]) == []


@pytest.mark.parametrize("entry_field, value", [("date", "2020-02-30"), ("text", " "), ("amounts", "5元")])
def test_refused_entry_edit_writes_nothing(sample_archive, entry_field, value):
    """A bad value or unknown field is refused; the entry, the revisions and the version stay."""
    entry = _entry(sample_archive, "2020-01-24")
    with pytest.raises(EditError):
        EditService(sample_archive).edit_entry(entry["id"], entry_field, value, entry["version"])
    assert _entry(sample_archive, entry_id=entry["id"]) == entry
    with sample_archive.Session() as s:
        assert s.query(Revision).count() == 0


def test_unknown_ids_are_not_found(sample_archive):
    """Editing, deleting or restoring something that does not exist says so."""
    service = EditService(sample_archive)
    with pytest.raises(NotFound):
        service.edit_entry(999, "date", "2020-01-01", 1)
    with pytest.raises(NotFound):
        service.edit_document(999, "title", "x", 1)
    with pytest.raises(NotFound):
        service.edit_paragraph(999, "x", 1)
    with pytest.raises(NotFound):
        service.restore(999)


def test_document_edits_reach_search_queries_and_exports(sample_archive, tmp_path):
    """A corrected title is found by its new words, not the old; show and the JSON export carry it."""
    service = EditService(sample_archive)
    doc = _doc(sample_archive, 1)
    old_title = doc["title"]
    version = service.edit_document(1, "title", "无锡工会复工复产纪实", doc["version"])
    version = service.edit_document(1, "date", "2020-02", version)
    version = service.edit_document(1, "paper", "无锡日报", version)
    assert "article:1" in _keys(sample_archive, "复工复产纪实")
    assert "article:1" not in _keys(sample_archive, f'title:"{old_title}"')
    shown = _doc(sample_archive, 1)
    assert shown["title"] == "无锡工会复工复产纪实" and shown["version"] == version
    assert shown["masthead"]["date"] == "2020-02" and shown["masthead"]["date_precision"] == "month"
    assert shown["original"]["title"] == old_title and shown["original"]["published"] == "2020-02-24"
    out = tmp_path / "doc.json"
    ExportService(sample_archive).export_documents([1], out, "json")
    assert "无锡工会复工复产纪实" in out.read_text(encoding="utf-8")


def test_document_can_become_undated_and_change_kind(sample_archive):
    """An empty date leaves the document undated; a kind change moves its search key."""
    service = EditService(sample_archive)
    version = service.edit_document(1, "published", "", _doc(sample_archive, 1)["version"])
    service.edit_document(1, "kind", "document", version)
    doc = _doc(sample_archive, 1)
    assert doc["masthead"]["date"] is None and doc["kind"] == "document"
    keys = _keys(sample_archive, "复工")
    assert "document:1" in keys and "article:1" not in keys
    with pytest.raises(EditError, match="kind"):
        service.edit_document(1, "kind", "poem", doc["version"])
    with pytest.raises(EditError, match="title"):
        service.edit_document(1, "title", "  ", doc["version"])


def test_paragraph_edit_keeps_the_original_and_is_searchable(sample_archive):
    """A corrected paragraph is found by its new text; the imported text stays in original_text."""
    with sample_archive.Session() as s:
        par = s.query(Paragraph).filter_by(document_id=1).order_by(Paragraph.ordinal).first()
        par_id, original, version = par.id, par.text, par.version
    new = EditService(sample_archive).edit_paragraph(par_id, "经核对的段落：捐款3万元。", version)
    assert new == version + 1
    with sample_archive.Session() as s:
        par = s.get(Paragraph, par_id)
        assert (par.text, par.original_text) == ("经核对的段落：捐款3万元。", original)
        assert [(a.text, int(a.yuan)) for a in par.amounts] == [("3万元", 30000)]
    assert "article:1" in _keys(sample_archive, "经核对的段落")


def test_entry_text_edit_re_derives_amounts_and_preview_agrees(sample_archive):
    """Saving a text re-reads its amounts; preview_amounts shows the same list before saving."""
    entry = _entry(sample_archive, "2020-02-13")
    text = entry["text"].replace("82万元", "83万元")
    preview = EditService.preview_amounts(text)
    EditService(sample_archive).edit_entry(entry["id"], "text", text, entry["version"])
    assert _entry(sample_archive, entry_id=entry["id"])["amounts"] == preview
    assert preview == [{"text": "83万元", "yuan": 830000}, {"text": "5000元", "yuan": 5000}]


def test_amounts_are_listed_as_printed_and_never_summed(sample_archive, tmp_path):
    """2020-02-13 names two amounts and 2020-01-31 a per-person rate: listed as printed, max for sorting, no sum."""
    two = _entry(sample_archive, "2020-02-13")
    assert two["amounts_label"] == "82万元; 5000元" and two["amount_max"] == 820000
    rate = _entry(sample_archive, "2020-01-31")
    assert rate["amounts_label"] == "100 元" and rate["amount_max"] == 100
    assert _entry(sample_archive, "2020-02-18")["amount_max"] is None
    out = tmp_path / "t.csv"
    ExportService(sample_archive).export_timeline(out, "csv")
    csv = out.read_text(encoding="utf-8-sig")
    assert "825000" not in csv and "820000" in csv and "5000" in csv


def test_bulk_edit_is_one_transaction_and_reports_changes(sample_archive):
    """Setting a date on several entries returns one Change each; an unknown id cancels all of them."""
    service = EditService(sample_archive)
    a, b = _entry(sample_archive, "2020-02-01"), _entry(sample_archive, "2020-02-02")
    with pytest.raises(NotFound):
        service.bulk_edit("entry", [a["id"], 999], "date", "2020-02-05")
    assert _entry(sample_archive, entry_id=a["id"])["date"] == "2020-02-01"
    changes = service.bulk_edit("entry", [a["id"], b["id"]], "date", "2020-02-05", who="李")
    assert changes == [
        Change("entry", a["id"], "date", "2020-02-01", "2020-02-05", a["version"] + 1),
        Change("entry", b["id"], "date", "2020-02-02", "2020-02-05", b["version"] + 1),
    ]
    assert {e["id"] for e in timeline_on(sample_archive, "2020-02-05")} == {a["id"], b["id"]}
    # Undo: each change's old value back, again as one bulk step per value.
    for change in changes:
        service.bulk_edit(change.entity, [change.id], change.field, change.old)
    assert _entry(sample_archive, entry_id=a["id"])["date"] == "2020-02-01"


def timeline_on(archive, date):
    with archive.Session() as s:
        return [e for e in timeline(s) if e["date"] == date]


def test_bulk_edit_of_documents_sets_paper_and_page(sample_archive):
    """Documents take paper and page in bulk; the search items follow."""
    changes = EditService(sample_archive).bulk_edit("document", [1, 2], "page", "A07")
    assert [(c.id, c.new) for c in changes] == [(1, "A07"), (2, "A07")]
    with sample_archive.Session() as s:
        assert {d["page"] for d in documents(s)} == {"A07"}


def test_shift_dates_moves_full_dates_and_refuses_partial_ones(sample_archive):
    """Shifting by N days moves each date; an entry with only a month refuses the whole shift."""
    service = EditService(sample_archive)
    a, b = _entry(sample_archive, "2020-01-24"), _entry(sample_archive, "2020-01-26")
    changes = service.shift_dates("entry", [a["id"], b["id"]], 7)
    assert [(c.old, c.new) for c in changes] == [("2020-01-24", "2020-01-31"), ("2020-01-26", "2020-02-02")]
    service.edit_entry(a["id"], "date", "2020-01", _entry(sample_archive, entry_id=a["id"])["version"])
    with pytest.raises(EditError, match="no full date"):
        service.shift_dates("entry", [b["id"], a["id"]], 1)
    assert _entry(sample_archive, entry_id=b["id"])["date"] == "2020-02-02"


def test_shift_dates_at_stale_versions_refuses_the_whole_shift(sample_archive):
    """A shift given the versions it read refuses everything when one row changed since, naming it."""
    service = EditService(sample_archive)
    a, b = _entry(sample_archive, "2020-01-24"), _entry(sample_archive, "2020-01-26")
    read = {a["id"]: a["version"], b["id"]: b["version"]}
    service.edit_entry(b["id"], "date", "2020-01-27", b["version"], who="同事")
    with pytest.raises(ConflictError) as refused:
        service.shift_dates("entry", [a["id"], b["id"]], 7, expected_versions=read)
    assert (refused.value.entity_id, refused.value.theirs) == (b["id"], "2020-01-27")
    assert _entry(sample_archive, entry_id=a["id"])["date"] == "2020-01-24"  # all or nothing
    read[b["id"]] = refused.value.current_version
    changes = service.shift_dates("entry", [a["id"], b["id"]], 7, expected_versions=read)
    assert [c.new for c in changes] == ["2020-01-31", "2020-02-03"]


def test_added_entry_is_searchable_and_deleting_it_hides_it_everywhere(sample_archive, tmp_path):
    """An added entry is found; deleting hides it from timeline, show, search and exports; undelete brings it back."""
    service = EditService(sample_archive)
    doc_id = _timeline_doc(sample_archive)["id"]
    entry_id = service.add_entry(doc_id, "2020-02-20", "市总工会再拨付慰问金12万元（手工补录）", who="张")
    entry = _entry(sample_archive, entry_id=entry_id)
    assert entry["amounts"] == [{"text": "12万元", "yuan": 120000}] and entry["document_id"] == doc_id
    assert f"entry:{entry_id}" in _keys(sample_archive, "手工补录")
    AnnotationService(sample_archive).add_note("entry", entry_id, "补录依据：电话记录")

    service.delete_entry(entry_id, entry["version"], who="张")
    with sample_archive.Session() as s:
        assert entry_id not in {e["id"] for e in timeline(s)}
    assert entry_id not in {e["id"] for e in _doc(sample_archive, doc_id)["timeline"]}
    assert _keys(sample_archive, "手工补录") == set() and _keys(sample_archive, "电话记录") == set()
    out = tmp_path / "t.json"
    ExportService(sample_archive).export_timeline(out, "json")
    assert "手工补录" not in out.read_text(encoding="utf-8")
    with pytest.raises(NotFound):
        service.edit_entry(entry_id, "text", "x", entry["version"] + 1)

    service.undelete_entry(entry_id)
    assert _entry(sample_archive, entry_id=entry_id)["text"].endswith("（手工补录）")
    assert f"entry:{entry_id}" in _keys(sample_archive, "手工补录")
    assert len(_keys(sample_archive, "电话记录")) == 1
    fields = [r["field"] for r in service.revisions("entry", entry_id)]
    assert fields == ["created", "deleted", "deleted"]


def test_deleted_document_vanishes_with_its_entries_and_comes_back(sample_archive):
    """delete_document hides the document and its entries from lists, show, stats and search."""
    service = EditService(sample_archive)
    doc = _timeline_doc(sample_archive)
    service.delete_document(doc["id"], doc["version"])
    with sample_archive.Session() as s:
        assert doc["id"] not in {d["id"] for d in documents(s)} and timeline(s) == []
    with pytest.raises(NotFound):
        _doc(sample_archive, doc["id"])
    assert not any(k.startswith("entry:") for k in _keys(sample_archive, "无锡"))
    assert SearchService(sample_archive).index_problem() is None
    service.undelete_document(doc["id"])
    with sample_archive.Session() as s:
        assert len(timeline(s)) == 14
    assert any(k.startswith("entry:") for k in _keys(sample_archive, "无锡"))


def test_rebuilt_index_leaves_deleted_rows_out(sample_archive):
    """A rebuild from the database agrees with the incremental updates: deleted rows are not searchable."""
    service = EditService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    service.delete_entry(entry["id"], entry["version"])
    search = SearchService(sample_archive)
    before = _keys(sample_archive, "无锡")
    for _ in search.rebuild_steps():
        pass
    assert _keys(sample_archive, "无锡") == before and f"entry:{entry['id']}" not in before


def test_added_document_gets_its_own_source_and_is_found(sample_archive):
    """A hand-typed document is listed, searchable, and editable like an imported one."""
    service = EditService(sample_archive)
    doc_id = service.add_document("手工录入的通知", paper="无锡日报", published="2020-03", who="赵")
    with sample_archive.Session() as s:
        row = next(d for d in documents(s) if d["id"] == doc_id)
    assert (row["title"], row["paper"], row["date"], row["source"]) == (
        "手工录入的通知",
        "无锡日报",
        "2020-03",
        "added by 赵",
    )
    assert f"document:{doc_id}" in _keys(sample_archive, "手工录入")
    with pytest.raises(EditError):
        service.add_document("  ")


def test_restore_applies_an_old_value_as_a_new_revision(sample_archive):
    """Restoring the first revision puts the original text back and records that as a revision too."""
    service = EditService(sample_archive)
    entry = _entry(sample_archive, "2020-02-18")
    v2 = service.edit_entry(entry["id"], "text", "改错了的文字", entry["version"])
    service.edit_entry(entry["id"], "text", "又改了一次", v2)
    first = service.revisions("entry", entry["id"])[0]
    version = service.restore(first["id"], who="审校")
    restored = _entry(sample_archive, entry_id=entry["id"])
    assert restored["text"] == entry["text"] and restored["version"] == version and restored["original"] == {}
    last = service.revisions("entry", entry["id"])[-1]
    assert (last["who"], last["old"], last["new"]) == ("审校", "又改了一次", entry["text"])
    assert f"entry:{entry['id']}" in _keys(sample_archive, "工会服务企业")


def test_restore_of_a_delete_and_of_a_creation(sample_archive):
    """Restoring a `deleted` revision undeletes; restoring a `created` one deletes again."""
    service = EditService(sample_archive)
    doc_id = _timeline_doc(sample_archive)["id"]
    entry_id = service.add_entry(doc_id, "2020", "全年汇总")
    created = service.revisions("entry", entry_id)[0]
    service.restore(created["id"])
    with sample_archive.Session() as s:
        assert entry_id not in {e["id"] for e in timeline(s)}
    deleted = service.revisions("entry", entry_id)[-1]
    service.restore(deleted["id"])
    assert _entry(sample_archive, entry_id=entry_id)["date_label"] == "2020"


# -- 14.7: every edit path checks the version it read


def test_stale_version_is_refused_on_every_edit_path(sample_archive, second):
    """Two sessions read the same rows; after one saves, the other's save on every path raises ConflictError."""
    mine, theirs = EditService(sample_archive), EditService(second)
    notes_mine, notes_theirs = AnnotationService(sample_archive), AnnotationService(second)
    entry = _entry(sample_archive, "2020-01-24")
    doc = _doc(sample_archive, 1)
    with sample_archive.Session() as s:
        par = s.query(Paragraph).filter_by(document_id=1).first()
        par_id, par_version = par.id, par.version
    note = notes_mine.add_note("entry", entry["id"], "原始批注")

    theirs.edit_entry(entry["id"], "text", "他们的版本", entry["version"])
    theirs.edit_document(1, "title", "他们的标题", doc["version"])
    theirs.edit_paragraph(par_id, "他们的段落", par_version)
    notes_theirs.edit_note(note["id"], "他们的批注", note["version"])

    attempts = [
        lambda: mine.edit_entry(entry["id"], "text", "我的版本", entry["version"]),
        lambda: mine.edit_entry(entry["id"], "date", "2020-01-25", entry["version"]),
        lambda: mine.edit_document(1, "title", "我的标题", doc["version"]),
        lambda: mine.edit_paragraph(par_id, "我的段落", par_version),
        lambda: mine.delete_entry(entry["id"], entry["version"]),
        lambda: mine.delete_document(1, doc["version"]),
        lambda: mine.bulk_edit("entry", [entry["id"]], "date", "2020-01-25", expected_versions={entry["id"]: 1}),
        lambda: notes_mine.edit_note(note["id"], "我的批注", note["version"]),
        lambda: notes_mine.delete_note(note["id"], note["version"]),
        lambda: mine.restore(mine.revisions("entry", entry["id"])[0]["id"], expected_version=entry["version"]),
    ]
    for attempt in attempts:
        with pytest.raises(ConflictError):
            attempt()
    assert _entry(sample_archive, entry_id=entry["id"])["text"] == "他们的版本"
    assert _doc(sample_archive, 1)["title"] == "他们的标题"
    assert notes_mine.notes_for("entry", entry["id"])[0]["text"] == "他们的批注"


def test_conflict_carries_both_values_and_the_current_version(sample_archive, second):
    """The refused save says what I tried, what is there now and its version, so I can retry on it."""
    entry = _entry(sample_archive, "2020-01-26")
    now = EditService(second).edit_entry(entry["id"], "date", "2020-01-27", entry["version"])
    with pytest.raises(ConflictError) as caught:
        EditService(sample_archive).edit_entry(entry["id"], "date", "2020-01-28", entry["version"])
    err = caught.value
    assert (err.entity, err.entity_id, err.field) == ("entry", entry["id"], "date")
    assert (err.yours, err.theirs, err.current_version) == ("2020-01-28", "2020-01-27", now)
    assert EditService(sample_archive).edit_entry(entry["id"], "date", "2020-01-28", err.current_version) == now + 1


def test_edits_name_the_version_they_read(sample_archive):
    """Leaving out the version is not a silent overwrite: it is refused."""
    entry = _entry(sample_archive, "2020-01-26")
    with pytest.raises(EditError, match="version"):
        EditService(sample_archive).edit_entry(entry["id"], "date", "2020-01-27", None)


def test_read_only_archive_refuses_every_write(sample_archive):
    """With Archive.read_only set, every write raises ReadOnlyError and nothing changes."""
    entry = _entry(sample_archive, "2020-01-24")
    sample_archive.read_only = True
    edit, notes = EditService(sample_archive), AnnotationService(sample_archive)
    writes = [
        lambda: edit.edit_entry(entry["id"], "text", "x", entry["version"]),
        lambda: edit.edit_document(1, "title", "x", 1),
        lambda: edit.bulk_edit("entry", [entry["id"]], "date", "2020-01-01"),
        lambda: edit.shift_dates("entry", [entry["id"]], 1),
        lambda: edit.add_entry(1, "2020-01-01", "x"),
        lambda: edit.delete_entry(entry["id"], entry["version"]),
        lambda: edit.add_document("x"),
        lambda: notes.add_note("entry", entry["id"], "x"),
        lambda: notes.add_tag("entry", [entry["id"]], "x"),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyError, match="read-only"):
            write()
    sample_archive.read_only = False
    assert _entry(sample_archive, entry_id=entry["id"]) == entry


def test_show_json_gains_version_tags_and_originals(sample_archive):
    """document_dict lists the document's version, tags and corrected originals; each entry too."""
    entry = _entry(sample_archive, "2020-01-24")
    EditService(sample_archive).edit_entry(entry["id"], "text", "核对后的文字", entry["version"])
    AnnotationService(sample_archive).add_tag("entry", [entry["id"]], "核对")
    doc = _doc(sample_archive, entry["document_id"])
    shown = next(e for e in doc["timeline"] if e["id"] == entry["id"])
    assert shown["tags"] == ["核对"] and shown["original"] == {"text": entry["text"]}
    assert shown["version"] == entry["version"] + 2  # the edit, then the tag
    assert doc["version"] >= 1 and doc["tags"] == [] and doc["original"] == {}
    json.dumps(doc, ensure_ascii=False)  # still plain data


def test_corrected_document_date_gets_its_weekday(sample_archive):
    """A full date gets the weekday that goes with it; a month-only date has none."""
    service = EditService(sample_archive)
    version = service.edit_document(1, "date", "2020-02-25", _doc(sample_archive, 1)["version"])
    assert _doc(sample_archive, 1)["masthead"]["weekday"] == "星期二"
    service.edit_document(1, "date", "2020-02", version)
    assert _doc(sample_archive, 1)["masthead"]["weekday"] is None


def test_attach_refuses_a_deleted_entry(sample_archive, tmp_path):
    """A related document cannot be attached to an entry that was deleted."""
    from archiveviewer.app.library_service import LibraryService

    entry = _entry(sample_archive, "2020-01-24")
    EditService(sample_archive).delete_entry(entry["id"], entry["version"])
    f = tmp_path / "a.txt"
    f.write_text("内容", encoding="utf-8")
    with pytest.raises(NotFound):
        LibraryService(sample_archive).attach("entry", entry["id"], f)


@pytest.mark.parametrize(
    "call",
    [
        lambda svc, e: svc.edit_document(1, "title", "标题\n第二行", 1),
        lambda svc, e: svc.edit_document(1, "byline", "记者\x1b[2J王芳", 1),
        lambda svc, e: svc.edit_entry(e["id"], "text", "文字\x07响铃", e["version"]),
        lambda svc, e: svc.add_entry(e["document_id"], "2020-01-01", "文字\x1b]0;标题\x07"),
        lambda svc, e: svc.edit_entry(e["id"], "text", "合法的文字", e["version"], who="名" * 129),
    ],
)
def test_control_characters_and_overlong_names_are_refused(sample_archive, call):
    """Line breaks in one-line fields, escape sequences, a 129-character editor name: refused, nothing saved."""
    entry = _entry(sample_archive, "2020-01-24")
    with pytest.raises(EditError):
        call(EditService(sample_archive), entry)
    assert _entry(sample_archive, entry_id=entry["id"]) == entry
    with sample_archive.Session() as s:
        assert s.query(Revision).count() == 0


def test_full_width_spaces_and_line_breaks_where_they_belong_are_kept(sample_archive):
    """U+3000 in a title and line breaks in an entry's text are ordinary text."""
    service = EditService(sample_archive)
    entry = _entry(sample_archive, "2020-01-24")
    service.edit_document(1, "title", "万众一心\u3000阻击疫情", _doc(sample_archive, 1)["version"])
    service.edit_entry(entry["id"], "text", "第一行\n第二行\t制表", entry["version"])
    assert _doc(sample_archive, 1)["title"] == "万众一心\u3000阻击疫情"
    assert _entry(sample_archive, entry_id=entry["id"])["text"] == "第一行\n第二行\t制表"


def test_restore_brings_back_an_undated_document_and_a_paragraph(sample_archive):
    """Restoring a date set on an undated document makes it undated again; a paragraph's text restores too."""
    service = EditService(sample_archive)
    version = service.edit_document(1, "date", "", _doc(sample_archive, 1)["version"])
    service.edit_document(1, "date", "2021", version)
    dated = service.revisions("document", 1)[-1]
    service.restore(dated["id"])
    assert _doc(sample_archive, 1)["masthead"]["date"] is None
    with sample_archive.Session() as s:
        par = s.query(Paragraph).filter_by(document_id=1).first()
        par_id, original, par_version = par.id, par.text, par.version
    service.edit_paragraph(par_id, "错改的段落", par_version)
    service.restore(service.revisions("paragraph", par_id)[0]["id"])
    with sample_archive.Session() as s:
        assert s.get(Paragraph, par_id).text == original


def _titles(archive, query):
    return {h.key: h.title for h in SearchService(archive).search(query, limit=0).hits}


def test_a_title_edit_retitles_every_search_item_shown_under_it(sample_archive, tmp_path):
    """Entries, notes on the document, its paragraphs and entries, notes on those notes and related files
    linked to the document or an entry are listed under the document's title in search: after a title edit
    they are found under the new title and no longer under the old one, at once (no rebuild)."""
    from archiveviewer.app.library_service import LibraryService

    doc_row = _timeline_doc(sample_archive)
    doc = _doc(sample_archive, doc_row["id"])
    old_title, entry = doc["title"], doc["timeline"][0]
    notes = AnnotationService(sample_archive)
    on_entry = notes.add_note("entry", entry["id"], "甲批注 核对金额")
    on_note = notes.add_note("note", on_entry["id"], "乙批注 已回复")
    on_paragraph = notes.add_note("paragraph", doc["sections"][0]["paragraph_ids"][0], "丙批注 段落存疑")
    notice = tmp_path / "复工通知.txt"
    notice.write_text("关于企业复工复产的通知全文", encoding="utf-8")
    related = LibraryService(sample_archive).attach("entry", entry["id"], notice)
    keys = {
        f"entry:{entry['id']}": entry["text"][:6],
        f"annotation:{on_entry['id']}": "甲批注",
        f"annotation:{on_note['id']}": "乙批注",
        f"annotation:{on_paragraph['id']}": "丙批注",
        f"related:{related.id}": "复工复产的通知",
    }
    for key, words in keys.items():
        assert old_title in _titles(sample_archive, words)[key], key

    EditService(sample_archive).edit_document(doc["id"], "title", "无锡工会抗疫纪事", doc["version"])
    for key, words in keys.items():
        title = _titles(sample_archive, words)[key]
        assert "无锡工会抗疫纪事" in title and old_title not in title, (key, title)
