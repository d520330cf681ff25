"""Turns the export dicts (the CLI's `show --json` shape) into display strings shared by PDF and CSV."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .i18n import Export

# C0/C1 controls other than tab and newline: OCR debris that would print as
# boxes or end a PDF string early.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text(value: Any) -> str:
    """A printable string for any field value (None becomes empty)."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value))


def one_line(value: Any) -> str:
    """Like text(), with line breaks folded into spaces (for titles, headers, table cells)."""
    return " ".join(text(value).split())


def same_length_line(value: Any) -> str:
    """Like one_line() but character for character, so highlight offsets still point at the same text."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", "" if value is None else str(value))


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def format_yuan(value: Any) -> str:
    """¥440,000 or ¥1,234.50; empty when the value is missing or not a number."""
    d = to_decimal(value)
    if d is None:
        return ""
    if d == d.to_integral_value():
        return f"¥{int(d):,}"
    return f"¥{d:,.2f}"


def format_amount(amount: Mapping[str, Any]) -> str:
    """`44万元 (¥440,000)`: the printed text, then its value in yuan."""
    printed = one_line(amount.get("text"))
    yuan = format_yuan(amount.get("yuan"))
    if printed and yuan:
        return f"{printed} ({yuan})"
    return printed or yuan


def format_amounts(amounts: Iterable[Mapping[str, Any]] | None, sep: str = "\n") -> str:
    return sep.join(s for s in (format_amount(a) for a in amounts or ()) if s)


def masthead_line(masthead: Mapping[str, Any] | None) -> str:
    """`人民日报 · A06 · 2020-02-24 星期一 · Editor 汪自力 · Layout 邹琦 · Proofreader 王欣`."""
    if not masthead:
        return ""
    parts = []
    for key in ("paper", "page"):
        if masthead.get(key):
            parts.append(one_line(masthead[key]))
    when = " ".join(one_line(masthead.get(k)) for k in ("date", "weekday") if masthead.get(k))
    if when:
        parts.append(when)
    for key, label in (
        ("editor", Export.tr("Editor")),
        ("layout_editor", Export.tr("Layout")),
        ("proofreader", Export.tr("Proofreader")),
    ):
        if masthead.get(key):
            parts.append(f"{label} {one_line(masthead[key])}")
    return " · ".join(parts)


def kind_label(kind: Any) -> str:
    labels = {
        "article": Export.tr("Article"),
        "entry": Export.tr("Timeline entry"),
        "document": Export.tr("Document"),
        "annotation": Export.tr("Annotation"),
    }
    return labels.get(str(kind), one_line(kind))


def format_timestamp(value: Any) -> str:
    """`2026-11-28 10:00` from an ISO timestamp; other strings pass through."""
    s = one_line(value)
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?", s)
    return f"{m.group(1)} {m.group(2)}" if m else s


def highlight_spans(snippet: str, highlights: Any, query: str = "") -> list[tuple[int, int]]:
    """Sorted, merged [start, end) spans inside `snippet`; falls back to occurrences of the query."""
    spans = []
    for item in highlights or ():
        try:
            start, end = int(item[0]), int(item[1])
        except (TypeError, ValueError, IndexError):
            continue
        start, end = max(0, start), min(len(snippet), end)
        if start < end:
            spans.append((start, end))
    if not spans and query:
        for term in query.split():
            for m in re.finditer(re.escape(term), snippet):
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def date_range(dates: Iterable[Any]) -> str:
    ds = sorted(one_line(d) for d in dates if d)
    if not ds:
        return ""
    return ds[0] if ds[0] == ds[-1] else f"{ds[0]} – {ds[-1]}"
