"""Double-spaced OCR output: a blank line after every line of text, so blank lines no longer separate anything."""

from __future__ import annotations

from archiveviewer.ingest.ocr_repair import ends_unit

# A page counts as double-spaced when at least this many lines of text stand alone between blank lines ...
MIN_LINES = 6
# ... and at most this share of them runs on straight into the next line of text, ...
MAX_TIGHT_SHARE = 0.05
# ... and at least this share of the blank lines fall inside a sentence, after a line of at least
# `MIN_WRAPPED_CHARS` no shorter than the next one but by two: text wrapped in a column, not
# headlines, headings and one-line paragraphs each set off by a blank line.
MIN_WRAPPED_SHARE = 0.4
MIN_WRAPPED_CHARS = 6


def double_spacing_kept(lines: list[str]) -> list[int] | None:
    """The lines to read a double-spaced page by, or None where the page is not double-spaced.

    Some OCR exports put a blank line after every line of text. Then a single blank line
    between two lines of text is spacing and is dropped; where blank lines were two or more (a
    paragraph or an article ending), one is kept. The kept lines are returned as indexes into
    `lines`, so what is read from them can be placed back on the page's own lines."""
    text = [bool(line.strip()) for line in lines]
    count = sum(text)
    tight = sum(a and b for a, b in zip(text, text[1:], strict=False))
    gaps = [i for i in range(len(text) - 2) if text[i] and not text[i + 1] and text[i + 2]]
    if count < MIN_LINES or tight > MAX_TIGHT_SHARE * count or 2 * len(gaps) < count:
        return None
    wrapped = sum(_wrapped(lines[i].strip(), lines[i + 2].strip()) for i in gaps)
    if wrapped < max(3, MIN_WRAPPED_SHARE * len(gaps)):
        return None
    kept = []
    for i, is_text in enumerate(text):
        single_gap = not is_text and 0 < i < len(text) - 1 and text[i - 1] and text[i + 1]
        repeated_blank = not is_text and i > 0 and not text[i - 1]
        if not single_gap and not repeated_blank:
            kept.append(i)
    return kept


def _wrapped(line: str, nxt: str) -> bool:
    return len(line) >= max(MIN_WRAPPED_CHARS, len(nxt) - 2) and not ends_unit(line)
