"""Pages the importer has never seen: paragraph conventions, credits and datelines, several articles, dates."""

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from archiveviewer.ingest.columns import fills, half_width_cut, line_lengths, stops_short
from archiveviewer.ingest.layout import BLANK, INDENT, NONE, detect_layout
from archiveviewer.ingest.newspaper_parser import parse, parse_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from news_corpus import Style, build_pages  # noqa: E402


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


# --- credits, notes and headlines between articles ---------------------------------------

CAPTION = "４、河南驻马店金融同城清算系统开通。（建宪李恒摄）"  # 18 characters, then the credit


def test_credit_wrapped_onto_its_own_line_stays_with_its_paragraph():
    """The column edge can fall right before a closing credit: by the page's convention it is the
    paragraph's end, not a byline (blank lines: no blank line before it; indentation: not indented;
    neither: the line above fills the column)."""
    after = "据了解，春节期间，深圳海关将有５００多人放弃休假坚守岗位。"
    blank = _wrap(CAPTION, 18) + [""] + _wrap(after, 18)
    indent = _wrap(CAPTION, 20, "\u3000\u3000") + _wrap(after, 20, "\u3000\u3000") + _wrap(P3, 20, "\u3000\u3000")
    none = _wrap(P3, 18) + _wrap(CAPTION, 18) + _wrap(after, 18)
    assert _wrap(CAPTION, 18)[1] == "（建宪李恒摄）" and _wrap(CAPTION, 20, "\u3000\u3000")[1] == "（建宪李恒摄）"
    for lines, convention, want in ((blank, BLANK, [CAPTION, after]), (indent, INDENT, [CAPTION, after, P3])):
        assert detect_layout(lines).convention == convention
        assert _texts(parse("\n".join(lines))) == want, convention
    assert detect_layout(none).convention == NONE
    assert _texts(parse("\n".join(none))) == [P3, CAPTION, after]


def test_credit_after_a_blank_line_is_still_the_byline():
    """Set off by a blank line, the same credit is the article's byline (as on the sample page)."""
    lines = ["金融同城清算系统开通", ""] + _wrap("河南驻马店金融同城清算系统开通。", 18) + ["", "（建宪李恒摄）"]
    (doc,) = parse("\n".join(lines)).documents
    assert doc.byline == "建宪李恒摄"
    assert _texts(parse("\n".join(lines))) == ["河南驻马店金融同城清算系统开通。"]


def test_headline_after_a_credit_that_wrapped_over_two_lines():
    """`…消化各种增支减利因素。（宋凤` / `芝）` ends the article: the next block is a headline, not body."""
    end = "还在广大职工中深入开展“反浪费、堵漏洞、降成本、增效益”活动，消化各种增支减利因素。（宋凤芝）"
    title = "一曲《貂蝉》首次完整推出中西合奏迎新年（附图片２张）"
    body = "元旦前后，北京舞台各类迎新音乐会纷呈，但“丝竹情潮民乐交响协奏曲新年音乐会”却别具一格。"
    lines = ["本钢靠改革增活力", ""] + _wrap(end, 15) + ["", title, ""] + _wrap(body, 15)
    assert _wrap(end, 15)[-1] == "芝）"
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["本钢靠改革增活力", title]
    assert _texts(page) == [end, body]


def test_a_closing_note_or_a_piece_of_a_credit_is_never_a_headline():
    """`（新华社北京１月１３日电）` standing alone closes the article above it; `云枫）`, the end of a
    credit that wrapped, does not title a document of its own."""
    law = "第三十二条本条例自发布之日起施行。"
    lines = ["第六章附则", "", law, "", "（新华社北京１月１３日电）", "", "北大学生举行宣誓仪式", ""]
    lines += _wrap(P3, 15)
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["第六章附则", "北大学生举行宣誓仪式"]
    assert _texts(page)[:2] == [law, "（新华社北京１月１３日电）"]

    credit = "（湖北武汉市武昌区三三○三信箱云枫）"
    lines = ["自学考试升温", ""] + _wrap(P3, 15) + [""] + _wrap(credit, 15) + ["", "李鹏会见德国客人", ""]
    lines += _wrap(P2, 15)
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["自学考试升温", "李鹏会见德国客人"]
    assert credit in _texts(page)


