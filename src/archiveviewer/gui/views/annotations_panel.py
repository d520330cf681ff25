"""The notes on the current article or entry, and an Add note… button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from archiveviewer.gui.models.annotations_model import COL_TEXT, AnnotationsModel
from archiveviewer.gui.views.target_panel import TargetPanel


class AnnotationsPanel(TargetPanel):
    addRequested = Signal()

    def __init__(self, model: AnnotationsModel, parent=None):
        super().__init__(model, "annotationsTable", COL_TEXT, parent)
        self.table.setAccessibleName(self.tr("Notes"))
        self.add_button = QPushButton(self.tr("Add &Note…"))
        self.add_buttons([self.add_button])
        self.table.setWordWrap(True)
        self.add_button.setToolTip(self.tr("Add a note to the current article or entry"))
        self.add_button.setAccessibleName(self.tr("Add note"))
        self.add_button.clicked.connect(self.addRequested)
        self.set_target_text(None)

    def set_target_text(self, text: str | None) -> None:
        self.set_target_label(text)
        self.add_button.setEnabled(text is not None)
