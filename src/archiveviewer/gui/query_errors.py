"""Translates the search module's query syntax errors into the interface language.

A QuerySyntaxError carries its English template (the translation key) and the
values of its placeholders. The templates are listed here so lupdate collects
them; a test checks this list against every template the search module raises.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from archiveviewer.search.items import QuerySyntaxError

CONTEXT = "QueryErrors"

TEMPLATES = (
    QT_TRANSLATE_NOOP("QueryErrors", "unbalanced parenthesis: ')' at position {pos} closes nothing"),
    QT_TRANSLATE_NOOP("QueryErrors", "unbalanced parenthesis: a '(' is never closed"),
    QT_TRANSLATE_NOOP("QueryErrors", "unbalanced quote: the '\"' at position {pos} is never closed"),
    QT_TRANSLATE_NOOP("QueryErrors", "'-' must be written directly before a term, like -word"),
    QT_TRANSLATE_NOOP("QueryErrors", "unknown field '{field}' (known: {known})"),
    QT_TRANSLATE_NOOP("QueryErrors", "field '{field}' takes one value, not a group: write {field}:a OR {field}:b"),
    QT_TRANSLATE_NOOP("QueryErrors", "field '{field}' needs a value, like {example}"),
    QT_TRANSLATE_NOOP(
        "QueryErrors", 'a quote inside a word at position {pos}: put phrases in quotes of their own, like "…"'
    ),
    QT_TRANSLATE_NOOP("QueryErrors", "unexpected {token} at position {pos}"),
    QT_TRANSLATE_NOOP("QueryErrors", "'{word}' needs a term on both sides"),
    QT_TRANSLATE_NOOP("QueryErrors", "empty parentheses"),
    QT_TRANSLATE_NOOP("QueryErrors", "{what} needs a term after it"),
    QT_TRANSLATE_NOOP("QueryErrors", 'empty phrase ""'),
    QT_TRANSLATE_NOOP("QueryErrors", "'{text}' has no searchable characters"),
    QT_TRANSLATE_NOOP("QueryErrors", "unknown kind '{kind}' (known: {known})"),
    QT_TRANSLATE_NOOP("QueryErrors", "a date range needs at least one end, like date:2020-01-24..2020-02-01"),
    QT_TRANSLATE_NOOP("QueryErrors", "date range starts after it ends: {range}"),
    QT_TRANSLATE_NOOP("QueryErrors", "bad date '{date}' (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("QueryErrors", "empty query"),
    QT_TRANSLATE_NOOP("QueryErrors", "the query is nested too deeply (more than {limit} levels of parentheses or NOT)"),
)


def translate_query_error(error: QuerySyntaxError) -> str:
    """The error in the interface language; a translation that breaks its placeholders falls back to English."""
    translated = QCoreApplication.translate(CONTEXT, error.template)
    try:
        return translated.format(**error.params)
    except (KeyError, IndexError, ValueError):
        return str(error)
