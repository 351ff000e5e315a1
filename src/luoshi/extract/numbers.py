"""Quantities in clean text: a number, its magnitude word and its unit.

A quantity is what a target commits to (``1000亿元``, ``3-5个``, ``90%``,
``10亿千瓦``, ``三成``). This module only reads quantities; deciding whether
one is a commitment is :mod:`luoshi.extract.targets`' job, which is why the
finder also reports durations (``5年``), names (``4G``) and bare digits: the
caller needs to see them to reject them.

Chinese numerals (``三百五十``, ``二十万``) are converted with ``cn2an``, the
pinned library for this; it is imported on first use because importing it
costs about a second and most documents never need it. Arabic numbers with a
magnitude word (``1.2亿``) are computed here with :class:`~decimal.Decimal`
so that ``1.2亿`` is exactly ``120000000`` rather than a float artefact; cn2an
would also accept them but returns floats with binary rounding noise.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import msgspec

from luoshi import lazyre as re

# Magnitude words and their power of ten. ``千`` is not a magnitude before a
# unit that starts with it (``千瓦``, ``千米``, ``千克``, ``千伏``): 10亿千瓦 is 1e9 kW.
MAGNITUDES: dict[str, int] = {
    "万亿": 12,
    "千亿": 11,
    "百亿": 10,
    "亿": 8,
    "千万": 7,
    "百万": 6,
    "万": 4,
    "千": 3,
}

# Units that may follow a number, longest first where one is a prefix of
# another. The value is the unit as reported (``元人民币`` → ``元``). The
# contract's list (``%``, ``元``, ``亩``, ``亩次``, ``人次``, ``个``, ``M``,
# ``公里``, ``处``, ``块``, ``所``, ``家``, ``张``) plus common measure words.
COUNT_UNITS: tuple[str, ...] = (
    "个",
    "处",
    "块",
    "所",
    "家",
    "张",
    "片",
    "支",
    "名",
    "人次",
    "户次",
    "亩次",
    "台次",
    "架次",
    "人",
    "户",
    "项",
    "座",
    "台",
    "套",
    "辆",
    "条",
    "种",
    "件",
    "部",
    "间",
    "栋",
    "艘",
    "架",
    "只",
    "头",
    "株",
    "本",
    "册",
    "篇",
    "场",
    "批",
    "类",
    "款",
    "对",
    "起",  # incidents (``较大事故控制在18起以内``)
    "门",  # courses (``300门左右省级创新创业教育特色示范课程``)
    "盏",  # lamps (``安装太阳能路灯1000盏``)
)
MEASURE_UNITS: tuple[str, ...] = (
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "方",  # cubic metres as the trade says them (``新增冷链仓储库容50万方``, ``清淤20万方``)
    "千瓦时",
    "千瓦",
    "兆瓦",
    "千伏安",  # a transformer's capacity (``新增变电容量120万千伏安``), not a voltage
    "千米",
    "公里",
    "公顷",
    "千克",
    "公斤",
    "斤",
    "毫米",
    "厘米",
    "毫克",
    "微克",
    "毫升",
    "升",
    "克",
    "吨",
    "亩",
    "米",
    "元人民币",
    "人民币",
    "美元",
    "元",
    "倍",
    "百分点",
    "个百分点",
    "M",
    "兆",
)
# Time and frequency units: a quantity in these is a duration, an age, a
# frequency or a score, never a target (guide: durations are parameters).
NON_TARGET_UNITS: tuple[str, ...] = (
    "个工作日",
    "工作日",
    "个月",
    "小时",
    "分钟",
    "周岁",
    "学年",
    "年",
    "月",
    "日",
    "天",
    "周",
    "岁",
    "次",
    "分",
    "秒",
    "级",
    "期",
    "届",
    "轮",
    "强",
    "星",
    # A voltage is the class that names a line or a substation (``改造升级10千伏线路16.66公里``,
    # ``新建110千伏变电站2座``), never an amount to reach; ``千`` is no magnitude before it.
    "千伏",
    "伏",
)
# ``个百分点`` stays as written: the contract's unit is what follows the number (gold: ``个百分点``).
UNIT_ALIASES: dict[str, str] = {"元人民币": "元", "人民币": "元"}


def prefix_alternation(words: set[str] | tuple[str, ...]) -> str:
    """A pattern for ``words`` that matches as their longest-first alternation does, factored
    by prefix (a trie: ``平方(?:公里|米)``…).

    At a position the words that match are prefixes of one another; both forms try them
    longest first (also when the engine backtracks), so they match the same. The plain form
    tries each of ~100 units in turn at every number; this one reads one character per level.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        # A word ends here: the longer ones first, then the end (an optional group is greedy).
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"

    return emit(tree)