# --- which convention a page uses -----------------------------------------------------------


def test_blank_lines_between_articles_do_not_make_a_blank_line_page():
    """Articles are set apart by blank lines on every page; only a blank line before more text of
    the same article says that blank lines mark its paragraphs."""
    first = ["各地要加强市场供应，保持物价基本稳定。", "各级领导干部要深入基层，了解群众疾苦。"]
    lines = ["国务院部署春节工作"] + [line for p in first for line in _wrap(p, 13)]
    lines += ["", "北京迎来降雪天气"] + _wrap(P3, 13)
    assert detect_layout(lines).convention == NONE
    assert _texts(parse("\n".join(lines))) == [*first, P3]


def test_one_indented_paragraph_under_its_headline():
    """A single indented paragraph is enough to show the convention: the headline above stays apart."""
    lines = ["万国权会见澳大利亚客人"] + _wrap(P2, 23, "\u3000\u3000")
    assert detect_layout(lines).convention == INDENT
    (doc,) = parse("\n".join(lines)).documents
    assert doc.title == "万国权会见澳大利亚客人"
    assert _texts(parse("\n".join(lines))) == [P2]


# --- a paragraph that ends exactly at the column edge (neither convention) ---------------------

LAW_27 = "第二十七条国家鼓励、扶持地震应急、救助技术和装备的研究开发工作。"  # 32 characters
LAW_28 = (
    "第二十八条违反本条例规定，在依法划定的电力设施保护区内进行烧窑、烧荒、抛锚、拖锚、炸鱼、"
    "挖沙作业，危及电力设施安全的，由电力管理部门责令停止作业、恢复原状并赔偿损失。"
)
LONG = (  # 64 characters
    "第二十七条违反本条例规定，危害发电设施、变电设施和电力线路设施的，由电力管理部门责令改正；"
    "拒不改正的，处１００００元以下的罚款。"
)
SHORT = "据新华社伦敦１月１０日电（记者毛磊）在地球高纬地区出现的极光现象，以其神奇之美让无数人叹为观止。"  # 48
HUBBLE = (
    "“哈勃”望远镜最近拍摄到的木星照片显示，在这颗太阳系最大行星的极地出现的极光绵延数千公里，"
    "向上延伸至木星大气层上百公里，远比地球极光气势磅礴。木星极光属于紫外波段，在进入地球大气层时"
    "会被吸收殆尽，因此在地球上用天文望远镜也难以辨其面目。"
)
OPENING = "各地要加强市场供应，保持物价基本稳定。"  # ends short at width 16: the page marks no paragraphs


def _none_page(*paragraphs: str) -> str:
    lines = [line for p in paragraphs for line in _wrap(p, 16)]
    assert detect_layout(lines).convention == NONE
    return "\n".join(lines)


def test_a_numbered_item_after_a_full_line_starts_a_paragraph():
    """`第二十八条` opens a paragraph even when the article before it ends exactly at the column edge."""
    assert len(LAW_27) % 16 == 0
    assert _texts(parse(_none_page(OPENING, LAW_27, LAW_28))) == [OPENING, LAW_27, LAW_28]


def test_long_text_on_both_sides_of_a_sentence_end_at_the_edge_is_split():
    """A full line ending a sentence after 60+ characters of paragraph, with 60+ to follow, ends it."""
    assert len(LONG) % 16 == 0 and len(HUBBLE) >= 60
    assert _texts(parse(_none_page(OPENING, LONG, HUBBLE))) == [OPENING, LONG, HUBBLE]


