"""The nothing-lost check: every character of a page's text is in its parsed structure, after the recorded repairs."""

from __future__ import annotations

from collections import Counter

from archiveviewer.ingest.page_model import ParsedPage


def _squash(text: str) -> str:
    return "".join(text.split())


def repaired_lines(text: str, page: ParsedPage) -> list[str]:
    """The page's lines with the parser's recorded repairs replayed (doubled runs undone,
    masthead lines read into fields, picture numbers dropped, `◆` markers and byline brackets)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for r in page.repairs:
        if r.before not in lines[r.line]:
            raise ValueError(f"repair {r.kind} on line {r.line} does not match the text: {r.before!r}")
        lines[r.line] = lines[r.line].replace(r.before, r.after, 1)
    return lines


def structure_pieces(page: ParsedPage) -> list[str]:
    """Every text the structure stores: titles, subtitles, bylines, headings, paragraphs, timeline dates."""
    out: list[str] = []
    for doc in page.documents:
        out += [doc.title, doc.subtitle or "", doc.byline or ""]
        for section in doc.sections:
            out.append(section.heading or "")
            out += [p.text for p in section.paragraphs]
        out += [e.date_text for e in doc.timeline]
    return out


def lost_characters(text: str, page: ParsedPage) -> Counter[str]:
    """Non-whitespace characters of the (repaired) text that the structure does not hold, with counts."""
    want = Counter(_squash("".join(repaired_lines(text, page))))
    return want - Counter(_squash("".join(structure_pieces(page))))


def body_in_order(text: str, page: ParsedPage) -> bool:
    """The headings and paragraphs, in document order, read in the order of the text."""
    return _in_order(_squash("".join(repaired_lines(text, page))), page)


def _in_order(source: str, page: ParsedPage) -> bool:
    """Whether the squashed headings and paragraphs are, one after another, a subsequence of `source`.

    Each character is matched at its first place after the previous one. A piece usually
    stands in the text as it is: where its first character is matched the whole piece
    follows, and the matching ends where it ends; otherwise character by character."""
    pos = 0
    for doc in page.documents:
        for section in doc.sections:
            for piece in [section.heading or "", *(p.text for p in section.paragraphs)]:
                squashed = _squash(piece)
                if not squashed:
                    continue
                start = source.find(squashed[0], pos)
                if start < 0:
                    return False
                if source.startswith(squashed, start):
                    pos = start + len(squashed)
                    continue
                for c in squashed:
                    pos = source.find(c, pos) + 1
                    if not pos:
                        return False
    return True


def nothing_lost(text: str, page: ParsedPage) -> bool:
    """The invariant the importer keeps: nothing lost, and the body in the order of the text."""
    try:
        source = _squash("".join(repaired_lines(text, page)))
    except ValueError:
        return False
    return not Counter(source) - Counter(_squash("".join(structure_pieces(page)))) and _in_order(source, page)
