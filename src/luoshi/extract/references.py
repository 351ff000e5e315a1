"""References: other documents a document cites by 发文字号.

A citation is ``《title》（国发〔2015〕50号）`` or a bare number. Numbers come in
two shapes: ``机关代字〔年份〕序号号`` (whatever bracket the source used, or
``.`` when extraction mangled the brackets: ``绵府办函.2016.1号``) and
``X令第N号`` (人力资源和社会保障部令第26号). Each is restored to the contract's
normal form (``〔〕``, no spaces). The document's own number, registration
codes (ZJAC01-2025-0005) and dates do not have these shapes or are dropped.
The normal form is :func:`luoshi.patterns.normalize_doc_number` (one home for the
发文字号 patterns); this module only adds the finder, which reads the organ code
backwards from each year-and-sequence tail so the scan stays linear.
"""

from __future__ import annotations

import msgspec

from luoshi import lazyre as re
from luoshi.model import CleanText, Document, Reference
from luoshi.patterns import (  # the one home of the number patterns
    ADDRESSEE_END,
    DOC_NUMBER_CLOSE,
    DOC_NUMBER_OPEN,
    SHORT_YEAR_CLOSE,
    SHORT_YEAR_OPEN,
    TRADITIONAL_NUMBER_CHARS,
    YEAR_FIRST_NUMBER,
    expand_short_year,
    normalize_doc_number,
    outline_marker_alternation,
    title_genre,
)
from luoshi.split import CONTENTS_TAIL, MAX_CONTENTS_TAIL_CHARS

__all__ = [
    "Citation",
    "ReferenceDecision",
    "analyse_references",
    "extract_references",
    "find_citations",
    "normalize_doc_number",
]

# --- rule tables -------------------------------------------------------------

_WS_RE = re.compile(r"\s+")

# The issuing-organ code (机关代字): Chinese characters right before the year.
# Brackets sources put around the year; ``.``/``．`` is the mangled form.
_OPEN = DOC_NUMBER_OPEN  # one home: luoshi.patterns
_CLOSE = DOC_NUMBER_CLOSE
_DOT = r"[.．·]"

# The year-and-sequence tail of a number; the organ code is read backwards from
# its start (a forward pattern ``CODE+YEAR`` would backtrack at every character).
# It starts at the bracket (a leading ``\s*`` would make the scan try every position of the
# text); spaces between the organ code and the bracket are stepped over afterwards.
# Some issuers print the serial with 第 (``黔府发〔2018〕第7号``); the normal form drops it.
# A two-digit year in square brackets (``国发[16]14号``) is restored by the normaliser's rule.
NUMBER_TAIL_RE = re.compile(
    rf"(?:{_OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{_CLOSE}|{_DOT}\s*(?P<dotyear>(?:19|20)\d{{2}})\s*{_DOT}"
    rf"|{SHORT_YEAR_OPEN}\s*(?P<shortyear>\d{{2}})\s*{SHORT_YEAR_CLOSE})\s*(?:第\s*)?(?P<seq>\d{{1,5}})\s*[号號]"
)
# Every tail ends with 号, a character few texts hold often: each 号 found by ``str.find`` is
# matched backwards within this window (the longest tail seen, spaced out by a PDF layer, is
# under 30 characters), which skips the scan of every position for a bracket.
_TAIL_ENDING_HERE_RE = re.compile(NUMBER_TAIL_RE.pattern + "$")
MAX_TAIL_CHARS = 64


# Copies in traditional script print 號 (and 國 for the State Council's 国); the normal form has
# the contract's 号 and 国 (``國發〔2008〕17號`` → ``国發〔2008〕17号``), the code otherwise as written
# (``luoshi.patterns.TRADITIONAL_NUMBER_CHARS``, the header's normal form too).


# The year printed first (``(94)财农字第345号``, :data:`luoshi.patterns.YEAR_FIRST_NUMBER`) is tried at a
# 号 where no tail ends, within this window (bracket and year 6, code 10, 第 and serial 6, spacing).
_YEAR_FIRST_ENDING_HERE_RE = re.compile(YEAR_FIRST_NUMBER.pattern + "$")
MAX_YEAR_FIRST_CHARS = 32


def _year_first_ending_at(text: str, end: int) -> re.Match[str] | None:
    return _YEAR_FIRST_ENDING_HERE_RE.search(text, max(0, end - MAX_YEAR_FIRST_CHARS), end + 1)


