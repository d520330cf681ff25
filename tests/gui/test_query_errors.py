"""Query syntax errors reach the user in the interface language, with their details filled in."""

import ast
import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archiveviewer.gui import i18n
from archiveviewer.gui.query_errors import CONTEXT, TEMPLATES, translate_query_error
from archiveviewer.search.items import QuerySyntaxError
from archiveviewer.search.query import parse

ROOT = Path(__file__).resolve().parents[2]
SEARCH = ROOT / "src" / "archiveviewer" / "search"
ZH_TS = ROOT / "src" / "archiveviewer" / "resources" / "i18n" / "archiveviewer_zh_CN.ts"


def _raised_templates() -> set[str]:
    found = set()
    for path in SEARCH.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QuerySyntaxError":
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno}: template must be a literal"
                found.add(first.value)
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_raised_template_is_listed_for_translation():
    """Each message the search module can raise is in the GUI's list, so lupdate collects it."""
    raised = _raised_templates()
    assert len(raised) >= 15
    assert raised <= set(TEMPLATES)


def test_chinese_translations_keep_the_placeholders():
    """Every Chinese template fills in the same values as the English one."""
    contexts = {c.findtext("name"): c for c in ET.parse(ZH_TS).getroot().iter("context")}
    messages = {m.findtext("source"): m.findtext("translation") for m in contexts[CONTEXT].iter("message")}
    for template in TEMPLATES:
        assert messages.get(template), f"no Chinese for {template!r}"
        assert _fields(messages[template]) == _fields(template), template


@pytest.mark.parametrize(
    "query, english, chinese",
    [
        ('"慰问', "unbalanced quote", "引号不配对"),
        ("date:2020-13-45", "bad date '2020-13-45'", "日期“2020-13-45”无效"),
        ("foo:bar", "unknown field 'foo'", "未知字段“foo”"),
    ],
)
def test_malformed_query_message_follows_the_language(query, english, chinese):
    """The same parse error reads in English or Chinese depending on the installed language."""
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    try:
        i18n.install("zh_CN")
        assert chinese in translate_query_error(info.value)
    finally:
        i18n.install("en")
    assert english in translate_query_error(info.value)
    assert not re.search(r"\{\w+\}", translate_query_error(info.value))
