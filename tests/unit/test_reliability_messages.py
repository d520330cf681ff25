"""Database errors reach the user as one line: what happened and what to do, no SQL, no web address."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from archiveviewer.app.errors import for_the_user
from archiveviewer.storage.database import StorageError, describe_error


def _wrapped(cls, message: str):
    return cls("UPDATE meta SET value = ? WHERE key = ?", ("1", "index_generation"), sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("cls", "driver_message", "expected"),
    [
        (OperationalError, "database is locked", "the archive is busy"),
        (OperationalError, "database or disk is full", "the disk is full"),
        (DatabaseError, "database disk image is malformed", "is damaged"),
        (OperationalError, "attempt to write a readonly database", "cannot be written"),
    ],
)
def test_database_errors_become_one_line_storage_errors(cls, driver_message, expected):
    """SQLAlchemy's wrapper (statement, parameters, "Background on this error at: https://…") is
    replaced by one line naming the problem; the original stays attached as the cause."""
    exc = _wrapped(cls, driver_message)
    assert "sqlalche.me" in str(exc) and "\n" in str(exc)  # what used to reach the user
    converted = for_the_user(exc)
    assert isinstance(converted, StorageError) and converted.__cause__ is exc
    assert expected in str(converted) and "\n" not in str(converted) and "http" not in str(converted)
    assert str(converted) == describe_error(exc)


def test_other_errors_pass_through_unchanged():
    """Errors that are not the database's keep their type and message."""
    exc = ValueError("bad value")
    assert for_the_user(exc) is exc