def _number_tails(text: str, year_first: list[re.Match[str]] | None = None) -> list[re.Match[str]]:
    """The :data:`NUMBER_TAIL_RE` matches of ``text``, in order (each ends at its own 号 or 號); the
    year-first numbers found at the other 号 are added to ``year_first`` when it is given."""
    out = []
    for mark in "号號":
        end = text.find(mark)
        while end != -1:
            m = _TAIL_ENDING_HERE_RE.search(text, max(0, end - MAX_TAIL_CHARS), end + 1)
            if m is not None:
                out.append(m)
            elif year_first is not None and (y := _year_first_ending_at(text, end)):
                year_first.append(y)
            end = text.find(mark, end + 1)
    if len(out) > 1 and "號" in text:
        out.sort(key=lambda m: m.start())
    return out


# ``国发〔2016〕14号、15号``: further serials after a number share its code and year.
# A serial followed by one of these is a house number (``3号楼``), not a document's.
ADDRESS_AFTER_SERIAL = "楼栋室院路街巷门"
# ``财会〔2019〕6号/16号``: a slash lists serials too.
SHARED_SERIAL_RE = re.compile(rf"\s*[、，,和及/／]\s*(?:第\s*)?(\d{{1,5}})\s*[号號](?![{ADDRESS_AFTER_SERIAL}])")
# ``法释〔2013〕12号、〔2015〕9号``: a year and serial with no code after a number and a separator share
# its code (the year is new). The separator between them, all that may stand there.
SHARED_CODE_GAP_RE = re.compile(r"\s*(?:[、，,/／]|和|及|以及|与)\s*")
MAX_SHARED_CODE_GAP_CHARS = 4

MAX_SHARED_SERIALS = 8  # the longest run seen in citing text is a handful; bounds the loop


# ``人力资源和社会保障部令第26号``, ``国务院令第588号``, ``国家发展改革委令2017年第1号``, and the
# numbered 公告 of ministries and bureaus, which always carry their year
# (``国家税务总局公告2025年第1号``, ``财政部 税务总局公告2023年第12号``).
# Found from the serial (``第N号``, a literal to scan for: far cheaper than a scan for the
# alternatives), then the 令 or 公告 head is matched right before it.
ORDER_SERIAL_RE = re.compile(r"第\s*(\d{1,5})\s*[号號]")
# The serial of a 令 may stand in brackets (``国务院令（第711号）``).
ORDER_HEAD_RE = re.compile(r"(?:令\s*[（(]?\s*((?:(?:19|20)\d{2}\s*年)?)|(公告|通告)\s*(?:((?:19|20)\d{2})\s*年)?)\s*$")
# Body text also names a 令 by its serial first: ``国务院第588号令``, ``住房和城乡建设部第13号令``
# (normal form ``国务院令第588号``).
ORDER_AFTER_SERIAL = "令"
# How far before ``第`` the head may start (``公告 2023 年 ``: the words, the year and spacing).
MAX_ORDER_HEAD_CHARS = 24
MAX_CODE_CHARS = 10  # longest organ code seen: 穗天科工信规字 (7)
MAX_ORGAN_CHARS = 24
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")

# Words that run into an organ code without punctuation (``根据国发〔…〕``,
# ``按照国办发…``) and are not part of it; trimmed from the code's start.
LEADING_WORDS: tuple[str, ...] = (
    "根据", "按照", "依据", "依照", "参照", "参考", "对照", "贯彻", "落实", "执行", "结合", "遵照",
    "见", "和", "及", "与", "或", "并", "以及", "同时", "原", "即", "是", "的", "文件", "精神",
    "印发", "转发", "通知", "规定", "要求",
)  # fmt: skip

# A title run into its number without 《》 (``…若干措施的通知闽政办〔2023〕2号``, a forwarded
# document's title line and number line joined): an organ code never holds these words,
# so the code starts after the last one.
TITLE_END_RE = re.compile(r"(?:通知|意见|方案|办法|决定|规定|措施|细则|规划|计划|要点|通报|批复|报告|的)")

# An issuer's full name written before its code (``依据财政部财会〔2014〕6号``, ``按照省政府办公厅川办发〔2016〕5号``):
# a code abbreviates its organ (财会, 川办发, 国办发) and never holds the full name, so the code starts
# after the last one. Only full names: abbreviations that codes do hold (工信部联装, 人社部发) stay.
ORGAN_NAME_BEFORE_CODE_RE = re.compile(
    r"(?:国务院办公厅|国务院|(?:人民|[省市县区])?政府(?:办公厅|办公室)?|"
    r"财政部|教育部|公安部|民政部|司法部|商务部|水利部|外交部|审计署|交通运输部|自然资源部|生态环境部|"
    r"农业农村部|应急管理部)"
)

