"""The search bar: query field with history completion, sort, saved searches, help, inline error."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.widgets.plain_text import menu_text, plain_tooltip

ERROR_STYLE = "color: #c62828;"


class SearchBar(QWidget):
    """Layout of the query row. `queryChanged` on every edit; Up/Down leave the field for the results."""

    queryChanged = Signal(str)
    queryCommitted = Signal(str)  # Return pressed
    sortChanged = Signal(str)
    navigateDown = Signal()
    helpRequested = Signal()
    saveRequested = Signal()
    savedChosen = Signal(str, str)  # name, query
    deleteSavedRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchField")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Search the archive, e.g. 慰问 or title:时间轴 date:2020-01  (Ctrl+K)"))
        self.edit.setAccessibleName(self.tr("Search query"))
        self.edit.setAccessibleDescription(self.tr("Results update as you type. Press Down to move into the results."))
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._history_model = QStringListModel(self)
        self.completer = QCompleter(self._history_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(self.completer)

        self.sort_label = QLabel(self.tr("S&ort:"))
        self.sort_combo = QComboBox()
        self.sort_combo.addItem(self.tr("Relevance"), "relevance")
        self.sort_combo.addItem(self.tr("Date"), "date")
        self.sort_combo.setAccessibleName(self.tr("Sort results by"))
        self.sort_label.setBuddy(self.sort_combo)

        self.saved_button = QPushButton(self.tr("Sa&ved"))
        self.saved_button.setToolTip(self.tr("Saved searches: save the current query or run a saved one"))
        self.saved_button.setAccessibleName(self.tr("Saved searches"))
        self.saved_menu = QMenu(self.saved_button)
        self.saved_button.setMenu(self.saved_menu)

        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setToolTip(self.tr("Query language help (F1)"))
        self.help_button.setAccessibleName(self.tr("Query language help"))
        self.help_button.clicked.connect(self.helpRequested)

        self.error_label = QLabel()
        self.error_label.setObjectName("queryError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the query
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Query error"))
        self.error_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.sort_label)
        row.addWidget(self.sort_combo)
        row.addWidget(self.saved_button)
        row.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)

        self.edit.textChanged.connect(self.queryChanged)
        self.edit.returnPressed.connect(lambda: self.queryCommitted.emit(self.edit.text()))
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.sortChanged.emit(self.sort()))
        self.edit.installEventFilter(self)
        self.set_saved_searches([])

    # -- state

    def query(self) -> str:
        return self.edit.text()

    def set_query(self, text: str) -> None:
        self.edit.setText(text)

    def sort(self) -> str:
        return self.sort_combo.currentData() or "relevance"

    def set_sort(self, sort: str) -> None:
        i = self.sort_combo.findData(sort)
        if i >= 0:
            self.sort_combo.setCurrentIndex(i)

    def set_history(self, history: list[str]) -> None:
        self._history_model.setStringList(history)

    def history(self) -> list[str]:
        return self._history_model.stringList()

    def show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def focus_query(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_saved_searches(self, saved: list[tuple[str, str]]) -> None:
        menu = self.saved_menu
        menu.clear()
        save = menu.addAction(self.tr("&Save Current Search…"))
        save.triggered.connect(self.saveRequested)
        menu.addSeparator()
        if not saved:
            empty = menu.addAction(self.tr("No saved searches yet"))
            empty.setEnabled(False)
            return
        for name, query in saved:
            action = menu.addAction(menu_text(f"{name}   —   {query}"))
            action.setToolTip(plain_tooltip(query))
            action.triggered.connect(lambda _=False, n=name, q=query: self.savedChosen.emit(n, q))
        menu.addSeparator()
        delete = menu.addMenu(self.tr("&Delete Saved Search"))
        for name, _query in saved:
            action = delete.addAction(menu_text(name))
            action.triggered.connect(lambda _=False, n=name: self.deleteSavedRequested.emit(n))

    # -- keyboard: Down leaves the field for the results list

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            popup = self.completer.popup()
            if event.key() == Qt.Key.Key_Down and not (popup and popup.isVisible()):
                self.navigateDown.emit()
                return True
        return super().eventFilter(obj, event)
