"""Every format through the importer and the library: folders, names, originals kept, OCR'd articles, search hits."""

import io
import json
import os
from pathlib import Path

import pytest
from scan_fixtures import SCAN_TEXT, char_accuracy, render_scan, scanned_pdf, text_pdf
from sqlalchemy import select

from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.library_service import LibraryService
from archiveviewer.app.search_service import SearchService
from archiveviewer.ingest.files import display_name, scan_paths
from archiveviewer.ingest.loaders.ocr_engine import NO_OCR_HINT, find_engine
from archiveviewer.storage.models import OriginalFile, Source

needs_ocr = pytest.mark.skipif(
    find_engine() is None, reason="Tesseract with chi_sim is not installed (scripts/setup.sh installs it)"
)


def make_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("复工通知", level=1)
    d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


FORMATS = {
    "notice.txt": lambda: "文本格式的独有词甲乙丙。\n".encode("gbk"),
    "notice.md": lambda: "# 标题\n\nMarkdown独有词丁戊己。\n".encode("utf-16"),
    "page.html": lambda: '<meta charset="big5"><title>網頁</title><p>網頁獨有詞庚辛壬。</p>'.encode("big5"),
    "report.pdf": lambda: text_pdf([["PDF独有词癸子丑。"]]),
    "letter.docx": lambda: make_docx("Word独有词寅卯辰。"),
}
WORDS = {
    "notice.txt": "甲乙丙",
    "notice.md": "丁戊己",
    "page.html": "庚辛壬",
    "report.pdf": "癸子丑",
    "letter.docx": "寅卯辰",
}


def write_formats(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in FORMATS.items():
        (folder / name).write_bytes(make())


def test_folder_import_takes_every_format_and_names_what_it_passes_over(archive, tmp_path):
    """A folder of text, Markdown, HTML, PDF and DOCX imports all; a duplicate, an unsupported file and a
    broken link are named in the report, never silently dropped; each format is found by search."""
    folder = tmp_path / "in"
    write_formats(folder / "sub")
    (folder / "copy.txt").write_bytes(FORMATS["notice.txt"]())
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "sub" / "loop").symlink_to(folder)
    report = ImportJob(archive, [folder], who="t").run()
    # copy.txt is read first (files before subfolders, sorted), so the later notice.txt is the duplicate.
    assert sorted(f.name for f in report.imported) == sorted(["copy.txt", *(n for n in FORMATS if n != "notice.txt")])
    assert report.duplicates == ["notice.txt (same content as copy.txt)"]
    assert report.unsupported == [f"{folder / 'sheet.xlsx'}: unsupported file type (.xlsx)"]
    assert f"{folder / 'gone.txt'}: broken link (its target does not exist)" in report.skipped
    assert any("loop" in s and "a loop" in s for s in report.skipped)
    assert report.errors == []
    search = SearchService(archive)
    for name, word in WORDS.items():
        hits = search.search(word, limit=0).hits
        assert [h.source for h in hits] == ["copy.txt" if name == "notice.txt" else name], (name, hits)


def test_originals_are_kept_by_sha256_and_returned_byte_for_byte(archive, tmp_path):
    """The imported file's bytes are in the archive (once), so "Open original" works after the file is gone."""
    folder = tmp_path / "in"
    write_formats(folder)
    report = ImportJob(archive, [folder]).run()
    lib = LibraryService(archive)
    for f in report.imported:
        original = lib.document_original(f.documents[0][0])
        assert original.content == (folder / f.name).read_bytes()
        assert original.name == f.name
    with archive.Session() as s:
        assert s.scalar(select(OriginalFile).where(OriginalFile.sha256 == Source.sha256).limit(1)) is not None
        assert len(s.scalars(select(OriginalFile)).all()) == len(FORMATS)