def test_short_text_before_a_sentence_end_at_the_edge_is_joined():
    """What stays undecidable: after only 48 characters a sentence ending at the edge most often
    goes on in the same paragraph, so the lines are joined (here wrongly: the source has two)."""
    assert len(SHORT) % 16 == 0
    assert _texts(parse(_none_page(OPENING, SHORT, HUBBLE))) == [OPENING, SHORT + HUBBLE]


def _kinsoku_wrap(text: str, width: int) -> list[str]:
    """Wrapped as a printed column comes back from OCR: a mark that may not start a line hangs at the end
    of the line before, which is then one character longer than the column."""
    lines: list[str] = []
    for ch in text:
        if lines and len(lines[-1]) < width or lines and ch in "，。、；：？！）」』”":
            lines[-1] += ch
        else:
            lines.append(ch)
    return lines


def test_a_full_line_with_a_hanging_full_stop_counts_as_full():
    """On a page with neither blank lines nor indentation, a paragraph whose `。` hangs past the column edge
    (17 characters on a 16-wide column) is judged like one ending exactly at the edge: with long text on
    both sides it ends there, instead of running into the next paragraph."""
    long65 = LONG.replace("设施的，由", "设施，由").replace("处１００００元", "处以１０００００元")
    lines = [line for p in (OPENING, long65, HUBBLE) for line in _kinsoku_wrap(p, 16)]
    assert any(len(line) == 17 and line.endswith("。") for line in lines)
    layout = detect_layout(lines)
    assert layout.convention == NONE and layout.width == 16
    assert _texts(parse("\n".join(lines))) == [OPENING, long65, HUBBLE]


def test_a_line_with_half_width_digits_that_fills_the_column_counts_as_full():
    """OCR of a printed column: two half-width digits take one full-width place, so a full line holds
    one character more; it is full, not a headline or a short line."""
    layout = detect_layout(_wrap(HUBBLE, 16))
    assert layout.is_full("各地用于慰问的资金共计约有12万元")  # 15 full places + 2 half-width digits
    assert layout.is_full("各地用于慰问的资金共计约有12万元，")  # and a hanging comma
    assert not layout.is_full("各地用于慰问的资金共计约万元。")  # 15: short of the edge
    assert not layout.is_full("关于进一步做好春节期间市场供应工作的通知")  # 20: a long headline, no hanging mark


SNOW = "本报北京１月２０日讯今天北京迎来入冬以来第一场降雪，市民纷纷走上街头赏雪。"


def test_articles_set_in_columns_of_different_widths():
    """Each article's lines are judged against its own column, not the page's commonest width: a
    20-wide article's full lines are no headlines on a page whose other articles are 13 wide."""
    first = ["国务院部署春节工作", *_wrap(P2, 20), *_wrap(P3, 20), *_wrap(OPENING, 20)]
    second = ["北京迎来降雪天气", *_wrap(SNOW, 13), *_wrap(HUBBLE, 13), *_wrap(P3, 13)]
    lines = first + [""] + second
    layout = detect_layout(lines)
    assert layout.convention == NONE and layout.width == 13
    assert {layout.width_at(i) for i in range(1, len(first))} == {20}
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["国务院部署春节工作", "北京迎来降雪天气"]
    assert _texts(page) == [P2, P3, OPENING, SNOW, HUBBLE, P3]


def _lost_indent(paragraph: str, width: int) -> list[str]:
    """Printed indented by two places; OCR dropped the leading spaces, so the first line is two short."""
    lines = _wrap(paragraph, width, "\u3000\u3000")
    return [lines[0].lstrip("\u3000"), *lines[1:]]


# Its first sentence fills the first line of a 25-wide column exactly (23 characters after the indent).
EDGE = "春节前夕，各地要加强市场供应保持物价基本稳定。" + P3


