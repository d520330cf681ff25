"""Newspaper-page parsing: articles (headline, sections, byline, timeline) under a masthead; plain documents."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.ingest.masthead import find_masthead, parse_masthead_line
from archiveviewer.ingest.ocr_repair import (
    BYLINE_RE,
    ENTRY_RE,
    ends_sentence,
    has_cjk,
    is_heading_like,
    join_paragraphs,
    undouble_line,
)
from archiveviewer.ingest.page_model import (
    Masthead,
    Paragraph,
    ParsedDocument,
    ParsedPage,
    Section,
    TimelineEntry,
)
from archiveviewer.ingest.timeline_dates import EntryDates, entry_date_text

# parse_masthead_line is re-exported: callers and tests import it from here.
__all__ = ["find_masthead", "parse_masthead_line", "parse_page"]

TITLE_MAX_CHARS = 80

# --- units: the page as headings, bylines, timeline dates and body lines ---------------


@dataclass
class _Unit:
    kind: str  # "heading" | "byline" | "entry" | "body"
    lines: list[tuple[int, str]]  # (source line index, stripped text); body: one line
    entry: re.Match[str] | None = None


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for i, line in enumerate(lines):
        if line.strip():
            blocks[-1].append((i, line.strip()))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _segments(block: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """A block cut at its `◆` date lines: ("entry", [line]) and ("text", lines) pieces."""
    out: list[tuple[str, list[tuple[int, str]]]] = []
    for item in block:
        if ENTRY_RE.match(item[1]):
            out.append(("entry", [item]))
        elif out and out[-1][0] == "text":
            out[-1][1].append(item)
        else:
            out.append(("text", [item]))
    return out


def _is_stray_number(text: str) -> bool:
    # Picture numbers printed beside photos: a lone 1-2 digit line, never body text.
    return text.isdigit() and len(text) <= 2


def _classify(lines: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    ended = True  # did the text before end a sentence (or is this the start)?
    in_timeline = False
    for block in _blocks(lines):
        for kind, part in _segments(block):
            if kind == "entry":
                m = ENTRY_RE.match(part[0][1])
                units.append(_Unit("entry", part, m))
                ended = bool(m and m["rest"] and ends_sentence(m["rest"]))
                in_timeline = True
                continue
            # Only a whole block stands alone; text right after a `◆` date is its body.
            alone = len(part) == len(block)
            texts = [t for _, t in part]
            if alone and ended and len(part) == 1 and _is_stray_number(texts[0]):
                continue
            if alone and ended and len(part) == 1 and BYLINE_RE.match(texts[0]):
                units.append(_Unit("byline", part))
                in_timeline = False
                continue
            # Timeline columns are narrow and cut lines off freely, so inside a timeline a
            # lone short line is a fragment; only a two-line headline ends the timeline.
            min_lines = 2 if in_timeline else 1
            if alone and ended and min_lines <= len(part) <= 2 and all(is_heading_like(t) for t in texts):
                units.append(_Unit("heading", part))
                in_timeline = False
                continue
            units.extend(_Unit("body", [item]) for item in part)
            ended = ends_sentence(texts[-1])
    return _demote_unfollowed_headings(units)


def _demote_unfollowed_headings(units: list[_Unit]) -> list[_Unit]:
    """A heading must introduce something: a heading, a `◆` entry or real body text.
    A signature (`无锡市总工会` over a date) at the end is body, not a heading."""
    out: list[_Unit] = []
    # Backwards, so a heading before a demoted one sees the demoted one as body.
    for unit in reversed(units):
        if unit.kind == "heading" and not _introduces_content(out):
            out.extend(_Unit("body", [item]) for item in reversed(unit.lines))
        else:
            out.append(unit)
    out.reverse()
    return out


def _introduces_content(following_reversed: list[_Unit]) -> bool:
    if not following_reversed:
        return False
    nxt = following_reversed[-1]
    if nxt.kind in ("heading", "entry"):
        return True
    if nxt.kind != "body":
        return False
    text = ""
    for unit in reversed(following_reversed):
        if unit.kind != "body" or len(text) > 20:
            break
        text += unit.lines[0][1]
    return any(c in "，。；：！？、,;:!?" for c in text) or len(text) > 20


# --- building articles ------------------------------------------------------------------


@dataclass
class _OpenEntry:
    date: dt.date
    date_text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    start: int = 0


@dataclass
class _ArticleBuilder:
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    sections: list[Section] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    entry: _OpenEntry | None = None
    run: list[tuple[int, str]] = field(default_factory=list)  # body lines awaiting joining
    count: int = 0  # paragraphs so far (flat index of the next one)
    closed: bool = False  # a byline ended it

    def add_body(self, index: int, text: str) -> None:
        self.run.append((index, text))

    def flush(self) -> None:
        if not self.run:
            return
        base = self.run[0][0]
        texts = [""] * (self.run[-1][0] - base + 1)
        for index, text in self.run:
            texts[index - base] = text
        self.run = []
        after_date = self.entry is not None and not self.entry.paragraphs
        for joined in join_paragraphs(texts, first_is_body=after_date):
            paragraph = Paragraph(
                text=joined.text,
                line_start=base + joined.first,
                line_end=base + joined.last,
                amounts=find_amounts(joined.text),
            )
            if not self.sections:
                self.sections.append(Section(heading=None))
            self.sections[-1].paragraphs.append(paragraph)
            if self.entry is not None:
                self.entry.paragraphs.append(paragraph)
            self.count += 1

    def start_section(self, heading: str) -> None:
        self.close_entry()
        self.sections.append(Section(heading=heading))

    def start_entry(self, date: dt.date, date_text: str) -> None:
        self.close_entry()
        self.entry = _OpenEntry(date=date, date_text=date_text, start=self.count)

    def close_entry(self) -> None:
        self.flush()
        entry, self.entry = self.entry, None
        # A `◆` date with no text after it has no passage to link to: not an entry.
        if entry is None or not entry.paragraphs:
            return
        self.timeline.append(
            TimelineEntry(
                date=entry.date,
                date_text=entry.date_text,
                text="\n".join(p.text for p in entry.paragraphs),
                amounts=[a for p in entry.paragraphs for a in p.amounts],
                paragraph_start=entry.start,
                paragraph_end=entry.start + len(entry.paragraphs) - 1,
            )
        )

    def finish(self) -> ParsedDocument:
        self.close_entry()
        title = self.title
        if title is None:
            first = next((p.text for s in self.sections for p in s.paragraphs), "")
            title = _first_sentence(first)
        return ParsedDocument(
            kind="article",
            title=title,
            subtitle=self.subtitle,
            byline=self.byline,
            sections=self.sections,
            timeline=self.timeline,
        )


def _build_articles(units: list[_Unit], masthead: Masthead | None, masthead_lines: set[int]) -> list[_ArticleBuilder]:
    articles: list[_ArticleBuilder] = []
    dates = EntryDates(masthead.date if masthead else None)
    pending: list[_Unit] = []  # heading blocks not yet known to be a headline or a section
    for unit in units + [_Unit("end", [])]:
        if unit.kind == "heading":
            pending.append(unit)
            continue
        if pending:
            current = articles[-1] if articles else None
            starts_article = current is None or current.closed or len(pending) > 1 or len(pending[0].lines) > 1
            if starts_article:
                if current is not None:
                    current.close_entry()
                articles.append(_headline_article(pending, masthead_lines))
            else:
                articles[-1].start_section(pending[0].lines[0][1])
            pending = []
        if unit.kind == "end":
            break
        if not articles:
            articles.append(_ArticleBuilder())
        article = articles[-1]
        if unit.kind == "body":
            article.add_body(*unit.lines[0])
        elif unit.kind == "entry":
            assert unit.entry is not None
            date = dates.resolve(unit.entry)
            if date is None:
                # No year to be had, or no such day: keep the line as text rather than lose it.
                article.close_entry()
                article.add_body(*unit.lines[0])
                continue
            article.start_entry(date, entry_date_text(unit.entry))
            rest = unit.entry["rest"].lstrip(" ：:，,、")
            if rest:
                article.add_body(unit.lines[0][0], rest)
        elif unit.kind == "byline":
            article.close_entry()
            name = BYLINE_RE.match(unit.lines[0][1])
            if article.byline is None and name:
                article.byline = name["name"].strip()
            article.closed = True
    return articles


def _headline_article(pending: list[_Unit], masthead_lines: set[int]) -> _ArticleBuilder:
    """Split the heading blocks opening an article into its headline and section headings.

    Headline lines printed above the masthead are the headline; otherwise the first block
    is, joined by the next one-line block when the first looks like a kicker
    (`精准施策 持续作战`: parallel phrases set apart by a space)."""
    lines = [item for unit in pending for item in unit.lines]
    above = [item for item in lines if masthead_lines and item[0] < min(masthead_lines)]
    if above:
        headline, rest = above, lines[len(above) :]
    else:
        take = 1
        if (
            len(pending) > 1
            and len(pending[0].lines) == 1
            and len(pending[1].lines) == 1
            and _looks_like_kicker(pending[0].lines[0][1])
        ):
            take = 2
        headline = [item for unit in pending[:take] for item in unit.lines]
        rest = [item for unit in pending[take:] for item in unit.lines]
    texts = [t for _, t in headline]
    article = _ArticleBuilder()
    if len(texts) == 1:
        article.title = texts[0]
    else:
        # Kicker (引题) above title, as in `万众一心 阻击疫情` / `无锡工会“战疫”时间轴`.
        article.title = texts[1]
        article.subtitle = " ".join([texts[0], *texts[2:]])
    for _, heading in rest:
        article.start_section(heading)
    return article


def _looks_like_kicker(line: str) -> bool:
    phrases = line.split()
    return len(phrases) >= 2 and all(has_cjk(p) for p in phrases)


def _first_sentence(text: str) -> str:
    for i, c in enumerate(text):
        if c in "。！？!?" and i < TITLE_MAX_CHARS:
            return text[: i + 1]
    return text[:TITLE_MAX_CHARS]


# --- plain documents ---------------------------------------------------------------------


def _plain_document(lines: list[str]) -> ParsedDocument:
    """A document without masthead or article structure: titled by its first line.

    The first line is taken out of the body only when it stands alone and does not end a
    sentence; otherwise it is the start of the first paragraph and stays there."""
    blocks = _blocks(lines)
    if not blocks:
        return ParsedDocument(kind="document", title="", sections=[Section(heading=None)])
    first_index, first_line = blocks[0][0]
    title = first_line[:TITLE_MAX_CHARS]
    body = list(lines)
    if len(blocks[0]) == 1 and not ends_sentence(first_line):
        body[first_index] = ""
    section = Section(heading=None)
    for joined in join_paragraphs(body):
        section.paragraphs.append(Paragraph(joined.text, joined.first, joined.last, find_amounts(joined.text)))
    return ParsedDocument(kind="document", title=title, sections=[section])


# --- entry point -------------------------------------------------------------------------


def parse_page(text: str) -> ParsedPage:
    """Parse a decoded page: masthead (if printed) and its articles, or one plain document."""
    lines = [undouble_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(line.strip() for line in lines):
        return ParsedPage(masthead=None, documents=[])
    masthead, masthead_lines = find_masthead(lines)
    body = ["" if i in masthead_lines else line for i, line in enumerate(lines)]
    articles = [a.finish() for a in _build_articles(_classify(body), masthead, masthead_lines)]
    articles = [a for a in articles if a.paragraphs() or a.title]
    if masthead is None and not _has_article_structure(articles):
        return ParsedPage(masthead=None, documents=[_plain_document(lines)])
    return ParsedPage(masthead=masthead, documents=articles)


def _has_article_structure(articles: list[ParsedDocument]) -> bool:
    if len(articles) > 1:
        return True
    return any(a.byline or a.subtitle or a.timeline or any(s.heading for s in a.sections) for a in articles)
