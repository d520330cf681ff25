"""Page layout: how a page marks its paragraphs (blank lines, indentation or neither) and where they start."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from archiveviewer.ingest.ocr_repair import ends_unit, is_headline_like, is_indented

# A dateline opens a news report: `新华社北京１月１８日电（记者杨国强）`, `本报讯`, `本报北京１月５日讯`.
DATELINE_RE = re.compile(
    r"^(?:据|综合)?(?:新华社|中新社|本报|人民日报|法新社|美联社|路透社)"
    r"(?:讯|[^，。；！？\n]{0,24}?(?:电|讯))"
)

BLANK, INDENT, NONE = "blank", "indent", "none"


def starts_dateline(text: str) -> bool:
    return bool(DATELINE_RE.match(text.lstrip()))


@dataclass(frozen=True)
class Layout:
    """The page's paragraph convention and its column width (the commonest line length)."""

    convention: str
    width: int

    def is_short(self, raw: str) -> bool:
        """The line stops before the column's edge, so a paragraph may end in it."""
        return len(raw.rstrip()) < self.width

    def is_full(self, raw: str) -> bool:
        """The line fills the column exactly: the text most likely wraps on."""
        return len(raw.rstrip()) == self.width


def detect_layout(lines: list[str]) -> Layout:
    """Decide, for the whole page, which convention marks its paragraphs.

    Counted over places where a sentence ends at a line's end: what follows it, a blank
    line, an indented line, or the next line at once. Indentation wins where it marks
    paragraphs at least as often as blank lines do; blank lines win over bare line ends,
    as they do on the pages whose narrow columns also break lines at sentence ends."""
    lengths = Counter(len(line.rstrip()) for line in lines if line.strip())
    width = max(lengths, key=lambda n: (lengths[n], n)) if lengths else 0
    indented = sum(1 for line in lines if line.strip() and is_indented(line))
    blank_gaps = tight = 0
    for i, line in enumerate(lines[:-1]):
        if not line.strip() or not ends_unit(line.strip()):
            continue
        nxt = lines[i + 1]
        if not nxt.strip():
            blank_gaps += 1
        elif not is_indented(nxt) and len(line.rstrip()) < width:
            tight += 1
    if indented >= 2 and indented >= blank_gaps:
        return Layout(INDENT, width)
    if blank_gaps >= tight or tight < 2:
        return Layout(BLANK, width)
    return Layout(NONE, width)


def paragraph_starts(lines: list[str], layout: Layout) -> set[int]:
    """Lines that start a paragraph by the page's convention even with no blank line before them:
    an indented line (indentation convention), a line after a short line that ends a sentence
    (neither convention), and a dateline after finished text (any convention)."""
    starts: set[int] = set()
    prev = prev_raw = ""  # the previous non-blank line (stripped, raw)
    tail = ""  # the end of the text before this line: a credit may wrap over two lines
    prev_opens = True  # `prev` begins a unit: first line, a start, or after finished text or a headline
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if prev and _starts_paragraph(layout, raw, line, prev, prev_raw, tail, prev_opens):
            starts.add(i)
        if prev:
            prev_opens = i in starts or ends_unit(tail) or (prev_opens and is_headline_like(prev))
        if i in starts:
            tail = ""
        prev, prev_raw, tail = line, raw, (tail + line)[-48:]
    return starts


def _starts_paragraph(
    layout: Layout, raw: str, line: str, prev: str, prev_raw: str, tail: str, prev_opens: bool
) -> bool:
    if layout.convention == INDENT and is_indented(raw):
        return True
    if layout.convention == NONE and layout.is_short(prev_raw) and ends_unit(tail):
        return True
    if starts_dateline(line) and ends_unit(tail):
        return True
    # A headline on its own line (shorter or longer than the column, never exactly as wide),
    # the article's first paragraph right below it.
    return layout.convention != BLANK and prev_opens and not layout.is_full(prev_raw) and is_headline_like(prev)
