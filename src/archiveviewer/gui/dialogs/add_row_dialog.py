"""Add a timeline entry (date and text, to a chosen document) or a document (title, kind, paper, page, date)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from archiveviewer.gui.widgets.date_delegate import check_date


class AddRowDialog(QDialog):
    """`values()` after accept: keyword arguments for EditService.add_entry / add_document."""

    def __init__(self, entity: str, documents: list[tuple[int, str]] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("addRowDialog")
        self.entity = entity
        self.setWindowTitle(self.tr("Add Timeline Entry") if entity == "entry" else self.tr("Add Document"))
        form = QFormLayout()
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("addDate")
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD (or YYYY-MM, YYYY)"))
        if entity == "entry":
            self.document_combo = QComboBox()
            self.document_combo.setObjectName("addDocument")
            for doc_id, title in documents or []:
                self.document_combo.addItem(title, doc_id)
            self.text_edit = QPlainTextEdit()
            self.text_edit.setObjectName("addText")
            form.addRow(self.tr("Document:"), self.document_combo)
            form.addRow(self.tr("Date:"), self.date_edit)
            form.addRow(self.tr("Text:"), self.text_edit)
        else:
            self.title_edit = QLineEdit()
            self.title_edit.setObjectName("addTitle")
            self.kind_combo = QComboBox()
            self.kind_combo.addItem(self.tr("document"), "document")
            self.kind_combo.addItem(self.tr("article"), "article")
            self.paper_edit = QLineEdit()
            self.page_edit = QLineEdit()
            form.addRow(self.tr("Title:"), self.title_edit)
            form.addRow(self.tr("Kind:"), self.kind_combo)
            form.addRow(self.tr("Paper:"), self.paper_edit)
            form.addRow(self.tr("Page:"), self.page_edit)
            form.addRow(self.tr("Date:"), self.date_edit)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def values(self) -> dict:
        if self.entity == "entry":
            return {
                "document_id": self.document_combo.currentData(),
                "date": check_date(self.date_edit.text()),
                "text": self.text_edit.toPlainText().strip(),
            }
        return {
            "title": self.title_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "paper": self.paper_edit.text().strip() or None,
            "page": self.page_edit.text().strip() or None,
            "published": check_date(self.date_edit.text(), allow_empty=True),
        }

    def accept(self) -> None:
        try:
            values = self.values()
        except ValueError:
            return self._say(self.tr("Not a date: use YYYY-MM-DD, YYYY-MM or YYYY."))
        if self.entity == "entry" and (values["document_id"] is None or not values["text"]):
            return self._say(self.tr("An entry needs a document and some text."))
        if self.entity == "document" and not values["title"]:
            return self._say(self.tr("A document needs a title."))
        super().accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
