"""OCR repair: undoing overprinted (doubled) bold text and joining wrapped lines into paragraphs."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

HEADING_MAX_CHARS = 20
# A headline may be longer than a section heading and may hold 、 or a dash, never a clause.
HEADLINE_MAX_CHARS = 32
_HEADLINE_STOPS = frozenset("，。；！？,;!?")

# Characters that end a sentence when they close a line ("。" or "。”", never "，"). A
# closing colon counts too: what follows (各单位： / a list / a quote) is a new paragraph.
_SENTENCE_END = "。！？!?…；;.：:"
_CLOSERS = "”’」』）)》〉】\"'"
# A heading never holds clause punctuation; body fragments almost always do.
_CLAUSE_PUNCTUATION = frozenset("，。；：！？、,;:!?…")
# `。` as OCR may read it: an ASCII full stop after a Chinese character or a closing mark (not `6.6`).
_ASCII_FULL_STOP_RE = re.compile(r"[\u3400-\u9fff”’」』）)]\.")

ENTRY_RE = re.compile(
    r"^\s*[◆◇]\s*(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*(?P<rest>.*)$"
)
# A short parenthesised name closing an article: （陈煜蕾）, （记者 张三）. Digits or
# 转/接 mean a continuation note such as （下转第2版）, not a byline.
BYLINE_RE = re.compile(r"^[（(]\s*(?P<name>(?![上下]?[转接])[^（）()，。；！？、\d]{1,15}?)\s*[）)]$")
# A closing credit or byline in brackets after a finished sentence: `…祝福。（刘刚摄）`,
# `谢谢！（新华社北京１２月３１日电）`, `…２５００人。（王国平邹蓬）`.
CREDIT_END_RE = re.compile(r"[。！？!?.…”」』\"](?:[（(][^（）()。，！？]{1,24}[）)])+$")
_NOTE_RE = re.compile(r"^[（(][^（）()。]{4,64}[）)]$")
# The end of a text that tells whether it ends a unit (`ends_unit`): a note in brackets runs to 66.
UNIT_TAIL = 72
_CLOSING_BRACKETS = ("）", ")")  # what CREDIT_END_RE, BYLINE_RE and _NOTE_RE end in
_DATE_ONLY_RE = re.compile(r"^\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?$")
_LATIN = re.compile(r"[A-Za-z]")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")

# Doubled-run detection works on short tokens only (masthead items, names, headings);
# long body tokens are checked for a plain half+half repeat, which is cheap.
_MAX_RUN_TOKEN = 64
_TOKEN_RE = re.compile(r"\S+")


# --- line predicates shared with the page parser -------------------------------------


def ends_sentence(text: str) -> bool:
    """True if `text` ends a sentence, also behind closing quotes or brackets (`。”`)."""
    core = text.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def is_heading_like(line: str) -> bool:
    """Short, no clause punctuation, some letters: could be a headline or section heading."""
    s = line.strip()
    # A heading ends no sentence: `。`, or the `.` OCR may read it as.
    if not s or len(s) > HEADING_MAX_CHARS or any(c in _CLAUSE_PUNCTUATION for c in s) or ends_sentence(s):
        return False
    if _ASCII_FULL_STOP_RE.search(s):
        return False
    if ENTRY_RE.match(s) or BYLINE_RE.match(s) or _DATE_ONLY_RE.match(s) or _is_note_or_fragment(s):
        return False
    return any(c.isalpha() for c in s)


def ends_unit(text: str) -> bool:
    """A paragraph may end here: a finished sentence, a closing credit in brackets after one,
    or a note in brackets standing alone (`（本报开罗１月５日电）`)."""
    text = text.strip()
    if ends_sentence(text):
        return True
    # The three patterns all end in a closing bracket: most lines need none of them tried.
    return text.endswith(_CLOSING_BRACKETS) and bool(
        CREDIT_END_RE.search(text) or BYLINE_RE.match(text) or _NOTE_RE.match(text)
    )


def is_headline_like(line: str) -> bool:
    """Could be an article's headline: a short line that does not read as part of a sentence."""
    s = line.strip()
    if not s or len(s) > HEADLINE_MAX_CHARS or ends_sentence(s) or any(c in _HEADLINE_STOPS for c in s):
        return False
    if _ASCII_FULL_STOP_RE.search(s):
        return False
    if ENTRY_RE.match(s) or BYLINE_RE.match(s) or _DATE_ONLY_RE.match(s) or _is_note_or_fragment(s):
        return False
    return any(c.isalpha() for c in s)


def _is_note_or_fragment(text: str) -> bool:
    """A note wholly in brackets (`（新华社北京１月１３日电）`), or a line whose brackets do not
    pair up (`（湖北武汉市武昌区三三○三信箱` / `云枫）`): part of a credit, never a heading."""
    if _NOTE_RE.match(text):
        return True
    depth = 0
    for c in text:
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def is_indented(raw: str) -> bool:
    """The line starts with indentation (an ideographic space, two spaces or a tab)."""
    return raw.startswith(("\u3000", "  ", "\t"))


def has_cjk(text: str) -> bool:
    return any(_is_cjk(c) for c in text)


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


# --- doubled runs ---------------------------------------------------------------------


