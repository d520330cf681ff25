"""Tests of the query language parser."""

import pytest

from archiveviewer.search.items import QuerySyntaxError
from archiveviewer.search.query import (
    And,
    AuthorHas,
    DateIn,
    KindIs,
    Not,
    Or,
    TagIs,
    Term,
    parse,
    query_terms,
)


def test_words_are_anded():
    """Space-separated terms mean AND."""
    assert parse("无锡 总工会") == And((Term("无锡", raw="无锡"), Term("总工会", raw="总工会")))


def test_explicit_and_keyword():
    """Uppercase AND is the same as juxtaposition."""
    assert parse("无锡 AND 总工会") == parse("无锡 总工会")


def test_or_binds_looser_than_and():
    """a b OR c means (a AND b) OR c."""
    node = parse("a b OR c")
    assert isinstance(node, Or)
    assert isinstance(node.children[0], And)


def test_phrase_ignores_spaces_in_cjk():
    """A quoted phrase is one term; spaces inside CJK text disappear."""
    node = parse('"战疫 时间轴"')
    assert node == Term("战疫时间轴", raw="战疫 时间轴")


def test_negation_forms():
    """-term and NOT term both negate."""
    assert parse("-无锡") == Not(Term("无锡", raw="无锡"))
    assert parse("NOT 无锡") == parse("-无锡")


def test_parentheses_group():
    """Parentheses group an OR inside an AND."""
    node = parse("无锡 (慰问 OR 捐赠)")
    assert isinstance(node, And)
    assert isinstance(node.children[1], Or)


def test_parentheses_inside_a_word_are_literal():
    """市(县)区 is one term, not a group."""
    node = parse("市(县)区")
    assert isinstance(node, Term) and node.text == "市(县)区"


def test_title_field_with_quoted_value():
    """title:"…" searches a phrase in the title only."""
    node = parse('title:"战疫 时间轴"')
    assert node == Term("战疫时间轴", title_only=True, raw="战疫 时间轴")


@pytest.mark.parametrize(
    "value, kind", [("article", "article"), ("entry", "entry"), ("文档", "document"), ("批注", "annotation")]
)
def test_kind_field_accepts_english_and_chinese(value, kind):
    """kind: takes the English or Chinese kind name."""
    assert parse(f"kind:{value}") == KindIs(frozenset({kind}))


def test_tag_and_author_fields():
    """tag: and author: hold normalized values."""
    assert parse("tag:疫情") == TagIs("疫情")
    assert parse("author:陳") == AuthorHas("陈")


@pytest.mark.parametrize(
    "value, start, end",
    [
        ("2020-01-24", 20200124, 20200124),
        ("2020-02", 20200201, 20200229),
        ("2020", 20200101, 20201231),
        ("2020-01-24..2020-02-01", 20200124, 20200201),
        ("..2020-02-01", 0, 20200201),
        ("2020-01..", 20200101, 99999999),
    ],
)
def test_date_forms(value, start, end):
    """date: takes a day, a month, a year or an inclusive range with open ends."""
    assert parse(f"date:{value}") == DateIn(start, end)


def test_colon_in_cjk_or_time_is_text():
    """A colon after CJK or digits is ordinary text, not a field."""
    assert isinstance(parse("通知：无锡"), Term)
    assert parse("10:30") == Term("10:30", raw="10:30")


def test_field_names_ignore_case():
    """Title: works like title:."""
    assert parse("Title:战疫") == parse("title:战疫")


def test_query_terms_lists_positive_terms_only():
    """Negated terms and filters are not highlighted."""
    assert query_terms('无锡 -慰问 kind:entry title:战疫 "Wuxi City"') == ["无锡", "战疫", "wuxi city"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"无锡', "unbalanced quote"),
        ("(无锡 OR 江阴", "unbalanced parenthesis"),
        ("无锡)", "unbalanced parenthesis"),
        ("()", "empty parentheses"),
        ("date:2020-13-45", "bad date '2020-13-45'"),
        ("date:2020-02-30", "bad date"),
        ("date:20x0", "bad date"),
        ("date:2020-02-01..2020-01-24", "starts after it ends"),
        ("date:..", "at least one end"),
        ("foo:bar", "unknown field 'foo' (known: title, kind, tag, author, date)"),
        ("kind:poem", "unknown kind 'poem'"),
        ("title:", "needs a value"),
        ("OR 无锡", "'OR' needs a term on both sides"),
        ("无锡 OR", "'OR' needs a term on both sides"),
        ("无锡 OR OR 江阴", "'OR' needs a term on both sides"),
        ("无锡 NOT", "'NOT' needs a term after it"),
        ("无锡 -", "'-' must be written directly before a term"),
        ('""', "empty phrase"),
        ('ab"cd"', "quote inside a word"),
        ("\u200b", "no searchable characters"),
    ],
)
def test_malformed_queries_raise_with_a_message(query, message):
    """Each malformed query raises QuerySyntaxError saying what is wrong."""
    with pytest.raises(QuerySyntaxError) as err:
        parse(query)
    assert message in str(err.value)


def test_only_negations_parse():
    """A query of only NOT terms is valid (everything except those)."""
    assert parse("-无锡 -江阴") == And((Not(Term("无锡", raw="无锡")), Not(Term("江阴", raw="江阴"))))
