"""Deterministic generator of Chinese newspaper-like SearchItems for benchmarks."""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from archiveviewer.search.items import SearchItem

PLACES = [
    "无锡",
    "江阴",
    "宜兴",
    "梁溪",
    "锡山",
    "惠山",
    "滨湖",
    "新吴",
    "经开区",
    "苏州",
    "常州",
    "南京",
    "上海",
    "武汉",
    "北京",
    "杭州",
    "江苏省",
    "湖北省",
    "浙江省",
    "长三角",
    "太湖",
    "阳山镇",
    "东港镇",
    "华庄街道",
    "火神山医院",
    "雷神山医院",
]
ORGS = [
    "市总工会",
    "区总工会",
    "市委",
    "市政府",
    "卫健委",
    "妇联",
    "共青团",
    "红十字会",
    "人民医院",
    "疾控中心",
    "市场监管局",
    "人社局",
    "教育局",
    "交通运输局",
    "公安局",
    "税务局",
    "工商联",
    "慈善总会",
    "社区居委会",
    "远东电缆有限公司",
    "驰马拉链股份有限公司",
    "海太半导体",
    "医疗队",
    "志愿者协会",
    "职工服务中心",
]
SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "高",
    "林",
    "罗",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "邓",
    "冯",
    "韩",
]
GIVEN = [
    "德荣",
    "涛",
    "欣",
    "自力",
    "琦",
    "煜蕾",
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
    "春梅",
    "国庆",
    "晓东",
    "文博",
]
ROLES = [
    "主席",
    "副主席",
    "书记",
    "党组书记",
    "市长",
    "副市长",
    "主任",
    "院长",
    "局长",
    "组长",
    "队长",
    "负责人",
    "记者",
    "通讯员",
]
NOUNS = [
    "疫情",
    "防控",
    "工作",
    "企业",
    "职工",
    "资金",
    "物资",
    "口罩",
    "防护服",
    "医疗",
    "医院",
    "社区",
    "群众",
    "政策",
    "措施",
    "通知",
    "通告",
    "倡议书",
    "慰问金",
    "专项资金",
    "生活补贴",
    "复工",
    "复产",
    "生产",
    "劳动",
    "竞赛",
    "培训",
    "平台",
    "微信",
    "热线",
    "心理",
    "服务",
    "志愿者",
    "队员",
    "家属",
    "医护人员",
    "一线",
    "岗位",
    "安全",
    "监督",
    "检查",
    "经费",
    "工资",
    "待遇",
    "权益",
    "会员",
    "教育",
    "互联网",
    "项目",
    "技能",
    "素质",
    "招聘",
    "用工",
    "难题",
    "困难",
    "问题",
    "关系",
    "诉求",
    "宣传",
    "知识",
    "手册",
    "活动",
    "灯谜",
    "元宵节",
    "春节",
    "假期",
    "交通",
    "检查站",
    "站点",
    "体温",
    "测量",
    "记录",
    "员工",
    "排查",
    "行动",
    "保障",
    "经济",
    "社会",
    "运行",
    "责任",
    "命令",
    "精神",
    "指示",
    "部署",
    "要求",
    "作用",
    "会议",
    "报告",
    "批示",
    "阻击战",
    "战疫",
    "时间轴",
    "线缆",
    "电线",
    "电缆",
    "工程",
    "公里",
    "半导体",
    "拉链",
    "小组",
    "突击队",
    "班组",
    "奖项",
    "评先评优",
    "孕产期",
    "哺乳期",
    "女职工",
    "建议",
    "情绪",
    "口罩厂",
    "消毒液",
    "酒精",
    "测温枪",
    "核酸检测",
    "疫苗",
    "隔离点",
    "物流",
    "供应链",
    "蔬菜",
    "粮油",
    "市场",
    "价格",
    "超市",
    "商户",
    "租金",
    "贷款",
    "税费",
    "补助",
    "救助",
    "捐款",
    "捐赠",
    "学校",
    "学生",
    "教师",
    "网课",
    "考试",
    "工地",
    "农民工",
    "返岗",
    "专列",
    "包车",
    "健康码",
    "通行证",
    "快递",
    "外卖",
]
VERBS = [
    "筹措",
    "驰援",
    "转发",
    "印发",
    "发布",
    "成立",
    "走访",
    "慰问",
    "投入",
    "启动",
    "推出",
    "制作",
    "推送",
    "召开",
    "研究",
    "部署",
    "落实",
    "推进",
    "开展",
    "组织",
    "协调",
    "指导",
    "帮助",
    "支持",
    "保障",
    "做好",
    "加强",
    "完善",
    "提供",
    "发放",
    "拨付",
    "捐赠",
    "采购",
    "组建",
    "开通",
    "设立",
    "实施",
    "执行",
    "减免",
    "延长",
    "恢复",
    "完成",
    "申报",
    "审批",
    "办理",
    "收集",
    "排查",
    "配合",
    "引导",
    "强化",
    "提升",
    "促进",
    "关心",
    "关爱",
    "倡议",
    "号召",
    "表彰",
    "宣传",
    "解读",
    "公布",
    "通报",
    "统计",
    "核查",
]
ADVERBS = [
    "积极",
    "迅速",
    "全力",
    "深入",
    "认真",
    "切实",
    "及时",
    "主动",
    "持续",
    "全面",
    "精准",
    "有序",
    "扎实",
    "大力",
    "进一步",
    "第一时间",
]
ADJS = [
    "重要",
    "特殊",
    "紧急",
    "有效",
    "必要",
    "相关",
    "专项",
    "临时",
    "重点",
    "困难",
    "一线",
    "基层",
    "全市",
    "各级",
    "首批",
    "第二批",
    "新型",
]
IDIOMS = [
    "众志成城",
    "齐心协力",
    "多管齐下",
    "多措并举",
    "守土有责",
    "精准施策",
    "万众一心",
    "同舟共济",
    "迎难而上",
    "雪中送炭",
    "不辞辛劳",
    "全力以赴",
    "统筹兼顾",
    "有条不紊",
    "争分夺秒",
    "群防群控",
]
LATIN = [
    "Wuxi",
    "Jiangsu",
    "COVID-19",
    "WHO",
    "PDF",
    "APP",
    "GDP",
    "CCTV",
    "Xinhua",
    "Reuters",
    "PM2.5",
    "5G",
    "online",
    "offline",
    "hotline",
    "Made",
    "in",
    "China",
    "Expo",
    "Shanghai",
    "Daily",
    "news",
    "report",
]
UNITS = ["万元", "元", "名", "家", "个", "件", "箱", "台", "吨", "公里", "人次", "份", "批", "套"]
CONNECT = [
    "同时",
    "此外",
    "另外",
    "据悉",
    "截至目前",
    "与此同时",
    "据了解",
    "目前",
    "下一步",
    "近日",
    "日前",
    "当天下午",
]
HEADINGS = [
    "出台政策惠企业",
    "当好防疫复工勤务员",
    "维护职工权益不放松",
    "激发劳动热情保生产",
    "落实关爱暖人心",
    "精准施策",
    "持续作战",
    "保复工",
    "稳就业",
    "惠民生",
    "战疫一线",
    "温暖传递",
    "共克时艰",
    "春风行动",
    "防疫进行时",
    "复工复产进行时",
]
TAGS = ["疫情", "复工", "工会", "慰问", "医疗", "政策", "民生", "经济", "教育", "交通", "志愿", "捐赠"]
PAPERS = ["无锡日报", "江南晚报", "新华日报", "扬子晚报", "工人日报", "人民日报"]
KINDS = (("article", 0.45), ("entry", 0.35), ("document", 0.12), ("annotation", 0.08))


