"""What the search index holds: one `SearchItem` per searchable thing, and what a query returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchItem:
    """One indexable item, built by the app layer from database rows.

    `key` is unique across kinds ("article:3", "entry:17", "document:5",
    "annotation:9") so index updates are upserts.
    """

    key: str
    kind: str  # article | entry | document | annotation
    title: str
    text: str  # the original, displayed text (body, including headings)
    date: str | None = None  # YYYY-MM-DD
    document_id: int | None = None
    entity_id: int | None = None
    source: str | None = None  # imported file name
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # byline, editors, annotation author
    # False when the title is only context shown beside the item (an entry's
    # page title): then the item matches on its own text alone.
    title_matches: bool = True


@dataclass(frozen=True)
class SearchHit:
    key: str
    kind: str
    title: str
    date: str | None
    document_id: int | None
    entity_id: int | None
    source: str | None
    snippet: str
    highlights: list[tuple[int, int]]  # [start, end) offsets inside `snippet`
    score: float

    def to_dict(self) -> dict:
        """The hit as `search --json` and the search-report export write it."""
        return {
            "id": self.key,
            "kind": self.kind,
            "title": self.title,
            "date": self.date,
            "document_id": self.document_id,
            "source": self.source,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "score": round(self.score, 4),
        }


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)


class QuerySyntaxError(ValueError):
    """A malformed query; the message says what is wrong, for the user.

    `template` (English, `str.format` placeholders) and `params` let the GUI
    translate the message: the template is the translation key.
    """

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params
        super().__init__(template.format(**params))
