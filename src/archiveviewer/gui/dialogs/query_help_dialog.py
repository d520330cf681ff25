"""The query language at a glance: what to type and what it finds."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


class QueryHelpDialog(QDialog):
    """Non-modal help: it can stay open beside the search bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Query Language"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(self.tr("Query language reference"))
        self.browser.setHtml(self.help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("慰问金", self.tr("items containing 慰问金 exactly (also inside longer words such as 慰问金额)")),
            ("慰问 医疗队", self.tr("items containing both words (a space means AND)")),
            ('"齐心协力 众志成城"', self.tr("the exact phrase")),
            ("慰问 OR 补贴", self.tr("items containing either word")),
            ("-微信   NOT 微信", self.tr("items without the word")),
            ("title:时间轴", self.tr("the word in the title only")),
            ("kind:entry", self.tr("one kind of item: article, entry, document or annotation")),
            ("tag:核对", self.tr("items carrying a tag")),
            ("author:陈煜蕾", self.tr("by byline, editor or note author")),
            ("date:2020-01-24", self.tr("dated on one day")),
            ("date:2020-01", self.tr("dated in one month")),
            ("date:2020-01-24..2020-02-01", self.tr("dated within a range (both ends included)")),
        ]

    def help_html(self) -> str:
        rows = "".join(
            f"<tr><td style='padding:4px 12px 4px 0;'><code>{html.escape(q)}</code></td>"
            f"<td style='padding:4px 0;'>{html.escape(what)}</td></tr>"
            for q, what in self.rows()
        )
        notes = [
            self.tr(
                "Matching is exact for Chinese text of any length; full-width and half-width forms, "
                "upper and lower case, and traditional and simplified characters match each other."
            ),
            self.tr("Latin words match as whole words."),
            self.tr("Results are sorted by relevance; choose Date in the Sort box for chronological order."),
            self.tr(
                "Up and Down move between the search field and the results; Enter opens a result; "
                "F3 and Shift+F3 step through the matches in the document."
            ),
        ]
        heading = html.escape(self.tr("Searching the archive"))
        you_type = html.escape(self.tr("You type"))
        it_finds = html.escape(self.tr("It finds"))
        return (
            f"<h3>{heading}</h3>"
            f"<table><tr><th align='left'>{you_type}</th><th align='left'>{it_finds}</th></tr>{rows}</table>"
            + "".join(f"<p>{html.escape(n)}</p>" for n in notes)
        )

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F1:
            return
        super().keyPressEvent(event)