# The organ code of a 令 number must name an organ (…部令, 国务院令, …局令); so must a 公告's.
ORDER_ORGAN_RE = re.compile(r"(?:国务院|部|委|局|署|行|会|办|厅|政府)令$")
NOTICE_ORGAN_RE = re.compile(r"(?:国务院|部|委|局|署|行|会|办|厅|政府|院)(?:公告|通告)$")
# A people's congress standing committee numbers its 公告 within its term, which its name gives
# (``广东省第十一届人民代表大会常务委员会公告第35号``, the law it enacted): no year is printed.
TERM_NOTICE_ORGAN_RE = re.compile(r"人民代表大会常务委员会公告$")
# The space a joint number prints between its organs, crossed only after an organ word.
JOINT_SPACES = " \u3000"
_ORGAN_BEFORE_SPACE_RE = re.compile(r"(?:部|委|局|署|行|会|办|厅|政府|院)$")
# Its longest word (政府): the window it is looked for in, so a look costs the same anywhere in the
# text (a search from the text's start made a text citing many joint 公告 quadratic).
MAX_ORGAN_WORD_CHARS = 2


# The organ code is a run of Chinese characters, but a date or an earlier number may run straight
# into it (``2019年3月2日国务院令第714号``, ``根据2016年国发〔2016〕…``, ``…14号国办发〔…``): the code
# never starts with 号, and 年/月/日 right after a numeral end a date (日 after anything else may
# open one: 日照's ``日政发``).
NUMBER_END_CHARS = frozenset("号號")
DATE_END_CHARS = frozenset("年月日")
SHARED_CODE = "shared-code"  # a serial after ``、`` sharing the number before it's code and year
NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９〇○零一二三四五六七八九十廿卅元")


class Citation(msgspec.Struct, frozen=True):
    """One occurrence of a number in a text (offsets in that text)."""

    doc_number: str
    start: int  # the title's 《 when there is one, else the number's start
    end: int
    number_start: int
    title: str | None
    raw_start: int = -1  # where the run of characters before the number began, before words were trimmed
    raw_number: str | None = None  # the number read with that whole run as its code
    form: str = ""  # how it was read when not whole (:data:`SHARED_CODE`)

    @property
    def line_start(self) -> int:
        return self.number_start if self.raw_start < 0 else min(self.raw_start, self.number_start)


_LEADING_WORD_TUPLE = tuple(LEADING_WORDS)
# A run before a year that is only one of these words is no organ code (``甲政发〔2016〕5号和〔2017〕6号``,
# ``见〔2017〕6号``): the year and serial share the code of a number right before, or cite nothing.
_LEADING_WORD_SET = frozenset(LEADING_WORDS)
# Longest first, so a search finds 以及 before 及 where both could end at the same place.
_LONG_LEADING_WORD_RE = re.compile("|".join(sorted((w for w in LEADING_WORDS if len(w) > 1), key=len, reverse=True)))


def _trim_code(code: str) -> str:
    """Drop words glued in front of an organ code; keep the code otherwise."""
    ends = [m.end() for m in TITLE_END_RE.finditer(code)]
    if ends and len(code) - ends[-1] >= 2:
        code = code[ends[-1] :]
    # A word of two or more characters never stands inside an organ name (``第二条依照甲省…公告``):
    # the code starts after the last one, wherever it stands in the run.
    cut = 0
    for m in _LONG_LEADING_WORD_RE.finditer(code):
        cut = m.end()
    if cut and len(code) - cut >= 2:
        code = code[cut:]
    while code.startswith(_LEADING_WORD_TUPLE):
        w = next(w for w in LEADING_WORDS if code.startswith(w))
        if len(code) <= len(w) + 1:
            break
        code = code[len(w) :]
    return code


