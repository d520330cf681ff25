"""Translates the search module's query syntax errors (English sentences) into the interface language.

The messages are matched by pattern; an unknown message is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_C = "QueryErrors"

# (pattern over the English message, template with %1, %2 for the groups).
# QT_TRANSLATE_NOOP marks the templates for lupdate; they are translated when shown.
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"unbalanced parenthesis: '\)' at position (\d+) closes nothing"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unbalanced parenthesis: the ')' at position %1 closes nothing")),
    (re.compile(r"unbalanced parenthesis: a '\(' is never closed"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unbalanced parenthesis: a '(' is never closed")),
    (re.compile(r"unbalanced quote: the '\"' at position (\d+) is never closed"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unbalanced quote: the '\"' at position %1 is never closed")),
    (re.compile(r"'-' must be written directly before a term"),
     QT_TRANSLATE_NOOP("QueryErrors", "Write '-' directly before a term, like -word")),
    (re.compile(r"unknown field '(.+?)' \(known: (.+)\)"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unknown field '%1' (known fields: %2)")),
    (re.compile(r"field '(\w+)' takes one value, not a group"),
     QT_TRANSLATE_NOOP("QueryErrors", "Field '%1' takes one value, not a group: write %1:a OR %1:b")),
    (re.compile(r"field '(\w+)' needs a value, like (\S+)"),
     QT_TRANSLATE_NOOP("QueryErrors", "Field '%1' needs a value, like %2")),
    (re.compile(r"a quote inside a word at position (\d+)"),
     QT_TRANSLATE_NOOP("QueryErrors", "A quote inside a word at position %1: put a phrase in quotes of its own")),
    (re.compile(r"unexpected (\w+) at position (\d+)"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unexpected %1 at position %2")),
    (re.compile(r"'(\w+)' needs a term on both sides"),
     QT_TRANSLATE_NOOP("QueryErrors", "'%1' needs a term on both sides")),
    (re.compile(r"empty parentheses"), QT_TRANSLATE_NOOP("QueryErrors", "Empty parentheses")),
    (re.compile(r"(.+) needs a term after it"), QT_TRANSLATE_NOOP("QueryErrors", "%1 needs a term after it")),
    (re.compile(r'empty phrase ""'), QT_TRANSLATE_NOOP("QueryErrors", 'Empty phrase ""')),
    (re.compile(r"'(.*)' has no searchable characters"),
     QT_TRANSLATE_NOOP("QueryErrors", "'%1' has no searchable characters")),
    (re.compile(r"unknown kind '(.+?)' \(known: (.+)\)"),
     QT_TRANSLATE_NOOP("QueryErrors", "Unknown kind '%1' (known kinds: %2)")),
    (re.compile(r"a date range needs at least one end"),
     QT_TRANSLATE_NOOP("QueryErrors", "A date range needs at least one end, like date:2020-01-24..2020-02-01")),
    (re.compile(r"date range starts after it ends: (.+)"),
     QT_TRANSLATE_NOOP("QueryErrors", "The date range starts after it ends: %1")),
    (re.compile(r"bad date '(.+?)'"),
     QT_TRANSLATE_NOOP("QueryErrors", "Bad date '%1' (use YYYY, YYYY-MM or YYYY-MM-DD)")),
    (re.compile(r"empty query"), QT_TRANSLATE_NOOP("QueryErrors", "Empty query")),
]


def translate_query_error(message: str) -> str:
    for pattern, template in _PATTERNS:
        m = pattern.search(message)
        if m:
            text = QCoreApplication.translate(_C, template)
            for i, group in enumerate(m.groups(), start=1):
                text = text.replace(f"%{i}", group)
            return text
    return message
