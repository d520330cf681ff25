"""Query language: a small hand-written parser from the search box text to an AST.

Grammar (whitespace separates tokens; keywords are uppercase)::

    query   := expr
    expr    := and_ ( "OR" and_ )*
    and_    := unary ( ["AND"] unary )*          juxtaposition means AND
    unary   := "NOT" unary | "-" unary | atom    "-" is written against its term: -word
    atom    := "(" expr ")" | FIELD ":" value | PHRASE | WORD
    value   := PHRASE | WORD                     title:"战疫 时间轴", date:2020-01..2020-02
    PHRASE  := '"' any characters but '"' '"'

Fields: ``title:`` (text in the title only), ``kind:`` (article, entry,
document, annotation, or 文章, 条目, 文档, 批注), ``tag:`` (a tag, exactly),
``author:`` (part of an author's name), ``date:`` (2020-01-24, 2020-01 for a
month, 2020 for a year, ``A..B`` an inclusive range with either end open).
Field names are ASCII letters followed by ``:`` (or the full-width ``：``); any
other colon (``10:30``, ``通知：``) is ordinary text.

Matching: a term or phrase containing a CJK character matches items whose
normalized text contains it (substring; spaces inside it are ignored like in
the text). A term or phrase without CJK characters matches whole words:
``wuxi`` finds "Wuxi city" but not "Wuxiang". A query made only of negated
parts means "everything except".

Parentheses and NOT/- nest at most MAX_DEPTH levels deep.

Within a word, ``(`` is literal and so is the ``)`` that closes it (``f(x)``,
``市(县)区``); a ``)`` that closes nothing in the word ends a group. A ``"``
inside a word is an error rather than a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .items import QuerySyntaxError
from .normalize import has_cjk, normalize

FIELDS = ("title", "kind", "tag", "author", "date")
KIND_ALIASES = {
    "article": "article",
    "entry": "entry",
    "document": "document",
    "annotation": "annotation",
    "文章": "article",
    "条目": "entry",
    "文档": "document",
    "批注": "annotation",
}
# Parentheses and NOT/- nested deeper than this are refused: parsing, matching
# and hashing the tree recurse once per level, and no real query goes near it.
MAX_DEPTH = 100
_FIELD_RE = re.compile(r"([A-Za-z]+)[:：](.*)", re.S)
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


# --- AST -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """Text to find: in the whole item text, or only in the title."""

    text: str  # normalized
    title_only: bool = False
    raw: str = ""

    @property
    def cjk(self) -> bool:
        return has_cjk(self.text)


@dataclass(frozen=True)
class KindIs:
    kinds: frozenset[str]


@dataclass(frozen=True)
class TagIs:
    tag: str  # normalized


@dataclass(frozen=True)
class AuthorHas:
    text: str  # normalized


@dataclass(frozen=True)
class DateIn:
    start: int  # YYYYMMDD, inclusive; 0 = open
    end: int  # YYYYMMDD, inclusive; 99999999 = open


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Term | KindIs | TagIs | AuthorHas | DateIn | And | Or | Not


# --- Lexer -----------------------------------------------------------------


@dataclass
class _Tok:
    kind: str  # WORD PHRASE FIELD LPAREN RPAREN OR AND NOT MINUS
    text: str = ""
    field: str = ""
    quoted: bool = False
    pos: int = 0


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    n = len(query)
    depth = 0
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if c == "(":
            toks.append(_Tok("LPAREN", pos=i))
            depth += 1
            i += 1
            continue
        if c == ")":
            if depth == 0:
                raise QuerySyntaxError("unbalanced parenthesis: ')' at position {pos} closes nothing", pos=i + 1)
            toks.append(_Tok("RPAREN", pos=i))
            depth -= 1
            i += 1
            continue
        if c == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != ")":
            toks.append(_Tok("MINUS", pos=i))
            i += 1
            continue
        if c == "-":
            raise QuerySyntaxError("'-' must be written directly before a term, like -word")
        if c == '"':
            text, i = _read_quoted(query, i)
            toks.append(_Tok("PHRASE", text=text, quoted=True, pos=start))
            continue
        word, i = _read_word(query, i, depth > 0)
        if word in ("OR", "AND", "NOT"):
            toks.append(_Tok(word, pos=start))
            continue
        m = _FIELD_RE.fullmatch(word)
        if m:
            name = m.group(1).lower()
            if name not in FIELDS:
                raise QuerySyntaxError(
                    "unknown field '{field}' (known: {known})", field=m.group(1), known=", ".join(FIELDS)
                )
            value = m.group(2)
            quoted = False
            if not value and i < n and query[i] == '"':
                value, i = _read_quoted(query, i)
                quoted = True
            elif not value and i < n and query[i] == "(":
                raise QuerySyntaxError(
                    "field '{field}' takes one value, not a group: write {field}:a OR {field}:b", field=name
                )
            if not value.strip():
                raise QuerySyntaxError(
                    "field '{field}' needs a value, like {example}", field=name, example=f"{name}:{_EXAMPLES[name]}"
                )
            toks.append(_Tok("FIELD", text=value, field=name, quoted=quoted, pos=start))
            continue
        toks.append(_Tok("WORD", text=word, pos=start))
    if depth:
        raise QuerySyntaxError("unbalanced parenthesis: a '(' is never closed")
    return toks


_EXAMPLES = {"title": "战疫", "kind": "entry", "tag": "疫情", "author": "王", "date": "2020-01-24"}


def _read_quoted(query: str, i: int) -> tuple[str, int]:
    end = query.find('"', i + 1)
    if end < 0:
        raise QuerySyntaxError("unbalanced quote: the '\"' at position {pos} is never closed", pos=i + 1)
    return query[i + 1 : end], end + 1


def _read_word(query: str, i: int, in_group: bool) -> tuple[str, int]:
    """Read up to whitespace; parentheses opened inside the word stay literal."""
    n = len(query)
    start = i
    local = 0
    while i < n:
        c = query[i]
        if c.isspace():
            break
        if c == '"':
            # A field's quoted value (title:"…") is read by the caller.
            if _FIELD_RE.fullmatch(query[start:i]) and query[i - 1] in ":：":
                break
            raise QuerySyntaxError(
                'a quote inside a word at position {pos}: put phrases in quotes of their own, like "…"', pos=i + 1
            )
        if c == "(":
            local += 1
        elif c == ")":
            if local:
                local -= 1
            else:
                break
        i += 1
    return query[start:i], i


# --- Parser ----------------------------------------------------------------


class _Parser:
    def __init__(self, toks: list[_Tok]):
        self.toks = toks
        self.i = 0
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(
                "the query is nested too deeply (more than {limit} levels of parentheses or NOT)", limit=MAX_DEPTH
            )

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.expr()
        tok = self.peek()
        if tok is not None:  # pragma: no cover - the lexer rejects stray ')'
            raise QuerySyntaxError("unexpected {token} at position {pos}", token=tok.kind.lower(), pos=tok.pos + 1)
        return node

    def expr(self) -> Node:
        parts = [self.and_()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                raise QuerySyntaxError("'{word}' needs a term on both sides", word="OR")
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_(self) -> Node:
        tok = self.peek()
        if tok is None or tok.kind in ("OR", "AND", "RPAREN"):
            if tok is not None and tok.kind == "RPAREN":
                raise QuerySyntaxError("empty parentheses")
            word = tok.kind if tok is not None else "OR"
            raise QuerySyntaxError("'{word}' needs a term on both sides", word=word)
        parts = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "RPAREN"):
            if tok.kind == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                    raise QuerySyntaxError("'{word}' needs a term on both sides", word="AND")
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Node:
        tok = self.take()
        if tok.kind in ("NOT", "MINUS"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                what = "'NOT'" if tok.kind == "NOT" else "'-'"
                raise QuerySyntaxError("{what} needs a term after it", what=what)
            self.deeper()
            child = self.unary()
            self.depth -= 1
            return Not(child)
        if tok.kind == "LPAREN":
            if (nxt := self.peek()) is not None and nxt.kind == "RPAREN":
                raise QuerySyntaxError("empty parentheses")
            self.deeper()
            node = self.expr()
            self.depth -= 1
            self.take()  # RPAREN; the lexer guarantees balance
            return node
        if tok.kind in ("WORD", "PHRASE"):
            return _term(tok.text, title_only=False)
        if tok.kind == "FIELD":
            return _field(tok.field, tok.text)
        raise QuerySyntaxError("'{word}' needs a term on both sides", word=tok.kind)  # pragma: no cover


def _term(raw: str, title_only: bool) -> Term:
    text = normalize(raw)
    if not text:
        if not raw.strip():
            raise QuerySyntaxError('empty phrase ""')
        raise QuerySyntaxError("'{text}' has no searchable characters", text=_one_line(raw))
    return Term(text, title_only, raw)


def _one_line(raw: str) -> str:
    """Query text as it can be shown in a one-line message: whitespace runs as one space, control characters escaped."""
    shown = " ".join(raw.split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown)


def _field(name: str, value: str) -> Node:
    if name == "title":
        return _term(value, title_only=True)
    if name == "kind":
        kind = KIND_ALIASES.get(value.strip().lower())
        if kind is None:
            raise QuerySyntaxError(
                "unknown kind '{kind}' (known: {known})", kind=_one_line(value), known=", ".join(KIND_ALIASES)
            )
        return KindIs(frozenset((kind,)))
    if name == "tag":
        return TagIs(_term(value, False).text)
    if name == "author":
        return AuthorHas(_term(value, False).text)
    return _date_range(value.strip())


def _date_range(value: str) -> DateIn:
    if ".." in value:
        lo_s, _, hi_s = value.partition("..")
        if not lo_s and not hi_s:
            raise QuerySyntaxError("a date range needs at least one end, like date:2020-01-24..2020-02-01")
        lo = _date_bounds(lo_s)[0] if lo_s else 0
        hi = _date_bounds(hi_s)[1] if hi_s else 99999999
        if lo > hi:
            raise QuerySyntaxError("date range starts after it ends: {range}", range=_one_line(value))
        return DateIn(lo, hi)
    lo, hi = _date_bounds(value)
    return DateIn(lo, hi)


def _date_bounds(value: str) -> tuple[int, int]:
    """First and last day (as YYYYMMDD) of a year, month or day."""
    m = _DATE_RE.fullmatch(value)
    bad = QuerySyntaxError("bad date '{date}' (use YYYY, YYYY-MM or YYYY-MM-DD)", date=_one_line(value))
    if not m:
        raise bad
    year = int(m.group(1))
    if m.group(2) is None:
        return year * 10000 + 101, year * 10000 + 1231
    month = int(m.group(2))
    if not 1 <= month <= 12 or year < 1:
        raise bad
    if m.group(3) is None:
        last = calendar.monthrange(year, month)[1]
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
    try:
        d = date(year, month, int(m.group(3)))
    except ValueError:
        raise bad from None
    n = d.year * 10000 + d.month * 100 + d.day
    return n, n


def parse(query: str) -> Node:
    """Parse a query into its AST; raise QuerySyntaxError saying what is wrong."""
    if not isinstance(query, str) or not query.strip():
        raise QuerySyntaxError("empty query")
    return _Parser(_lex(query)).parse()


def positive_terms(node: Node, negated: bool = False) -> list[Term]:
    """The content terms that count for ranking and highlighting (not under a NOT)."""
    if isinstance(node, Term):
        return [] if negated else [node]
    if isinstance(node, Not):
        return positive_terms(node.child, not negated)
    if isinstance(node, (And, Or)):
        out: list[Term] = []
        for child in node.children:
            for t in positive_terms(child, negated):
                if t not in out:
                    out.append(t)
        return out
    return []


def query_terms(query: str) -> list[str]:
    """The normalized texts of the query's positive terms, for highlighting."""
    seen: list[str] = []
    for t in positive_terms(parse(query)):
        if t.text not in seen:
            seen.append(t.text)
    return seen
