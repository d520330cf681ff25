"""Layout shared by the docks about the current article or entry: a target line, a table, a row of buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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


class TargetPanel(QWidget):
    """Subclasses pass their model and the column that stretches, then add their buttons."""

    def __init__(self, model, name: str, stretch_column: int, parent=None):
        super().__init__(parent)
        self.model = model
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)  # it shows a document title
        self.table = QTableView()
        self.table.setObjectName(name)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        head.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.target_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons)

    def add_buttons(self, buttons: list[QPushButton]) -> None:
        for button in buttons:
            self._buttons.insertWidget(self._buttons.count() - 1, button)  # before the stretch

    def set_target_label(self, text: str | None) -> None:
        # An explicit context: self.tr() would look the text up under the subclass's name.
        self.target_label.setText(
            text or QCoreApplication.translate("TargetPanel", "Select an article or a timeline entry.")
        )