_UNITS_ALT = prefix_alternation({*COUNT_UNITS, *MEASURE_UNITS, *NON_TARGET_UNITS})
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# A Chinese numeral: digits and small magnitudes, ``千`` not when it starts 千瓦/千米/千伏….
_CN_NUM = rf"(?:[零〇一二两三四五六七八九十百]|千(?![瓦米克伏])|[万亿](?=[{_CN_DIGITS}]))+"
_AR_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MAG = r"(?:万亿|千亿|百亿|亿|千万|百万|万|千(?![瓦米克伏]))"
_MORE = r"[多余]"
_RANGE_SEP = r"(?:——|—|–|-|－|~|～|至|到)"

# A share written as a fraction word: ``三分之一`` (of 100 %), ``千分之四点五`` (per mille);
# ``一半``/``半数`` is 50 %, ``过半`` more than that.
FRACTION_DENOMINATORS: dict[str, int] = {ch: n for n, ch in enumerate("二三四五六七八九十", start=2)}
HALF_WORDS: tuple[str, ...] = ("一半", "半数", "过半")
HALF_PERCENT = 50

# One quantity: number (Arabic or Chinese), optional 多, magnitude, 多, a
# range to a second number, then a percent sign or a unit. ``百分之三十`` and
# ``三成`` are percentages written out (fractions and halves: FRACTION_RE).
QUANTITY_RE = re.compile(
    rf"""
    (?=[\d{_CN_DIGITS}])  # every match starts so (百 of 百分之, a numeral): the engine skips the rest fast
    (?:
    (?P<pct_cn>百分之(?P<pct_num>{_CN_NUM}(?:点[零〇一二三四五六七八九]+)?))
    |
    (?P<num>{_AR_NUM}|{_CN_NUM})
    (?P<more1>{_MORE})?
    (?P<mag>{_MAG})?
    (?P<unit1>%|‰)?
    (?:
        {_RANGE_SEP}
        (?P<num2>{_AR_NUM}|{_CN_NUM})
        (?P<mag2>{_MAG})?
    )?
    (?P<more2>{_MORE})?
    (?P<unit>%|‰|成|(?!方[面案式向]){_UNITS_ALT})?  # (``3方面``: aspects, no cubic metres)
    (?:/(?:(?P<per_scale>[万百千])?(?P<per>{_UNITS_ALT})|(?P<per_base>(?:10|100|1000|十|百|千)?万)))?
    )
    """,
    re.VERBOSE,
)

# Fractions and halves, read by their own pattern, run only on text that holds ``分之`` or ``半``
# (alternatives of QUANTITY_RE would be tried at every numeral of every clause).
FRACTION_RE = re.compile(
    rf"(?P<frac>(?P<frac_den>千|[二三四五六七八九十])分之(?P<frac_num>{_CN_NUM}(?:点[零〇一二三四五六七八九]+)?))"
    rf"|(?P<half>{'|'.join(HALF_WORDS)})"
)

_IS_ARABIC = re.compile(r"[\d.,]+")


class Quantity(msgspec.Struct, frozen=True):
    """A number read from text, with offsets relative to the searched string.

    ``value`` has the magnitude applied; ``value_max`` is set for a range.
    ``more`` marks ``5000多亿元`` (more than). ``chinese`` marks a number
    written in Chinese numerals, which the caller trusts less (``十三五``,
    ``一带一路`` are names).
    """

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    magnitude: str
    more: bool
    chinese: bool
    surface: str

    @property
    def is_range(self) -> bool:
        return self.value_max is not None


@cache
def _cn2an():
    """Import cn2an on first use (the import takes about a second)."""
    import cn2an

    return cn2an


# Single-character numerals, read without a library call: they are most of the
# Chinese numerals in a document (``三级``, ``一批``) and almost never targets.
_CN_SINGLE: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
}  # fmt: skip


