"""Nothing lost: every character of a page is in its parsed structure, on generated pages and on real news pages."""

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archiveviewer.ingest.integrity import body_in_order, lost_characters, nothing_lost
from archiveviewer.ingest.newspaper_parser import parse, parse_structured

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from news_corpus import Style, build_pages  # noqa: E402

HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
)
PUNCT = "，。、；：！？“”（）《》"


def _sentence(draw, lo=2, hi=60, end=True) -> str:
    body = draw(st.text(alphabet=HANZI + PUNCT + "0123456789０１２３ABC", min_size=lo, max_size=hi))
    return body + ("。" if end else "")


@st.composite
def pages(draw) -> str:
    """Pages built from the pieces OCR output is made of, in random order and wrapping."""
    width = draw(st.integers(4, 30))
    indent = draw(st.sampled_from(["", "\u3000\u3000", "  ", "lost"]))  # lost: printed, dropped by OCR
    blank = draw(st.booleans())
    mixed = draw(st.booleans())  # each paragraph in a column of its own width
    spaced = draw(st.booleans())  # a blank line after every line of text, as some OCR exports write
    lines: list[str] = []
    if draw(st.booleans()):
        masthead = draw(
            st.sampled_from(["A06 2020.2.24 星期一", "人民日报 1998年1月5日 星期一 第3版", "责编 张三 ｜ 校对 李四"])
        )
        if draw(st.booleans()):
            masthead = " ".join(t + t for t in masthead.split())
        lines += [masthead, ""]
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(
            st.sampled_from(
                ["paragraph", "headline", "byline", "entry", "number", "dateline", "credit", "long", "blank"]
            )
        )
        if kind == "headline":
            lines += [_sentence(draw, 2, 30, end=False), ""] if blank else [_sentence(draw, 2, 30, end=False)]
        elif kind == "byline":
            lines.append(f"（{draw(st.text(alphabet=HANZI, min_size=1, max_size=8))}）")
        elif kind == "entry":
            lines.append(
                f"◆ {draw(st.integers(1, 13))}月{draw(st.integers(0, 32))}日{draw(st.sampled_from(['', ' ', '：']))}"
            )
        elif kind == "number":
            lines.append(str(draw(st.integers(0, 99))))
        elif kind == "long":
            lines.append(_sentence(draw, 80, 400, end=draw(st.booleans())) + draw(st.sampled_from(["", "（黄金老）"])))
        elif kind == "blank":
            lines.append("")
        else:
            text = _sentence(draw)
            if kind == "dateline":
                text = f"新华社北京{draw(st.integers(1, 12))}月{draw(st.integers(1, 31))}日电（记者杨国强）" + text
            elif kind == "credit":
                text += draw(st.sampled_from(["（钱荣友）", "（刘刚摄）", "（新华社北京１２月３１日电）"]))
            w = draw(st.integers(4, 30)) if mixed else width
            text = ("\u3000\u3000" if indent == "lost" else indent) + text
            wrapped = [text[k : k + w] for k in range(0, len(text), w)]
            if indent == "lost":
                wrapped[0] = wrapped[0].lstrip("\u3000")
            lines += [line for line in wrapped if line]
            if blank:
                lines.append("")
    if spaced:
        lines = [out for line in lines for out in ([line, ""] if line.strip() else [line])]
    return "\n".join(lines)


@settings(max_examples=300)
@given(pages())
def test_generated_pages_lose_nothing(text):
    """The structure holds every character of any generated page, in order, without the fallback."""
    page = parse_structured(text)
    assert not lost_characters(text, page)
    assert body_in_order(text, page)


@settings(max_examples=100)
@given(st.text(min_size=0, max_size=300))
def test_any_text_loses_nothing(text):
    """Whatever the text, what `parse` returns keeps all of it."""
    assert nothing_lost(text, parse(text))


# Bounded: a sample of the evaluation corpus keeps `make test` quick. The other parts are wrapped as OCR
# delivers a printed page: ragged or justified lines, articles in columns of their own widths, indentation
# dropped, digits half-width.
CORPUS_PAGES = (
    build_pages(120, seed=7)
    + build_pages(40, seed=8, style=Style(ragged=True, mixed=True, lost_indent=True))
    + build_pages(40, seed=9, style=Style(justified=True, mixed=True, lost_indent=True))
    + build_pages(20, seed=10, style=Style(ragged=True, mixed=True, lost_indent=True, half_width=True))
)


def test_real_news_pages_lose_nothing():
    """Every page of a sample of the People's Daily 1998 corpus, in columns, keeps every character."""
    losing = [name for name, text, _ in CORPUS_PAGES if not nothing_lost(text, parse_structured(text, name))]
    assert losing == []


def test_real_news_paragraphs_mostly_come_back_whole():
    """Most ground-truth paragraphs come back as one paragraph, titles as titles."""
    whole = total = titles = articles = 0
    for name, text, truth in CORPUS_PAGES:
        page = parse(text, name)
        parsed = ["".join(p.text.split()) for d in page.documents for p in d.paragraphs()]
        bylines = {r.before for r in page.repairs if r.kind == "byline-brackets"}
        heads = {d.title for d in page.documents}
        for article in truth.articles:
            articles += 1
            titles += article["title"] in heads
            for par in article["paragraphs"]:
                total += 1
                whole += par in parsed or par in bylines
    assert whole / total > 0.9
    assert titles / articles > 0.8
