"""The notes on the current article or entry, and an Add note… button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.models.annotations_model import COL_TEXT, AnnotationsModel


class AnnotationsPanel(QWidget):
    addRequested = Signal()

    def __init__(self, model: AnnotationsModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)  # it shows a document title
        self.table = QTableView()
        self.table.setObjectName("annotationsTable")
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("Notes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        head.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(self.tr("Add &Note…"))
        self.add_button.setToolTip(self.tr("Add a note to the current article or entry"))
        self.add_button.setAccessibleName(self.tr("Add note"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.target_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.addRequested)
        self.set_target_text(None)

    def set_target_text(self, text: str | None) -> None:
        self.target_label.setText(text or self.tr("Select an article or a timeline entry."))
        self.add_button.setEnabled(text is not None)
