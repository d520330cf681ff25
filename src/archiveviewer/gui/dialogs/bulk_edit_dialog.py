"""Bulk edit of the selected rows: set or remove a tag, set a date or shift dates by N days, set paper/page/kind."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
)

from archiveviewer.gui.i18n import fill
from archiveviewer.gui.widgets.date_delegate import check_date
from archiveviewer.gui.widgets.tag_chips import check_tag

ADD_TAG, REMOVE_TAG, SET_DATE, SHIFT_DATES, SET_PAPER, SET_PAGE, SET_KIND = (
    "add_tag",
    "remove_tag",
    "set_date",
    "shift",
    "paper",
    "page",
    "kind",
)


class BulkEditDialog(QDialog):
    """`operation()` and `value()` after accept: a tag, an ISO date, a number of days, or a text."""

    def __init__(self, entity: str, count: int, known_tags: list[str], parent=None):
        super().__init__(parent)
        self.setObjectName("bulkEditDialog")
        self.setWindowTitle(self.tr("Bulk Edit"))
        self.entity = entity
        self.op_combo = QComboBox()
        self.op_combo.setObjectName("bulkOperation")
        ops = [
            (ADD_TAG, self.tr("Add a tag")),
            (REMOVE_TAG, self.tr("Remove a tag")),
            (SET_DATE, self.tr("Set the date")),
            (SHIFT_DATES, self.tr("Shift the dates by N days")),
        ]
        if entity == "document":
            ops += [
                (SET_PAPER, self.tr("Set the paper")),
                (SET_PAGE, self.tr("Set the page")),
                (SET_KIND, self.tr("Set the kind")),
            ]
        for op, label in ops:
            self.op_combo.addItem(label, op)
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("bulkTag")
        completer = QCompleter(sorted(known_tags), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_edit.setCompleter(completer)
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("bulkDate")
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD (or YYYY-MM, YYYY)"))
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("bulkDays")
        self.days_spin.setRange(-36500, 36500)
        self.days_spin.setSuffix(self.tr(" days"))
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("bulkText")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("article"), "article")
        self.kind_combo.addItem(self.tr("document"), "document")
        self.stack = QStackedWidget()
        self._page_of = {}
        for op, widget in (
            (ADD_TAG, self.tag_edit),
            (REMOVE_TAG, self.tag_edit),
            (SET_DATE, self.date_edit),
            (SHIFT_DATES, self.days_spin),
            (SET_PAPER, self.text_edit),
            (SET_PAGE, self.text_edit),
            (SET_KIND, self.kind_combo),
        ):
            if self.stack.indexOf(widget) < 0:
                self.stack.addWidget(widget)
            self._page_of[op] = self.stack.indexOf(widget)
        self.op_combo.currentIndexChanged.connect(
            lambda _i: self.stack.setCurrentIndex(self._page_of[self.operation()])
        )
        self.message = QLabel()
        self.message.setObjectName("bulkMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Change:"), self.op_combo)
        form.addRow(self.tr("Value:"), self.stack)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(fill(self.tr("%1 selected rows; one Undo takes the whole change back."), str(count))))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def operation(self) -> str:
        return self.op_combo.currentData()

    def set_operation(self, op: str) -> None:
        self.op_combo.setCurrentIndex(self.op_combo.findData(op))

    def value(self):
        op = self.operation()
        if op in (ADD_TAG, REMOVE_TAG):
            return check_tag(self.tag_edit.text())
        if op == SET_DATE:
            return check_date(self.date_edit.text())
        if op == SHIFT_DATES:
            return self.days_spin.value()
        if op == SET_KIND:
            return self.kind_combo.currentData()
        return self.text_edit.text().strip()

    def accept(self) -> None:
        try:
            value = self.value()
        except ValueError:
            self.message.setText(
                self.tr("Not a date: use YYYY-MM-DD, YYYY-MM or YYYY.")
                if self.operation() == SET_DATE
                else self.tr("Not a tag: one word, no , ; or :.")
            )
            self.message.show()
            return
        if self.operation() == SHIFT_DATES and value == 0:
            self.message.setText(self.tr("Shift by at least one day."))
            self.message.show()
            return
        super().accept()
