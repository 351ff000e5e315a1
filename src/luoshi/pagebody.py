"""Paragraphs of a flattened web page body, and the header lines crawlers put above it.

Crawlers that save a government page as text write a few ``key: value`` lines
(``标题:``, ``发布时间:``, ``文号:``, ``原文链接:`` …), a separator line and then
the page body on ONE line: its paragraphs run together, separated by a space
or by nothing at all. The header lines are metadata, not the document; the body
line is cut back into paragraphs at the boundaries the genre (GB/T 9704) makes
visible even without line breaks:

- a space between two Chinese characters (web layout puts one between blocks),
  unless it sits inside brackets or quotes (``“星辰大海 浪漫平潭”``);
- an outline marker after the end of a sentence or a unit list (``。一、``,
  ``）2.``), or one that continues the top numbering (``…医保局十、``);
- a signature and its 成文日期 after the last sentence (``。某某办公室2015年4月28日``);
- a 发文字号 between a title and the text after it;
- a title (ends with its 文种) or a 主送/salutation (names of organs, then ``：``)
  run into the text after it.

Cuts are returned as source offsets; the cleaner folds each piece as a line.
"""

from __future__ import annotations

import itertools

import msgspec

from luoshi import lazyre as re
from luoshi.model import MarkerKind
from luoshi.patterns import (
    ADDRESSEE_END,
    DOC_NUMBER,
    ORGAN_END,
    OUTLINE_MARKER_FIRST,
    OUTLINE_MARKERS,
    cn_small_number,
    genre_of,
)

# Keys of a crawler's header lines (one ``key: value`` a line at the top of the file).
CRAWLER_KEYS = ("标题", "发布时间", "文号", "发布机构", "栏目", "原文链接", "本地目录", "来源", "索引号", "作者")
_CRAWLER_LINE = re.compile(rf"^\s*(?P<key>{'|'.join(CRAWLER_KEYS)})\s*[:：]\s*(?P<value>.*?)\s*$")
_CRAWLER_NOTE = re.compile(r"^\s*页面链接与图片详见.*$")
CRAWLER_SEPARATOR = re.compile(r"^\s*={3,}\s*正\s*文\s*={3,}\s*$")
# A header needs at least this many key lines: one ``标题:`` line can open any text.
MIN_CRAWLER_KEYS = 2

# A body line this long (characters) is a flattened page even without a crawler header. The
# longest real paragraph in the corpus runs to about 650 characters; flattened bodies start
# at 1,400 (a short notice) and reach 40,000 (a work report).
FLATTENED_MIN_CHARS = 2000


# In a flattened page a space separates blocks: the corpus's five page bodies have 0.0003
# to 0.015 space runs per character (one per 68–3,400 characters). A line spaced out character
# by character (a justified PDF line, ``加 大 创 业``) has about 0.5; above this share the
# spaces are layout and nothing is cut at them.
MAX_SEPARATOR_SPACE_SHARE = 0.1


class CrawlerHeader(msgspec.Struct, frozen=True):
    """The crawler's ``key: value`` lines: which source lines they hold, and their values."""

    lines: frozenset[int]
    fields: tuple[tuple[str, str], ...]
    body_line: int | None  # the first line after the separator

    def get(self, key: str) -> str | None:
        for k, v in self.fields:
            if k == key:
                return v or None
        return None


def crawler_header(lines: list[str]) -> CrawlerHeader | None:
    """The crawler header at the top of the text, if the text starts with one."""
    taken: set[int] = set()
    fields: list[tuple[str, str]] = []
    keys = 0
    body_line = None
    for i, raw in enumerate(lines):
        if not raw.strip():
            taken.add(i)
            continue
        m = _CRAWLER_LINE.match(raw)
        if m:
            taken.add(i)
            fields.append((m.group("key"), m.group("value")))
            keys += 1
            continue
        if _CRAWLER_NOTE.match(raw):
            taken.add(i)
            continue
        if CRAWLER_SEPARATOR.match(raw):
            taken.add(i)
            body_line = i + 1
        break
    if keys < MIN_CRAWLER_KEYS:
        return None
    return CrawlerHeader(frozenset(taken), tuple(fields), body_line)


_SPACE = re.compile(r"[ \u3000\u00a0]+")
_OPENERS, _CLOSERS = "“《（(〔[【‘〈", "”》）)〕]】’〉"
_DEPTH_MARK = re.compile("[" + re.escape(_OPENERS + _CLOSERS + "。") + "]")
_CN_NUM = "一二三四五六七八九十"


def _marker_finder(first_char_test: bool = True) -> re.Pattern[str]:
    """The shared outline-marker table as one alternation; a CN (``一、``) match names ``cn``.

    The alternation is led by a look-ahead for the characters a marker can start with
    (``OUTLINE_MARKER_FIRST``): searched over a page body, the nine styles are then tried only
    where one can start, not at every position (a quarter of the time; same matches).
    """
    parts = []
    for kind, frag in OUTLINE_MARKERS:
        if kind is MarkerKind.CN:
            parts.append(frag.replace("(?P<n>", "(?P<cn>"))
        else:
            parts.append(re.sub(r"\(\?P<n>", "(?:", frag))
    alternation = "|".join(parts)
    if not first_char_test:
        return re.compile(alternation)
    first = "".join(re.escape(ch) for ch in sorted(OUTLINE_MARKER_FIRST))
    return re.compile(f"(?=[{first}])(?:{alternation})")


