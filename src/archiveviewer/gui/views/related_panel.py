"""Related documents of the current article or entry, with Open, Attach… and Detach."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton

from archiveviewer.gui.models.related_documents_model import COL_NAME, COL_TYPE, RelatedDocumentsModel, RelatedIdRole
from archiveviewer.gui.views.target_panel import TargetPanel


class RelatedPanel(TargetPanel):
    openRequested = Signal(int)
    attachRequested = Signal()
    detachRequested = Signal(int)
    saveRequested = Signal(int)

    def __init__(self, model: RelatedDocumentsModel, parent=None):
        super().__init__(model, "relatedTable", COL_NAME, parent)
        self.table.setAccessibleName(self.tr("Related documents"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.hideColumn(COL_TYPE)  # shown as the tooltip; the dock is narrow
        self.open_button = QPushButton(self.tr("&Open"))
        self.attach_button = QPushButton(self.tr("&Attach…"))
        self.detach_button = QPushButton(self.tr("De&tach"))
        self.save_button = QPushButton(self.tr("&Save As…"))
        for b, text in (
            (self.open_button, self.tr("Open the selected related document")),
            (self.save_button, self.tr("Save a copy of the selected related document")),
            (self.attach_button, self.tr("Attach a file to the current article or entry")),
            (self.detach_button, self.tr("Remove the link to the selected related document")),
        ):
            b.setToolTip(text)
            b.setAccessibleName(text)
        self.add_buttons([self.open_button, self.save_button, self.attach_button, self.detach_button])
        self._tips = {b: b.toolTip() for b in (self.attach_button, self.detach_button)}
        self._editable = True

        self.open_button.clicked.connect(self._open)
        self.table.activated.connect(lambda _i: self._open())
        self.attach_button.clicked.connect(self.attachRequested)
        self.detach_button.clicked.connect(self._detach)
        self.save_button.clicked.connect(lambda: self._emit(self.saveRequested))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.set_target_text(None)

    def set_target_text(self, text: str | None) -> None:
        self.set_target_label(text)
        self._has_target = text is not None
        self._update_buttons()

    def set_editable(self, editable: bool, why: str = "") -> None:
        """Attach and Detach are off on a read-only archive; `why` is what their tooltips say then."""
        self._editable = editable
        for button, tip in self._tips.items():
            button.setToolTip(tip if editable else why)
        self._update_buttons()

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(RelatedIdRole) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None and bool(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)
        self.detach_button.setEnabled(has and self._editable)
        self.attach_button.setEnabled(self._has_target and self._editable)

    def _open(self) -> None:
        rid = self.selected_id()
        if rid is not None:
            self.openRequested.emit(rid)

    def _emit(self, signal) -> None:
        rid = self.selected_id()
        if rid is not None:
            signal.emit(rid)

    def _detach(self) -> None:
        rid = self.selected_id()
        if rid is not None:
            self.detachRequested.emit(rid)
