"""PDF export: exact extractable Chinese text, embedded font subset, pages, outline, metadata, escaping."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archiveviewer import __version__
from archiveviewer.export import pdf_export, pdf_layout
from archiveviewer.export.errors import ExportCancelled
from archiveviewer.export.i18n import Export
from archiveviewer.export.pdf_export import (
    export_documents_pdf,
    export_search_report_pdf,
    export_timeline_pdf,
    render_documents,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) is not installed; CI installs it",
)

ARCHIVE = "无锡工会档案（示例）"
EXPORTED_AT = dt.datetime(2026, 11, 28, 10, 0)
SOURCE = "newspaper-page-2020-02-24-A06.txt"
MASTHEAD = {
    "paper": None,
    "page": "A06",
    "date": "2020-02-24",
    "weekday": "星期一",
    "editor": "汪自力",
    "layout_editor": "邹琦",
    "proofreader": "王欣",
}

# The 14 timeline entries of the sample page (resources/samples), repaired.
ENTRIES = [
    (
        "2020-01-24",
        "无锡市总工会筹措资金44万元驰援防控新型冠状病毒肺炎的2家市级定点医院、2家市级一线医疗机构以及其他8家市属医疗机构。\n无锡市总工会微信转发无锡市《关于减少和取消公众聚集性活动的通告》《新冠肺炎防控知识手册》，引导职工加强自我防护。",
        [("44万元", 440000)],
    ),
    (
        "2020-01-26",
        "无锡市总工会微信平台转发《无锡人民政府关于实施新型冠状病毒感染的肺炎疫情一级响应措施的通告》。",
        [],
    ),
    ("2020-01-27", "无锡市总工会微信转发春节假期延长的通知、无锡市交通调整通知。", []),
    (
        "2020-01-28",
        "无锡市总工会成立新型冠状病毒感染的肺炎疫情防控领导小组，由市总工会党组书记、副主席吴涛任组长，靠前指挥统筹协调工会系统参与疫情防控的各项工作。\n印发《关于积极参与做好新型冠状病毒感染的肺炎疫情防控工作的通知》，发布《齐心协力 众志成城——坚决打赢疫情防控阻击战倡议书》。\n无锡市总工会和江阴、宜兴、梁溪、惠山、滨湖总工会又筹措专项资金212.45万元，支持各级各条线疫情防控工作。",
        [("212.45万元", 2124500)],
    ),
    (
        "2020-01-30",
        "无锡市委常委、市总工会主席陈德荣一行走访慰问奋战在防疫一线的干部职工。\n无锡市两级工会又新增投入81.09万元专项经费，联合共青团、妇联启动对全市联合检查站的慰问工作。\n无锡市总工会微信转发无锡各类企业延迟复工的通知、推迟复工期间职工工资待遇政策解读及即将返岗人员的防护建议。",
        [("81.09万元", 810900)],
    ),
    (
        "2020-01-31",
        "无锡市总工会印发《关于在疫情防控一级响应期间对无锡市特困职工发放专项临时生活补贴的通知》，在此期间，市区市级特困职工每人每月可领取 100 元生活补贴。当天下午，178名职工的一月份专项临时生活补贴发放到位。",
        [("100 元", 100)],
    ),
    ("2020-02-01", "市总工会职工服务中心按照“非必须、不窗口”原则，推出“不见面”办事服务。", []),
    (
        "2020-02-02",
        "市总工会制作企业职工复工返岗防护短视频，利用工会微信矩阵平台推送，做实企业延迟复工政策以及相关防控措施的宣传。",
        [],
    ),
    ("2020-02-03", "市总工会会同市卫健委走访慰问13位无锡市支援武汉医疗队成员家属，向他们发放慰问款。", []),
    (
        "2020-02-04",
        "中共无锡市委书记黄钦在市总工会呈报的有关报告上作出批示，要求“充分发挥工会作用，全力打赢疫情防控阻击战”。",
        [],
    ),
    (
        "2020-02-07",
        "无锡市委常委、市总工会主席陈德荣率队走访锡山、惠山、新吴区3家疫情防控重点物资生产企业，代表省市两级工会送去慰问金18万元。市总工会向各市（县）区总工会拨付24万元专项资金，用于慰问防疫物资保供企业一线职工。",
        [("18万元", 180000), ("24万元", 240000)],
    ),
    (
        "2020-02-09",
        "无锡市总工会会同江阴、宜兴、锡山总工会筹措慰问资金66万元，为第二批驰援武汉医疗队壮行。",
        [("66万元", 660000)],
    ),
    (
        "2020-02-13",
        "无锡市委常委、市总工会主席陈德荣带队慰问第二批援鄂医疗队队员家属，截至2月13日，全市两级工会共筹措资金82万元，为164位援鄂医疗队队员每人发放5000元慰问金。",
        [("82万元", 820000), ("5000元", 5000)],
    ),
    ("2020-02-18", "无锡市总工会召开专题会议，研究工会服务企业复工复产的工作措施。", []),
]

SECTIONS = [
    (
        "出台政策惠企业",
        [
            "为减轻新冠肺炎疫情对小微企业生产和员工生活的影响，帮助小微企业渡过难关，无锡市总工会要求市（县）区总工会继续执行对小微企业工会经费暂缓收缴的政策。",
            "针对疫情防控期间企业开展培训面临的困境，无锡市总工会大力推进企业网上大学、工会会员教育普惠平台等互联网培训项目，助力企业开展线上技能素质培训。此外，为帮助企业解决短期用工难题，市总工会职工服务中心还推出了线上企业招聘定制服务。",
        ],
    ),
    (
        "当好防疫复工勤务员",
        [
            "市总工会微信在这个特殊时期发挥了重要作用，企业复工复产政策及时推送，传统元宵节活动“职工灯谜大会”也移至线上，并将疫情防控知识融入其中。",
            "各级工会重心下沉，多措并举，有针对性地开展企业复工政策、防疫防控措施的宣传和分类指导。经开区总工会对辖区企业工会进行网格化走访，帮助收集企业复工困难；惠山区阳山镇总工会当好企业复工的服务员，指导7家工业企业通过“不见面”办理审批程序完成了申报；江阴市总工会在微信平台上推出“企业职工复工返岗防疫须知学习抽奖活动”，引导职工强化疫情防控意识，自觉服从疫情防控相关管理规定。",
        ],
    ),
    (
        "维护职工权益不放松",
        [
            "市总工会日前印发了《防疫期间职工权益维护政策汇编》，帮助职工了解疫情防控期间各类工资政策，引导职工理性表达诉求，与企业协商解决问题，推进劳动关系和谐。",
            "市总工会还向全市复工企业发布《关于做好疫情防控期间企业复工安全生产和劳动保护工作的提示函》，要求复工企业工会积极发挥作用，配合行政落实职工劳动保护措施，组织群众性安全生产监督检查活动，严格落实安全生产主体责任。各级工会积极行动，惠山区总工会安排专项资金，为复工企业一线职工采购劳动保护用品。滨湖区、梁溪区总工会等协助企业全面排查所有员工，查询出行记录、体温测量、做好防疫培训，促进有序上岗。",
        ],
    ),
    (
        "激发劳动热情保生产",
        [
            "市总工会已向各市（县）区总工会拨付专项资金24万元，用于慰问防疫防控物资生产企业一线职工，并明确在今年的五一劳动奖等评先评优工作中，对抗击疫情做出突出贡献的职工、班组予以倾斜。",
            "各级工会除了对疫情防控物资生产企业一线职工进行慰问，还通过引导企业工会开展劳动竞赛等形式，激发职工的劳动热情。宜兴远东电缆有限公司、驰马拉链股份有限公司等企业工会积极组建生产突击小组，加班加点生产疫情防控物资。继1月27日支援武汉火神山医院部分建设电线电缆后，近日远东电缆再次向火神山医院工程提供了30公里线缆。",
        ],
    ),
    (
        "落实关爱暖人心",
        [
            "市总工会女职工委员会日前发布了《关于加强疫情防控期间关心关爱孕产期和哺乳期女职工的建议》，推动落实疫情防控期间对女职工的特殊关爱。梁溪区总工会联合百家企业近 1000 多名志愿者，开通心理咨询热线，为职工提供线下线上心理辅导服务。新吴区总工会成立“工会抗疫心理服务队”，分赴村田、希捷、海太半导体等企业，指导成立防疫心理小组，为职工戴上防疫的情绪防控口罩。",
        ],
    ),
]


def timeline_entries(count: int = len(ENTRIES)) -> list[dict]:
    """The sample entries; beyond 14, renumbered copies spread over two source documents."""
    out = []
    for i in range(count):
        date, text, amounts = ENTRIES[i % len(ENTRIES)]
        doc_id, doc_title = 2, "无锡工会“战疫”时间轴"
        if i >= len(ENTRIES):
            # Distinct texts and dates so every row of a long table is findable.
            date = (dt.date(2020, 1, 1) + dt.timedelta(days=i)).isoformat()
            text = f"第{i + 1}条：{text}"
            if i % 3 == 0:
                doc_id, doc_title = 3, "惠山区总工会简报"
        out.append(
            {
                "id": i + 1,
                "date": date,
                "text": text,
                "amounts": [{"text": t, "yuan": y} for t, y in amounts],
                "document_id": doc_id,
                "document_title": doc_title,
            }
        )
    return out


def sample_documents() -> list[dict]:
    article = {
        "id": 1,
        "kind": "article",
        "title": "无锡各级工会多管齐下保复工",
        "subtitle": "精准施策 持续作战",
        "byline": "陈煜蕾",
        "source": SOURCE,
        "masthead": dict(MASTHEAD),
        "sections": [{"heading": h, "paragraphs": list(ps)} for h, ps in SECTIONS],
        "timeline": [],
        "annotations": [
            {
                "id": 1,
                "author": "王档案",
                "created_at": "2026-11-28T10:00:00",
                "text": "核对原件：第二段“暂缓收缴”与原版面一致。",
                "target": "document 1",
            }
        ],
    }
    timeline_doc = {
        "id": 2,
        "kind": "article",
        "title": "无锡工会“战疫”时间轴",
        "subtitle": "万众一心 阻击疫情",
        "byline": None,
        "source": SOURCE,
        "masthead": dict(MASTHEAD),
        "sections": [
            {
                "heading": None,
                "paragraphs": [
                    "疫情就是命令，防控就是责任。无锡市总工会深入贯彻习近平总书记重要指示精神，积极落实市委市政府和上级工会部署要求，迅速行动，积极投入疫情阻击战。",
                    "时已立春，万象更新。在这场看不见硝烟的战“疫”中，无锡各级工会组织守土有责、精准施策，全力协助企业做好疫情防控和复工复产工作，保障经济社会平稳运行。",
                ],
            }
        ],
        "timeline": timeline_entries(),
        "annotations": [
            {
                "id": 2,
                "author": "刘镕",
                "created_at": "2026-11-28T10:05:00",
                "text": "1月24日条目金额已与原件核对，镕、无二字无误。",
                "target": "entry 1",
            },
        ],
    }
    return [article, timeline_doc]


# -- helpers ------------------------------------------------------------------------

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
BODY_TOP = (pdf_export.MARGIN_TOP + pdf_export.HEADER_BAND) * MM
BODY_BOTTOM = PAGE_H - (pdf_export.MARGIN_BOTTOM + pdf_export.FOOTER_BAND) * MM
BODY_LEFT = pdf_export.MARGIN_LEFT * MM
BODY_WIDTH = PAGE_W - (pdf_export.MARGIN_LEFT + pdf_export.MARGIN_RIGHT) * MM


def compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: Path, *extra: str) -> str:
    return run("pdftotext", "-enc", "UTF-8", *extra, str(pdf), "-")


def page_texts(pdf: Path) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def body_text(pdf: Path) -> str:
    """The body of every page in content order, without running header and footer."""
    return pdf_text(
        pdf,
        "-raw",
        "-x",
        "0",
        "-y",
        str(int(BODY_TOP - 3)),
        "-W",
        str(int(PAGE_W)),
        "-H",
        str(int(BODY_BOTTOM - BODY_TOP + 6)),
    )


def column_text(pdf: Path, left_pct: float, right_pct: float, header: str = "") -> str:
    """The words inside one table column on all pages, top to bottom: a cell split over pages reads as one.

    `header` is the column's label, dropped where the header row repeats on a new page.
    """
    x0 = BODY_LEFT + BODY_WIDTH * left_pct / 100
    x1 = BODY_LEFT + BODY_WIDTH * right_pct / 100
    out = []
    for page in run("pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-").split("<page ")[1:]:
        words = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', page):
            x, y, word = float(m.group(1)), float(m.group(2)), html.unescape(m.group(3))
            if x0 <= x < x1 and BODY_TOP <= y < BODY_BOTTOM and word != header:
                words.append((round(y, 1), x, word))
        out.extend(w for _, _, w in sorted(words))
    return "".join(out)


def pdf_info(pdf: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(pdf: Path) -> list[list[str]]:
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    return [line.split() for line in lines]


def assert_no_kangxi(text: str) -> None:
    # Kangxi radicals (⽆ for 无) are what a CJK font with the wrong cmap extracts to.
    assert not re.search(r"[\u2f00-\u2fdf\u2e80-\u2eff]", text)


@pytest.fixture(scope="module")
def docs_pdf(tmp_path_factory, qapp) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("pdf") / "documents.pdf"
    pages = export_documents_pdf(sample_documents(), out, ARCHIVE, exported_at=EXPORTED_AT)
    return out, pages


@pytest.fixture(scope="module")
def long_timeline_pdf(tmp_path_factory, qapp) -> tuple[Path, int, list[dict]]:
    entries = timeline_entries(300)
    out = tmp_path_factory.mktemp("pdf") / "timeline-300.pdf"
    pages = export_timeline_pdf(entries, out, ARCHIVE, title="时间轴", exported_at=EXPORTED_AT)
    return out, pages, entries


# -- documents ------------------------------------------------------------------------


@needs_poppler
def test_document_pdf_gives_back_every_paragraph_exactly(docs_pdf):
    """Every heading and paragraph of both articles comes back from pdftotext, character for character."""
    pdf, _ = docs_pdf
    text = compact(body_text(pdf))
    assert_no_kangxi(text)
    for document in sample_documents():
        assert compact(document["title"]) in text
        assert compact(document["subtitle"]) in text
        for section in document["sections"]:
            if section["heading"]:
                assert compact(section["heading"]) in text
            for paragraph in section["paragraphs"]:
                assert compact(paragraph) in text
    assert "（陈煜蕾）" in text
    assert "A06·2020-02-24星期一" in text and "汪自力" in text and "邹琦" in text and "王欣" in text


@needs_poppler
def test_document_pdf_gives_back_every_timeline_entry_exactly(docs_pdf):
    """Each of the 14 entry texts is intact in the table's entry column, with dates and formatted amounts."""
    pdf, _ = docs_pdf
    widths = pdf_layout.TIMELINE_WIDTHS
    entries_col = compact(column_text(pdf, widths[0], widths[0] + widths[1], Export.tr("Entry")))
    amounts_col = compact(column_text(pdf, widths[0] + widths[1], 100))
    whole = compact(pdf_text(pdf))
    for entry in timeline_entries():
        assert compact(entry["text"]) in entries_col
        assert entry["date"] in whole
    assert "44万元(¥440,000)" in amounts_col
    assert "212.45万元(¥2,124,500)" in amounts_col
    assert "镕" in whole and "无" in whole


