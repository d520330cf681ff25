"""A date cell editor that accepts only real dates: YYYY-MM-DD, or YYYY-MM / YYYY where a page gives no day."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QWidget

from archiveviewer.app.table_queries import FilterError, date_bounds
from archiveviewer.gui.i18n import fill


def check_date(text: str, allow_partial: bool = True, allow_empty: bool = False) -> str | None:
    """The normalised date, or raises ValueError with a message for the user."""
    text = text.strip()
    if not text:
        if allow_empty:
            return None
        raise ValueError("a date is needed (YYYY-MM-DD)")
    try:
        first, last = date_bounds(text)
    except FilterError as exc:
        raise ValueError(str(exc)) from None
    if first == last:
        return first.isoformat()
    if not allow_partial:
        raise ValueError(f"'{text}' is not a full date (YYYY-MM-DD)")
    return first.isoformat()[: len(text.split("-")) * 3 + 1]  # 2020 or 2020-01


class DateDelegate(QStyledItemDelegate):
    """`refused(message)` when the typed text is not a date: the model is not touched, the old value stays."""

    refused = Signal(str)

    def __init__(self, parent=None, allow_partial: bool = True, allow_empty: bool = False):
        super().__init__(parent)
        self.allow_partial, self.allow_empty = allow_partial, allow_empty

    def createEditor(self, parent, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("dateEditor")
        editor.setPlaceholderText(self.tr("YYYY-MM-DD"))
        editor.setToolTip(self.tr("A date as YYYY-MM-DD; YYYY-MM or YYYY where the page gives no day"))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)  # createEditor made it
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)  # createEditor made it
        try:
            value = check_date(editor.text(), self.allow_partial, self.allow_empty)
        except ValueError:
            text = editor.text().strip()
            if not text:
                message = self.tr("Not saved: a date is needed")
            elif self.allow_partial:
                message = fill(self.tr("Not saved: '%1' is not a date (YYYY-MM-DD, or YYYY-MM, YYYY)"), text)
            else:
                message = fill(self.tr("Not saved: '%1' is not a date (YYYY-MM-DD)"), text)
            self.refused.emit(message)
            return
        if value != (index.data(Qt.ItemDataRole.EditRole) or None):
            model.setData(index, value or "", Qt.ItemDataRole.EditRole)
