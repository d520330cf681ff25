"""A roomy note editor: what the note is on, the text, Ctrl+Enter saves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


class NoteEditorDialog(QDialog):
    def __init__(self, target_label: str, text: str = "", parent=None, title: str | None = None):
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setWindowTitle(title or self.tr("Note"))
        target = QLabel(target_label)
        target.setTextFormat(Qt.TextFormat.PlainText)
        target.setWordWrap(True)
        self.edit = QPlainTextEdit(text)
        self.edit.setObjectName("noteText")
        self.edit.setAccessibleName(self.tr("Note text"))
        self.edit.setPlaceholderText(self.tr("Write the note here. Ctrl+Enter saves."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        # An event filter, not a QShortcut: it works whatever window is active (and under test).
        self.edit.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(target)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self.edit.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier)
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.edit.toPlainText()

    def empty_message(self) -> str:
        """What an empty text is refused with."""
        return self.tr("A note needs some text.")

    def accept(self) -> None:
        if not self.text().strip():
            self.message.setText(self.empty_message())
            self.message.show()
            return
        super().accept()
