"""Saved searches, related documents and notes: stored in the archive, searchable at once."""

import pytest

from archiveviewer.app.library_service import LibraryService
from archiveviewer.app.queries import NotFound
from archiveviewer.app.search_service import SearchService


def test_saved_searches_are_named_and_replaced_by_name(sample_archive):
    """Saving under an existing name replaces its query; deleting removes it; blanks are refused."""
    lib = LibraryService(sample_archive)
    lib.save_search("慰问", "慰问 kind:entry")
    lib.save_search("金额", "万元")
    lib.save_search("慰问", "慰问金")
    assert lib.saved_searches() == [("慰问", "慰问金"), ("金额", "万元")]
    lib.delete_saved_search("金额")
    assert lib.saved_searches() == [("慰问", "慰问金")]
    with pytest.raises(ValueError):
        lib.save_search(" ", "x")


def test_attached_text_is_searchable_and_detach_removes_it(sample_archive, tmp_path):
    """A text file attached to an article is found by its words; detaching its only link deletes it."""
    notice = tmp_path / "通知.txt"
    notice.write_text("关于表彰抗疫先进集体的决定", encoding="gbk")
    lib, search = LibraryService(sample_archive), SearchService(sample_archive)
    info = lib.attach("document", 1, notice)
    assert [r.name for r in lib.related_for("document", 1)] == ["通知.txt"]
    assert [h.key for h in search.search("抗疫先进集体", limit=0).hits] == [f"related:{info.id}"]
    assert lib.related_content(info.id) == ("通知.txt", notice.read_bytes())
    lib.detach(info.id, "document", 1)
    assert lib.related_for("document", 1) == []
    assert search.search("抗疫先进集体", limit=0).total == 0
    with pytest.raises(NotFound):
        lib.related_content(info.id)


def test_binary_attachment_is_kept_but_not_searched(sample_archive, tmp_path):
    """A file of a type the archive cannot read (a spreadsheet) is stored byte for byte, without text."""
    sheet = tmp_path / "账目.xlsx"
    sheet.write_bytes(b"PK\x03\x04\x00\x01binary")
    info = LibraryService(sample_archive).attach("entry", 1, sheet)
    assert info.media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert not info.searchable
    assert LibraryService(sample_archive).related_content(info.id)[1] == sheet.read_bytes()


def test_attach_and_notes_refuse_missing_targets_and_empty_text(sample_archive, tmp_path):
    """Attaching to a missing entry, or an empty note, is refused with a message and stores nothing."""
    f = tmp_path / "a.txt"
    f.write_text("内容", encoding="utf-8")
    lib = LibraryService(sample_archive)
    with pytest.raises(NotFound, match="no entry with id 999"):
        lib.attach("entry", 999, f)
    with pytest.raises(ValueError, match="needs some text"):
        lib.add_annotation("document", 1, "  ")
    with pytest.raises(NotFound):
        lib.add_annotation("paragraph-typo", 1, "x")
    assert lib.related_for("entry", 999) == [] and lib.annotations_for("document", 1) == []


def test_notes_are_listed_in_order_with_author(sample_archive):
    """Notes on an entry come back oldest first with the archive user as author."""
    lib = LibraryService(sample_archive)
    lib.add_annotation("entry", 2, "第一条")
    lib.add_annotation("entry", 2, "第二条")
    notes = lib.annotations_for("entry", 2)
    assert [n["text"] for n in notes] == ["第一条", "第二条"]
    assert all(n["author"] == sample_archive.user for n in notes)


def test_a_related_document_is_found_under_each_article_it_is_linked_to(sample_archive, tmp_path):
    """Linking a related document to a second article re-derives its search item: it is found under that
    article's title too, and no longer under the first one's once unlinked from it."""
    notice = tmp_path / "通知.txt"
    notice.write_text("关于表彰抗疫先进集体的决定", encoding="utf-8")
    lib, search = LibraryService(sample_archive), SearchService(sample_archive)
    info = lib.attach("document", 1, notice)
    key = f"related:{info.id}"

    def found_under(title_words: str) -> bool:
        return key in [h.key for h in search.search(f"title:{title_words} 抗疫先进", limit=0).hits]

    assert found_under("多管齐下") and not found_under("时间轴")
    lib.link(info.id, "document", 2)
    assert found_under("多管齐下") and found_under("时间轴")
    lib.detach(info.id, "document", 1)
    assert not found_under("多管齐下") and found_under("时间轴")
