"""Parsing newspaper pages: masthead, articles, sections, timeline entries; plain documents."""

import datetime as dt
from decimal import Decimal

import pytest

from archiveviewer.ingest.newspaper_parser import find_masthead, parse_masthead_line, parse_page
from archiveviewer.ingest.page_model import Masthead

# Written out by hand from resources/samples/newspaper-page-2020-02-24-A06.txt.
SAMPLE_ENTRIES = [
    (
        "2020-01-24",
        "1月24日",
        "无锡市总工会筹措资金44万元驰援防控新型冠状病毒肺炎的2家市级定点医院、2家市级一线医疗机构以及其他8家市属医疗机构。\n"
        "无锡市总工会微信转发无锡市《关于减少和取消公众聚集性活动的通告》《新冠肺炎防控知识手册》，引导职工加强自我防护。",
    ),
    (
        "2020-01-26",
        "1月26日",
        "无锡市总工会微信平台转发《无锡人民政府关于实施新型冠状病毒感染的肺炎疫情一级响应措施的通告》。",
    ),
    ("2020-01-27", "1月27日", "无锡市总工会微信转发春节假期延长的通知、无锡市交通调整通知。"),
    (
        "2020-01-28",
        "1月28日",
        "无锡市总工会成立新型冠状病毒感染的肺炎疫情防控领导小组，由市总工会党组书记、副主席吴涛任组长，"
        "靠前指挥统筹协调工会系统参与疫情防控的各项工作。\n"
        "印发《关于积极参与做好新型冠状病毒感染的肺炎疫情防控工作的通知》，"
        "发布《齐心协力 众志成城——坚决打赢疫情防控阻击战倡议书》。\n"
        "无锡市总工会和江阴、宜兴、梁溪、惠山、滨湖总工会又筹措专项资金212.45万元，支持各级各条线疫情防控工作。",
    ),
    (
        "2020-01-30",
        "1月30日",
        "无锡市委常委、市总工会主席陈德荣一行走访慰问奋战在防疫一线的干部职工。\n"
        "无锡市两级工会又新增投入81.09万元专项经费，联合共青团、妇联启动对全市联合检查站的慰问工作。\n"
        "无锡市总工会微信转发无锡各类企业延迟复工的通知、推迟复工期间职工工资待遇政策解读及即将返岗人员的防护建议。",
    ),
    (
        "2020-01-31",
        "1月31日",
        "无锡市总工会印发《关于在疫情防控一级响应期间对无锡市特困职工发放专项临时生活补贴的通知》，"
        "在此期间，市区市级特困职工每人每月可领取 100 元生活补贴。当天下午，178名职工的一月份专项临时生活补贴发放到位。",
    ),
    ("2020-02-01", "2月1日", "市总工会职工服务中心按照“非必须、不窗口”原则，推出“不见面”办事服务。"),
    (
        "2020-02-02",
        "2月2日",
        "市总工会制作企业职工复工返岗防护短视频，利用工会微信矩阵平台推送，做实企业延迟复工政策以及相关防控措施的宣传。",
    ),
    ("2020-02-03", "2月3日", "市总工会会同市卫健委走访慰问13位无锡市支援武汉医疗队成员家属，向他们发放慰问款。"),
    (
        "2020-02-04",
        "2月4日",
        "中共无锡市委书记黄钦在市总工会呈报的有关报告上作出批示，要求“充分发挥工会作用，全力打赢疫情防控阻击战”。",
    ),
    (
        "2020-02-07",
        "2月7日",
        "无锡市委常委、市总工会主席陈德荣率队走访锡山、惠山、新吴区3家疫情防控重点物资生产企业，"
        "代表省市两级工会送去慰问金18万元。市总工会向各市（县）区总工会拨付24万元专项资金，用于慰问防疫物资保供企业一线职工。",
    ),
    ("2020-02-09", "2月9日", "无锡市总工会会同江阴、宜兴、锡山总工会筹措慰问资金66万元，为第二批驰援武汉医疗队壮行。"),
    (
        "2020-02-13",
        "2月13日",
        "无锡市委常委、市总工会主席陈德荣带队慰问第二批援鄂医疗队队员家属，截至2月13日，"
        "全市两级工会共筹措资金82万元，为164位援鄂医疗队队员每人发放5000元慰问金。",
    ),
    ("2020-02-18", "2月18日", "无锡市总工会召开专题会议，研究工会服务企业复工复产的工作措施。"),
]

SAMPLE_TIMELINE_AMOUNTS = [
    ("1月24日", "44万元", 440000),
    ("1月28日", "212.45万元", 2124500),
    ("1月30日", "81.09万元", 810900),
    ("1月31日", "100 元", 100),
    ("2月7日", "18万元", 180000),
    ("2月7日", "24万元", 240000),
    ("2月9日", "66万元", 660000),
    ("2月13日", "82万元", 820000),
    ("2月13日", "5000元", 5000),
]

