"""Progress of long background work (import, reindex) with a Cancel button; never blocks the event loop."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout


class TaskProgressDialog(QDialog):
    """Shown with show(), not exec(): the work runs in a worker and reports here by signal."""

    cancelRequested = Signal()

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(self.tr("Starting…"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it names the files being read
        self.label.setMinimumWidth(380)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.cancelled = False

    def set_progress(self, done: int, total: int, text: str | None = None) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text is not None and not self.cancelled:
            self.label.setText(text)

    def reject(self) -> None:
        """Cancel (button or Escape): ask the worker to stop; the dialog closes when it has."""
        if not self.cancelled:
            self.cancelled = True
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))
            self.cancelRequested.emit()

    def finish(self) -> None:
        super().reject()
        self.deleteLater()