# Between a 《title》 and its number: ``》（``, ``》``, or the date of an order or a regulation
# (``《…条例》（2019年3月2日国务院令第714号）``).
_DATE = (
    r"(?:\d{4}|[〇○零一二三四五六七八九O0]{4})\s*年\s*[\d一二三四五六七八九十元]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十廿卅]{1,3}\s*日"
)
_TITLE_GAP_RE = re.compile(rf"》\s*[（(]?\s*(?:{_DATE}\s*)?$")
# How far before a number the gap may start: ``》（`` and a spaced-out date.
MAX_TITLE_GAP_CHARS = 24
# How far back from the gap the title's 《 may stand; a title may run over a line break (a PDF or
# a web copy wraps it), but not over a sentence end.
MAX_TITLE_CHARS = 400


def _title_before(text: str, pos: int) -> tuple[str, int] | None:
    """The 《title》 that ends right before ``pos`` (balanced, outer 《》 removed)."""
    if text.rfind("》", max(0, pos - MAX_TITLE_GAP_CHARS), pos) == -1:
        return None
    gap = _TITLE_GAP_RE.search(text, max(0, pos - MAX_TITLE_GAP_CHARS), pos)
    if not gap:
        return None
    close = gap.start()
    depth = 0
    i = close
    while i >= 0 and close - i < MAX_TITLE_CHARS:
        ch = text[i]
        if ch == "》":
            depth += 1
        elif ch == "《":
            depth -= 1
            if depth == 0:
                title = _WS_RE.sub("", text[i + 1 : close])
                return (title, i) if title else None
        elif ch in "。；":
            return None
        i -= 1
    return None


def _code_before(text: str, pos: int, limit: int, *, joint: bool = False) -> int:
    """Start of the run of Chinese characters (at most ``limit``) that ends at ``pos``. With
    ``joint``, one space between two organ names is crossed (``财政部 税务总局公告…``). The run
    stops after a number's 号 and after the 年/月/日 of a date (:data:`DATE_END_CHARS`)."""
    i = pos
    while i > 0 and pos - i < limit:
        ch = text[i - 1]
        if ch in NUMBER_END_CHARS or (ch in DATE_END_CHARS and i >= 2 and text[i - 2] in NUMERAL_CHARS):
            break
        if _CJK_RE.match(ch):
            i -= 1
        elif (
            joint
            and ch in JOINT_SPACES
            and i >= 2
            and i < pos
            and _ORGAN_BEFORE_SPACE_RE.search(text, max(0, i - 1 - MAX_ORGAN_WORD_CHARS), i - 1)
        ):
            i -= 1
        else:
            break
    return i


def find_citations(text: str) -> tuple[Citation, ...]:
    """Every document number cited in ``text``, in order, normalized."""
    out: list[Citation] = []
    text = text or ""
    year_first: list[re.Match[str]] = []
    last_code, last_end = "", -1  # the code of the number before and where its serials end
    for m in _number_tails(text, year_first):
        tail = m.start()
        while tail > 0 and text[tail - 1].isspace():
            tail -= 1
        start = _code_before(text, tail, MAX_CODE_CHARS)
        raw = text[start:tail]
        year = expand_short_year(m.group("year") or m.group("dotyear") or m.group("shortyear"))
        if start == tail or raw in _LEADING_WORD_SET:
            if last_code and _shares_code(text, last_end, tail):
                shared = f"{last_code}〔{year}〕{int(m.group('seq'))}号".translate(TRADITIONAL_NUMBER_CHARS)
                out.append(Citation(shared, m.start(), m.end(), m.start(), None, form=SHARED_CODE))
                last_end = _shared_serials(text, m.end(), last_code, year, out)
            continue
        named = _trim_code(raw)  # the code, perhaps after its issuer's full name
        code = _after_organ_name(named)
        serial = f"〔{year}〕{int(m.group('seq'))}号"
        raw_number = f"{raw}{serial}".translate(TRADITIONAL_NUMBER_CHARS)
        number = f"{code}{serial}"
        out.append(_citation(text, number, tail - len(code), m.end(), start, raw_number, tail - len(named)))
        last_code, last_end = code, _shared_serials(text, m.end(), code, year, out)
    for m in year_first:
        after = text[m.end() : m.end() + 1]
        if after and after in ADDRESS_AFTER_SERIAL:
            continue
        number = f"{m.group('agency')}〔{expand_short_year(m.group('year'))}〕{int(m.group('serial'))}号"
        out.append(_citation(text, number, m.start(), m.end()))
    for serial in ORDER_SERIAL_RE.finditer(text):
        m = ORDER_HEAD_RE.search(text, max(0, serial.start() - MAX_ORDER_HEAD_CHARS), serial.start())
        if m is None:
            if text.startswith(ORDER_AFTER_SERIAL, serial.end()) and (c := _serial_first_order(text, serial)):
                out.append(c)
            elif text.startswith(NOTICE_AFTER_SERIAL, serial.end()) and (c := _serial_first_notice(text, serial)):
                out.append(c)
            continue
        kind = m.group(2) or "令"
        start = _code_before(text, m.start(), MAX_ORGAN_CHARS - 1, joint=True)
        raw = _trim_code(text[start : m.start()] + kind)
        organ = _WS_RE.sub("", raw)
        if kind == "令":
            if not ORDER_ORGAN_RE.search(organ):
                continue
            year = _WS_RE.sub("", m.group(1) or "")
        elif m.group(3):
            if not NOTICE_ORGAN_RE.search(organ):
                continue
            year = f"{m.group(3)}年"
        elif TERM_NOTICE_ORGAN_RE.search(organ):
            year = ""
        else:
            continue  # ``第5号公告``-like wording without a year names no document
        start = m.start() + len(kind) - len(raw)
        out.append(_citation(text, f"{organ}{year}第{int(serial.group(1))}号", start, serial.end()))
    out.sort(key=lambda c: c.number_start)
    return tuple(out)


