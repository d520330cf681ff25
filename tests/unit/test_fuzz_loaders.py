"""Fuzzing the related-document loaders (HTML, DOCX, PDF): IngestError or a result, nothing else, never a hang."""

from __future__ import annotations

import io
from functools import cache

from hang_guard import no_hang
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.loaders import Loaded, load


def no_ocr():
    return None  # scans are kept without text: the fuzz never starts Tesseract


def outcome(data: bytes, name: str) -> Loaded | None:
    """The loader's result, or None for the project's own refusal; anything else fails the test."""
    with no_hang():
        try:
            loaded = load(data, name, no_ocr)
        except IngestError as exc:
            assert str(exc).strip(), "an IngestError must say why"
            return None
    assert isinstance(loaded, Loaded)
    assert loaded.text is None or isinstance(loaded.text, str)
    return loaded


@cache
def docx_seed() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("关于做好疫情防控期间企业复工的通知", level=1)
    document.add_paragraph("无锡市总工会筹措资金44万元，驰援两家市级定点医院。")
    table = document.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"{r}{c}万元"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def pdf_seed() -> bytes:
    from scan_fixtures import text_pdf

    return text_pdf([["关于做好疫情防控期间企业复工的通知", "无锡市总工会筹措资金44万元"], ["第二页"]])


def mutate(seed: bytes, edits: list[tuple[int, bytes]], cut: int | None) -> bytes:
    data = bytearray(seed)
    for at, junk in edits:
        at %= max(1, len(data))
        data[at : at + len(junk)] = junk
    return bytes(data[:cut] if cut is not None else data)


EDITS = st.lists(st.tuples(st.integers(min_value=0, max_value=1 << 20), st.binary(min_size=1, max_size=16)), max_size=6)
CUTS = st.none() | st.integers(min_value=0, max_value=1 << 16)
FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)

TAGS = ["<p>", "</p>", "<div>", "</div>", "<title>", "</title>", "<h1>", "<script>", "</script>", "<br>", "<table>"]
HTML_PIECES = st.one_of(
    st.sampled_from(TAGS),
    st.sampled_from(["通知", "44万元", "&amp;", "&#x4e2d;", "&#99999999;", "<!--", "-->", "<meta charset=gbk>"]),
    st.text(max_size=20),
)


@FUZZ
@given(st.binary(max_size=2048), st.sampled_from(["x.html", "x.docx", "x.pdf"]))
def test_random_bytes_under_any_document_name(data, name):
    """Random bytes named .html, .docx or .pdf: IngestError or a Loaded result."""
    outcome(data, name)


@FUZZ
@given(st.lists(HTML_PIECES, max_size=80).map("".join), st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_html_soup_in_any_encoding(html, encoding):
    """Tag soup, entities beyond Unicode, comments that never close, in UTF-8, GB18030 or UTF-16."""
    outcome(html.encode(encoding, errors="replace"), "page.html")


@FUZZ
@given(EDITS, CUTS)
def test_damaged_docx(edits, cut):
    """A real DOCX with bytes overwritten and/or cut short: IngestError or its text."""
    outcome(mutate(docx_seed(), edits, cut), "notice.docx")


@FUZZ
@given(EDITS, CUTS)
def test_damaged_pdf(edits, cut):
    """A real PDF with bytes overwritten and/or cut short: IngestError or its text (or a scan kept without it)."""
    outcome(mutate(pdf_seed(), edits, cut), "notice.pdf")


def test_the_seeds_load_intact():
    """Unmutated, the seeds read as the text they hold (so the mutations start from real files)."""
    assert "44万元" in outcome(docx_seed(), "notice.docx").text
    assert "44万元" in outcome(pdf_seed(), "notice.pdf").text