def test_indentation_lost_by_ocr_still_marks_the_paragraphs():
    """With the indentation gone, a first line two places short of the column opens a paragraph,
    also after a paragraph that ends exactly at the column edge (undecidable without it), and it
    is no headline though it is short and has no comma; a sentence ending at the edge inside a
    paragraph is joined."""
    assert (len(SHORT) + 2) % 25 == 0 and EDGE.index("。") == 22
    paragraphs = [SHORT, HUBBLE, EDGE, OPENING]
    lines = ["木星极光", *[line for p in paragraphs for line in _lost_indent(p, 25)]]
    assert len(lines[1]) == 23 and lines[1].startswith("据新华社伦敦")
    layout = detect_layout(lines)
    assert layout.convention == NONE and layout.width == 25
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["木星极光"]
    assert _texts(page) == paragraphs


def test_a_short_headline_over_its_paragraph_is_not_taken_for_a_lost_indent():
    """Without other lines two places short, a headline of that length is still a headline and the
    page's paragraphs are found as on any page with neither convention."""
    lines = ["春节前夕国务院部署工作各地", *_wrap(P2, 15), *_wrap(P3, 15), *_wrap(OPENING, 15)]
    layout = detect_layout(lines)
    assert len(lines[0]) == 13 and layout.indents == frozenset()
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["春节前夕国务院部署工作各地"]
    assert _texts(page) == [P2, P3, OPENING]


def test_a_justified_line_with_marks_set_in_half_a_place_is_full():
    """Printed columns are justified: with two commas set in half a place each, a 16-wide column's line
    holds 17 characters (as on the bundled sample, whose columns hold 19 and 20). A headline whose
    book-title marks would fit that way is still no line of the column."""
    layout = detect_layout(_wrap(HUBBLE, 16))
    justified, plain, headline = (
        "各地要加强市场供应，保持物价，基本",
        "各地要加强市场供应保持物价基本稳定",
        "《党建》杂志迎来创刊十周年丁关根",
    )
    assert len(justified) == len(plain) == len(headline) + 1 == 17
    assert layout.is_full(justified)  # two commas set in half a place
    assert not layout.is_full(plain)  # nothing to set narrower: longer than the column
    assert not layout.is_full(headline + "贺")  # a headline's marks are not set narrower


def test_the_sample_without_its_blank_lines_keeps_most_paragraphs_whole(sample_text):
    """Real OCR, the hardest case seen: the bundled page with every blank line removed. Its columns hold
    19-20 characters (marks set in half a place), its paragraphs' first lines are two or three short
    (indentation lost), and its timeline is broken into fragments. Most paragraphs still come back."""
    whole = [p.text for d in parse(sample_text).documents for p in d.paragraphs()]
    squeezed = "\n".join(line for line in sample_text.splitlines() if line.strip())
    found = {"".join(p.text.split()) for d in parse(squeezed).documents for p in d.paragraphs()}
    assert len(whole) == 30
    assert sum("".join(p.split()) in found for p in whole) >= 23


def test_one_paragraph_articles_show_no_convention_yet_headline_and_first_line_are_told_apart():
    """A page of one-paragraph articles shows no paragraph convention. A headline right above its
    paragraph is still a headline; a first line two places short, its indentation lost, is not."""
    caption = "新年来临之际，浙江省８个贫困县全部达到国家脱贫标准，使该省成为全国率先消灭贫困县的省份。"
    snow = "北京市民今天迎来入冬以来第一场降雪，许多人走上街头赏雪，孩子们堆起了雪人。"
    lines = ["浙江率先消灭贫困县（图片）", *_wrap(caption, 17), "", "北京迎来降雪天气", "", *_lost_indent(snow, 14)]
    assert lines[-3] == "北京市民今天迎来入冬以来"  # two short of 14, no comma: it reads like a headline
    layout = detect_layout(lines)
    assert layout.convention == BLANK and not layout.seen
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["浙江率先消灭贫困县（图片）", "北京迎来降雪天气"]
    assert _texts(page) == [caption, snow]


