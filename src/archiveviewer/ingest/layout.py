"""Page layout: how a page marks its paragraphs (blank lines, indentation or neither) and where they start."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from archiveviewer.ingest.columns import (
    column_widths,
    fills,
    half_width_cut,
    has_half_width,
    is_justified,
    justified_length,
    least_places,
    line_lengths,
    page_width,
    places,
    stops_short,
    without_hanging_mark,
)
from archiveviewer.ingest.ocr_repair import (
    BYLINE_RE,
    UNIT_TAIL,
    ends_sentence,
    ends_unit,
    is_headline_like,
    is_indented,
)

# A dateline opens a news report: `新华社北京１月１８日电（记者杨国强）`, `本报讯`, `本报北京１月５日讯`;
# in traditional characters too (`新華社北京１月１８日電`, `本報訊`), as Hong Kong and Taiwan papers print it.
DATELINE_RE = re.compile(
    r"^(?:据|據|综合|綜合)?(?:新华社|新華社|中新社|本报|本報|人民日报|人民日報|法新社|美联社|美聯社|路透社)"
    r"(?:[讯訊]|[^，。；！？\n]{0,24}?[电電讯訊])"
)

BLANK, INDENT, NONE = "blank", "indent", "none"


def starts_dateline(text: str) -> bool:
    return bool(DATELINE_RE.match(text.lstrip()))


@dataclass(frozen=True)
class Layout:
    """The page's paragraph convention and the width of its columns.

    `width` is the page's commonest line length; `widths[i]` the width of the column line `i`
    sits in (told by the lines around it, `columns.column_widths`), since the articles of one
    page are set in columns of different widths. `indents` are the lines that
    open a paragraph by indentation: an indented line, or, where OCR dropped the leading
    spaces, a line two places short of its column (`lost_indents`). `seen`: whether the page
    showed its convention at all (a page of one-paragraph articles shows none). `justified`:
    the columns were justified by setting marks in half a place, so widths count places."""

    convention: str
    width: int
    widths: tuple[int, ...] = ()
    indents: frozenset[int] = frozenset()
    seen: bool = True
    justified: bool = False

    def width_at(self, i: int | None) -> int:
        return self.widths[i] if i is not None and i < len(self.widths) else self.width

    def is_short(self, raw: str, i: int | None = None) -> bool:
        """The line stops before its column's edge, so a paragraph may end in it (`columns.stops_short`)."""
        return stops_short(raw, self.width_at(i), self.justified)

    def is_full(self, raw: str, i: int | None = None) -> bool:
        """The line fills its column: the text most likely wraps on (`columns.fills`)."""
        return fills(raw, self.width_at(i), self.justified)


def lost_indents(
    lines: list[str], widths: tuple[int, ...], justified: bool = False, by_places: bool = True
) -> set[int]:
    """Lines that open a paragraph whose indentation OCR dropped: right under a line that ends a
    sentence, two places (1.5-3) short of their column, and followed by a line that fills the
    column, or by one that ends the paragraph where they do not end a sentence themselves (a
    short line ending one followed by a short line is a paragraph of one line). A headline
    directly above its first paragraph is followed by that paragraph's own short first line.
    An article's first paragraph counts too: under a blank line, at the top, or under a headline.
    `justified`: places counted with the marks set in half a place (`justified_length`);
    `by_places`: else a half-width character takes half a place, as print sets it; where the
    page was cut by characters (`columns.half_width_cut`), every character takes one."""
    found: set[int] = set()
    column = least_places if justified else places if by_places else len
    for i in range(len(lines) - 1):
        line, nxt, width = lines[i].strip(), lines[i + 1].strip(), widths[i]
        # Places never exceed characters, and a line of full-width characters as long as the column
        # less one fills more than `width - 1.5`: most lines are ruled out by their length alone.
        if not (line and nxt and width - 3 <= len(line) and not is_indented(lines[i])):
            continue
        body = without_hanging_mark(line)
        if not justified and len(body) >= width - 1 and not has_half_width(body):
            continue
        # A mark at the end of a short line may take its place in the column or hang past it.
        if not (
            width - 3 <= column(body) <= width - 1.5 or (not justified and width - 3 <= column(line) <= width - 1.5)
        ):
            continue
        prev = lines[i - 1].strip() if i else ""
        if prev and not ends_unit(prev) and not _stands_as_headline(lines, i - 1):
            continue
        if fills(lines[i + 1], width, justified) or (ends_unit(nxt) and not ends_unit(line)):
            found.add(i)
    return found


