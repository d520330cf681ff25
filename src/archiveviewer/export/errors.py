"""Errors the export layer reports to the user; their messages are translated, whole sentences."""

from __future__ import annotations


class ExportError(Exception):
    """An export that could not be written; str(error) is a message fit for the user."""


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""