def _justified_wrap(text: str, width: int) -> list[str]:
    """A justified column: every mark set in half a place, a mark that may not start a line hanging."""
    lines, used = [""], 0.0
    for ch in text:
        size = 0.5 if ch in "，。、；：？！“”（）《》" else 1.0
        if used + size > width and ch not in "，。、；：？！”）》":
            lines.append("")
            used = 0.0
        lines[-1] += ch
        used += size
    return lines


def test_justified_print_is_measured_in_places():
    """On a justified column a full line holds as many places, not characters: with its marks set in
    half a place it is full at 17 characters on a 16-wide column, and full where no character fits."""
    assert fills("会议代表来自北京、天津、上海、重庆", 16, justified=True)  # 17 characters, 4 marks
    assert fills("因此在地球上用天文望远镜也难以辨", 16, justified=True)  # 16, no marks
    assert fills("生活，让他们过一个欢乐祥和的节日。", 16, justified=True)  # 。 hanging past the edge
    assert fills("在进入地球大气层时会被吸收殆尽，", 16, justified=True)  # 15.5: no room for a character
    assert not fills("在进入地球大气层时会被吸收殆尽", 16, justified=True)  # 15: room for one more
    assert stops_short("其面目。", 16, justified=True)
    assert not stops_short("会议代表来自北京、天津、上海、重庆", 16, justified=True)


def test_justified_print_is_told_from_columns_cut_by_characters_or_by_places():
    """On 100 pages of the evaluation corpus in each style, justified print is recognised on most of
    the justified ones and on none cut at an exact number of characters or by places (kinsoku)."""
    found = {}
    for name, style in (("exact", Style()), ("ragged", Style(ragged=True)), ("justified", Style(justified=True))):
        found[name] = sum(detect_layout(text.split("\n")).justified for _, text, _ in build_pages(100, 3, style=style))
    assert found["exact"] == found["ragged"] == 0
    assert found["justified"] >= 80


def test_a_credit_after_an_ascii_full_stop_ends_the_article():
    """OCR often reads `。` and `（）` as `.` and `()`: a credit after such a full stop still closes the
    paragraph, and the headline under it starts the next article."""
    first = "全国水利建设先进单位广东省化州市去年入冬以来,筹集资金１亿多元,完成３１项中小型水库的防险加固维修工程.(黄均雨摄)"
    second = "本报讯第三届“红星御酒杯”国安球星评选活动于１月２２日在北京举行了隆重的揭晓颁奖仪式."
    lines = ["兴修水利泽被子孙(图片)", "", *_wrap(first, 15), "", "我心目中的国安球星评选揭晓", "", *_wrap(second, 15)]
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["兴修水利泽被子孙(图片)", "我心目中的国安球星评选揭晓"]
    assert _texts(page) == [first, second]


def test_a_last_line_ending_in_an_ascii_full_stop_is_no_heading():
    """A paragraph's last two lines under a blank line are no heading when the last ends a sentence with
    the `.` OCR read for `。`; the headline below them starts the next article."""
    closing = "越南党政军各部门负责人以及各界友好人士应邀出席了招待会."
    lines = ["我驻越大使举行招待会", "", *_wrap(P3.replace("，", ","), 16), *_wrap(closing, 16)]
    lines += ["", "档案成为信息资源", "", *_wrap(SNOW, 16)]
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["我驻越大使举行招待会", "档案成为信息资源"]
    assert closing in _texts(page)


def test_datelines_in_traditional_characters_date_the_article():
    """Hong Kong and Taiwan papers print datelines in traditional characters: `新華社…電` and `本報訊`
    open a paragraph and date the article, `（新華社…電）` closing one dates it too."""
    opening = "新華社北京１月１８日電（記者楊國強）國務院今天召開常務會議，研究部署春節期間的各項工作。"
    closing = "會議指出，要切實安排好困難群眾的生活。（新華社北京１月１９日電）"
    text = "\n".join(
        [
            "國務院部署春節工作",
            "",
            *_wrap(opening, 16),
            "",
            *_wrap(P3, 16),
            "",
            "春節前夕送溫暖",
            "",
            *_wrap(closing, 16),
        ]
    )
    page = parse(text, "hk-19980120.txt")
    assert [(d.title, d.published.isoformat() if d.published else None) for d in page.documents] == [
        ("國務院部署春節工作", "1998-01-18"),
        ("春節前夕送溫暖", "1998-01-19"),
    ]
    assert opening in _texts(page)