LEAD = (
    "疫情就是命令，防控就是责任。无锡市总工会深入贯彻习近平总书记重要指示精神，"
    "积极落实市委市政府和上级工会部署要求，迅速行动，积极投入疫情阻击战。"
)
SIDE_COLUMN = (
    "时已立春，万象更新。在这场看不见硝烟的战“疫”中，无锡各级工会组织守土有责、精准施策，"
    "全力协助企业做好疫情防控和复工复产工作，保障经济社会平稳运行。"
)


@pytest.fixture
def page(sample_text):
    return parse_page(sample_text)


# --- the sample page ------------------------------------------------------------------------


def test_sample_masthead(page):
    """Page, date, weekday and the three editors come from the doubled masthead lines."""
    assert page.masthead == Masthead(
        paper=None,
        page="A06",
        date=dt.date(2020, 2, 24),
        weekday="星期一",
        editor="汪自力",
        layout_editor="邹琦",
        proofreader="王欣",
    )


def test_sample_has_two_articles_with_headlines(page):
    """The page holds two articles, each with its kicker as subtitle."""
    assert [(d.kind, d.title, d.subtitle) for d in page.documents] == [
        ("article", "无锡各级工会多管齐下保复工", "精准施策 持续作战"),
        ("article", "无锡工会“战疫”时间轴", "万众一心 阻击疫情"),
    ]


def test_first_article_sections_and_byline(page):
    """Article 1 has five headed sections of two paragraphs (one in the last) and a byline."""
    first = page.documents[0]
    assert [s.heading for s in first.sections] == [
        "出台政策惠企业",
        "当好防疫复工勤务员",
        "维护职工权益不放松",
        "激发劳动热情保生产",
        "落实关爱暖人心",
    ]
    assert [len(s.paragraphs) for s in first.sections] == [2, 2, 2, 2, 1]
    assert first.byline == "陈煜蕾"
    assert first.timeline == []
    assert first.sections[0].paragraphs[0].text == (
        "为减轻新冠肺炎疫情对小微企业生产和员工生活的影响，帮助小微企业渡过难关，"
        "无锡市总工会要求市（县）区总工会继续执行对小微企业工会经费暂缓收缴的政策。"
    )
    assert "近 1000 多名志愿者" in first.sections[4].paragraphs[0].text
    assert first.sections[4].paragraphs[0].text.endswith("为职工戴上防疫的情绪防控口罩。")


def test_masthead_and_headline_are_not_body_text(page):
    """No paragraph holds masthead, headline, heading, byline or `◆` date lines."""
    texts = [p.text for d in page.documents for p in d.paragraphs()]
    for unwanted in ("A06", "责编", "星期一", "无锡各级工会多管齐下保复工", "出台政策惠企业", "陈煜蕾", "◆"):
        assert not any(unwanted in t for t in texts), unwanted


def test_second_article_lead_and_side_column(page):
    """The lead and the narrow side column are rejoined across blank lines, one paragraph each."""
    second = page.documents[1]
    assert second.sections[0].heading is None
    assert [p.text for p in second.sections[0].paragraphs[:2]] == [LEAD, SIDE_COLUMN]
    assert second.byline is None


def test_stray_picture_numbers_are_dropped(page):
    """The lone picture numbers 2 3 4 5 between column and timeline are not paragraphs."""
    second = page.documents[1].paragraphs()
    assert second[2].text.startswith("无锡市总工会筹措资金")
    assert not any(p.text.strip().isdigit() for p in second)


def test_sample_timeline_dates_and_texts(page):
    """All 14 entries have the right date, printed date and complete text."""
    timeline = page.documents[1].timeline
    assert [(e.date.isoformat(), e.date_text, e.text) for e in timeline] == SAMPLE_ENTRIES


def test_entry_paragraph_ranges_hold_the_entry_text(page):
    """Each entry's inclusive paragraph range covers exactly its text, entries back to back."""
    doc = page.documents[1]
    paragraphs = doc.paragraphs()
    for entry in doc.timeline:
        chosen = paragraphs[entry.paragraph_start : entry.paragraph_end + 1]
        assert "\n".join(p.text for p in chosen) == entry.text
    assert doc.timeline[0].paragraph_start == 2
    assert doc.timeline[-1].paragraph_end == len(paragraphs) - 1
    for prev, nxt in zip(doc.timeline, doc.timeline[1:]):
        assert nxt.paragraph_start == prev.paragraph_end + 1


def test_sample_timeline_amounts(page):
    """Every sum of money in the timeline, in order, with its value in yuan."""
    found = [(e.date_text, a.text, a.yuan) for e in page.documents[1].timeline for a in e.amounts]
    assert found == [(d, t, Decimal(y)) for d, t, y in SAMPLE_TIMELINE_AMOUNTS]


