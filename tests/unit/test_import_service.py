"""Import use case: the sample page stored as a structured archive, atomically and only once."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from archiveviewer.app import import_service
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.queries import document_dict, timeline
from archiveviewer.storage.models import Document, Paragraph, Source, TimelineEntry


def _count(archive, model):
    with archive.Session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_sample_page_is_stored_with_structure(sample_archive, sample_text):
    """Two articles, 14 timeline entries, the masthead on both, the raw text kept unchanged."""
    with sample_archive.Session() as s:
        docs = s.scalars(select(Document).order_by(Document.id)).all()
        assert [d.kind for d in docs] == ["article", "article"]
        assert docs[0].title == "无锡各级工会多管齐下保复工"
        assert docs[1].title == "无锡工会“战疫”时间轴"
        for d in docs:
            assert (d.page, d.published.isoformat(), d.weekday) == ("A06", "2020-02-24", "星期一")
            assert (d.editor, d.layout_editor, d.proofreader) == ("汪自力", "邹琦", "王欣")
        assert s.scalar(select(Source.raw_text)) == sample_text
        assert s.scalar(select(func.count(TimelineEntry.id))) == 14


def test_timeline_is_in_date_order_with_amounts_in_yuan(sample_archive):
    """Entries come back sorted by date; amounts carry their value in yuan."""
    with sample_archive.Session() as s:
        entries = timeline(s)
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates) and dates[0] == "2020-01-24" and dates[-1] == "2020-02-18"
    first = entries[0]
    assert first["amounts"] == [{"text": "44万元", "yuan": 440000}]
    all_yuan = [a["yuan"] for e in entries for a in e["amounts"]]
    assert 2124500 in all_yuan and 810900 in all_yuan and 5000 in all_yuan


def test_entry_links_to_the_paragraphs_it_came_from(sample_archive):
    """Each entry's paragraph range holds exactly the entry's text."""
    with sample_archive.Session() as s:
        for entry in s.scalars(select(TimelineEntry)):
            pars = s.scalars(
                select(Paragraph).where(Paragraph.document_id == entry.document_id).order_by(Paragraph.ordinal)
            ).all()
            ids = [p.id for p in pars]
            start, end = ids.index(entry.paragraph_start_id), ids.index(entry.paragraph_end_id)
            assert "\n".join(p.text for p in pars[start : end + 1]) == entry.text


def test_show_dict_has_sections_and_byline(sample_archive):
    """The document dict (show --json) carries headings, paragraphs and byline."""
    with sample_archive.Session() as s:
        doc = document_dict(s, 1)
    assert [sec["heading"] for sec in doc["sections"]] == [
        "出台政策惠企业",
        "当好防疫复工勤务员",
        "维护职工权益不放松",
        "激发劳动热情保生产",
        "落实关爱暖人心",
    ]
    assert doc["byline"] == "陈煜蕾"
    assert doc["masthead"]["date"] == "2020-02-24"


def test_importing_the_same_file_twice_is_reported_not_duplicated(sample_archive, sample_path, tmp_path):
    """The second import of identical bytes (even under another name) stores nothing."""
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(sample_path.read_bytes())
    report = ImportJob(sample_archive, [sample_path, copy]).run()
    assert report.imported == []
    assert sorted(report.duplicates) == [
        "newspaper-page-2020-02-24-A06.txt (already imported as newspaper-page-2020-02-24-A06.txt)",
        "renamed.txt (same content as newspaper-page-2020-02-24-A06.txt)",
    ]
    assert _count(sample_archive, Source) == 1 and _count(sample_archive, Document) == 2


def test_bad_files_are_refused_and_good_ones_imported(archive, sample_path, tmp_path):
    """A binary file in a batch is refused with its name; the text files still import."""
    binary = tmp_path / "scan.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = ImportJob(archive, [binary, sample_path, empty, tmp_path / "missing.txt"]).run()
    assert [f.name for f in report.imported] == [sample_path.name]
    assert len(report.errors) == 3
    assert any("scan.png" in e for e in report.errors)
    assert any("empty.txt" in e for e in report.errors)
    assert any("missing.txt" in e for e in report.errors)


def test_failure_midway_leaves_nothing_imported(archive, sample_path, tmp_path, monkeypatch):
    """If storing the second file fails, the first one is rolled back too (one transaction)."""
    other = tmp_path / "notice.txt"
    other.write_text("关于做好防疫工作的通知\n\n各单位要认真落实。\n", encoding="utf-8")
    real_store = import_service._store
    calls = []

    def failing_store(session, item, who):
        calls.append(item.path.name)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_store(session, item, who)

    monkeypatch.setattr(import_service, "_store", failing_store)
    with pytest.raises(RuntimeError):
        ImportJob(archive, [sample_path, other]).run()
    assert _count(archive, Source) == 0 and _count(archive, Document) == 0
    assert archive.index.search("无锡").total == 0


def test_cancelling_an_import_leaves_nothing(archive, sample_path, tmp_path):
    """Closing the step generator mid-transaction (cancel) rolls everything back."""
    other = tmp_path / "notice.txt"
    other.write_text("关于做好防疫工作的通知\n\n各单位要认真落实。\n", encoding="utf-8")
    job = ImportJob(archive, [sample_path, other])
    steps = job.steps()
    for done, total, _name in steps:
        if done > total // 2:  # inside the transaction, after the first file was stored
            break
    steps.close()
    assert _count(archive, Source) == 0
    assert archive.index.search("无锡").total == 0


def test_plain_document_imports_as_kind_document(archive, tmp_path):
    """A text without a masthead becomes one `document` titled by its first line."""
    f = tmp_path / "notice.txt"
    f.write_text("关于做好防疫工作的通知\n\n各单位要认真落实防控措施。\n", encoding="utf-8")
    report = ImportJob(archive, [f]).run()
    assert report.imported[0].documents[0][1:] == ("document", "关于做好防疫工作的通知")


def test_amount_values_are_exact_decimals(sample_archive):
    """212.45万元 is stored as exactly 2124500 yuan, not a float approximation."""
    from archiveviewer.storage.models import Amount

    with sample_archive.Session() as s:
        values = s.scalars(select(Amount.yuan).where(Amount.text.like("212.45%"))).all()
    assert values and all(v == Decimal("2124500") for v in values)


def test_an_import_freezes_what_was_there_only_while_it_runs(archive, sample_path):
    """The objects there before an import are out of full collections while it runs, and back after;
    a program that froze its own (the GUI, after start-up) keeps them frozen."""
    import gc

    gc.unfreeze()
    counts = []
    steps = ImportJob(archive, [sample_path], workers=0).steps()
    for _ in steps:
        counts.append(gc.get_freeze_count())
    assert counts[0] > 0 and gc.get_freeze_count() == 0
    gc.freeze()
    try:
        for _ in ImportJob(archive, [sample_path], workers=0).steps():  # a duplicate: nothing stored
            pass
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
