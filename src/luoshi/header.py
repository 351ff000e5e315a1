"""Stage 4: read a document's header and footer per GB/T 9704-2012.

From one document's paragraphs: 发文字号, title (multi-line titles joined),
issuers, 主送机关, genre (文种), 成文日期, signature, the title of a forwarded
document, 附件 names, and where the body that carries the outline begins
and ends. A web page's metadata table (标题/发文字号/成文日期/发文机关) fills
fields the printed header lacks.
"""

from __future__ import annotations

import msgspec
from msgspec.structs import replace

from luoshi import lazyre as re
from luoshi.chrome import (
    COUNTER_KEYS,
    PAGE_KEYS,
    TAIL,
    is_breadcrumb,
    is_column_head,
    is_furniture,
    is_meta_line,
)
from luoshi.model import Paragraph
from luoshi.outline import match_marker
from luoshi.pagebody import MAX_ADDRESSEE_CHARS
from luoshi.patterns import (
    CODELESS_NUMBER_END,
    DATE_LINE,
    DOC_NUMBER,
    DOC_NUMBER_CLOSE,
    DOC_NUMBER_LINE,
    DOC_NUMBER_OPEN,
    FORWARD_TITLE,
    GAZETTE_HEAD_RE,
    GENRES,
    PRINTED_ON_RE,
    TRADITIONAL_CHAR,
    TRADITIONAL_NUMBER_CHARS,
    cn_small_number,
    doc_number_in,
    format_doc_number,
    genre_of,
    mangled_doc_number,
    order_number_line,
    parse_date_line,
    title_genre,
)
from luoshi.split import (
    MAX_TITLE_LINES,
    ORDER_HEAD_RE,
    DocumentRange,
    fold_paragraphs,
    is_contents_entry,
    is_title_line,
    order_number_at,
)

# Metadata table keys of government web pages, and the field each fills.
# A crawler's header lines (``标题: ……``, ``文号: ……``) are read the same way; its 发布时间 is the
# posting date, not the 成文日期, and its 发布机构 the web publisher, not the issuer.
META_KEYS = {
    "标题": "title",
    "名称": "title",
    "文件名称": "title",
    "文件标题": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "文件编号": "doc_number",
    "成文日期": "date",
    "发文机关": "issuer",
}
# The keys whose values are read (META_KEYS, and the keys of the old crawler headers); a value
# runs to the next tab (a table cell) or to the next key of any kind on the same line. The scan
# looks for these few keys only: their first characters are rarer in body text than those of
# every page key (发, 时, 有, 公…).
_FIELD_KEYS = (
    r"标\s*题|名\s*称|发文字号|文\s*号|文件编号|成文日期|发文机关|发布日期|发布时间|发布机构|索\s*引\s*号|"
    r"主题分类|主\s*题\s*词"
)
_META = re.compile(rf"({_FIELD_KEYS})\s*[：:]\s*([^\t]*)")
_NEXT_KEY = re.compile(rf"(?:{PAGE_KEYS}|{COUNTER_KEYS})\s*[：:]")
# A key printed on a line of its own, its value on the next line (``发文字号:`` / ``临政发〔2023〕7号``).
_META_KEY_ONLY = re.compile(rf"^(?:{PAGE_KEYS}|{COUNTER_KEYS})\s*[：:]$")

# A CMS may print its metadata as a bulleted list (``• 发文字号:``): the bullet is no part of the key.
# A page copied as plain text marks its list items with a hyphen and a space (``- 索引号:…``).
_BULLET = re.compile(r"^(?:[•·●▪◆■◇□○]|-(?=\s))\s*")
_BULLET_CHARS = "•·●▪◆■◇□○-"


def _unbullet(text: str) -> str:
    return _BULLET.sub("", text) if text[:1] in _BULLET_CHARS else text


# The longest such line: ``今天是 2024年12月31日 星期三`` with spaces.
MAX_TODAY_LINE_CHARS = 28
# A site's own date line above its breadcrumb (``今天是 2024年3月19日 星期二``): page furniture.
_TODAY_LINE = re.compile(
    r"^(?:今天是|今日)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]$"
)


# A metadata row printed without colons, its cells run together (``索引号MB15/2023-05发文日期2023-01-03``,
# ``发布机构区政府办公室文号甲政办〔2023〕1号``): it opens with a page key and holds another, and no
# sentence punctuation.
_KEY_AT = re.compile(rf"(?:{PAGE_KEYS})")
_ROW_SENTENCE_MARKS = re.compile(r"[，,。；;！？]")
# A page's posting line: ``2023-01-05 10:00 区人民政府办公室`` (date, time, publisher).
_POSTING_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?\s*[^\s，。；]{0,30}$")
# A posting line keyed 时间 or 日期 with more page keys after the date (``时间:2023年05月12日点击次数:4679``,
# ``日期：2023-05-12 来源：县政府办``). A 时间 line with nothing keyed after it is a meeting notice's
# field (``时间：2023年5月12日上午9时``), not furniture.
_KEYED_POSTING_LINE = re.compile(
    r"^(?:时间|日期)\s*[：:]\s*\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?"
    rf"(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:{PAGE_KEYS}|{COUNTER_KEYS})\s*[：:]"
)


# A page printed from a browser carries its address on a line of its own (at the head or the foot,
# often with the page's name or a page count after it): a line that opens with a URL is no title,
# 主送 or body line of a 公文 (a 公文 names a site inside a sentence: ``网址：http://…``).
_URL_LINE = re.compile(r"^(?:https?://|www\.)[\w.-]+\.[a-z]{2,}", re.IGNORECASE)


def _is_keyed_row(text: str) -> bool:
    if len(text) > MAX_KEYED_ROW_CHARS or _ROW_SENTENCE_MARKS.search(text) or not _KEY_AT.match(text):
        return False
    first = _KEY_AT.match(text)
    return first is not None and _KEY_AT.search(text, first.end()) is not None


# A metadata row holds two or three key/value pairs: at most this long (the rows seen run to 60).
MAX_KEYED_ROW_CHARS = 80


def page_furniture(text: str) -> bool:
    """Page furniture as ``chrome.is_furniture`` knows it, also when a CMS prints it as a bulleted
    list item (``• 发布日期:``), and a site's own date line (``今天是……星期二``). Rule name in
    ``--explain``-facing docs: ``page-furniture``."""
    if is_furniture(text):
        return True
    if text[:1].isdigit() and _POSTING_LINE.match(text):
        return True
    if text[:1] in "时日" and _KEYED_POSTING_LINE.match(text):
        return True
    if _is_keyed_row(text):
        return True
    if "\t" in text and _is_meta_row(text):
        return True
    if text[:1] in "hHwW" and _URL_LINE.match(text):
        return True  # page-furniture (url): a printed page's address line
    if text[:1] in _BULLET_CHARS:
        bare = _unbullet(text)
        return not bare or is_furniture(bare) or bool(_META_KEY_ONLY.match(bare))
    return len(text) <= MAX_TODAY_LINE_CHARS and ("星期" in text or "周" in text) and bool(_TODAY_LINE.match(text))


_META_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})")

# An organisation name as signed or addressed: ends with an organ word.
_ORGAN_WORDS = (
    "人民政府", "政府", "办公厅", "办公室", "委员会", "局", "厅", "部", "委", "署", "院", "会", "处", "室", "行",
    "社", "办", "中心", "集团", "协会", "联合会", "党工委", "组织部", "管委会", "小组",
)  # fmt: skip
_ORGAN_END = re.compile(rf"(?:{'|'.join(_ORGAN_WORDS)})$")
_ISSUER_SPLIT = re.compile(r"[、，,\s]+")

# Unit names can hold 、 inside brackets; addressees are split at ，only (guide), and at a ；, which
# some 主送 lines print between the groups a ， would separate (``各市、县人民政府；省政府各部门：``):
# it separates more, never less, than a comma.
_TOP_LEVEL_COMMA = re.compile(r"[，,；;](?![^（(]*[）)])")


class Header(msgspec.Struct, frozen=True):
    """The fields of a document's header block (GB/T 9704 版头 and 主体 opening) as read off its paragraphs."""

    doc_number: str | None
    title: str | None
    issuers: tuple[str, ...]
    date: str | None
    addressees: tuple[str, ...]
    genre: str | None
    forwarded_title: str | None
    signature: tuple[str, ...]
    attachments: tuple[str, ...]
    body_first: int  # paragraph index where the outline-carrying body starts
    body_last: int  # paragraph index after the body
    first: int
    last: int
    # ``date``, else the first of the month a document dated by year and month only gives
    # (``2009年1月`` under its signature, ``——2024年1月在……会议上``): see ``Document.reference_date``.
    reference_date: str | None = None
    # which rule found each field it gives (``HEADER_RULES``), for ``--explain``
    rules: tuple[FieldRule, ...] = ()


class FieldRule(msgspec.Struct, frozen=True):
    """The header rule (a ``HEADER_RULES`` name) that gave one field of the contract."""

    field: str
    rule: str


# A page's metadata table sits above the body: without a 发文字号 to stop at, this many
# paragraphs are read (the gz pages' tables: 7 rows; crawler headers: 8 lines).
META_SCAN_PARAGRAPHS = 12


def _meta_fields(paras: tuple[Paragraph, ...], rng: DocumentRange) -> dict[str, str]:
    out: dict[str, str] = {}
    limit = rng.number_index if rng.number_index is not None else min(rng.last, rng.first + META_SCAN_PARAGRAPHS)
    for p in paras[rng.first : limit]:
        text = p.text
        m = _META.search(text)
        while m is not None:
            value = m.group(2)
            if cut := _NEXT_KEY.search(value):
                value = value[: cut.start()]  # ``来源:甲市政府网 日期:……``: the next key ends it
            key = re.sub(r"\s", "", m.group(1))
            if key in META_KEYS and value.strip() and META_KEYS[key] not in out:
                out[META_KEYS[key]] = value.strip()
            m = _META.search(text, m.start(2) + len(value))
        if "doc_number" not in out and "号" in text and (number := _unkeyed_number(text)):
            out["doc_number"] = number
        if "\t" in text:
            for field, value in _tab_meta(text):
                out.setdefault(field, value)
    return out


def _cell_key(cell: str) -> str:
    return re.sub(r"[\s：:]", "", cell)


def _tab_meta(text: str) -> list[tuple[str, str]]:
    """A metadata table row read with its cells apart (``文件名称<tab>……``): a key cell without its
    colon, the value in the next cell."""
    cells = text.split("\t")
    out = []
    for i, cell in enumerate(cells[:-1]):
        key = _cell_key(cell)
        if key in META_KEYS and (value := cells[i + 1].strip()) and _valid_meta(META_KEYS[key], value):
            out.append((META_KEYS[key], value))
    return out


# A table title value holds at least this many characters (``2024年工作要点`` has 8; a header cell
# such as ``规格`` or ``数量`` far fewer).
MIN_META_TITLE_CHARS = 6


def _valid_meta(field: str, value: str) -> bool:
    """A cell value that reads as the field (a title, a 发文字号, a date, an organ), not another
    table's header cell."""
    if field == "title":
        return len(value) >= MIN_META_TITLE_CHARS and _cell_key(value) not in META_KEYS
    if field == "doc_number":
        return doc_number_in(value) is not None
    if field == "date":
        return _META_DATE.search(value) is not None
    return _ORGAN_END.search(value) is not None