def test_a_dateline_under_a_headline_as_wide_as_the_column_opens_the_report():
    """A headline that fills its column exactly reads like a paragraph's first line; the dateline
    under it still opens the report, so the headline is the title and the date is found."""
    headline = "张家口抗灾初告捷众乡亲惜别子弟兵"  # 16 characters, on a 16-wide column
    body = "新华社张家口１月２２日电（张京、陈辉）张家口地震灾区万余群众今天冒严寒，热烈欢送救灾部队班师回营。"
    page = parse("\n".join([headline] + _wrap(body, 16) + _wrap(P3, 16)), "rmrb-19980123-01.txt")
    (doc,) = page.documents
    assert doc.title == headline
    assert _texts(page)[0] == body
    assert doc.published == dt.date(1998, 1, 22)


def test_column_wide_headlines_on_a_page_of_neither_convention():
    """Where blank lines only set articles apart and every article opens with a headline, a
    headline as wide as the column is still the title, not the first line of a paragraph."""
    second = "重视党组织的建设和党的核心领导作用"  # 17 characters, on a 17-wide column
    par = "安子文同志始终把党的建设作为最根本的大事来抓。他提出要在群众运动中和对敌斗争中建党，把根扎在群众中。"
    first = ["会议指出，要切实安排好困难群众的生活，让他们过好节日。", "各地要加强市场供应，保持物价稳定。"]
    lines = ["春节前夕国务院部署工作"] + _wrap(first[0], 17) + _wrap(first[1], 17) + [""] + [second] + _wrap(par, 17)
    assert detect_layout(lines).convention == NONE
    page = parse("\n".join(lines))
    assert [d.title for d in page.documents] == ["春节前夕国务院部署工作", second]
    assert page.documents[1].paragraphs()[0].text == par


def test_blank_line_paragraphs_opening_with_headline_like_lines_are_not_split():
    """A page whose blank lines open body text as well is no page of column-wide headlines: a
    paragraph's first line without a comma stays in its paragraph."""
    par = "国家新药研究与开发协调领导小组由国家科委等九个部委组成。复方丹参滴丸的治疗效果明显优于同类药。"
    first = ["会议指出，要切实安排好困难群众。", "各地要加强市场供应，保持物价稳定。"] * 2
    lines = ["丹参滴丸进入临床试验"] + [line for p in first for line in _wrap(p, 12)] + [""]
    lines += _wrap(P3, 12) + [""] + _wrap(par, 12)
    assert detect_layout(lines).convention == NONE
    assert _texts(parse("\n".join(lines)))[-1] == par


def test_how_lines_with_half_width_digits_were_cut_is_told_from_the_page():
    """Text re-wrapped by software is cut at a number of characters, digits counted whole; print
    fills a column in places, two digits to a place. On 100 corpus pages each, with digits
    half-width: told as characters on most pages cut so, and as places on none of them; the
    other way round on pages cut by places."""
    told: dict[str, Counter] = {}
    for name, style in (("characters", Style(half_width=True)), ("places", Style(half_width=True, ragged=True))):
        told[name] = Counter(
            half_width_cut(t.split("\n"), line_lengths(t.split("\n"))) for _, t, _ in build_pages(100, 5, style=style)
        )
    assert told["characters"]["characters"] >= 80 and told["characters"]["places"] == 0
    assert told["places"]["places"] >= 80 and told["places"]["characters"] == 0
    assert half_width_cut(_wrap(P3 * 3, 13), line_lengths(_wrap(P3 * 3, 13))) is None  # no half-width character


