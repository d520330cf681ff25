"""Errors as the user reads them: a database error becomes one line saying what happened and what to do."""

from __future__ import annotations


def for_the_user(exc: BaseException) -> BaseException:
    """A database error as a StorageError with one readable line (SQLAlchemy's own text holds the
    statement and a line with a web address); any other exception unchanged, at no cost."""
    if not type(exc).__module__.startswith("sqlalchemy"):
        return exc
    from sqlalchemy.exc import DBAPIError

    from archiveviewer.storage.database import StorageError, describe_error

    if isinstance(exc, DBAPIError):
        converted = StorageError(describe_error(exc))
        converted.__cause__ = exc
        return converted
    return exc