def _is_meta_row(text: str) -> bool:
    """A tabbed row of a page's metadata table: its first cell is a key (``文件名称``, ``索引号``)."""
    first = text.split("\t", 1)[0]
    key = _cell_key(first)
    return bool(key) and (key in META_KEYS or bool(_KEY_AT.fullmatch(key)))


# ``文号蔡政办〔2023〕1号``: a metadata row printed without a colon, the number right after its key.
_NUMBER_KEY = re.compile(r"(?:发文字号|文\s*号|文件编号)\s*")


def _unkeyed_number(text: str) -> str | None:
    for k in _NUMBER_KEY.finditer(text):
        if (m := DOC_NUMBER.match(text, k.end())) and m.group("agency") and "号" not in m.group("agency"):
            return format_doc_number(m)
    return None


def _meta_pairs(paras: tuple[Paragraph, ...], rng: DocumentRange) -> dict[str, str]:
    """Keys printed on lines of their own, each naming the next line (``发文字号:`` then
    ``临政发〔2023〕7号``: the number line itself may be that value). Read only for a page whose
    printed header lacks its title or number."""
    out: dict[str, str] = {}
    limit = rng.number_index + 1 if rng.number_index is not None else rng.first + META_SCAN_PARAGRAPHS
    for i in range(rng.first, min(limit, rng.last - 1)):
        text = _unbullet(paras[i].text)
        if text.endswith((":", "：")) and _META_KEY_ONLY.match(text) and not page_furniture(paras[i + 1].text):
            key = re.sub(r"[\s：:]", "", text)
            if key in META_KEYS and META_KEYS[key] not in out:
                out[META_KEYS[key]] = paras[i + 1].text.strip()
    return out


# A 签发人 line of its own under the number (several signers).
SIGNER_LINE_RE = re.compile(r"^\s*签发人\s*[：:]")


def _title_after_banner(paras: tuple[Paragraph, ...], number_index: int, last: int) -> TitleBlock:
    """Title lines that follow a 版头 (``××文件`` then 发文字号, perhaps a 签发人 line)."""
    i = number_index + 1
    while i < last and SIGNER_LINE_RE.match(paras[i].text):
        i += 1
    j = i
    while j < last and j - i < MAX_TITLE_LINES and is_title_line(paras[j].text) and not page_furniture(paras[j].text):
        j += 1
        if genre_of(paras[j - 1].text):
            break
    return TitleBlock(None, tuple(paras[k].text for k in range(i, j)), j, title_rule="title:below-number")


# A title line may run long (a joint title naming seven issuers) when it ends with its 文种.
MAX_LONG_TITLE_CHARS = 300


def _long_title(text: str) -> bool:
    return (
        len(text) <= MAX_LONG_TITLE_CHARS
        and "。" not in text
        and "：" not in text
        and genre_of(text) is not None
        and not match_marker(text)
    )


def _undouble(title: str) -> str:
    """A title printed twice in a row and joined into one line (pkulaw exports)."""
    half = len(title) // 2
    if len(title) % 2 == 0 and half and title[:half] == title[half:]:
        return title[:half]
    return title


def _last_copy(lines: list[str]) -> list[str]:
    """A title printed again after a line between (a law database's ``T`` / issuer / ``T``): a
    title never repeats its own first line, so the last copy is the title."""
    if len(lines) < 3 or lines[0] not in lines[2:]:
        return lines
    for k in range(len(lines) - 1, 1, -1):
        if lines[k] == lines[0]:
            return lines[k:]
    return lines


def _dedupe_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not out or out[-1] != line:
            out.append(line)
    return out


# Words that end the issuer part of a title (``X关于……``, ``X贯彻执行Y关于……``).
_TITLE_VERB = re.compile(r"关于|转发|印发|批转|贯彻执行|贯彻落实|贯彻")
# A joint title may print its issuers with no separator (``广州市人力资源和社会保障局广州市财政局``):
# a new issuer starts after an organ word where the text repeats the first issuer's place name.
PLACE_PREFIX_CHARS = 2


# ``X等4部门``, ``X等六单位``, ``X等三部委``: a title that counts its issuers instead of naming them.
_GROUP_OF_ISSUERS = re.compile(r"等(?:\d{1,2}|[一二三四五六七八九十]{1,3})个?(?:部门|单位|部委|机关|厅局|委办局)$")


def _issuers_from_title(title: str) -> tuple[str, ...]:
    if order := ORDER_HEAD_RE.match(title):
        return (order.group("organ"),)  # ``甲省人民政府令``
    m = _TITLE_VERB.search(title)
    if not m or m.start() == 0:
        return ()
    prefix = title[: m.start()]
    if _GROUP_OF_ISSUERS.search(prefix):
        return ()  # ``甲省财政厅等六单位``: the signature names them
    out: list[str] = []
    for part in _ISSUER_SPLIT.split(prefix):
        if part:
            out.extend(split_run_on_issuers(part))
    return tuple(out)


# A Party body's name opens with 中共 before its place (``中共临川市委办公室``).
PARTY_PREFIX = "中共"


def split_run_on_issuers(text: str) -> list[str]:
    """``甲市A局甲市B委员会`` → [``甲市A局``, ``甲市B委员会``]; one name stays whole."""
    party = PARTY_PREFIX if text.startswith(PARTY_PREFIX) else ""  # ``中共甲市委办公室甲市人民政府办公室``
    place = text[len(party) : len(party) + PLACE_PREFIX_CHARS]
    parts: list[str] = []
    start = 0
    for k in range(len(party) + PLACE_PREFIX_CHARS * 2, len(text) - PLACE_PREFIX_CHARS + 1):
        if not text.startswith(place, k):
            continue
        # a Party body among them opens with 中共 before the place (``……委员会中共甲市委社会工作部``)
        cut = k - len(PARTY_PREFIX) if text.startswith(PARTY_PREFIX, k - len(PARTY_PREFIX)) else k
        if cut > start and _ORGAN_END.search(text[start:cut]) and cut - start >= 2 * PLACE_PREFIX_CHARS:
            parts.append(text[start:cut])
            start = cut
    parts.append(text[start:])
    return parts


def split_addressees(text: str) -> tuple[str, ...]:
    text = text.rstrip("：:").strip()
    return tuple(x.strip() for x in _TOP_LEVEL_COMMA.split(text) if x.strip())


def _looks_like_addressees(text: str) -> bool:
    return (
        text.endswith(("：", ":"))
        and "。" not in text
        and len(text) <= MAX_ADDRESSEE_CHARS
        and not is_meta_line(_unbullet(text))
        and not _SALUTATION.search(text)
        and not _CLAUSE_OPENING.match(text)
        and "《" not in text
    )


# A 公告's or 通告's opening sentence ends with a colon too (``为保障……用地需求，根据《……》的规定，
# 经县政府研究决定，现发布公告：``): a 主送 names organs, it neither opens with a purpose or basis
# word nor cites a document. ``经`` opens a clause but not ``经济开发区``, ``经开区``, ``经信局``.
_CLAUSE_OPENING = re.compile(r"^\s*(?:为了?|根据|依据|按照|遵照|鉴于|经(?![济开信]))")


# A speech's salutation is not a 主送机关 (guide): ``各位代表：``, ``各位代表，同志们：``.
_SALUTATION = re.compile(r"(?:代表|委员|同志们|同志|朋友们|女士们|先生们)[！!]?[：:]$")
# ``——2024年3月5日在第十四届全国人民代表大会第二次会议上``: a report's subtitle.
# ``——2024年3月5日在……会议上`` or, in some reports, ``（2024年1月15日在……会议上）``; the date
# may be written in Chinese numerals (``二〇二四年一月十五日``).
_SUB_NUM = r"\d{1,4}|[〇零○一二三四五六七八九十]{1,4}"
# A speech may give the month only (``——2024年1月在……会议上``): no 成文日期, but the month it
# speaks from (``reference_date``).
_SUBTITLE_DATE = re.compile(
    rf"^(?:[—－\-–]{{1,2}}|[（(])\s*(?P<y>{_SUB_NUM})\s*年\s*(?P<m>{_SUB_NUM})\s*月\s*(?:(?P<d>{_SUB_NUM})\s*日)?\s*在"
)
# Some pages drop the dash and break the subtitle over two lines (``2025年3月21日在甲区第十九届`` /
# ``人民代表大会第四次会议上``): a paragraph that opens with the date and 在, and ends (alone or with
# the next line) with the meeting, 会议上 or 大会上.
_BARE_SUBTITLE_DATE = re.compile(
    rf"^\s*(?P<y>{_SUB_NUM})\s*年\s*(?P<m>{_SUB_NUM})\s*月\s*(?:(?P<d>{_SUB_NUM})\s*日)?\s*在"
)
_MEETING_END = re.compile(r"(?:会议|大会)上[）)]?$")
# The subtitle's two lines together are at most this long (a county congress's full name).
MAX_SUBTITLE_CHARS = 60


# A speech prints its date in brackets on a line of its own under the title (``（2019年3月31日）``).
_BRACKET_DATE_LINE = re.compile(
    rf"^[（(]\s*(?P<y>{_SUB_NUM})\s*年\s*(?P<m>{_SUB_NUM})\s*月\s*(?:(?P<d>{_SUB_NUM})\s*日)?\s*[）)]$"
)


def _subtitle_match(paras: tuple[Paragraph, ...], k: int, last: int) -> tuple[re.Match[str] | None, str]:
    """The date match of a report's subtitle (or a speech's bracketed date line) at paragraph
    ``k`` and the subtitle's text."""
    text = paras[k].text
    if m := _SUBTITLE_DATE.match(text):
        return m, text
    if text.endswith(("）", ")")) and (m := _BRACKET_DATE_LINE.match(text)):
        return m, text
    if not (m := _BARE_SUBTITLE_DATE.match(text)):
        return None, text
    whole = text if _MEETING_END.search(text) or k + 1 >= last else text + paras[k + 1].text
    if len(whole) > MAX_SUBTITLE_CHARS or not _MEETING_END.search(whole):
        return None, text
    return m, whole


_REPORTER = re.compile(r"我代表(?P<who>[^，,。；、]{2,30}?)[，,]?\s*向(?:大会|会议|全会)")
# The subtitle and the opening sentence stand within this many paragraphs of the text's start.
SPEECH_OPENING_PARAGRAPHS = 16


class SpeechFields(msgspec.Struct, frozen=True):
    """What a report or speech (no 版头, no 落款) says about itself in its opening lines."""

    date: str | None
    issuer: str | None
    month: str | None = None  # ``YYYY-MM-01`` of a subtitle that names the month only


# The congress a report is given to names the place: ``在甲市第十六届人民代表大会第五次会议上``.
_CONGRESS_PLACE = re.compile(r"在(?P<place>[^\d第，。、]{2,20}?)(?:第[一二三四五六七八九十\d]{1,4}届)?人民代表大会")
# A report's title that names its government: ``2023年甲市政府工作报告``, ``甲县人民政府工作报告``.
_REPORT_TITLE_PLACE = re.compile(
    r"^(?:\d{4}\s*年)?(?P<place>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗))(?:人民)?政府工作报告"
)
# ``我代表市人民政府``: the reporter names its own government by its level only.
_LEVEL_ONLY = re.compile(r"^(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗)")


def _with_place(who: str, place: str | None) -> str:
    """``市人民政府`` given to ``甲市``'s congress → ``甲市人民政府``; a full name stays."""
    m = _LEVEL_ONLY.match(who)
    if place and m and place.endswith(m.group(0)):
        return place + who[m.end() :]
    return who