RAIL = (
    "本报北京1月4日讯记者江世杰从今天开幕的全国铁路领导干部会议获悉：到1997年底，我国铁路营业里程已达"
    "6.6万公里，居亚洲第一；电气化铁路达到11999公里，成为世界上第九个拥有1万公里以上电气化铁路的国家。"
)
RAIL2 = "去年，铁路建设又是一个丰收年。全年国有铁路完成基建投资342亿元，新线铺轨758公里，投产896公里。"


def _wrap_in_places(text: str, width: int) -> list[str]:
    """As print sets a column: a half-width character takes half a place."""
    lines, line, used = [], "", 0.0
    for ch in text:
        size = 0.5 if ch.isascii() else 1.0
        if used + size > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += size
    return lines + [line]


def test_a_column_of_digit_rich_print_is_measured_in_places():
    """Lines full of half-width figures hold up to three characters more than their column is
    wide; the column is still 19 places wide, so no such line reads as a headline over its
    paragraph, and the paragraphs, indented in print and their indentation lost, stay whole."""
    lines = ["我国铁路营业里程亚洲第一"]
    for paragraph in (RAIL, RAIL2):
        first, *rest = _wrap_in_places("\u3000\u3000" + paragraph, 19)
        lines += [first.lstrip("\u3000"), *rest]
    layout = detect_layout(lines)
    assert set(layout.widths[1:]) == {19}
    assert _texts(parse("\n".join(lines))) == [RAIL, RAIL2]


def test_a_paragraph_ending_in_an_ascii_full_stop_and_credit_is_no_heading():
    """`观看了演出.(宗素华)`: OCR read `。（）` as `.()`; the paragraph's two lines are text, not a
    two-line heading that would title an article of its own."""
    last = "中共中央统战部及北京市委等有关领导观看了演出.(宗素华)"
    text = "\n".join(
        ["话剧《沧海横流》在京上演", "", *_wrap(P3, 17), "", *_wrap(last, 17), "", "承德科技良种作年礼", ""]
    )
    text += "\n".join(_wrap("据新华社石家庄１月１９日电农历腊月十六一大早，女青年王素琴准备去娘家送年礼。", 17))
    page = parse(text)
    assert [d.title for d in page.documents] == ["话剧《沧海横流》在京上演", "承德科技良种作年礼"]
    assert page.documents[0].paragraphs()[-1].text == last


def test_a_long_note_in_brackets_ends_its_article():
    """A note in brackets of 50 characters, over three lines, is finished text: the headline and
    dateline after it open the next article."""
    note = "（１９８７年９月１５日国务院发布根据１９９８年１月７日《国务院关于修改〈电力设施保护条例〉的决定》修正）"
    second = "最高人民法院等六部门公布关于刑事诉讼法实施中若干问题的规定"
    body = "新华社北京一月十九日电最高人民法院、最高人民检察院、公安部今天公布了关于刑事诉讼法实施中若干问题的规定。"
    text = "\n".join(["电力设施保护条例", *_wrap(note, 23), "", second, *_wrap(body, 23)])
    page = parse(text, "rmrb-19980120-01.txt")
    assert [d.title for d in page.documents] == ["电力设施保护条例", second]
    assert page.documents[1].published == dt.date(1998, 1, 19)


def test_a_picture_headline_over_its_credit_is_an_article():
    """`黑人鼓手（图片）` over `（王尽彦摄于乌干达）`: a photo with its headline and credit, not a
    stray line of the article before."""
    text = "\n".join(
        ["外国政要电慰我地震灾民", "", *_wrap(P2, 16), "", "黑人鼓手（图片）", "", "（王尽彦摄于乌干达）", ""]
        + ["全国少年速滑赛在牡丹江开赛", "", *_wrap(P3, 16)]
    )
    page = parse(text)
    assert [d.title for d in page.documents] == [
        "外国政要电慰我地震灾民",
        "黑人鼓手（图片）",
        "全国少年速滑赛在牡丹江开赛",
    ]
    assert page.documents[1].byline == "王尽彦摄于乌干达"


