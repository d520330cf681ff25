"""A database error in a background task reaches the window as one line."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from archiveviewer.gui.background import run_in_background


def test_a_locked_database_in_a_background_task_is_one_line_for_the_window(qtbot):
    """on_error gets a StorageError saying the archive is busy, not SQLAlchemy's multi-line text."""
    errors = []

    def work():
        raise OperationalError("BEGIN IMMEDIATE", (), sqlite3.OperationalError("database is locked"))

    run_in_background(work, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10000)
    message = str(errors[0])
    assert "the archive is busy" in message and "\n" not in message and "sqlalche.me" not in message
