"""The timeline entries as a table: date, text, amount (sum in yuan) and document. Read-only for now."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt

from archiveviewer.gui.models.rows_table_model import RowsTableModel
from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_DATE, COL_TEXT, COL_AMOUNT, COL_DOCUMENT = range(4)
SortRole = SORT_ROLE
EntryIdRole = Qt.ItemDataRole.UserRole + 2
EntryRole = Qt.ItemDataRole.UserRole + 3


def amount_sum(entry: dict) -> float | int | None:
    """The sum of the entry's amounts in yuan, or None when it names none."""
    amounts = entry.get("amounts") or []
    return sum(a["yuan"] for a in amounts) if amounts else None


def format_yuan(value: float | int) -> str:
    return QLocale().toString(float(value), "f", 2 if value != int(value) else 0)


def one_line(text: str) -> str:
    return " ".join(text.split())


class TimelineTableModel(RowsTableModel):
    """Rows are the entry dicts of `queries.timeline` in date order."""

    CONTEXT = "TimelineTableModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("TimelineTableModel", "Date"),
        QT_TRANSLATE_NOOP("TimelineTableModel", "Entry"),
        QT_TRANSLATE_NOOP("TimelineTableModel", "Amount (yuan)"),
        QT_TRANSLATE_NOOP("TimelineTableModel", "Document"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._row_of: dict[int, int] = {}

    def set_entries(self, entries: list[dict]) -> None:
        self.set_rows(entries)

    def _rows_changed(self) -> None:
        self._row_of = {e["id"]: i for i, e in enumerate(self._rows)}

    def entries(self) -> list[dict]:
        return self.rows()

    def entry(self, row: int) -> dict | None:
        return self.row(row)

    def row_of(self, entry_id: int) -> int | None:
        return self._row_of.get(entry_id)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        col = index.column()
        if role == EntryIdRole:
            return entry["id"]
        if role == EntryRole:
            return entry
        if role == SortRole:
            if col == COL_DATE:
                return (entry["date"], entry["id"])
            if col == COL_TEXT:
                return entry["text"]
            if col == COL_AMOUNT:
                return amount_sum(entry)
            if col == COL_DOCUMENT:
                return entry["document_title"]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DATE:
                return entry["date"]
            if col == COL_TEXT:
                return one_line(entry["text"])
            if col == COL_AMOUNT:
                total = amount_sum(entry)
                return format_yuan(total) if total is not None else ""
            if col == COL_DOCUMENT:
                return entry["document_title"]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_AMOUNT and entry["amounts"]:
                return plain_tooltip("、".join(a["text"] for a in entry["amounts"]))
            if col == COL_TEXT:
                return plain_tooltip(entry["text"])
            if col == COL_DATE:
                return plain_tooltip(entry.get("date_text") or entry["date"])
            if col == COL_DOCUMENT:
                return plain_tooltip(entry["document_title"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
