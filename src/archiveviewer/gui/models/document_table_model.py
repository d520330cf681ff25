"""The documents as a lazy, editable table: title, subtitle, kind, paper, page, date, byline, tags, source, imported."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from archiveviewer.gui.models.paged_table_model import PagedTableModel, SortRole
from archiveviewer.gui.widgets.plain_text import plain_tooltip

(
    COL_TITLE,
    COL_SUBTITLE,
    COL_KIND,
    COL_PAPER,
    COL_PAGE,
    COL_PUBLISHED,
    COL_BYLINE,
    COL_TAGS,
    COL_NOTES,
    COL_SOURCE,
    COL_IMPORTED,
) = range(11)
KEYS = ("title", "subtitle", "kind", "paper", "page", "published", "byline", "tags", "notes", "source", "imported")


class DocumentTableModel(PagedTableModel):
    """Rows are the document dicts of `table_queries.document_rows`; the masthead fields and tags are editable."""

    CONTEXT = "DocumentTableModel"
    # QT_TRANSLATE_NOOP returns its message (a str) at run time; PySide6's stub says object.
    HEADERS: tuple[str, ...] = (  # type: ignore[assignment]
        QT_TRANSLATE_NOOP("DocumentTableModel", "Title"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Subtitle"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Kind"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Paper"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Page"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Date"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Byline"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Tags"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Notes"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Source file"),
        QT_TRANSLATE_NOOP("DocumentTableModel", "Imported"),
    )
    SORTS = KEYS
    FIELDS = {
        COL_TITLE: "title",
        COL_SUBTITLE: "subtitle",
        COL_KIND: "kind",
        COL_PAPER: "paper",
        COL_PAGE: "page",
        COL_PUBLISHED: "published",
        COL_BYLINE: "byline",
        COL_TAGS: "tags",
    }
    DEFAULT_SORT = COL_PUBLISHED
    ENTITY = "document"

    def kind_label(self, kind: str | None) -> str:
        return {"article": self.tr("article"), "document": self.tr("document")}.get(kind or "", kind or "")

    def cell(self, doc: dict, col: int, role):
        key = KEYS[col]
        if role == SortRole:
            if key == "tags":
                return (doc.get("tags") or [None])[0]
            return doc.get(key)
        if role == Qt.ItemDataRole.EditRole:
            if key == "tags":
                return list(doc.get("tags") or [])
            return doc.get(key) or ""
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "tags":
                return "、".join(doc.get("tags") or [])
            if key == "kind":
                return self.kind_label(doc.get("kind"))
            if key == "notes":
                return str(doc["notes"]) if doc.get("notes") else ""
            if key == "published" and not doc.get("published"):
                return self.tr("undated")
            value = doc.get(key)
            return " ".join(value.split()) if isinstance(value, str) else value
        if role == Qt.ItemDataRole.ToolTipRole and key in ("title", "subtitle", "source", "byline"):
            return plain_tooltip(doc.get(key) or "")
        if role == Qt.ItemDataRole.ForegroundRole and key == "published" and not doc.get("published"):
            from PySide6.QtGui import QColor

            return QColor("#9a4d00")
        return None