def _stands_as_headline(lines: list[str], i: int) -> bool:
    """Line `i` reads as a headline and stands where one does: first, or after a blank line or finished text."""
    before = lines[i - 1].strip() if i > 0 else ""
    return i >= 0 and is_headline_like(lines[i]) and (not before or ends_unit(before))


def detect_layout(lines: list[str]) -> Layout:
    """Decide, for the whole page, which convention marks its paragraphs.

    Counted over places where a sentence ends at a line's end: what follows it, a blank
    line and then more text of the article (a blank line before a headline separates
    articles on any page), an indented line, or the next line at once. Indentation wins
    where it marks paragraphs at least as often as blank lines do; blank lines win over
    bare line ends, as they do on the pages whose narrow columns also break lines at
    sentence ends. Indentation that OCR dropped (`lost_indents`) counts where it is seen at
    least twice and more often than paragraphs that start unindented with a full line (a
    headline may be two places short by chance). Lines are measured in characters, or, where
    the columns were justified by setting marks in half a place (`columns.is_justified`), in places;
    columns whose lines with half-width digits fill them in places, as print does, are as wide as
    those places (`columns.half_width_cut`)."""
    lengths = line_lengths(lines)
    justified = is_justified(lines, lengths)
    if justified:
        lengths = [justified_length(line) for line in lines]
        widths = column_widths(lines, lengths)
        by_places = True
    else:
        cut = half_width_cut(lines, lengths)
        by_places = cut != "characters"
        if cut == "places":  # a line with half-width digits holds more characters than its column is wide
            widths = column_widths(lines, [math.ceil(places(line.rstrip())) for line in lines])
        else:
            widths = column_widths(lines)
    width = page_width(lengths)
    visible = {i for i, line in enumerate(lines) if line.strip() and is_indented(line)}
    # Lines that follow a short line ending a sentence (a bare line end), and of them those that
    # fill the column: paragraphs that start unindented show that no indentation was lost.
    bare = [i + 1 for i in range(len(lines) - 1) if _bare_end(lines, i, lengths[i], widths[i], justified)]
    unindented = sum(fills(lines[i], widths[i], justified) for i in bare)
    candidates = lost_indents(lines, widths, justified, by_places)
    lost = candidates if len(candidates) >= max(2, unindented) else set()
    blank_gaps = 0
    for i, line in enumerate(lines[:-1]):
        if line.strip() and not lines[i + 1].strip() and ends_unit(line.strip()):
            after = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            # A first line short by its lost indentation may read like a headline; it is none.
            blank_gaps += after is not None and (after in lost or not is_headline_like(lines[after]))
    if visible and len(visible) >= blank_gaps:
        return Layout(INDENT, width, widths, frozenset(visible), justified=justified)
    if blank_gaps >= len(bare):
        if blank_gaps:
            return Layout(BLANK, width, widths, justified=justified)
        # Nothing shows how paragraphs are marked (one-paragraph articles): a first line two places
        # short under finished text or a headline is taken for one whose indentation was lost.
        return Layout(BLANK, width, widths, frozenset(candidates), seen=False, justified=justified)
    return Layout(NONE, width, widths, frozenset(lost), justified=justified)


def _bare_end(lines: list[str], i: int, length: int, width: int, justified: bool) -> bool:
    """Line `i` ends a sentence short of the column's edge (`columns.stops_short`: in a justified
    column, with room for one more character) and an unindented line follows at once."""
    nxt = lines[i + 1]
    return (
        bool(nxt.strip())
        and not is_indented(nxt)
        and 0 < length < width
        and (not justified or stops_short(lines[i], width, justified))
        and ends_unit(lines[i].strip())
    )