@needs_poppler
def test_document_pdf_embeds_only_the_bundled_font_as_subset(docs_pdf):
    """pdffonts lists one font, the bundled GBK subset, embedded, subset-tagged and with a ToUnicode map."""
    pdf, _ = docs_pdf
    fonts = pdf_fonts(pdf)
    assert len(fonts) == 1, fonts
    name, *_rest = fonts[0]
    emb, sub, uni = fonts[0][-5:-2]
    assert re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei-GBK(-Identity-H)?", name), name
    assert (emb, sub, uni) == ("yes", "yes", "yes")


@needs_poppler
def test_document_pdf_pages_header_footer_and_metadata(docs_pdf):
    """A4 pages counted as returned, each with archive name, document title and 'page N of M'; metadata set."""
    pdf, pages = docs_pdf
    info = pdf_info(pdf)
    assert int(info["Pages"]) == pages >= 3
    assert "A4" in info["Page size"]
    assert info["Creator"] == f"ArchiveViewer {__version__}"
    assert info["Author"] == "陈煜蕾"
    assert ARCHIVE in info["Subject"]
    assert ARCHIVE in info["Title"]
    texts = page_texts(pdf)
    assert len(texts) == pages
    titles = [d["title"] for d in sample_documents()]
    for n, page in enumerate(texts, start=1):
        assert ARCHIVE in page
        assert any(t in page for t in titles) or Export.tr("Appendix: annotations") in page
        assert Export.tr("Page {page} of {pages}").format(page=n, pages=pages) in page
        assert Export.tr("Exported {when}").format(when="2026-11-28 10:00") in page
    # The second article starts on a page of its own, under its own running title.
    second = next(i for i, t in enumerate(texts) if "万众一心阻击疫情" in compact(t))
    assert second > 0 and "万众一心" not in texts[second - 1]
    assert titles[1] in [line for line in texts[second].splitlines() if line.strip()][:2]