def _after_organ_name(code: str) -> str:
    """The code after the last full organ name run into it (:data:`ORGAN_NAME_BEFORE_CODE_RE`); a
    公告's or 令's organ is its whole name and is not read here."""
    ends = [m.end() for m in ORGAN_NAME_BEFORE_CODE_RE.finditer(code)]
    return code[ends[-1] :] if ends and len(code) - ends[-1] >= 2 else code


def _shared_serials(text: str, pos: int, code: str, year: int, out: list[Citation]) -> int:
    """Add the serials listed after a number ending at ``pos`` (``14号、15号``, sharing its code and
    year) to ``out``; where the last one ends."""
    for _ in range(MAX_SHARED_SERIALS):
        more = SHARED_SERIAL_RE.match(text, pos)
        if more is None:
            break
        shared = f"{code}〔{year}〕{int(more.group(1))}号".translate(TRADITIONAL_NUMBER_CHARS)
        out.append(Citation(shared, more.start(1), more.end(), more.start(1), None, form=SHARED_CODE))
        pos = more.end()
    return pos


def _shares_code(text: str, end: int, start: int) -> bool:
    """Only a separator (:data:`SHARED_CODE_GAP_RE`) stands between a number ending at ``end`` and a
    code-less year and serial at ``start``."""
    return (
        0 <= end < start <= end + MAX_SHARED_CODE_GAP_CHARS
        and SHARED_CODE_GAP_RE.fullmatch(text, end, start) is not None
    )


def _serial_first_order(text: str, serial: re.Match[str]) -> Citation | None:
    """``国务院第588号令``: the organ right before 第, the serial, then 令."""
    start = _code_before(text, serial.start(), MAX_ORGAN_CHARS - 1)
    organ = _trim_code(text[start : serial.start()])
    if not organ or not ORDER_ORGAN_RE.search(organ + ORDER_AFTER_SERIAL):
        return None
    start = serial.start() - len(organ)
    return _citation(text, f"{organ}令第{int(serial.group(1))}号", start, serial.end() + len(ORDER_AFTER_SERIAL))


# A 公告 is also named serial first (``国家税务总局2018年第31号公告``, ``海关总署2019年第5号公告``;
# a standing committee's ``某省人民代表大会常务委员会第28号公告``): normal form
# ``国家税务总局公告2018年第31号``, as the 公告 itself prints its number. As with the head-first
# form, a ministry's 公告 needs its year and only a standing committee's goes without.
NOTICE_AFTER_SERIAL = "公告"
_NOTICE_YEAR_BEFORE_SERIAL_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*$")
MAX_NOTICE_YEAR_CHARS = 8  # ``2018 年 `` with spacing