def test_unreadable_subfolder_is_listed(tmp_path, monkeypatch):
    """A folder that cannot be listed is named with the reason (root reads everything, so the error is injected)."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text("文本", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    scan = scan_paths([folder])
    assert [p.name for p in scan.files] == ["a.txt"]
    assert scan.skipped == [f"{folder / 'locked'}: folder not readable (Permission denied)"]


def test_non_utf8_file_names_import_and_read_as_chinese(archive, tmp_path):
    """GBK- and Big5-named files (bytes that are not UTF-8, as unzipped from old archives) import and are
    named in Chinese; a name that is no Chinese encoding is kept escaped; nothing raises."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = {
        "通知甲.txt".encode("gbk"): "通知甲.txt",
        "國際新聞.txt".encode("big5"): "國際新聞.txt",
        "通知丙.txt".encode("gb18030"): "通知丙.txt",
        b"caf\xe9\xff.txt": "caf\\xe9\\xff.txt",
        "名字.txt".encode("utf-16-le")[:-2].replace(b"\x00", b"_").replace(b"/", b"_") + b".txt": None,
    }
    for i, raw in enumerate(names):
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(f"第{i}份文件的内容，互不相同。\n".encode())
    report = ImportJob(archive, [folder]).run()
    assert report.errors == [] and len(report.imported) == len(names)
    imported = {f.name for f in report.imported}
    for raw, expected in names.items():
        shown = display_name(os.fsdecode(raw))
        assert shown in imported
        if expected is not None:
            assert shown == expected
        shown.encode("utf-8")  # storable and printable


def test_control_characters_in_names_are_escaped():
    """A newline in a file name is shown as \\n so a message stays on one line."""
    assert display_name("bad\nname\x1b[2J\u202e.txt") == "bad\\nname\\u001b[2J\\u202e.txt"


def test_too_large_file_is_refused_before_reading(archive, tmp_path, monkeypatch):
    """Over the limit: refused from its size (the file is never read), the rest of the batch imports."""
    from archiveviewer.ingest import files

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 4096)
    ok = tmp_path / "ok.txt"
    ok.write_text("正常的文件。", encoding="utf-8")
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    report = ImportJob(archive, [big, ok]).run()
    assert report.errors == ["big.txt: file is too large (4 KiB; the limit is 1 KiB)"]
    assert [f.name for f in report.imported] == ["ok.txt"] and "big.txt" not in read


