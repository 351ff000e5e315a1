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

from dataclasses import dataclass

from luoshi import lazyre as re
from luoshi.model import CleanText, Document, Reference
from luoshi.patterns import DOC_NUMBER_CLOSE, DOC_NUMBER_OPEN, normalize_doc_number  # the one home
from luoshi.split import CONTENTS_TAIL, MAX_CONTENTS_TAIL_CHARS

__all__ = ["Citation", "extract_references", "find_citations", "normalize_doc_number"]

# --- rule tables -------------------------------------------------------------

_WS_RE = re.compile(r"\s+")
_WS_OR_PAREN_RE = re.compile(r"[\s（）()]")

# The issuing-organ code (机关代字): Chinese characters right before the year.
# Brackets sources put around the year; ``.``/``．`` is the mangled form.
_OPEN = DOC_NUMBER_OPEN  # one home: luoshi.patterns
_CLOSE = DOC_NUMBER_CLOSE
_DOT = r"[.．·]"
_YEAR = r"((?:19|20)\d{2})"
_SEQ = r"(\d{1,5})"

# The year-and-sequence tail of a number; the organ code is read backwards from
# its start (a forward pattern ``CODE+YEAR`` would backtrack at every character).
# It starts at the bracket (a leading ``\s*`` would make the scan try every position of the
# text); spaces between the organ code and the bracket are stepped over afterwards.
# Some issuers print the serial with 第 (``黔府发〔2018〕第7号``); the normal form drops it.
NUMBER_TAIL_RE = re.compile(rf"(?:{_OPEN}\s*{_YEAR}\s*{_CLOSE}|{_DOT}\s*{_YEAR}\s*{_DOT})\s*(?:第\s*)?{_SEQ}\s*号")
# Every tail ends with 号, a character few texts hold often: each 号 found by ``str.find`` is
# matched backwards within this window (the longest tail seen, spaced out by a PDF layer, is
# under 30 characters), which skips the scan of every position for a bracket.
_TAIL_ENDING_HERE_RE = re.compile(NUMBER_TAIL_RE.pattern + "$")
MAX_TAIL_CHARS = 64


def _number_tails(text: str) -> list[re.Match[str]]:
    """The :data:`NUMBER_TAIL_RE` matches of ``text``, in order (each ends at its own 号)."""
    out = []
    end = text.find("号")
    while end != -1:
        m = _TAIL_ENDING_HERE_RE.search(text, max(0, end - MAX_TAIL_CHARS), end + 1)
        if m is not None:
            out.append(m)
        end = text.find("号", end + 1)
    return out


# ``人力资源和社会保障部令第26号``, ``国务院令第588号``, ``国家发展改革委令2017年第1号``, and the
# numbered 公告 of ministries and bureaus, which always carry their year
# (``国家税务总局公告2025年第1号``, ``财政部 税务总局公告2023年第12号``).
# Found from the serial (``第N号``, a literal to scan for: far cheaper than a scan for the
# alternatives), then the 令 or 公告 head is matched right before it.
ORDER_SERIAL_RE = re.compile(r"第\s*(\d{1,5})\s*号")
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
# How far before a number ``发文字号：`` may stand (the label and its spacing).
OWN_NUMBER_LABEL_WINDOW = 12

# The organ code of a 令 number must name an organ (…部令, 国务院令, …局令); so must a 公告's.
ORDER_ORGAN_RE = re.compile(r"(?:国务院|部|委|局|署|行|会|办|厅|政府)令$")
NOTICE_ORGAN_RE = re.compile(r"(?:国务院|部|委|局|署|行|会|办|厅|政府|院)(?:公告|通告)$")
# A people's congress standing committee numbers its 公告 within its term, which its name gives
# (``广东省第十一届人民代表大会常务委员会公告第35号``, the law it enacted): no year is printed.
TERM_NOTICE_ORGAN_RE = re.compile(r"人民代表大会常务委员会公告$")
# The space a joint number prints between its organs, crossed only after an organ word.
JOINT_SPACES = " \u3000"
_ORGAN_BEFORE_SPACE_RE = re.compile(r"(?:部|委|局|署|行|会|办|厅|政府|院)$")

# How far back from a number a 《title》 may end: ``》（`` or ``》``.
_TITLE_GAP_RE = re.compile(r"》\s*[（(]?\s*$")


@dataclass(frozen=True)
class Citation:
    """One occurrence of a number in a text (offsets in that text)."""

    doc_number: str
    start: int  # the title's 《 when there is one, else the number's start
    end: int
    number_start: int
    title: str | None


def _trim_code(code: str) -> str:
    """Drop words glued in front of an organ code; keep the code otherwise."""
    ends = [m.end() for m in TITLE_END_RE.finditer(code)]
    if ends and len(code) - ends[-1] >= 2:
        code = code[ends[-1] :]
    changed = True
    while changed:
        changed = False
        for w in LEADING_WORDS:
            if code.startswith(w) and len(code) > len(w) + 1:
                code = code[len(w) :]
                changed = True
    return code


def _title_before(text: str, pos: int) -> tuple[str, int] | None:
    """The 《title》 that ends right before ``pos`` (balanced, outer 《》 removed)."""
    gap = _TITLE_GAP_RE.search(text, max(0, pos - 4), pos)
    if not gap:
        return None
    close = gap.start()
    depth = 0
    i = close
    while i >= 0 and close - i < 400:
        ch = text[i]
        if ch == "》":
            depth += 1
        elif ch == "《":
            depth -= 1
            if depth == 0:
                title = _WS_RE.sub("", text[i + 1 : close])
                return (title, i) if title else None
        elif ch in "\n。；":
            return None
        i -= 1
    return None


