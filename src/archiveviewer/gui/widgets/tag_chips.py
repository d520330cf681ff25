"""Tags as chips: each tag a small button (click removes it) and a field that adds one, completing existing tags."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QToolButton, QWidget

from archiveviewer.gui.i18n import fill

MAX_TAG = 64


def check_tag(text: str) -> str:
    """The tag as stored, or ValueError with a message for the user."""
    tag = " ".join(text.split())
    if not tag:
        raise ValueError("a tag cannot be empty")
    if len(tag) > MAX_TAG:
        raise ValueError(f"a tag has at most {MAX_TAG} characters")
    if any(c in tag for c in ",，;；:："):
        raise ValueError(f"'{tag}': a tag cannot contain , ; or :")
    return tag


class TagChipsEdit(QWidget):
    """`tags()` is the current list; `refused(message)` for a tag that cannot be one; Enter on an empty field
    emits `saveRequested`."""

    refused = Signal(str)
    saveRequested = Signal()
    changed = Signal()

    def __init__(self, known_tags: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("tagChips")
        self.setAutoFillBackground(True)
        self._tags: list[str] = []
        self._chips = QHBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self._chips.setSpacing(3)
        self.field = QLineEdit()
        self.field.setObjectName("tagField")
        self.field.setPlaceholderText(self.tr("add tag…"))
        self.field.setAccessibleName(self.tr("New tag"))
        self.completer = QCompleter(sorted(known_tags or []), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(self.completer)
        self.field.returnPressed.connect(self._return_pressed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        layout.addLayout(self._chips)
        layout.addWidget(self.field, 1)
        self.setFocusProxy(self.field)

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        self._tags = []
        while self._chips.count():
            item = self._chips.takeAt(0)
            chip = item.widget() if item is not None else None
            if chip is not None:
                chip.deleteLater()
        for tag in tags:
            self._add_chip(tag)

    def add_tag(self, text: str) -> bool:
        try:
            tag = check_tag(text)
        except ValueError:
            tag = " ".join(text.split())
            if len(tag) > MAX_TAG:
                self.refused.emit(fill(self.tr("a tag has at most %1 characters"), str(MAX_TAG)))
            else:
                self.refused.emit(fill(self.tr("'%1' cannot be a tag (no , ; or :)"), tag))
            return False
        if tag not in self._tags:
            self._add_chip(tag)
            self.changed.emit()
        return True

    def remove_tag(self, tag: str) -> None:
        if tag in self._tags:
            index = self._tags.index(tag)
            self._tags.pop(index)
            item = self._chips.takeAt(index)
            chip = item.widget() if item is not None else None
            if chip is not None:
                chip.deleteLater()
            self.changed.emit()

    def chip(self, tag: str) -> QToolButton | None:
        return self.findChild(QToolButton, f"chip:{tag}")

    def _add_chip(self, tag: str) -> None:
        self._tags.append(tag)
        chip = QToolButton()
        chip.setObjectName(f"chip:{tag}")
        chip.setText(f"{tag} ×")
        chip.setToolTip(fill(self.tr("Remove the tag %1"), tag))
        chip.setAutoRaise(True)
        chip.setStyleSheet("QToolButton { background: #f3e3cf; border-radius: 6px; padding: 0 4px; }")
        chip.clicked.connect(lambda _=False, t=tag: self.remove_tag(t))
        self._chips.addWidget(chip)

    def commit_pending(self) -> bool:
        """Add what is typed in the field (a tag not yet confirmed with Enter); False if it cannot be a tag."""
        text = self.field.text()
        if not text.strip():
            return True
        if self.add_tag(text):
            self.field.clear()
            return True
        return False

    def _return_pressed(self) -> None:
        if self.field.text().strip():
            if self.add_tag(self.field.text()):
                self.field.clear()
        else:
            self.saveRequested.emit()