@needs_poppler
def test_document_pdf_outline_has_documents_and_sections(docs_pdf):
    """The outline lists each document with its section headings, each pointing at the page that shows it."""
    pypdf = pytest.importorskip("pypdf")
    pdf, _ = docs_pdf
    reader = pypdf.PdfReader(str(pdf))
    outline = reader.outline
    tops = [item for item in outline if not isinstance(item, list)]
    top_titles = [item.title for item in tops]
    assert top_titles == ["无锡各级工会多管齐下保复工", "无锡工会“战疫”时间轴", Export.tr("Appendix: annotations")]
    children = outline[1]
    assert [c.title for c in children] == [h for h, _ in SECTIONS]
    texts = page_texts(pdf)
    for item in tops[:2] + children:
        page = reader.get_destination_page_number(item)
        assert compact(item.title) in compact(texts[page]), item.title
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


@needs_poppler
def test_text_from_documents_is_printed_literally(tmp_path, qapp):
    """Markup-like text (<img src=x>, <b>, &amp;) prints as written, never interpreted."""
    nasty = "<img src=x> <b>粗体</b> &amp; &lt;tag&gt; \"引号\" 'x'"
    document = {
        "id": 9,
        "kind": "document",
        "title": f"标题 {nasty}",
        "source": "<script>.txt",
        "sections": [{"heading": "<h1>小标题</h1> &amp;", "paragraphs": [f"正文 {nasty} 结束"]}],
        "timeline": [
            {"id": 1, "date": "2020-01-01", "text": f"条目 {nasty}", "amounts": [{"text": "<i>1元</i>", "yuan": 1}]}
        ],
        "annotations": [
            {"id": 1, "author": "<u>某人</u>", "created_at": "2026-01-01T00:00:00", "text": nasty, "target": "&x;"}
        ],
    }
    out = tmp_path / "escaped.pdf"
    export_documents_pdf([document], out, "<档案> & 馆", exported_at=EXPORTED_AT)
    text = compact(pdf_text(out))
    for fragment in (
        "<imgsrc=x>",
        "<b>粗体</b>",
        "&amp;",
        "&lt;tag&gt;",
        "<h1>小标题</h1>",
        "<u>某人</u>",
        "<i>1元</i>(¥1)",
        "<script>.txt",
        "<档案>&馆",
    ):
        assert fragment in text, fragment


