"""Sums of money in Chinese text (`212.45万元`, `100 元`) with their value in yuan."""

from __future__ import annotations

import re
from decimal import Decimal

from archiveviewer.ingest.page_model import Amount

# Traditional 萬/億 too: Big5 pages print them.
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_AMOUNT_RE = re.compile(
    # Not the tail of a longer number (`1.5` inside `21.5`, `000` inside `1,000`).
    r"(?<![0-9０-９.,])"
    r"(?P<number>[0-9０-９]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
    # `1000多万元` is a sum too; its value is the stated lower bound.
    r"(?:[ \t\u3000]*[多余])?"
    r"[ \t\u3000]*(?P<multiplier>[万萬][亿億]|[十百千]?[万萬亿億]|[十百千])?"
    r"[ \t\u3000]*元"
    # 元 also begins words that are not money after a number (3元素, 1元旦 are rare but real).
    r"(?![素旦宵])"
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money in yuan, in order of appearance; `text` is each as printed."""
    return [Amount(text=m.group(0), yuan=_value(m)) for m in _AMOUNT_RE.finditer(text)]


def _value(match: re.Match[str]) -> Decimal:
    value = Decimal(match.group("number").translate(_FULLWIDTH).replace(",", ""))
    for unit in match.group("multiplier") or "":
        value *= _MULTIPLIERS[unit]
    # Whole yuan as plain integers (2124500, not 2124500.00) so values compare and print cleanly.
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()
