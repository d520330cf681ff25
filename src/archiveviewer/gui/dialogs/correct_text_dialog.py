"""Correct a paragraph (or an entry's text) of the page: the text now in the note editor's roomy box, the text
as imported below it for reference; Ctrl+Enter saves."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout

from archiveviewer.gui.dialogs.note_editor_dialog import NoteEditorDialog


class CorrectTextDialog(NoteEditorDialog):
    """`text()` after accept is the corrected text (never empty: an empty text is refused with a message)."""

    def __init__(self, title: str, intro: str, text: str, original: str | None, parent=None):
        super().__init__(intro, text, parent, title)
        self.setObjectName("correctTextDialog")
        self.edit.setObjectName("correctedText")
        self.edit.setAccessibleName(self.tr("Corrected text"))
        self.edit.setPlaceholderText(self.tr("The text as it should read. Ctrl+Enter saves."))
        self.original = QPlainTextEdit(original or "")
        self.original.setObjectName("importedText")
        self.original.setReadOnly(True)
        self.original.setAccessibleName(self.tr("Text as imported"))
        self.original.setStyleSheet("QPlainTextEdit { background: #f4f4f4; color: #555; }")
        self.original.setMaximumHeight(120)
        original_label = QLabel(self.tr("As imported (kept unchanged in the archive):"))
        original_label.setBuddy(self.original)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # NoteEditorDialog: label, editor, message, buttons
        layout.insertWidget(2, original_label)
        layout.insertWidget(3, self.original)
        self.resize(620, 460)

    def empty_message(self) -> str:
        return self.tr("The text cannot be empty.")