def test_paragraph_amounts_are_filled(page):
    """Paragraphs outside the timeline carry their amounts too; distances and counts do not."""
    first = page.documents[0]
    amounts = [(a.text, a.yuan) for p in first.paragraphs() for a in p.amounts]
    assert amounts == [("24万元", Decimal(240000))]


def test_paragraph_line_numbers_point_at_the_source(page, sample_text):
    """line_start/line_end are 0-based source lines, inclusive."""
    source = sample_text.split("\n")
    lead = page.documents[1].paragraphs()[0]
    assert (lead.line_start, lead.line_end) == (97, 101)
    assert source[lead.line_start].startswith("疫情就是命令")
    for doc in page.documents:
        for p in doc.paragraphs():
            assert p.text.startswith(source[p.line_start].strip()[:3])
            assert source[p.line_end].strip()[-1:] in p.text


def test_traditional_sample_parses_the_same(sample_text):
    """The page in traditional characters (as a Big5 file holds it) gives the same structure."""
    opencc = pytest.importorskip("opencc")
    page = parse_page(opencc.OpenCC("s2tw").convert(sample_text))
    assert page.masthead.editor == "汪自力" and page.masthead.proofreader == "王欣"
    assert [d.title for d in page.documents] == ["無錫各級工會多管齊下保復工", "無錫工會“戰疫”時間軸"]
    assert [len(s.paragraphs) for s in page.documents[0].sections] == [2, 2, 2, 2, 1]
    found = [(e.date_text, a.yuan) for e in page.documents[1].timeline for a in e.amounts]
    assert found == [(d, Decimal(y)) for d, _, y in SAMPLE_TIMELINE_AMOUNTS]


def test_crlf_text_parses_the_same(sample_text):
    """Windows line ends do not change the result."""
    assert parse_page(sample_text.replace("\n", "\r\n")) == parse_page(sample_text)


# --- masthead variants ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A06 2020.2.24 星期一", Masthead(page="A06", date=dt.date(2020, 2, 24), weekday="星期一")),
        ("2020年2月24日 星期一 第6版", Masthead(page="第6版", date=dt.date(2020, 2, 24), weekday="星期一")),
        ("无锡日报 2020-02-24 A06", Masthead(paper="无锡日报", page="A06", date=dt.date(2020, 2, 24))),
        ("责任编辑：张三 美编：李四 校对：王五", Masthead(editor="张三", layout_editor="李四", proofreader="王五")),
        ("责编汪自力版式邹琦", Masthead(editor="汪自力", layout_editor="邹琦")),
        ("責編 汪自力 | 美編 鄒琦 | 校對 王欣", Masthead(editor="汪自力", layout_editor="鄒琦", proofreader="王欣")),
    ],
)
def test_masthead_line_variants(line, expected):
    """Common date formats, page labels and editor titles are recognised."""
    assert parse_masthead_line(line) == expected


@pytest.mark.parametrize("line", ["2020年2月24日", "疫情就是命令，防控就是责任。", "出台政策惠企业", "A06 市总工会"])
def test_non_masthead_lines_are_rejected(line):
    """A lone date, body text, headings and partial matches are not a masthead."""
    assert parse_masthead_line(line) is None


def test_masthead_is_only_looked_for_near_the_top():
    """A masthead-like line deep in the text stays body text."""
    lines = [f"第{i}段正文内容，没有结束" for i in range(20)] + ["A06 2020.2.24 星期一"]
    assert find_masthead(lines) == (None, set())


# --- timelines --------------------------------------------------------------------------------


def test_timeline_crossing_new_year_takes_the_previous_year():
    """On a page dated 2021-01-05, December entries belong to 2020."""
    text = (
        "A02 2021年1月5日 星期二\n\n回顾这一周\n\n"
        "◆ 12月28日\n第一件事。\n\n◆12月31日 第二件事，花了3千元。\n\n◆ 1月3日\n第三件事。\n"
    )
    (doc,) = parse_page(text).documents
    assert [(e.date.isoformat(), e.date_text, e.text) for e in doc.timeline] == [
        ("2020-12-28", "12月28日", "第一件事。"),
        ("2020-12-31", "12月31日", "第二件事，花了3千元。"),
        ("2021-01-03", "1月3日", "第三件事。"),
    ]
    assert [a.yuan for a in doc.timeline[1].amounts] == [Decimal(3000)]


def test_printed_year_wins_and_carries_on_without_a_page_date():
    """An entry's own year is used; without a page date later entries follow the earlier ones."""
    text = "大事记\n\n◆ 2019年12月30日\n甲事。\n\n◆ 1月2日\n乙事。\n"
    (doc,) = parse_page(text).documents
    assert [e.date.isoformat() for e in doc.timeline] == ["2019-12-30", "2020-01-02"]


