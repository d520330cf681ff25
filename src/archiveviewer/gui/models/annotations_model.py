"""The notes on the current article or entry: author, date and text."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from archiveviewer.gui.models.rows_table_model import RowsTableModel
from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_TEXT, COL_AUTHOR, COL_CREATED = range(3)
SortRole = SORT_ROLE


class AnnotationsModel(RowsTableModel):
    """Rows are the annotation dicts of `LibraryService.annotations_for`."""

    CONTEXT = "AnnotationsModel"
    # QT_TRANSLATE_NOOP returns its message (a str) at run time; PySide6's stub says object.
    HEADERS: tuple[str, ...] = (  # type: ignore[assignment]
        QT_TRANSLATE_NOOP("AnnotationsModel", "Note"),
        QT_TRANSLATE_NOOP("AnnotationsModel", "Author"),
        QT_TRANSLATE_NOOP("AnnotationsModel", "Created"),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        note = self.row(index.row()) if index.isValid() else None
        if note is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == COL_TEXT:
                return note["text"] if role == SortRole else " ".join(note["text"].split())
            if col == COL_AUTHOR:
                return note["author"]
            if col == COL_CREATED:
                return note["created_at"] if role == SortRole else note["created_at"].replace("T", " ")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEXT:
            return plain_tooltip(note["text"])
        return None
