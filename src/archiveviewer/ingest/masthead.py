"""Masthead recognition: the paper, page, date, weekday and editor lines atop a page."""

from __future__ import annotations

import datetime as dt
import re

from archiveviewer.ingest.page_model import Masthead

# Masthead lines sit among the first lines of a page (a headline may come first).
MASTHEAD_SCAN_LINES = 15

_SIMPLIFIED_ROLE_LABELS = {
    "责任编辑": "editor",
    "责编": "editor",
    "编辑": "editor",
    "美术编辑": "layout_editor",
    "版式设计": "layout_editor",
    "版面设计": "layout_editor",
    "美编": "layout_editor",
    "版式": "layout_editor",
    "责任校对": "proofreader",
    "责校": "proofreader",
    "校对": "proofreader",
}
# Big5 pages print the same labels in traditional characters (責編, 美編, 校對).
_TRADITIONAL = str.maketrans("责编术对设计", "責編術對設計")
_ROLE_LABELS = _SIMPLIFIED_ROLE_LABELS | {
    label.translate(_TRADITIONAL): role for label, role in _SIMPLIFIED_ROLE_LABELS.items()
}
_LABEL_ALT = "|".join(sorted(_ROLE_LABELS, key=len, reverse=True))
# A name runs until a separator or the next label (`责编汪自力版式邹琦` has no spaces).
_NAME = rf"(?:(?!{_LABEL_ALT})[\u4e00-\u9fff·]){{2,8}}"
_MASTHEAD_ITEMS = [
    ("date", re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")),
    ("date", re.compile(r"(?P<y>\d{4})\s*[.\-/]\s*(?P<m>\d{1,2})\s*[.\-/]\s*(?P<d>\d{1,2})(?![\d.])")),
    ("weekday", re.compile(r"(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]")),
    ("role", re.compile(rf"(?P<label>{_LABEL_ALT})\s*[:：]?\s*(?P<name>{_NAME}(?:、{_NAME})*)")),
    ("page", re.compile(r"第\s*[A-Z]?\d{1,3}\s*版|[A-Z]{1,2}\d{1,3}(?:\s*版)?|\d{1,3}\s*版|\d{1,3}(?!\d)")),
    ("paper", re.compile(r"[\u4e00-\u9fff]{1,10}?(?:[日晚早时時商周週导導][报報])")),
]
_MASTHEAD_SEPARATORS = re.compile(r"[\s｜|/·•]+")


def parse_masthead_line(line: str) -> Masthead | None:
    """The masthead fields in `line` if the whole line is masthead items, else None.

    A line needs a date with a page, weekday or paper name, or an editor role: a lone
    date is more often a document's own date than a masthead."""
    found: dict[str, object] = {}
    pos, n = 0, len(line)
    while pos < n:
        sep = _MASTHEAD_SEPARATORS.match(line, pos)
        if sep:
            pos = sep.end()
            continue
        for kind, pattern in _MASTHEAD_ITEMS:
            m = pattern.match(line, pos)
            if m and _store_item(found, kind, m):
                pos = m.end()
                break
        else:
            return None
    has_date_context = "date" in found and found.keys() & {"page", "weekday", "paper"}
    if not (has_date_context or found.keys() & set(_ROLE_LABELS.values())):
        return None
    return Masthead(**found)  # type: ignore[arg-type]


def _store_item(found: dict[str, object], kind: str, m: re.Match[str]) -> bool:
    if kind == "date":
        try:
            value: object = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return False
        found.setdefault("date", value)
    elif kind == "role":
        found.setdefault(_ROLE_LABELS[m["label"]], m["name"])
    else:
        found.setdefault(kind, m.group().replace(" ", ""))
    return True


def find_masthead(lines: list[str]) -> tuple[Masthead | None, set[int]]:
    """The masthead merged from the masthead lines near the top, and those lines' indexes."""
    merged: dict[str, object] = {}
    used: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > MASTHEAD_SCAN_LINES:
            break
        parsed = parse_masthead_line(line.strip())
        if parsed is None:
            continue
        used.add(i)
        for key, value in vars(parsed).items():
            if value is not None:
                merged.setdefault(key, value)
    return (Masthead(**merged) if used else None), used  # type: ignore[arg-type]