@lru_cache(maxsize=1)
def extra_words() -> tuple[str, ...]:
    """Real simplified words from OpenCC's phrase dictionary, for vocabulary breadth.

    Hand-written lists alone give ~40k distinct bigrams for 12 M characters,
    far fewer than real newspapers; the ~45k dictionary words fix that. If the
    bundled ``opencc_dict`` tool is missing the corpus is just narrower.
    """
    try:
        import opencc

        clib = Path(opencc.__file__).parent / "clib"
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "phrases.txt"
            subprocess.run(
                [
                    str(clib / "bin" / "opencc_dict"),
                    "-i",
                    str(clib / "share" / "opencc" / "STPhrases.ocd2"),
                    "-o",
                    str(out),
                    "-f",
                    "ocd2",
                    "-t",
                    "text",
                ],
                check=True,
                capture_output=True,
                timeout=60,
            )
            lines = out.read_text(encoding="utf-8").splitlines()
    except Exception:
        return ()
    words = {line.split("\t", 1)[0] for line in lines}
    return tuple(sorted(w for w in words if 2 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w)))


def _noun(rng: random.Random) -> str:
    extra = extra_words()
    if extra and rng.random() < 0.35:
        return rng.choice(extra)
    return rng.choice(NOUNS)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _amount(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.4:
        return f"{rng.randint(1, 300)}万元"
    if style < 0.6:
        return f"{rng.randint(1, 999)}.{rng.randint(1, 99):02d}万元"
    return f"{rng.randint(2, 5000)}{rng.choice(UNITS)}"


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _phrase(rng: random.Random) -> str:
    """One clause built from a template; the mix gives realistic bigram variety."""
    r = rng.random()
    if r < 0.16:
        return (
            f"{rng.choice(PLACES)}{rng.choice(ORGS)}{rng.choice(ADVERBS)}{rng.choice(VERBS)}"
            f"{rng.choice(ADJS)}{_noun(rng)}{_noun(rng)}"
        )
    if r < 0.30:
        return (
            f"{_date(rng)}，{rng.choice(ORGS)}{rng.choice(ROLES)}{_person(rng)}"
            f"{rng.choice(VERBS)}{rng.choice(PLACES)}{_noun(rng)}"
        )
    if r < 0.42:
        return f"{rng.choice(VERBS)}{_noun(rng)}{_amount(rng)}，用于{rng.choice(VERBS)}{_noun(rng)}"
    if r < 0.50:
        return f"截至{_date(rng)}，{rng.choice(PLACES)}共{rng.choice(VERBS)}{_noun(rng)}{_amount(rng)}"
    if r < 0.58:
        # Drawn in the order of the printed sentence, so a seed gives the same corpus as before.
        lead = f"{rng.choice(CONNECT)}，{rng.choice(ORGS)}{rng.choice(VERBS)}"
        return f"{lead}《关于{rng.choice(VERBS)}{_noun(rng)}{_noun(rng)}的通知》"
    if r < 0.66:
        return f"{rng.choice(IDIOMS)}，{rng.choice(ADVERBS)}{rng.choice(VERBS)}{rng.choice(ADJS)}{_noun(rng)}"
    if r < 0.72:
        latin = " ".join(rng.choice(LATIN) for _ in range(rng.randint(1, 3)))
        return f"{rng.choice(ORGS)}通过{latin}{_noun(rng)}{rng.choice(VERBS)}“{_noun(rng)}{_noun(rng)}”"
    if r < 0.80:
        lead = f"{_person(rng)}表示，要{rng.choice(ADVERBS)}{rng.choice(VERBS)}{_noun(rng)}"
        return f"{lead}，{rng.choice(VERBS)}{rng.choice(ADJS)}{_noun(rng)}"
    if r < 0.88:
        return f"{rng.choice(PLACES)}{rng.randint(2, 99)}家{_noun(rng)}{rng.choice(VERBS)}{_noun(rng)}{_amount(rng)}"
    return f"{rng.choice(ADVERBS)}{rng.choice(VERBS)}{_noun(rng)}{_noun(rng)}、{_noun(rng)}和{_noun(rng)}"


def _body(rng: random.Random, target: int) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            clauses = [_phrase(rng) for _ in range(rng.randint(1, 3))]
            sentences.append("，".join(clauses) + "。")
        para = "".join(sentences)
        if rng.random() < 0.25:
            para = f"◆ {_date(rng)}\n{para}"
        if size + len(para) > target and paragraphs:
            # Cut the last paragraph at a sentence end so lengths stay near target.
            cut = para.rfind("。", 0, target - size)
            if cut < 0:
                break
            para = para[: cut + 1]
        paragraphs.append(para)
        size += len(para) + 2
    text = "\n\n".join(paragraphs)
    if rng.random() < 0.5:
        # OCR'd columns break lines every ~19 characters, mid-word.
        width = rng.randint(14, 22)
        text = "\n".join(text[i : i + width] for i in range(0, len(text), width))
    return text


def generate(n: int, seed: int = 1, traditional_share: float = 0.1) -> Iterator[SearchItem]:
    """Yield `n` SearchItems of ~300-700 characters; same seed, same items."""
    rng = random.Random(seed)
    s2t = None
    if traditional_share > 0:
        import opencc

        s2t = opencc.OpenCC("s2t")
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        title = rng.choice(HEADINGS) if rng.random() < 0.6 else rng.choice(IDIOMS) + " " + rng.choice(HEADINGS)
        text = _body(rng, rng.randint(300, 700))
        if s2t is not None and rng.random() < traditional_share:
            title, text = s2t.convert(title), s2t.convert(text)
        date = None
        if rng.random() < 0.95:
            date = f"{rng.randint(2019, 2021)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield SearchItem(
            key=f"{kind}:{i}",
            kind=kind,
            title=title,
            text=text,
            date=date,
            document_id=i,
            entity_id=i,
            source=f"{rng.choice(PAPERS)}-{date or 'undated'}.txt",
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            authors=(_person(rng),) if rng.random() < 0.7 else (),
        )


if __name__ == "__main__":
    for item in generate(3, seed=1):
        print(item.key, item.kind, item.date, item.title, item.tags, item.authors)
        print(item.text)
        print()
