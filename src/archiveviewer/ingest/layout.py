"""Page layout: how a page marks its paragraphs (blank lines, indentation or neither) and where they start."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from archiveviewer.ingest.ocr_repair import BYLINE_RE, ends_sentence, ends_unit, is_headline_like, is_indented

# A dateline opens a news report: `新华社北京１月１８日电（记者杨国强）`, `本报讯`, `本报北京１月５日讯`.
DATELINE_RE = re.compile(
    r"^(?:据|综合)?(?:新华社|中新社|本报|人民日报|法新社|美联社|路透社)"
    r"(?:讯|[^，。；！？\n]{0,24}?(?:电|讯))"
)

BLANK, INDENT, NONE = "blank", "indent", "none"

# Marks a line never starts with (kinsoku): typesetting hangs them at the end of the full line before.
HANGING = frozenset("，。、；：？！）」』”’》〉】…·%％")


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
        """The line fills the column: the text most likely wraps on.

        Exactly `width` characters; or, as a printed column comes back from OCR, `width` places
        where a half-width character (a digit, a Latin letter) takes half a place, with a mark
        that may not start a line (`。`, `，`, `”`…) hanging at its end (kinsoku)."""
        line = raw.rstrip()
        if len(line) == self.width:
            return True
        if len(line) < self.width:
            return False
        body = line[:-1] if line[-1] in HANGING else line
        return self.width - 0.5 <= sum(0.5 if ord(c) < 0x2000 else 1.0 for c in body) <= self.width


def detect_layout(lines: list[str]) -> Layout:
    """Decide, for the whole page, which convention marks its paragraphs.

    Counted over places where a sentence ends at a line's end: what follows it, a blank
    line and then more text of the article (a blank line before a headline separates
    articles on any page), an indented line, or the next line at once. Indentation wins
    where it marks paragraphs at least as often as blank lines do; blank lines win over
    bare line ends, as they do on the pages whose narrow columns also break lines at
    sentence ends."""
    lengths = Counter(len(line.rstrip()) for line in lines if line.strip())
    width = max(lengths, key=lambda n: (lengths[n], n)) if lengths else 0
    indented = sum(1 for line in lines if line.strip() and is_indented(line))
    blank_gaps = tight = 0
    for i, line in enumerate(lines[:-1]):
        if not line.strip() or not ends_unit(line.strip()):
            continue
        nxt = lines[i + 1]
        if not nxt.strip():
            after = next((n for n in lines[i + 1 :] if n.strip()), "")
            blank_gaps += bool(after) and not is_headline_like(after)
        elif not is_indented(nxt) and len(line.rstrip()) < width:
            tight += 1
    if indented >= 1 and indented >= blank_gaps:
        return Layout(INDENT, width)
    if blank_gaps >= tight:
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
    if layout.convention == NONE:
        starts |= _starts_at_the_edge(lines, layout, starts)
    return starts


# What opens a numbered item or a law's article: `二、`, `（三）`, `３．`, `第二十八条`, `●`.
ENUMERATION_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d０-９]{1,3}[）)]"
    r"|[\d０-９]{1,2}[、．.](?![\d０-９])|第[一二三四五六七八九十百零\d０-９]{1,5}[条章节]"
    r"|[●◆■▲★□○△◇①②③④⑤⑥⑦⑧⑨⑩])"
)
# Paragraphs of news text are rarely shorter than this (characters); see `_starts_at_the_edge`.
EDGE_MIN_CHARS = 60


def _starts_at_the_edge(lines: list[str], layout: Layout, starts: set[int]) -> set[int]:
    """Where a page with neither blank lines nor indentation ends a paragraph exactly at the column
    edge: a full line that ends a sentence, and the next line opens a numbered item, or
    both the text since the paragraph began and the text up to the next known boundary are at
    least `EDGE_MIN_CHARS` long.

    The text cannot tell these apart from a sentence that ends at the edge inside a paragraph.
    Measured on the People's Daily of January 1998 (benchmarks/README.md), a numbered item
    opens a paragraph eight times as often as it continues one; and where both sides are long
    a paragraph ends there in almost half the cases, which is where splitting loses fewer
    whole paragraphs than joining (a wrong split breaks one, a wrong join two)."""
    found: set[int] = set()
    # `ahead[i]`: characters from line i up to the next known boundary (a start or a blank line).
    ahead: dict[int, int] = {}
    run = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        run = run + len(line) if line else 0
        if line:
            ahead[i] = run
        if i in starts:
            run = 0
    so_far = 0  # characters since the paragraph began
    prev_raw = ""
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            so_far, prev_raw = 0, ""
            continue
        if i in starts:
            so_far = 0
        elif (
            prev_raw
            and layout.is_full(prev_raw)
            and ends_unit(prev_raw.strip())
            and (ENUMERATION_RE.match(line) or (so_far >= EDGE_MIN_CHARS and ahead[i] >= EDGE_MIN_CHARS))
        ):
            found.add(i)
            so_far = 0
        so_far += len(line)
        prev_raw = raw
    return found


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


def credit_joins(lines: list[str], layout: Layout) -> set[int]:
    """Credit lines (`（建宪李恒摄）`) that end the paragraph above them rather than stand as its byline.

    A closing credit wraps onto a line of its own as often as the column edge falls before
    it; the page's convention tells the two apart: with blank lines between paragraphs, no
    blank line before it; with indentation, it is not indented; with neither, the line above
    fills the column (a paragraph ending early would leave that line short)."""
    joins: set[int] = set()
    prev_raw = ""
    blank_before = True
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if prev_raw and not blank_before and BYLINE_RE.match(line) and ends_sentence(prev_raw.strip()):
            continues = {
                BLANK: True,
                INDENT: not is_indented(raw),
                NONE: layout.is_full(prev_raw),
            }
            if continues[layout.convention]:
                joins.add(i)
        prev_raw, blank_before = raw, False
    return joins
