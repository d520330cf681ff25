"""Non-blocking message boxes: shown with open(), so no nested event loop runs while work is in flight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_message(
    parent: QWidget | None, title: str, text: str, icon=QMessageBox.Icon.Information, details: str | None = None
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_warning(parent: QWidget | None, title: str, text: str, details: str | None = None) -> QMessageBox:
    return show_message(parent, title, text, QMessageBox.Icon.Warning, details)
