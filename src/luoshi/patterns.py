"""Shared text patterns of official documents (GB/T 9704-2012), as data.

Kept in one place because several stages recognise the same things: a
发文字号 line, a 成文日期, an outline marker, a 文种 at the end of a title.
"""

from __future__ import annotations

from luoshi import lazyre as re
from luoshi.model import MarkerKind

CN_DIGITS = "零〇○一二三四五六七八九十百"

# 发文字号: 机关代字〔年份〕序号号, with whatever bracket the source used; pdftotext and web
# copies put spaces inside (``杭政办函〔2025〕16 号``), and extraction may leave dots where the
# brackets were (``绵府办函．２０１６．１号``). This is the one home of the pattern and its
# normal form; ``\d`` also matches full-width digits, so raw lines are read too.
# ``﹝﹞`` (small form, NFKC of ``〔〕``) and ``〖〗`` appear in web copies and Word files.
# ``„‟`` is what some Word-to-HTML exports print for ``〔〕`` (``国办发„2009‟3号``).
DOC_NUMBER_OPEN = r"[〔\[［【(（﹝〖„]"
DOC_NUMBER_CLOSE = r"[〕\]］】)）﹞〗‟]"
_OPEN, _CLOSE = DOC_NUMBER_OPEN, DOC_NUMBER_CLOSE
_DOT = r"[.．·]"
_YEAR = r"(?:19|20|１９|２０)\d{2}"
# Some issuers and copies print the year with two digits in square brackets (``国发[16]14号``,
# ``川办发〔98〕3号``); round brackets are left alone there (``（16）14号`` is as often an address or a
# room). The century is restored by :func:`expand_short_year`.
SHORT_YEAR_OPEN = r"[〔\[［]"
SHORT_YEAR_CLOSE = r"[〕\]］]"
# Two-digit years at or above this are 19xx, below it 20xx: numbered 公文 of the PRC start in the
# 1950s, and no document dated 2050 or later exists to cite (calibrated on that range, not a corpus).
SHORT_YEAR_PIVOT = 50
# A date or an earlier number may run into the organ code (``2019年3月2日国务院令…``,
# ``一九九八年九月二十三日计价格〔1998〕1810号``, ``…14号国办发〔…〕``): the code does not hold the 年/月/日
# that ends a date (one right after a numeral) nor a 号, nor start with one after a numeral. A 日
# after anything else may open a code (日照's ``日政发``).
_NUMERALS = "0-9０-９〇○零一二三四五六七八九十廿卅"
_CODE_FIRST = rf"(?:(?<![{_NUMERALS}])|(?![年月日号]))(?!号)[\u4e00-\u9fff]"
_CODE_NEXT = rf"(?<![{_NUMERALS}][年月日号])(?<!号)[\u4e00-\u9fff]"
DOC_NUMBER = re.compile(
    rf"(?P<agency>{_CODE_FIRST}(?:{_CODE_NEXT}){{0,15}}?)\s*"
    rf"(?:{_OPEN}\s*(?P<year>{_YEAR})\s*{_CLOSE}|{_DOT}\s*(?P<dotyear>{_YEAR})\s*{_DOT}"
    rf"|{SHORT_YEAR_OPEN}\s*(?P<shortyear>\d{{2}})\s*{SHORT_YEAR_CLOSE})"
    r"\s*(?:第\s*)?(?P<serial>\d{1,5})\s*号"  # ``黔府发〔2018〕第7号``: 第 is not part of the normal form
)
# A paragraph that is only a 发文字号, possibly in brackets (pkulaw exports: ``（余府发〔2012〕3号）``).
# An upward document (请示, 报告) prints its 签发人 on the number's line (GB/T 9704 7.2.4): the
# number at the left and the 签发人 at the right, or the reverse where a layout or an extraction
# put the 签发人 first (``签发人：李明　　临府报〔2025〕4号``).
SIGNER_RE = re.compile(r"签发人\s*[：:]\s*[\u4e00-\u9fff·•\s、，,]{1,40}$")
# Before the number only names (and the 、 or spaces between them) stand after 签发人: a comma
# there is a sentence about the 签发人, not the field.
LEADING_SIGNER = r"签发人\s*[：:]\s*[\u4e00-\u9fff·•\s、]{1,24}?\s*"
DOC_NUMBER_LINE = re.compile(
    rf"^(?:{LEADING_SIGNER})?[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?(?:\s*{SIGNER_RE.pattern[:-1]})?$"
)
# ``人力资源和社会保障部令第26号``, ``国家发展改革委令2017年第1号``: a 令 is numbered without brackets.
ORDER_NUMBER = re.compile(
    rf"(?P<organ>[\u4e00-\u9fff]{{1,24}}?令)\s*(?P<year>(?:{_YEAR}\s*年)?)\s*第\s*(?P<serial>\d{{1,5}})\s*号"
)
# Numbers of the 1950s to 1990s often print the year first, in brackets, before the organ code
# (``(94)财农字第345号``, ``〔94〕财农字第345号``, ``（1990）国办发第12号``); GB/T 9704-1999 moved it behind the
# code. The normal form is that of any number (``财农字〔1994〕345号``). The form ended with the standard,
# so only a 19xx year is read (two digits from SHORT_YEAR_PIVOT up): a bracketed ``(12)`` or ``(2016)``
# before a name is a list item or a note as often.
YEAR_FIRST_NUMBER = re.compile(
    rf"{_OPEN}\s*(?P<year>19\d{{2}}|[5-9]\d)\s*{_CLOSE}\s*(?P<agency>(?:(?!号)[\u4e00-\u9fff]){{2,10}}?)"
    r"\s*(?:第\s*)?(?P<serial>\d{1,5})\s*[号號]"
)
# A 公告's or 通告's number printed without a 机关代字, the year in brackets (``〔2020〕第8号``,
# ``（〔2023〕第25号）``): a county's land-acquisition 公告 series is numbered so. The guide's
# 发文字号 is 机关代字〔年份〕序号号, so such a number is not one; a page heading may print it after
# the title (``甲县人民政府土地征收启动公告〔2020〕第8号``), where DOC_NUMBER would read the title as
# the code.
CODELESS_NUMBER_END = re.compile(rf"[（(]?\s*{_OPEN}\s*{_YEAR}\s*{_CLOSE}\s*(?:第\s*)?\d{{1,5}}\s*号\s*[）)]?$")
# A 令号 on a line of its own, perhaps in brackets: the issuer's code before 令 (``渝府令第 121 号``,
# ``川府令第12号``, a pkulaw export's ``（国务院令第588号）`` under the title), not its full name.
ORDER_NUMBER_LINE = re.compile(rf"^[（(]?\s*(?P<number>{ORDER_NUMBER.pattern})\s*[）)]?$")


