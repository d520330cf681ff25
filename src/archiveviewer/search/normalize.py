"""Per-character text normalization shared by indexing, querying and highlighting.

A character maps to zero or more characters: NFKC, case folding, then
traditional-to-simplified folding (OpenCC ``t2s``, applied per character so
every normalized character comes from exactly one original character).
Format characters (zero-width spaces, soft hyphens, BOM), control
characters and lone surrogates vanish. Afterwards a whitespace run is dropped when it touches a CJK
character or an end of the text, and otherwise becomes a single space: OCR'd
Chinese breaks lines inside words, and Chinese does not separate words by
spaces anyway.

`normalize` is the fast path (``str.translate`` plus two regexes);
`normalize_with_offsets` does the same work per character and also returns,
for every normalized character, the index of the original character it came
from. A property test keeps the two in agreement.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One definition of "CJK" for the whitespace rule, the word tokenizer and the
# substring-vs-word decision. Radicals through the unified ideographs (with
# kana, bopomofo, CJK punctuation and compatibility blocks in between), Hangul,
# compatibility ideographs and forms, and the supplementary ideograph planes.
CJK_CLASS = "\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003ffff"
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# A "word character" is alphanumeric and not CJK; Latin words are maximal runs.
WORD_CLASS = f"[^\\W_{CJK_CLASS}]"
WORD_RE = re.compile(f"{WORD_CLASS}+")
# A run of spaces right after, or right before, a CJK character. Written to
# start with a literal space so the regex engine can skip ahead quickly
# (six times faster than leading with the lookbehind).
_SPACE_TOUCHING_CJK = re.compile(f" (?:(?<=[{CJK_CLASS}] ) *| *(?=[{CJK_CLASS}]))")
_SPACE_RUN = re.compile(" {2,}")

# Ideograph blocks whose traditional forms OpenCC folds; converted once.
_T2S_RANGES = (
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xF900, 0xFB00),
    (0x20000, 0x2A6E0),
    (0x2A700, 0x2EBF0),
    (0x2F800, 0x2FA20),
)


def is_cjk(ch: str) -> bool:
    return _CJK_RE.match(ch) is not None


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Map every traditional ideograph OpenCC folds to its simplified form."""
    import opencc

    converter = opencc.OpenCC("t2s")
    chars = [chr(cp) for lo, hi in _T2S_RANGES for cp in range(lo, hi)]
    # Newlines keep OpenCC's phrase dictionary from joining neighbours, so each
    # character is converted on its own; one call is ~100x faster than 89,000.
    converted = converter.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - defensive
        converted = [converter.convert(c) for c in chars]
    table = {c: s for c, s in zip(chars, converted) if s != c and len(s) == 1}
    # Follow chains (薴 → 苧 → 苎) to the end so normalizing twice changes nothing.
    for c, s in table.items():
        seen = {c}
        while s in table and s not in seen:
            seen.add(s)
            s = table[s]
        table[c] = s
    return table


def _map_char(ch: str) -> str:
    if ch.isspace():
        return " "
    if ch < "\x20" or ch == "\x7f":
        # Control characters are not text; dropping them also keeps FIELD_SEP
        # out of every normalized text and query.
        return ""
    if ch < "\x80":
        return ch.lower()
    s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    table = t2s_table()
    out = []
    for c in s:
        if c.isspace():
            out.append(" ")
        elif unicodedata.category(c) not in ("Cc", "Cf", "Cs"):
            # Lone surrogates (Cs) cannot be encoded as UTF-8 for the index.
            out.append(table.get(c, c))
    return "".join(out)


class _LazyTable(dict):
    """A ``str.translate`` table that fills itself one code point at a time."""

    def __missing__(self, cp: int) -> str:
        mapped = _map_char(chr(cp))
        self[cp] = mapped
        return mapped


_TABLE = _LazyTable()


def map_char(ch: str) -> str:
    """The normalized form of one character, before the whitespace rule."""
    return _TABLE[ord(ch)]


def _fold_spaces(text: str) -> str:
    if " " not in text:
        return text
    text = _SPACE_TOUCHING_CJK.sub("", text)
    return _SPACE_RUN.sub(" ", text).strip(" ")


def normalize(text: str) -> str:
    """Normalize a text or a query string for matching."""
    return _fold_spaces(text.translate(_TABLE))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize `text` and return the original index of each normalized character."""
    chars: list[str] = []
    origin: list[int] = []
    table = _TABLE
    for i, ch in enumerate(text):
        mapped = table[ord(ch)]
        if len(mapped) == 1:
            chars.append(mapped)
            origin.append(i)
        else:
            for c in mapped:
                chars.append(c)
                origin.append(i)
    out_chars: list[str] = []
    out_origin: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        c = chars[i]
        if c != " ":
            out_chars.append(c)
            out_origin.append(origin[i])
            i += 1
            continue
        j = i
        while j < n and chars[j] == " ":
            j += 1
        at_edge = not out_chars or j == n
        touches_cjk = (out_chars and is_cjk(out_chars[-1])) or (j < n and is_cjk(chars[j]))
        if not at_edge and not touches_cjk:
            out_chars.append(" ")
            out_origin.append(origin[i])
        i = j
    return "".join(out_chars), out_origin


def words(normalized: str) -> list[str]:
    """The Latin word tokens of a normalized text (CJK never belongs to a word)."""
    return WORD_RE.findall(normalized)