def _serial_first_notice(text: str, serial: re.Match[str]) -> Citation | None:
    """``国家税务总局2018年第31号公告`` → ``国家税务总局公告2018年第31号``."""
    head = serial.start()
    year_m = _NOTICE_YEAR_BEFORE_SERIAL_RE.search(text, max(0, head - MAX_NOTICE_YEAR_CHARS), head)
    organ_end = year_m.start() if year_m else head
    start = _code_before(text, organ_end, MAX_ORGAN_CHARS - 1, joint=True)
    organ = _WS_RE.sub("", _trim_code(text[start:organ_end]))
    if not organ:
        return None
    if year_m:
        if not NOTICE_ORGAN_RE.search(organ + NOTICE_AFTER_SERIAL):
            return None
        year = f"{year_m.group(1)}年"
    elif TERM_NOTICE_ORGAN_RE.search(organ + NOTICE_AFTER_SERIAL):
        year = ""
    else:
        return None
    start = organ_end - len(_trim_code(text[start:organ_end]))
    number = f"{organ}{NOTICE_AFTER_SERIAL}{year}第{int(serial.group(1))}号"
    return _citation(text, number, start, serial.end() + len(NOTICE_AFTER_SERIAL))


def _citation(
    text: str,
    number: str,
    start: int,
    end: int,
    raw_start: int = -1,
    raw_number: str | None = None,
    title_end: int = -1,
) -> Citation:
    """The citation of ``number`` at ``start``; its 《title》 ends before ``title_end`` when given (the
    issuer's name may stand between them), else before ``start``."""
    number = number.translate(TRADITIONAL_NUMBER_CHARS)
    found = _title_before(text, title_end if title_end >= 0 else start)
    if found:
        title, open_at = found
        return Citation(number, open_at, end, start, title, raw_start, raw_number)
    return Citation(number, start, end, start, None, raw_start, raw_number)


# --- the document's own number --------------------------------------------------------------
# The document's own 发文字号 is never a reference of itself (guide), wherever it stands: the
# header gives it when it found it; otherwise the number is known by where it stands. Each
# context has a rule name (``--explain``).
#
# ``发文字号：`` / ``文号：`` / ``文  号 :`` (a page's metadata table), the value maybe on the next line.
# A metadata table saved as text keeps its cell rules (``文号 | 甲政办发〔2021〕88号 | 成文日期: |``).
_OWN_NUMBER_LABEL_RE = re.compile(r"(?:发文字号|發文字號|文\s{0,4}[号號])\s*(?:[：:]\s*[|｜]?|[|｜])\s*$")
# How far before a number the label may stand (the label, its spacing and a line break).
OWN_NUMBER_LABEL_WINDOW = 24
# Every line read around a number is read within this many characters either side; a longer line
# is running text, where a number is cited, not printed as the document's own (and the scan of
# each citation stays bounded: no quadratic work on a long line).
MAX_OWN_LINE_CHARS = 240
# A date beside the number on its line: ``2023年5月4日 穗府办〔2023〕5号``, ``（1998年09月23日计价格
# 〔1998〕1810号）``, in digits or Chinese numerals.
_OPENERS = r"[\s（(〔\[【<《]"
_CLOSERS = r"[\s）)〕\]】>》]"
_BEFORE_NUMBER_RE = re.compile(rf"{_OPENERS}*(?:{_DATE}{_OPENERS}*)?$")
_AFTER_NUMBER_RE = re.compile(rf"^{_CLOSERS}*(?:{_DATE}{_CLOSERS}*)?")
_DATED_RE = re.compile(_DATE)
_OPEN_BRACKET_RE = re.compile(r"[（(]")
_SENTENCE_PUNCT = frozenset("。；，,;！？")
# The 主送 line glued after the number (``穗府办〔2023〕5号各区人民政府，市政府各部门：``).
_ADDRESSEES_RE = re.compile(r"^[^。；！？]{2,200}[：:]$")
_ANGLE_RE = re.compile(r"[《》〈〉<>]")
_MARKER_START_RE = re.compile(rf"(?:{outline_marker_alternation()})")

OWN_LABEL = "own-number:label"  # after 发文字号： / 文号：
OWN_LINE = "own-number:line"  # alone on its line in the header
OWN_DATE_LINE = "own-number:date-line"  # on a line with only a date
OWN_ADDRESSEES = "own-number:addressees"  # the 主送 line run on after it
OWN_TITLE = "own-number:title"  # on the title's line: in its brackets, before or after it
OWN_ORDER_HEAD = "own-number:order-head"  # ``…令`` / ``…公告`` over ``第N号``: a 令's or 公告's own head
OWN_SAME = "own-number"  # the number the header or one of the contexts above gave
CONTENTS = "contents-entry"  # a gazette's table of contents
CITED = "cited"


class ReferenceDecision(msgspec.Struct, frozen=True):
    """What became of one number in a document's text (``--explain``)."""

    citation: Citation
    rule: str  # :data:`CITED`, or why it is no reference
    kept: bool  # the first citation of a reference that supplies it


