"""The reader: a document laid out like the page, every match of the query highlighted, an outline to jump.

Document text is only ever inserted with QTextCursor.insertText, so markup in
an article (`<img src=…>`, `<a href>`) is shown literally, never interpreted.

The page shows the archive's current values: a corrected title, paragraph or
timeline entry is printed as corrected, on a light green ground, with the text
as imported in its tooltip (the imported text itself is never overwritten).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archiveviewer.gui.i18n import fill
from archiveviewer.gui.widgets.elided_label import ElidedLabel
from archiveviewer.gui.widgets.plain_text import plain_tooltip

MATCH_BG = QColor("#ffe066")
CURRENT_BG = QColor("#ff9800")
PASSAGE_BG = QColor("#e3f0ff")
CORRECTED_BG = QColor("#e8f5e0")  # corrected by hand: the imported text is in the block's tooltip
PASSAGE_CORRECTED_BG = QColor("#cfe9c6")
BlockRole = Qt.ItemDataRole.UserRole + 1

Highlighter = Callable[[str, str], list[tuple[int, int]]]

DATE_FG = "#9c2b1b"  # the timeline's date markers, in the red the printed page uses for them
# Block kinds whose text is searched for matches: everything printed on the page (not our own headings).
HIGHLIGHTED = {"masthead", "subtitle", "title", "heading", "paragraph", "byline", "entry", "entry_text"}


def lazy_highlighter() -> Highlighter:
    """`app.presentation.highlight_spans`, imported on first use so start-up does not pay for OpenCC."""
    state: dict = {}

    def highlight(query: str, text: str) -> list[tuple[int, int]]:
        fn = state.get("fn")
        if fn is None:
            from archiveviewer.app.presentation import highlight_spans

            fn = state["fn"] = highlight_spans
        return fn(query, text)

    return highlight


def masthead_text(m: dict) -> str:
    parts = [m.get("paper"), m.get("page"), m.get("date"), m.get("weekday")]
    roles = [
        (QCoreApplication.translate("ReaderView", "Editor"), m.get("editor")),
        (QCoreApplication.translate("ReaderView", "Layout"), m.get("layout_editor")),
        (QCoreApplication.translate("ReaderView", "Proofreader"), m.get("proofreader")),
    ]
    head = "  ".join(p for p in parts if p)
    staff = "  |  ".join(f"{label} {name}" for label, name in roles if name)
    return "    ".join(t for t in (head, staff) if t)


class ReaderView(QWidget):
    """Shows one document. `outline` is a separate widget the main window docks beside it."""

    matchChanged = Signal(int, int)  # current (1-based, 0 = none), total

    def __init__(self, highlighter: Highlighter | None = None, parent=None):
        super().__init__(parent)
        self._highlighter = highlighter
        self._query = ""
        self._doc_data: dict | None = None
        self._blocks: list[tuple[str, object]] = []  # per block number: (kind, key)
        self._matches: list[tuple[int, int]] = []  # absolute [start, end) positions
        self._current = -1  # index into _matches; -1 with matches: the cursor is between them, at _anchor
        self._anchor = 0  # where F3 goes on from when no match is current (a passage without a hit)
        self._passage: tuple[int, int] | None = None  # block numbers, inclusive
        self._originals: dict[int, str] = {}  # block number -> the text as imported, for corrected blocks

        self.title_label = ElidedLabel(self.tr("No document open"))  # a long title never runs into the counter
        self.title_label.setObjectName("readerTitle")
        self.match_label = QLabel()
        self.match_label.setObjectName("matchLabel")
        self.match_label.setAccessibleName(self.tr("Match position"))
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.UpArrow)
        self.prev_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.prev_button.setAccessibleName(self.tr("Previous match"))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.prev_button.clicked.connect(self.previous_match)
        self.next_button.clicked.connect(self.next_match)

        self.text = QTextEdit()
        self.text.setObjectName("readerText")
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setUndoRedoEnabled(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName(self.tr("Document text"))
        self.text.document().setDocumentMargin(24)
        font = self.text.font()
        font.setPointSizeF((font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * 1.15)  # reading size
        self.text.setFont(font)
        self.text.setPlaceholderText(self.tr("Choose a search result or a timeline entry to read it here."))
        self.text.viewport().installEventFilter(self)  # tooltips: the imported text of corrected blocks

        self.outline = QTreeWidget()
        self.outline.setObjectName("outline")
        self.outline.setHeaderHidden(True)
        self.outline.setAccessibleName(self.tr("Document outline"))
        self.outline.itemClicked.connect(self._outline_clicked)
        self.outline.itemActivated.connect(self._outline_clicked)

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 2, 6, 2)
        bar.setSpacing(8)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.match_label)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)
        self._update_match_label()

    # -- public state

    @property
    def document_id(self) -> int | None:
        return self._doc_data.get("id") if self._doc_data else None

    @property
    def document(self) -> dict | None:
        return self._doc_data

    def plain_text(self) -> str:
        return self.text.toPlainText()

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """1-based index of the current match, 0 when there is none."""
        return self._current + 1 if self._matches and self._current >= 0 else 0

    def match_texts(self) -> list[str]:
        text = self.text.document()
        out = []
        for start, end in self._matches:
            c = QTextCursor(text)
            c.setPosition(start)
            c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            out.append(c.selectedText())
        return out

    def block_kinds(self) -> list[tuple[str, object]]:
        return list(self._blocks)

    def block_at(self, pos) -> int:
        """The number of the block under a viewport position."""
        return self.text.cursorForPosition(pos).blockNumber()

    def corrected_blocks(self) -> dict[int, str]:
        """{block number: text as imported} of the blocks that show a corrected value."""
        return dict(self._originals)

    def correction_tooltip(self, number: int) -> str | None:
        """What hovering a corrected block shows: that it was corrected, and the text as imported."""
        original = self._originals.get(number)
        if original is None:
            return None
        return fill(self.tr("Corrected by hand. As imported:\n%1"), original or self.tr("(empty)"))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.text.viewport() and event.type() == QEvent.Type.ToolTip:
            tip = self.correction_tooltip(self.block_at(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), plain_tooltip(tip), self.text.viewport())  # text, never markup
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    # -- showing documents

    def clear(self) -> None:
        self._doc_data = None
        self._blocks = []
        self._matches = []
        self._current = -1
        self._anchor = 0
        self._passage = None
        self._originals = {}
        self.text.clear()
        self.outline.clear()
        self.title_label.set_full_text(self.tr("No document open"))
        self._apply_selections()
        self._update_match_label()

    def show_document(self, doc: dict, query: str | None = None) -> None:
        """Lay out a `queries.document_dict` (or a plain text shown as one) and highlight `query`."""
        if query is not None:
            self._query = query
        self._doc_data = doc
        self._passage = None
        self._anchor = 0
        document = QTextDocument(self.text)
        document.setDocumentMargin(24)
        document.setDefaultFont(self.text.font())
        cursor = QTextCursor(document)
        self._blocks = []
        self._originals = {}
        self._first = True
        base = self.text.font().pointSizeF()
        base = base if base > 0 else 10.0

        def block(
            kind: str,
            key,
            text: str,
            size: float = 1.0,
            bold=False,
            align=Qt.AlignmentFlag.AlignLeft,
            top=0.0,
            bottom=6.0,
            indent=0.0,
            color: str | None = None,
            line_height=150,
            original: str | None = None,
        ) -> None:
            """One block; `original` (the text as imported) marks it as corrected."""
            bf = QTextBlockFormat()
            bf.setAlignment(align)
            bf.setTopMargin(top)
            bf.setBottomMargin(bottom)
            bf.setTextIndent(indent)
            bf.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            if original is not None:
                bf.setBackground(CORRECTED_BG)
                self._originals[len(self._blocks)] = original
            cf = QTextCharFormat()
            cf.setFontPointSize(base * size)
            cf.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            if color:
                cf.setForeground(QBrush(QColor(color)))
            if self._first:
                cursor.setBlockFormat(bf)
                cursor.setBlockCharFormat(cf)
                self._first = False
            else:
                cursor.insertBlock(bf, cf)
            cursor.insertText(text, cf)  # text, never markup
            self._blocks.append((kind, key))

        corrected = doc.get("original") or {}  # {field: value as imported} of the corrected fields
        masthead = masthead_text(doc.get("masthead") or {})
        if masthead:
            block("masthead", None, masthead, size=0.85, color="#6b6b6b", bottom=10)
        if doc.get("subtitle"):
            block(
                "subtitle",
                None,
                doc["subtitle"],
                size=1.15,
                bold=True,
                align=Qt.AlignmentFlag.AlignHCenter,
                bottom=2,
                original=corrected.get("subtitle"),
            )
        block(
            "title",
            None,
            doc.get("title") or "",
            size=1.7,
            bold=True,
            align=Qt.AlignmentFlag.AlignHCenter,
            bottom=14,
            line_height=120,
            original=corrected.get("title") if "title" in corrected else None,
        )
        indent = base * 2.2  # two characters: Chinese paragraphs are indented
        entries = doc.get("timeline") or []
        paragraph_ids = {pid for section in doc.get("sections") or [] for pid in section.get("paragraph_ids") or []}
        starting: dict[int, list[dict]] = {}  # paragraph id -> the entries whose passage starts there
        unplaced = []
        for e in entries:
            start = e.get("paragraph_start_id")
            if start is not None and start in paragraph_ids:
                starting.setdefault(start, []).append(e)
            else:
                unplaced.append(e)
        # A corrected entry text is printed in place of the paragraphs it was read from.
        order = [pid for section in doc.get("sections") or [] for pid in section.get("paragraph_ids") or []]
        position = {pid: i for i, pid in enumerate(order)}
        replaced: set[int] = set()
        for start, started in starting.items():
            for e in started:
                if "text" in (e.get("original") or {}):
                    first = position[start]
                    last = max(first, position.get(e.get("paragraph_end_id"), first))
                    replaced.update(order[first : last + 1])

        def date_marker(e: dict, top: float) -> None:
            # The page prints each timeline item as a dated marker line above its text: show it so.
            text = f"◆ {e.get('date_text') or e['date']}"
            original = (e.get("original") or {}).get("date")
            block("entry", e["id"], text, bold=True, top=top, bottom=2, color=DATE_FG, original=original)

        def entry_text(e: dict) -> None:
            # One block per line, so block numbers stay one per text block.
            original = (e.get("original") or {}).get("text")
            for line in e["text"].split("\n"):
                block("entry_text", e["id"], line, indent=indent, original=original)

        for s_index, section in enumerate(doc.get("sections") or []):
            if section.get("heading"):
                block("heading", s_index, section["heading"], size=1.2, bold=True, top=10, bottom=6)
            ids = section.get("paragraph_ids") or [None] * len(section["paragraphs"])
            originals = section.get("paragraph_originals") or [None] * len(section["paragraphs"])
            for pid, para, original in zip(ids, section["paragraphs"], originals, strict=False):
                for e in starting.get(pid, []) if pid is not None else []:
                    date_marker(e, top=8)
                    if "text" in (e.get("original") or {}):
                        entry_text(e)
                if pid not in replaced:
                    block("paragraph", pid, para, indent=indent, original=original)
        if doc.get("byline"):
            block(
                "byline",
                None,
                f"（{doc['byline']}）",
                align=Qt.AlignmentFlag.AlignRight,
                top=4,
                original=corrected.get("byline"),
            )
        if unplaced:  # entries not tied to a passage of this page: listed in full after it
            block("timeline", None, self.tr("Timeline entries"), size=1.2, bold=True, top=16, bottom=6)
            for e in unplaced:
                date_marker(e, top=6)
                entry_text(e)
        self.text.setDocument(document)
        self.title_label.set_full_text(doc.get("title") or "")
        self._build_outline(doc)
        self._compute_matches()
        self.text.verticalScrollBar().setValue(0)
        if self._matches:
            self._current = 0
            self._apply_selections()
            self._update_match_label()

    def show_plain(self, title: str, text: str, query: str | None = None) -> None:
        """A related document's text, laid out as paragraphs."""
        paragraphs = [" ".join(p.split("\n")).strip() for p in text.replace("\r\n", "\n").split("\n\n")]
        doc = {"id": None, "title": title, "sections": [{"heading": None, "paragraphs": [p for p in paragraphs if p]}]}
        self.show_document(doc, query)

    def set_query(self, query: str) -> None:
        if query == self._query:
            return
        self._query = query
        self._compute_matches()
        self._current = 0 if self._matches else -1
        self._apply_selections()
        self._update_match_label()

    # -- matches

    def _compute_matches(self) -> None:
        self._matches = []
        self._current = -1
        query = self._query.strip()
        if query and self._highlighter is not None:
            document = self.text.document()
            for number, (kind, _key) in enumerate(self._blocks):
                if kind not in HIGHLIGHTED:
                    continue
                blk = document.findBlockByNumber(number)
                try:
                    spans = self._highlighter(query, blk.text())
                except Exception:  # noqa: BLE001 - a malformed query highlights nothing
                    spans = []
                self._matches.extend((blk.position() + s, blk.position() + e) for s, e in spans if e > s)
        self._apply_selections()
        self._update_match_label()

    def next_match(self) -> None:
        self._step(1)

    def previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._matches:
            return
        if self._current >= 0:
            self._current = (self._current + delta) % len(self._matches)
        elif delta > 0:  # from the cursor: the first match after it, else wrap to the first
            self._current = next((i for i, (s, _e) in enumerate(self._matches) if s >= self._anchor), 0)
        else:
            before = [i for i, (s, _e) in enumerate(self._matches) if s < self._anchor]
            self._current = before[-1] if before else len(self._matches) - 1
        self._apply_selections()
        self._update_match_label()
        self._scroll_to_position(self._matches[self._current][0])

    def go_to_position(self, position: int, end: int | None = None) -> bool:
        """Make the match starting in [position, end) current and put the cursor on it.

        Without one there, the cursor stays at `position` with no current match,
        and F3 / Shift+F3 go on to the matches after / before it. Returns whether a
        match was made current.
        """
        inside = next(
            (i for i, (s, _e) in enumerate(self._matches) if s >= position and (end is None or s < end)), None
        )
        self._anchor = position
        self._current = inside if inside is not None else -1
        self._apply_selections()
        self._update_match_label()
        if inside is not None:
            self._scroll_to_position(self._matches[inside][0])
        return inside is not None

    def go_to_snippet(self, snippet: str, highlights: list[tuple[int, int]]) -> bool:
        """Make current the match a search result's snippet shows (its first highlight), found by its context."""
        if not highlights or not self._matches:
            return False
        start, end = highlights[0]
        text = self.text.toPlainText()  # one character per document position: blocks end in one newline
        for before in (12, 6, 2, 0):  # the longest context still found in the page wins
            context = snippet[max(0, start - before) : end].lstrip("…").strip()
            if not context:
                continue
            at = text.find(context)
            if at >= 0:
                return self.go_to_position(at + len(context) - (end - start), at + len(context))
        return False

    def _scroll_to_position(self, position: int) -> None:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(position)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def _apply_selections(self) -> None:
        selections = []
        document = self.text.document()
        if self._passage is not None:
            first, last = self._passage
            if first > 0 and self._blocks[first - 1][0] == "entry":
                first -= 1  # the entry's printed date belongs to its passage
            for number in range(first, last + 1):
                sel = QTextEdit.ExtraSelection()
                # A corrected block stays green inside the passage, a shade darker: marked and corrected.
                sel.format.setBackground(PASSAGE_CORRECTED_BG if number in self._originals else PASSAGE_BG)
                sel.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                block = document.findBlockByNumber(number)
                cursor = QTextCursor(block)  # the whole block: a bare cursor would mark one line only
                cursor.setPosition(block.position() + max(0, block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                selections.append(sel)
        for i, (start, end) in enumerate(self._matches):
            sel = QTextEdit.ExtraSelection()
            sel.format.setBackground(CURRENT_BG if i == self._current else MATCH_BG)
            sel.format.setForeground(QColor("#000000"))
            c = QTextCursor(document)
            c.setPosition(start)
            c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = c
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def _update_match_label(self) -> None:
        total = len(self._matches)
        if not self._query.strip() or self._doc_data is None:
            self.match_label.setText("")
        elif total == 0:
            self.match_label.setText(self.tr("No matches"))
        elif self._current < 0:
            self.match_label.setText(fill(self.tr("%1 matches"), str(total)))
        else:
            self.match_label.setText(fill(self.tr("Match %1 of %2"), str(self._current + 1), str(total)))
        self.prev_button.setEnabled(total > 1 or (total == 1 and self._current < 0))
        self.next_button.setEnabled(total > 1 or (total == 1 and self._current < 0))
        self.matchChanged.emit(self.current_match(), total)

    # -- passages and outline

    def block_number(self, kind: str, key) -> int | None:
        for number, (k, value) in enumerate(self._blocks):
            if k == kind and value == key:
                return number
        return None

    def show_passage(self, first_paragraph_id: int | None, last_paragraph_id: int | None = None) -> bool:
        """Mark the paragraphs an entry came from and scroll them to the top."""
        first = self.block_number("paragraph", first_paragraph_id) if first_paragraph_id is not None else None
        if first is None:
            return False
        last = self.block_number("paragraph", last_paragraph_id) if last_paragraph_id is not None else None
        self._mark_passage(first, last if last is not None and last >= first else first)
        return True

    def _mark_passage(self, first: int, last: int) -> None:
        self._passage = (first, last)
        self._apply_selections()
        top = first - 1 if first > 0 and self._blocks[first - 1][0] == "entry" else first
        self.scroll_to_block(top)

    def show_entry(self, entry: dict) -> bool:
        """Mark an entry's passage (its date marker and paragraphs) and put the cursor on its first match."""
        shown = self.show_passage(entry.get("paragraph_start_id"), entry.get("paragraph_end_id"))
        texts = [n for n, block in enumerate(self._blocks) if block == ("entry_text", entry["id"])]
        if not shown and texts and texts[0] > 0 and self._blocks[texts[0] - 1] == ("entry", entry["id"]):
            # Its text printed in place of its paragraphs (a correction): that is the passage.
            self._mark_passage(texts[0], texts[-1])
            shown = True
        marker = self.block_number("entry", entry["id"])
        passage = self._passage if shown else None
        if marker is not None:
            first = marker
        elif passage is not None:
            first = passage[0]
        else:
            return False
        document = self.text.document()
        last = passage[1] if passage is not None else (texts[-1] if texts else first)
        start = document.findBlockByNumber(first).position()
        end_block = document.findBlockByNumber(last)
        if not shown:
            self.scroll_to_block(first)
        if not self.go_to_position(start, end_block.position() + end_block.length()):
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            self.text.setTextCursor(cursor)
        return True

    def passage(self) -> tuple[int, int] | None:
        return self._passage

    def scroll_to_block(self, number: int) -> None:
        document = self.text.document()
        blk = document.findBlockByNumber(number)
        if not blk.isValid():
            return
        cursor = QTextCursor(blk)
        self.text.setTextCursor(cursor)
        top = document.documentLayout().blockBoundingRect(blk).top()
        bar = self.text.verticalScrollBar()
        bar.setValue(min(bar.maximum(), int(top) - 8))

    def first_visible_block(self) -> int:
        cursor = self.text.cursorForPosition(self.text.viewport().rect().topLeft())
        return cursor.blockNumber()

    def _build_outline(self, doc: dict) -> None:
        self.outline.clear()
        title = QTreeWidgetItem(self.outline, [doc.get("title") or self.tr("(untitled)")])
        title.setData(0, BlockRole, self.block_number("title", None) or 0)
        for s_index, section in enumerate(doc.get("sections") or []):
            if section.get("heading"):
                item = QTreeWidgetItem(title, [section["heading"]])
                item.setData(0, BlockRole, self.block_number("heading", s_index))
        entries = doc.get("timeline") or []
        if entries:
            head = QTreeWidgetItem(title, [self.tr("Timeline entries")])
            markers = [self.block_number("entry", e["id"]) for e in entries]
            head.setData(0, BlockRole, min((m for m in markers if m is not None), default=None))
            for e, marker in zip(entries, markers, strict=True):
                item = QTreeWidgetItem(head, [f"◆ {e.get('date_text') or e['date']}"])
                item.setData(0, BlockRole, marker)
        self.outline.expandAll()

    def outline_item(self, text: str) -> QTreeWidgetItem | None:
        found = self.outline.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return found[0] if found else None

    def _outline_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        number = item.data(0, BlockRole)
        if number is not None:
            self.scroll_to_block(int(number))