@needs_poppler
def test_paragraph_and_cell_longer_than_a_page_break_without_losing_text(tmp_path, qapp):
    """A paragraph and a table cell each longer than a page continue on the next pages, nothing clipped."""
    long_para = "".join(f"第{i}句：无锡市总工会筹措资金驰援定点医院，镕无。" for i in range(160))
    latin = "https://example.org/" + "a" * 300 + " and ordinary English words that wrap at spaces"
    long_cell = "".join(f"长单元格第{i}行内容，包含镕字与无字。" for i in range(170))
    document = {
        "id": 1,
        "kind": "document",
        "title": "长段落",
        "sections": [{"heading": "长", "paragraphs": [long_para, latin]}],
        "timeline": [
            {"id": 1, "date": "2020-01-01", "text": long_cell, "amounts": []},
            {"id": 2, "date": "2020-01-02", "text": "之后的条目", "amounts": []},
        ],
    }
    out = tmp_path / "long.pdf"
    pages = export_documents_pdf([document], out, ARCHIVE, exported_at=EXPORTED_AT)
    assert pages >= 4
    text = compact(body_text(out))
    assert compact(long_para) in text
    assert compact(latin) in text
    widths = pdf_layout.TIMELINE_WIDTHS
    column = compact(column_text(out, widths[0], widths[0] + widths[1], Export.tr("Entry")))
    assert compact(long_cell) + "之后的条目" in column


