"""Bytes to text: UTF-8/UTF-16 by BOM or strict decoding, else GB18030 or Big5 by plausibility; never a silent guess."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from archiveviewer.ingest.errors import IngestError
from archiveviewer.ingest.page_model import DecodedText

MAX_BYTES = 20 * 1024 * 1024

# Order matters only for ties: mainland archives are far more often GB-encoded.
_LEGACY_CANDIDATES = ("gb18030", "big5")
# Below this share of common characters a Chinese reading is probably wrong.
_PLAUSIBLE = 0.5

# C0 controls that never occur in real text files (tab, newlines, form feed and ESC do).
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CONTROL_BYTES_RE = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # the bytes of _BINARY_CONTROLS, in C
# Multi-byte codecs a general detector may name: their readings are rarely plausible by accident.
_MULTIBYTE = {
    "cp932",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "cp949",
    "euc_kr",
    "iso2022_kr",
    "johab",
    "utf_16",
    "utf_32",
}
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}
_WESTERN_PUNCTUATION = frozenset("“”‘’–—…€«»°§©®·±×÷¿¡£¥¢¶µ¬¦¨´¸ªº¹²³¼½¾\u00a0\u00ad")


def check_size(size: int, name: str, limit: int | None = None) -> None:
    """The one size check: refuse a file over the limit (before it is read, where the caller can)."""
    limit = MAX_BYTES if limit is None else limit
    if size > limit:
        raise IngestError.for_file(name, f"file is too large ({_size(size)}; the limit is {_size(limit)})")


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode a file's bytes, or raise IngestError saying why it is not importable text."""
    check_size(len(data), name)
    if not data:
        raise IngestError.for_file(name, "file is empty")
    text, encoding = _decode(data, name)
    # The byte check above looks at the first 64 KiB only (it is cheap); the whole text is checked here.
    if _CONTROL_RE.search(text):
        raise IngestError.for_file(name, "not a text file (contains control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError.for_file(name, "file is empty (whitespace only)")
    return DecodedText(text=text, encoding=encoding)


def plausibility(text: str) -> float:
    """Share of the non-ASCII, non-space characters that are common Chinese characters.

    Decoding Big5 bytes as GB18030 (or the reverse) rarely fails outright, but it
    yields rare characters, kana and symbols; the right codec yields common ones."""
    relevant = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not relevant:
        return 0.0
    return sum(c in _COMMON for c in relevant) / len(relevant)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    # A BOM is decisive, and UTF-16 is the one text encoding that contains NUL bytes.
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
        if any(ord(c) in _BINARY_CONTROLS for c in text):
            raise IngestError.for_file(name, "not a text file (contains control characters)")
        return text, "utf-16"
    if b"\x00" in data:
        raise IngestError.for_file(name, "not a text file (contains NUL bytes)")
    if _CONTROL_BYTES_RE.search(data, 0, 65536):
        raise IngestError.for_file(name, "not a text file (contains control characters)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for encoding in _LEGACY_CANDIDATES:
        try:
            decoded.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    # max() keeps the first of equals, so ties go to the earlier candidate.
    best = max(decoded, key=lambda pair: plausibility(pair[0])) if decoded else None
    if best is not None and plausibility(best[0]) >= _PLAUSIBLE:
        return best
    # Not Chinese-looking in either legacy codec: a European or other script. Decide only where
    # the reading is unambiguous; a silent wrong guess (Latin-1 read as cp1257) is worse than a refusal.
    other = _non_chinese(data, name)
    if other is not None:
        return other
    if best is None:
        raise IngestError.for_file(
            name, "cannot decode the text (not UTF-8, UTF-16, GB18030, Big5 or another known encoding)"
        )
    return best


def _scripts(text: str) -> set[str]:
    """The scripts of the non-ASCII letters in `text` (LATIN, CYRILLIC, HIRAGANA…)."""
    out = set()
    for c in set(text):
        if ord(c) > 0x7F and c.isalpha():
            out.add(unicodedata.name(c, "UNKNOWN ?").split()[0])
    return out


# Accented letters typical of Western European languages (cp1252) and of Central European and
# Baltic ones (cp1250, cp1257, ISO 8859-2/4/13): what tells two Latin readings of the same bytes apart.
# Letters both regions use (é, ö, á…) say nothing and are left out.
_SHARED_LETTERS = frozenset("óöüéáíúýôäÓÖÜÉÁÍÚÝÔÄ")
_WEST_LETTERS = frozenset("àâæçèêëîïœùûÿñßãõåøìòÀÂÆÇÈÊËÎÏŒÙÛŸÑÃÕÅØ")
_EAST_LETTERS = frozenset("ąćęłńśźżčďěňřšťůžėįųūőűĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽĖĮŲŪŐŰ")
_CLEAR_MARGIN = 0.25
_LATIN_CODECS = ("cp1252", "cp1250", "cp1257")


def _regional_fit(text: str, typical: frozenset[str]) -> float:
    """Share of the accented letters that are typical of the region, less a point per symbol inside a word."""
    accented = [c for c in text if ord(c) > 0x7F and c.isalpha() and c not in _SHARED_LETTERS]
    if not accented:
        return 0.0
    in_word = sum(
        1
        for a, c, b in zip(text, text[1:], text[2:], strict=False)
        if ord(c) > 0x7F and not c.isalpha() and a.isalpha() and b.isalpha()
    )
    return (sum(c in typical for c in accented) - in_word) / len(accented)


def _latin_reading(data: bytes, codec: str) -> str | None:
    """The reading under `codec` if every non-ASCII character in it is a Latin letter or common punctuation."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    for c in set(text):
        if ord(c) > 0x7F and c not in _WESTERN_PUNCTUATION and not (c.isalpha() and _scripts(c) == {"LATIN"}):
            return None
    return text


def _non_chinese(data: bytes, name: str) -> tuple[str, str] | None:
    guess = charset_normalizer.from_bytes(data).best()
    encoding = guess.encoding if guess is not None else None
    if encoding in _LEGACY_CANDIDATES:
        return None
    if guess is not None and encoding not in _WESTERN:
        reading = str(guess)
        scripts = _scripts(reading)
        letters = [c for c in reading if c.isalpha()]
        native = sum(ord(c) > 0x7F for c in letters)
        # A single-byte script reads as mostly its own letters; a few odd ones among Latin words
        # (Latin-1 accents read as Arabic by cp1006) are a misreading.
        if encoding in _MULTIBYTE or (len(scripts) == 1 and scripts != {"LATIN"} and native * 2 >= len(letters)):
            return reading, str(encoding)  # one non-Latin script (Cyrillic, Greek, Japanese…): a clear reading
    # Latin text in a legacy code page: the same bytes often read as letters in several. Take one
    # only on clear evidence (its letters are the ones its languages use, no symbols inside words).
    readings: dict[str, str] = {}
    for codec in _LATIN_CODECS:
        text = _latin_reading(data, codec)
        if text is not None:
            readings.setdefault(text, codec)
    if not readings:
        return None
    scored = sorted(
        ((_regional_fit(t, _WEST_LETTERS if c == "cp1252" else _EAST_LETTERS), t, c) for t, c in readings.items()),
        reverse=True,
    )
    if len(scored) == 1 or scored[0][0] - scored[1][0] >= _CLEAR_MARGIN:
        return scored[0][1], scored[0][2]
    codecs_named = " and ".join(sorted(c for _f, _t, c in scored))
    raise IngestError.for_file(
        name,
        f"cannot tell the encoding (it reads as Latin text in {codecs_named}); "
        "save the file as UTF-8 and import it again",
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError.for_file(
            name, f"cannot decode the text as {encoding} (invalid bytes at offset {exc.start})"
        ) from None


def _size(n: int) -> str:
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


# About 2,000 of the most frequent simplified characters (modern news text).
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去"
    "法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点"
    "正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿"
    "原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德"
    "资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交"
    "规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存"
    "未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写"
    "称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房"
    "半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围"
    "江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚"
    "兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范"
    "竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮"
    "宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨"
    "丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢"
    "鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择"
    "寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖"
    "丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄"
    "迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷"
    "诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅"
    "拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗"
    "尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码"
    "赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐"
    "凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰"
    "尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨"
    "递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶"
    "兽饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭"
    "韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗"
    "凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削"
    "岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅"
    "添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌"
    "溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠"
    "竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霉虾斑锡卿冻"
)
# Their traditional forms where they differ (derived once with OpenCC s2t/s2tw).
_COMMON_TRADITIONAL = (
    "丟並亂亞佔來俠倆倉個們倫偉側偵偽傑備傳債傷傾僅僕僞僱價儀億償優儲兇兒內兩冊凍凱別則剛剝創劃劇劉劍劑勁動務勝勞勢勵勸匯區協卻厭厲參"
    "叢吳呂員問啓啟喚喪喫喬單嗎嘆嘗噴噸嚇嚴國圍園圓圖團執堅報場塊塗塵壇壓壞壯壽夠夢夥夾奧奪奮婦媽孫學宮實寧審寫寬寶將專尋對導屆屍層屬"
    "峯島峽崗嶽巖帥師帶幣幫幾庫廟廠廢廣廳張強彈彌彎後徑從徵徹恆悅悶惡惱愛態慘慣慮慶憂憐憑憤憲憶應懲懷懸懼戀戰戲戶拋掃掙掛採揚換揮損搖"
    "搶撥撫撲擁擇擊擋擔據擠擬擴擺擾攔攜攝敗敘敵數斷於時晉暫曉書會東條棄楊業極榮構槍樂樓標樣樹橋機橫檔檢櫃權歐歡歲歷歸殘殲殺殼毀氣汙決"
    "沒況洩涼淚淨淺減測渾湧湯準溝溫溼滅滾滿漁漢漲漸潔潛潤潰澤濃濟灣災為烏無煉煙煩熱燈燒營爐爛爭爲爺爾牀牆牽犧狀狹猶獄獎獨獲獵獸獻現瑪"
    "環產畢畫異當瘋療發皺盜盡監盤盧眾睜確碼礎礙礦祕禍禮稅種稱積穩窩窮競筆節範築簡籌籠籤糧糾紀約紅紋納紐純紙級紛細紹終組結絕絡給統絲經"
    "綜綠維綱網緊緒線緣編緩練縣縫縮縱總績織繞繩繪繳繼續罰罵罷羅羣義習聖聞聯聰聲職聽肅脅脈脣脫腦腫腳腸膚膽臉臘臥臨臺與興舉舊艙艦艱茲莊"
    "華萊萬葉蒼蓋蓮蔣蕩蕭薩藍藝藥蘇蘭處虛號虧蝦蟲衆術衛衝裏補裝裡襲見規視親覺覽觀觸訂計訊討訓記訟訪設許訴診評詞詢試詩話該詳誇認誕誘語"
    "誠誤說誰課調談請論諸諾謀謂講謝謹證識譯議護譽讀變讓豈豐豬貓貝負財貢貧貨貪貫責貴買貸費貼貿賀資賊賓賞賠賢賣賦質賴購賽贊贏趕趙趨跡踐"
    "蹤躍車軌軍軟較載輕輛輝輩輪輯輸轄轉轟辦辭辯農這連進運過達違遙遜遞遠適遲遷選遺邁還邊邏郵鄉鄧鄭鄰醜醫釋針鈴銀銅銳銷鋒鋪鋼錄錢錦錫錯"
    "鍵鍾鎖鎮鏡鐵鑑鑽長門閃閉開閒間閣閱闊關陣陰陳陸陽隊階際隨險隱隸雖雙雜雞離難雲電霧靈靜韋韓響頁頂項順須預頓頗領頭頻顆題額顏願類顧顫"
    "顯風飄飛飯飲飼飽飾養餓餘館馬馮駐駕駛騎騙騰驅驗驚髒體鬥鬧鬱魚魯鮮鳥鳳鳴鴻鵬鷹鹽麗麥麼黃點黨黴齊齒齡龍龐"
)
# Full-width punctuation decodes to itself only under the right codec too.
_COMMON_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉「」『』【】…—·％～"
_COMMON = frozenset(_COMMON_SIMPLIFIED + _COMMON_TRADITIONAL + _COMMON_PUNCTUATION)
