"""Newspaper-page parsing: articles (headline, sections, byline, timeline) under a masthead; plain documents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.ingest.document_dates import document_date
from archiveviewer.ingest.integrity import nothing_lost
from archiveviewer.ingest.layout import credit_joins, detect_layout, paragraph_starts, starts_dateline
from archiveviewer.ingest.line_spacing import double_spacing_kept
from archiveviewer.ingest.masthead import find_masthead, parse_masthead_line
from archiveviewer.ingest.ocr_repair import (
    BYLINE_RE,
    CREDIT_END_RE,
    ENTRY_RE,
    HEADLINE_MAX_CHARS,
    UNIT_TAIL,
    ends_sentence,
    ends_unit,
    has_cjk,
    is_heading_like,
    is_headline_like,
    join_paragraphs,
    undouble_line,
)
from archiveviewer.ingest.page_model import (
    Masthead,
    Paragraph,
    ParsedDocument,
    ParsedPage,
    Repair,
    Section,
    TimelineEntry,
)
from archiveviewer.ingest.timeline_dates import EntryDates, entry_date_text

# parse_masthead_line is re-exported: callers and tests import it from here.
__all__ = ["find_masthead", "parse", "parse_masthead_line", "parse_page"]

TITLE_MAX_CHARS = 80

# --- units: the page as headings, bylines, timeline dates and body lines ---------------


@dataclass
class _Unit:
    kind: str  # "heading" | "byline" | "entry" | "body"
    lines: list[tuple[int, str]]  # (source line index, stripped text); body: one line
    entry: re.Match[str] | None = None


def _blocks(lines: list[str], starts: Collection[int] = ()) -> list[list[tuple[int, str]]]:
    """Runs of lines set apart by blank lines or by the page's paragraph starts."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for i, line in enumerate(lines):
        if line.strip():
            if i in starts and blocks[-1]:
                blocks.append([])
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


def _classify(lines: list[str], starts: Collection[int], repairs: list[Repair]) -> list[_Unit]:
    units: list[_Unit] = []
    ended = True  # did the text before end a sentence (or is this the start)?
    in_timeline = False
    for block in _blocks(lines, starts):
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
                repairs.append(Repair(part[0][0], "picture-number", texts[0], ""))
                continue
            if alone and ended and len(part) == 1 and BYLINE_RE.match(texts[0]):
                units.append(_Unit("byline", part))
                in_timeline = False
                continue
            # Timeline columns are narrow and cut lines off freely, so inside a timeline a
            # lone short line is a fragment; only a two-line headline ends the timeline.
            min_lines = 2 if in_timeline else 1
            if alone and ended and min_lines <= len(part) <= 2 and _heading_lines(texts):
                units.append(_Unit("heading", part))
                in_timeline = False
                continue
            units.extend(_Unit("body", [item]) for item in part)
            # The block's end, not its last line: a credit wraps (`…。（宋凤` / `芝）`).
            ended = ends_unit("".join(texts[-8:])[-UNIT_TAIL:])
    return _demote_unfollowed_headings(units)


def _heading_lines(texts: list[str]) -> bool:
    """Lines that may stand as a heading or headline: two short heading lines, or one line as long as a headline."""
    if len(texts) == 1 and is_headline_like(texts[0]):
        return True
    return all(is_heading_like(t) for t in texts)