# -- timeline ---------------------------------------------------------------------------


@needs_poppler
def test_long_timeline_repeats_header_row_on_every_page(long_timeline_pdf):
    """A 300-entry timeline spans many pages; each page starts its table with the header row."""
    pdf, pages, entries = long_timeline_pdf
    assert pages >= 5
    texts = page_texts(pdf)
    assert len(texts) == pages
    headers = [Export.tr("Date"), Export.tr("Entry"), Export.tr("Amounts"), Export.tr("Source")]
    for n, page in enumerate(texts, start=1):
        for header in headers:
            assert header in page, (n, header)
        assert "时间轴" in page
        assert Export.tr("Page {page} of {pages}").format(page=n, pages=pages) in page


@needs_poppler
def test_long_timeline_keeps_every_entry_exactly(long_timeline_pdf):
    """All 300 entry texts, dates and amounts are in the PDF; rows split over pages read back whole."""
    pdf, _, entries = long_timeline_pdf
    widths = pdf_layout.TIMELINE_WIDTHS_WITH_SOURCE
    column = compact(column_text(pdf, widths[0], widths[0] + widths[1], Export.tr("Entry")))
    dates = compact(column_text(pdf, 0, widths[0]))
    for entry in entries:
        assert compact(entry["text"]) in column, entry["id"]
        assert entry["date"] in dates
    assert_no_kangxi(column)