def _speech_fields(paras: tuple[Paragraph, ...], first: int, last: int) -> SpeechFields | None:
    date = issuer = place = month = None
    for k in range(first, min(last, first + SPEECH_OPENING_PARAGRAPHS)):
        p = paras[k]
        m, subtitle = _subtitle_match(paras, k, last) if date is None and month is None else (None, "")
        if m is not None:
            y, mo = cn_small_number(m.group("y")), cn_small_number(m.group("m"))
            d = cn_small_number(m.group("d")) if m.group("d") else None
            if y is not None and mo is not None and 1900 <= y and 1 <= mo <= 12:
                if d is not None and 1 <= d <= 31:
                    date = f"{y:04d}-{mo:02d}-{d:02d}"
                elif m.group("d") is None:
                    month = f"{y:04d}-{mo:02d}-01"
            if pm := _CONGRESS_PLACE.search(subtitle):
                place = pm.group("place")
        elif place is None and "政府工作报告" in p.text and (tm := _REPORT_TITLE_PLACE.match(p.text)):
            place = tm.group("place")  # the report's title names its government (no congress in a subtitle)
        if issuer is None and (m := _REPORTER.search(p.text)) and _ORGAN_END.search(m.group("who")):
            issuer = _with_place(m.group("who"), place)
        if match_marker(p.text):
            break
    if date is None and issuer is None and month is None:
        return None
    return SpeechFields(date, issuer, month)


_ATTACHMENT_RE = re.compile(r"^附件[：:]\s*")


def read_header(
    paras: tuple[Paragraph, ...], rng: DocumentRange, folded: tuple[Paragraph, ...] | None = None
) -> Header:
    """Read one document's header and footer, step by step (each step a small result).

    The rules read ``folded`` (``split.fold_paragraphs(paras)``, computed here when not given): a
    page in traditional script is read as its simplified fold, and the fields are then taken back
    from the printed text at the same positions (:class:`_Unfold`)."""
    if folded is None:
        # only this document's paragraphs are asked (a gazette's other documents are not rescanned)
        plain = not any(TRADITIONAL_CHAR.search(p.text) for p in paras[rng.first : rng.last])
        folded = paras if plain else fold_paragraphs(paras)
    header = _read_header(folded, rng)
    if folded is paras:
        return header
    return _Unfold.of(paras, folded, rng.first, header.last).header(header, folded)


