"""The index follows other clients' commits from the change log, without full rebuilds; one rebuild at a time."""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from sqlalchemy import delete, select

from archiveviewer.app.archive import Archive, ArchiveLocation
from archiveviewer.app.edit_service import EditService
from archiveviewer.app.import_service import ImportJob
from archiveviewer.app.library_service import LibraryService
from archiveviewer.app.queries import timeline
from archiveviewer.app.search_items import all_items
from archiveviewer.app.search_service import SearchService
from archiveviewer.search import index_files
from archiveviewer.search.index import SearchIndex
from archiveviewer.storage.models import IndexChange

PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")


def _entry(archive, date):
    with archive.Session() as s:
        return next(e for e in timeline(s) if e["date"] == date)


def _live_folder(archive):
    return index_files.current_dir(archive.location.index_path)


def _keys(service, query):
    return {h.key for h in service.search(query, limit=0).hits}


def _index_agrees_with_a_rebuild(archive, path):
    """The caught-up index answers like an index rebuilt from the database."""
    with archive.Session() as s:
        items = list(all_items(s))
    rebuilt = SearchIndex(path)
    for _ in rebuilt.rebuild(iter(items), len(items), archive.generation()):
        pass
    try:
        assert archive.index.doc_count() == rebuilt.doc_count() == len(items)
        for query in ("无锡", "核对", "批注", "资金", "-无锡", "疫", "kind:entry"):
            mine = archive.index.search(query, limit=0)
            theirs = rebuilt.search(query, limit=0)
            # the same hits, snippets and titles (ties may come in another order)
            assert {(h.key, h.snippet, h.title) for h in mine.hits} == {
                (h.key, h.snippet, h.title) for h in theirs.hits
            }
            assert mine.total == theirs.total
    finally:
        rebuilt.close()


@pytest.fixture
def two_clients(sample_archive):
    """A second Archive object on the same folder: another process's view of it."""
    with Archive(ArchiveLocation(sample_archive.location.folder)) as other:
        yield sample_archive, other


def test_an_index_that_missed_commits_catches_up_without_a_rebuild(two_clients, tmp_path, sample_text):
    """An index left at an older generation re-derives only the changed items; the live folder stays the same."""
    a, b = two_clients
    folder = a.location.index_path
    a.index.close()
    b.index.close()
    saved = tmp_path / "saved-index"
    shutil.copytree(folder, saved)
    entry = _entry(a, "2020-01-24")
    EditService(a).edit_entry(entry["id"], "text", "无锡市总工会筹措资金（已与原件核对无误）。", entry["version"])
    LibraryService(a).add_annotation("entry", entry["id"], "待复核的批注文字")
    page = tmp_path / "page-2.txt"
    page.write_text(sample_text.replace("无锡", "锡山", 3), encoding="utf-8")
    assert ImportJob(a, [page]).run().ok
    # b's index never saw those three commits (as if made by another computer)
    b.index.close()
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)
    live = _live_folder(b)
    service = SearchService(b)
    assert b.index.generation() == b.generation() - 3
    assert service.index_problem() is None  # caught up, not "stale"
    assert _live_folder(b) == live  # the same ix-* folder: patched, not rebuilt
    assert b.index.generation() == b.generation()
    assert _keys(service, "已与原件核对无误") == {f"entry:{entry['id']}"}
    assert _keys(service, "待复核的批注") == {"annotation:1"}
    assert f"entry:{entry['id']}" not in _keys(service, "筹措资金44万元")
    _index_agrees_with_a_rebuild(b, tmp_path / "rebuilt")


def test_a_search_catches_up_by_itself(two_clients, tmp_path):
    """Without any explicit check, a search on an index that missed a commit finds what that commit added."""
    a, b = two_clients
    folder = a.location.index_path
    a.index.close()
    saved = tmp_path / "saved-index"
    shutil.copytree(folder, saved)
    LibraryService(a).add_annotation("document", 1, "别处提交的批注")
    b.index.close()
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)
    assert SearchService(b).search("别处提交的批注", limit=0).total == 1
    assert b.index.generation() == b.generation()


def test_a_log_that_does_not_reach_back_means_a_full_rebuild(two_clients, tmp_path):
    """When the log lacks a generation the index missed, the index reports stale and a rebuild fixes it."""
    a, b = two_clients
    folder = a.location.index_path
    a.index.close()
    saved = tmp_path / "saved-index"
    shutil.copytree(folder, saved)
    LibraryService(a).add_annotation("document", 1, "日志之外的批注")
    with a.Session.begin() as s:
        s.execute(delete(IndexChange))
    b.index.close()
    shutil.rmtree(folder)
    shutil.copytree(saved, folder)
    service = SearchService(b)
    assert service.index_problem() == "stale"
    assert service.ensure_index() == "stale"
    assert _keys(service, "日志之外的批注")