def order_number_line(text: str) -> str | None:
    """The normal form of the 令号 when ``text`` is one (:data:`ORDER_NUMBER_LINE`), else None."""
    m = ORDER_NUMBER_LINE.match(text) if "令" in text and text.rstrip("）)").endswith("号") else None
    return normalize_doc_number(m.group("number")) if m else None


# Above a gazette document's title: the gazette's own head or issue (``临川市人民政府公报``,
# ``2024年第1期``) and the 版记 of the document before (``临川市人民政府办公室 2024年1月6日印发``).
# Neither is ever part of a title; the cleaner keeps each a paragraph of its own.
GAZETTE_HEAD_RE = re.compile(r"^[^，。；：]{2,20}(?:公报|政报|公报\d{4}年第\d{1,3}期)$|^\d{4}年第\d{1,3}期$")
PRINTED_ON_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")


def expand_short_year(year: str) -> int:
    """``16`` → 2016, ``98`` → 1998 (:data:`SHORT_YEAR_PIVOT`); a four-digit year as it is."""
    value = int(year)
    if len(year) == 2:
        value += 1900 if value >= SHORT_YEAR_PIVOT else 2000
    return value


def format_doc_number(m: re.Match[str]) -> str:
    """The normal form of a ``DOC_NUMBER`` match: ``机关代字〔年份〕序号号``, half-width digits."""
    year = m.group("year") or m.group("dotyear") or m.group("shortyear")
    return f"{m.group('agency')}〔{expand_short_year(year)}〕{int(m.group('serial'))}号"


