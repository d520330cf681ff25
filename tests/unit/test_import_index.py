"""An import indexes from fields made where the files are parsed (worker processes), ids given
afterwards: the index it leaves must be the one a rebuild from the database makes."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

import pytest
from sqlalchemy import select
from whoosh.filedb.filestore import FileStorage, RamStorage

from archiveviewer.app import import_service
from archiveviewer.app.archive import Archive
from archiveviewer.app.import_service import PARALLEL_MIN_FILES, ImportJob
from archiveviewer.app.search_items import all_items, items_for_parsed
from archiveviewer.app.search_service import SearchService
from archiveviewer.search import index_files, whoosh_internals
from archiveviewer.search.bulk import SegmentBuilder
from archiveviewer.search.index import INDEXNAME, IndexChanges
from archiveviewer.search.items import SearchItem
from archiveviewer.search.schema import build_schema, item_fields, packed_fields, unpack_terms, with_ids
from archiveviewer.storage.models import Document

NEWS = """两岸经贸交流持续升温

新华社北京１月１８日电（记者杨国强）今年两岸经贸交流
继续扩大，台商投资大陆的项目增加。

专家认为，合作前景广阔。（钱荣友）
"""


def _folder(tmp_path, sample_text):
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(PARALLEL_MIN_FILES + 2):
        (folder / f"page-{i:03d}.txt").write_text(sample_text + f"\n\n（编号 {i}）\n", encoding="utf-8")
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    (folder / "notice.txt").write_text("关于做好防疫工作的通知\n\n各单位要认真落实 Wuxi 防控措施。\n", encoding="utf-8")
    return folder


def _content(ix) -> tuple[dict, dict]:
    """Everything a whoosh index holds, by item key: stored values and columns, and every
    term's postings as (key, weight) — independent of document numbers and segments."""
    with ix.reader() as r:
        key_of = {d: stored["doc"][0] for d, stored in r.iter_docs()}
        columns = {name: r.column_reader(name) for name in ("ntext", "nlen", "tlen", "kindc", "date")}
        docs = {key: (r.stored_fields(d)["doc"], *(columns[name][d] for name in columns)) for d, key in key_of.items()}
        postings: dict = {}
        for field, term in r.all_terms():
            m = r.postings(field, term)
            found = []
            while m.is_active():
                if m.id() in key_of:
                    found.append((key_of[m.id()], m.weight()))
                m.next()
            if found:
                postings[(field, term)] = sorted(found)
    return docs, postings


def _archive_index(archive) -> tuple[dict, dict]:
    folder = index_files.current_dir(archive.index.path)
    return _content(FileStorage(str(folder)).open_index(INDEXNAME))


@pytest.mark.parametrize("workers", [0, 2])
def test_index_after_import_equals_index_after_rebuild(tmp_path, sample_text, workers):
    """Same items, same stored values, same postings and weights, whether parsed here or in workers."""
    with Archive.open(tmp_path / "archive") as archive:
        report = ImportJob(archive, [_folder(tmp_path, sample_text)], workers=workers).run()
        assert report.ok and len(report.imported) == PARALLEL_MIN_FILES + 4
        imported = _archive_index(archive)
        for _ in SearchService(archive).rebuild_steps():
            pass
        rebuilt = _archive_index(archive)
    docs, postings = imported
    assert len(docs) > 2 * len(report.imported)  # the sample page's timeline entries are items too
    assert ("t", "编号".encode()) in postings and ("t", b"wuxi") in postings
    assert imported == rebuilt


def test_report_lists_the_ids_the_documents_got(tmp_path, sample_text):
    """The report's (id, kind, title) and entry counts are the stored ones."""
    with Archive.open(tmp_path / "archive") as archive:
        report = ImportJob(archive, [_folder(tmp_path, sample_text)], workers=0).run()
        with archive.Session() as s:
            for f in report.imported:
                docs = s.scalars(select(Document).where(Document.source_id == f.source_id).order_by(Document.ordinal))
                rows = [(d.id, d.kind, d.title, len(d.entries)) for d in docs]
                assert f.documents == [r[:3] for r in rows]
                assert f.entries == sum(r[3] for r in rows)


def test_items_for_parsed_are_the_stored_documents_items(sample_archive, sample_path):
    """The items made from the parse before storing differ from the stored ones only in their ids."""
    prepared = import_service._prepare(sample_path)
    with sample_archive.Session() as s:
        stored = list(all_items(s))
    page = prepared.page
    made = [
        it
        for i, d in enumerate(page.documents)
        for it in items_for_parsed(import_service._document_row(d, i, None, page.masthead), d, prepared.name)
    ]
    assert len(made) == len(stored) > 2
    for before, after in zip(made, stored, strict=True):
        assert before.key.endswith(":0") and before.document_id == before.entity_id == 0
        assert replace(before, key=after.key, document_id=after.document_id, entity_id=after.entity_id) == after


def test_packed_fields_given_ids_are_the_items_fields():
    """packed_fields of an item made with id 0, given its ids, is item_fields of the item with them."""
    made = SearchItem(
        "entry:0", "entry", "1月24日 · 标题", "无锡市总工会筹措资金 44 万元 Wuxi", "2020-01-24", 0, 0, "a.txt"
    )
    real = SearchItem(
        "entry:17", "entry", "1月24日 · 标题", "无锡市总工会筹措资金 44 万元 Wuxi", "2020-01-24", 3, 17, "a.txt"
    )
    fields = with_ids(packed_fields(made), "entry:17", 3, 17)
    expected = item_fields(real)
    assert {k: v for k, v in fields.items() if k not in ("t", "tt")} == {
        k: v for k, v in expected.items() if k not in ("t", "tt")
    }
    assert unpack_terms(fields["t"]) == dict(expected["t"]) and unpack_terms(fields["tt"]) == dict(expected["tt"])


