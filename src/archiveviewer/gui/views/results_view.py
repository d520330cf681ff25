"""The results pane: hit count, the list of hits (snippet delegate) and the facet panel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from archiveviewer.gui.models.search_results_model import HitRole, SearchResultsModel
from archiveviewer.gui.widgets.facet_panel import FacetPanel
from archiveviewer.gui.widgets.snippet_delegate import SnippetDelegate


class ResultsView(QWidget):
    """`hitSelected` when the current row changes, `hitActivated` on Enter or double-click."""

    hitSelected = Signal(object)
    hitActivated = Signal(object)
    navigateUp = Signal()

    def __init__(self, model: SearchResultsModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        self.count_label.setAccessibleName(self.tr("Number of results"))
        self.count_label.setContentsMargins(4, 2, 4, 2)
        # The count text changes with every query: it must not set the pane's minimum width.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.list = QListView()
        self.list.setObjectName("resultsList")
        self.list.setModel(model)
        self.delegate = SnippetDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(self.tr("Search results"))
        self.list.setMouseTracking(True)
        self.list.installEventFilter(self)

        self.facets_label = QLabel(self.tr("Refine"))
        self.facets_label.setContentsMargins(4, 2, 4, 0)
        self.facets = FacetPanel()
        self.facets.setAccessibleName(self.tr("Result counts by kind, month and tag"))
        self.facets_label.setBuddy(self.facets)
        facet_box = QWidget()
        fl = QVBoxLayout(facet_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.setSpacing(2)
        fl.addWidget(self.facets_label)
        fl.addWidget(self.facets)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("resultsSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(facet_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.activated.connect(self._activated)

    def set_count_text(self, text: str) -> None:
        self.count_label.setText(text)

    def focus_first(self) -> None:
        """Move the keyboard focus into the list, selecting the first hit."""
        self.list.setFocus(Qt.FocusReason.TabFocusReason)
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def current_hit(self):
        index = self.list.currentIndex()
        return index.data(HitRole) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        hit = current.data(HitRole) if current.isValid() else None
        if hit is not None:
            self.hitSelected.emit(hit)

    def _activated(self, index) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.hitActivated.emit(hit)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Up and self.list.currentIndex().row() <= 0:
                self.navigateUp.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.currentIndex().isValid():
                self._activated(self.list.currentIndex())
                return True
        return super().eventFilter(obj, event)