def normalize_doc_number(text: str) -> str | None:
    """``川办发[2016]14号`` → ``川办发〔2016〕14号``; None when ``text`` is not one number."""
    text = re.sub(r"\s+", "", text or "")
    m = DOC_NUMBER.fullmatch(text)
    if m:
        return format_doc_number(m)
    m = YEAR_FIRST_NUMBER.fullmatch(text)
    if m:
        return f"{m.group('agency')}〔{expand_short_year(m.group('year'))}〕{int(m.group('serial'))}号"
    m = ORDER_NUMBER.fullmatch(text)
    if m:
        year = re.sub(r"\s", "", m.group("year"))
        if year:
            year = f"{int(year[:-1])}年"
        return f"{m.group('organ')}{year}第{int(m.group('serial'))}号"
    return None


# A 发文字号 line whose closing bracket and 号 a page's export dropped (a Word file saved as HTML
# loses the glyphs of one font: ``浦府〔20221`` for 浦府〔2022〕1号, ``牟政办发〔201746``): the code, an
# opening bracket of the square kinds, the four-digit year and the serial, nothing else on the line.
MANGLED_NUMBER_LINE = re.compile(
    rf"^(?P<agency>[\u4e00-\u9fff]{{1,16}})\s*[〔\[［【﹝〖]\s*(?P<year>{_YEAR})\s*(?P<serial>\d{{1,5}})$"
)


def mangled_doc_number(text: str) -> str | None:
    """The normal form of a :data:`MANGLED_NUMBER_LINE` (the guide: a number extraction mangled is
    restored), else None."""
    if not text[-1:].isdigit() or (m := MANGLED_NUMBER_LINE.match(text)) is None:
        return None
    return f"{m.group('agency')}〔{int(m.group('year'))}〕{int(m.group('serial'))}号"