@needs_poppler
def test_timeline_outline_has_title_and_months(long_timeline_pdf):
    """The timeline's outline has its title with one child per month, in order."""
    pypdf = pytest.importorskip("pypdf")
    pdf, _, entries = long_timeline_pdf
    reader = pypdf.PdfReader(str(pdf))
    outline = reader.outline
    assert outline[0].title == "时间轴"
    months = list(dict.fromkeys(e["date"][:7] for e in entries))
    assert [m.title for m in outline[1]] == months
    pages = [reader.get_destination_page_number(m) for m in outline[1]]
    assert pages == sorted(pages) and pages[-1] > 0


# -- search report ------------------------------------------------------------------------

REPORT = {
    "query": "慰问",
    "ran_at": "2026-11-28T10:00:00",
    "total": 4,
    "hits": [
        {
            "id": "entry:5",
            "kind": "entry",
            "title": "1月30日",
            "date": "2020-01-30",
            "document_id": 2,
            "source": SOURCE,
            "snippet": "无锡市委常委、市总工会主席陈德荣一行走访慰问奋战在防疫一线的干部职工。",
            "highlights": [[20, 22]],
            "score": 2.1,
        },
        {
            "id": "entry:13",
            "kind": "entry",
            "title": "2月13日",
            "date": "2020-02-13",
            "document_id": 2,
            "source": SOURCE,
            "snippet": "…为164位援鄂医疗队队员每人发放5000元慰问金。",
            "highlights": [[22, 24]],
            "score": 1.7,
        },
        {
            "id": "article:1",
            "kind": "article",
            "title": "无锡各级工会多管齐下保复工",
            "date": "2020-02-24",
            "document_id": 1,
            "source": SOURCE,
            "snippet": "用于慰问防疫防控物资生产企业一线职工<b>",
            "highlights": [[2, 4]],
            "score": 1.2,
        },
    ],
}


@needs_poppler
def test_search_report_pdf_has_query_time_count_and_every_snippet(tmp_path, qapp):
    """The report shows the query, when it ran, the hit count, and each hit's kind, title, date and snippet."""
    out = tmp_path / "report.pdf"
    pages = export_search_report_pdf(REPORT, out, ARCHIVE, exported_at=EXPORTED_AT)
    assert pages == 1
    text = pdf_text(out)
    flat = compact(text)
    assert "慰问" in flat and "2026-11-2810:00" in flat
    assert compact(Export.tr("Hits:")) + "4" in flat
    for hit in REPORT["hits"]:
        assert compact(hit["snippet"]) in flat
        assert compact(hit["title"]) in flat
        assert hit["date"] in flat
    assert Export.tr("Timeline entry") in text and Export.tr("Article") in text
    info = pdf_info(out)
    assert "慰问" in info["Title"] and info["Keywords"] == "慰问"


