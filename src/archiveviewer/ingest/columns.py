"""Printed columns as OCR gives them back: the places a line takes, its column's width, whether it fills it."""

from __future__ import annotations

import math
import re
from collections import Counter

from archiveviewer.ingest.ocr_repair import ends_unit, is_headline_like

# Marks a line never starts with (kinsoku): typesetting hangs them at the end of the full line before.
HANGING = frozenset("，。、；：？！）」』”’》〉】…·%％")
# Half-width characters (digits, Latin letters: below U+2000) take half a place in a printed column.
_NARROW_RE = re.compile("[\x00-\u1fff]")
# Marks a typesetter may set in half a place to justify a line (punctuation compression).
COMPRESSIBLE = "，。、；：？！“”‘’（）《》「」『』【】"
_NARROW_OR_MARK_RE = re.compile("[\x00-\u1fff" + re.escape(COMPRESSIBLE) + "]")
# How much more often next lines must agree in places than in characters (a share of all pairs).
JUSTIFIED_MARGIN = 0.05
# Lines around a line that tell its column's width: this many on each side, within its block.
WIDTH_WINDOW = 8


def places(line: str) -> float:
    """Places the line takes in a printed column: a half-width character (a digit, a Latin letter) takes half."""
    return len(line) - len(_NARROW_RE.findall(line)) / 2


def least_places(line: str) -> float:
    """The fewest places the line can take: its compressible marks set in half a place each."""
    return len(line) - len(_NARROW_OR_MARK_RE.findall(line)) / 2


def has_half_width(line: str) -> bool:
    return bool(_NARROW_RE.search(line))


def without_hanging_mark(line: str) -> str:
    """The line without a final mark that typesetting hangs past the column's edge."""
    return line[:-1] if len(line) > 1 and line[-1] in HANGING else line


def fills(raw: str, width: int, justified: bool = False) -> bool:
    """The line fills a column `width` wide: the text most likely wraps on.

    Exactly `width` characters; or, as a printed column comes back from OCR, `width` places
    where a half-width character (a digit, a Latin letter) takes half a place, with a mark
    that may not start a line (`。`, `，`, `”`…) hanging at its end (kinsoku); or a justified
    line a character or two longer, whose marks were set in half a place each. In a
    `justified` column (widths counted in places): no room was left for one more character."""
    line = raw.rstrip()
    if justified:
        return least_places(line) > width - 1 and least_places(without_hanging_mark(line)) <= width
    if len(line) == width:
        return True
    if len(line) < width:
        return False
    body = without_hanging_mark(line)
    room = places(body)
    if width - 0.5 <= room <= width:
        return True
    # A justified line whose marks were set in half a place each holds a character or two more
    # (a headline's quotes and brackets do not make it a line of the column).
    return least_places(body) <= width <= room and not is_headline_like(line)


def stops_short(raw: str, width: int, justified: bool = False) -> bool:
    """The line stops before the edge of a column `width` wide, so a paragraph may end in it."""
    if justified:
        return least_places(raw.strip()) <= width - 1
    return len(raw.rstrip()) < width


def justified_length(raw: str) -> int:
    """Places a line fills in a justified column, where every mark may be set in half a place
    (a mark hanging past the edge not counted), rounded up: each full line fills the width."""
    line = raw.rstrip()
    if not line.strip():
        return 0
    return math.ceil(least_places(without_hanging_mark(line)))


def line_lengths(lines: list[str]) -> list[int]:
    """Characters in each line, trailing spaces not counted (0: a blank line). A mark hanging past
    the column's edge counts: where lines are cut at an exact width, marks end full lines too."""
    return [len(line.rstrip()) if line.strip() else 0 for line in lines]


def is_justified(lines: list[str], lengths: list[int]) -> bool:
    """Whether the page's columns were justified by setting marks in half a place: next lines then
    agree in places so counted (`justified_length`) more often than in characters (or in places
    with marks at full width, where half-width characters make the two differ), by at least
    `JUSTIFIED_MARGIN` of all pairs of next lines and at least 4. (On 300 pages of the evaluation
    corpus: justified pages by 0.31 of the pairs, 0.14 at the 5th percentile, 0.10 with
    half-width digits; ragged pages, cut by places with marks at full width, by -0.26, 0.00 at
    the 99th percentile, with half-width digits too; pages cut by characters never. The
    bundled sample without its blank lines: 0.08.)"""
    # Both measures leave out a mark hanging past the edge: only setting marks narrower may differ.
    lengths = [len(without_hanging_mark(line.rstrip())) if n else 0 for line, n in zip(lines, lengths, strict=True)]
    pairs = sum(a > 0 < b for a, b in zip(lengths, lengths[1:], strict=False))
    agree = sum(a == b > 0 for a, b in zip(lengths, lengths[1:], strict=False))
    half = [k for k, line in enumerate(lines) if lengths[k] and _NARROW_RE.search(line)]
    if half:  # printed by places, marks at full width: only lines with half-width characters differ
        room = list(lengths)
        for k in half:
            room[k] = math.ceil(places(without_hanging_mark(lines[k].rstrip())))
        agree = max(agree, sum(a == b > 0 for a, b in zip(room, room[1:], strict=False)))
    margin = max(4, JUSTIFIED_MARGIN * pairs)
    if pairs - agree < margin:
        return False  # places cannot agree that much more often: not worth counting
    need, found, last = agree + margin, 0, 0
    for k, line in enumerate(lines):
        counted = justified_length(line) if lengths[k] else 0
        found += counted == last > 0
        last = counted
        if found + len(lines) - 1 - k < need:  # the pairs left cannot make up the margin
            return False
    return True


