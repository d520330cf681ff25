"""The related documents linked to the current article or entry: name, type, size, date added."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt

from archiveviewer.gui.models.rows_table_model import RowsTableModel
from archiveviewer.gui.models.sort_proxy import SORT_ROLE
from archiveviewer.gui.widgets.plain_text import plain_tooltip

COL_NAME, COL_TYPE, COL_SIZE, COL_ADDED = range(4)
SortRole = SORT_ROLE
RelatedIdRole = Qt.ItemDataRole.UserRole + 2


class RelatedDocumentsModel(RowsTableModel):
    """Rows are `library_service.RelatedInfo` values."""

    CONTEXT = "RelatedDocumentsModel"
    # QT_TRANSLATE_NOOP returns its message (a str) at run time; PySide6's stub says object.
    HEADERS: tuple[str, ...] = (  # type: ignore[assignment]
        QT_TRANSLATE_NOOP("RelatedDocumentsModel", "Name"),
        QT_TRANSLATE_NOOP("RelatedDocumentsModel", "Type"),
        QT_TRANSLATE_NOOP("RelatedDocumentsModel", "Size"),
        QT_TRANSLATE_NOOP("RelatedDocumentsModel", "Added"),
    )

    def info(self, row: int):
        return self.row(row)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        info = self.info(index.row()) if index.isValid() else None
        if info is None:
            return None
        col = index.column()
        if role == RelatedIdRole:
            return info.id
        if role == SortRole:
            return (info.name, info.media_type, info.size, info.added_at)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                if not getattr(info, "searchable", True):
                    # A scan kept without OCR: its words cannot be found.
                    return info.name + QCoreApplication.translate("RelatedDocumentsModel", " (text not searchable)")
                return info.name
            if col == COL_TYPE:
                return info.media_type
            if col == COL_SIZE:
                return QLocale().formattedDataSize(info.size)
            if col == COL_ADDED:
                return info.added_at.replace("T", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{info.name}\n{info.media_type}")
        return None