def test_a_first_line_short_by_its_lost_indentation_may_end_in_a_colon():
    """`本报北京1月26日讯记者贾西平报道：` is its paragraph's first line, two and a half places short
    with its colon, which takes its place in the column; the colon ends no paragraph there."""
    first = (
        "本报北京1月26日讯记者贾西平报道：每逢佳节倍思亲，重洋阻隔心相连。在新春佳节到来之际，"
        "国务委员兼国家科委主任宋健今天通过越洋电话，向远在万里之外的我国南极考察队员祝贺新春。"
    )
    second = "正在执行第十四次南极考察任务的中国考察队员，目前分别在长城站、中山站和“雪龙”号船上。"
    third = "宋健向考察队员们说，你们的工作环境很艰苦，任务很艰巨，祖国人民感谢你们。"
    lines = ["宋健电话慰问南极考察队员"]
    for paragraph in (first, second, third):
        top, *rest = _wrap_in_places("\u3000\u3000" + paragraph, 19)
        lines += [top.lstrip("\u3000"), *rest]
    assert lines[1] == "本报北京1月26日讯记者贾西平报道："
    assert _texts(parse("\n".join(lines))) == [first, second, third]


def test_paragraph_first_lines_as_wide_as_the_column_are_no_headlines():
    """Where the lines after blank lines mostly fill the column, they are paragraphs' first lines
    (a page of blank-line paragraphs without a comma in their first lines), not headlines: a
    headline is as long as its words, seldom exactly as wide as the column."""
    paragraphs = [
        "就职仪式今天上午在位于伊斯兰堡市中心的总统府大厅举行。塔拉尔在代理总统瓦西姆和总理谢里夫等的陪同下步入大厅。",
        "赞比亚总统奇卢巴去年十二月三十一日下令释放上周被拘留的前总统卡翁达，但将其软禁家中。",
        "俄罗斯联邦边防局一日发表通告说，该局管辖下的边防军将从今年开始改组为边防警卫队。",
    ]
    lines = ["巴基斯坦新总统宣誓就职", "", *_wrap(P3, 13)]
    lines += [line for p in ("各地要加强市场供应。", "会议指出，要安排好困难群众。") for line in _wrap(p, 13)]
    for paragraph in paragraphs:
        lines += ["", *_wrap(paragraph, 13)]
    assert detect_layout(lines).convention == NONE  # the short lines ending sentences outnumber the blank lines
    assert _texts(parse("\n".join(lines)))[-3:] == paragraphs


def test_justified_blank_line_pages_are_read_as_blank_line_pages():
    """In a justified column a line that ends a sentence half a place short has no room for another
    character: it shows no paragraph end without a blank line. No justified page of blank-line
    paragraphs (300 of the corpus) is read as one of neither convention."""
    misread = [
        name
        for name, text, truth in build_pages(300, 4, style=Style(justified=True))
        if truth.convention == BLANK and detect_layout(text.split("\n")).convention == NONE
    ]
    assert misread == []


def test_a_dateline_wrapped_over_two_lines_stays_one_paragraph():
    """`本报北京１月８日讯新华社记者罗玉文、` / `本报记者陈维伟报道：…`: the second line starts like a
    dateline too (`本报…电视`), yet the first, no headline, opens the paragraph that holds both."""
    par = (
        "本报北京１月８日讯新华社记者罗玉文、本报记者陈维伟报道：全国双拥工作电视电话会议今天召开。"
        "罗干在北京主会场讲话强调，要进一步巩固和发展新型军政军民关系。"
    )
    text = "\n".join(["全国双拥工作电视电话会议召开", "", *_wrap(par, 18), "", *_wrap(P3, 18)])
    assert _texts(parse(text)) == [par, P3]