def test_packed_and_plain_fields_build_the_same_segment():
    """The builder takes either form of the terms, and an in-memory builder attached later writes
    what one writing from the start does."""
    items = [
        SearchItem(
            f"article:{i}", "article", f"标题{i % 3}", "无锡" * (1 + i % 4) + f" 文{i} word{i % 5}", "2020-01-02"
        )
        for i in range(40)
    ]
    contents = []
    for make, fields in (("files", item_fields), ("memory", packed_fields)):
        storage = RamStorage()
        schema = build_schema()
        storage.create_index(schema, indexname=INDEXNAME)
        codec = whoosh_internals.make_codec()
        if make == "files":
            builder = SegmentBuilder(storage, schema, INDEXNAME, codec)
        else:
            builder = SegmentBuilder.in_memory(schema)
        for item in items:
            builder.add(fields(item))
        if make == "memory":
            builder.attach(storage, INDEXNAME, codec)
        whoosh_internals.write_toc(storage, schema, [builder.finish()], INDEXNAME)
        contents.append(_content(storage.open_index(INDEXNAME)))
    assert contents[0] == contents[1]
    assert contents[0][1][("t", "无锡".encode())] == sorted((f"article:{i}", float(1 + i % 4)) for i in range(40))


def test_new_items_are_searchable_after_apply_and_their_keys_recorded(tmp_path):
    """add_new items are found after the commit, beside ordinary upserts; keys() names them all."""
    from archiveviewer.search.index import SearchIndex

    index = SearchIndex(tmp_path / "index")
    for _ in index.rebuild([SearchItem("article:1", "article", "旧", "无锡旧闻")], 1, 1):
        pass
    changes = IndexChanges()
    changes.add_new([packed_fields(SearchItem("article:2", "article", "新", "无锡新闻"))])
    changes.upsert([SearchItem("note:3", "annotation", "", "无锡笔记")])
    changes.delete(["article:1"])
    assert sorted(changes.keys()) == ["article:1", "article:2", "note:3"]
    assert index.apply(changes, 2)
    assert {h.key for h in index.search("无锡", limit=0).hits} == {"article:2", "note:3"}
    assert index.status(2) is None
    index.close()


def test_a_new_key_cannot_be_changed_again_in_the_same_change():
    """Postings of add_new items are built at once: an upsert, delete or second add of the key is refused."""
    changes = IndexChanges()
    changes.add_new([item_fields(SearchItem("article:2", "article", "新", "无锡新闻"))])
    for change in (
        lambda: changes.upsert([SearchItem("article:2", "article", "新", "改")]),
        lambda: changes.delete(["article:2"]),
        lambda: changes.add_new([item_fields(SearchItem("article:2", "article", "新", "改"))]),
    ):
        with pytest.raises(ValueError):
            change()


class _Pool:
    """A stand-in for the worker pool: a task runs only when its result is asked for (so the
    storing process always finds the next file not ready, and reads files itself); after
    `broken_after` tasks the pool breaks, as when a worker dies."""

    last: _Pool

    def __init__(self, *_args, broken_after: int | None = None, **_kwargs):
        self.broken_after = broken_after
        self.tasks = 0
        self.ran: list[str] = []
        _Pool.last = self

    def submit(self, fn, paths):
        pool = self

        class Lazy(Future):
            def done(self):
                return super().done()

            def result(self, timeout=None):
                if not super().done():
                    if pool.broken_after is not None and pool.tasks >= pool.broken_after:
                        raise BrokenProcessPool("a worker died")
                    pool.tasks += 1
                    pool.ran += [p.name for p in paths]
                    self.set_result(fn(paths))
                return super().result()

        return Lazy()

    def shutdown(self, **_kwargs):
        pass


@pytest.mark.parametrize("broken_after", [None, 0, 2])
def test_files_are_shared_between_workers_and_this_process_in_order(tmp_path, sample_text, monkeypatch, broken_after):
    """Read partly by the (stand-in) workers and partly here, or here alone after the pool broke:
    the import stores exactly what an import without workers stores, in the same order."""
    folder = _folder(tmp_path, sample_text)
    with Archive.open(tmp_path / "plain") as archive:
        ImportJob(archive, [folder], workers=0).run()
        with archive.Session() as s:
            expected = s.execute(select(Document.title, Document.kind).order_by(Document.id)).all()
    monkeypatch.setattr(
        import_service, "ProcessPoolExecutor", lambda *a, **k: _Pool(*a, broken_after=broken_after, **k)
    )
    with Archive.open(tmp_path / "shared") as archive:
        report = ImportJob(archive, [folder], workers=1).run()
        with archive.Session() as s:
            got = s.execute(select(Document.title, Document.kind).order_by(Document.id)).all()
        assert report.ok and got == expected
        assert archive.index.search("编号", limit=0, kinds={"article"}).total == PARALLEL_MIN_FILES + 2
    ran = _Pool.last.ran
    if broken_after is None:
        assert 0 < len(ran) < len(report.imported)  # some read by "workers", the rest stolen here
    else:
        assert len(ran) == broken_after * import_service.TASK_FILES
