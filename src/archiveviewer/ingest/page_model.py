"""Plain dataclasses the importer produces from a page: what storage persists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Amount:
    """A sum of money as printed (`212.45万元`) and its value in yuan (`2124500`)."""

    text: str
    yuan: Decimal


@dataclass
class Paragraph:
    """One repaired paragraph; `line_start`/`line_end` are 0-based source line numbers (inclusive)."""

    text: str
    line_start: int
    line_end: int
    amounts: list[Amount] = field(default_factory=list)


@dataclass
class Section:
    """A run of paragraphs under an optional heading (the first section may have none)."""

    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class TimelineEntry:
    """A dated item (`◆ 1月24日 …`). Paragraph indexes point into the document's
    flat paragraph list (all sections' paragraphs in order), inclusive."""

    date: dt.date
    date_text: str
    text: str
    amounts: list[Amount]
    paragraph_start: int
    paragraph_end: int


@dataclass
class Masthead:
    paper: str | None = None
    page: str | None = None
    date: dt.date | None = None
    weekday: str | None = None
    editor: str | None = None
    layout_editor: str | None = None
    proofreader: str | None = None


@dataclass
class ParsedDocument:
    """One article (kind `article`) or a plain document (kind `document`)."""

    kind: str
    title: str
    subtitle: str | None = None
    byline: str | None = None
    sections: list[Section] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    # The masthead's date, else the date its dateline states (`document_dates`); None: undated.
    published: dt.date | None = None

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]


@dataclass(frozen=True)
class Repair:
    """Text the importer changed on purpose on one source line (0-based), `before` → `after`:
    a doubled run undone, a masthead line read into fields, a picture number dropped, the
    `◆` of a timeline date, the brackets of a byline. The nothing-lost check replays these."""

    line: int
    kind: str
    before: str
    after: str


@dataclass
class ParsedPage:
    """Everything recovered from one imported file."""

    masthead: Masthead | None
    documents: list[ParsedDocument]
    repairs: list[Repair] = field(default_factory=list)


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was detected as."""

    text: str
    encoding: str