# Traditional script (a 香港/台湾-style copy, or a simplified page run through a converter): the
# header reads the words of GB/T 9704 (关于, 印发, 文种, organ words, 主送 groups, page keys) on a
# copy of each paragraph with these characters folded one for one to the simplified forms, so
# every position stays where it was and each field is taken back from the printed text (the
# header's ``_Unfold``). Only characters that simplified text never prints are listed, so a
# simplified text folds to itself. The 发文字号 keeps its code as printed but for 号 and 国
# (:data:`TRADITIONAL_NUMBER_CHARS`), the references' normal form too.
# Traditional and simplified side by side: numbers and 关于 words, 文种, organ words, 主送 groups, page keys.
_TRADITIONAL = (
    "號國關於發轉頒佈貫徹執實"
    "見決辦規劃報復紀請細則點議條綱計"
    "廳員會處團協聯黨組織單機構業學門鄉鎮區們"
    "給現將當時間來簽務縣題標導經濟開環衛財專級園廣"
    "類數瀏覽屬種畫"
)
_SIMPLIFIED = (
    "号国关于发转颁布贯彻执实"
    "见决办规划报复纪请细则点议条纲计"
    "厅员会处团协联党组织单机构业学门乡镇区们"
    "给现将当时间来签务县题标导经济开环卫财专级园广"
    "类数浏览属种划"  # 計畫 (a Taiwan-style 计划) read as 计划
)
# The words the extractors read (责任单位, 牵头, 负责, 达到, 万, 亿, 以内, 个, 户, 亩, 完成时限, …) and
# the common characters of policy text around them, as pairs traditional-simplified: the tasks
# and targets are read on the fold too (``luoshi.traditional``). A character that GB2312 (the
# simplified character set) encodes is left out, as simplified text may print it (後, 徵);
# ``tests/pipeline/documents/test_traditional_fold.py`` holds the list to that.
_EXTRACTION_PAIRS = (
    "責责 牽牵 頭头 負负 職职 參参 與与 調调 進进 設设 體体 長长 達达 萬万 億亿 減减 "
    "內内 過过 個个 戶户 畝亩 應应 優优 質质 總总 動动 產产 節节 傳传 統统 農农 醫医 "
    "療疗 險险 養养 網网 絡络 資资 訊讯 電电 書书 記记 邊边 齊齐 準准 確确 認认 識识 "
    "證证 權权 歸归 義义 稅税 費费 價价 錢钱 銀银 貸贷 營营 項项 預预 續续 檢检 測测 "
    "驗验 監监 領领 層层 轄辖 東东 遼辽 寧宁 龍龙 陝陕 肅肃 貴贵 雲云 蘇苏 閩闽 贛赣 "
    "魯鲁 粵粤 瓊琼 臺台 灣湾 晉晋 滬沪 張张 陽阳 濱滨 橋桥 島岛 際际 範范 彙汇 結结 "
    "維维 護护 穩稳 態态 勢势 狀状 況况 積积 極极 災灾 難难 貧贫 幫帮 強强 壯壮 選选 "
    "舉举 聽听 說说 話话 語语 讀读 課课 試试 問问 訪访 談谈 論论 評评 詳详 讓让 謀谋 "
    "諮咨 詢询 譜谱 軍军 隊队 陸陆 鐵铁 鋼钢 礦矿 氣气 熱热 燈灯 爐炉 車车 輛辆 運运 "
    "輸输 載载 軌轨 輪轮 軟软 較较 輕轻 郵邮 遞递 遠远 違违 還还 這这 適适 鄰邻 陳陈 "
    "隨随 陣阵 階阶 隱隐 雜杂 雙双 離离 須须 順顺 頻频 顯显 風风 飛飞 飲饮 飯饭 館馆 "
    "餘余 馬马 驅驱 髮发 鬥斗 魚鱼 鳥鸟 鹽盐 麥麦 黃黄 齡龄 為为 無无 從从 對对 並并 "
    "併并 倉仓 備备 傷伤 儀仪 兒儿 兩两 劑剂 勞劳 勵励 勸劝 厲厉 嚴严 圍围 圖图 場场 "
    "壓压 壞坏 壇坛 壽寿 夠够 奮奋 奪夺 婦妇 孫孙 寶宝 審审 寫写 尋寻 屆届 嶺岭 帶带 "
    "師师 幣币 幹干 庫库 廢废 廠厂 彈弹 徑径 恆恒 惡恶 愛爱 慣惯 慶庆 憲宪 懲惩 戰战 "
    "戲戏 擁拥 擇择 擊击 據据 擴扩 擬拟 攜携 敗败 敵敌 斷断 曆历 歷历 暫暂 棄弃 樣样 "
    "樹树 橫横 檔档 歡欢 歲岁 殘残 殺杀 毀毁 漢汉 沒没 潔洁 濕湿 烏乌 煙烟 爭争 牆墙 "
    "獎奖 獨独 獲获 畢毕 異异 盡尽 盤盘 眾众 礎础 碼码 禮礼 禍祸 稱称 窮穷 競竞 筆笔 "
    "築筑 簡简 糧粮 緊紧 約约 紅红 純纯 紙纸 終终 絕绝 綜综 綠绿 緒绪 線线 編编 練练 "
    "縮缩 績绩 繼继 罰罚 聲声 脫脱 腦脑 興兴 艱艰 藝艺 藥药 補补 裝装 製制 複复 視视 "
    "覺觉 親亲 觀观 訂订 討讨 訓训 許许 詞词 該该 誠诚 誤误 諸诸 謝谢 譯译 變变 貨货 "
    "貿贸 賓宾 賠赔 購购 贊赞 趕赶 趨趋 跡迹 踐践 輔辅 連连 週周 遷迁 遺遗 釋释 針针 "
    "鋪铺 錄录 鍵键 閉闭 閒闲 閱阅 闊阔 係系 倫伦 偉伟 側侧 債债 傾倾 僅仅 儲储 償偿 "
    "兌兑 剛刚 創创 劇剧 勝胜 華华 卻却 啟启 圓圆 塊块 墾垦 壩坝 岡冈 峽峡 崗岗 廈厦 "
    "慮虑 憑凭 憶忆 懷怀 捨舍 掃扫 掛挂 採采 揚扬 換换 損损 搶抢 撥拨 擔担 擾扰 攝摄 "
    "暢畅 曉晓 棟栋 榮荣 樂乐 樓楼 欄栏 殯殡 汙污 湧涌 溝沟 滅灭 滯滞 漲涨 漁渔 潛潜 "
    "澤泽 濫滥 灘滩 煉炼 燒烧 爾尔 犧牺 盜盗 矯矫 礙碍 禦御 穀谷 籌筹 糾纠 紹绍 絲丝 "
    "緩缓 繳缴 羅罗 習习 聞闻 臨临 舊旧 莊庄 葉叶 蓋盖 薦荐 藍蓝 蘭兰 蟲虫 衝冲 裡里 "
    "觸触 託托 訴诉 診诊 誌志 諾诺 講讲 譽誉 豐丰 豬猪 貝贝 貢贡 販贩 貼贴 賀贺 賞赏 "
    "賣卖 賦赋 賬账 賽赛 贈赠 贏赢 趙赵 躍跃 辭辞 遲迟 邁迈 邏逻 鄭郑 銅铜 銷销 鋒锋 "
    "錦锦 錯错 鎖锁 鏈链 鐘钟 鑑鉴 鑒鉴 閣阁 閥阀 闡阐 陰阴 隻只 雖虽 霧雾 靈灵 頁页 "
    "頂顶 頓顿 顏颜 願愿 顧顾 颱台 飼饲 飾饰 饋馈 饑饥 駐驻 駕驾 騰腾 驚惊 鬆松 鬧闹 "
    "鮮鲜 麗丽 靜静 響响 額额 雞鸡 闆板 爲为"
).split()
_TRADITIONAL += "".join(pair[0] for pair in _EXTRACTION_PAIRS)
_SIMPLIFIED += "".join(pair[1] for pair in _EXTRACTION_PAIRS)
TRADITIONAL_FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
TRADITIONAL_CHAR = re.compile(f"[{_TRADITIONAL}]")
TRADITIONAL_NUMBER_CHARS = str.maketrans({"號": "号", "國": "国"})


