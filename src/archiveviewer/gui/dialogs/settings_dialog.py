"""Preferences: interface language and the query history."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from archiveviewer.gui.settings import Settings


class SettingsDialog(QDialog):
    """Edits the settings it is given; `language()` is what the user chose."""

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("System default"), "system")
        # Language names are shown in their own language, so anyone can find theirs.
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("简体中文", "zh_CN")
        self.language_combo.setAccessibleName(self.tr("Interface language"))
        i = self.language_combo.findData(settings.language)
        self.language_combo.setCurrentIndex(max(0, i))
        self.clear_history_button = QPushButton(self.tr("&Clear Query History"))
        self.clear_history_button.clicked.connect(self._clear_history)
        self.history_note = QLabel()
        form = QFormLayout()
        language_label = QLabel(self.tr("Interface &language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", self.clear_history_button)
        form.addRow("", self.history_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.history_cleared = False

    def language(self) -> str:
        return self.language_combo.currentData()

    def _clear_history(self) -> None:
        self.history_cleared = True
        self.history_note.setText(self.tr("The query history will be cleared."))

    def accept(self) -> None:
        self.settings.language = self.language()
        if self.history_cleared:
            self.settings.clear_history()
        super().accept()