@needs_poppler
def test_search_report_emphasises_matches(tmp_path, qapp):
    """Highlighted matches are painted with the mark colour (checked on a rendered page)."""
    out = tmp_path / "report.pdf"
    export_search_report_pdf(REPORT, out, ARCHIVE, exported_at=EXPORTED_AT)
    subprocess.run(["pdftoppm", "-r", "40", str(out), str(tmp_path / "page")], check=True)
    data = next(tmp_path.glob("page*.ppm")).read_bytes()
    # A binary PPM: header "P6\nW H\n255\n", then RGB triples.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    pixels = data[header.end() :]
    fill = pdf_layout.MARK_FILL
    target = bytes([fill.red(), fill.green(), fill.blue()])
    hits = sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i : i + 3] == target)
    assert hits > 20


# -- behaviour -------------------------------------------------------------------------------


@needs_poppler
def test_progress_reaches_100_and_false_cancels_without_a_file(tmp_path, qapp):
    """progress(done, 100) rises to 100; returning False cancels and leaves no file or temp file."""
    seen = []
    out = tmp_path / "p.pdf"
    export_timeline_pdf(timeline_entries(40), out, ARCHIVE, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (100, 100) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    cancelled = tmp_path / "c.pdf"
    with pytest.raises(ExportCancelled):
        export_timeline_pdf(timeline_entries(40), cancelled, ARCHIVE, progress=lambda d, t: d < 60)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pdf"]


@needs_poppler
def test_render_documents_paints_onto_a_printer(tmp_path, qapp):
    """render_documents paints the same pages onto a QPrinter, as print preview does."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = render_documents(sample_documents(), printer, ARCHIVE)
    assert pages >= 3
    assert int(pdf_info(out)["Pages"]) == pages
    text = compact(pdf_text(out))
    assert compact(SECTIONS[0][1][0]) in text


@needs_poppler
def test_pdf_is_correct_without_any_system_cjk_font(tmp_path):
    """With fontconfig seeing no system fonts at all, the bundled font still gives exact Chinese text."""
    fc_dir = tmp_path / "fc"
    fc_dir.mkdir()
    (fc_dir / "fonts.conf").write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{fc_dir / 'none'}</dir><cachedir>{fc_dir / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    out = tmp_path / "nofonts.pdf"
    script = textwrap.dedent(f"""
        from pathlib import Path
        from archiveviewer.export.pdf_export import export_timeline_pdf
        entries = [{{"id": 1, "date": "2020-01-24", "text": "镕无锡市总工会筹措资金44万元", "amounts": []}}]
        export_timeline_pdf(entries, Path({str(out)!r}), "档案")
    """)
    env = dict(os.environ, FONTCONFIG_FILE=str(fc_dir / "fonts.conf"), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
    assert "镕无锡市总工会筹措资金44万元" in compact(pdf_text(out))
    fonts = pdf_fonts(out)
    assert len(fonts) == 1 and "WenQuanYiMicroHei-GBK" in fonts[0][0]


def test_bundled_font_covers_gbk_and_the_newspaper_symbols(qapp):
    """The bundled subset has every GBK ideograph plus the symbols the pages use, under its own family name."""
    from PySide6.QtGui import QRawFont

    from archiveviewer.export.fonts import register_app_font
    from archiveviewer.resources import font_path

    path = font_path()
    assert 2_000_000 < path.stat().st_size < 5_500_000
    assert register_app_font() == "WenQuanYi Micro Hei GBK"
    raw = QRawFont(str(path), 12)
    for ch in "镕无◆●■※、，。“”《》（）￥¥·—…①":
        assert raw.supportsCharacter(ord(ch)), ch
    missing = [cp for cp in range(0x4E00, 0x9FA6) if not raw.supportsCharacter(cp)]
    assert missing == []
    fonts_dir = path.parent
    assert (fonts_dir / "LICENSE").is_file() and (fonts_dir / "wqy-microhei.copyright").is_file()
    assert "Apache License" in (fonts_dir / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")


@needs_poppler
def test_single_source_timeline_names_its_source_once(tmp_path, qapp):
    """Entries from one document get no source column; the document is named under the title instead."""
    out = tmp_path / "one-source.pdf"
    export_timeline_pdf(timeline_entries(), out, ARCHIVE, exported_at=EXPORTED_AT)
    text = pdf_text(out)
    assert Export.tr("Source") not in text
    assert Export.tr("from {title}").format(title="无锡工会“战疫”时间轴") in text
    widths = pdf_layout.TIMELINE_WIDTHS
    column = compact(column_text(out, widths[0], widths[0] + widths[1], Export.tr("Entry")))
    for entry in timeline_entries():
        assert compact(entry["text"]) in column
