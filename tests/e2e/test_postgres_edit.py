"""Team editing on PostgreSQL: conflicting saves refused, concurrent notes all kept, a read-only role reads only."""

import json
import os
import subprocess
import sys
import threading
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from archiveviewer.cli import main

PG_URL = os.environ.get("ARCHIVEVIEWER_TEST_PG_URL")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="set ARCHIVEVIEWER_TEST_PG_URL to a PostgreSQL URL to run (CI sets it)"
)


def _with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def schema():
    """A throwaway schema per test (other helpers share the database), dropped afterwards."""
    name = f"av_edit_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    yield name
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_url(schema):
    return _with_schema(PG_URL, schema)


@pytest.fixture
def clients(pg_clients):
    """Two clients on one imported team archive (tests/conftest.py, on this module's schema)."""
    return pg_clients


def _entry(archive, entry_id=1):
    from archiveviewer.app.read_service import ReadService

    return next(e for e in ReadService(archive).timeline() if e["id"] == entry_id)


def test_second_save_of_the_same_entry_is_refused_with_both_values(clients):
    """Both read version 1; a saves; b's save raises ConflictError carrying b's and a's values; a's value stays."""
    from archiveviewer.app.edit_service import ConflictError, EditService

    a, b = clients
    assert not a.read_only and not b.read_only  # a role that may write is not mistaken for a read-only one
    read_a, read_b = _entry(a), _entry(b)
    assert read_a["version"] == read_b["version"] == 1
    EditService(a).edit_entry(1, "text", "甲核对后的文字", read_a["version"], who="甲")
    with pytest.raises(ConflictError) as caught:
        EditService(b).edit_entry(1, "text", "乙核对后的文字", read_b["version"], who="乙")
    err = caught.value
    assert (err.yours, err.theirs, err.current_version) == ("乙核对后的文字", "甲核对后的文字", 2)
    assert _entry(b)["text"] == "甲核对后的文字"
    assert [r["who"] for r in EditService(b).revisions("entry", 1)] == ["甲"]


def test_simultaneous_saves_of_one_entry_let_exactly_one_win(clients):
    """Two threads save the same entry at the same version at once: one succeeds, the other is refused."""
    from archiveviewer.app.edit_service import ConflictError, EditService

    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(archive, name):
        start.wait()
        try:
            day = "2020-01-25" if name == "a" else "2020-01-26"
            outcomes[name] = EditService(archive).edit_entry(1, "date", day, 1, who=name)
        except ConflictError as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=save, args=(archive, name)) for archive, name in zip(clients, "ab", strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wins = [n for n, o in outcomes.items() if o == 2]
    refused = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(wins) == 1 and len(refused) == 1 and refused[0].current_version == 2
    assert len(EditService(clients[0]).revisions("entry", 1)) == 1


_NOTE_WRITER = """
import sys
from archiveviewer.app.annotation_service import AnnotationService
from archiveviewer.app.archive import Archive
url, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Archive.open(db_url=url) as archive:
    notes = AnnotationService(archive)
    for i in range(count):
        notes.add_note("entry", 1 + i % 14, f"{who}的批注{i:03d}", who=who)
"""


def test_notes_from_two_processes_are_all_kept(clients, pg_url, tmp_path):
    """Two processes add notes at the same time: every note is stored, with its author, and found by search."""
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.search_service import SearchService

    count = 15
    procs = []
    for who in ("甲", "乙"):
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"writer-{who}")}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", _NOTE_WRITER, pg_url, who, str(count)],
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    a = clients[0]
    notes = [n for entry_id in range(1, 15) for n in AnnotationService(a).notes_for("entry", entry_id)]
    expected = {f"{who}的批注{i:03d}" for who in ("甲", "乙") for i in range(count)}
    assert {n["text"] for n in notes} == expected and len(notes) == 2 * count
    assert {n["author"] for n in notes} == {"甲", "乙"}
    search = SearchService(a)
    search.ensure_index()
    assert search.search("的批注 kind:annotation", limit=0).total == 2 * count


