"""The notes on the current article or entry, with Add, Edit and Delete (double-click or Enter edits)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QPushButton

from archiveviewer.gui.models.annotations_model import COL_TEXT, AnnotationsModel
from archiveviewer.gui.views.target_panel import TargetPanel


class AnnotationsPanel(TargetPanel):
    """`editRequested(note)` / `deleteRequested(note)` carry the note's dict (id, text, version…)."""

    addRequested = Signal()
    editRequested = Signal(dict)
    deleteRequested = Signal(dict)

    def __init__(self, model: AnnotationsModel, parent=None):
        super().__init__(model, "annotationsTable", COL_TEXT, parent)
        self.table.setAccessibleName(self.tr("Notes"))
        self.add_button = QPushButton(self.tr("Add &Note…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.add_buttons([self.add_button, self.edit_button, self.delete_button])
        self.table.setWordWrap(True)
        self.add_button.setToolTip(self.tr("Add a note to the current article or entry"))
        self.add_button.setAccessibleName(self.tr("Add note"))
        self.edit_button.setAccessibleName(self.tr("Edit note"))
        self.delete_button.setAccessibleName(self.tr("Delete note"))
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_current)
        self.table.activated.connect(lambda _i: self._edit_current())
        self.table.doubleClicked.connect(lambda _i: self._edit_current())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._update_buttons)
        self._editable = True
        self._has_target = False
        self.set_target_text(None)

    def current_note(self) -> dict | None:
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else (index.row() if index.isValid() else -1)
        return self.model.row(row) if row >= 0 else None

    def set_editable(self, editable: bool, why: str = "") -> None:
        """Off on a read-only archive; `why` is the explanation the buttons' tooltips give."""
        self._editable = editable
        self.add_button.setToolTip(why if not editable else self.tr("Add a note to the current article or entry"))
        for button in (self.edit_button, self.delete_button):
            button.setToolTip(why if not editable else "")
        self._update_buttons()

    def set_target_text(self, text: str | None) -> None:
        self.set_target_label(text)
        self._has_target = text is not None
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_note = bool(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else False
        self.add_button.setEnabled(self._has_target and self._editable)
        self.edit_button.setEnabled(has_note and self._editable)
        self.delete_button.setEnabled(has_note and self._editable)

    def _edit_current(self) -> None:
        note = self.current_note()
        if note is not None and self._editable:
            self.editRequested.emit(note)

    def _delete_current(self) -> None:
        note = self.current_note()
        if note is not None and self._editable:
            self.deleteRequested.emit(note)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
        menu = QMenu(self)
        for text, slot, enabled in (
            (self.tr("Add &Note…"), self.addRequested.emit, self.add_button.isEnabled()),
            (self.tr("&Edit…"), self._edit_current, self.edit_button.isEnabled()),
            (self.tr("&Delete"), self._delete_current, self.delete_button.isEnabled()),
        ):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _=False, s=slot: s())
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu
