"""Stage 4: read a document's header and footer per GB/T 9704-2012.

From one document's paragraphs: 发文字号, title (multi-line titles joined),
issuers, 主送机关, genre (文种), 成文日期, signature, the title of a forwarded
document, 附件 names, and where the body that carries the outline begins
and ends. A web page's metadata table (标题/发文字号/成文日期/发文机关) fills
fields the printed header lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.model import Paragraph
from luoshi.outline import match_marker
from luoshi.patterns import (
    DATE_LINE,
    DOC_NUMBER,
    DOC_NUMBER_LINE,
    FORWARD_TITLE,
    genre_of,
    normalize_doc_number,
    parse_date_line,
)
from luoshi.split import MAX_TITLE_LINES, DocumentRange, is_title_line

# Metadata table keys of government web pages, and the field each fills.
# A crawler's header lines (``标题: ……``, ``文号: ……``) are read the same way; its 发布时间 is the
# posting date, not the 成文日期, and its 发布机构 the web publisher, not the issuer.
META_KEYS = {"标题": "title", "发文字号": "doc_number", "文号": "doc_number", "成文日期": "date", "发文机关": "issuer"}
_META = re.compile(
    r"(标\s*题|发文字号|文\s*号|成文日期|发文机关|发布日期|发布时间|发布机构|索\s*引\s*号|主题分类|主\s*题\s*词)"
    r"\s*[：:]\s*([^\t]*)"
)
_META_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})")

# Lines that are never part of a header or a body: collectors' and printers' furniture.
_FURNITURE = re.compile(
    r"^(?:（本文有删减）|（此件公开发布）|\(此件公开发布\)|（此件.{0,8}）|【法宝引证码】.*|原文链接[：:].*|扫一扫.*|"
    r"公开方式[：:].*|.{0,20}\d{4}年\d{1,2}月\d{1,2}日印发|ZJAC.*|[A-Z]{2,6}\d{2}-\d{4}-\d{3,5}|"
    r"主\s*题\s*词[：:]?.*|\d{4}-\d{2}-\d{2}来源[：:].*|.*附件预览|"
    # Web page chrome: the breadcrumb, share buttons, the page's own posting line.
    r"当前位置[：:].*|(?:分享到[：:]?|分享到[：:]?)?(?:微信|微博|QQ空间|QQ好友|朋友圈|豆瓣|打印|关闭|收藏)*|来\s*源[：:].*|"
    r"(?:时间|发布时间)[：:]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"附件下载|文件下载.*|={3,}\s*正\s*文\s*={3,}|页面链接与图片详见.*|"
    r"(?:发布时间|发布机构|栏目|原文链接|本地目录|文号)[：:].*)$"
)
# 版记 and web-page chrome: everything from here on is not the document.
_TAIL = re.compile(
    r"^(?:抄送[：:]|抄报[：:]|上一篇|下一篇|【打印本页】|【关闭窗口】|版权所有|主办单位[：:]|网站标识码)"
)

# An organisation name as signed or addressed: ends with an organ word.
_ORGAN_END = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|署|院|会|处|室|行|社|办|中心|集团|协会|联合会|党工委|组织部|管委会|小组)$"
)
_ISSUER_SPLIT = re.compile(r"[、，,\s]+")

# Unit names can hold 、 inside brackets; addressees are split at ，only (guide).
_TOP_LEVEL_COMMA = re.compile(r"[，,](?![^（(]*[）)])")


@dataclass(frozen=True)
class Header:
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


def _meta_fields(paras: tuple[Paragraph, ...], rng: DocumentRange) -> dict[str, str]:
    out: dict[str, str] = {}
    limit = rng.number_index if rng.number_index is not None else min(rng.last, rng.first + 12)
    for p in paras[rng.first : limit]:
        for m in _META.finditer(p.text):
            key = re.sub(r"\s", "", m.group(1))
            value = m.group(2).strip()
            if key in META_KEYS and value and META_KEYS[key] not in out:
                out[META_KEYS[key]] = value
    return out


def _is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(text)) or bool(_META.match(text))


def _title_after_banner(paras: tuple[Paragraph, ...], number_index: int, last: int) -> tuple[int, int]:
    """Title lines that follow a 版头 (``××文件`` then 发文字号): [start, end)."""
    i = number_index + 1
    j = i
    while j < last and j - i < 4 and is_title_line(paras[j].text) and not _is_furniture(paras[j].text):
        j += 1
        if genre_of(paras[j - 1].text):
            break
    return i, j


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


def _issuers_from_title(title: str) -> tuple[str, ...]:
    m = _TITLE_VERB.search(title)
    if not m or m.start() == 0:
        return ()
    prefix = title[: m.start()]
    if re.search(r"等\d+个?部门$|等[一二三四五六七八九十]+个?部门$", prefix):
        return ()
    out: list[str] = []
    for part in _ISSUER_SPLIT.split(prefix):
        if part:
            out.extend(split_run_on_issuers(part))
    return tuple(out)


def split_run_on_issuers(text: str) -> list[str]:
    """``甲市A局甲市B委员会`` → [``甲市A局``, ``甲市B委员会``]; one name stays whole."""
    place = text[:PLACE_PREFIX_CHARS]
    parts: list[str] = []
    start = 0
    for k in range(PLACE_PREFIX_CHARS * 2, len(text) - PLACE_PREFIX_CHARS + 1):
        if text.startswith(place, k) and _ORGAN_END.search(text[start:k]) and k - start >= 2 * PLACE_PREFIX_CHARS:
            parts.append(text[start:k])
            start = k
    parts.append(text[start:])
    return parts


def split_addressees(text: str) -> tuple[str, ...]:
    text = text.rstrip("：:").strip()
    return tuple(x.strip() for x in _TOP_LEVEL_COMMA.split(text) if x.strip())


def _looks_like_addressees(text: str) -> bool:
    return (
        text.endswith(("：", ":"))
        and "。" not in text
        and len(text) <= 160
        and not _META.match(text)
        and not _SALUTATION.search(text)
    )


# A speech's salutation is not a 主送机关 (guide): ``各位代表：``, ``各位代表，同志们：``.
_SALUTATION = re.compile(r"(?:代表|委员|同志们|同志|朋友们|女士们|先生们)[！!]?[：:]$")
# ``——2024年3月5日在第十四届全国人民代表大会第二次会议上``: a report's subtitle.
_SUBTITLE_DATE = re.compile(r"^[—－\-–]{1,2}\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*在")
_REPORTER = re.compile(r"我代表(?P<who>[^，,。；、]{2,30}?)[，,]?\s*向(?:大会|会议|全会)")
# The subtitle and the opening sentence stand within this many paragraphs of the text's start.
SPEECH_OPENING_PARAGRAPHS = 16


@dataclass(frozen=True)
class SpeechFields:
    """What a report or speech (no 版头, no 落款) says about itself in its opening lines."""

    date: str | None
    issuer: str | None


def _speech_fields(paras: tuple[Paragraph, ...], first: int, last: int) -> SpeechFields | None:
    date = issuer = None
    for p in paras[first : min(last, first + SPEECH_OPENING_PARAGRAPHS)]:
        if date is None and (m := _SUBTITLE_DATE.match(p.text)):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
        if issuer is None and (m := _REPORTER.search(p.text)) and _ORGAN_END.search(m.group("who")):
            issuer = m.group("who")
        if match_marker(p.text):
            break
    if date is None and issuer is None:
        return None
    return SpeechFields(date, issuer)


def read_header(paras: tuple[Paragraph, ...], rng: DocumentRange) -> Header:
    meta = _meta_fields(paras, rng)
    first, last = rng.first, rng.last
    # Where the document ends: 版记 and page chrome are not part of it.
    for i in range(first, last):
        if _TAIL.match(paras[i].text):
            last = i
            break

    doc_number = None
    title_lines: list[str] = []
    after_title = first
    if rng.number_index is not None:
        m = DOC_NUMBER.search(paras[rng.number_index].text)
        if m:
            doc_number = normalize_doc_number(m.group("agency"), m.group("year"), m.group("serial"))
        start = first
        # Title above the 发文字号 (gazette style) unless the line above is a 版头 (``××文件``).
        above = [
            i
            for i in range(max(first, rng.number_index - 4), rng.number_index)
            if is_title_line(paras[i].text) and not _is_furniture(paras[i].text)
        ]
        # Only the contiguous run right above the number.
        run: list[int] = []
        for i in reversed(above):
            if run and i != run[-1] - 1:
                break
            if not run and i != rng.number_index - 1:
                break
            run.append(i)
        run.reverse()
        if not run and rng.number_index - 1 >= first and _long_title(paras[rng.number_index - 1].text):
            run = [rng.number_index - 1]
        if run and not paras[run[-1]].text.endswith("文件"):
            title_lines = [paras[i].text for i in run]
            after_title = rng.number_index + 1
        else:
            s, e = _title_after_banner(paras, rng.number_index, last)
            title_lines = [paras[i].text for i in range(s, e)]
            after_title = e
        del start
    else:
        # No 发文字号: the first title-like line (skipping collectors' furniture) is the title.
        i = first
        while i < last and (_is_furniture(paras[i].text) or _META.match(paras[i].text)):
            i += 1
        j = i
        while j < last and j - i < 4 and is_title_line(paras[j].text) and not _is_furniture(paras[j].text):
            j += 1
            if genre_of(paras[j - 1].text):
                break
        if j == i and i < last and _long_title(paras[i].text):
            j = i + 1
        if j > i and genre_of(paras[j - 1].text) and not match_marker(paras[i].text):
            title_lines = [paras[k].text for k in range(i, j)]
            after_title = j
        else:
            after_title = i
        # pkulaw exports print the 发文字号 in brackets under a doubled title; a non-number bracket
        # line such as ``（2020年）`` is skipped the same way.
        while after_title < last and re.match(r"^[（(][^）)]{1,20}[）)]$", paras[after_title].text):
            after_title += 1
    title = _undouble("".join(_dedupe_lines(title_lines))) or meta.get("title")
    if title and meta.get("title") and len(meta["title"]) > len(title) and meta["title"].startswith(title):
        title = meta["title"]
    if doc_number is None and meta.get("doc_number"):
        m = DOC_NUMBER.search(meta["doc_number"])
        if m:
            doc_number = normalize_doc_number(m.group("agency"), m.group("year"), m.group("serial"))

    # 主送机关: the first paragraph after the title ending with a colon. Web copies print the
    # title again under the 发文字号; the repeat is skipped.
    addressees: tuple[str, ...] = ()
    k = after_title
    while k < last and (_is_furniture(paras[k].text) or (title_lines and paras[k].text == "".join(title_lines))):
        k += 1
    body_first = k
    if k < last and _looks_like_addressees(paras[k].text):
        addressees = split_addressees(paras[k].text)
        body_first = k + 1

    # 成文日期: the first date paragraph after the header; the signature sits right above it.
    # A report or speech has no 版头 and no 落款: its date is the subtitle's (``——2024年3月5日
    # 在……会议上``) and its issuer the body that ``我代表……向大会报告``.
    date = None
    date_index = None
    speech = _speech_fields(paras, first, last) if doc_number is None else None
    if speech is not None and speech.date:
        date = speech.date
    for i in range(body_first, last if date is None else body_first):
        d = parse_date_line(paras[i].text)
        if d:
            date, date_index = d, i
            break
    if date is None and meta.get("date"):
        m = _META_DATE.search(meta["date"])
        if m:
            date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    signature: list[str] = []
    if date_index is not None:
        i = date_index - 1
        while i >= body_first and len(signature) < 12 and _ORGAN_END.search(paras[i].text) and len(paras[i].text) <= 40:
            signature.insert(0, paras[i].text)
            i -= 1

    genre = genre_of(title) if title else None
    issuers = _issuers_from_title(title) if title else ()
    if not issuers and signature:
        issuers = tuple(signature)
    if not issuers and speech is not None and speech.issuer:
        issuers = (speech.issuer,)
    if not issuers and meta.get("issuer"):
        issuers = tuple(x for x in _ISSUER_SPLIT.split(meta["issuer"]) if x)

    forwarded_title = None
    body_last = last
    if title:
        fm = FORWARD_TITLE.search(title)
        if fm and re.search(r"(印发|转发|批转|颁发|发布)", title):
            inner = fm.group("inner").strip()
            inner = re.sub(r"^[《“]|[》”]$", "", inner) if inner.count("《") <= 1 else inner
            forwarded_title = inner
    if forwarded_title and date_index is not None:
        # The forwarded document starts after the notice's date, at its own title.
        i = date_index + 1
        while i < last and _is_furniture(paras[i].text):
            i += 1
        s = i
        found = _forwarded_title_lines(paras, s, last, forwarded_title)
        if found is not None:
            joined, i = found
            forwarded_title = joined if _similar(joined, forwarded_title) else forwarded_title
            body_first = i
        else:
            body_first = s
    elif date_index is not None:
        # A document's own signature and date close its body.
        body_last = date_index - len(signature)

    attachments = tuple(
        re.sub(r"^附件[：:]\s*", "", p.text) for p in paras[body_first:last] if re.match(r"^附件[：:]", p.text)
    )
    return Header(
        doc_number=doc_number,
        title=title,
        issuers=issuers,
        date=date,
        addressees=addressees,
        genre=genre,
        forwarded_title=forwarded_title,
        signature=tuple(signature),
        attachments=attachments,
        body_first=body_first,
        body_last=max(body_last, body_first),
        first=first,
        last=last,
    )


def _forwarded_title_lines(paras: tuple[Paragraph, ...], start: int, last: int, named: str) -> tuple[str, int] | None:
    """The forwarded document's own title lines from ``start``: (title, index after it).

    A title printed on several lines can end with a 文种 early (``……建设规划`` /
    ``（2015-2020年）任务分工实施方案``): of the joins that end with a 文种, the one closest in
    length to the title the notice names wins.
    """
    joined = ""
    best: tuple[str, int] | None = None
    i = start
    while i < last and i - start < MAX_TITLE_LINES and is_title_line(paras[i].text):
        joined += paras[i].text
        i += 1
        if joined == named:
            return joined, i
        if genre_of(joined) and (best is None or abs(len(joined) - len(named)) < abs(len(best[0]) - len(named))):
            best = (joined, i)
    return best


def _similar(a: str, b: str) -> bool:
    """Whether a printed title and the one named in the notice's title are the same document."""
    strip = re.compile(r"[《》“”\s]")
    a2, b2 = strip.sub("", a), strip.sub("", b)
    if a2 == b2 or a2 in b2 or b2 in a2:
        return True
    common = len(set(a2) & set(b2))
    return common >= 0.7 * max(len(set(a2)), len(set(b2)))


__all__ = ["DATE_LINE", "DOC_NUMBER_LINE", "Header", "read_header", "split_addressees"]