def _demote_unfollowed_headings(units: list[_Unit]) -> list[_Unit]:
    """A heading must introduce something: a heading, a `◆` entry, real body text or a photo credit.
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
    if nxt.kind == "byline" and ("摄" in nxt.lines[0][1] or "攝" in nxt.lines[0][1]):
        return True  # a picture's headline over its photographer's credit (`（王尽彦摄于乌干达）`)
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
    repair: Repair | None = None  # the `◆` line read as this date


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
    starts: Collection[int] = ()  # the page's paragraph starts (source line indexes)
    joins: Collection[int] = ()  # credit lines that end the paragraph above them (`credit_joins`)
    repairs: list[Repair] = field(default_factory=list)  # the page's, shared by its articles

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
        starts = {i - base for i in self.starts if base <= i < base + len(texts)}
        joins = {i - base for i in self.joins if base <= i < base + len(texts)}
        for joined in join_paragraphs(texts, first_is_body=after_date, starts=starts, joins=joins):
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

    def has_body(self) -> bool:
        return bool(self.run) or self.count > 0

    def ends_with_credit(self) -> bool:
        """The text so far ends with a closing credit (`…。（刘刚摄）`): the article is over."""
        last = self.run[-1][1] if self.run else (self.sections[-1].paragraphs[-1].text if self.count else "")
        if self.run and len(self.run) > 1 and len(last) < 4:
            last = self.run[-2][1] + last  # the credit's bracket wrapped onto a line of its own
        return bool(CREDIT_END_RE.search(last.rstrip()))

    def is_flat(self) -> bool:
        """Body text and no headed section: a heading after it starts another article."""
        return self.has_body() and not any(s.heading for s in self.sections)

    def start_section(self, heading: str) -> None:
        self.close_entry()
        self.sections.append(Section(heading=heading))

    def start_entry(self, date: dt.date, date_text: str, repair: Repair) -> None:
        self.close_entry()
        self.entry = _OpenEntry(date=date, date_text=date_text, start=self.count, repair=repair)

    def close_entry(self) -> None:
        self.flush()
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if not entry.paragraphs:
            # A `◆` date with no text after it has no passage to link to: not an entry; its
            # line stays text.
            assert entry.repair is not None
            line = entry.repair.line
            if not self.sections:
                self.sections.append(Section(heading=None))
            self.sections[-1].paragraphs.append(Paragraph(entry.repair.before, line, line))
            self.count += 1
            return
        if entry.repair is not None:
            self.repairs.append(entry.repair)
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
            # Derived from the text, which keeps it: never cut out of the body.
            first = next((p.text for s in self.sections for p in s.paragraphs), "") or self.byline or ""
            title = _first_sentence(first)
        return ParsedDocument(
            kind="article",
            title=title,
            subtitle=self.subtitle,
            byline=self.byline,
            sections=self.sections,
            timeline=self.timeline,
        )


def _build_articles(
    units: list[_Unit],
    masthead: Masthead | None,
    masthead_lines: set[int],
    starts: Collection[int],
    joins: Collection[int],
    repairs: list[Repair],
) -> list[_ArticleBuilder]:
    articles: list[_ArticleBuilder] = []
    dates = EntryDates(masthead.date if masthead else None)
    pending: list[_Unit] = []  # heading blocks not yet known to be a headline or a section
    for unit in units + [_Unit("end", [])]:
        if unit.kind == "heading":
            pending.append(unit)
            continue
        if pending:
            current = articles[-1] if articles else None
            starts_article = (
                current is None
                or current.closed
                or len(pending) > 1
                or len(pending[0].lines) > 1
                or current.is_flat()
                or current.ends_with_credit()
                or (unit.kind == "body" and starts_dateline(unit.lines[0][1]))
            )
            if starts_article:
                if current is not None:
                    current.close_entry()
                articles.append(_headline_article(pending, masthead_lines))
                articles[-1].starts, articles[-1].joins, articles[-1].repairs = starts, joins, repairs
            else:
                articles[-1].start_section(pending[0].lines[0][1])
            pending = []
        if unit.kind == "end":
            break
        if not articles:
            articles.append(_ArticleBuilder(starts=starts, joins=joins, repairs=repairs))
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
            date_text = entry_date_text(unit.entry)
            rest = unit.entry["rest"].lstrip(" ：:，,、")
            article.start_entry(
                date, date_text, Repair(unit.lines[0][0], "entry-marker", unit.lines[0][1], date_text + rest)
            )
            if rest:
                article.add_body(unit.lines[0][0], rest)
        elif unit.kind == "byline":
            article.close_entry()
            name = BYLINE_RE.match(unit.lines[0][1])
            if article.byline is None and name:
                article.byline = name["name"].strip()
                repairs.append(Repair(unit.lines[0][0], "byline-brackets", unit.lines[0][1], article.byline))
            else:
                # A second credit is kept as text: the article has its byline already.
                article.add_body(*unit.lines[0])
                article.flush()
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


def _plain_document(lines: list[str], starts: Collection[int], joins: Collection[int] = ()) -> ParsedDocument:
    """A document without masthead or article structure: titled by its first line.

    The first line is taken out of the body only when it stands alone, is no longer than
    a headline and does not end a sentence (or a credit); otherwise it is the start of the
    first paragraph and stays there, and the title is derived from it."""
    blocks = _blocks(lines, starts)
    if not blocks:
        return ParsedDocument(kind="document", title="", sections=[Section(heading=None)])
    first_index, first_line = blocks[0][0]
    body = list(lines)
    title = None
    if len(blocks[0]) == 1 and len(first_line) <= HEADLINE_MAX_CHARS and not ends_unit(first_line):
        title = first_line
        body[first_index] = ""
    section = Section(heading=None)
    for joined in join_paragraphs(body, starts=starts, joins=joins):
        section.paragraphs.append(Paragraph(joined.text, joined.first, joined.last, find_amounts(joined.text)))
    if title is None:
        title = _first_sentence(section.paragraphs[0].text if section.paragraphs else first_line)
    return ParsedDocument(kind="document", title=title, sections=[section])


# --- entry point -------------------------------------------------------------------------


def parse_page(text: str) -> ParsedPage:
    """Parse a decoded page: masthead (if printed) and its articles, or one plain document."""
    return parse(text, "")


def parse(text: str, file_name: str = "") -> ParsedPage:
    """Parse a decoded page; `file_name` may state the year its datelines leave out.

    A pure function (no I/O, no shared state), so worker processes can run it. Nothing is
    lost: should the structure miss a character of the text (beyond the recorded repairs),
    the page is kept as one plain document instead, which holds every line."""
    page = parse_structured(text, file_name)
    if nothing_lost(text, page):
        return page
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [r for r in page.repairs if r.kind in ("doubled", "masthead")]
    removed = {r.line for r in kept if r.kind == "masthead"}
    body = ["" if i in removed else undouble_line(line) for i, line in enumerate(lines)]
    layout = detect_layout(body)
    document = _plain_document(body, paragraph_starts(body, layout), credit_joins(body, layout))
    masthead_date = page.masthead.date if page.masthead else None
    document.published = document_date([p.text for p in document.paragraphs()], masthead_date, file_name)
    return ParsedPage(masthead=page.masthead, documents=[document], repairs=kept)


def parse_structured(text: str, file_name: str = "") -> ParsedPage:
    """`parse` without the plain-document fallback (tests use it to find what the structure would lose)."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = double_spacing_kept(raw_lines)
    if kept is not None:  # read without the spacing, then placed back on the page's own lines
        return _on_lines(parse_structured("\n".join(raw_lines[i] for i in kept), file_name), kept)
    lines = [undouble_line(line) for line in raw_lines]
    repairs = [
        Repair(i, "doubled", raw, line)
        for i, (raw, line) in enumerate(zip(raw_lines, lines, strict=True))
        if raw != line
    ]
    if not any(line.strip() for line in lines):
        return ParsedPage(masthead=None, documents=[], repairs=repairs)
    masthead, masthead_lines = find_masthead(lines)
    body = ["" if i in masthead_lines else line for i, line in enumerate(lines)]
    layout = detect_layout(body)
    starts = paragraph_starts(body, layout)
    joins = credit_joins(body, layout)
    structure_repairs: list[Repair] = []
    units = _classify(body, starts, structure_repairs)
    articles = [a.finish() for a in _build_articles(units, masthead, masthead_lines, starts, joins, structure_repairs)]
    articles = [a for a in articles if a.paragraphs() or a.title or a.byline]
    masthead_date = masthead.date if masthead else None
    if masthead is None and not _has_article_structure(articles):
        document = _plain_document(lines, starts, joins)
        document.published = document_date([p.text for p in document.paragraphs()], None, file_name)
        return ParsedPage(masthead=None, documents=[document], repairs=repairs)
    for article in articles:
        article.published = document_date([p.text for p in article.paragraphs()], masthead_date, file_name)
    repairs += [Repair(i, "masthead", lines[i], "") for i in sorted(masthead_lines)]
    return ParsedPage(masthead=masthead, documents=articles, repairs=repairs + structure_repairs)


def _on_lines(page: ParsedPage, lines: list[int]) -> ParsedPage:
    """`page`, read from some of a text's lines, with its line numbers turned into the text's (`lines[k]`)."""
    for document in page.documents:
        for paragraph in document.paragraphs():
            paragraph.line_start, paragraph.line_end = lines[paragraph.line_start], lines[paragraph.line_end]
    page.repairs = [Repair(lines[r.line], r.kind, r.before, r.after) for r in page.repairs]
    return page


def _has_article_structure(articles: list[ParsedDocument]) -> bool:
    if len(articles) > 1:
        return True
    return any(a.byline or a.subtitle or a.timeline or any(s.heading for s in a.sections) for a in articles)
