"""Pages the importer has never seen: paragraph conventions, credits and datelines, several articles, dates."""

import datetime as dt

from archiveviewer.ingest.layout import BLANK, INDENT, NONE, detect_layout
from archiveviewer.ingest.newspaper_parser import parse, parse_page


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    text = indent + text
    return [text[k : k + width] for k in range(0, len(text), width)]


P1 = "中央电视台今天播出了反映改革开放二十年成就的大型电视系列片。（钱荣友）"
P2 = "新华社北京１月１８日电（记者杨国强）国务院今天召开常务会议，研究部署春节期间的各项工作。"
P3 = "会议指出，要切实安排好困难群众的生活，让他们过一个欢乐祥和的节日。"


def _texts(page):
    return [p.text for d in page.documents for p in d.paragraphs()]


def test_long_first_line_is_kept_whole():
    """A 600-character first line ending with a byline is a paragraph, not an 80-character title."""
    line = "这是一段很长的正文，内容不断延续" * 36 + "。（黄金老）"
    page = parse(line + "\n\n第二段。\n")
    (doc,) = page.documents
    assert doc.paragraphs()[0].text == line
    assert line.startswith(doc.title) and len(doc.title) <= 80


def test_one_line_file_of_any_length_keeps_all_its_text():
    """A huge one-line file that does not end a sentence keeps every character in its body."""
    line = "一二三四五六七八九十，" * 20000
    (doc,) = parse(line).documents
    assert "".join(_texts(parse(line))) == line
    assert len(doc.title) <= 80


def test_credit_ends_a_paragraph_and_dateline_starts_one():
    """`（钱荣友）` closes a paragraph, `新华社…电` opens one, across a blank line or none."""
    for gap in (["", ""], [""], []):
        lines = _wrap(P1, 17) + gap + _wrap(P2, 17) + [""] + _wrap(P3, 17)
        assert _texts(parse("\n".join(lines))) == [P1, P2, P3], gap


def test_sentence_ending_at_the_column_edge_is_joined_on_a_blank_line_page():
    """On a page that separates paragraphs by blank lines, a full line ending in 。 is not a paragraph end."""
    first = "甲乙丙丁戊己庚辛壬癸。子丑寅卯辰巳午未申酉。"  # 22 characters: the sentence ends at width 11
    lines = _wrap(first, 11) + [""] + _wrap(P3, 11)
    assert detect_layout(lines).convention == BLANK
    assert _texts(parse("\n".join(lines))) == [first, P3]


def test_indented_paragraphs_without_blank_lines():
    """Indentation marks the paragraphs: each indented line starts one, the headline stands above."""
    lines = ["春节前夕国务院部署工作"] + _wrap(P2, 15, "\u3000\u3000") + _wrap(P3, 15, "\u3000\u3000")
    assert detect_layout(lines).convention == INDENT
    (doc,) = parse("\n".join(lines)).documents
    assert doc.title == "春节前夕国务院部署工作"
    assert _texts(parse("\n".join(lines))) == [P2, P3]


def test_neither_blank_lines_nor_indentation():
    """A short line that ends a sentence ends its paragraph when the page marks paragraphs no other way."""
    paragraphs = [P3, "各地要加强市场供应，保持物价基本稳定。", "各级领导干部要深入基层，了解群众疾苦。"]
    lines = [line for p in paragraphs for line in _wrap(p, 13)]
    assert detect_layout(lines).convention == NONE
    assert _texts(parse("\n".join(lines))) == paragraphs


def test_several_articles_in_one_file_without_masthead():
    """Headline, dateline, body, closing credit: each article found, titled and dated from the file name."""
    text = "\n".join(
        ["国务院部署春节工作", ""]
        + _wrap(P2, 16)
        + [""]
        + _wrap(P3 + "（新华社记者摄）", 16)
        + ["", "北京迎来降雪天气", ""]
        + _wrap("本报北京１月２０日讯今天北京迎来入冬以来第一场降雪，市民纷纷走上街头赏雪。", 16)
        + ["", "谢谢！（新华社北京１２月３１日电）"]
    )
    page = parse(text, "rmrb-19980121-02.txt")
    assert [(d.title, d.published) for d in page.documents] == [
        ("国务院部署春节工作", dt.date(1998, 1, 18)),
        ("北京迎来降雪天气", dt.date(1998, 1, 20)),
    ]
    assert page.documents[1].paragraphs()[-1].text == "谢谢！（新华社北京１２月３１日电）"


def test_dates_are_never_guessed():
    """Without a year on the page, in the dateline or in the file name, the document stays undated."""
    text = "国务院部署春节工作\n\n" + "\n".join(_wrap(P2, 16))
    assert parse(text, "page-0001.txt").documents[0].published is None
    assert parse(text, "1998年1月.txt").documents[0].published == dt.date(1998, 1, 18)
    stated = text.replace("北京１月１８日电", "北京１９９８年１月１８日电")
    assert parse(stated, "page-0001.txt").documents[0].published == dt.date(1998, 1, 18)


def test_december_dateline_in_a_january_file_is_the_year_before():
    """A closing `１２月３１日电` on a page filed on 1998-01-01 is dated 1997-12-31."""
    text = "新年贺词\n\n同胞们、朋友们：新年好！\n\n祝大家新年快乐。（新华社北京１２月３１日电）\n"
    (doc,) = parse(text, "rmrb-19980101-01.txt").documents
    assert doc.published == dt.date(1997, 12, 31)


def test_masthead_date_wins():
    """The masthead's date dates every article on the page, whatever its datelines say."""
    text = "人民日报 1998年1月20日 星期二 第4版\n\n国务院部署春节工作\n\n" + "\n".join(_wrap(P2, 16))
    (doc,) = parse(text, "rmrb-19970101.txt").documents
    assert doc.published == dt.date(1998, 1, 20)


def test_parse_page_is_parse_without_a_file_name():
    """The old entry point gives the same page as `parse` without a file name."""
    text = "国务院部署春节工作\n\n" + "\n".join(_wrap(P2, 16))
    assert parse_page(text) == parse(text, "")
