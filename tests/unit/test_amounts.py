"""Sums of money found in text, as printed and in yuan."""

from decimal import Decimal

import pytest

from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.ingest.page_model import Amount


@pytest.mark.parametrize(
    ("text", "printed", "yuan"),
    [
        ("筹措资金44万元驰援", "44万元", 440000),
        ("又筹措专项资金212.45万元，", "212.45万元", 2124500),
        ("新增投入81.09万元专项经费", "81.09万元", 810900),
        ("每月可领取 100 元生活补贴", "100 元", 100),
        ("每人发放5000元慰问金", "5000元", 5000),
        ("送去慰问金18万元。", "18万元", 180000),
        ("投资1.5亿元", "1.5亿元", 150000000),
        ("补贴3千元", "3千元", 3000),
        ("捐款1,200元", "1,200元", 1200),
        ("共1000多万元", "1000多万元", 10000000),
        ("奖励０.５万元", "０.５万元", 5000),
        ("找零0.5元", "0.5元", Decimal("0.5")),
        ("籌措資金44萬元", "44萬元", 440000),
        ("投資2億元", "2億元", 200000000),
    ],
)
def test_sums_of_money_are_found_with_value_in_yuan(text, printed, yuan):
    """Each sum keeps its printed text and gets its value in yuan."""
    assert find_amounts(text) == [Amount(printed, Decimal(yuan))]


@pytest.mark.parametrize(
    "text", ["提供了30公里线缆", "178名职工", "近 1000 多名志愿者", "2家市级定点医院", "3元素", "100美元"]
)
def test_other_quantities_are_not_money(text):
    """Distances, head counts, other currencies and words starting with 元 are not amounts."""
    assert find_amounts(text) == []


def test_amounts_come_in_order_of_appearance():
    """Several sums in one text come back left to right."""
    text = "共筹措资金82万元，为164位援鄂医疗队队员每人发放5000元慰问金。"
    assert [(a.text, a.yuan) for a in find_amounts(text)] == [("82万元", 820000), ("5000元", 5000)]


def test_whole_yuan_are_integers():
    """Whole values carry no decimal places, so they print and compare as plain integers."""
    (amount,) = find_amounts("212.45万元")
    assert str(amount.yuan) == "2124500"
