"""The editable table of timeline entries: filters, delegates for date, text and tags, actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView

from archiveviewer.gui.models.entry_table_model import (
    COL_AMOUNT,
    COL_DATE,
    COL_DOCUMENT,
    COL_NOTES,
    COL_TAGS,
    COL_TEXT,
    EntryTableModel,
)
from archiveviewer.gui.views.edit_table_panel import EditTablePanel
from archiveviewer.gui.widgets.date_delegate import DateDelegate
from archiveviewer.gui.widgets.tag_chips_delegate import TagChipsDelegate
from archiveviewer.gui.widgets.text_delegate import TextDelegate


class EntriesView(EditTablePanel):
    def __init__(self, model: EntryTableModel, parent=None):
        super().__init__(model, "entries", with_kinds=False, parent=parent)
        self.table.setAccessibleName(self.tr("Timeline entries (editable)"))
        self.known_tags: Callable[[], list[str]] = lambda: []
        self.amount_preview: Callable[[str], list[dict]] | None = None
        self.date_delegate = DateDelegate(self, allow_partial=True)
        self.text_delegate = TextDelegate(self, preview=lambda text: self._preview(text))
        self.tags_delegate = TagChipsDelegate(lambda: self.known_tags(), self)
        self.table.setItemDelegateForColumn(COL_DATE, self.date_delegate)
        self.table.setItemDelegateForColumn(COL_TEXT, self.text_delegate)
        self.table.setItemDelegateForColumn(COL_TAGS, self.tags_delegate)
        for d in (self.date_delegate, self.text_delegate, self.tags_delegate):
            d.refused.connect(self.show_message)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_DATE, 95), (COL_AMOUNT, 150), (COL_TAGS, 120), (COL_NOTES, 50), (COL_DOCUMENT, 160)):
            head.resizeSection(col, width)
        self.add_button.setToolTip(self.tr("Add a timeline entry to the document of the current entry"))

    def _preview(self, text: str) -> list[dict]:
        return self.amount_preview(text) if self.amount_preview is not None else []
