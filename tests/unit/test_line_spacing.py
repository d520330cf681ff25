"""Double-spaced OCR output: a blank line after every line of text."""

import sys
from pathlib import Path

from archiveviewer.ingest.integrity import nothing_lost
from archiveviewer.ingest.line_spacing import double_spacing_kept
from archiveviewer.ingest.newspaper_parser import parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from news_corpus import Style, build_pages  # noqa: E402

HEADLINE = "国务院部署春节期间各项工作"
P1 = "新华社北京１月１８日电（记者杨国强）国务院今天召开常务会议，研究部署春节期间的各项工作。"
P2 = "会议指出，要切实安排好困难群众的生活，让他们过一个欢乐祥和的节日。"


def _wrap(text: str, width: int) -> list[str]:
    return [text[k : k + width] for k in range(0, len(text), width)]


def _spaced(lines: list[str]) -> list[str]:
    return [out for line in lines for out in ([line, ""] if line.strip() else [line])]


def test_a_double_spaced_page_reads_as_the_page_without_its_spacing():
    """Every line of text followed by a blank line: the paragraphs, title and dates come back as from the
    page without the spacing, and each paragraph names its own lines of the spaced text."""
    single = [HEADLINE, "", *_wrap(P1, 14), "", *_wrap(P2, 14)]
    spaced = _spaced(single)
    assert double_spacing_kept(single) is None
    kept = double_spacing_kept(spaced)
    assert kept is not None and [spaced[i] for i in kept] == [*single, ""]  # the blank after the last line stays
    page = parse("\n".join(spaced), "rmrb-19980118.txt")
    (doc,) = page.documents
    assert (doc.title, [p.text for p in doc.paragraphs()]) == (HEADLINE, [P1, P2])
    assert doc.published is not None and doc.published.isoformat() == "1998-01-18"
    first = doc.paragraphs()[0]
    assert (spaced[first.line_start], spaced[first.line_end]) == (_wrap(P1, 14)[0], _wrap(P1, 14)[-1])


def test_one_line_units_set_off_by_blank_lines_are_no_double_spacing():
    """A headline, headings and one-line paragraphs, each between blank lines, are not text wrapped in a
    column: their blank lines still separate them."""
    lines = ["主标题", "", "第一节", "", "第一段，内容。", "", "第二节", "", "第二段，内容。", "", "（张三）"]
    assert double_spacing_kept(lines) is None


def test_double_spaced_corpus_pages_lose_nothing_and_keep_their_paragraphs():
    """On 60 double-spaced pages of the evaluation corpus, nothing is lost (the repairs land on the page's
    own lines) and paragraphs come back whole as often as without the spacing."""
    whole = {}
    for spaced in (False, True):
        found = total = 0
        for name, text, truth in build_pages(60, seed=11, style=Style(double_spaced=spaced, lost_indent=True)):
            page = parse(text, name)
            assert nothing_lost(text, page), name
            parsed = {"".join(p.text.split()) for d in page.documents for p in d.paragraphs()}
            paragraphs = [p for article in truth.articles for p in article["paragraphs"]]
            found += sum(p in parsed for p in paragraphs)
            total += len(paragraphs)
        whole[spaced] = found / total
    assert whole[True] >= whole[False] - 0.005 and whole[True] > 0.95