class _Unfold(msgspec.Struct, frozen=True):
    """A document's text as printed and as folded (the same length), to take fields back."""

    printed: str
    folded: str
    lines: tuple[tuple[str, str], ...]  # each paragraph as printed and as folded

    @classmethod
    def of(cls, paras: tuple[Paragraph, ...], folded: tuple[Paragraph, ...], first: int, last: int) -> _Unfold:
        lines = tuple((p.text, f.text) for p, f in zip(paras[first:last], folded[first:last], strict=True))
        return cls("".join(p for p, _ in lines), "".join(f for _, f in lines), lines)

    def text(self, value: str | None) -> str | None:
        """``value`` as printed: a field is a stretch of the folded text (lines joined)."""
        if not value:
            return value
        at = self.folded.find(value)
        return self.printed[at : at + len(value)] if at >= 0 else value

    def number(self, value: str | None) -> str | None:
        """A 发文字号 read on the fold, its code as printed but for 号 and 国 (the references' form)."""
        if not value:
            return value
        for printed, folded in self.lines:
            for m in DOC_NUMBER.finditer(folded) if "号" in folded else ():
                if format_doc_number(m) == value:
                    code = printed[m.start("agency") : m.end("agency")].translate(TRADITIONAL_NUMBER_CHARS)
                    return code + value[len(m.group("agency")) :]
        return value

    def header(self, h: Header, folded: tuple[Paragraph, ...]) -> Header:
        def texts(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(self.text(v) or v for v in values)

        return replace(
            h,
            doc_number=self.number(h.doc_number),
            title=self.text(h.title),
            issuers=texts(h.issuers),
            addressees=texts(h.addressees),
            forwarded_title=self.text(h.forwarded_title),
            signature=texts(h.signature),
            attachments=texts(h.attachments),
            rules=(*h.rules, FieldRule("script", TRADITIONAL_RULE)),
        )


def _read_header(paras: tuple[Paragraph, ...], rng: DocumentRange) -> Header:
    """The header rules on ``paras`` (folded when the text is in traditional script)."""
    meta = _meta_fields(paras, rng)
    last = _document_end(paras, rng)
    block = _title_block(paras, rng, last)
    if not block.lines or block.doc_number is None:
        meta = {**_meta_pairs(paras, rng), **meta}
    title = _resolve_title(block.lines, meta)
    doc_number = block.doc_number or (doc_number_in(meta["doc_number"]) if meta.get("doc_number") else None)
    number_rule = block.number_rule if block.doc_number else "number:meta" if doc_number else None
    main_send = _main_send(paras, block, last)
    if doc_number is None and main_send.doc_number is not None:
        doc_number, number_rule = main_send.doc_number, main_send.number_rule
    speech = _speech_fields(paras, rng.first, last) if doc_number is None else None
    closing = _closing(paras, main_send.body_first, last, speech, meta)
    if closing.date is None and main_send.date is not None:
        closing = ClosingBlock(main_send.date, None, (), rule=DATE_BESIDE_NUMBER)
    issuers = _issuers(title, block.issuer_line, closing.signature, speech, meta)
    body = _body_bounds(paras, title, closing, main_send.body_first, last)
    genre = _genre(title) if title else None
    genre_rule = ("genre:title-end" if title_genre(title) else "genre:title-only") if genre else None
    if title is None and body.issues_to_you:
        # no title printed, but the text is an 印发/转发 notice's own (``现将《X》印发给你们``): a 通知
        genre, genre_rule = "通知", "genre:issuing-notice"
    rules = (
        ("title", _title_rule(block, title)),
        ("doc_number", number_rule),
        ("issuers", issuers.rule),
        ("date", closing.rule),
        ("addressees", main_send.rule if main_send.addressees else None),
        ("genre", genre_rule),
        ("forwarded_title", body.rule if body.forwarded_title else None),
    )
    attachments = tuple(
        _ATTACHMENT_RE.sub("", p.text) for p in paras[body.first : last] if p.text.startswith(("附件：", "附件:"))
    )
    return Header(
        doc_number=doc_number,
        title=title,
        issuers=issuers.names,
        date=closing.date,
        reference_date=closing.date or closing.month,
        addressees=main_send.addressees,
        genre=genre,
        forwarded_title=body.forwarded_title,
        signature=closing.signature,
        attachments=attachments,
        body_first=body.first,
        body_last=max(body.last, body.first),
        first=rng.first,
        last=last,
        rules=tuple(FieldRule(f, r) for f, r in rules if r is not None),
    )


# 文种 read on a title the header has found, never used to recognise one: a 公示 (a list or a
# decision put up for objections) ends its title like any 文种, but a body line ends with the word
# as often (``……企业信用信息公示`` / ``系统予以公开``), so it is not in ``patterns.GENRES``, which
# the cleaner and the splitter use to tell a title's last line (adding it there split a corpus
# sentence after 公示).
TITLE_ONLY_GENRES = ("公示",)


def _genre(title: str) -> str | None:
    """The title's 文种 (``title_genre``), or a title-only one (:data:`TITLE_ONLY_GENRES`)."""
    genre = title_genre(title)
    if genre is None:
        bare = _TITLE_PERIOD_NOTE.sub("", title)
        genre = next((g for g in TITLE_ONLY_GENRES if bare.endswith(g)), None)
    return genre


# ``……名单的公示（第二批）``: a short bracket note after the 文种 (the same width as patterns'
# trailing bracket: a period, a batch, 试行).
_TITLE_PERIOD_NOTE = re.compile(r"[（(][^（()）]{1,8}[）)]$")


def _document_end(paras: tuple[Paragraph, ...], rng: DocumentRange) -> int:
    """Where the document ends: 版记 and page chrome are not part of it."""
    for i in range(rng.first, rng.last):
        if TAIL.match(paras[i].text):
            return i
    return rng.last


class TitleBlock(msgspec.Struct, frozen=True):
    """The 发文字号 and title lines of a header, and the paragraph after them."""

    doc_number: str | None
    lines: tuple[str, ...]
    after: int
    # the 主送 when a copy printed it on the title's line (``……的通知（甲府办〔2023〕5号）各区……：``)
    addressees: tuple[str, ...] = ()
    title_rule: str | None = None  # which rule found the lines (``HEADER_RULES``)
    number_rule: str | None = None
    # the 发文机关 printed on a line of its own beside the title (:func:`_with_issuer_line`)
    issuer_line: tuple[str, ...] = ()


def _title_block(paras: tuple[Paragraph, ...], rng: DocumentRange, last: int) -> TitleBlock:
    if rng.number_index is not None and not _is_meta_value(paras, rng.number_index, rng.first):
        block = _with_issuer_line(_numbered_title_block(paras, rng.first, rng.number_index, last), paras, rng.first)
        return _with_issuer_line_below(block, paras, last)
    block = _unnumbered_title_block(paras, rng.first, last)
    if rng.number_index is not None and block.doc_number is None:
        # the number is a value of the page's metadata list: the title is printed below the list
        block = replace(block, doc_number=doc_number_in(paras[rng.number_index].text), number_rule="number:meta-list")
    return _with_issuer_line(block, paras, rng.first)


def _organ_line_names(text: str) -> tuple[str, ...]:
    """The names on a line that names organs and nothing else (``甲市财政局　甲市教育局``, which the
    cleaner may run together), else (): each name ends with an organ word and is no longer than a
    signature line. A line saying 关于 or ending with a 文种 is a title's, one ending with 文件 a 版头."""
    if "关于" in text or text.endswith("文件") or _SENTENCE_MARKS.search(text) or genre_of(text):
        return ()
    names = [n for part in _ISSUER_SPLIT.split(text) if part for n in split_run_on_issuers(part)]
    if names and all(len(n) <= MAX_SIGNATURE_LINE_CHARS and _ORGAN_END.search(n) for n in names):
        return tuple(names)
    return ()


def _with_issuer_line(block: TitleBlock, paras: tuple[Paragraph, ...], first: int) -> TitleBlock:
    """A 发文机关 printed on a line of its own beside the title (GB/T 9704's 发文机关标志 without
    文件; a web or law-database copy prints the issuer between the title and the number, or between
    the number and the title) is the issuer, not a title line. A title is 发文机关 + 事由 + 文种 and
    names each issuer once, so an organ line is no part of it when

    - it stands under the line that ends with the 文种 (a title ends there);
    - the title below it opens with the same organ (``河南省甲市人民政府办公室`` over
      ``甲市人民政府办公室关于……``): a joint title's first line names another organ;
    - the page prints the title below it again as a line of its own (a page heading) without it;
      when the copy beside the number is cut short (no 文种) and the heading runs on from it to its
      文种, the heading is the title (:func:`_page_heading_of`);
    - it stands between two copies of the title (a law database's title / issuer / title).

    Otherwise an organ line over ``关于……`` is a title broken after its issuers and stays."""
    lines = block.lines
    if len(lines) < 2:
        return block
    if genre_of(lines[-2]) and (names := _organ_line_names(lines[-1])):
        return replace(block, lines=lines[:-1], issuer_line=names)
    if names := _organ_line_names(lines[0]):
        rest = "".join(lines[1:])
        verb = _TITLE_VERB.search(rest)
        own = rest[: verb.start()] if verb else ""
        heading = _page_heading_of(rest, paras, first, block.after)
        if heading is not None:
            return replace(block, lines=(heading,), issuer_line=names)
        if own and lines[0].endswith(own):
            return replace(block, lines=lines[1:], issuer_line=names)
    if lines[0] in lines[2:]:
        copy = len(lines) - 1 - lines[::-1].index(lines[0])
        between = [names for line in lines[1:copy] if (names := _organ_line_names(line))]
        if len(between) == 1:
            return replace(block, issuer_line=between[0])
    return block


def _with_issuer_line_below(block: TitleBlock, paras: tuple[Paragraph, ...], last: int) -> TitleBlock:
    """A page heading read as the title above the number, and under the number the issuer line and
    the title printed again (heading / posting line / number / issuer / title): that organ line is
    the issuer line too (:func:`_with_issuer_line`)."""
    k = block.after
    if block.title_rule != "title:above-number" or block.issuer_line or k + 1 >= last:
        return block
    names = _organ_line_names(paras[k].text)
    if names and _repeats_header(paras[k + 1].text, _printed_title(block.lines)):
        return replace(block, issuer_line=names)
    return block


def _page_heading_of(title: str, paras: tuple[Paragraph, ...], first: int, last: int) -> str | None:
    """The page's own heading line in [first, last) for ``title``: a second copy of it, or,
    when ``title`` ends with no 文种 (a copy cut short: ``关于印发甲市……代表建议``), a line that runs
    on from it to its 文种, which is then the full title. None if the page prints neither."""
    seen = 0
    full = None
    for p in paras[first:last]:
        # a heading may add a version note to the title (``……的通知（2019修订）``): still a copy
        if p.text == title or (p.text.startswith(title) and _TRAILING_BRACKET_ONLY.match(p.text[len(title) :])):
            seen += 1
        elif full is None and len(p.text) > len(title) and p.text.startswith(title) and genre_of(p.text):
            full = p.text
    if seen > 1:
        return title
    return full if full is not None and not genre_of(title) else None


def _is_meta_value(paras: tuple[Paragraph, ...], i: int, first: int) -> bool:
    """Whether paragraph ``i`` is the value of a metadata key printed on the line above it."""
    if i <= first or not paras[i - 1].text.endswith((":", "：")):
        return False
    return bool(_META_KEY_ONLY.match(_unbullet(paras[i - 1].text)))


# Page lines (a 来源 or 发布时间 line, a 字号 or 打印 button row) stepped over between a title and
# the number below it: the pages seen print one to three.
MAX_PAGE_LINES_ABOVE_NUMBER = 3


def _numbered_title_block(paras: tuple[Paragraph, ...], first: int, number_index: int, last: int) -> TitleBlock:
    """Title above the 发文字号 (gazette style), else below it (版头 ``××文件``, number, title).
    A 令 has no title: its 发文机关标志 (``甲省人民政府令``) stands for it."""
    if (titled := _title_with_codeless_number(paras[number_index].text)) is not None:
        return TitleBlock(None, (titled,), number_index + 1, title_rule=TITLE_WITH_CODELESS_NUMBER)
    doc_number = doc_number_in(paras[number_index].text)
    order = order_number_at(paras, number_index) if doc_number is None else None
    number_rule = "number:line"
    if doc_number is None and order is None and (code := order_number_line(paras[number_index].text)):
        doc_number, number_rule = code, "number:order-code"
    if order is not None:
        above = _title_above_order(paras, first, order.head_index)
        if above.lines:
            return replace(above, doc_number=order.doc_number, after=number_index + 1, number_rule="number:order")
        if (run_on := _order_title_run_on(paras, order.organ, number_index, last)) is not None:
            title, issuer = run_on
            return TitleBlock(
                issuer + order.doc_number[len(order.organ) :],
                (title,),
                number_index + 1,
                title_rule=TITLE_BEFORE_ORDER,
                number_rule="number:order",
                issuer_line=(issuer,),
            )
        return TitleBlock(
            order.doc_number,
            (f"{order.organ}令",),
            number_index + 1,
            title_rule="title:order",
            number_rule="number:order",
        )
    run: list[int] = []  # the contiguous run of title lines right above the number
    # A page may print its own lines between the title and the number (``信息来源: 市政府办公室``,
    # ``发布时间:……``, ``字号 大 中 小``): they are stepped over, and the title above them is
    # taken only when it ends with its 文种.
    top = number_index - 1
    while top >= first and number_index - top <= MAX_PAGE_LINES_ABOVE_NUMBER and page_furniture(paras[top].text):
        top -= 1
    stepped = top < number_index - 1
    i = top
    while i >= max(first, top + 1 - MAX_TITLE_LINES) and is_title_line(paras[i].text):
        if page_furniture(paras[i].text) or _ends_title_run(paras[i].text):
            break
        if run and _another_title(paras[i].text, "".join(paras[k].text for k in run)):
            break
        if run and _not_title_head(paras[i].text) and _opens_title(paras[run[0]].text):
            break
        run.insert(0, i)
        i -= 1
    if not run and top >= first and _long_title(paras[top].text):
        run = [top]
    if stepped and run and genre_of("".join(paras[k].text for k in run)) is None:
        run = []
    # A 版头 (``国务院文件``) or a gazette's column head (``上级文件``) is never part of a title.
    while run and _is_banner(paras[run[0]].text):
        run.pop(0)
    below = _title_after_banner(paras, number_index, last)
    # A 发文机关标志 printed as the issuer's name alone (a 函 or 纪要 in 信函格式, ``××人民政府办公室``
    # without 文件) stands above the number like a gazette title, but it names no 文种: when
    # the lines below the number do, they are the title (GB/T 9704 7.2 then 7.3.1).
    above = "".join(paras[k].text for k in run)
    # A page heading above the number that names the issued document (``甲市公文处理规定``) is no
    # title when the lines below the number open with ``X关于`` / ``关于`` and end with a 文种.
    heading_only = "关于" not in above and "关于" in "".join(below.lines[:1]) and genre_of("".join(below.lines))
    if run and not heading_only and not (genre_of(above) is None and genre_of("".join(below.lines))):
        return TitleBlock(
            doc_number, tuple(paras[k].text for k in run), number_index + 1, (), "title:above-number", number_rule
        )
    return replace(below, doc_number=doc_number, number_rule=number_rule)


TITLE_BEFORE_ORDER = "title:before-order"
# The promulgated regulation's title run into the 令's line (a copy that lost the space and the
# line break: ``甲省土地整治办法甲省人民政府令第116号``): it is read so only when the promulgation
# sentence below names the same title in 《》 (``《甲省土地整治办法》已经……通过，现予发布``),
# within this many paragraphs.
MAX_PARAGRAPHS_TO_PROMULGATION = 2


def _order_title_run_on(
    paras: tuple[Paragraph, ...], organ: str, number_index: int, last: int
) -> tuple[str, str] | None:
    """The title and the issuer a 令's organ part holds (longest title first), else None."""
    named = "".join(
        paras[k].text for k in range(number_index + 1, min(last, number_index + 1 + MAX_PARAGRAPHS_TO_PROMULGATION))
    )
    if "《" not in named:
        return None
    for cut in range(len(organ) - 2, MIN_PLAIN_TITLE_CHARS - 1, -1):
        title, issuer = organ[:cut], organ[cut:]
        if genre_of(title) and f"《{title}》" in named and _ends_with_organ(issuer):
            return title, issuer
    return None


def _title_above_order(paras: tuple[Paragraph, ...], first: int, head: int) -> TitleBlock:
    """The title printed above a 令's 发文机关标志 (a law database prints the promulgated document's
    title, its issuer line and the title again over ``甲市人民政府令第5号``): the contract's 令 entries
    carry that title (``人力资源和社会保障部令第26号`` / ``关于废止……的通知``). The lines must end with
    a 文种; else the block is empty and the 令's 发文机关标志 stands for the title."""
    i = head - 1
    while (
        i >= max(first, head - MAX_TITLE_LINES)
        and is_title_line(paras[i].text)
        and not page_furniture(paras[i].text)
        and not _ends_title_run(paras[i].text)
    ):
        i -= 1
    lines = tuple(p.text for p in paras[i + 1 : head])
    block = _with_issuer_line(TitleBlock(None, lines, head, title_rule="title:above-order"), paras, first)
    printed = _printed_title(block.lines) if block.lines else ""
    if not printed or not genre_of(printed) or ORDER_HEAD_RE.match(printed):
        return TitleBlock(None, (), head)
    return block


# The first line of a title names its issuer and then says 关于 (``甲市人民政府办公室关于……``).
_TITLE_OPENING = re.compile(r"^[^，。；：]{2,60}?关于")


def _opens_title(text: str) -> bool:
    m = _TITLE_OPENING.match(text) if "关于" in text else None
    return m is not None and _ends_with_organ(text[: m.end() - 2])


def _not_title_head(text: str) -> bool:
    """A line above a title's opening line that cannot start the same title: it says no 关于,
    ends with no organ word (a joint title's first issuer) and no connecting word. A line ending
    with 文件 is left to the 版头 test (``_is_banner``), which knows a banner from a title line."""
    return (
        "关于" not in text
        and not _ends_with_organ(text)
        and not text.endswith(("转发", "印发", "批转", "和", "、", "文件"))
    )


def _ends_with_organ(text: str) -> bool:
    # ``_ORGAN_END.search`` reaches its end anchor by trying every position of the line
    return text.endswith(_ORGAN_WORDS)


# A 版头 or column head is a short line ending with 文件 (``国务院文件``, ``上级文件``).
MAX_BANNER_CHARS = 20


def _is_banner(text: str) -> bool:
    if not text.endswith("文件") or "关于" in text:
        return False
    if len(text) <= MAX_BANNER_CHARS:
        return True
    # A joint document's 版头 names each issuer before 文件 (``甲省发展和改革委员会　甲省财政厅文件``).
    names = [n for part in _ISSUER_SPLIT.split(text[:-2]) if part for n in split_run_on_issuers(part)]
    return len(names) > 1 and all(len(n) <= MAX_SIGNATURE_LINE_CHARS and _ORGAN_END.search(n) for n in names)


def _ends_title_run(text: str) -> bool:
    """A line above a title that no title line can be: a banner, a gazette head, a 版记 line,
    a contents entry."""
    return (
        _is_banner(text)
        or bool(GAZETTE_HEAD_RE.match(text) or PRINTED_ON_RE.search(text))
        or is_contents_entry(text)
        or (is_column_head(text) and genre_of(text) is None)
    )


def _another_title(line: str, run_text: str) -> bool:
    """A line above the title lines collected so far that is a whole title of its own: it ends
    with a 文种 and says 关于 while the lines below already hold their own 关于 (a title has one;
    a contents page that lists titles without numbers stands right above the first title)."""
    return "关于" in line and "关于" in run_text and genre_of(line) is not None


# A document without 版头 whose title names no 文种 of the list (a 公示, a 名单, a speech's
# ``在……会议上的讲话``): its first line is the title when it reads as one — a heading of this many
# characters (the shortest such titles run to 8, ``2024年度考核名单``; the longest seen on one line
# to 48) with no sentence punctuation, standing right above the body (a sentence, a 主送 line, a
# table row or a report's subtitle). A masthead or a signer (a name ending in an organ word), a
# site's or column's name, a date line or an outline heading is never taken.
MIN_PLAIN_TITLE_CHARS = 8
MAX_PLAIN_TITLE_CHARS = 48
_PLAIN_TITLE_MARKS = re.compile(r"[，,。；;：:！!？?]")
# A speech's title may stand over a main heading of up to this many lines before its date line.
MAX_HEADING_LINES_BEFORE_DATE = 2
_SITE_NAME_END = ("网站", "网", "门户", "平台", "专栏", "频道", "首页")
# A title is words: a path or an address (``gswj/202302/t20230222_44295.htm``, the rest of a
# 原文链接 wrapped onto its own line) holds a slash, an underscore, a key's ``=`` or a file's suffix.
_ADDRESS_CHARS = re.compile(r"[/\\_=@#]|\.[A-Za-z]{2,4}\b")


def _is_plain_title(paras: tuple[Paragraph, ...], i: int, last: int) -> bool:
    text = paras[i].text
    if not MIN_PLAIN_TITLE_CHARS <= len(text) <= MAX_PLAIN_TITLE_CHARS or _PLAIN_TITLE_MARKS.search(text):
        return False
    if _ADDRESS_CHARS.search(text):
        return False
    if not is_title_line(text) or match_marker(text) or _ends_with_organ(text) or text.endswith(_SITE_NAME_END):
        return False
    if is_column_head(text) or is_breadcrumb(text) or page_furniture(text) or _MONTH_LINE.match(text):
        return False
    k = i + 1
    while k < last and page_furniture(paras[k].text):
        k += 1
    if k >= last:
        return False
    below = paras[k].text
    if "。" in below or "\t" in below or _looks_like_addressees(below) or _SALUTATION.search(below) is not None:
        return True
    # a speech's title may stand over its main heading's lines, then its date (subtitle or bracket)
    for j in range(k, min(last, k + 1 + MAX_HEADING_LINES_BEFORE_DATE)):
        if _subtitle_match(paras, j, last)[0] is not None:
            return True
        if not is_title_line(paras[j].text):
            break
    return False


# A county site may print its banner over the article (a welcome line, a slogan, menu items, a
# blurb about the county with its full stop): the title then stands further down, right above the
# page's posting line (``时间:2023年05月12日 点击次数:4679``); a provincial site prints its navigation
# menu, breadcrumb and metadata rows there. The banners seen ran to 5 lines (a county site) and 10
# (a provincial site's menu and metadata); this many are searched.
MAX_BANNER_LINES_BEFORE_TITLE = 12


# A copy that lost its line breaks runs a report's title into the salutation (``2023年甲市政府工作
# 报告各位代表：现在，我代表……``): the title is what stands before it, when it reads as one (a
# plain title's length, ending with its 文种). The salutation is searched this far into the line.
MAX_SALUTATION_AT = MAX_PLAIN_TITLE_CHARS + 2
_RUN_ON_SALUTATION = re.compile(r"各位(?:代表|委员)(?:[，,、]同志们)?[：:]")
TITLE_BEFORE_SALUTATION = "title:before-salutation"


def _title_before_salutation(text: str) -> str | None:
    m = _RUN_ON_SALUTATION.search(text, 0, MAX_SALUTATION_AT + 8)
    if m is None:
        return None
    title = text[: m.start()]
    if not MIN_PLAIN_TITLE_CHARS <= len(title) <= MAX_PLAIN_TITLE_CHARS or _PLAIN_TITLE_MARKS.search(title):
        return None
    return title if genre_of(title) is not None and not match_marker(title) else None


def _title_over_posting_line(paras: tuple[Paragraph, ...], first: int, last: int) -> int | None:
    """The first line among the first :data:`MAX_BANNER_LINES_BEFORE_TITLE` that ends with a 文种
    and stands right above a page furniture line (the page's posting line): the article's title."""
    for k in range(first, min(last - 1, first + MAX_BANNER_LINES_BEFORE_TITLE)):
        text = paras[k].text
        if is_title_line(text) and genre_of(text) and not match_marker(text) and page_furniture(paras[k + 1].text):
            return k
    return None


def _unnumbered_title_block(paras: tuple[Paragraph, ...], first: int, last: int) -> TitleBlock:
    """No 发文字号: the first title-like line (skipping collectors' furniture) is the title."""
    i = first
    while (
        i < last
        and (
            page_furniture(paras[i].text)
            or _LATIN_ONLY.match(paras[i].text)
            or _is_untitled_meta_value(paras, i, first)
            or _is_site_name(paras, i, last)
            or _is_running_head(paras, i, last)
            or _is_site_name_over_title(paras, i, last)
            # a number line whose 〕 and 号 a page's export lost (``浦府〔20221``) is no title's first
            # line: the 主送 search reads its number (``number:mangled``)
            or (paras[i].text[-1:].isdigit() and mangled_doc_number(paras[i].text) is not None)
        )
    ):
        i += 1
    j = i
    while j < last and j - i < MAX_TITLE_LINES and is_title_line(paras[j].text) and not page_furniture(paras[j].text):
        j += 1
        if genre_of(paras[j - 1].text):
            break
    if j == i and i < last and _long_title(paras[i].text):
        j = i + 1
    lines: tuple[str, ...] = ()
    after = i
    doc_number = None
    addressees: tuple[str, ...] = ()
    rule = None
    if (row := _header_row(paras, i, last)) is not None:
        after, lines, doc_number, rule = row[0] + 1, (row[1],), row[2], NUMBER_ON_TITLE_LINE
    elif (
        i < last
        and paras[i].text.endswith(("号）", "号)"))
        and (m := _TITLE_WITH_NUMBER.match(paras[i].text))
        and genre_of(m.group("title"))
        and doc_number_in(m.group("number"))
    ):
        # ``……的通知（临办发〔2023〕2号）``: a page heading that appends the document's number
        lines, after, doc_number = (m.group("title"),), i + 1, doc_number_in(m.group("number"))
        rule = NUMBER_ON_TITLE_LINE
    elif i < last and "号" in paras[i].text and (titled := _title_with_codeless_number(paras[i].text)):
        lines, after, rule = (titled,), i + 1, TITLE_WITH_CODELESS_NUMBER
    elif i < last and "号" in paras[i].text and (joined := _joined_head(paras[i].text)) is not None:
        lines, after, doc_number, addressees = (joined[0],), i + 1, joined[1], joined[2]
        rule = NUMBER_ON_TITLE_LINE
    elif j > i and genre_of(paras[j - 1].text) and not match_marker(paras[i].text):
        lines = tuple(paras[k].text for k in range(i, j))
        after = j
        rule = "title:first-lines"
        # A page heading that adds a version to the printed title right below it
        # (``……的通知(2019修订)`` over ``……的通知``): the printed title is the title.
        if j < last and (below := paras[j].text) != lines[-1] and genre_of(below) and len(lines) == 1:
            rest = lines[0][len(below) :] if lines[0].startswith(below) else ""
            if rest and _TRAILING_BRACKET_ONLY.match(rest):
                lines, after = (below,), j + 1
    elif (
        i < last and "各位" in paras[i].text[:MAX_SALUTATION_AT] and (titled := _title_before_salutation(paras[i].text))
    ):
        lines, after, rule = (titled,), i, TITLE_BEFORE_SALUTATION
    elif i < last and _is_plain_title(paras, i, last):
        lines, after, rule = (paras[i].text,), i + 1, "title:plain"
    elif (k := _title_over_posting_line(paras, i, last)) is not None:
        lines, after, rule = (paras[k].text,), k + 1, "title:over-posting-line"
    # pkulaw exports print the 发文字号 in brackets under a doubled title; a non-number bracket
    # line such as ``（2020年）`` is skipped the same way.
    while after < last and re.match(r"^[（(][^）)]{1,20}[）)]$", paras[after].text):
        after += 1
    return TitleBlock(doc_number, lines, after, addressees, rule, rule if doc_number else None)


# A copy that lost the header's line breaks prints title, number and 主送 on one line
# (``甲市人民政府办公室关于……的通知（甲政办发〔2023〕12号）各县人民政府，市政府各部门：``), and a
# reposting site prints the number before the title in 《》 (``甲政办发〔2023〕12号《……的通知》``).
_TITLE_NUMBER_ADDRESSEES = re.compile(
    r"^(?P<title>[^（(：:，,]{4}[^：:。，,]*?)\s*[（(](?P<number>[^（()）]{2,24}号)[）)]\s*(?P<to>[^。：:]{2,}[：:])$"
)
_NUMBER_THEN_TITLE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?\s*《(?P<title>[^《》]{{4,120}})》$")
# A 主送 line ends with an organ or a group of them (``……市政府各部门``, ``各有关单位``,
# ``各直属机构``, ``各街道办事处``): the organ words and the collective nouns of 主送 lines.
_ADDRESSEE_END = (*_ORGAN_WORDS, "部门", "单位", "机构", "机关", "企业", "学校")
#: The rule a text in traditional script is read by (``read_header``).
TRADITIONAL_RULE = "script:traditional-fold"
#: Rule names for a 发文字号 read off the title's line (``--explain`` of references names them too).
NUMBER_ON_TITLE_LINE = "own-number:title"


def _joined_head(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Title, number and 主送 read off one line in the shapes of :data:`_TITLE_NUMBER_ADDRESSEES`
    and :data:`_NUMBER_THEN_TITLE` (rule :data:`NUMBER_ON_TITLE_LINE`); the title must end with
    its 文种 and the number be a 发文字号."""
    if text.endswith(("：", ":")):
        m = _TITLE_NUMBER_ADDRESSEES.match(text)
        if (
            m is None
            or not genre_of(m.group("title"))
            or m.group("to").endswith(("如下：", "如下:"))  # ``……要求，现就有关事项通知如下：``
            or not _looks_like_addressees(m.group("to"))
            or not m.group("to")[:-1].endswith(_ADDRESSEE_END)  # a 主送 names organs
        ):
            return None
        number = doc_number_in(m.group("number"))
        return (m.group("title"), number, split_addressees(m.group("to"))) if number else None
    if text.endswith("》") and (n := _NUMBER_THEN_TITLE.match(text)) and genre_of(n.group("title")):
        return n.group("title"), format_doc_number(n), ()
    return None


# A template's Latin marker or button over the title (``The Beginning``, ``Home``): a 公文's title
# is in Chinese, so a line of Latin letters alone at the head is page furniture there.
_LATIN_ONLY = re.compile(r"^[A-Za-z][A-Za-z\s.,'&|/-]*$")
TITLE_WITH_CODELESS_NUMBER = "title:codeless-number"
# The organ words a 公告's title names its issuer by (``甲县人民政府``, ``甲市自然资源和规划局``); a
# 机关代字 abbreviates them (``甲府``, ``甲自然资``).
_TITLE_ORGAN_WORDS = ("政府", "办公厅", "办公室", "委员会", "局", "厅")
# The shortest title that names its issuer and 文种 (``甲县人民政府公告``): a 机关代字 that ends with
# 公告 (``方征启公告``) is shorter and names no organ.
MIN_NUMBERED_TITLE_CHARS = 8


def _title_with_codeless_number(text: str) -> str | None:
    """The title of a heading that prints it with a number lacking its 机关代字
    (``甲县人民政府土地征收启动公告〔2020〕第8号``, :data:`CODELESS_NUMBER_END`): the part before the
    number ends with a 文种, runs to a title's length and names an organ. The number is no
    发文字号 (guide: 机关代字〔年份〕序号号), so it is not read."""
    m = CODELESS_NUMBER_END.search(text) if text.endswith(("号", "号）", "号)")) else None
    if m is None:
        return None
    title = text[: m.start()].strip()
    if len(title) < MIN_NUMBERED_TITLE_CHARS or _SENTENCE_MARKS.search(title) or not genre_of(title):
        return None
    return title if any(w in title for w in _TITLE_ORGAN_WORDS) else None


# ``……的通知（临办发〔2023〕2号）``: a heading, then its 发文字号 in brackets.
_TITLE_WITH_NUMBER = re.compile(r"^(?P<title>[^（(]{4}.*?)\s*[（(](?P<number>[^（()）]{2,24}号)[）)]$")
_TRAILING_BRACKET_ONLY = re.compile(r"^\s*[（(][^（()）]{1,12}[）)]$")


def _is_site_name(paras: tuple[Paragraph, ...], i: int, last: int) -> bool:
    """A page's masthead (``甲县人民政府``) right above its breadcrumb or metadata: a short line
    naming no 文种, followed by page furniture."""
    text = paras[i].text
    return (
        i + 1 < last
        and _is_page_line(text)
        and genre_of(text) is None
        and (is_breadcrumb(paras[i + 1].text) or is_meta_line(paras[i + 1].text))
    )


def _is_site_name_over_title(paras: tuple[Paragraph, ...], i: int, last: int) -> bool:
    """A law or news site's name printed over the article (``某某网--中国法律信息搜索网``): a line
    ending like a site's name (:data:`_SITE_NAME_END`), naming no 文种, that cannot start a title
    (``_not_title_head``), right above a line that is a whole title of its own (it opens with the
    issuer and 关于, and ends with its 文种)."""
    text = paras[i].text
    if i + 1 >= last or not text.endswith(_SITE_NAME_END) or genre_of(text) is not None:
        return False
    below = paras[i + 1].text
    return _not_title_head(text) and _opens_title(below) and genre_of(below) is not None


def _is_running_head(paras: tuple[Paragraph, ...], i: int, last: int) -> bool:
    """A site's or column's name printed once above the title (a one-page PDF's running head,
    ``政府信息公开专栏``, perhaps over a page's furniture): it names no 文种, and the title follows."""
    text = paras[i].text
    return i + 1 < last and is_column_head(text) and genre_of(text) is None


def _is_untitled_meta_value(paras: tuple[Paragraph, ...], i: int, first: int) -> bool:
    """The value line under a metadata key (``县政府网站`` under ``发文机构:``), unless it is a
    title: a key with no value (``内容概述:``) may stand right above the printed title."""
    return _is_meta_value(paras, i, first) and genre_of(paras[i].text) is None


def _strip_banner(title: str) -> str:
    """A 版头 run into the title line (``甲省财政厅　甲省教育厅文件`` joined to the title by the
    cleaner, the banner having no closing punctuation): the title is what follows 文件."""
    at = title.find("文件")
    if at <= 0 or at + 2 >= len(title):
        return title
    rest = title[at + 2 :]
    banner = title[: at + 2]
    # The banner names its issuers: an organ word stands right before 文件 (not ``规范性文件``).
    return rest if _ORGAN_END.search(banner[:-2]) and _is_banner(banner) and genre_of(rest) else title


# A repost prints the title in 《》, perhaps after the number (``甲政办发〔2016〕26号《……的通知》``).
_REPOST_LINE = re.compile(
    rf"^(?P<number>[\u4e00-\u9fff]{{1,16}}\s*{DOC_NUMBER_OPEN}\s*\d{{4}}\s*{DOC_NUMBER_CLOSE}\s*\d{{1,5}}\s*号)?"
    r"\s*《(?P<inner>.+)》$"
)


def _unwrap_repost(line: str) -> str:
    m = _REPOST_LINE.match(line) if line.endswith("》") else None
    if m and genre_of(m.group("inner")) and m.group("inner").count("《") == m.group("inner").count("》"):
        return m.group("inner")
    return line


def _printed_title(lines: tuple[str, ...]) -> str:
    return _strip_cut_heading(
        _strip_banner(_undouble("".join(_last_copy(_dedupe_lines([_unwrap_repost(x) for x in lines])))))
    )


def _strip_cut_heading(title: str) -> str:
    """A page heading cut short (``《甲省进一步支持民间投资的实行``, its 《 never closed) run into the
    title's first line: the title is what follows it, when the heading's words stand again in the
    rest and the rest opens as a title (``甲省人民政府办公厅关于印发……``). The longest such heading."""
    if not title.startswith("《") or "》" in title[: title.find("关于") + 1 if "关于" in title else len(title)]:
        return title
    for cut in range(title.find("关于") - 2, 1, -1):
        rest = title[cut:]
        if title[1:cut] in rest and _opens_title(rest):
            return rest
    return title


def _resolve_title(lines: tuple[str, ...], meta: dict[str, str]) -> str | None:
    """The printed title, else the metadata's; a longer metadata title that extends it wins."""
    title = _printed_title(lines) or meta.get("title")
    if title and meta.get("title") and len(meta["title"]) > len(title) and meta["title"].startswith(title):
        title = meta["title"]
    return title


def _title_rule(block: TitleBlock, title: str | None) -> str | None:
    if title is None:
        return None
    printed = _printed_title(block.lines)
    if not printed:
        return "title:meta"
    return block.title_rule if title == printed else "title:meta-extends"


class MainSend(msgspec.Struct, frozen=True):
    """The 主送机关 (split at ，) and the paragraph where the body starts after them."""

    addressees: tuple[str, ...]
    body_first: int
    # The document's own 发文字号 printed on a header line that is not a number line of its own
    # (run into the 主送 line, or beside the date on a page's info line), with the rule's name.
    doc_number: str | None = None
    number_rule: str | None = None
    rule: str | None = None  # which rule read the 主送 (``HEADER_RULES``)
    # The date printed beside that number (a page's info line): the 成文日期 when no 落款 gives one.
    date: str | None = None


# Between a page's title and its 主送 a CMS may print the publisher's name or a label on short
# lines of their own (``甲市生态环境局甲开发区分局``, ``主动公开``): at most this many are stepped
# over, each no longer than a signature line and holding no sentence punctuation.
MAX_PAGE_LINES_BEFORE_ADDRESSEES = 3
_SENTENCE_MARKS = re.compile(r"[。，,；;：:！？]")


def _main_send(paras: tuple[Paragraph, ...], block: TitleBlock, last: int) -> MainSend:
    """The first paragraph after the title ending with a colon. Web copies print the title
    (or the number) again under the 发文字号; the repeat is skipped."""
    title = "".join(block.lines)
    k = block.after
    if block.addressees:
        return MainSend(block.addressees, k, rule="addressees:title-line")
    while k < last and (page_furniture(paras[k].text) or _repeats_header(paras[k].text, title)):
        k += 1
    k = _after_wrapped_copy(paras, k, last, title)
    if k < last and (found := _addressees_at(paras[k].text, k)) is not None:
        return found
    # Short page lines (a publisher, a label) before the 主送: step over them only when the 主送
    # follows; a body heading (an outline marker) stops the search. An issuer's line and a date
    # line are header lines, not page lines: a wiki or gazette copy prints title, number, issuer
    # and date over the 主送 (``国函〔2004〕1号`` / ``中华人民共和国国务院`` / ``2004年1月11日``),
    # and they are not counted.
    j, skipped = k, 0
    while j < last and skipped < MAX_PAGE_LINES_BEFORE_ADDRESSEES and _is_page_line(paras[j].text):
        if not _is_issuer_or_date_line(paras[j].text):
            skipped += 1
        j += 1
        # a law database prints the title again under its issuer line (``T`` / issuer / ``T`` / 主送)
        while j < last and (page_furniture(paras[j].text) or _repeats_header(paras[j].text, title)):
            j += 1
        j = _after_wrapped_copy(paras, j, last, title)
        if j < last and (found := _addressees_at(paras[j].text, j)) is not None:
            return replace(_with_dated_number(found, paras, k, j), rule="addressees:after-page-lines")
    if k < last and "号" in paras[k].text and (run := _run_on_addressees(paras[k].text)) is not None:
        # A flattened copy runs number, 主送 and body on one line: the body starts there.
        return MainSend(split_addressees(run[1]), k, run[0], NUMBER_IN_ADDRESSEES, "addressees:run-on")
    return MainSend((), k)


def _is_issuer_or_date_line(text: str) -> bool:
    return _ends_with_organ(text) or parse_date_line(text) is not None


def _after_wrapped_copy(paras: tuple[Paragraph, ...], j: int, last: int, title: str) -> int:
    """Past the title printed again under a page heading over up to :data:`MAX_TITLE_LINES` lines
    (``关于印发……主要任务`` / ``上半年落实情况的通报`` under the one-line heading): the lines there
    that join to the title, else ``j``."""
    if j >= last or not title or not (text := paras[j].text) or text == title or not title.startswith(text):
        return j
    k = j + 1
    while k < last and k - j < MAX_TITLE_LINES:
        text += paras[k].text
        k += 1
        if text == title:
            return k
        if not title.startswith(text):
            break
    return j


def _run_on_addressees(text: str) -> tuple[str | None, str] | None:
    """``汕府办〔2015〕29号各县人民政府，市政府各部门：现将……``: the number that opens the line and
    the 主送 up to the first colon, when that part reads as a 主送 line."""
    m = _NUMBER_OPENS_LINE.match(text)
    if m is None:
        return None
    colon = min((i for i in (text.find("：", m.end()), text.find(":", m.end())) if i >= 0), default=-1)
    if colon < 0 or not _looks_like_addressees(head := text[m.end() : colon + 1]):
        return None
    return doc_number_in(m.group(0)), head


# The 发文字号 run into the 主送 line by a copy that lost the line break (``甲府办〔2023〕5号各区
# 人民政府，市政府各部门：``): the number opens the line, the 主送 follows it.
_NUMBER_OPENS_LINE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?\s*")
# A page's info line that prints the 成文日期 and the 发文字号 side by side, nothing else
# (``2023年5月4日　甲府办〔2023〕5号``, or the number first).
_CN_DIGITS = "〇零○一二三四五六七八九"
_DATE_RE = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*[\d{_CN_DIGITS}十元]{{1,3}}\s*月\s*[\d{_CN_DIGITS}十]{{1,3}}\s*日"
_DATE_THEN_NUMBER = re.compile(rf"^{_DATE_RE}\s*[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?$")
# A law database prints both in one bracket under the title (``（赣府字〔2010〕37号 2010年3月22日）``).
_NUMBER_THEN_DATE = re.compile(rf"^[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?\s*{_DATE_RE}\s*[）)]?$")
_DATE_IN_LINE = re.compile(_DATE_RE)
# A wiki's or library's copy prints its header row on one line: the title, the 发文字号, the
# 发文机关 and the 成文日期 (``国务院关于……的批复 国函〔1997〕46号 中华人民共和国国务院 1997年6月10日 |``,
# the spaces perhaps gone), perhaps under the page's heading (the title, then the site's name).
_HEADER_ROW = re.compile(
    rf"^(?P<title>.{{4,150}}?(?:{'|'.join(word for word, _ in GENRES)}))\s*(?P<number>{DOC_NUMBER.pattern})"
    rf"\s*[\u4e00-\u9fff]{{0,30}}?\s*{_DATE_RE}\s*[|｜]?$"
)


def _header_row(paras: tuple[Paragraph, ...], i: int, last: int) -> tuple[int, str, str] | None:
    """The paragraph (``i``, or ``i + 1`` under a page heading that starts with the same title),
    the title and the 发文字号 of a one-line header row (:data:`_HEADER_ROW`)."""
    for k in (i, i + 1):
        if k >= last:
            return None
        text = paras[k].text
        if "号" not in text or text.rstrip(" |｜")[-1:] != "日" or (m := _HEADER_ROW.match(text)) is None:
            continue
        title = m.group("title")
        if (k == i or paras[i].text.startswith(title)) and (number := doc_number_in(m.group("number"))):
            return k, title, number
    return None


#: Rule names ``--explain`` prints for a 发文字号 the header read off a line that is not its own.
NUMBER_IN_ADDRESSEES = "own-number:addressees"
NUMBER_BESIDE_DATE = "own-number:date-line"
DATE_BESIDE_NUMBER = "date:number-line"
NUMBER_MANGLED = "number:mangled-line"


def _addressees_at(text: str, i: int) -> MainSend | None:
    """The 主送 at paragraph ``i``, with the document's own number if the line opens with it."""
    number = None
    if "号" in text and (m := _NUMBER_OPENS_LINE.match(text)) and m.end() < len(text):
        rest = text[m.end() :]
        if _looks_like_addressees(rest):
            number, text = doc_number_in(m.group(0)), rest
    if not _looks_like_addressees(text):
        return None
    return MainSend(split_addressees(text), i + 1, number, NUMBER_IN_ADDRESSEES if number else None, "addressees:line")


def _with_dated_number(found: MainSend, paras: tuple[Paragraph, ...], first: int, last: int) -> MainSend:
    """The page lines stepped over before the 主送 ([first, last)) may print the date and the
    number side by side: that number is the document's own."""
    if found.doc_number is not None:
        return found
    for p in paras[first:last]:
        if "号" in p.text and (_DATE_THEN_NUMBER.match(p.text) or _NUMBER_THEN_DATE.match(p.text)):
            date = parse_date_line(m.group(0)) if (m := _DATE_IN_LINE.search(p.text)) else None
            return replace(found, doc_number=doc_number_in(p.text), number_rule=NUMBER_BESIDE_DATE, date=date)
        if number := mangled_doc_number(p.text):
            return replace(found, doc_number=number, number_rule=NUMBER_MANGLED)
    return found


def _repeats_header(text: str, title: str) -> bool:
    """A line that prints the header again: the 发文字号 line, or the title (a page heading may
    carry more or less than the title block, ``……的通知(2019修订)``)."""
    if text == title:
        return bool(title)
    if "号" in text and DOC_NUMBER_LINE.match(text):
        return True
    return bool(title) and genre_of(text) is not None and (text in title or title in text)


def _is_page_line(text: str) -> bool:
    return len(text) <= MAX_SIGNATURE_LINE_CHARS and not _SENTENCE_MARKS.search(text) and not match_marker(text)


class ClosingBlock(msgspec.Struct, frozen=True):
    """The 成文日期, the paragraph that holds it, the signature (the lines above it, and the
    signer on the date's own line), and the paragraph where the 落款 starts."""

    date: str | None
    date_index: int | None
    signature: tuple[str, ...]
    first: int | None = None
    month: str | None = None  # no full date: ``YYYY-MM-01`` of a year-and-month 成文日期
    rule: str | None = None  # which rule read the date or the month (``HEADER_RULES``)


# A 成文日期 printed as a year and month only (``2009年1月``, ``二〇二一年三月``), read as the month the
# document speaks from, never as its date; only under a signature line (the 落款), so a month
# that heads a timetable row or a stage of a plan is not taken.
_MONTH_LINE = re.compile(rf"^[（(]?\s*(?P<y>{_SUB_NUM})\s*年\s*(?P<m>{_SUB_NUM})\s*月\s*[）)]?$")


def _month_line(paras: tuple[Paragraph, ...], i: int, floor: int) -> str | None:
    text = paras[i].text
    if not text.endswith(("月", "）", ")")) or len(text) > 16 or not (m := _MONTH_LINE.match(text)):
        return None
    y, mo = cn_small_number(m.group("y")), cn_small_number(m.group("m"))
    if y is None or mo is None or not (1900 <= y and 1 <= mo <= 12):
        return None
    if i <= floor or not _is_signature_line(_without_seal(paras[i - 1].text)):
        return None
    return f"{y:04d}-{mo:02d}-01"


# A signature has at most this many lines (a joint document signed by twelve bodies), each at
# most this long (the longest 发文机关 name in the corpus runs to 26 characters).
MAX_SIGNATURE_LINES = 12
MAX_SIGNATURE_LINE_CHARS = 40


# A signature printed with a note where the seal goes (``甲市人民政府（印章）``, ``(公章)``).
_SEAL_NOTE = re.compile(r"\s*[（(](?:公章|印章|盖章|签章|章)[）)]$")


def _without_seal(text: str) -> str:
    return _SEAL_NOTE.sub("", text) if text.endswith(("）", ")")) else text


def _is_signature_line(text: str) -> bool:
    """One 发文机关署名, or several printed side by side that the cleaner ran into one line
    (``甲省财政厅甲省教育厅……``, a joint document's signature over two print lines): each
    name ends with an organ word and is no longer than one signature line. A line holding a
    colon is a key and its value (``受理单位:甲市委宣传部``, ``附件:……``), never a 署名."""
    if not _ORGAN_END.search(text) or "：" in text or ":" in text:
        return False
    if len(text) <= MAX_SIGNATURE_LINE_CHARS:
        return True
    parts = split_run_on_issuers(text)
    return len(parts) > 1 and all(len(x) <= MAX_SIGNATURE_LINE_CHARS and _ORGAN_END.search(x) for x in parts)


# ``甲市人民政府　　2025年1月5日``: a PDF text layer or a web copy prints the 落款 and the 成文日期
# on one line (the cleaner drops the spaces between them).
_SIGNED_DATE = re.compile(
    r"^(?P<signer>[^\d，。；：、]{2,40}?)\s*(?P<date>(?:\d{4}|[〇零○O0一二三四五六七八九]{4})\s*年.{1,12}日)$"
)


def _signed_date(text: str) -> tuple[str, str] | None:
    """The signer and the ISO date of a line holding both, else None."""
    if not text.endswith("日") or not (m := _SIGNED_DATE.match(text)):
        return None
    signer = _without_seal(m.group("signer").strip())
    date = parse_date_line(m.group("date"))
    if date is None or not _is_signature_line(signer):
        return None
    return signer, date


def _closing(
    paras: tuple[Paragraph, ...], body_first: int, last: int, speech: SpeechFields | None, meta: dict[str, str]
) -> ClosingBlock:
    """The first date paragraph after the header, with the signature right above it. A report
    or speech has no 落款: its date is the subtitle's (``——2024年3月5日在……会议上``)."""
    if speech is not None and speech.date:
        return ClosingBlock(speech.date, None, (), rule="date:subtitle")
    month = speech.month if speech is not None else None
    for i in range(body_first, last):
        if month is None and "月" in paras[i].text:
            month = _month_line(paras, i, body_first)
        date = parse_date_line(paras[i].text)
        signed = None if date else _signed_date(paras[i].text)
        if signed is not None:
            signer, date = signed
        if date:
            signature: list[str] = [signer] if signed is not None else []
            k = i - 1
            while k >= body_first and len(signature) < MAX_SIGNATURE_LINES:
                line = _without_seal(paras[k].text)
                if not _is_signature_line(line):
                    break
                signature.insert(0, line)
                k -= 1
            rule = "date:signed-line" if signed is not None else "date:line"
            return ClosingBlock(date, i, tuple(signature), k + 1, rule=rule)
    m = _META_DATE.search(meta.get("date", ""))
    if m:
        date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        return ClosingBlock(date, None, (), rule="date:meta")
    if month is None:
        return ClosingBlock(None, None, ())
    rule = "month:subtitle" if speech is not None and speech.month else "month:signature"
    return ClosingBlock(None, None, (), month=month, rule=rule)


class IssuersRead(msgspec.Struct, frozen=True):
    names: tuple[str, ...]
    rule: str | None


def _issuers(
    title: str | None,
    issuer_line: tuple[str, ...],
    signature: tuple[str, ...],
    speech: SpeechFields | None,
    meta: dict[str, str],
) -> IssuersRead:
    """The 发文机关 from the title, else the issuer line beside the title, the signature, the
    speech's reporter, the metadata."""
    issuers = _issuers_from_title(title) if title else ()
    if issuers:
        if signature and (placed := tuple(_placed(x, signature) for x in issuers)) != issuers:
            return IssuersRead(placed, "issuers:title-placed-by-signature")
        return IssuersRead(issuers, "issuers:title")
    if issuer_line:
        return IssuersRead(issuer_line, "issuers:issuer-line")
    if signature:
        # a joint signature may print two bodies on one line (``甲市A局　　甲市B局``, joined by the cleaner)
        return IssuersRead(
            tuple(part for line in signature for part in split_run_on_issuers(line)), "issuers:signature"
        )
    if speech is not None and speech.issuer:
        return IssuersRead((speech.issuer,), "issuers:reporter")
    if meta.get("issuer"):
        return IssuersRead(tuple(x for x in _ISSUER_SPLIT.split(meta["issuer"]) if x), "issuers:meta")
    if title and (m := _GOVERNMENT_OPENS_TITLE.match(title)) and genre_of(title[m.end() :]):
        # ``甲县人民政府工作规则`` (no 关于, no 落款): the government the title opens with
        return IssuersRead((m.group("organ"),), "issuers:title-opening")
    return IssuersRead((), None)


# A title that opens with a government's name and goes on to the document's name, without 关于:
# ``甲县人民政府工作规则``, ``甲市人民政府办公室公文处理办法``, ``国务院工作规则`` (the longest name).
_GOVERNMENT_OPENS_TITLE = re.compile(
    r"^(?P<organ>国务院(?:办公厅)?|[\u4e00-\u9fff]{2,12}?人民政府(?:办公厅|办公室)?)(?!办公厅|办公室|关于)"
)


def _placed(issuer: str, signature: tuple[str, ...]) -> str:
    """A title that names its issuer by level only (``区人民政府办公室关于……``, a county site's
    habit) takes the full name the signature prints (``甲区人民政府办公室``)."""
    if not _LEVEL_ONLY.match(issuer):
        return issuer
    for line in signature:
        for name in split_run_on_issuers(line):
            if name.endswith(issuer) and len(name) > len(issuer):
                return name
    return issuer


class BodyBounds(msgspec.Struct, frozen=True):
    """Where the outline-carrying body runs ([first, last)), and the forwarded title."""

    first: int
    last: int
    forwarded_title: str | None
    rule: str | None = None  # which rule found the forwarded title (``HEADER_RULES``)
    # the notice says it sends the document to its addressees (``印发给你们``, ``转发给你们``)
    issues_to_you: bool = False


# A 印发/转发 notice printed without its title says what it issues: ``现将《X》印发给你们``,
# ``《X》已经……同意，现予印发``.
_ISSUES_NAMED = re.compile(
    r"《(?P<inner>[^《》]{2,80})》[^。《》]{0,80}?(?:印发给你们|印发你们|转发给你们|现予印发|现印发|予以印发|现予发布|现予公布)"
)

# An 印发/转发 notice says what it issues within its first paragraphs: the 主送 line, the sentence
# ``《X》已经……同意，现印发给你们``, a line or two of requirements. Calibrated on the notices of the
# corpus and /work/real (the sentence is the notice's first or second paragraph, the third when a
# page line the header does not know stands above it); 6 leaves room for one more.
MAX_NOTICE_PARAGRAPHS = 6

# A 令 promulgates what it names: ``《甲省安全生产条例实施办法》已经……通过，现予公布``.
_PROMULGATED = re.compile(r"^《(?P<inner>[^《》]{2,80})》.{0,80}?(?:现予|予以|现)(?:公布|发布)")


def _promulgated_title(paras: tuple[Paragraph, ...], body_first: int, last: int) -> str | None:
    if body_first < last and (m := _PROMULGATED.match(paras[body_first].text)):
        return m.group("inner")
    return None


def _named_forwarded_title(title: str | None) -> str | None:
    """The title a 印发/转发 notice names in its own title (``关于印发X的通知`` → X)."""
    if not title:
        return None
    fm = FORWARD_TITLE.search(title)
    if not fm or not re.search(r"(印发|转发|批转|颁发|发布)", title):
        return None
    inner = fm.group("inner").strip()
    if inner.count("《") <= 1 and inner.count("〈") <= 1:
        inner = re.sub(r"^[《“〈<]|[》”〉>]$", "", inner)
    if fm.group("verb") in ("转发", "批转") and "关于" in inner and genre_of(inner) is None and title.endswith("通知"):
        # ``转发甲省人民政府办公厅关于做好统计工作的通知``: one 的通知 stands for the notice and
        # the 通知 it forwards (the title would say ``……的意见的通知`` for any other 文种)
        inner += "的通知"
    return inner


def _body_bounds(
    paras: tuple[Paragraph, ...], title: str | None, closing: ClosingBlock, body_first: int, last: int
) -> BodyBounds:
    """A 印发 notice's body is the forwarded document after the notice's date, from its own
    title on (a 令's, the rules it promulgates); a document's own signature and date close its body."""
    forwarded = _named_forwarded_title(title)
    rule = "forwarded:named-in-title" if forwarded else None
    to_you = False
    if forwarded is None and title and ORDER_HEAD_RE.match(title):
        forwarded = _promulgated_title(paras, body_first, last)
        rule = "forwarded:promulgated" if forwarded else None
    if forwarded is None and title is None and body_first < last:
        # A page whose title was not read (it starts at the 主送, or at lines the header does not
        # know) names what it issues in the notice's own sentences, above its 落款: the first
        # few paragraphs are read, never past the date (what follows it is the issued document).
        stop = min(last, body_first + MAX_NOTICE_PARAGRAPHS)
        if closing.date_index is not None:
            stop = min(stop, closing.date_index)
        for k in range(body_first, max(stop, body_first + 1)):
            if m := _ISSUES_NAMED.search(paras[k].text):
                forwarded, rule = m.group("inner"), "forwarded:named-in-notice"
                to_you = m.group(0).endswith(("给你们", "你们"))
                break
    if closing.date_index is None:
        return BodyBounds(body_first, last, forwarded, rule, to_you)
    if forwarded is None:
        return BodyBounds(body_first, closing.first if closing.first is not None else closing.date_index, None)
    i = closing.date_index + 1
    while i < last and page_furniture(paras[i].text):
        i += 1
    found = _forwarded_title_lines(paras, i, last, forwarded)
    if found is None and (k := _after_reprinted_banner(paras, i, last)) > i:
        # A 转发 notice reprints the forwarded document whole: its 版头 and 发文字号 above its title.
        # The splitter kept that number inside this document (the notice forwards it), so the title
        # under it is the forwarded document's own, however the notice's title words it.
        reprinted = _forwarded_title_lines(paras, k, last, forwarded)
        if reprinted is not None:
            return BodyBounds(reprinted.after, last, reprinted.title, "forwarded:reprinted", to_you)
    if found is None:
        if i >= last:
            # Nothing follows the 落款: the notice's own text carries the items (``现就……通知如下：
            # 一、……``, ``本通知自……施行``); the title still names what it issues (guide:
            # forwarded_title is that document's title), and the body is the notice's.
            end = closing.first if closing.first is not None else closing.date_index
            return BodyBounds(body_first, end, forwarded, rule, to_you)
        return BodyBounds(i, last, forwarded, rule, to_you)
    if _similar(found.title, forwarded):
        return BodyBounds(found.after, last, found.title, "forwarded:printed", to_you)
    return BodyBounds(found.after, last, forwarded, rule, to_you)


def _after_reprinted_banner(paras: tuple[Paragraph, ...], i: int, last: int) -> int:
    """The paragraph after a 版头 line (``甲市人民政府办公室文件``) and the 发文字号 line under it at
    ``i`` (either may be missing), else ``i``."""
    k = i
    if k < last and _is_banner(paras[k].text):
        k += 1
    if k < last and "号" in paras[k].text and DOC_NUMBER_LINE.match(paras[k].text):
        k += 1
    return k


class PrintedTitle(msgspec.Struct, frozen=True):
    """Title lines joined, and the paragraph after them."""

    title: str
    after: int


def _forwarded_title_lines(paras: tuple[Paragraph, ...], start: int, last: int, named: str) -> PrintedTitle | None:
    """The forwarded document's own title lines from ``start``.

    A title printed on several lines can end with a 文种 early (``……建设规划`` /
    ``（2015-2020年）任务分工实施方案``): of the joins that end with a 文种, the one closest in
    length to the title the notice names wins.
    """
    joined = ""
    best: PrintedTitle | None = None
    i = start
    while i < last and i - start < MAX_TITLE_LINES and is_title_line(paras[i].text):
        joined += paras[i].text
        i += 1
        if joined == named:
            return PrintedTitle(joined, i)
        if genre_of(joined) and (best is None or abs(len(joined) - len(named)) < abs(len(best.title) - len(named))):
            best = PrintedTitle(joined, i)
    return best


# Two titles name the same document when they share this share of their characters (the
# notice's 建设 for the 方案's own 实施, a dropped 关于 or 年): 0.9 and more in the corpus,
# unrelated titles of one issuer under 0.6.
SIMILAR_TITLE_SHARE = 0.7


def _similar(a: str, b: str) -> bool:
    """Whether a printed title and the one named in the notice's title are the same document."""
    strip = re.compile(r"[《》“”\s]")
    a2, b2 = strip.sub("", a), strip.sub("", b)
    if a2 == b2 or a2 in b2 or b2 in a2:
        return True
    common = len(set(a2) & set(b2))
    return common >= SIMILAR_TITLE_SHARE * max(len(set(a2)), len(set(b2)))


#: Every rule name the header gives a field by, and what it reads (``luoshi parse --explain``).
HEADER_RULES = {
    "title:above-number": "the lines right above the 发文字号 (a gazette's or a web copy's title, GB/T 9704 7.3.1)",
    "title:below-number": "the lines right below the 发文字号 (a 版头 ``××文件``, then the number, then the title)",
    "title:above-order": "the title printed above a 令's 发文机关标志 and number (the promulgated document's)",
    TITLE_BEFORE_ORDER: "the promulgated title run into the 令's line, named in 《》 by the promulgation sentence",
    "title:order": "a 令's 发文机关标志 (``甲省人民政府令``), which stands for its title",
    "title:first-lines": "no 发文字号 above, the first lines ending with a 文种, page furniture stepped over",
    TITLE_WITH_CODELESS_NUMBER: "a heading that prints the title with a number lacking its 机关代字 (not a 发文字号)",
    "title:over-posting-line": "no title at the head: the first line ending with a 文种 above the posting line",
    TITLE_BEFORE_SALUTATION: "a report's title run into its salutation (``……工作报告各位代表：``) on one line",
    "title:plain": "no 文种 word, a heading line right above the body, a 主送 line or a speech's subtitle",
    NUMBER_ON_TITLE_LINE: "the title with its 发文字号 (and perhaps its 主送, or its issuer and date) on one line",
    "title:meta": "the page's metadata table or crawler header (标题, 文件名称…), no printed title",
    "title:meta-extends": "the metadata title, longer than the printed one and starting with it",
    "number:line": "the 发文字号 line the splitter opened the document at",
    "number:order": "a 令's number (``第N号``) under its 发文机关标志",
    "number:order-code": "a 令号 with the issuer's code (``甲府令第N号``) on a line of its own beside the title",
    "number:meta-list": "the 发文字号 as a value of the page's metadata list, the title printed below it",
    "number:meta": "the page's metadata (发文字号, 文号)",
    NUMBER_IN_ADDRESSEES: "the number run into the 主送 line by a copy that lost the line break",
    NUMBER_BESIDE_DATE: "the number beside the date on a page's info line above the 主送",
    NUMBER_MANGLED: "a number line above the 主送 that lost its 〕 and 号 in a page's export, restored",
    "issuers:title": "the 发文机关 before 关于/印发/转发 in the title",
    "issuers:title-placed-by-signature": "the title's issuer (named by its level only) completed from the 落款",
    "issuers:issuer-line": "the 发文机关 printed on a line of its own beside the title (not part of the title)",
    "issuers:signature": "the 发文机关署名 above the 成文日期",
    "issuers:reporter": "a report's ``我代表……向大会报告``",
    "issuers:meta": "the page's metadata (发文机关)",
    "issuers:title-opening": "no 关于 and no 落款, the government the title opens with (``甲县人民政府工作规则``)",
    "date:line": "the 成文日期 line, under the signature",
    "date:signed-line": "the signature and the 成文日期 on one line",
    "date:subtitle": "a report's or speech's subtitle (``——2024年3月5日在……会议上``) or bracketed date line",
    "date:meta": "the page's metadata (成文日期), no printed date",
    DATE_BESIDE_NUMBER: "the date beside the 发文字号 (a page info line, a law database bracket), no 落款 date",
    "month:signature": "no full date, the year and month under the signature (reference date only)",
    "month:subtitle": "no full date, the year and month of a speech's subtitle (reference date only)",
    "addressees:line": "the first line after the title ending with a colon, split at ，",
    "addressees:after-page-lines": "the 主送 line after short page lines (a publisher, a label)",
    "addressees:title-line": "the 主送 printed on the title's line",
    "addressees:run-on": "the 主送 up to the first colon of a line that opens with the number",
    "genre:title-end": "the 文种 that ends the title (``实施意见`` → 意见)",
    "genre:title-only": "a 文种 read on titles only (公示)",
    "genre:issuing-notice": "no title printed, but the text sends the 《X》 it names 给你们: an 印发/转发 通知",
    "forwarded:named-in-title": "the document the notice's title says it 印发/转发s",
    "forwarded:printed": "the forwarded document's own title line after the notice's date",
    "forwarded:reprinted": "the title under the forwarded document's reprinted 版头 and 发文字号, after the date",
    "forwarded:named-in-notice": "no title read, the 《X》 the notice says it 印发给你们",
    "forwarded:promulgated": "a 令, the 《X》 it says 现予公布",
    TRADITIONAL_RULE: "the text is in traditional script, read as its simplified fold, fields as printed",
}


__all__ = ["DATE_LINE", "DOC_NUMBER_LINE", "HEADER_RULES", "FieldRule", "Header", "read_header", "split_addressees"]