def undouble_line(line: str) -> str:
    """Undo bold-overprint doubling (`星期一星期一` → `星期一`) in a line where every token is doubled.

    Body text keeps its legitimate repeats (谢谢, 高高兴兴, 研究研究) because a line is
    only repaired when all its CJK tokens are doubled and the evidence is strong. The
    repair is skipped if its result would itself qualify, which keeps it idempotent."""
    # Most lines hold no doubled token at all (str.split() cuts where _TOKEN_RE does).
    if not any(map(_undouble_token, line.split())):
        return line
    spans = [(m.start(), m.end(), _undouble_token(m.group())) for m in _TOKEN_RE.finditer(line)]
    if not _qualifies(line, spans):
        return line
    out, pos = [], 0
    for start, end, runs in spans:
        out.append(line[pos:start])
        out.append("".join(runs) if runs else line[start:end])
        pos = end
    out.append(line[pos:])
    repaired = "".join(out)
    again = [(m.start(), m.end(), _undouble_token(m.group())) for m in _TOKEN_RE.finditer(repaired)]
    return line if _qualifies(repaired, again) else repaired


def _qualifies(line: str, spans: list[tuple[int, int, list[str] | None]]) -> bool:
    doubled = [(line[s:e], runs) for s, e, runs in spans if runs]
    plain = [line[s:e] for s, e, runs in spans if not runs and e - s >= 2]
    if not doubled or len(doubled) < len(plain):
        return False
    if any(has_cjk(tok) for tok in plain) or not any(has_cjk(tok) for tok, _ in doubled):
        return False
    # One doubled token alone is weak evidence: 研究研究 or 高高兴兴 are real words.
    longest_run = max(len(run) for _, runs in doubled for run in runs)
    return len(doubled) >= 2 or longest_run >= 3


def _undouble_token(token: str) -> list[str] | None:
    """The runs that, each written twice, make up `token` (`2020` `.` `2` `.` `24` for
    `20202020..22..2424`); None if the token is not doubled."""
    n = len(token)
    if n < 2 or n % 2:
        return None
    half = n // 2
    if token[:half] == token[half:]:
        return [token[:half]]
    if n > _MAX_RUN_TOKEN:
        return None
    memo: dict[int, list[str] | None] = {n: []}

    def solve(i: int) -> list[str] | None:
        if i in memo:
            return memo[i]
        result = None
        # Longest run first; a run of `size` repeats at i + size, so only the places where
        # token[i] occurs again (found from the right by rfind) are worth comparing.
        first = token[i]
        end = i + (n - i) // 2 + 1
        while (j := token.rfind(first, i + 1, end)) != -1:
            size = j - i
            if token[i:j] == token[j : j + size]:
                rest = solve(j + size)
                if rest is not None:
                    result = [token[i:j], *rest]
                    break
            end = j
        memo[i] = result
        return result

    return solve(0)


# --- line joining ---------------------------------------------------------------------


@dataclass(frozen=True)
class JoinedParagraph:
    """A paragraph's text and the first/last input line indexes it came from (inclusive)."""

    text: str
    first: int
    last: int


def join_paragraphs(
    lines: Sequence[str], *, first_is_body: bool = False, starts: Collection[int] = (), joins: Collection[int] = ()
) -> list[JoinedParagraph]:
    """Join wrapped lines (`""` = blank line) into paragraphs, dropping no character.

    Lines join without a space (with one between Latin words). A blank line breaks the
    paragraph only when the text so far ends a sentence, stands alone as a heading, or the
    next line starts a new unit; otherwise it is a column break inside a sentence.
    `first_is_body` says the lines continue a unit begun earlier (the text after a `◆`
    date), so their first line is never taken for a heading. `starts` are the indexes of
    lines that begin a paragraph by the page's convention (`layout.paragraph_starts`);
    `joins` those that continue it although they read as a byline (`layout.credit_joins`)."""
    out: list[JoinedParagraph] = []
    current: list[str] = []  # the stripped lines of the paragraph being built
    text = ""
    first = last = -1
    blank_before = False
    may_be_heading = not first_is_body  # false right after a bare `◆` date: its text follows
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if current and (
            i in starts or (i not in joins and _breaks(text, current, raw, line, blank_before, may_be_heading))
        ):
            out.append(JoinedParagraph(text, first, last))
            may_be_heading = not _is_bare_entry(text)
            current = []
        if current:
            text += (" " if _needs_space(text[-1], line[0]) else "") + line
        else:
            text, first = line, i
        current.append(line)
        last = i
        blank_before = False
    if current:
        out.append(JoinedParagraph(text, first, last))
    return out


def join_lines(lines: Sequence[str], *, first_is_body: bool = False) -> list[str]:
    """The paragraph texts of `join_paragraphs`."""
    return [p.text for p in join_paragraphs(lines, first_is_body=first_is_body)]


def _breaks(text: str, current: list[str], raw: str, line: str, blank_before: bool, may_be_heading: bool) -> bool:
    if ENTRY_RE.match(line) or (len(current) == 1 and _is_whole_unit(text)):
        return True
    # A byline closes finished text; `（县）` wrapped onto its own line mid-sentence is not one.
    if BYLINE_RE.match(line) and ends_sentence(text):
        return True
    if ends_unit(text) and (blank_before or is_indented(raw)):
        return True
    # One or two heading-like lines set off by a blank line are a headline, not a
    # fragment: every paragraph here starts where the previous one ended a unit.
    return blank_before and may_be_heading and len(current) <= 2 and all(is_heading_like(part) for part in current)


def _is_whole_unit(line: str) -> bool:
    """A byline, or a `◆` date with nothing after it: nothing joins onto these."""
    return bool(BYLINE_RE.match(line)) or _is_bare_entry(line)


def _is_bare_entry(line: str) -> bool:
    entry = ENTRY_RE.match(line)
    return bool(entry and not entry.group("rest"))


def _needs_space(left: str, right: str) -> bool:
    if _LATIN.match(left) and _LATIN.match(right):
        return True
    if _ASCII_ALNUM.match(left) and _ASCII_ALNUM.match(right):
        return bool(_LATIN.match(left) or _LATIN.match(right))
    return left in ",.;:!?)" and bool(_LATIN.match(right))
