"""The timeline entries as a lazy, editable table: date, text, amounts as printed, tags, notes, document."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from archiveviewer.app.table_queries import TableFilter
from archiveviewer.gui.models.paged_table_model import IdRole, ListSource, PagedTableModel, RowRole, SortRole
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_DATE, COL_TEXT, COL_AMOUNT, COL_TAGS, COL_NOTES, COL_DOCUMENT = range(6)
EntryIdRole = IdRole
EntryRole = RowRole
__all__ = ["EntryTableModel", "EntryIdRole", "EntryRole", "SortRole", "entry_sort_key", "amounts_text"]


def one_line(text: str) -> str:
    return " ".join(text.split())


def amounts_text(entry: dict) -> str:
    """The amounts as printed, e.g. '82万元; 5000元' — never added up: most are not parts of a total."""
    return "; ".join(a["text"] for a in entry.get("amounts") or [])


def largest_amount(entry: dict):
    amounts = entry.get("amounts") or []
    return max(a["yuan"] for a in amounts) if amounts else None


def timeline_order(entry: dict) -> tuple:
    """The timeline's order (as `queries.timeline` reads it: date, document, place in it), which ties in
    every sort fall back on; the place in the document is its ordinal, which follows the ids."""
    return entry["date"], entry["document_id"], entry["id"]


def entry_sort_key(entry: dict, sort: str):
    """The raw value an entry sorts by in column `sort` (the names of `table_queries.ENTRY_SORTS`)."""
    if sort == "date":
        return entry["date"]
    if sort == "text":
        return entry["text"]
    if sort == "amounts":
        return largest_amount(entry)
    if sort == "tags":
        tags = entry.get("tags") or []
        return tags[0] if tags else None
    if sort == "notes":
        return entry.get("notes", 0)
    return entry.get("document_title")


class EntryTableModel(PagedTableModel):
    """Rows are the entry dicts of `table_queries.entry_rows`; the date, text and tags columns are editable."""

    CONTEXT = "EntryTableModel"
    # QT_TRANSLATE_NOOP returns its message (a str) at run time; PySide6's stub says object.
    HEADERS: tuple[str, ...] = (  # type: ignore[assignment]
        QT_TRANSLATE_NOOP("EntryTableModel", "Date"),
        QT_TRANSLATE_NOOP("EntryTableModel", "Entry"),
        QT_TRANSLATE_NOOP("EntryTableModel", "Amounts"),
        QT_TRANSLATE_NOOP("EntryTableModel", "Tags"),
        QT_TRANSLATE_NOOP("EntryTableModel", "Notes"),
        QT_TRANSLATE_NOOP("EntryTableModel", "Document"),
    )
    SORTS = ("date", "text", "amounts", "tags", "notes", "document")
    FIELDS = {COL_DATE: "date", COL_TEXT: "text", COL_TAGS: "tags"}
    ENTITY = "entry"

    def set_entries(self, entries: list[dict]) -> None:
        """Show rows already in memory (the timeline pane: the chart has them anyway), sorted and filtered here."""
        self.set_source(ListSource(entries, entry_sort_key, lambda e: e["text"]))

    def update_entries(self, entries: list[dict]) -> None:
        """Entries shown already, changed (an edit): their rows repaint with the new values; the rows are
        ordered again only when what they are sorted by (or a filter) may now place them elsewhere."""
        source = self.source
        if not isinstance(source, ListSource):
            return
        # The source keeps the timeline's order that ties fall back on.
        old = source.update(entries, timeline_order)
        sort, filtering = self.SORTS[self._sort_column], self._filter != TableFilter()
        new = {e["id"]: e for e in entries}
        if filtering or any(
            entry_sort_key(o, sort) != entry_sort_key(new[i], sort) or o["date"] != new[i]["date"]
            for i, o in old.items()
        ):
            self.reload()
        else:
            self.refresh_ids(list(old))

    def remove_entries(self, ids) -> None:
        """Entries gone (deleted): their rows leave the table where they are."""
        source = self.source
        if isinstance(source, ListSource) and source.remove(ids):
            self.remove_ids(ids)

    def insert_entries(self, entries: list[dict]) -> None:
        """New entries (added, or back after an undo): their rows come in where the table's sort puts them
        (with a filter, the id list is made again: a new row may not pass it)."""
        source = self.source
        if not isinstance(source, ListSource):
            return
        new = source.insert(entries, timeline_order)
        if not new:
            return
        if self._filter != TableFilter():
            self.reload()
            return
        self.insert_ids(source.places(new, self._ids, self.SORTS[self._sort_column], self._descending))

    def entries(self) -> list[dict]:
        return self.rows_for(self._ids)

    def entry(self, row: int) -> dict | None:
        return self.row_dict(row)

    def cell(self, entry: dict, col: int, role):
        if role == SortRole:
            return entry_sort_key(entry, self.SORTS[col])
        if role == Qt.ItemDataRole.EditRole:
            if col == COL_TAGS:
                return list(entry.get("tags") or [])
            if col == COL_DATE:
                return entry.get("date_label") or entry["date"]
            if col == COL_TEXT:
                return entry["text"]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DATE:
                return entry.get("date_label") or entry["date"]
            if col == COL_TEXT:
                return one_line(entry["text"])
            if col == COL_AMOUNT:
                return amounts_text(entry)
            if col == COL_TAGS:
                return "、".join(entry.get("tags") or [])
            if col == COL_NOTES:
                return str(entry["notes"]) if entry.get("notes") else ""
            if col == COL_DOCUMENT:
                return entry.get("document_title")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return plain_tooltip(entry["text"])
            if col == COL_DATE:
                return plain_tooltip(entry.get("date_text") or entry["date"])
            if col == COL_AMOUNT and entry.get("amounts"):
                return plain_tooltip("\n".join(f"{a['text']} = {a['yuan']:,} 元" for a in entry["amounts"]))
            if col == COL_DOCUMENT:
                return plain_tooltip(entry.get("document_title") or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AMOUNT, COL_NOTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
