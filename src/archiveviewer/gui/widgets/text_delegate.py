"""A multi-line text cell editor (Ctrl+Enter saves, Esc cancels) that previews the amounts the new text names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QStyledItemDelegate, QWidget

from archiveviewer.gui.i18n import fill

EDITOR_HEIGHT = 150


class CellTextEdit(QPlainTextEdit):
    """Enter is a new line; Ctrl+Enter saves. A line under the text shows what amounts it names."""

    saveRequested = Signal()

    def __init__(self, parent=None, preview: Callable[[str], list[dict]] | None = None):
        super().__init__(parent)
        self.setObjectName("textEditor")
        self._preview = preview
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("amountPreview")
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setStyleSheet("color: #9a4d00; background: palette(base); padding: 1px 4px;")
        self.preview_label.setVisible(preview is not None)
        if preview is not None:
            self.setViewportMargins(0, 0, 0, self.fontMetrics().height() + 6)
            self.textChanged.connect(self._update_preview)

    def _update_preview(self) -> None:
        try:
            amounts = self._preview(self.toPlainText()) if self._preview else []
        except Exception as exc:  # a preview must never break typing; say why it is missing
            self.preview_label.setText(str(exc))
            return
        shown = "; ".join(a["text"] for a in amounts)
        self.preview_label.setText(
            fill(self.tr("Amounts found: %1"), shown) if amounts else self.tr("Amounts found: none")
        )

    def amounts_preview(self) -> str:
        return self.preview_label.text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        h = self.fontMetrics().height() + 6
        r = self.contentsRect()
        self.preview_label.setGeometry(r.left(), r.bottom() - h + 1, r.width(), h)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
        ):
            self.saveRequested.emit()
            return
        super().keyPressEvent(event)


class SavingDelegate(QStyledItemDelegate):
    """A delegate whose editor asks to be saved itself (Ctrl+Enter, Enter on a chip): `_save(editor)` commits it
    once and closes it. `refused(message)` says why a value was not taken."""

    refused = Signal(str)

    def _save(self, editor) -> None:
        self.commitData.emit(editor)
        # Closing moves the focus away, which would commit the same editor a second time.
        editor.removeEventFilter(self)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class TextDelegate(SavingDelegate):
    """Edits long text in a taller editor over the cell; `refused(message)` for an empty text when one is needed."""

    def __init__(self, parent=None, preview: Callable[[str], list[dict]] | None = None, required: bool = True):
        super().__init__(parent)
        self.preview, self.required = preview, required

    def createEditor(self, parent, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = CellTextEdit(parent, self.preview)
        editor.setTabChangesFocus(True)
        editor.saveRequested.connect(lambda: self._save(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, CellTextEdit)  # createEditor made it
        if not editor.document().isModified():
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor._update_preview() if editor._preview else None

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, CellTextEdit)  # createEditor made it
        text = editor.toPlainText().strip()
        if not text and self.required:
            self.refused.emit(self.tr("Not saved: the text cannot be empty"))
            return
        if text != (index.data(Qt.ItemDataRole.EditRole) or "").strip():
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), EDITOR_HEIGHT))
        rect.setWidth(max(rect.width(), 320))
        editor.setGeometry(rect)
