"""The tags cell: edited as chips with completion from the archive's tags; a bad tag is refused with a message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from archiveviewer.gui.i18n import fill
from archiveviewer.gui.widgets.tag_chips import TagChipsEdit
from archiveviewer.gui.widgets.text_delegate import SavingDelegate


class TagChipsDelegate(SavingDelegate):
    def __init__(self, known_tags: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self.known_tags = known_tags

    def createEditor(self, parent, option, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = TagChipsEdit(self.known_tags(), parent)
        editor.refused.connect(lambda msg: self.refused.emit(fill(self.tr("Not saved: %1"), msg)))
        editor.saveRequested.connect(lambda: self._save(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, TagChipsEdit)  # createEditor made it
        if not editor.tags() and not editor.field.text():
            editor.set_tags(list(index.data(Qt.ItemDataRole.EditRole) or []))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, TagChipsEdit)  # createEditor made it
        if not editor.commit_pending():
            return  # refused: the message is shown, the old tags stay
        tags = editor.tags()
        if tags != list(index.data(Qt.ItemDataRole.EditRole) or []):
            model.setData(index, tags, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        rect.setWidth(max(rect.width(), 260))
        editor.setGeometry(rect)
