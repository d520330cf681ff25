"""A team archive on PostgreSQL (`--db URL`): the same import, timeline and search as on SQLite."""

import json
import os

import pytest

from archiveviewer.cli import main

PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="set ARCHIVEVIEWER_TEST_PG_URL to a PostgreSQL URL to run (CI sets it)"
)


def test_import_timeline_and_search_on_postgres(pg_url, sample_path, capsys):
    """Import into PostgreSQL, read the timeline back, search with a per-user index cache."""
    assert main(["--db", pg_url, "import", str(sample_path)]) == 0
    assert main(["--db", pg_url, "import", str(sample_path)]) == 0  # duplicate detected by sha256
    out = capsys.readouterr().out
    assert "skipped duplicate" in out
    assert main(["--db", pg_url, "timeline", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) == 14 and entries[0]["amounts"] == [{"text": "44万元", "yuan": 440000}]
    assert main(["--db", pg_url, "search", "--json", "--limit", "0", "慰问金"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] >= 3


def test_two_clients_see_each_others_changes(pg_url, sample_path, tmp_path, monkeypatch):
    """Each client keeps its own index; a change by one makes the other's index stale, and it catches up."""
    from archiveviewer.app.archive import Archive
    from archiveviewer.app.import_service import ImportJob
    from archiveviewer.app.library_service import LibraryService
    from archiveviewer.app.search_service import SearchService

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "client-a"))
    a = Archive.open(db_url=pg_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "client-b"))
    b = Archive.open(db_url=pg_url)
    try:
        assert a.index.path != b.index.path
        ImportJob(a, [sample_path]).run()
        search_a, search_b = SearchService(a), SearchService(b)
        assert search_a.index_problem() is None
        assert search_b.ensure_index() is not None  # b had not seen the import
        LibraryService(b).add_annotation("document", 1, "两个客户端共享的批注")
        assert a.generation() == b.generation() == 2
        # a's index catches up from the change log on its next check, without a rebuild
        assert search_a.index_problem() is None
        assert search_a.search("共享的批注", limit=0).total == 1
    finally:
        a.close()
        b.close()