def test_a_commit_on_one_client_reaches_the_other_on_refresh(two_clients):
    """A note added through one Archive object is found through the other after index_problem (refresh)."""
    a, b = two_clients
    service_b = SearchService(b)
    assert service_b.search("两个对象共享", limit=0).total == 0
    LibraryService(a).add_annotation("document", 1, "两个对象共享的批注")
    assert service_b.index_problem() is None
    assert service_b.search("两个对象共享", limit=0).total == 1


def test_a_reader_during_a_commit_waits_for_it_instead_of_rebuilding(two_clients):
    """While a commit is being applied to the index, another client's check waits and then finds it current."""
    a, b = two_clients
    live = _live_folder(a)
    in_commit = threading.Event()
    checked = []

    def reader():
        in_commit.wait()
        checked.append(SearchService(b).index_problem())

    thread = threading.Thread(target=reader)
    thread.start()
    with a.unit_of_work() as (_session, writer):
        from archiveviewer.search.items import SearchItem

        writer.upsert([SearchItem("annotation:9999", "annotation", "", "提交中的批注")])
        # the reader runs its check while this commit has not reached the index
        original_apply = a.index.apply

        def slow_apply(*args, **kwargs):
            in_commit.set()
            thread.join(timeout=0.5)  # give the reader the chance to (wrongly) act before the patch lands
            return original_apply(*args, **kwargs)

        a.index.apply = slow_apply
    thread.join()
    a.index.apply = original_apply
    assert checked == [None]
    assert _live_folder(b) == live
    assert SearchService(b).search("提交中的批注", limit=0).total == 1


def test_concurrent_rebuilds_wait_for_each_other_and_share_the_result(two_clients):
    """A rebuild started while another runs waits, then uses that result; neither deletes the other's work."""
    a, b = two_clients
    shutil.rmtree(a.location.index_path)
    a.index.close()
    b.index.close()
    first = SearchService(a).rebuild_steps()
    next(first)  # a holds the rebuild lock and has started building
    building = list(a.location.index_path.glob("building-*"))
    assert len(building) == 1
    second = SearchService(b).rebuild_steps()
    assert next(second) == (0, 0)  # waiting, not deleting a's folder
    assert building[0].exists()
    for _ in first:
        pass
    rest = list(second)  # a's index reflects the database: b uses it instead of rebuilding
    assert rest == []
    assert SearchService(b).index_problem() is None
    assert SearchService(b).search("慰问金", limit=0).total >= 3


def test_postgres_clients_catch_up_from_the_log(pg_url, sample_path, tmp_path, monkeypatch):
    """Two per-user index caches on one team database: each one's edits reach the other without a rebuild."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "client-a"))
    a = Archive.open(db_url=pg_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "client-b"))
    b = Archive.open(db_url=pg_url)
    try:
        assert a.index.path != b.index.path
        search_a, search_b = SearchService(a), SearchService(b)
        assert search_b.ensure_index() == "missing"  # b's cache is new: built once
        ImportJob(a, [sample_path]).run()
        live_b = _live_folder(b)
        assert search_b.index_problem() is None  # the import reached b from the log
        assert _live_folder(b) == live_b
        assert search_b.search("慰问金", limit=0).total == search_a.search("慰问金", limit=0).total >= 3
        b_service = SearchService(b)
        LibraryService(a).add_annotation("document", 1, "另一位同事的批注")
        assert b_service.search("另一位同事的批注", limit=0).total == 1  # on b's next search, no restart
        entry = _entry(b, "2020-01-24")
        EditService(b).edit_entry(entry["id"], "text", "无锡市总工会筹措资金（团队核对）。", entry["version"])
        live_a = _live_folder(a)
        assert search_a.index_problem() is None
        assert _live_folder(a) == live_a
        assert _keys(search_a, "团队核对") == {f"entry:{entry['id']}"}
        with a.Session() as s:
            assert s.scalar(select(IndexChange.keys).where(IndexChange.generation == a.generation()))
    finally:
        a.close()
        b.close()


def test_three_processes_on_a_missing_index_all_succeed(sample_archive):
    """Three searches and reindexes started together on a deleted index all answer; none loses its folder."""
    import subprocess
    import sys

    folder = sample_archive.location.folder
    sample_archive.index.close()
    shutil.rmtree(sample_archive.location.index_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    commands = [["search", "--limit", "0", "慰问金"], ["reindex"], ["search", "--limit", "0", "慰问金"]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "archiveviewer", "--archive", str(folder), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        for args in commands
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    for (code, _out, err), args in zip(results, commands, strict=True):
        assert code == 0, (args, err)
        assert "No such file" not in err
    assert SearchService(sample_archive).index_problem() is None
    assert SearchService(sample_archive).search("慰问金", limit=0).total >= 3