@pytest.mark.parametrize("masthead", ["", "责编 张三\n\n"])
def test_undatable_entries_keep_their_text_as_paragraphs(masthead):
    """Without any year (or with an impossible date) no entry is made, and no text is lost."""
    text = masthead + "大事记\n\n◆ 1月2日\n甲事。\n\n◆ 2020年2月30日\n乙事。\n"
    (doc,) = parse_page(text).documents
    assert doc.timeline == []
    assert [p.text for p in doc.paragraphs()] == ["◆ 1月2日", "甲事。", "◆ 2020年2月30日", "乙事。"]


# --- article structure without a masthead, and plain documents --------------------------------


def test_article_without_masthead_is_still_an_article():
    """Headline, headed sections and byline make an article even with no masthead."""
    text = "主标题\n\n第一节\n\n第一段，内容。\n\n第二节\n\n第二段，内容。\n\n（张三）\n"
    page = parse_page(text)
    assert page.masthead is None
    (doc,) = page.documents
    assert (doc.kind, doc.title, doc.byline) == ("article", "主标题", "张三")
    assert [(s.heading, [p.text for p in s.paragraphs]) for s in doc.sections] == [
        ("第一节", ["第一段，内容。"]),
        ("第二节", ["第二段，内容。"]),
    ]


def test_kicker_and_title_above_sections_without_masthead():
    """A kicker line of spaced phrases joins the next line as the headline."""
    text = "精准施策 持续作战\n\n无锡各级工会多管齐下保复工\n\n出台政策惠企业\n\n正文第一段，内容。\n"
    (doc,) = parse_page(text).documents
    assert (doc.title, doc.subtitle) == ("无锡各级工会多管齐下保复工", "精准施策 持续作战")
    assert [s.heading for s in doc.sections] == ["出台政策惠企业"]


def test_masthead_first_then_kicker_title_and_section():
    """With the masthead printed first, the kicker rule still finds the headline."""
    text = "A06 2020.2.24 星期一\n\n精准施策 持续作战\n\n多管齐下保复工\n\n出台政策\n\n正文，内容。\n"
    (doc,) = parse_page(text).documents
    assert (doc.title, doc.subtitle, [s.heading for s in doc.sections]) == (
        "多管齐下保复工",
        "精准施策 持续作战",
        ["出台政策"],
    )


def test_two_headline_lines_above_the_masthead_are_kicker_and_title():
    """Headline lines printed above the masthead are the headline, even without a kicker look."""
    text = "抗击疫情\n\n工会在行动\n\nA06 2020.2.24 星期一\n\n正文，内容。\n"
    (doc,) = parse_page(text).documents
    assert (doc.title, doc.subtitle, [s.heading for s in doc.sections]) == ("工会在行动", "抗击疫情", [None])


def test_plain_document_is_one_titled_section():
    """Text without masthead or structure is a `document` titled by its first line."""
    text = "关于做好春节期间工作的通知\n\n各单位：\n\n为了做好工作，\n现通知如下。\n\n特此通知。\n"
    page = parse_page(text)
    assert page.masthead is None
    (doc,) = page.documents
    assert (doc.kind, doc.title, doc.subtitle, doc.byline) == ("document", "关于做好春节期间工作的通知", None, None)
    assert len(doc.sections) == 1 and doc.sections[0].heading is None
    assert [p.text for p in doc.sections[0].paragraphs] == ["各单位：", "为了做好工作，现通知如下。", "特此通知。"]
    assert doc.timeline == []


def test_plain_document_title_is_truncated_and_first_sentence_kept():
    """A long first line titles the document (80 characters) but stays in the body."""
    first = "这是一段很长的正文" * 12 + "。"
    page = parse_page(first + "\n第二行。\n")
    (doc,) = page.documents
    assert doc.kind == "document" and doc.title == first[:80]
    assert doc.paragraphs()[0].text == first + "第二行。"


def test_masthead_always_makes_articles():
    """With a masthead, even unstructured text is an article."""
    page = parse_page("A06 2020.2.24 星期一\n\n一段普通的正文，没有标题。\n")
    assert page.masthead is not None and page.masthead.page == "A06"
    (doc,) = page.documents
    assert doc.kind == "article"
    assert doc.title == "一段普通的正文，没有标题。"


def test_signature_at_the_end_is_not_a_heading():
    """A closing signature and date stay body text; the notice remains a plain document."""
    text = "通知\n\n请大家按时参加会议。\n\n无锡市总工会\n2020年1月20日\n"
    (doc,) = parse_page(text).documents
    assert doc.kind == "document"
    assert [p.text for p in doc.paragraphs()][0] == "请大家按时参加会议。"


def test_empty_text_gives_no_documents():
    """Nothing to parse, nothing returned."""
    assert parse_page("\n \n").documents == []
