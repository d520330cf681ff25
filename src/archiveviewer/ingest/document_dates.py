"""Document dates from the text: the masthead, a dateline with a known year, a stated full date; never guessed."""

from __future__ import annotations

import datetime as dt
import re

from archiveviewer.ingest.layout import DATELINE_RE

_FULL_DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
# Datelines print month and day in digits or in Chinese numerals (`一月十二日电`).
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_MONTH_DAY_RE = re.compile(rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
# `（新华社北京１２月３１日电）` closing an article carries its date too.
_CLOSING_DATELINE_RE = re.compile(r"[（(][^（）()]{0,16}?" + _MONTH_DAY_RE.pattern + r"[电電讯訊][）)]$")
# A year in a file name: `rmrb-19980105-03.txt`, `1998-01-05 第3版.txt`, `人民日报1998年.txt`.
_NAME_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:[-_.年]?(?P<m>[01]\d)(?:[-_.月]?(?P<d>[0-3]\d))?)?(?!\d)")


def _number(text: str) -> int:
    """`１２`, `12`, `十二`, `二十一` → the number."""
    if text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_DIGITS.get(text, 0)
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def name_date_hint(file_name: str) -> tuple[int | None, int | None]:
    """(year, month) stated by a file name, each None when it states none."""
    m = _NAME_DATE_RE.search(file_name or "")
    if not m:
        return None, None
    month = int(m["m"]) if m["m"] and 1 <= int(m["m"]) <= 12 else None
    return int(m["y"]), month


def _with_year(month: int, day: int, year: int, hint_month: int | None) -> dt.date | None:
    # A December dateline on a page filed in January belongs to the year before.
    if hint_month is not None and month - hint_month > 6:
        year -= 1
    return _date(year, month, day)


def document_date(
    paragraphs: list[str], masthead_date: dt.date | None, file_name: str = "", page_year: int | None = None
) -> dt.date | None:
    """The date a reader gives the document.

    The masthead's date where the page prints one; otherwise the month and day of the
    article's dateline (`新华社北京１月１８日电`, opening the first paragraph or closing
    the last), with the year the dateline states, else the page's year, else the one in
    the file name; otherwise a full date opening the first paragraph (`１９９８年１月５日，…`).
    Without any of these the document stays undated."""
    if masthead_date is not None:
        return masthead_date
    if not paragraphs:
        return None
    year_hint, month_hint = name_date_hint(file_name)
    if page_year is not None:
        year_hint, month_hint = page_year, None
    first, last = paragraphs[0].strip(), paragraphs[-1].strip()
    candidates = []
    head = DATELINE_RE.match(first)
    if head:
        candidates.append(_MONTH_DAY_RE.search(head.group()))
    closing = _CLOSING_DATELINE_RE.search(last)
    if closing:
        candidates.append(_MONTH_DAY_RE.search(closing.group()))
    for m in candidates:
        if m is None:
            continue
        month, day = _number(m["m"]), _number(m["d"])
        if m["y"]:
            return _date(int(m["y"]), month, day)
        if year_hint is not None:
            return _with_year(month, day, year_hint, month_hint)
    full = _FULL_DATE_RE.match(first)
    if full:
        return _date(int(full["y"]), int(full["m"]), int(full["d"]))
    return None
