"""Time phrases and the deadline (ISO date) each one sets.

A target's deadline is the last day of the period it is due in (contract):
``到2018年`` and ``到2018年底`` → 2018-12-31, ``2019年6月底前`` → 2019-06-30,
``到十三五期末`` → 2020-12-31, ``通过5年努力`` counted from the document's
year. Phrases that start something (``从2019年起``) or recur (``每年``) set no
deadline, and a year before the document's year (bare or ``截至``) describes the past; the
caller needs to see those too, so every phrase is returned with its kind.
"""

from __future__ import annotations

import msgspec

from luoshi import lazyre as re

# Five-year plans by their Chinese ordinal: the plan ends in this year.
PLAN_END_YEAR: dict[str, int] = {
    "十五": 2005,
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
}

# Words before a date that make it a deadline (by then) or a start (from then).
DEADLINE_PREFIXES = ("到", "至", "截至", "截止到", "截止", "力争到", "争取到")
START_PREFIXES = ("从", "自")
# ``以来`` after a date: since then up to now (the past, not a start: ``今年以来，全县…增长6.5%``).
SINCE = "以来"
# Words after a date with the same roles.
DEADLINE_SUFFIXES = ("以前", "之前", "前", "内", "为止")
START_SUFFIXES = ("起", "开始", "以来", "以后", "后")
# Part of a year → (month, day) of its last day (day 0 = last day of month).
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "上半年": (6, 0),
    "年中": (6, 0),
    "下半年": (12, 0),
    "年底": (12, 0),
    "年末": (12, 0),
    "底": (12, 0),
    "末": (12, 0),
    "一季度": (3, 0),
    "第一季度": (3, 0),
    "二季度": (6, 0),
    "第二季度": (6, 0),
    "三季度": (9, 0),
    "第三季度": (9, 0),
    "四季度": (12, 0),
    "第四季度": (12, 0),
}
# Recurring periods: a target due 每年 has no single deadline (guide: null).
RECURRING_RE = re.compile(r"每(?:一|两|三|个)?(?:年|季度|半年|月|周|学年)")

# A year after 比/较/与 is the baseline of a comparison (``比2020年下降13.5%``).
BASELINE_PREFIXES = ("比", "较", "与", "同")
_PRE = "|".join(sorted(DEADLINE_PREFIXES + START_PREFIXES + BASELINE_PREFIXES + ("在", "于"), key=len, reverse=True))
_POST = "|".join(sorted(DEADLINE_SUFFIXES + START_SUFFIXES, key=len, reverse=True))
_PARTS = "|".join(sorted(YEAR_PARTS, key=len, reverse=True))
_PLANS = "|".join(sorted(PLAN_END_YEAR, key=len, reverse=True))
_CN_SMALL = "一二两三四五六七八九十"

_EFFORT = "通过|经过|用|再用|力争用|花"
_AHEAD = "今后|未来"
_REL = "今年|本年度|本年|年内|当年|明年"
_PLAN_QUOTES = '“"'
# Every character a phrase can start with: a prefix word, a plan's opening quote or name, an
# effort or ahead word, a relative year, a digit or a Chinese numeral. The pattern opens with a
# look-ahead for one of them, which changes no match but lets the engine skip every other
# character at C speed (without it each position tries all the alternatives: four times slower).
_FIRST_CHARS = "".join(
    sorted(
        {w[0] for w in (*DEADLINE_PREFIXES, *START_PREFIXES, *BASELINE_PREFIXES, "在", "于")}
        | {w[0] for w in (*PLAN_END_YEAR, *_EFFORT.split("|"), *_AHEAD.split("|"), *_REL.split("|"))}
        | set(_PLAN_QUOTES)
        | set(_CN_SMALL)
        | set("12")  # (?:19|20)
    )
)

TIME_RE = re.compile(
    rf"""
    (?=[\d{re.escape(_FIRST_CHARS)}])
    (?:(?P<pre>{_PRE})\s*)?
    (?:
        (?P<plan>[{_PLAN_QUOTES}]?(?:{_PLANS})[”"]?)(?:规划)?(?P<plan_end>时期末|期末|末期|末|时期|期间)?
      | (?P<effort_pre>{_EFFORT})
        (?P<n>\d+|[{_CN_SMALL}]+)(?:[—\-－至到](?P<n2>\d+|[{_CN_SMALL}]+))?
        (?:年|年左右)(?:的|左右的|左右)?(?:努力|时间|奋斗)
      | (?P<y>(?:19|20)\d{{2}})\s*年(?:度)?
        (?:(?P<m>1[0-2]|0?[1-9])\s*月(?:份)?(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?)?
        (?P<part>{_PARTS})?
      | (?P<ahead>{_AHEAD})(?P<an>\d+|[{_CN_SMALL}]+)年(?:内|间)?
      | (?<![\d{_CN_SMALL}近前])(?<!毕业|离校|注册|成立|设立|登记)(?P<wn>\d+|[{_CN_SMALL}]+)年(?:之内|内|时间内)
      | (?<![\d{_CN_SMALL}])(?P<rel>{_REL})(?P<rel_part>{_PARTS})?
    )
    (?:\s*(?P<post>{_POST}))?
    """,
    re.VERBOSE,
)