@pytest.fixture
def read_only_url(schema, pg_url, clients):
    """A login role with SELECT only on the throwaway schema (dropped afterwards)."""
    role = f"av_ro_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'readonly'"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}"))
    url = make_url(PG_URL).set(username=role, password="readonly").render_as_string(hide_password=False)
    yield _with_schema(url, schema)
    with engine.begin() as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))
        conn.execute(text(f"DROP ROLE {role}"))
    engine.dispose()


def test_read_only_role_searches_reads_and_exports_but_cannot_edit(read_only_url, tmp_path, monkeypatch, capsys):
    """A SELECT-only role: search, show and export work; every edit raises ReadOnlyError; the CLI says so."""
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.archive import Archive
    from archiveviewer.app.edit_service import EditService, ReadOnlyError
    from archiveviewer.app.export_service import ExportService
    from archiveviewer.app.search_service import SearchService

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "reader"))
    with Archive.open(db_url=read_only_url) as archive:
        assert archive.read_only is True
        search = SearchService(archive)
        search.ensure_index()
        assert search.search("慰问金", limit=0).total >= 3
        entry = _entry(archive)
        out = tmp_path / "timeline.json"
        ExportService(archive).export_timeline(out, "json")
        assert "慰问金" in out.read_text(encoding="utf-8")

        edit, notes = EditService(archive), AnnotationService(archive)
        writes = [
            lambda: edit.edit_entry(1, "text", "改", entry["version"]),
            lambda: edit.edit_document(1, "title", "改", 1),
            lambda: edit.edit_paragraph(1, "改", 1),
            lambda: edit.bulk_edit("entry", [1, 2], "date", "2020-01-01"),
            lambda: edit.shift_dates("entry", [1], 1),
            lambda: edit.add_entry(2, "2020-01-01", "新"),
            lambda: edit.delete_entry(1, entry["version"]),
            lambda: edit.undelete_entry(1),
            lambda: edit.add_document("新"),
            lambda: edit.delete_document(1, 1),
            lambda: notes.add_note("entry", 1, "批注"),
            lambda: notes.add_tag("entry", [1], "核对"),
            lambda: notes.remove_tag("entry", [1], "核对"),
        ]
        for write in writes:
            with pytest.raises(ReadOnlyError, match="read-only"):
                write()
        assert _entry(archive) == entry

    for argv in (
        ["edit", "entry", "1", "text", "改"],
        ["tag", "add", "entry", "1", "核对"],
        ["note", "add", "entry", "1", "x"],
    ):
        assert main(["--db", read_only_url, *argv]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "read-only" in err
    assert main(["--db", read_only_url, "show", "--json", "2"]) == 0
    assert len(json.loads(capsys.readouterr().out)["timeline"]) == 14


def test_two_people_editing_one_note_and_a_delete_racing_an_edit(clients):
    """Notes lock the same way: the second edit of a note is refused with both texts; a delete after an edit too."""
    from archiveviewer.app.annotation_service import AnnotationService
    from archiveviewer.app.edit_service import ConflictError

    a, b = (AnnotationService(c) for c in clients)
    note = a.add_note("document", 1, "原始批注", who="甲")
    (seen_by_b,) = b.notes_for("document", 1)
    a.edit_note(note["id"], "甲的修改", note["version"], who="甲")
    with pytest.raises(ConflictError) as caught:
        b.edit_note(note["id"], "乙的修改", seen_by_b["version"], who="乙")
    assert (caught.value.yours, caught.value.theirs) == ("乙的修改", "甲的修改")
    with pytest.raises(ConflictError):
        b.delete_note(note["id"], seen_by_b["version"], who="乙")
    assert [n["text"] for n in b.notes_for("document", 1)] == ["甲的修改"]