def half_width_cut(lines: list[str], lengths: list[int]) -> str | None:
    """How the page's lines were cut where they hold half-width characters (digits, Latin
    letters): `"characters"`, each counted as whole, as a text re-wrapped by software is;
    `"places"`, each taking half a place, as print (and OCR of it) fills a column; None where
    the page does not tell. Told by next lines that run on mid-sentence, one of them at least
    with half-width characters: whether more such pairs are as long in characters, or in
    places (`places`, a mark at the end counted or, as hanging past the edge, not)."""
    in_characters = in_places = 0
    n = len(lines)

    def runs_on(k: int) -> bool:  # mid-sentence, from the line before into the next
        return (
            0 < k < n - 1
            and bool(lengths[k - 1] and lengths[k] and lengths[k + 1])
            and not ends_unit(lines[k].rstrip())
            and not ends_unit(lines[k - 1].rstrip())
        )

    def room(line: str) -> set[int]:  # in places, a mark at the end may hang past the edge or not
        return {math.ceil(places(line)), math.ceil(places(without_hanging_mark(line)))}

    half = [k for k in range(1, n - 1) if lengths[k] and _NARROW_RE.search(lines[k])]
    pairs = sorted({(a, a + 1) for k in half for a in (k - 1, k)})
    for a, b in pairs:
        if runs_on(a) and runs_on(b):
            first, second = lines[a].rstrip(), lines[b].rstrip()
            in_characters += len(first) == len(second)
            in_places += bool(room(first) & room(second))
    if in_characters == in_places:
        return None
    return "characters" if in_characters > in_places else "places"


def page_width(lengths: list[int]) -> int:
    """The commonest length of the page's non-blank lines (longer on a tie); 0 for an empty page."""
    counts = Counter(n for n in lengths if n)
    return max(counts, key=lambda n: (counts[n], n)) if counts else 0


def column_widths(lines: list[str], lengths: list[int] | None = None) -> tuple[int, ...]:
    """Per line, the width of its column, told by the lengths of the lines within `WIDTH_WINDOW`
    of it in its block (lines between blank lines; `_column_width`); where they tell nothing,
    the longest line of a block of three or more after its first, else the page's commonest
    length (`page_width`). `lengths`: each line's length in the page's measure (characters,
    `line_lengths`, or places of a justified column, `justified_length`)."""
    lengths = line_lengths(lines) if lengths is None else lengths
    page = page_width(lengths)
    widths = [page] * len(lines)
    i, n = 0, len(lines)
    while i < n:
        if not lengths[i]:
            i += 1
            continue
        j = i
        while j < n and lengths[j]:
            j += 1
        # A short block whose lengths all differ (a paragraph of three lines in a column of its own):
        # its longest line after the first (a headline or a short first line) fills the column.
        default = max(lengths[i + 1 : j]) if j - i >= 3 else page
        if j - i <= WIDTH_WINDOW + 1:  # every line's window is the whole block
            widths[i:j] = [_column_width(Counter(lengths[i:j]), default)] * (j - i)
            i = j
            continue
        counts: Counter[int] = Counter(lengths[i : i + WIDTH_WINDOW])
        width = -1
        for k in range(i, j):
            added = lengths[k + WIDTH_WINDOW] if k + WIDTH_WINDOW < j else None
            removed = lengths[k - WIDTH_WINDOW - 1] if k - WIDTH_WINDOW - 1 >= i else None
            if added != removed or width < 0:  # in an even column, a full line in for a full line out
                if added is not None:
                    counts[added] += 1
                if removed is not None:  # dropped at zero: stale lengths would slow every later choice
                    counts[removed] -= 1
                    if not counts[removed]:
                        del counts[removed]
                width = _column_width(counts, default)
            widths[k] = width
        i = j
    return tuple(widths)


def _column_width(counts: Counter[int], default: int) -> int:
    """The commonest length, or the one two longer where at least half as many lines have it (a
    column of short paragraphs holds nearly as many first lines two places short, their
    indentation lost, as full ones), that at most one line exceeds by more than two characters
    (a headline above the column; half-width digits and a mark set in half a place make a full
    line longer). A run of lines that all stop short (captions) tells nothing: `default`."""
    top = max(counts.values())
    fits = [n for n, k in counts.items() if k >= 2 and 2 * k >= top]
    fits.sort(key=lambda n: (-counts[n], n))  # commonest first, shorter on a tie
    for length in fits:
        if counts.get(length + 2, 0) * 2 >= counts[length]:
            length += 2
        if sum(k for n, k in counts.items() if n > length + 2) <= 1:
            return length
    return default
