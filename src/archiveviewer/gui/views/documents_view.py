"""The editable table of documents: filters (text, dates, tag, kind, undated), delegates, actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView

from archiveviewer.gui.models.document_table_model import (
    COL_BYLINE,
    COL_IMPORTED,
    COL_KIND,
    COL_NOTES,
    COL_PAGE,
    COL_PAPER,
    COL_PUBLISHED,
    COL_SOURCE,
    COL_SUBTITLE,
    COL_TAGS,
    COL_TITLE,
    DocumentTableModel,
)
from archiveviewer.gui.views.edit_table_panel import EditTablePanel
from archiveviewer.gui.widgets.date_delegate import DateDelegate
from archiveviewer.gui.widgets.tag_chips_delegate import TagChipsDelegate
from archiveviewer.gui.widgets.text_delegate import TextDelegate


class DocumentsView(EditTablePanel):
    def __init__(self, model: DocumentTableModel, parent=None):
        super().__init__(model, "documents", with_kinds=True, parent=parent)
        self.table.setAccessibleName(self.tr("Documents (editable)"))
        self.known_tags: Callable[[], list[str]] = lambda: []
        # A page may give only a year or a month; an undated document may stay undated.
        self.date_delegate = DateDelegate(self, allow_partial=True, allow_empty=True)
        self.title_delegate = TextDelegate(self, required=True)
        self.subtitle_delegate = TextDelegate(self, required=False)
        self.tags_delegate = TagChipsDelegate(lambda: self.known_tags(), self)
        self.table.setItemDelegateForColumn(COL_PUBLISHED, self.date_delegate)
        self.table.setItemDelegateForColumn(COL_TITLE, self.title_delegate)
        self.table.setItemDelegateForColumn(COL_SUBTITLE, self.subtitle_delegate)
        self.table.setItemDelegateForColumn(COL_TAGS, self.tags_delegate)
        for d in (self.date_delegate, self.title_delegate, self.subtitle_delegate, self.tags_delegate):
            d.refused.connect(self.show_message)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        widths = (
            (COL_SUBTITLE, 140),
            (COL_KIND, 60),
            (COL_PAPER, 90),
            (COL_PAGE, 50),
            (COL_PUBLISHED, 95),
            (COL_BYLINE, 90),
            (COL_TAGS, 110),
            (COL_NOTES, 45),
            (COL_SOURCE, 150),
            (COL_IMPORTED, 120),
        )
        for col, width in widths:
            head.resizeSection(col, width)
        self.add_button.setToolTip(self.tr("Add a document"))
