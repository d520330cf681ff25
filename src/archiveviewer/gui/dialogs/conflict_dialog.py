"""Someone else changed the row you were saving: both values side by side; keep yours, take theirs, or merge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from archiveviewer.gui.field_labels import field_label
from archiveviewer.gui.i18n import fill

KEEP_MINE, TAKE_THEIRS, MERGED = "mine", "theirs", "merged"


def _text(value) -> str:
    return "" if value is None else str(value)


class ConflictDialog(QDialog):
    """`choice` is KEEP_MINE, TAKE_THEIRS (also on Esc: nothing is overwritten) or MERGED (`merged_text()`)."""

    def __init__(self, conflict, parent=None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Changed by Someone Else"))
        self.choice = TAKE_THEIRS
        what = {
            "entry": self.tr("timeline entry"),
            "document": self.tr("document"),
            "note": self.tr("note"),
            "paragraph": self.tr("paragraph"),
        }.get(conflict.entity, conflict.entity)
        intro = QLabel(
            fill(
                self.tr(
                    "While you were editing, someone else saved this %1 (field “%2”, now version %3). "
                    "Nothing of yours was saved yet. Choose which value to keep:"
                ),
                what,
                field_label(conflict.field),
                str(conflict.current_version),
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.yours = QPlainTextEdit(_text(conflict.yours))
        self.yours.setObjectName("yourValue")
        self.yours.setReadOnly(True)
        self.theirs = QPlainTextEdit(_text(conflict.theirs))
        self.theirs.setObjectName("theirValue")
        self.theirs.setReadOnly(True)
        self.merged = QPlainTextEdit(_text(conflict.yours))
        self.merged.setObjectName("mergedValue")
        self.merged.setAccessibleName(self.tr("Merged value"))
        self.merged.setPlaceholderText(self.tr("Edit here to combine both, then Save Merged"))
        for edit in (self.yours, self.theirs, self.merged):
            edit.setMinimumHeight(70)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Your value")), 0, 0)
        grid.addWidget(QLabel(self.tr("Their value (saved now)")), 0, 1)
        grid.addWidget(self.yours, 1, 0)
        grid.addWidget(self.theirs, 1, 1)
        merged_label = QLabel(self.tr("&Merged by hand:"))
        merged_label.setBuddy(self.merged)
        grid.addWidget(merged_label, 2, 0, 1, 2)
        grid.addWidget(self.merged, 3, 0, 1, 2)

        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("&Keep Mine"))
        self.theirs_button = QPushButton(self.tr("&Take Theirs"))
        self.merge_button = QPushButton(self.tr("&Save Merged"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.merge_button.clicked.connect(lambda: self._choose(MERGED))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Accepted if choice != TAKE_THEIRS else QDialog.DialogCode.Rejected)

    def merged_text(self) -> str:
        return self.merged.toPlainText()
