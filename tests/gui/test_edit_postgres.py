"""The window on a team archive (PostgreSQL): a colleague's save on another connection meets a cell edit in the
window, and the conflict dialog decides; skipped with the reason when ARCHIVEVIEWER_TEST_PG_URL is unset."""

from __future__ import annotations

import pytest
from edit_helpers import db_entry, show_tab, when_conflict, when_modal
from PySide6.QtCore import Qt
from test_edit_notes_conflicts import edit_text_cell

from archiveviewer.app.edit_service import EditService
from archiveviewer.gui.dialogs.conflict_dialog import ConflictDialog
from archiveviewer.gui.models.entry_table_model import COL_TEXT


def colleague_saves(archive, entry_id: int, text: str) -> None:
    edits = EditService(archive)
    edits.edit_entry(entry_id, "text", text, edits.version("entry", entry_id), who="同事乙")


def shown_text(view, entry_id: int) -> str:
    return view.proxy.index(view.proxy.proxy_row(entry_id), COL_TEXT).data()


def test_conflict_on_postgres_take_theirs_then_keep_mine(qtbot, settings, pg_clients, window_factory):
    """Edit a cell; a colleague saves the same entry on another connection; the next edit shows both values:
    Take Theirs leaves theirs in the database, Keep Mine saves mine over it (recorded after theirs)."""
    mine, colleague = pg_clients
    settings.editor_name = "甲"
    window = window_factory(settings, mine)
    view = show_tab(window, 1)
    entry_id = view.model.ids()[0]
    with qtbot.waitSignal(window.tables.refreshed, timeout=20000):
        edit_text_cell(window, view, entry_id, "甲的第一次更正")
    assert db_entry(colleague, entry_id)["text"] == "甲的第一次更正"  # committed: the other connection sees it
    view.model.rows_for([entry_id])  # the row as the table holds it now (our own new version)

    colleague_saves(colleague, entry_id, "乙的更正")
    seen = when_conflict("theirs_button")
    with qtbot.waitSignal(window.tables.refreshed, timeout=20000):
        edit_text_cell(window, view, entry_id, "甲的第二次更正")
    assert seen == {"yours": "甲的第二次更正", "theirs": "乙的更正"}
    assert db_entry(colleague, entry_id)["text"] == "乙的更正"
    qtbot.waitUntil(lambda: shown_text(view, entry_id) == "乙的更正", timeout=20000)
    assert window.editor.undo_stack.count() == 1  # only the first edit: taking theirs saved nothing

    colleague_saves(colleague, entry_id, "乙的再次更正")
    when_modal(lambda dialog: dialog.keep_button.click(), ConflictDialog)
    with qtbot.waitSignal(window.tables.refreshed, timeout=20000):
        edit_text_cell(window, view, entry_id, "甲坚持的更正")
    assert db_entry(colleague, entry_id)["text"] == "甲坚持的更正"
    revisions = EditService(colleague).revisions("entry", entry_id)
    assert [(r["who"], r["new"]) for r in revisions[-2:]] == [("同事乙", "乙的再次更正"), ("甲", "甲坚持的更正")]
    # Undo puts back the value the save replaced (theirs), not the one read before
    with qtbot.waitSignal(window.tables.refreshed, timeout=20000):
        window.undo_action.trigger()
    assert db_entry(colleague, entry_id)["text"] == "乙的再次更正"
    window.close()


@pytest.fixture
def read_only_role_url(pg_clients, pg_url):
    """The team archive through a login role that may only SELECT (dropped afterwards)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = pg_url.rsplit("search_path%3D", 1)[1]
    role = f"av_ro_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url.split("?", 1)[0])
    with admin.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'readonly'"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}"))
    base, query = pg_url.split("?", 1)
    yield make_url(base).set(username=role, password="readonly").render_as_string(hide_password=False) + "?" + query
    with admin.begin() as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))
        conn.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


def test_read_only_role_window_says_so_and_offers_no_edit(qtbot, settings, read_only_role_url, window_factory):
    """A SELECT-only role: the banner names the database role, cells and note buttons are off, nothing written."""
    from archiveviewer.app.archive import Archive

    with Archive.open(db_url=read_only_role_url) as archive:
        assert archive.read_only
        window = window_factory(settings, archive)
        assert window.read_only_banner.isVisible() and "database role" in window.read_only_banner.text()
        assert not window.add_note_action.isEnabled() and "read-only" in window.add_note_action.toolTip()
        view = show_tab(window, 1)
        assert not view.model.flags(view.proxy.index(0, COL_TEXT)) & Qt.ItemFlag.ItemIsEditable
        entry_id = view.model.ids()[0]
        assert not window.tables.correct_entry_text(entry_id, "不应保存")
        assert db_entry(archive, entry_id)["text"] != "不应保存"
        window.close()
