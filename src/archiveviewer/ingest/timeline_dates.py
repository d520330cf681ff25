"""Timeline-entry dating: the date of a `◆ M月D日` line and the text it was printed as."""

from __future__ import annotations

import datetime as dt
import re


class EntryDates:
    """Turns `M月D日` into dates: the year comes from the entry, else the page date, else
    the previous entry; a month far after the page's belongs to the year before."""

    def __init__(self, page_date: dt.date | None):
        self.page_date = page_date
        self.previous: dt.date | None = None

    def resolve(self, m: re.Match[str]) -> dt.date | None:
        """The date of an `ENTRY_RE` match, or None when no year is known or no such day exists."""
        month, day = int(m["month"]), int(m["day"])
        if m["year"]:
            year = int(m["year"])
        elif self.page_date is not None:
            year = self.page_date.year - (1 if month - self.page_date.month > 6 else 0)
        elif self.previous is not None:
            year = self.previous.year + (1 if self.previous.month - month > 6 else 0)
        else:
            return None
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        self.previous = date
        return date


def entry_date_text(m: re.Match[str]) -> str:
    """The date as printed in an `ENTRY_RE` match (`1月24日`), without the `◆` and the text after it."""
    text = m.group(0)[: m.start("rest") - m.start()] if m["rest"] else m.group(0)
    return text.strip().lstrip("◆◇").strip()
