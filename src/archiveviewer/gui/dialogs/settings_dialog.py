"""Preferences: interface language, the query history and the name edits are recorded under."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from archiveviewer.gui.settings import Settings, login_name


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
        # Empty while the login name is used, so a later login change is followed.
        self.editor_edit = QLineEdit(settings.editor_name if settings.editor_name != login_name() else "")
        self.editor_edit.setObjectName("editorName")
        self.editor_edit.setPlaceholderText(login_name())
        self.editor_edit.setAccessibleName(self.tr("Your name in the edit history"))
        self.editor_edit.setToolTip(self.tr("Corrections, tags and notes are recorded under this name"))
        form = QFormLayout()
        language_label = QLabel(self.tr("Interface &language:"))
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", self.clear_history_button)
        form.addRow("", self.history_note)
        editor_label = QLabel(self.tr("Your &name (edit history):"))
        editor_label.setBuddy(self.editor_edit)
        form.addRow(editor_label, self.editor_edit)
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
        self.settings.editor_name = self.editor_edit.text()
        if self.history_cleared:
            self.settings.clear_history()
        super().accept()