@lru_cache(maxsize=4096)
def chinese_to_number(text: str) -> Decimal | None:
    """``三百五十`` → 350, ``二十万`` → 200000, ``两`` → 2; None if not a numeral.

    Cached: a document repeats the same few numerals, and cn2an is slow to
    reject a non-numeral (``十三五``) because it raises.
    """
    if text in _CN_SINGLE:
        return Decimal(_CN_SINGLE[text])
    if not text or any(ch not in _CN_DIGITS + "点" for ch in text):
        return None
    if text[0] in "百千万":
        text = "一" + text  # ``百场``, ``千人``: one hundred, one thousand (cn2an needs the 一)
    try:
        value = _cn2an().cn2an(text, "smart")
    except Exception:  # cn2an raises its own ValueError subclasses and bare Exceptions
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def to_number(text: str) -> Decimal | None:
    """An Arabic (``1,000``, ``0.6``) or Chinese (``三十``) number, or None."""
    if not text:
        return None
    if _IS_ARABIC.fullmatch(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    return chinese_to_number(text)


def _as_float(value: Decimal) -> float:
    """Whole numbers stay whole; others go through str so 1.2e8 is exact."""
    return float(value)


def _scaled(number: str, magnitude: str | None) -> Decimal | None:
    base = to_number(number)
    if base is None:
        return None
    if magnitude:
        base = base * (Decimal(10) ** MAGNITUDES[magnitude])
    return base


def find_quantities(text: str, chinese: bool = True) -> list[Quantity]:
    """Every quantity in ``text``, left to right, never overlapping.

    A lone Chinese numeral with no magnitude, unit or percent (``一`` in
    ``统一``) is skipped: it is a word, not a quantity. With ``chinese=False``
    Chinese numerals are skipped altogether, so a caller that cannot use them
    here (``十三五``, ``三级``) does not pay for converting them.
    """
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        if not chinese and not (m.group("num") or "0")[0].isdigit():
            continue
        quantity = _read(m)
        if quantity is not None:
            out.append(quantity)
    if "分之" in text or "半" in text:
        words = list(FRACTION_RE.finditer(text))
        if words:
            # (a fraction word is no other quantity, a share or not: ``三分之五`` is not ``三分``)
            out = [q for q in out if not any(w.start() < q.end and q.start < w.end() for w in words)]
            shares = [q for q in map(_fraction, words) if q is not None]
            out = sorted(out + shares, key=lambda q: q.start)
    return out


def _fraction(m: re.Match[str]) -> Quantity | None:
    """``三分之一`` → 33.3… %, ``千分之四点五`` → 4.5 ‰, ``一半`` → 50 % (``过半``: more than 50 %).

    Not marked ``chinese``: a fraction word is never a name (``十三五``), so it is read as a
    percentage written in digits is."""
    if m.group("half"):
        surface = m.group("half")
        return Quantity(m.start(), m.end(), float(HALF_PERCENT), None, "%", "", surface == "过半", False, surface)
    part = chinese_to_number(m.group("frac_num"))
    if part is None:
        return None
    den = m.group("frac_den")
    if den == "千":
        return Quantity(m.start(), m.end(), _as_float(part), None, "‰", "", False, False, m.group())
    if part >= FRACTION_DENOMINATORS[den]:
        return None  # ``三分之五``: not a share
    value = Decimal(100) * part / FRACTION_DENOMINATORS[den]
    return Quantity(m.start(), m.end(), _as_float(value), None, "%", "", False, False, m.group())


def _read(m: re.Match[str]) -> Quantity | None:
    if m.group("pct_cn"):
        value = chinese_to_number(m.group("pct_num"))
        if value is None:
            return None
        return Quantity(m.start(), m.end(), _as_float(value), None, "%", "", False, True, m.group())
    num = m.group("num")
    chinese = not num[0].isdigit()
    unit = m.group("unit1") or m.group("unit") or ""
    if m.group("per") and m.group("unit"):
        # ``35微克/立方米``; a density per a scaled area: ``507公里/万平方公里``, ``5公里/百平方公里``
        unit = f"{UNIT_ALIASES.get(unit, unit)}/{m.group('per_scale') or ''}{m.group('per')}"
    elif m.group("per_base") and not unit:
        unit = f"/{m.group('per_base')}"  # a rate per population: ``孕产妇死亡率…10/10万``
    mag, mag2 = m.group("mag"), m.group("mag2")
    end = m.end()
    if m.group("num2") is not None and (m.group("unit1") or "") not in ("", unit):
        return None  # ``6.5%-7‰``: not one range
    if chinese and not (unit or mag or m.group("num2")):
        return None
    if chinese and not num.strip("万亿"):
        return None  # ``万亿级``: magnitude words with no numeral are a scale, not a number
    if chinese and m.group("num2") and not unit:
        return None  # ``三五`` style word pairs
    # A range with the magnitude on the second number only applies it to both: 3-5万人.
    low = _scaled(num, mag or mag2)
    if low is None:
        return None
    high = None
    if m.group("num2") is not None:
        high = _scaled(m.group("num2"), mag2 or mag)
        if high is None:
            return None
        if high < low:
            # ``2016-20`` style: not a range; keep the first number only, with no unit.
            return _plain(m, num, mag, chinese)
    if unit == "成":
        low = low * 10
        high = high * 10 if high is not None else None
        unit = "%"
    unit = UNIT_ALIASES.get(unit, unit)
    return Quantity(
        start=m.start(),
        end=end,
        value=_as_float(low),
        value_max=_as_float(high) if high is not None else None,
        unit=unit,
        magnitude=mag or mag2 or "",
        more=bool(m.group("more1") or m.group("more2")),
        chinese=chinese,
        surface=m.group()[: end - m.start()],
    )


def _plain(m: re.Match[str], num: str, mag: str | None, chinese: bool) -> Quantity | None:
    """The first number of a failed range, with no unit (the caller will reject it)."""
    value = _scaled(num, mag)
    if value is None:
        return None
    end = m.end("mag") if mag else m.end("num")
    return Quantity(m.start(), end, _as_float(value), None, "", mag or "", False, chinese, m.group()[: end - m.start()])
