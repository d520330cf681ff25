"""Text helpers the timeline views share (the table itself is `entry_table_model.EntryTableModel`)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from archiveviewer.gui.models.entry_table_model import one_line

__all__ = ["amount_sum", "format_yuan", "one_line"]


def amount_sum(entry: dict) -> float | int | None:
    """The sum of the entry's amounts in yuan, or None when it names none."""
    amounts = entry.get("amounts") or []
    return sum(a["yuan"] for a in amounts) if amounts else None


def format_yuan(value: float | int) -> str:
    return QLocale().toString(float(value), "f", 2 if value != int(value) else 0)
