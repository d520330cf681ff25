"""Builds the paginated QTextDocument for a PDF or print export, remembering where outline entries start."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPagedPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableCellFormat,
    QTextTableFormat,
)

from . import formatting as fmt
from .i18n import Export

BODY_PT = 10.5  # 五号, the usual size of Chinese body text
SMALL_PT = 8.5
INK = QColor("#1a1a1a")
MUTED = QColor("#5c5c5c")
RULE = QColor("#9a9a9a")
HEADER_FILL = QColor("#ececec")
MARK_INK = QColor("#a4161a")
MARK_FILL = QColor("#fff1a8")

# Column widths (percent of the text width) of timeline tables: date, entry, amounts[, source].
TIMELINE_WIDTHS = (14, 62, 24)
TIMELINE_WIDTHS_WITH_SOURCE = (13, 50, 20, 17)
ANNOTATION_WIDTHS = (18, 14, 16, 52)

# Outline entries for search hits beyond this many would make the bookmark
# panel useless; the report itself still lists every hit.
MAX_HIT_BOOKMARKS = 500


@dataclass
class OutlineMark:
    """An outline (bookmark) entry: where it starts in the text, and after layout, on which page."""

    title: str
    level: int
    position: int
    page: int = 0
    y: float = 0.0  # from the top of the page body, in device units


@dataclass
class Book:
    """A laid-out export: the text document plus what the pages and the PDF outline need."""

    doc: QTextDocument
    title: str
    author: str
    subject: str
    keywords: list[str]
    marks: list[OutlineMark] = field(default_factory=list)
    running: list[tuple[int, str]] = field(default_factory=list)  # (position, header title)
    headings: list[int] = field(default_factory=list)  # positions kept with the block after them

    def page_count(self) -> int:
        return self.doc.pageCount()

    def page_height(self) -> float:
        return self.doc.pageSize().height()

    def running_titles(self) -> list[str]:
        """The header title for each page: the document whose text covers the top of it."""
        starts = sorted((self.page_of(pos), title) for pos, title in self.running)
        titles, current, i = [], self.title, 0
        for page in range(self.page_count()):
            while i < len(starts) and starts[i][0] <= page:
                current = starts[i][1]
                i += 1
            titles.append(current)
        return titles

    def block_top(self, position: int) -> float:
        """Document y of the first line of the block at `position` (after pagination moved it)."""
        block = self.doc.findBlock(position)
        layout = block.layout()
        # blockBoundingRect's top is the layout's origin (frame and cell offsets
        # included); pagination moves a line down inside the layout instead.
        top = self.doc.documentLayout().blockBoundingRect(block).top()
        if layout is None or layout.lineCount() == 0:
            return top
        return top + layout.lineAt(0).y()

    def page_of(self, position: int) -> int:
        h = self.page_height()
        # A line pushed to the next page starts on its top edge, give or take
        # float noise; nothing real starts within one device pixel of a page end.
        return max(0, int((self.block_top(position) + 1.0) // h))

    def keep_headings_with_next(self, max_passes: int = 8) -> None:
        """Moves a heading that ends a page to the next page, so it stays with its text.

        Qt's text layout has no keep-with-next; each pass fixes the headings it finds
        stranded and lays out again, because moving one may strand a later one.
        """
        for _ in range(max_passes):
            stranded = []
            for pos in self.headings:
                block = self.doc.findBlock(pos)
                nxt = block.next()
                if (
                    not nxt.isValid()
                    or block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
                ):
                    continue
                if self.page_of(nxt.position()) > self.page_of(pos):
                    stranded.append(block)
            if not stranded:
                return
            for block in stranded:
                cursor = QTextCursor(block)
                bf = block.blockFormat()
                bf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(bf)

    def locate_marks(self) -> None:
        h = self.page_height()
        for mark in self.marks:
            top = self.block_top(mark.position)
            mark.page = self.page_of(mark.position)
            mark.y = max(0.0, top - mark.page * h)


class BookBuilder:
    """Appends styled content to a QTextDocument; every piece of data goes in as plain text.

    Inserting through QTextCursor.insertText never interprets markup, so `<b>` or
    `&amp;` in a document print literally: there is nothing to escape.
    """

    def __init__(self, family: str, device: QPagedPaintDevice, page_size: QSizeF) -> None:
        self.family = family
        self.dpi = device.logicalDpiY()
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        self.doc.setDocumentMargin(0)
        # Device and page size go in before any content: changing either later
        # lays the whole document out again (about 0.2 s per 1,000 table rows).
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setPageSize(page_size)
        font = QFont(family)
        font.setPointSizeF(BODY_PT)
        self.doc.setDefaultFont(font)
        option = QTextOption()
        # CJK breaks between any two characters anyway; this also breaks a Latin
        # word or URL longer than the line instead of letting it run off the page.
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.cursor = QTextCursor(self.doc)
        self.cursor.beginEditBlock()  # defers layout: inserting into a laid-out table is quadratic
        self.book = Book(self.doc, title="", author="", subject="", keywords=[])
        # The document starts with an empty block, and Qt adds one after every
        # table: the next paragraph fills that block instead of adding another.
        self._reuse_block = True

    # -- formats -------------------------------------------------------------

    def char(self, size: float = BODY_PT, bold: bool = False, color: QColor = INK) -> QTextCharFormat:
        cf = QTextCharFormat()
        cf.setFontFamilies([self.family])
        cf.setFontPointSize(size)
        cf.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        cf.setForeground(QBrush(color))
        return cf

    def em(self, size: float = BODY_PT) -> float:
        """One em in device units (text indents are not scaled by the layout; margins are)."""
        return size * self.dpi / 72.0

    @staticmethod
    def block(
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        top: float = 0,
        bottom: float = 0,
        line_height: int = 100,
        indent: float = 0,
        page_break: bool = False,
    ) -> QTextBlockFormat:
        bf = QTextBlockFormat()
        bf.setAlignment(align)
        bf.setTopMargin(top)  # margins are CSS pixels (1/96 in), scaled by the layout
        bf.setBottomMargin(bottom)
        if line_height != 100:
            bf.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if indent:
            bf.setTextIndent(indent)
        if page_break:
            bf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        return bf

    # -- content -------------------------------------------------------------

    def paragraph(self, content: str, bf: QTextBlockFormat, cf: QTextCharFormat) -> int:
        """Appends one block (line breaks inside it kept as line breaks); returns its position."""
        if self._reuse_block:
            self.cursor.setBlockFormat(bf)
            self.cursor.setBlockCharFormat(cf)
            self._reuse_block = False
        else:
            self.cursor.insertBlock(bf, cf)
        pos = self.cursor.position()
        self.cursor.insertText(fmt.text(content).replace("\r\n", "\n").replace("\n", "\u2028"), cf)
        return pos

    def rule(self, top: float = 2, bottom: float = 6) -> None:
        """A thin horizontal line across the text width (an empty block with a trailing ruler)."""
        bf = self.block(top=top, bottom=bottom)
        bf.setProperty(
            QTextFormat.Property.BlockTrailingHorizontalRulerWidth, QTextLength(QTextLength.Type.PercentageLength, 100)
        )
        bf.setBackground(QBrush(RULE))
        self.paragraph("", bf, self.char(2))

    def heading(self, content: str, level: int, mark_level: int | None = None, page_break: bool = False) -> int:
        size = {0: 18.0, 1: 13.5, 2: 12.0}[level]
        align = Qt.AlignmentFlag.AlignHCenter if level == 0 else Qt.AlignmentFlag.AlignLeft
        top = {0: 4, 1: 14, 2: 10}[level]
        pos = self.paragraph(
            fmt.one_line(content),
            self.block(align=align, top=top, bottom=6 if level else 4, line_height=125, page_break=page_break),
            self.char(size, bold=True),
        )
        if level:
            self.book.headings.append(pos)
        if mark_level is not None:
            self.book.marks.append(OutlineMark(fmt.one_line(content) or Export.tr("(untitled)"), mark_level, pos))
        return pos

    def body(self, content: str) -> int:
        return self.paragraph(
            content,
            self.block(align=Qt.AlignmentFlag.AlignJustify, bottom=5, line_height=150, indent=2 * self.em()),
            self.char(),
        )

    def note(
        self, content: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, top: float = 0, bottom: float = 2
    ) -> int:
        return self.paragraph(
            content, self.block(align=align, top=top, bottom=bottom), self.char(SMALL_PT, color=MUTED)
        )

    def table(
        self,
        headers: Sequence[str],
        widths: Sequence[float],
        rows: Sequence[Sequence[Any]],
        on_row: Callable[[int, int], None] | None = None,
    ) -> None:
        """A ruled table whose header row repeats on every page it spans.

        Line breaks in a cell value make paragraphs inside the cell;
        `on_row(i, position)` reports where row i starts, for outline entries.
        """
        tf = QTextTableFormat()
        tf.setHeaderRowCount(1)
        tf.setCellPadding(4)
        tf.setCellSpacing(0)
        # Collapsed borders with only horizontal rules per cell (set below): a
        # quiet register-style table instead of a grid of boxes.
        tf.setBorder(0)
        tf.setBorderCollapse(True)
        tf.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        tf.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        tf.setTopMargin(4)
        tf.setBottomMargin(8)
        table = self.cursor.insertTable(len(rows) + 1, len(headers), tf)
        head_cf = self.char(9.5, bold=True)
        cell_cf = self.char(9.5)
        cell_bf = self.block(line_height=135)
        head_cell = self._cell_format(HEADER_FILL, top=0.75, bottom=0.75)
        body_cell = self._cell_format(None, top=0, bottom=0.5)
        for col, label in enumerate(headers):
            cell = table.cellAt(0, col)
            cell.setFormat(head_cell)
            c = cell.firstCursorPosition()
            c.setBlockFormat(cell_bf)
            c.insertText(label, head_cf)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                cell = table.cellAt(r, col)
                cell.setFormat(body_cell)
                c = cell.firstCursorPosition()
                c.setBlockFormat(cell_bf)
                if on_row is not None and col == 0:
                    on_row(r - 1, c.position())
                c.insertText(fmt.text(value).replace("\r\n", "\n"), cell_cf)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self._reuse_block = True

    @staticmethod
    def _cell_format(fill: QColor | None, top: float, bottom: float) -> QTextTableCellFormat:
        cf = QTextTableCellFormat()
        if fill is not None:
            cf.setBackground(QBrush(fill))
        for width, set_width, set_style, set_brush in (
            (top, cf.setTopBorder, cf.setTopBorderStyle, cf.setTopBorderBrush),
            (bottom, cf.setBottomBorder, cf.setBottomBorderStyle, cf.setBottomBorderBrush),
        ):
            set_width(width)
            set_style(
                QTextFrameFormat.BorderStyle.BorderStyle_Solid
                if width
                else QTextFrameFormat.BorderStyle.BorderStyle_None
            )
            set_brush(QBrush(RULE if fill is None else INK))
        for set_width in (cf.setLeftBorder, cf.setRightBorder):
            set_width(0)
        return cf

    def finish(self) -> Book:
        """Ends the edit block (the one full layout happens here) and places the outline marks."""
        self.cursor.endEditBlock()
        self.book.keep_headings_with_next()
        self.book.locate_marks()
        return self.book


# -- content builders ----------------------------------------------------------


def _timeline_rows(entries: Sequence[Mapping[str, Any]], with_source: bool) -> list[list[Any]]:
    rows = []
    for entry in entries:
        row: list[Any] = [
            fmt.one_line(entry.get("date")),
            fmt.text(entry.get("text")),
            fmt.format_amounts(entry.get("amounts")),
        ]
        if with_source:
            row.append(fmt.one_line(entry.get("document_title")))
        rows.append(row)
    return rows


def _timeline_table(
    b: BookBuilder, entries: Sequence[Mapping[str, Any]], with_source: bool, month_marks: int | None
) -> None:
    headers = [Export.tr("Date"), Export.tr("Entry"), Export.tr("Amounts")]
    widths: tuple[int, ...] = TIMELINE_WIDTHS
    if with_source:
        headers.append(Export.tr("Source"))
        widths = TIMELINE_WIDTHS_WITH_SOURCE
    months: dict[str, int] = {}

    def on_row(i: int, pos: int) -> None:
        month = fmt.one_line(entries[i].get("date"))[:7]
        if month and month not in months:
            months[month] = pos
            if month_marks is not None:
                b.book.marks.append(OutlineMark(month, month_marks, pos))

    b.table(headers, widths, _timeline_rows(entries, with_source), on_row=on_row)


def _annotation_rows(annotations: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    return [
        [
            fmt.format_timestamp(a.get("created_at")),
            fmt.one_line(a.get("author")),
            fmt.one_line(a.get("target")),
            fmt.text(a.get("text")),
        ]
        for a in annotations
    ]


def _document_title(document: Mapping[str, Any]) -> str:
    return fmt.one_line(document.get("title")) or Export.tr("(untitled)")


def build_documents(
    documents: Sequence[Mapping[str, Any]],
    builder: BookBuilder,
    archive_name: str,
    on_document: Callable[[int], None] | None = None,
) -> Book:
    b = builder
    for i, document in enumerate(documents):
        title = _document_title(document)
        start = b.note(
            fmt.masthead_line(document.get("masthead")) or " ",
            align=Qt.AlignmentFlag.AlignHCenter,
            bottom=0,
        )
        if i:
            bf = b.doc.findBlock(start).blockFormat()
            bf.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(b.doc.findBlock(start)).setBlockFormat(bf)
        b.book.running.append((start, title))
        b.book.marks.append(OutlineMark(title, 0, start))
        b.rule(top=4, bottom=10)
        if document.get("subtitle"):
            b.paragraph(
                fmt.one_line(document["subtitle"]),
                b.block(align=Qt.AlignmentFlag.AlignHCenter, bottom=2),
                b.char(12.0, color=MUTED),
            )
        b.heading(title, 0)
        source = [
            fmt.one_line(document.get("source")),
            f"ID {fmt.one_line(document.get('id'))}" if document.get("id") is not None else "",
        ]
        if any(source):
            b.note(" · ".join(s for s in source if s), align=Qt.AlignmentFlag.AlignHCenter, top=2, bottom=12)
        for section in document.get("sections") or ():
            heading = fmt.one_line(section.get("heading"))
            if heading:
                b.heading(heading, 2, mark_level=1)
            for paragraph in section.get("paragraphs") or ():
                if isinstance(paragraph, Mapping):
                    paragraph = paragraph.get("text")
                if fmt.text(paragraph).strip():
                    b.body(paragraph)
        if document.get("byline"):
            byline = fmt.one_line(document["byline"])
            if not byline.startswith(("（", "(")):
                byline = f"（{byline}）"
            b.paragraph(byline, b.block(align=Qt.AlignmentFlag.AlignRight, top=2, bottom=8), b.char())
        timeline = document.get("timeline") or ()
        if timeline:
            b.heading(Export.tr("Timeline"), 1, mark_level=1)
            _timeline_table(b, timeline, with_source=False, month_marks=None)
        if on_document is not None:
            on_document(i)
    with_notes = [d for d in documents if d.get("annotations")]
    if with_notes:
        start = b.heading(Export.tr("Appendix: annotations"), 1, mark_level=0, page_break=True)
        b.book.running.append((start, Export.tr("Appendix: annotations")))
        for document in with_notes:
            b.heading(_document_title(document), 2, mark_level=1)
            b.table(
                [Export.tr("Date"), Export.tr("Author"), Export.tr("Target"), Export.tr("Note")],
                ANNOTATION_WIDTHS,
                _annotation_rows(document["annotations"]),
            )
    return _with_metadata(
        b.finish(),
        title=_document_title(documents[0])
        if len(documents) == 1
        else Export.tr("{count} documents from {archive}").format(count=len(documents), archive=archive_name),
        author="; ".join(dict.fromkeys(fmt.one_line(d.get("byline")) for d in documents if d.get("byline"))),
        subject=Export.tr("Export from the archive {archive}").format(archive=archive_name),
        keywords=[fmt.one_line(d.get("source")) for d in documents if d.get("source")],
    )


def build_timeline(
    entries: Sequence[Mapping[str, Any]],
    builder: BookBuilder,
    archive_name: str,
    title: str,
) -> Book:
    b = builder
    start = b.heading(title, 0, mark_level=0)
    b.book.running.append((start, title))
    titles = list(dict.fromkeys(fmt.one_line(e.get("document_title")) for e in entries if e.get("document_title")))
    # A source column only when entries come from several documents; one
    # source is named once, under the title, leaving the text column wider.
    sources = {e.get("document_id") for e in entries} - {None}
    with_source = len(sources) > 1 or len(titles) > 1
    summary = [fmt.one_line(archive_name), Export.tr("{count} entries").format(count=len(entries))]
    span = fmt.date_range(e.get("date") for e in entries)
    if span:
        summary.append(span)
    if len(titles) == 1 and not with_source:
        summary.append(Export.tr("from {title}").format(title=titles[0]))
    b.note(" · ".join(s for s in summary if s), align=Qt.AlignmentFlag.AlignHCenter, top=2, bottom=10)
    if entries:
        _timeline_table(b, entries, with_source=with_source, month_marks=1)
    else:
        b.note(Export.tr("No entries."))
    return _with_metadata(
        b.finish(),
        title=title,
        author=archive_name,
        subject=Export.tr("Timeline exported from the archive {archive}").format(archive=archive_name)
        + (f" ({span})" if span else ""),
        keywords=titles,
    )


def build_search_report(report: Mapping[str, Any], builder: BookBuilder, archive_name: str) -> Book:
    b = builder
    query = fmt.one_line(report.get("query"))
    hits = list(report.get("hits") or ())
    total = report.get("total")
    title = Export.tr("Search report: {query}").format(query=query)
    start = b.heading(Export.tr("Search report"), 0, mark_level=None)
    b.book.marks.append(OutlineMark(title, 0, start))
    b.book.running.append((start, title))
    try:
        total = int(total) if total is not None else len(hits)
    except (TypeError, ValueError):
        total = len(hits)
    shown = str(total)
    if len(hits) < total:
        shown += " " + Export.tr("(the first {count} are listed)").format(count=len(hits))
    # Labels carry their own colon so a translation can use the full-width one.
    facts = [
        (Export.tr("Query:"), query),
        (Export.tr("Ran at:"), fmt.format_timestamp(report.get("ran_at"))),
        (Export.tr("Hits:"), shown),
        (Export.tr("Archive:"), fmt.one_line(archive_name)),
    ]
    label_cf = b.char(bold=True)
    for label, value in facts:
        b.paragraph(label + " ", b.block(top=1, bottom=1, line_height=125), label_cf)
        b.cursor.insertText(value, b.char())
    b.rule(top=8, bottom=8)
    snippet_cf, mark_cf = b.char(), b.char(bold=True, color=MARK_INK)
    mark_cf.setBackground(QBrush(MARK_FILL))
    for n, hit in enumerate(hits, start=1):
        hit_title = fmt.one_line(hit.get("title")) or Export.tr("(untitled)")
        pos = b.paragraph(f"{n}. {hit_title}", b.block(top=8, bottom=1, line_height=125), b.char(11.0, bold=True))
        b.book.headings.append(pos)
        if n <= MAX_HIT_BOOKMARKS:
            b.book.marks.append(OutlineMark(f"{n}. {hit_title}", 1, pos))
        details = [fmt.kind_label(hit.get("kind")), fmt.one_line(hit.get("date")), fmt.one_line(hit.get("source"))]
        b.note(" · ".join(d for d in details if d), bottom=2)
        snippet = fmt.same_length_line(hit.get("snippet"))
        b.paragraph("", b.block(align=Qt.AlignmentFlag.AlignJustify, bottom=4, line_height=150), snippet_cf)
        done = 0
        for s, e in fmt.highlight_spans(snippet, hit.get("highlights"), query):
            b.cursor.insertText(snippet[done:s], snippet_cf)
            b.cursor.insertText(snippet[s:e], mark_cf)
            done = e
        b.cursor.insertText(snippet[done:], snippet_cf)
    if not hits:
        b.note(Export.tr("No hits."), top=6)
    return _with_metadata(
        b.finish(),
        title=title,
        author=archive_name,
        subject=Export.tr("Search report from the archive {archive}").format(archive=archive_name),
        keywords=[query] if query else [],
    )


def _with_metadata(book: Book, title: str, author: str, subject: str, keywords: list[str]) -> Book:
    book.title, book.author, book.subject = title, author, subject
    book.keywords = list(dict.fromkeys(k for k in keywords if k))
    return book