def _line_around(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The rest of the line before ``start`` and after ``end``; None when the line runs on past
    :data:`MAX_OWN_LINE_CHARS` either side (running text)."""
    lo = max(0, start - MAX_OWN_LINE_CHARS)
    nl = text.rfind("\n", lo, start)
    if nl == -1 and lo > 0:
        return None
    hi = min(len(text), end + MAX_OWN_LINE_CHARS)
    nr = text.find("\n", end, hi)
    if nr == -1 and hi < len(text):
        return None
    return text[nl + 1 : start], text[end : nr if nr != -1 else hi]


def _is_title(text: str) -> bool:
    bare = _ANGLE_RE.sub("", _WS_RE.sub("", text))
    return len(bare) >= 4 and not _SENTENCE_PUNCT.intersection(bare) and title_genre(bare) is not None


def _same_title(text: str, title: str | None) -> bool:
    return bool(title) and _ANGLE_RE.sub("", _WS_RE.sub("", text)) == _ANGLE_RE.sub("", _WS_RE.sub("", title))


def _own_context(text: str, c: Citation, in_header: bool, doc: Document, spread: bool, first_period: int) -> str | None:
    """The rule by which ``c`` is the document's own number where it stands, if any. A title line
    names the document's own number in the header, with a date (the 题注 of a regulation:
    ``某某办法（1998年9月23日 计价格〔1998〕1810号）``), with the document's own title, or, where the
    header found neither number nor title, before the text's first sentence ends (``first_period``)."""
    start = c.line_start
    if _OWN_NUMBER_LABEL_RE.search(text, max(0, start - OWN_NUMBER_LABEL_WINDOW), start):
        return OWN_LABEL
    around = _line_around(text, start, c.end)
    if around is None:
        return OWN_ADDRESSEES if _opens_main_send_line(text, start, c.end) else None
    before, after = around
    b = _BEFORE_NUMBER_RE.search(before)
    a = _AFTER_NUMBER_RE.match(after)
    rest_before, rest_after = before[: b.start()], after[a.end() :]
    dated = _DATED_RE.search(before, b.start()) is not None or _DATED_RE.match(after, 0, a.end()) is not None
    bare_before, bare_after = rest_before.strip(), rest_after.strip()
    if "\n" in text[c.number_start : c.end]:
        # A 令's or 公告's number over two lines (``中华人民共和国国务院令`` / ``第227号``): the
        # head of the 令 itself (GB/T 9704 命令格式), never a citation in running text.
        return OWN_ORDER_HEAD if not bare_before and not bare_after else None
    # A line of a table (cells split by tabs) lists documents, with their dates: outside the
    # header its numbers are cited, whatever stands beside them.
    table_row = not in_header and "\t" in before + after
    if not bare_before and not bare_after:
        if table_row:
            return None
        return OWN_DATE_LINE if dated else OWN_LINE if in_header or spread else None
    if bare_after and _ADDRESSEES_RE.match(bare_after) and _addressee_line(bare_after):
        # The 主送 line run on after the number, maybe with the title before it (a web copy
        # joins the 版头's lines: ``…的通知（甲府办〔2009〕37号）各区人民政府，市政府各部门：``).
        if not bare_before or _is_title(bare_before):
            return OWN_ADDRESSEES
        return None
    if bare_before and bare_after:
        return None
    title = bare_before or bare_after
    if not _is_title(title) or _MARKER_START_RE.match(title):
        return None  # ``1.《某某办法》（…）``: an item of a list of cited documents
    if table_row:
        return None
    # The 题注 puts date and number together in brackets after the title: ``办法（1998年9月23日 …号）``.
    noted = dated and bool(bare_before) and _OPEN_BRACKET_RE.search(before, b.start()) is not None
    if in_header or noted or _same_title(title, doc.title) or (spread and c.end <= first_period):
        return OWN_TITLE
    return None


# A flattened copy runs the 主送 line on into the body (``汕府办〔2015〕29号各县人民政府，市政府各部门：
# 现将…``): the addressees up to the first colon are read within this many characters.
MAX_ADDRESSEE_CHARS = 160
_UP_TO_COLON_RE = re.compile(r"[^。；！？\n：:]{2,}[：:]")