def fold_traditional(text: str) -> str:
    """``text`` with :data:`TRADITIONAL_FOLD` applied (the same length), or ``text`` itself."""
    return text.translate(TRADITIONAL_FOLD) if TRADITIONAL_CHAR.search(text) else text


def doc_number_in(text: str) -> str | None:
    """The normal form of the first 发文字号 in ``text``, if any."""
    m = DOC_NUMBER.search(text) if "号" in text else None  # every number ends with 号
    return format_doc_number(m) if m else None


# 成文日期 on a paragraph of its own: ``2016年3月4日``, ``二○一二年一月九日``.
_CN_NUM = rf"[{CN_DIGITS}]"
# A year in Chinese numerals typed with a letter or a digit for its zero (``二O二四``, ``二0二四``).
ZERO_LOOKALIKES = "OoＯｏ0"
_CN_YEAR_CHAR = rf"[{CN_DIGITS}{ZERO_LOOKALIKES}]"
# Dates in Chinese numerals also use the calendar's own words: 元月 for 一月, 廿 for 二十 and 卅
# for 三十 in the day (``二〇二五年元月廿一日``).
_CN_MONTH = rf"元|{_CN_NUM}{{1,3}}"
_CN_DAY = rf"[{CN_DIGITS}廿卅]{{1,4}}"
DATE_LINE = re.compile(
    rf"^(?P<y>\d{{4}}|{_CN_YEAR_CHAR}{{4}})\s*年\s*(?P<m>\d{{1,2}}|{_CN_MONTH})\s*月\s*(?P<d>\d{{1,2}}|{_CN_DAY})\s*日$"
)