class TimePhrase(msgspec.Struct, frozen=True):
    """A time phrase found in text (offsets relative to the searched string).

    ``kind`` is ``deadline`` (by then), ``point`` (a bare year or month, a
    deadline when it is not in the past), ``date`` (a bare day: when something
    happens), ``baseline`` (``比2020年``: what a change is measured
    from), ``start`` (from then on), ``plan`` (a plan period named without
    到/末, e.g. ``十三五规划``: a name), or ``past``.
    """

    start: int
    end: int
    text: str
    kind: str
    deadline: str | None
    year: int | None


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int, day: int = 0) -> str:
    # (calendar.monthrange also computes the weekday the month starts on: twice as slow)
    # (the Gregorian leap rule written out: importing calendar costs ~3 ms of every start)
    days = 29 if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else _MONTH_DAYS[month - 1]
    if day <= 0 or day > days:
        day = days
    return f"{year:04d}-{month:02d}-{day:02d}"


def doc_year(date: str | None) -> int | None:
    """The year of an ISO date (``2016-03-03`` → 2016), None if absent or malformed."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    return int(date[:4])


def _small_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    from luoshi.extract.numbers import chinese_to_number

    value = chinese_to_number(text)
    return int(value) if value is not None and value == int(value) else None


def find_time_phrases(text: str, date: str | None = None) -> list[TimePhrase]:
    """Time phrases in ``text``, each with its kind and deadline.

    ``date`` is the document's 成文日期 (ISO); relative phrases (``通过5年努力``,
    ``今年``) and the past/future reading of a bare year depend on it.
    """
    year_now = doc_year(date)
    if ("月" in text or "季度" in text or "截至" in text) and STATISTICS_PERIOD_CUE_RE.search(text) is not None:
        periods = _statistics_periods(text, year_now)
        if periods:
            found = [p for p in _find_time_phrases(text, date, year_now) if not _overlaps_any(p, periods)]
            return sorted(found + periods, key=lambda p: p.start)
    return _find_time_phrases(text, date, year_now)


# --- statistics periods (the past) ----------------------------------------------------------
# A period counted from the start of the year, as statistics report it: ``1—10月``, ``1至11月累计``,
# ``元至九月``, ``1-3季度``, ``前三季度``, ``前11个月``, with or without its year (``2024年1—6月``). It
# names a stretch of time gone by whose figures are results (a plan's deadlines are a day or the end
# of a period: ``10月底前``, ``到2025年``), so it is ``past``. So is ``截至`` with a month and no year
# (``截至10月底``, ``截至目前``): the status on a day of the document's own year, before it was written.
_CN_MONTH = "(?:十[一二]?|[二三四五六七八九])"
STATISTICS_PERIOD_RE = re.compile(
    # (the look-ahead names every first character, so the engine skips the others at C speed, as
    # TIME_RE's does: a year's 1/2, a range's 1/一/元, 前, 截至)
    rf"(?=[12一元前截])(?:(?P<y>(?:19|20)\d{{2}})\s*年)?"
    rf"(?:(?:1|一|元)\s*[—\-－–~～至到]\s*(?:1[0-2]|[2-9]|{_CN_MONTH})\s*月(?:份)?(?:累计)?"
    rf"|(?:1|一)\s*[—\-－–~～至到]\s*[2-4二三四]\s*季度"
    rf"|前(?:[二三四两]|[2-4])(?:个)?季度"
    rf"|前(?:1[01]|[2-9]|十[一]?|[二两三四五六七八九])个月(?:份)?)"
    rf"|截至(?:目前|当前|(?:1[0-2]|0?[1-9]|{_CN_MONTH}|一)\s*月(?:份)?(?:底|末|中旬|上旬|下旬|(?:[12]\d|3[01]|0?[1-9])日)?)"
)
# What every STATISTICS_PERIOD_RE match holds: a range mark before 月/季度, ``前`` or ``截至``.
STATISTICS_PERIOD_CUE_RE = re.compile(r"[—\-－–~～至到前截]")


def _statistics_periods(text: str, year_now: int | None) -> list[TimePhrase]:
    out = []
    for m in STATISTICS_PERIOD_RE.finditer(text):
        year = int(m.group("y")) if m.group("y") else year_now
        out.append(TimePhrase(m.start(), m.end(), m.group(), "past", None, year))
    return out


def _overlaps_any(phrase: TimePhrase, others: list[TimePhrase]) -> bool:
    return any(phrase.start < o.end and o.start < phrase.end for o in others)


def _find_time_phrases(text: str, date: str | None, year_now: int | None) -> list[TimePhrase]:
    out: list[TimePhrase] = []
    if "年" not in text and "五" not in text:
        return out  # every phrase names a 年 (a year, 今年, 5年努力) or a plan (十三五): none here
    for m in TIME_RE.finditer(text):
        phrase = _read(m, year_now, date)
        if phrase is not None and phrase.kind == "past" and text.startswith(("的", "基础上"), phrase.end):
            # ``由2020年的23%提高到30%``, ``在2020年基础上继续提高1岁``: the past year dates the starting
            # value, a baseline
            phrase = TimePhrase(phrase.start, phrase.end, phrase.text, "baseline", None, phrase.year)
        elif phrase is not None and phrase.kind == "start" and _dates_a_start_value(phrase, year_now):
            # ``从2020年的85提高到95``, ``从2020年640万户提高到6000万户``: the year dates the value it
            # moves from (the 从 stays in the text, for the reader of that value)
            phrase = TimePhrase(phrase.start + 1, phrase.end, phrase.text[1:], "baseline", None, phrase.year)
        if phrase is not None and phrase.kind == "start" and phrase.text.endswith(SINCE):
            # ``今年以来``, ``2020年以来``: the stretch from then up to now, whose figures are results
            phrase = TimePhrase(phrase.start, phrase.end, phrase.text, "past", None, phrase.year)
        if phrase is not None:
            out.append(phrase)
    if WHOLE_YEAR in text:
        out = _with_whole_year(text, out, year_now)
    if "过去" in text:
        out = [_just_gone_by(text, p) for p in out]
    if year_now is None and "五" in text:
        out = _before_the_plan_period(out)
    return out


# A five-year plan's years: its end year and the four before it (``十四五``: 2021–2025).
PLAN_YEARS = 5


def _before_the_plan_period(out: list[TimePhrase]) -> list[TimePhrase]:
    """In a text with no date of its own, a year before the start of the five-year plan the same
    sentence names as its time (``到2020年底累计完成投资5382亿元，“十四五”时期安排投资17390亿元``) is
    the past, as a year before the document's is: the plan's period is the present it speaks in."""
    periods = [p for p in out if p.kind == "deadline" and p.year is not None and _names_a_plan(p.text)]
    if not periods:
        return out
    first = min(p.year for p in periods) - PLAN_YEARS + 1  # (a plan's end year; its first year)
    return [
        TimePhrase(p.start, p.end, p.text, "past", None, p.year)
        if p.kind in ("point", "deadline") and p.year is not None and p.year < first
        else p
        for p in out
    ]


def _names_a_plan(text: str) -> bool:
    return any(name in text for name in PLAN_END_YEAR if len(name) > 2)  # (十五 alone is a number too)


# ``刚刚过去的2024年``, ``过去的2024年``: the year is named as gone by, whatever the document's date.
_GONE_BY_BEFORE = ("过去的", "过去")


def _just_gone_by(text: str, phrase: TimePhrase) -> TimePhrase:
    if phrase.year is None or phrase.kind not in ("point", "deadline"):
        return phrase
    if not text.endswith(_GONE_BY_BEFORE, 0, phrase.start):
        return phrase
    return TimePhrase(phrase.start, phrase.end, phrase.text, "past", None, phrase.year)


# ``全年`` (the whole year) is this year, as ``今年`` (gold: ``全年策划举办百场以上…`` → the report's
# year); found with str.find, since a 全 in TIME_RE's first characters would be tried at every
# 全面/全市 of a document.
WHOLE_YEAR = "全年"


def _with_whole_year(text: str, out: list[TimePhrase], year_now: int | None) -> list[TimePhrase]:
    at = text.find(WHOLE_YEAR)
    found = list(out)
    while at != -1:
        end = at + len(WHOLE_YEAR)
        if not text.startswith("龄", end) and not any(p.start < end and at < p.end for p in out):
            named = [p for p in out if p.end <= at and p.year is not None and p.kind in ("past", "point", "deadline")]
            if named and named[-1].kind == "past":
                # ``2015年，全年实现生产总值83.91亿元`` in a text of 2016: the whole of the year just
                # named, gone by
                found.append(TimePhrase(at, end, WHOLE_YEAR, "past", None, named[-1].year))
            elif year_now is None:
                found.append(TimePhrase(at, end, WHOLE_YEAR, "point", None, None))
            else:
                found.append(TimePhrase(at, end, WHOLE_YEAR, "deadline", _last_day(year_now, 12), year_now))
        at = text.find(WHOLE_YEAR, end)
    return sorted(found, key=lambda p: p.start) if len(found) > len(out) else out


def _dates_a_start_value(phrase: TimePhrase, year_now: int | None) -> bool:
    """``从2020年`` (no 起/开始/以来 after it) in a document of a later year."""
    return (
        phrase.kind == "start"
        and phrase.text.startswith("从")
        and phrase.text.endswith("年")
        and phrase.year is not None
        and year_now is not None
        and phrase.year < year_now
    )


def _read(m: re.Match[str], year_now: int | None, date: str | None = None) -> TimePhrase | None:
    pre, post = m.group("pre") or "", m.group("post") or ""
    start, end = m.start(), m.end()
    if pre in ("在", "于"):
        pre = ""
    if pre in BASELINE_PREFIXES:
        return TimePhrase(start, end, m.group(), "baseline", None, None)
    if post in START_SUFFIXES or pre in START_PREFIXES:
        kind = "start"
    elif pre in DEADLINE_PREFIXES or post in DEADLINE_SUFFIXES:
        kind = "deadline"
    else:
        kind = "point"

    if m.group("plan"):
        name = m.group("plan").strip('“”"')
        end_year = PLAN_END_YEAR[name]
        ends = m.group("plan_end") or ""
        if kind == "start":
            return TimePhrase(start, end, m.group(), "start", None, end_year)
        if ends in ("时期末", "期末", "末期", "末") or (pre in DEADLINE_PREFIXES and ends):
            return TimePhrase(start, end, m.group(), "deadline", _last_day(end_year, 12), end_year)
        if ends in ("时期", "期间"):
            return TimePhrase(start, end, m.group(), "deadline", _last_day(end_year, 12), end_year)
        return TimePhrase(start, end, m.group(), "plan", None, end_year)

    if m.group("effort_pre"):
        n = _small_number(m.group("n"))
        if m.group("n2") and _small_number(m.group("n2")) != n:
            # ``利用3-5年时间``: three to five years; the text does not say which (guide: null).
            return TimePhrase(start, end, m.group(), "deadline", None, None)
        if n is None or year_now is None or n <= 0 or n > 50:
            return TimePhrase(start, end, m.group(), "deadline", None, None)
        year = year_now + n - 1
        return TimePhrase(start, end, m.group(), "deadline", _last_day(year, 12), year)

    if m.group("ahead") or m.group("wn"):
        # ``今后五年`` in a report of 2022: 2022 to 2026, as ``通过5年努力`` counts from the document's
        # year; so does ``三年内`` (not ``近3年内``, the past, nor ``年内``, this year).
        n = _small_number(m.group("an") or m.group("wn"))
        if n is None or year_now is None or n <= 0 or n > 50:
            return TimePhrase(start, end, m.group(), "deadline", None, None)
        year = year_now + n - 1
        return TimePhrase(start, end, m.group(), "deadline", _last_day(year, 12), year)

    if m.group("rel"):
        if year_now is None:
            return TimePhrase(start, end, m.group(), kind, None, None)
        year = year_now + (1 if m.group("rel") == "明年" else 0)
        month, day = YEAR_PARTS.get(m.group("rel_part") or "", (12, 0))
        if kind == "start":
            return TimePhrase(start, end, m.group(), "start", None, year)
        return TimePhrase(start, end, m.group(), "deadline", _last_day(year, month, day), year)

    year = int(m.group("y"))
    if m.group("m"):
        month = int(m.group("m"))
        day = int(m.group("d")) if m.group("d") else 0
    else:
        month, day = YEAR_PARTS.get(m.group("part") or "", (12, 0))
    if m.group("part") in ("底", "末", "年底", "年末") and kind == "point":
        kind = "deadline"
    if kind == "start":
        return TimePhrase(start, end, m.group(), "start", None, year)
    if kind in ("point", "deadline") and year_now is not None and year < year_now:
        # ``截止2015年12月31日，全市户籍人口531.59万`` in a plan of 2017: "as of" a day gone by
        # states what is, and no target falls due before the document is written.
        return TimePhrase(start, end, m.group(), "past", None, year)
    if kind == "point" and m.group("d"):
        # ``2020年2月29日`` with no 到/前: a date something happens on, not a due date.
        return TimePhrase(start, end, m.group(), "date", None, year)
    if kind == "point" and year == year_now and date is not None and _last_day(year, month, day) < date[:10]:
        # ``2023年上半年，全区实现地区生产总值806亿元`` in a report of 2023-08-31: a part of the year
        # that ended before the document was written, named with no 到/前, is the past as a year
        # gone by is.
        return TimePhrase(start, end, m.group(), "past", None, year)
    return TimePhrase(start, end, m.group(), kind, _last_day(year, month, day), year)


def is_recurring(text: str) -> bool:
    """``每年``, ``每季度``…: the text states a recurring amount."""
    return RECURRING_RE.search(text) is not None