def _code_before(text: str, pos: int, limit: int, *, joint: bool = False) -> int:
    """Start of the run of Chinese characters (at most ``limit``) that ends at ``pos``. With
    ``joint``, one space between two organ names is crossed (``财政部 税务总局公告…``)."""
    i = pos
    while i > 0 and pos - i < limit:
        ch = text[i - 1]
        if _CJK_RE.match(ch):
            i -= 1
        elif joint and ch in JOINT_SPACES and i >= 2 and i < pos and _ORGAN_BEFORE_SPACE_RE.search(text, 0, i - 1):
            i -= 1
        else:
            break
    return i


def find_citations(text: str) -> tuple[Citation, ...]:
    """Every document number cited in ``text``, in order, normalized."""
    out: list[Citation] = []
    text = text or ""
    for m in _number_tails(text):
        tail = m.start()
        while tail > 0 and text[tail - 1].isspace():
            tail -= 1
        start = _code_before(text, tail, MAX_CODE_CHARS)
        if start == tail:
            continue
        code = _trim_code(text[start:tail])
        start = tail - len(code)
        year = m.group(1) or m.group(2)
        out.append(_citation(text, f"{code}〔{year}〕{int(m.group(3))}号", start, m.end()))
    for serial in ORDER_SERIAL_RE.finditer(text):
        m = ORDER_HEAD_RE.search(text, max(0, serial.start() - MAX_ORDER_HEAD_CHARS), serial.start())
        if m is None:
            if text.startswith(ORDER_AFTER_SERIAL, serial.end()) and (c := _serial_first_order(text, serial)):
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


def _serial_first_order(text: str, serial: re.Match[str]) -> Citation | None:
    """``国务院第588号令``: the organ right before 第, the serial, then 令."""
    start = _code_before(text, serial.start(), MAX_ORGAN_CHARS - 1)
    organ = _trim_code(text[start : serial.start()])
    if not organ or not ORDER_ORGAN_RE.search(organ + ORDER_AFTER_SERIAL):
        return None
    start = serial.start() - len(organ)
    return _citation(text, f"{organ}令第{int(serial.group(1))}号", start, serial.end() + len(ORDER_AFTER_SERIAL))


def _citation(text: str, number: str, start: int, end: int) -> Citation:
    found = _title_before(text, start)
    if found:
        title, open_at = found
        return Citation(number, open_at, end, start, title)
    return Citation(number, start, end, start, None)


# A line that is only a number (the 版头's 发文字号 line) or a metadata row.
_OWN_NUMBER_CONTEXT_RE = re.compile(r"(?:发文字号|文号)[：:]\s*$")


def extract_references(doc: Document, clean: CleanText) -> tuple[Reference, ...]:
    """One :class:`Reference` per distinct number the document cites.

    The document's own number is not a reference, nor a number standing alone
    on its line in the header (the 版头's 发文字号 when the header reader did
    not take it) or after ``发文字号：``. When a number is cited several times,
    the first citation that gives a 《title》 supplies title and span.
    """
    start = max(0, doc.span.start)
    end = min(len(clean.text), max(doc.span.end, start))
    text = clean.text[start:end]
    own = normalize_doc_number(doc.doc_number) if doc.doc_number else None
    best: dict[str, Citation] = {}
    order: list[str] = []
    for c in find_citations(text):
        if c.doc_number == own or _is_header_number(text, c, start, doc.body_start) or _in_contents_entry(text, c):
            continue
        if c.doc_number not in best:
            best[c.doc_number] = c
            order.append(c.doc_number)
        elif best[c.doc_number].title is None and c.title:
            best[c.doc_number] = c
    refs: list[Reference] = []
    for num in order:
        c = best[num]
        refs.append(Reference(doc_number=num, title=c.title, span=clean.span(start + c.start, start + c.end)))
    return tuple(refs)


def _in_contents_entry(text: str, c: Citation) -> bool:
    """A number listed in a gazette's table of contents (``……（甲政发〔2025〕1号）……（2）``): the
    gazette names its own documents there, it does not cite them. Only the few characters
    after the number are read, so a long line costs nothing per citation."""
    tail = text[c.end : c.end + MAX_CONTENTS_TAIL_CHARS]
    cut = tail.find("\n")
    if cut == -1 and c.end + MAX_CONTENTS_TAIL_CHARS < len(text):
        return False  # the line runs on: body text, not an entry
    return CONTENTS_TAIL.match(tail if cut == -1 else tail[:cut]) is not None


def _is_header_number(text: str, c: Citation, offset: int, body_start: int) -> bool:
    """A number in the header block that stands alone (the document's own 文号)."""
    if _OWN_NUMBER_CONTEXT_RE.search(text, max(0, c.number_start - OWN_NUMBER_LABEL_WINDOW), c.number_start):
        return True
    if offset + c.number_start >= body_start:
        return False
    line_start = text.rfind("\n", 0, c.number_start) + 1
    line_end = text.find("\n", c.end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    bare = _WS_OR_PAREN_RE.sub("", line)
    return bare == _WS_RE.sub("", text[c.number_start : c.end])