def paragraph_starts(lines: list[str], layout: Layout) -> set[int]:
    """Lines that start a paragraph by the page's convention even with no blank line before them:
    an indented line (indentation convention) or one whose indentation OCR dropped (neither),
    a line after a short line that ends a sentence (neither convention), the first line under a
    headline as wide as the column (neither, `_column_wide_headlines`), and a dateline after
    finished text or under a headline (any convention)."""
    starts: set[int] = set()
    prev = prev_raw = ""  # the previous non-blank line (stripped, raw)
    prev_i = -1
    tail = ""  # the end of the text before this line: a credit may wrap over two lines
    prev_opens = True  # `prev` begins a unit: first line, a start, or after finished text or a headline
    headlines = _column_wide_headlines(lines, layout) if layout.convention == NONE else set()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if prev and (_starts_paragraph(layout, i, line, prev_i, prev_raw, tail, prev_opens) or prev_i in headlines):
            starts.add(i)
        if prev:
            prev_opens = i in starts or ends_unit(tail) or (prev_opens and is_headline_like(prev))
        if i in starts:
            tail = ""
        prev, prev_raw, prev_i, tail = line, raw, i, (tail + line)[-UNIT_TAIL:]
    if layout.convention == NONE and not layout.indents:
        starts |= _starts_at_the_edge(lines, layout, starts)
    return starts


def _column_wide_headlines(lines: list[str], layout: Layout) -> set[int]:
    """On a page that marks paragraphs by neither blank lines nor indentation, blank lines set
    articles apart: each opens with its headline, right above the first paragraph; the
    headline may fill the column exactly, or stop two places short like a first line whose
    indentation OCR dropped. The lines that open an article (first on the page, or after a
    blank line under finished text) are taken for headlines where every one of them reads as
    one and, where there are more than two, no more of them fill the column exactly than stop
    short of it or run past it, as headlines of any length do; a page whose blank lines open
    body text (a page of blank-line paragraphs read as neither, whose first lines fill the
    column) has none."""
    openers: list[int] = []
    text = ""  # the text of the block before, up to the last blank line
    block: list[str] = []
    prev_block: list[str] = []
    for i, raw in enumerate(lines + [""]):
        line = raw.strip()
        if line:
            if not block and (not text or (ends_unit(text[-UNIT_TAIL:]) and not _lone_headline(prev_block))):
                openers.append(i)
            block.append(line)
        elif block:
            text, prev_block, block = "".join(block), block, []
    if not all(is_headline_like(lines[i]) for i in openers):
        return set()
    wide = sum(layout.is_full(lines[i], i) for i in openers)
    if len(openers) > 2 and wide > len(openers) - wide:
        return set()
    return {i for i in openers if i + 1 < len(lines) and lines[i + 1].strip()}


def _lone_headline(block: list[str]) -> bool:
    return len(block) == 1 and is_headline_like(block[0])


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
            and layout.is_full(prev_raw, i - 1)
            and ends_unit(prev_raw.strip())
            and (ENUMERATION_RE.match(line) or (so_far >= EDGE_MIN_CHARS and ahead[i] >= EDGE_MIN_CHARS))
        ):
            found.add(i)
            so_far = 0
        so_far += len(line)
        prev_raw = raw
    return found


def _starts_paragraph(
    layout: Layout, i: int, line: str, prev_i: int, prev_raw: str, tail: str, prev_opens: bool
) -> bool:
    if i in layout.indents:
        return True
    # A paragraph's first line is short where OCR dropped its indentation: it may end a sentence.
    if (
        layout.convention == NONE
        and layout.is_short(prev_raw, prev_i)
        and ends_unit(tail)
        and prev_i not in layout.indents
    ):
        return True
    # A dateline opens the report: after finished text, or under its headline, which may
    # fill the column exactly (a dateline's own first line, `本报北京１月８日讯…记者罗玉文、`, is none).
    if starts_dateline(line) and (
        ends_unit(tail) or (prev_opens and is_headline_like(prev_raw) and not starts_dateline(prev_raw))
    ):
        return True
    # A headline on its own line (shorter or longer than the column, never exactly as wide),
    # the article's first paragraph right below it. A paragraph's first line whose indentation
    # OCR dropped is short too, and a dateline may be as short: neither is a headline. On a page
    # of blank lines a headline stands apart; where the page shows no convention, it may not.
    return (
        (layout.convention != BLANK or not layout.seen)
        and prev_opens
        and prev_i not in layout.indents
        and not layout.is_full(prev_raw, prev_i)
        and is_headline_like(prev_raw)
        and not starts_dateline(prev_raw)
    )


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
                INDENT: i not in layout.indents,
                NONE: layout.is_full(prev_raw, i - 1),
            }
            if continues[layout.convention]:
                joins.add(i)
        prev_raw, blank_before = raw, False
    return joins