def test_corrupt_files_are_refused_while_the_batch_imports(archive, tmp_path):
    """A damaged PDF, a damaged DOCX and a deeply nested page are refused with reasons; the good file imports."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4\n\x00garbage")
    (folder / "bad.docx").write_bytes(b"PK\x03\x04garbage")
    (folder / "deep.html").write_bytes(b"<div>" * 10_000)
    (folder / "good.txt").write_text("好文件。", encoding="utf-8")
    report = ImportJob(archive, [folder]).run()
    assert [f.name for f in report.imported] == ["good.txt"]
    assert sorted(e.split(":")[0] for e in report.errors) == ["bad.docx", "bad.pdf", "deep.html"]
    assert "HTML nested too deeply" in next(e for e in report.errors if e.startswith("deep.html"))


def test_scan_without_ocr_is_kept_shown_and_marked_not_searchable(archive, tmp_path, monkeypatch):
    """Without Tesseract a scan imports as a document titled by its name, its image kept, with the hint."""
    from archiveviewer.ingest.loaders import ocr_engine

    monkeypatch.setattr(ocr_engine, "find_engine", lambda: None)
    scan = tmp_path / "第六版.png"
    scan.write_bytes(render_scan("扫描"))
    report = ImportJob(archive, [scan]).run()
    assert report.unsearchable == ["第六版.png"] and report.errors == []
    doc_id, kind, title = report.imported[0].documents[0]
    assert (kind, title) == ("document", "第六版")
    view = LibraryService(archive).document_original(doc_id)
    assert view.is_image and view.text is None and view.hint == NO_OCR_HINT
    assert view.content == scan.read_bytes()


@needs_ocr
def test_scanned_newspaper_page_becomes_a_structured_searchable_article(archive, tmp_path):
    """A scanned page with a masthead-free article is OCR'd, repaired (no spaces between Hanzi), parsed into
    an article, found by search, and keeps its per-page confidence and its image."""
    scan = tmp_path / "扫描版.pdf"
    scan.write_bytes(scanned_pdf([SCAN_TEXT]))
    report = ImportJob(archive, [scan]).run()
    assert report.errors == []
    (imported,) = report.imported
    assert imported.encoding == "pdf+ocr"
    doc_id = imported.documents[0][0]
    hits = SearchService(archive).search("定点医院", limit=0).hits
    assert [h.document_id for h in hits if h.kind in ("document", "article")] == [doc_id]
    with archive.Session() as s:
        source = s.scalar(select(Source))
        assert char_accuracy(SCAN_TEXT, source.raw_text) >= 0.95
        ((page, confidence),) = json.loads(source.ocr_confidence)
        assert page == 1 and confidence > 50
    view = LibraryService(archive).document_original(doc_id)
    assert view.is_pdf and view.content == scan.read_bytes() and view.ocr_confidence[0][0] == 1


@needs_ocr
def test_import_steps_report_ocr_pages_and_cancel_rolls_back(archive, tmp_path):
    """Importing a two-page scan reports each page; closing the steps mid-OCR imports nothing."""
    scan = tmp_path / "two.pdf"
    scan.write_bytes(scanned_pdf(["第一页内容。", "第二页内容。"]))
    job = ImportJob(archive, [scan])
    steps = job.steps()
    names = [next(steps)[2] for _ in range(3)]
    assert names[0] == "two.pdf" and names[-1].startswith("two.pdf (")
    steps.close()
    assert job.report.imported == []
    with archive.Session() as s:
        assert s.scalar(select(Source)) is None


# -- related documents: every format, linking, hits that say what they relate to


def test_related_documents_in_every_format_are_searchable_and_say_what_they_relate_to(sample_archive, tmp_path):
    """Each format attached to the article is found by its words; the hit's title names the article."""
    lib, search = LibraryService(sample_archive), SearchService(sample_archive)
    write_formats(tmp_path / "r")
    article_title = search.search("无锡各级工会", limit=1).hits[0].title
    for name in FORMATS:
        info = lib.attach("document", 1, tmp_path / "r" / name)
        assert info.searchable
        (hit,) = [h for h in search.search(WORDS[name], limit=0).hits]
        assert hit.key == f"related:{info.id}" and hit.document_id == 1
        assert hit.title.startswith(f"{name} → ") and hit.title.endswith(article_title), hit.title


def test_one_document_links_to_several_targets_and_unlinks_one_at_a_time(sample_archive, tmp_path):
    """Attaching the same file to an entry as well links the one stored document twice; unlinking one keeps it."""
    lib, search = LibraryService(sample_archive), SearchService(sample_archive)
    notice = tmp_path / "通知.docx"
    notice.write_bytes(make_docx("两处关联的独有词巳午未。"))
    first = lib.attach("document", 1, notice)
    second = lib.attach("entry", 1, notice)
    assert first.id == second.id
    assert [r.id for r in lib.related_for("entry", 1)] == [first.id]
    (hit,) = search.search("巳午未", limit=0).hits
    assert hit.title.count("; ") == 1  # article; entry
    lib.detach(first.id, "document", 1)
    (hit,) = search.search("巳午未", limit=0).hits
    assert "; " not in hit.title and lib.related_for("document", 1) == []
    assert lib.related_content(first.id)[1] == notice.read_bytes()
    lib.link(first.id, "document", 1)
    assert [r.id for r in lib.related_for("document", 1)] == [first.id]
    lib.detach(first.id, "document", 1)
    lib.detach(first.id, "entry", 1)
    assert search.search("巳午未", limit=0).total == 0
    with sample_archive.Session() as s:  # its bytes go with the last link
        assert s.get(OriginalFile, __import__("hashlib").sha256(notice.read_bytes()).hexdigest()) is None