_MARKER = _marker_finder()
_MARKER_ONLY = re.compile(rf"[0-9０-９]{{1,2}}[.．、]|[{_CN_NUM}]{{1,3}}、|[（(][{_CN_NUM}0-9０-９]{{1,3}}[）)]")
_SENTENCE_MARK = re.compile(r"[。；;：:！!？?]")
_ENDS_WITH_MARKER = re.compile(r"(?:^|[^0-9０-９.．])[0-9０-９]{1,2}[.．]$")
# What may stand right before an outline marker that starts a paragraph.
_BEFORE_MARKER = frozenset("。；;！!？?：:）)”〉〕】]")
_DATE = re.compile(
    r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
)
_SIGNER = re.compile(r"[^\s，。；：、“”《》（）()!！?？]{2,40}")
# Label words that end in an organ word but open a unit list, not a 主送 line.
_LIST_LABEL = re.compile(r"(?:责任|牵头|配合|协办|主办|参与|实施|负责)(?:单位|部门)$")
_GREETING = re.compile(r"(?:代表|委员|同志们|同志|朋友们|女士们|先生们)$")
# A 主送 line or a salutation runs to at most this many characters before its colon.
MAX_ADDRESSEE_CHARS = 160
# A title runs to at most this many characters (the longest in the corpus: 98).
MAX_TITLE_CHARS = 120