def _opens_main_send_line(text: str, start: int, end: int) -> bool:
    """The number opens its line (only brackets before it) and addressees follow it to a colon."""
    lo = max(0, start - MAX_OWN_LINE_CHARS)
    nl = text.rfind("\n", lo, start)
    if (nl == -1 and lo > 0) or _BEFORE_NUMBER_RE.search(text, nl + 1, start).start() != nl + 1:
        return False
    m = _UP_TO_COLON_RE.match(text, end, min(len(text), end + MAX_ADDRESSEE_CHARS))
    return m is not None and _addressee_line(m.group().strip())


def _addressee_line(text: str) -> bool:
    """``各区人民政府，市政府各部门：``: each part before the colon names addressees."""
    parts = [p for p in re.split(r"[，,]", text[:-1].strip()) if p.strip()]
    return bool(parts) and all(ADDRESSEE_END.search(p.strip().rstrip("）)")) for p in parts)


def analyse_references(doc: Document, clean: CleanText) -> tuple[ReferenceDecision, ...]:
    """Every number in the document's text and what became of it.

    The document's own number is not a reference: the header's, and a number standing where a
    document prints its own (:func:`_own_context`). A context in the header, or in a document
    whose header gave no number and that forwards no other document, makes the number the
    document's own wherever else it stands; in the body of a 印发/转发 entry the forwarded
    document's own header is reprinted, and its number, cited by the notice, stays a reference.
    Numbers in a gazette's table of contents are not cited either. When a number is cited
    several times, the first citation that gives a 《title》 supplies title and span.
    """
    start = max(0, doc.span.start)
    end = min(len(clean.text), max(doc.span.end, start))
    text = clean.text[start:end]
    own: set[str] = set()
    if doc.doc_number and (n := normalize_doc_number(doc.doc_number)):
        own.add(n)
    spread = doc.doc_number is None and doc.forwarded_title is None
    first_period = text.find("。")  # once per document
    if first_period == -1:
        first_period = len(text)
    found: list[tuple[Citation, str | None]] = []
    for c in find_citations(text):
        in_header = start + c.number_start < doc.body_start
        rule = _own_context(text, c, in_header, doc, spread, first_period)
        if rule is not None and (in_header or spread):
            own.add(c.doc_number)
            if c.raw_number:
                own.add(c.raw_number)
        if rule is None and _in_contents_entry(text, c):
            rule = CONTENTS
        found.append((c, rule))
    best: dict[str, int] = {}
    order: list[str] = []
    rules: list[str] = []
    for i, (c, rule) in enumerate(found):
        if rule is None and (c.doc_number in own or c.raw_number in own):
            rule = OWN_SAME
        rules.append(rule or (f"{CITED}:{c.form}" if c.form else CITED))
        if rule is not None:
            continue
        if c.doc_number not in best:
            best[c.doc_number] = i
            order.append(c.doc_number)
        elif found[best[c.doc_number]][0].title is None and c.title:
            best[c.doc_number] = i
    kept = set(best.values())
    return tuple(ReferenceDecision(_shifted(c, start), rules[i], i in kept) for i, (c, _) in enumerate(found))


def _shifted(c: Citation, offset: int) -> Citation:
    """``c`` with its offsets in the whole clean text."""
    return Citation(
        c.doc_number,
        c.start + offset,
        c.end + offset,
        c.number_start + offset,
        c.title,
        c.raw_start + offset if c.raw_start >= 0 else -1,
        c.raw_number,
        c.form,
    )


def extract_references(doc: Document, clean: CleanText) -> tuple[Reference, ...]:
    """One :class:`Reference` per distinct number the document cites (:func:`analyse_references`)."""
    kept = (d.citation for d in analyse_references(doc, clean) if d.kept)
    return tuple(Reference(doc_number=c.doc_number, title=c.title, span=clean.span(c.start, c.end)) for c in kept)


def _in_contents_entry(text: str, c: Citation) -> bool:
    """A number listed in a gazette's table of contents (``……（甲政发〔2025〕1号）……（2）``): the
    gazette names its own documents there, it does not cite them. Only the few characters
    after the number are read, so a long line costs nothing per citation."""
    tail = text[c.end : c.end + MAX_CONTENTS_TAIL_CHARS]
    cut = tail.find("\n")
    if cut == -1 and c.end + MAX_CONTENTS_TAIL_CHARS < len(text):
        return False  # the line runs on: body text, not an entry
    return CONTENTS_TAIL.match(tail if cut == -1 else tail[:cut]) is not None