@needs_ocr
def test_attached_scan_is_ocr_read_and_searchable(sample_archive, tmp_path):
    """A PNG scan attached to an entry is OCR'd: its words find it, and its view has image, text and confidence."""
    lib, search = LibraryService(sample_archive), SearchService(sample_archive)
    scan = tmp_path / "剪报.png"
    scan.write_bytes(render_scan())
    info = lib.attach("entry", 1, scan)
    assert [h.key for h in search.search("市级定点医院", limit=0).hits if h.key.startswith("related:")] == [
        f"related:{info.id}"
    ]
    view = lib.related_view(info.id)
    assert view.is_image and char_accuracy(SCAN_TEXT, view.text) >= 0.95 and view.ocr_confidence[0][0] == 1


def test_migration_moves_related_document_bytes_into_the_original_store(tmp_path):
    """An archive from before 0005 keeps its attached files: their bytes move to original_file, once per sha256."""
    from alembic import command

    from archiveviewer.app.archive import Archive, ArchiveLocation
    from archiveviewer.storage.database import _alembic_config, make_engine

    folder = tmp_path / "old"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder / 'archive.sqlite3'}")
    command.upgrade(_alembic_config(engine), "0004")
    with engine.begin() as conn:
        for i in (1, 2):  # the same file attached twice (before attach linked repeats)
            conn.exec_driver_sql(
                "INSERT INTO related_document (id, name, media_type, sha256, size, content, text, added_at) "
                f"VALUES ({i}, 'n.txt', 'text/plain', 'cafe', 6, X'e9809ae79fa5', '通知', '2020-01-01 00:00:00')"
            )
    engine.dispose()
    with Archive(ArchiveLocation(folder)) as archive:
        lib = LibraryService(archive)
        assert lib.related_content(1) == ("n.txt", "通知".encode())
        assert lib.related_content(2) == ("n.txt", "通知".encode())
        with archive.Session() as s:
            assert [(o.sha256, o.size) for o in s.scalars(select(OriginalFile))] == [("cafe", 6)]


def test_cli_import_of_a_folder_lists_every_kind_of_outcome(tmp_path, capsys):
    """`archiveviewer import FOLDER` prints imported, duplicate, not-imported and refused files, and exits 1."""
    from archiveviewer.cli import main

    folder = tmp_path / "in"
    write_formats(folder)
    (folder / "again.txt").write_bytes(FORMATS["notice.txt"]())
    (folder / "photo.heic").write_bytes(b"\x00\x00\x00 ftypheic")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 nope")
    code = main(["--archive", str(tmp_path / "a"), "import", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "imported letter.docx (docx)" in out and "imported report.pdf (pdf)" in out
    assert "imported page.html (big5hkscs)" in out
    assert "skipped duplicate: notice.txt (same content as again.txt)" in out
    assert f"not imported: {folder / 'photo.heic'}: unsupported file type (.heic)" in out
    assert "refused broken.docx: not a valid DOCX file (the zip container is damaged)" in err


PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")


@pytest.mark.skipif(not PG_URL, reason="set ARCHIVEVIEWER_TEST_PG_URL to a PostgreSQL URL to run (CI sets it)")
def test_originals_live_in_a_team_database(tmp_path):
    """On PostgreSQL the original files are kept in the database: import and attach, then read them back."""
    import uuid

    from sqlalchemy import create_engine, text

    from archiveviewer.app.archive import Archive

    schema = f"av_test_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        folder = tmp_path / "in"
        write_formats(folder)
        with Archive.open(db_url=f"{PG_URL}{sep}options=-csearch_path%3D{schema}") as archive:
            report = ImportJob(archive, [folder]).run()
            assert report.errors == [] and len(report.imported) == len(FORMATS)
            lib = LibraryService(archive)
            doc_id = next(f.documents[0][0] for f in report.imported if f.name == "report.pdf")
            assert lib.document_original(doc_id).content == (folder / "report.pdf").read_bytes()
            info = lib.attach("document", doc_id, folder / "letter.docx")
            assert lib.related_content(info.id)[1] == (folder / "letter.docx").read_bytes()
            assert [h.key for h in SearchService(archive).search("寅卯辰", limit=0).hits if h.key.startswith("related")]
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