_CN_VALUE = {
    "零": 0,
    "〇": 0,
    "○": 0,
    **dict.fromkeys(ZERO_LOOKALIKES, 0),
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


# Tens written as one character: 廿 = 二十, 卅 = 三十 (``廿五`` = 25, ``卅一`` = 31).
_TENS_CHARS = {"廿": "二十", "卅": "三十"}


_ONE_TO_NINE = "一二三四五六七八九"


def cn_small_numeral(n: int) -> str:
    """``n`` (1–99) in Chinese numerals as an outline marker writes it (一, 十, 十二, 二十, 二十三):
    the inverse of :func:`cn_small_number` on that range."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else "十" if tens == 1 else _ONE_TO_NINE[tens - 1] + "十"
    return head + (_ONE_TO_NINE[ones - 1] if ones else "")


def cn_small_number(text: str) -> int | None:
    """Value of a small number written in digits or Chinese numerals (``十二``, ``三十一``, ``二○一二``,
    ``廿五``)."""
    if text.isdigit():
        return int(text)
    if "廿" in text or "卅" in text:
        if text.count("廿") + text.count("卅") > 1 or text[0] not in _TENS_CHARS or "十" in text:
            return None  # one tens character, first (廿五, 卅): not 二廿, 廿十 or 廿卅
        text = _TENS_CHARS[text[0]] + text[1:]
    if not text or any(ch not in _CN_VALUE and ch not in "十百" for ch in text):
        return None
    if "十" not in text and "百" not in text:
        # Digit by digit, as years are written: 二○一二.
        return int("".join(str(_CN_VALUE[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUE[ch]
    return total + current


def parse_date_line(text: str) -> str | None:
    m = DATE_LINE.match(text)
    if not m:
        return None
    y, d = cn_small_number(m.group("y")), cn_small_number(m.group("d"))
    mo = 1 if m.group("m") == "元" else cn_small_number(m.group("m"))
    if y is None or mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# 文种 at the end of a title, longest first; the value is the genre the contract wants.
GENRES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "意见": "意见",
            "通知": "通知",
            "决定": "决定",
            "办法": "办法",
            "方案": "方案",
            "规划": "规划",
            "报告": "报告",
            "批复": "批复",
            "函": "函",
            "公告": "公告",
            "通告": "通告",
            "通报": "通报",
            "纪要": "纪要",
            "请示": "请示",
            "规定": "规定",
            "细则": "细则",
            "措施": "措施",
            "要点": "要点",
            "决议": "决议",
            "命令": "命令",
            "议案": "议案",
            "公报": "公报",
            "条例": "条例",
            "纲要": "纲要",
            "计划": "计划",
            "规则": "规则",
            "指引": "指引",
            "令": "令",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)


# ``……办法（试行）``: the 文种 stands before a trailing bracket of up to 8 characters.
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]{1,8}[）)]$")


_GENRE_WORDS = tuple(word for word, _ in GENRES)
# What a text ``genre_of`` names can end with: a 文种's last character, or what it strips first
# (a trailing bracket, one final newline).
_GENRE_LAST_CHARS = frozenset(word[-1] for word in _GENRE_WORDS) | frozenset("）)\n")


def genre_of(title: str) -> str | None:
    """The 文种 that ends ``title`` (longest word first), as the contract names it."""
    # ``_GENRE_AT_END.search`` tried every position of the text; the leftmost match of a ``$``-anchored
    # alternation is the longest word the text ends with (``$`` also before one final newline).
    if title[-1:] not in _GENRE_LAST_CHARS:
        return None  # most texts: the last character ends no 文种, no bracket, no newline
    text = _TRAILING_BRACKET.sub("", title) if title.endswith(_BRACKET_ENDS) else title
    if text.endswith("\n"):
        text = text[:-1]
    if not text.endswith(_GENRE_WORDS):
        return None
    for word, genre in GENRES:
        if text.endswith(word):
            return genre
    return None


_BRACKET_ENDS = ("）", ")", "）\n", ")\n")  # what ``_TRAILING_BRACKET`` can end with

# A whole title may also end with a period or a revision in brackets after its 文种
# (``……行动方案（2023—2025年）``, ``……工作规则（2019年11月修订）``: 9 to 12 characters). Only the
# title as a whole is read so: a title *line* ending that way may go on (``……建设规划（2015-2020）``
# / ``任务分工实施方案的通知``), so line-by-line reading keeps :func:`genre_of`.
_LONG_TRAILING_BRACKET = re.compile(r"[（(][^（()）]{9,12}[）)]$")


def title_genre(title: str) -> str | None:
    """The 文种 of a whole title: :func:`genre_of`, or the 文种 before a period or revision bracket."""
    genre = genre_of(title)
    if genre is None and title.endswith(_BRACKET_ENDS) and (m := _LONG_TRAILING_BRACKET.search(title)):
        genre = genre_of(title[: m.start()])
    return genre


# Words a title uses to say it forwards or issues another document.
FORWARD_VERBS = ("印发", "转发", "批转", "颁发", "发布")
FORWARD_TITLE = re.compile(r"(?:关于)?(?P<verb>印发|转发|批转|颁发|发布)(?P<inner>.+?)(?:的)?(?:通知|决定)$")


# An organisation name as signed or addressed ends with an organ word (GB/T 9704 发文机关署名).
ORGAN_END = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|署|院|会|处|室|行|社|办|中心|集团|协会|联合会|党工委|组织部|管委会|小组)$"
)
# A 主送 line also names groups of addressees: ``有关单位``, ``各区属国企``, ``各高等院校``.
ADDRESSEE_END = re.compile(rf"(?:{ORGAN_END.pattern[:-1]}|单位|机构|企业|国企|院校|学校|高校|部门|街道|乡镇|镇|社区)$")


# Bullets that open a list item (``●经济增长6%左右``: a report digest's goals, a page's key points):
# a line starting with one is a paragraph of its own (the cleaner), and no indicator starts with
# one (targets). The middle dots ``·•`` are not bullets: they join the parts of a transcribed name
# (``阿卜杜拉·买买提``), which may wrap.
BULLETS = "●○◆◇■□▲△▶►★☆▪"


# Outline markers (GB/T 9704 一、 → （一） → 1. → （1）, rules' 第一章/第一条, lists' ①), the
# one table the cleaner (a marker starts a paragraph), the page-body cutter and the outline
# read. Each entry captures the bare numeral as ``n``. PDF layers from some producers put
# spaces inside the brackets (``( 一)``, ``（ 1 ）``); digits may still be full-width when
# the cleaner looks at a raw line.
_CN_MARK = "一二三四五六七八九十百零〇"
ENCLOSED_NUMERALS = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
CIRCLED_NUMERALS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
OUTLINE_MARKERS: tuple[tuple[MarkerKind, str], ...] = (
    (MarkerKind.PART, rf"第(?P<n>[{_CN_MARK}]+)部分"),
    (MarkerKind.CHAPTER, rf"第(?P<n>[{_CN_MARK}]+)章"),
    (MarkerKind.SECTION, rf"第(?P<n>[{_CN_MARK}]+)节"),
    (MarkerKind.ARTICLE, rf"第(?P<n>[{_CN_MARK}]+)条"),
    (MarkerKind.CN, rf"(?P<n>[{_CN_MARK}]+)、"),
    (MarkerKind.PAREN_CN, rf"[（(]\s?(?P<n>[{_CN_MARK}]+)\s?[）)]"),
    (MarkerKind.PAREN_CN, rf"(?P<n>[{ENCLOSED_NUMERALS}])"),
    # ``1﹒`` (U+FE52, the small full stop some page editors put after an item number) as ``1.``
    (MarkerKind.ARABIC, r"(?P<n>[0-9０-９]{1,3})\s*[.．﹒、](?![0-9０-９])"),
    (MarkerKind.PAREN_ARABIC, r"[（(]\s?(?P<n>[0-9０-９]{1,3})\s?[）)]"),
    (MarkerKind.CIRCLED, rf"(?P<n>[{CIRCLED_NUMERALS}])"),
)


# Every outline marker's first character (each fragment above starts with one of these): a text
# opening with anything else opens with no marker (``tests/pipeline/speed/test_clean_shortcuts.py`` checks it
# against every character).
OUTLINE_MARKER_FIRST = frozenset(
    "第" + _CN_MARK + "（(" + ENCLOSED_NUMERALS + "0123456789０１２３４５６７８９" + CIRCLED_NUMERALS
)


def outline_marker_alternation(leave_out: frozenset[MarkerKind] = frozenset()) -> str:
    """All markers (but the kinds in ``leave_out``) as one regex alternation without capture
    groups (for ``^(?:…)`` tests)."""
    return "|".join(re.sub(r"\(\?P<n>", "(?:", frag) for kind, frag in OUTLINE_MARKERS if kind not in leave_out)


# A table row copied from a web page writes bars between its cells (``序号 | 目标与任务 | 牵头单位 |``):
# at least this many bars, each spaced or at a line end, make a row; two bars are a sentence's
# ``A | B`` or a slogan, and a menu joins words with bare bars (``首页|政务公开``). Calibrated on the
# pipe rows of real 分解表 pages (4–6 columns, every cell closed by ``|``) and the corpus's HTML
# menus. One count for the cleaner (a bar row is a line of its own) and the task reader (its cells).
PIPE_ROW_MIN_BARS = 3


# An annex label on a line of its own (``附件``, ``附件1``, ``附件二：``, GB/T 9704 7.3.7): the line after
# it is the annex's title. Shared by the task reader (where an annex starts) and the target reader
# (the year an annex's title names).
ANNEX_HEAD_RE = re.compile(r"^附件\s*[0-9一二三四五六七八九十]{0,3}\s*[：:]?$")
