"""OCR repair: doubled bold runs undone, wrapped lines joined into paragraphs."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.ingest.ocr_repair import (
    ends_sentence,
    is_heading_like,
    join_lines,
    join_paragraphs,
    undouble_line,
)

# --- doubled runs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "repaired"),
    [
        ("A06 20202020..22..2424 星期一星期一", "A06 2020.2.24 星期一"),
        (
            "责编责编 汪自力汪自力 ｜｜ 版式版式 邹琦邹琦 ｜｜ 校对校对 王欣王欣",
            "责编 汪自力 ｜ 版式 邹琦 ｜ 校对 王欣",
        ),
        ("星期一星期一", "星期一"),
        ("20202020年年22月月2424日日 星期一星期一", "2020年2月24日 星期一"),
    ],
)
def test_doubled_masthead_lines_are_repaired(line, repaired):
    """Overprinted masthead lines lose their doubling, token by token."""
    assert undouble_line(line) == repaired


@pytest.mark.parametrize(
    "line",
    [
        "谢谢",
        "常常",
        "看看书",
        "天天向上",
        "高高兴兴",
        "研究研究",
        "哈哈哈哈",
        "我们常常看看书，天天向上。",
        "谢谢 你好呀",
        " 精准施策 持续作战",
        "1122 3344",
        "A06 2020.2.24 星期一",
    ],
)
def test_legitimate_repeats_survive(line):
    """Reduplicated words and lines with any undoubled CJK token are left alone."""
    assert undouble_line(line) == line


def test_whitespace_around_tokens_is_kept():
    """Only the doubled tokens change; the spacing between them stays as printed."""
    assert undouble_line("  责编责编  汪自力汪自力\t") == "  责编  汪自力\t"


_DOUBLING_PIECES = st.sampled_from(list("星期一二汪自力谢天向上20.4｜A ") + ["  ", "星期一星期一", "2020"])
_DOUBLING_LINES = st.lists(_DOUBLING_PIECES, max_size=20).map("".join)


@settings(max_examples=400)
@given(_DOUBLING_LINES)
def test_undoubling_is_idempotent(line):
    """Repairing a repaired line changes nothing."""
    once = undouble_line(line)
    assert undouble_line(once) == once


@settings(max_examples=300)
@given(st.lists(st.text(st.sampled_from(list("星期一二汪自力谢天向上20.4｜A")), min_size=1, max_size=6), max_size=5))
def test_doubling_every_token_is_undone(tokens):
    """A line made by overprinting whole tokens is repaired back, when that is unambiguous."""
    line = " ".join(t + t for t in tokens)
    repaired = undouble_line(line)
    assert repaired in (line, " ".join(tokens))


def _written_twice(tok: str, i: int = 0) -> bool:
    """Brute force, for the test only: is tok[i:] a chain of runs each written twice?"""
    n = len(tok)
    return i == n or any(
        tok[i : i + k] == tok[i + k : i + 2 * k] and _written_twice(tok, i + 2 * k) for k in range(1, (n - i) // 2 + 1)
    )


def _has_doubled_token(line: str) -> bool:
    return any(len(tok) >= 2 and _written_twice(tok) for tok in line.split())


@settings(max_examples=400)
@given(_DOUBLING_LINES)
def test_text_without_doubled_tokens_is_unchanged(line):
    """A line none of whose tokens is doubled comes back exactly as it was."""
    if not _has_doubled_token(line):
        assert undouble_line(line) == line


# --- line predicates ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["防控口罩。", "阻击战”。", "真的吗？", "好！", "如下：", "（完）。", "end."])
def test_sentence_ends_are_recognised(text):
    """Full stops, also behind closing quotes, end a sentence."""
    assert ends_sentence(text)


@pytest.mark.parametrize("text", ["时已立春，万", "象更新。在这场", "的通告》", "212.45", "（陈煜蕾）", ""])
def test_fragments_do_not_end_a_sentence(text):
    """Commas, mid-line stops, closing brackets alone and numbers do not end a sentence."""
    assert not ends_sentence(text)


@pytest.mark.parametrize("line", ["出台政策惠企业", "无锡工会“战疫”时间轴", "万众一心 阻击疫情"])
def test_headings_look_like_headings(line):
    """Short lines without clause punctuation may be headings."""
    assert is_heading_like(line)


@pytest.mark.parametrize(
    "line",
    ["时已立春，万", "◆ 1月24日", "（陈煜蕾）", "2", "2020年2月24日", "一二三四五六七八九十一二三四五六七八九十一"],
)
def test_non_headings_are_rejected(line):
    """Clause punctuation, timeline dates, bylines, numbers, dates and long lines are not headings."""
    assert not is_heading_like(line)


# --- line joining -------------------------------------------------------------------------


def test_cjk_lines_join_without_spaces():
    """Lines wrapped mid-sentence join with nothing between them."""
    assert join_lines(["为减轻新冠肺炎疫情对小微企业生产和", "员工生活的影响，帮助小微", "企业渡过难关。"]) == [
        "为减轻新冠肺炎疫情对小微企业生产和员工生活的影响，帮助小微企业渡过难关。"
    ]


def test_latin_words_join_with_a_space():
    """A line break between Latin words becomes one space; CJK-Latin joins stay tight."""
    assert join_lines(["The union raised", "funds for 2", "hospitals in", "无锡 and", "Wuhan."]) == [
        "The union raised funds for 2 hospitals in无锡 and Wuhan."
    ]


def test_spaces_inside_a_line_are_kept():
    """Spaces printed inside a line (book titles, numbers) survive joining."""
    assert join_lines(["发布《齐心协力 众志成城", "——坚决打赢疫情防控阻", "击战倡议书》。"]) == [
        "发布《齐心协力 众志成城——坚决打赢疫情防控阻击战倡议书》。"
    ]
    assert join_lines(["每人每", "月可领取 100 元生活补", "贴。"]) == ["每人每月可领取 100 元生活补贴。"]


def test_blank_line_after_a_sentence_breaks_the_paragraph():
    """A blank line after a finished sentence starts a new paragraph."""
    assert join_lines(["第一段结束了。", "", "第二段开始，", "还在继续。"]) == [
        "第一段结束了。",
        "第二段开始，还在继续。",
    ]


def test_side_column_fragments_are_rejoined():
    """A narrow column split by blank lines mid-sentence is one paragraph again."""
    column = ["时已立春，万", "", "象更新。在这场", "", "看不见硝烟的战", "", "“疫”中，无锡各级", "", "工会组织守土有"]
    column += ["", "责、精准施策，全", "", "力协助企业做好", "", "疫情防控和复工", "", "复产工作，保障经", ""]
    column += ["济社会平稳运行。"]
    assert join_lines(column) == [
        "时已立春，万象更新。在这场看不见硝烟的战“疫”中，无锡各级工会组织守土有责、"
        "精准施策，全力协助企业做好疫情防控和复工复产工作，保障经济社会平稳运行。"
    ]


def test_units_break_paragraphs_even_mid_block():
    """A `◆` date or a byline starts its own unit, and nothing joins onto a bare date."""
    lines = ["上文没有结束", "◆ 1月24日", "无锡市总工会筹措资", "", "金44万元。", "（陈煜蕾）"]
    assert join_lines(lines) == ["上文没有结束", "◆ 1月24日", "无锡市总工会筹措资金44万元。", "（陈煜蕾）"]


def test_lone_heading_is_its_own_paragraph():
    """A heading-like line set off by blank lines after a finished sentence stays apart."""
    assert join_lines(
        ["出台政策惠企业", "", "为减轻疫情影响，", "帮助企业。", "", "当好防疫复工勤务员", "", "正文。"]
    ) == [
        "出台政策惠企业",
        "为减轻疫情影响，帮助企业。",
        "当好防疫复工勤务员",
        "正文。",
    ]


def test_first_line_after_a_date_is_not_a_heading():
    """With first_is_body, a short first line cut off by a blank joins its sentence."""
    lines = ["无锡市总工会筹措资", "", "金44万元。"]
    assert join_lines(lines) == ["无锡市总工会筹措资", "金44万元。"]
    assert join_lines(lines, first_is_body=True) == ["无锡市总工会筹措资金44万元。"]


def test_indented_line_after_a_sentence_starts_a_paragraph():
    """Ideographic-space indentation marks a new paragraph even without a blank line."""
    assert join_lines(["\u3000\u3000第一段。", "\u3000\u3000第二段，", "续。"]) == ["第一段。", "第二段，续。"]


def test_paragraph_line_ranges_are_inclusive_input_indexes():
    """Each paragraph reports the first and last input line it came from."""
    paragraphs = join_paragraphs(["", "甲，", "", "乙。", "", "", "丙。", ""])
    assert [(p.text, p.first, p.last) for p in paragraphs] == [("甲，乙。", 1, 3), ("丙。", 6, 6)]


_LINE_PIECES = st.sampled_from(
    list("无锡工会，。、；！？“”《》（）◆月日 0123456789abcXY.-\u3000\t") + ["（陈煜蕾）", "◆ 1月24日", "  "]
)
_LINES = st.lists(st.one_of(st.just(""), st.lists(_LINE_PIECES, max_size=8).map("".join)), max_size=25)


def _non_space(chars) -> list[str]:
    return [c for c in chars if not c.isspace()]


@settings(max_examples=500)
@given(_LINES)
def test_joining_keeps_every_character_in_order(lines):
    """Joining never loses, adds or reorders a non-space character."""
    paragraphs = join_paragraphs(lines)
    assert _non_space("".join(p.text for p in paragraphs)) == _non_space("".join(lines))
    assert all(p.text and p.text == p.text.strip() for p in paragraphs)
    bounds = [(p.first, p.last) for p in paragraphs]
    assert all(a <= b for a, b in bounds)
    assert all(prev[1] < nxt[0] for prev, nxt in zip(bounds, bounds[1:]))