def _depths(text: str) -> list[int]:
    """Bracket and quote nesting before each character.

    A sentence end closes whatever is still open: a bracket left unclosed by a typo
    (``（区市场监管局〉``) must not swallow the rest of the page.
    """
    # Only the brackets, quotes and 。 change the depth: the loop visits those (found by one
    # regex) and fills the stretches between them a list repeat at a time, not character by
    # character (a page body runs to 100,000 characters).
    out: list[int] = []
    depth = 0
    pos = 0
    for m in _DEPTH_MARK.finditer(text):
        i = m.start()
        out.extend([depth] * (i + 1 - pos))  # up to and including the mark: the depth before it
        ch = text[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif ch == "。":
            depth = 0
        pos = i + 1
    out.extend([depth] * (len(text) - pos))
    return out


def _cn_value(text: str) -> int | None:
    return cn_small_number(text)


def cut_flattened(line: str) -> list[tuple[int, int]]:
    """Cut a flattened page body into paragraphs: (start, end) offsets of each piece in ``line``."""
    depth = _depths(line)
    # Boundaries as (cut_from, cut_to): the characters between are dropped (spaces) or none.
    cuts: dict[int, int] = {}
    crumb = _BREADCRUMB.match(line)
    floor = crumb.end() if crumb else 0
    if crumb:
        cuts[floor] = floor
    last = floor
    spaces = list(_SPACE.finditer(line, floor))
    if len(spaces) > MAX_SEPARATOR_SPACE_SHARE * len(line):
        spaces = []  # spaced-out text (``加 大 创 业``): its spaces are layout, not block breaks
    for m in spaces:
        a, b = m.start(), m.end()
        if a == 0 or b == len(line):
            cuts[a] = b
            last = b
            continue
        left, right = line[a - 1], line[b]
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
            continue  # ``2015-09-02 16:50``, ``PET CT``
        if depth[a] > 0:
            continue  # inside quotes or brackets
        if _MARKER_ONLY.fullmatch(line[last:a]) or (line[a - 1] in ".．" and _ENDS_WITH_MARKER.search(line[last:a])):
            continue  # ``1. 加强……``: the space after a marker
        cuts[a] = b
        last = b
    pieces = _pieces(line, cuts)
    out: list[tuple[int, int]] = []
    numbering: list[int] = []  # the top-level 一、二、… seen so far, across pieces
    for s, e in pieces:
        out.extend(_cut_piece(line, depth, s, e, numbering))
    # The document a notice forwards starts after the notice's 成文日期 with its own title.
    final: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(out):
        if k and _DATE.fullmatch(line[out[k - 1][0] : out[k - 1][1]]):
            final.extend(_cut_title_run_in(line, depth, s, e))
        else:
            final.append((s, e))
    return [(s, e) for s, e in final if e > s]


# Web chrome that opens a page body: ``当前位置： 首页 > … 时间：2015-09-02 16:50``.
_BREADCRUMB = re.compile(
    r"^\s*当前位置\s*[:：].{0,400}?时间\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)


def _cut_title_run_in(line: str, depth: list[int], s: int, e: int) -> list[tuple[int, int]]:
    """``工作方案为贯彻落实……``: the longest title before the first sentence mark, cut off."""
    stop = s
    while stop < e and stop - s <= MAX_TITLE_CHARS and not (line[stop] in "，。；：:" and depth[stop] == depth[s]):
        stop += 1
    for k in range(stop, s + 1, -1):
        if k < e and depth[k] == depth[s] and genre_of(line[s:k]):
            return [(s, k), (k, e)]
    return [(s, e)]


def _pieces(line: str, cuts: dict[int, int]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for a in sorted(cuts):
        if a < pos:
            continue
        out.append((pos, a))
        pos = cuts[a]
    out.append((pos, len(line)))
    return [(s, e) for s, e in out if e > s]


def _cut_piece(line: str, depth: list[int], s: int, e: int, numbering: list[int]) -> list[tuple[int, int]]:
    points: set[int] = set()
    base = depth[s]
    heading_at = s if _MARKER.match(line, s) else None  # where the last marker's heading began
    for m in _MARKER.finditer(line, s, e):
        p = m.start()
        last_cn = numbering[-1] if numbering else None
        if depth[p] != base or p == s:
            if p == s and m.group("cn") and (v := _cn_value(m.group("cn"))) is not None:
                numbering.append(v)
            continue
        prev = line[p - 1]
        if prev in _CN_NUM or prev.isdigit():
            continue
        value = _cn_value(m.group("cn")) if m.group("cn") else None
        bracketed = m.group(0)[0] in "（(" and prev != "第"
        # ``（一）分类投放1.设置……``: a first arabic item run into its parent's heading.
        first_arabic = (
            heading_at is not None
            and re.fullmatch(r"[1１]\s*[.．]", m.group(0)) is not None
            and not _SENTENCE_MARK.search(line, heading_at, p)
        )
        continues = value is not None and last_cn is not None and value == last_cn + 1
        if prev in _BEFORE_MARKER or bracketed or first_arabic or continues:
            points.add(p)
            heading_at = p
            if value is not None:
                numbering.append(value)
    # A date ends with 日 and a 发文字号 with 号: a piece without one has none (the patterns try
    # every position, the number's agency up to 16 characters at each).
    for m in _DATE.finditer(line, s, e) if line.find("日", s, e) != -1 else ():
        a, b = m.start(), m.end()
        if depth[a] != base:
            continue
        # The signer: the text from the last sentence end (or the piece start) to the date.
        k = a
        while k > s and line[k - 1] not in "。！!？?；;":
            k -= 1
        signer = line[k:a]
        if signer and _SIGNER.fullmatch(signer) and ORGAN_END.search(signer):
            points.update(p for p in (k, a, b) if s < p < e)
        elif not signer and a == s and b < e and _starts_title(line[b:e]):
            points.add(b)  # a date that closes a signature split off by a space
    for m in DOC_NUMBER.finditer(line, s, e) if line.find("号", s, e) != -1 else ():
        a, b = m.start(), m.end()
        if depth[a] != base:
            continue
        before = line[s:a]
        if a > s and genre_of(before) and len(before) <= MAX_TITLE_CHARS:
            points.add(a)
        if (a == s or a in points) and b < e and line[b] not in "，。；：、）)》”〕":
            points.add(b)
    pieces = _split_at(s, e, points)
    out = []
    for ps, pe in pieces:
        out.extend(_cut_header_run_in(line, depth, ps, pe))
    return out


def _starts_title(text: str) -> bool:
    head = text[:MAX_TITLE_CHARS]
    return "关于" in head and not head.startswith(("起", "以", "前", "至", "在"))


def _split_at(s: int, e: int, points: set[int]) -> list[tuple[int, int]]:
    edges = [s, *sorted(p for p in points if s < p < e), e]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _cut_header_run_in(line: str, depth: list[int], s: int, e: int) -> list[tuple[int, int]]:
    """A title, or a 主送 line / salutation, run into the text that follows it."""
    colon = -1
    for k in range(s, min(e, s + MAX_TITLE_CHARS + MAX_ADDRESSEE_CHARS)):
        ch = line[k]
        if ch in "。；;":
            break
        if ch in "：:" and depth[k] == depth[s]:
            colon = k
            break
    if colon < 0 or colon + 1 >= e:
        return [(s, e)]
    head = line[s:colon]
    # A title first: the last place before the colon where the text so far ends with a 文种.
    title_end = None
    if "关于" in head:
        for k in range(colon, s, -1):
            piece = line[s:k]
            if len(piece) <= MAX_TITLE_CHARS and genre_of(piece) and not re.search(r"[，。；：]", piece):
                title_end = k
                break
    addr_start = title_end if title_end is not None else s
    addressees = line[addr_start:colon]
    if not _is_addressee_run(addressees):
        return [(s, e)]
    points = {colon + 1}
    if title_end is not None:
        points.add(title_end)
    return _split_at(s, e, points)


def _is_addressee_run(text: str) -> bool:
    if not text or len(text) > MAX_ADDRESSEE_CHARS or _LIST_LABEL.search(text):
        return False
    items = [x for x in re.split(r"[，,](?![^（(]*[）)])", text) if x]
    return bool(items) and all(len(x) <= 60 and (ADDRESSEE_END.search(x) or _GREETING.search(x)) for x in items)
