"""Match spans on original text, and hit snippets with highlight offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import WORD_CLASS, has_cjk, is_cjk, normalize_with_offsets
from .query import Term, parse, positive_terms

SNIPPET_WIDTH = 72
LEAD = 20  # characters of context shown before the first match
ELLIPSIS = "…"


@lru_cache(maxsize=1024)
def word_regex(text: str) -> re.Pattern:
    """A pattern for a non-CJK term that only matches at word boundaries."""
    pattern = re.escape(text)
    if re.match(WORD_CLASS, text[0]):
        pattern = f"(?<!{WORD_CLASS})" + pattern
    if re.match(WORD_CLASS, text[-1]):
        pattern += f"(?!{WORD_CLASS})"
    return re.compile(pattern)


def find_spans(text: str, normalized: str) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of a normalized term in a normalized text."""
    if not text:
        return []
    if has_cjk(text):
        spans = []
        n = len(text)
        i = normalized.find(text)
        while i >= 0:
            spans.append((i, i + n))
            i = normalized.find(text, i + n)
        return spans
    return [m.span() for m in word_regex(text).finditer(normalized)]


def _original_spans(terms: list[Term], original: str) -> list[tuple[int, int]]:
    norm, origin = normalize_with_offsets(original)
    spans = set()
    for term in terms:
        for i, j in find_spans(term.text, norm):
            spans.add((origin[i], origin[j - 1] + 1))
    return sorted(spans)


def highlight_spans(query: str, text: str) -> list[tuple[int, int]]:
    """[start, end) spans in `text` (original, unnormalized) of every match of every positive term."""
    return _original_spans(positive_terms(parse(query)), text)


def _cjkish(c: str) -> bool:
    return bool(c) and (is_cjk(c) or "\uff00" <= c <= "\uffef")


def _display(text: str, start: int, end: int) -> tuple[str, list[int | None]]:
    """Text[start:end] for one-line display, with each original index's position in it.

    A single line break between two CJK characters (or full-width
    punctuation) is an OCR wrap inside a sentence and vanishes; other
    whitespace runs, paragraph breaks included, become one space.
    """
    out: list[str] = []
    where: list[int | None] = [None] * (end - start)
    i = start
    while i < end:
        c = text[i]
        if not c.isspace():
            where[i - start] = len(out)
            out.append(c)
            i += 1
            continue
        j = i
        while j < end and text[j].isspace():
            j += 1
        run = text[i:j]
        before = text[i - 1] if i > 0 else ""
        after = text[j] if j < len(text) else ""
        wrap = run.count("\n") == 1 and _cjkish(before) and _cjkish(after)
        if out and j < end and not wrap:
            for k in range(i, j):
                where[k - start] = len(out)
            out.append(" ")
        i = j
    return "".join(out), where


def make_snippet(
    title: str, text: str, terms: list[Term], width: int = SNIPPET_WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt around the first match, and match offsets in it.

    Built from one field: the text, or the title when only the title matched
    (pass an empty title for items whose title is not matched).
    """
    source = text
    spans = _original_spans(terms, text) if terms else []
    if terms and not spans and title:
        title_spans = _original_spans(terms, title)
        if title_spans:
            source, spans = title, title_spans
    if spans:
        first = spans[0][0]
        start = max(0, first - LEAD)
        end = min(len(source), start + width)
        start = max(0, min(start, end - width))
    else:
        start, end = 0, min(len(source), width)
    # Do not open or close the excerpt on whitespace.
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    shown, where = _display(source, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if source[end:].strip() else ""
    off = len(prefix)
    highlights = []
    for s, e in spans:
        if s < start or e > end:
            continue
        a, b = where[s - start], where[e - 1 - start]
        if a is None or b is None:  # pragma: no cover - spans start/end on visible characters
            continue
        highlights.append((a + off, b + 1 + off))
    return prefix + shown + suffix, highlights
