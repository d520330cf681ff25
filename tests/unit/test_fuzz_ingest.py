"""Fuzzing the decoders and the page parser: the project's own error or a result, never another exception or a hang."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hang_guard import no_hang
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.ingest.amounts import find_amounts
from archiveviewer.ingest.decoding import decode_bytes
from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.masthead import find_masthead
from archiveviewer.ingest.newspaper_parser import parse_page
from archiveviewer.ingest.page_model import DecodedText, ParsedPage

SAMPLE = (
    Path(__file__).resolve().parents[2] / "src/archiveviewer/resources/samples/newspaper-page-2020-02-24-A06.txt"
).read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines()
# What real pages are made of, plus what breaks parsers: odd whitespace, controls, surrogate-free exotic text.
PIECES = [
    "◆",
    "◆ 1月24日",
    "2月3日",
    "44万元",
    "5000元",
    "１２３",
    "责编",
    "版式",
    "（记者 ）",
    "时间轴",
    "A06",
    "2020年2月24日",
    "星期一",
    "\u3000",
    "\t",
    "\x0c",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "𠀀",
    "·",
    "——",
    "。",
    "，",
    "\r",
    "\r\n",
]
LINES = st.one_of(
    st.sampled_from(SAMPLE_LINES),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(max_size=60),
)
PAGES = st.lists(LINES, max_size=60).map("\n".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5", "latin-1", "cp1252"]


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@FUZZ
@given(st.binary(max_size=4096))
def test_decoding_random_bytes_gives_text_or_an_ingest_error(data):
    """Any bytes: a DecodedText whose text has no NUL, or IngestError naming the file."""
    with no_hang():
        try:
            decoded = decode_bytes(data, "fuzz.txt")
        except IngestError as exc:
            assert str(exc).startswith("fuzz.txt: ")
            return
    assert isinstance(decoded, DecodedText) and decoded.text.strip()
    assert "\x00" not in decoded.text


@FUZZ
@given(PAGES, st.sampled_from(ENCODINGS), st.binary(max_size=8), st.integers(min_value=0, max_value=4096))
def test_decoding_damaged_pages_in_every_encoding_gives_text_or_an_ingest_error(page, encoding, junk, at):
    """A page in any supported (or unsupported) encoding, with junk bytes spliced in: text or IngestError."""
    data = _encoded(page, encoding)
    data = data[:at] + junk + data[at:]
    with no_hang():
        try:
            decoded = decode_bytes(data, "page.txt")
        except IngestError:
            return
    assert isinstance(decoded.text, str) and isinstance(decoded.encoding, str)


@FUZZ
@given(PAGES)
def test_parsing_any_page_gives_a_parsed_page(page):
    """Any text: a ParsedPage whose every document has a title, paragraphs as strings and ISO dates."""
    with no_hang():
        try:
            parsed = parse_page(page)
        except IngestError:
            return
    assert isinstance(parsed, ParsedPage)
    for doc in parsed.documents:
        assert isinstance(doc.title, str)
        for section in doc.sections:
            assert all(isinstance(p.text, str) for p in section.paragraphs)
        for entry in doc.timeline:
            assert isinstance(entry.date, dt.date) and entry.text


@FUZZ
@given(st.lists(st.sampled_from(SAMPLE_LINES), min_size=1, max_size=80), st.randoms(use_true_random=False))
def test_parsing_shuffled_sample_lines_gives_a_parsed_page(lines, rnd):
    """The sample's own lines in any order and number (a page cut and pasted wrongly): a ParsedPage."""
    rnd.shuffle(lines)
    with no_hang():
        parsed = parse_page("\n".join(lines))
    assert isinstance(parsed, ParsedPage)
    if any(line.strip() for line in lines):  # text is never silently dropped: documents or a masthead
        assert parsed.documents or parsed.masthead is not None
    for doc in parsed.documents:
        assert all(isinstance(e.date, dt.date) for e in doc.timeline)


@FUZZ
@given(LINES)
def test_amounts_and_mastheads_never_raise(text):
    """find_amounts and find_masthead take any text: amounts carry a value, the masthead is found or not."""
    with no_hang():
        amounts = find_amounts(text)
        masthead, used = find_masthead(text.split("\n"))
    assert all(a.text in text for a in amounts)
    assert masthead is None or isinstance(used, set)
