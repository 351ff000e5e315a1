"""Stage 2: turn a reader's raw text into clean paragraphs, keeping an offset map.

What is removed or changed, in order:

1. Lines that are page furniture: page numbers on a line of their own (``７１``,
   ``— 1 —``, ``- 2 -``, ``第3页``; the seed's reversed ``０３`` for page 30 is
   still a one- or two-digit line), running heads (a short line repeated on
   several pages next to page breaks), form feeds, and lines holding only a
   stray extraction character (``!``).
2. Characters: full-width ASCII letters, digits and symbols folded to
   half-width, while the Chinese punctuation that the contract keeps (``，：；
   （）！？``) stays full-width — plain NFKC would fold those too; PDF font
   artefacts (``ꎬ`` ``ꎮ``) mapped to the punctuation they stand for; spaces
   between Chinese characters (``加 大 创 业``, ``2025 年``) removed.
3. Hard line wraps joined into paragraphs. A break is kept where a line ends a
   paragraph: it ends with closing punctuation and is shorter than the text's
   usual line, the next line starts with an outline marker or an indent, or
   either line is a table row. A 发文字号 line (also with its 签发人, or after its
   title), a 成文日期, a contents entry ending in a spaced page number stand
   alone; a 签发人 printed before the number is cut from it at the gap.

The output is one paragraph per line (``\\n`` between paragraphs), and
``CleanText.offsets`` maps each clean character back to the raw text.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
from itertools import accumulate, pairwise

from luoshi import lazyre as re
from luoshi.chrome import META_FIRST, is_breadcrumb, is_furniture, is_meta_line, is_posting_line
from luoshi.chrome import TAIL as _PAGE_TAIL
from luoshi.model import CleanText, OffsetRuns, SourceText
from luoshi.pagebody import FLATTENED_MIN_CHARS, crawler_header, cut_flattened
from luoshi.patterns import (
    BULLETS,
    DATE_LINE,
    DOC_NUMBER,
    DOC_NUMBER_LINE,
    GAZETTE_HEAD_RE,
    GENRES,
    LEADING_SIGNER,
    OUTLINE_MARKER_FIRST,
    PIPE_ROW_MIN_BARS,
    PRINTED_ON_RE,
    TRADITIONAL_CHAR,
    fold_traditional,
    genre_of,
    mangled_doc_number,
    outline_marker_alternation,
)

# Full-width forms kept as they are: the contract keeps Chinese punctuation full-width.
KEEP_FULLWIDTH = frozenset("，：；（）！？")

# Western guillemets some PDF producers print for the Chinese title marks: ``«意见»`` → ``《意见》``.
GUILLEMETS = {"«": "《", "»": "》", "‹": "〈", "›": "〉"}

# Characters some PDF fonts map to Yi syllables instead of punctuation.
FONT_ARTEFACTS = {"ꎬ": "，", "ꎮ": "。", "ꎻ": "；", "ꎰ": "：", "ꎪ": "、"}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        ch = chr(code)
        if ch not in KEEP_FULLWIDTH:
            table[code] = chr(code - 0xFEE0)
    for src, dst in GUILLEMETS.items():
        table[ord(src)] = dst
    for src, dst in FONT_ARTEFACTS.items():
        table[ord(src)] = dst
    table[0x3000] = " "  # ideographic space
    table[0xA0] = " "
    for zero_width in (0x200B, 0x200C, 0x200D, 0xFEFF):
        table[zero_width] = ""
    return table


FOLD_TABLE = _build_fold_table()

# The characters FOLD_TABLE changes, as one class: ``str.translate`` with a dict looks up every
# character (a Python int each, ~70 ns a character: 18 ms on the corpus), while most lines need no
# fold at all and the rest only a few characters. The regex finds those; each is replaced from the
# table, which is the same text ``translate`` gives.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(FOLD_TABLE)) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return FOLD_TABLE[ord(m.group())]


def fold_chars(text: str) -> str:
    """``text.translate(FOLD_TABLE)``, without the per-character lookup when little folds."""
    return _FOLDABLE.sub(_fold_match, text) if _FOLDABLE.search(text) else text


# A line holding none of these, with no whitespace at its ends, comes out of ``_fold_line`` as it
# went in (one run): the characters that fold or are deleted, spaces and tabs (spaced markers,
# table cells, spaces between Chinese characters) and half-width brackets.
_FOLDING_CHARS = frozenset(FOLD_TABLE) | frozenset(map(ord, "\f\r\v \t()"))
_FOLDING = frozenset(map(chr, _FOLDING_CHARS))
_NEEDS_FOLDING = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLDING_CHARS)) + "]")

# A line that is only a page number. One to three digits on their own are page
# numbers only when isolated (see _is_isolated_number): flattened tables put
# their 序号 cells on lines of their own too.
_DASHED_PAGE = re.compile(r"^[—－\-–一]{1,2}\s*[0-9０-９]{1,4}\s*[—－\-–一]{1,2}$")
_WORDED_PAGE = re.compile(
    r"^(?:第\s*[0-9０-９]{1,4}\s*页(?:\s*[/／共]\s*[0-9０-９]{1,4}\s*页?)?|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4})$"
)
_BARE_NUMBER = re.compile(r"^[0-9０-９]{1,3}$")
# Lines made only of symbols that extraction leaves behind (no letter, digit or CJK character).
_STRAY = re.compile(r"^[!！|｜·•\-_~^`'\"]{1,2}$")

# Every furniture line above starts with one of these (a cheap test before the patterns).
_FURNITURE_FIRST = frozenset("—－-–一第0123456789０１２３４５６７８９!！|｜·•_~^`'\"")

# Running heads are short; a body line repeated this often is furniture only near page breaks.
RUNNING_HEAD_MAX_CHARS = 16
RUNNING_HEAD_MIN_REPEATS = 2
# Without page numbers, a head is known by its rhythm: seen this many times, once a page. A
# page of a text layer holds 8–80 raw lines (GB/T 9704: 22 lines of 28 characters; unwrapped
# paragraphs give fewer lines, wide tables more), and pages of one document differ by at most
# half again (a short last page has no head after it). A body line repeated at such a rhythm
# stays content when none of its copies stands at the start or next to a page break.
RUNNING_HEAD_RHYTHM_REPEATS = 3
RUNNING_HEAD_PAGE_LINES = (8, 80)
RUNNING_HEAD_PAGE_SPREAD = 1.5

# Outline markers that start a new paragraph: the outline's own table (``luoshi.patterns``).
_MARKER_START = re.compile(rf"^(?:{outline_marker_alternation()})")
# A 发文字号 on a line of its own always stands apart from the title above it.
_DOC_NUMBER_LINE = DOC_NUMBER_LINE
# A title ending in its 文种 with its 发文字号 after it on the same line (``关于……的通知　甲政发〔2025〕1号``;
# in a contents entry the number may stand in brackets). No body sentence has that shape: one that
# cites a number puts the title in 《》 or a clause between (``按照《……的通知》（甲政发〔2025〕1号）``).
# 令 is left out: an order is numbered without brackets (``ORDER_NUMBER``).
_TITLE_THEN_NUMBER = re.compile(
    r"^[^。；：，,;:]+?(?:"
    + "|".join(word for word, _ in GENRES if word != "令")
    + rf")(?:[（(][^（()）]{{1,8}}[）)])?\s*[（(]?\s*{DOC_NUMBER.pattern}\s*[）)]?$"
)
# A contents entry: a title or a 发文字号, a gap, its page number (``甲政发〔2025〕1号　　2``). The gap
# is read on the source line: the fold removes spaces before a digit.
_SPACED_PAGE_NUMBER = re.compile(r"(?:\u3000|[ \t]{2,})\s*[0-9０-９]{1,3}\s*$")
# ``签发人：李明　　临府报〔2025〕4号``: the number after a gap, the names alone before it.
_NUMBER_AFTER_GAP = re.compile(rf"(?<=\s)[（(]?{DOC_NUMBER.pattern}\s*[）)]?\s*$")
_SIGNER_ONLY = re.compile(rf"\s*{LEADING_SIGNER}")
# The flag of a line that stands alone by its layout (read on the source line, see ``clean``).
# Truthy, so it also keeps the line from joining the one before it, as an indent does.
_ALONE_BY_LAYOUT = 2
# A line opening with a word fragment that ends a sentence piece: the rest of a wrapped line.
_FRAGMENT_START = re.compile(r"^[^，。；：、\s（(“]{1,2}[。，；]")
# Where every _FRAGMENT_START match has its mark: the second or third character (a set lookup
# spares the pattern on most lines).
_FRAGMENT_END = frozenset("。，；")
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")

# A paragraph may end after these; any other last character means the line wraps.
PARAGRAPH_END = frozenset("。：:；;！!？?”」』）)]〕】")
# A line starting with one of these continues the line before (no paragraph, title or heading
# starts with the particle 的 or with a mark that closes or divides a clause).
NEVER_OPENS = frozenset("的，。、；：）》”〕】")
# After these a line always continues (a wrap inside a list or a bracket, or after a
# particle that cannot end a heading or a sentence: ``发展现代生态循环农业的\n紧迫性``).
ALWAYS_CONTINUES = frozenset("，,、（(《“「『〔【[—－-的和与及")
_ALWAYS_CONTINUES_TUPLE = tuple(ALWAYS_CONTINUES)

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_ZH_PUNCT = "，。、；：（）《》“”〔〕"
# Spaces next to Chinese text are layout, not content (``加 大 创 业``, ``2025 年``).
_SPACE_BETWEEN_ALTERNATIVES = (
    rf"(?<=[{_CJK}{_ZH_PUNCT}0-9A-Za-z%])[ ]+(?=[{_CJK}{_ZH_PUNCT}])|(?<=[{_CJK}{_ZH_PUNCT}])[ ]+(?=[0-9A-Za-z%])"
)


def _at_a_space(alternatives: str) -> re.LazyPattern:
    """Alternatives that each match spaces from where they start, led by ``(?= )``: each
    opens with a look-behind, which the engine would test at every position of the line
    before failing on its first space (same matches, about half the time)."""
    return re.compile(f"(?= )(?:{alternatives})")


_SPACE_BETWEEN = _at_a_space(_SPACE_BETWEEN_ALTERNATIVES)


# East Asian Wide and Fullwidth characters take two columns in print; every other character
# one. Chinese lines are mostly wide, so the regex finds the (few) narrow characters.
_WIDE_RANGES = (
    (0x1100, 0x115F),
    (0x2E80, 0x303E),
    (0x3041, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
)


def _class_of(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


def _without(ranges: Iterable[tuple[int, int]], points: Iterable[int]) -> list[tuple[int, int]]:
    """``ranges`` (sorted, disjoint, inclusive) less the code points ``points``."""
    out: list[tuple[int, int]] = []
    cut = sorted(points)
    for a, b in ranges:
        for p in cut:
            if a <= p <= b:
                if p > a:
                    out.append((a, p - 1))
                a = p + 1
        if a <= b:
            out.append((a, b))
    return out


_NARROW = re.compile(f"[^{_class_of(_WIDE_RANGES)}]")
# The narrow characters and those that need folding, in one scan: the cleaner's usual line is
# the one whose scan finds none of the latter, and its width follows from the count of the former.
_NARROW_OR_FOLDING = re.compile(f"[^{_class_of(_without(_WIDE_RANGES, _FOLDING_CHARS))}]")


def _east_asian_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(_NARROW.findall(text))


_PLUS_ONE = (1).__add__


def _split_lines(text: str) -> tuple[list[int], list[str]]:
    """The source lines and the offset of each one's first character (plain lists: a named
    tuple a line cost more than the rest of the split)."""
    raws = text.split("\n")
    starts = list(accumulate(map(_PLUS_ONE, map(len, raws)), initial=0))  # each line and its \\n
    return starts, raws


_TOC_ENTRY = re.compile(r"(?:…{3,}|\.{6,}|·{6,}|．{6,})\s*\d{1,4}$")
_TOC_HEAD = re.compile(r"^目\s*录$")


def _furniture(raws: list[str]) -> set[int]:
    """Indexes of lines that are page numbers, running heads or stray characters."""
    drop: set[int] = set()
    stripped = [r.strip() for r in raws]
    if "\f" in "".join(stripped):  # rare: a form feed inside a line (one scan, not a search a line)
        stripped = [r.replace("\f", "") for r in stripped]
    numbers = []
    # Short lines by their text: running-head candidates (see below).
    counts: dict[str, list[int]] = {}
    for i, s in enumerate(stripped):
        if not s:
            continue
        first = s[0]
        if first in _FURNITURE_FIRST:
            compact = s.replace(" ", "")
            if _DASHED_PAGE.match(compact) or _WORDED_PAGE.match(compact) or _STRAY.match(compact):
                drop.add(i)
            elif _BARE_NUMBER.match(compact):
                numbers.append(i)
        # A gazette's table of contents: ``目　录`` and entries with a dotted leader and a page
        # number (``…的通知（临府发〔2024〕1号）……………1``); their titles and numbers are not a
        # document's. An entry ends with its page number's digit and the head starts with 目:
        # check that first (``str.isdigit`` accepts every ``\d``), so most lines are not searched
        # at every position.
        if (s[-1].isdigit() and _TOC_ENTRY.search(s)) or (first == "目" and _TOC_HEAD.match(s)):
            drop.add(i)
        if len(s) <= RUNNING_HEAD_MAX_CHARS:
            counts.setdefault(s, []).append(i)
    drop.update(i for i in numbers if _is_isolated_number(i, numbers, stripped))

    # Running heads: a short line seen several times, each time next to a page break
    # (a dropped page number, a form feed, or a run of blank lines), or as the first line.
    # Page breaks are the page numbers found above, never another running head: a chain of
    # dropped lines would otherwise carry a break into the body (a 发文字号 or 成文日期 printed
    # once in each of k concatenated gazettes sits next to a page number k times). Whether a
    # text may be a running head depends on the text alone: it is asked once per repeated text.
    page_breaks = frozenset(drop)
    for s, idxs in counts.items():
        if len(idxs) < RUNNING_HEAD_MIN_REPEATS or s[-1] in PARAGRAPH_END or s[-1] in "，、":
            continue
        if not _may_be_running_head(s):
            continue
        near_break = [i for i in idxs if _near_page_break(i, raws, stripped, page_breaks)]
        if (len(near_break) >= RUNNING_HEAD_MIN_REPEATS and len(near_break) * 2 >= len(idxs)) or (
            near_break and _page_rhythm(idxs)
        ):
            # A running head, once recognised, is furniture wherever it stands on a line of
            # its own (the gazette's head also opens the next issue, after the last 成文日期).
            drop.update(idxs)
    return drop


def _page_rhythm(idxs: list[int]) -> bool:
    """Whether a repeated line recurs once a page: at least RUNNING_HEAD_RHYTHM_REPEATS times,
    every gap a page's worth of lines (RUNNING_HEAD_PAGE_LINES) and no gap more than
    RUNNING_HEAD_PAGE_SPREAD times another. A text layer whose pages have no number (or whose
    numbers were lost) still repeats its head at the top of every page."""
    if len(idxs) < RUNNING_HEAD_RHYTHM_REPEATS:
        return False
    gaps = [b - a for a, b in pairwise(idxs)]
    low, high = RUNNING_HEAD_PAGE_LINES
    return low <= min(gaps) and max(gaps) <= high and max(gaps) <= RUNNING_HEAD_PAGE_SPREAD * min(gaps)


# A labelled field (``牵头单位：区发改局``, ``责任单位：各街道``): an item's own line, which a
# 分解方案 repeats wherever items share a lead; a running head is a name and has no label.
_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]\s*\S")


def _may_be_running_head(line: str) -> bool:
    """A running head is a column or issue name: never a marker, 发文字号, date, title or field."""
    return not (
        (("：" in line or ":" in line) and _FIELD_LINE.match(line))
        or (line[0] in OUTLINE_MARKER_FIRST and _MARKER_START.match(line))
        or ("号" in line and _DOC_NUMBER_LINE.match(line))
        or DATE_LINE.match(line.replace(" ", ""))
        or genre_of(line)
    )


# A flattened table puts its 序号 cells within this many lines of each other (the seed's
# 川办发14 table: 4–8 lines a row); page numbers stand a page (40+ lines) apart.
TABLE_NUMBER_WINDOW = 12


def _is_isolated_number(i: int, numbers: list[int], stripped: list[str]) -> bool:
    """A bare number is a page number unless other bare numbers sit close by (a table's 序号 column).

    ``numbers`` is sorted, so the closest other bare numbers are its neighbours in the list
    (a bisect, not a scan of every other number: 16,000 bare lines cost 12 s that way).
    """
    k = bisect.bisect_left(numbers, i)
    before = numbers[k - 1] if k > 0 else None
    after = numbers[k + 1] if k + 1 < len(numbers) else None
    return not (
        (before is not None and i - before <= TABLE_NUMBER_WINDOW)
        or (after is not None and after - i <= TABLE_NUMBER_WINDOW)
    )


def _near_page_break(i: int, lines: list[str], stripped: list[str], dropped: frozenset[int]) -> bool:
    """Whether only blank lines separate line ``i`` from a page break or the start of the text."""
    if "\f" in lines[i]:
        return True
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not stripped[j] and "\f" not in lines[j]:
            j += step
        if j < 0 or (j < len(lines) and (j in dropped or "\f" in lines[j])):
            return True
    return False


# Characters the fold deletes (zero-width marks, form feeds); lines without them fold 1:1.
_DELETED = re.compile("[\u200b\u200c\u200d\ufeff\f\r\v]+")

# A line's offset map while it is folded: runs ``(clean position in the line, source
# offset)``, one per stretch where both advance together (see ``luoshi.model.OffsetRuns``).
Runs = list[tuple[int, int]]


def _fold_line(raw: str, start: int) -> tuple[str, Runs]:
    """Fold one line's characters; return its text and its offset runs."""
    if not raw or raw.isspace():
        return "", []
    if _NEEDS_FOLDING.search(raw) is None and not raw[0].isspace() and not raw[-1].isspace():
        return raw, [(0, start)]  # most lines of a Chinese text: nothing below would change them
    stripped = raw.strip()
    if _NEEDS_FOLDING.search(stripped) is None:
        # An indented line (``\u3000\u3000各区县……``) or one with trailing blanks, whose text has
        # nothing to fold: its edges fold to blanks (or are deleted) and the final strip drops
        # them, so the text is the stripped line, one run from its first character.
        return stripped, [(0, start + len(raw) - len(raw.lstrip()))]
    return _fold_line_general(raw, start)


def _fold_line_general(raw: str, start: int) -> tuple[str, Runs]:
    """``_fold_line`` without its shortcuts (``tests/pipeline/speed/test_clean_shortcuts.py`` holds them to it)."""
    if not raw or raw.isspace():
        return "", []
    if _DELETED.search(raw):
        text, runs = _remove_matches(_DELETED, raw, [(0, start)])
        text = fold_chars(text)
    else:
        text = fold_chars(raw)
        runs = [(0, start)]
    if " " in text and ("(" in text or "（" in text):
        # ``( 一)``, ``（ 1 ）``: some PDF producers space the numeral inside its brackets.
        text, runs = _remove_matches(_SPACED_MARKER, text, runs)
    if "(" in text or ")" in text:
        # Half-width brackets around Chinese text are the full-width ones of the normal form
        # (web pages and some PDF producers: ``(区市场监管局）``, ``(一）``); one for one.
        text = _HALF_OPEN.sub("（", _HALF_CLOSE.sub("）", text))
        if ("(" in text and "）" in text) or ("（" in text and ")" in text):
            text = _match_bracket_widths(text)
    # Trim surrounding whitespace, then spaces next to Chinese characters.
    stripped = text.strip()
    if len(stripped) != len(text):
        left = len(text) - len(text.lstrip())
        runs = _keep(runs, [(left, left + len(stripped))])
        text = stripped
    if text[1:2] == " " and _LETTER_SPACED.fullmatch(text):
        # ``各 市 （ 州 ） 人 民 政 府 ：``, ``国 发 〔 2 0 1 6 〕 1 7 号``: a heading or field set
        # letter-spaced; every space is layout, digits included (the rule below keeps those).
        text, runs = _remove_matches(_ANY_SPACES, text, runs)
    if " " in text or "\t" in text:
        if "\t" in text:
            # A table row: keep tab separators, drop spaces around them.
            text, runs = _remove_matches(_SPACE_AROUND_TAB, text, runs)
        text, runs = _remove_matches(_SPACE_BETWEEN, text, runs)
    return text, runs


# A line whose characters all stand apart by spaces, a Chinese one among them (a letter-spaced
# heading, addressee or 发文字号): at least LETTER_SPACED_MIN_CHARS characters, so ``第 1`` is not one.
LETTER_SPACED_MIN_CHARS = 4
_LETTER_SPACED = re.compile(rf"(?=.*[{_CJK}])(?:\S +){{{LETTER_SPACED_MIN_CHARS - 1},}}\S")
_ANY_SPACES = re.compile(" +")

_MARKER_NUMERAL = "一二三四五六七八九十百0-9"
_SPACED_MARKER_ALTERNATIVES = rf"(?<=[(（]) +(?=[{_MARKER_NUMERAL}]{{1,3}} *[)）])" + "".join(
    rf"|(?<=[(（][{_MARKER_NUMERAL}]{{{n}}}) +(?=[)）])" for n in (1, 2, 3)
)
_SPACED_MARKER = _at_a_space(_SPACED_MARKER_ALTERNATIVES)
_HALF_OPEN = re.compile(rf"\((?=[{_CJK}])")
_HALF_CLOSE = re.compile(rf"(?<=[{_CJK}])\)")


def _match_bracket_widths(text: str) -> str:
    """``(2023—2025年）`` → ``（2023—2025年）``: a bracket pair printed with one half-width and one
    full-width side (a web page's or a PDF producer's mix, or the rule above folding only the side
    next to a Chinese character) is made full-width, the contract's form; a half-width pair
    (``(1)``, ``(2023)``) stays. One for one, so the offsets are unchanged."""
    chars = list(text)
    opens: list[int] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            opens.append(i)
        elif ch in ")）" and opens:
            j = opens.pop()
            if (chars[j] == "(") != (ch == ")"):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


_SPACE_AROUND_TAB_ALTERNATIVES = r" +(?=\t)|(?<=\t) +"
_SPACE_AROUND_TAB = _at_a_space(_SPACE_AROUND_TAB_ALTERNATIVES)


def _remove_matches(pattern: re.LazyPattern, text: str, runs: Runs) -> tuple[str, Runs]:
    """``text`` without the matches of ``pattern``, and its runs."""
    kept: list[tuple[int, int]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            kept.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos == 0 and not kept:
        return text, runs
    if pos < len(text):
        kept.append((pos, len(text)))
    return "".join(text[a:b] for a, b in kept), _keep(runs, kept)


def _keep(runs: Runs, kept: list[tuple[int, int]]) -> Runs:
    """The runs of the text made of the ascending, non-empty stretches ``kept`` of a line."""
    out: Runs = []
    k = 0
    pos = 0  # where the current stretch lands in the new text
    for a, b in kept:
        while k + 1 < len(runs) and runs[k + 1][0] <= a:
            k += 1
        j = k
        while j < len(runs) and runs[j][0] < b:
            c, src = runs[j]
            at = max(c, a)
            _append_run(out, pos + at - a, src + at - c)
            j += 1
        pos += b - a
    return out


def _append_run(runs: Runs, clean_pos: int, source: int) -> None:
    """Add a run, merging it into the last one when it simply continues it."""
    if runs:
        last_pos, last_source = runs[-1]
        if source - last_source == clean_pos - last_pos:
            return
    runs.append((clean_pos, source))


# Lines narrower than this (half-width columns: ten Chinese characters) are headings, dates
# and signatures, not the body lines whose width the layout sets.
MIN_CONTENT_WIDTH = 20


def _line_width_estimate(widths: list[int]) -> int:
    """The text's usual full line width: the median width of content lines.

    Calibrated on the seed (22 full-width characters a line, median 44 columns)
    and on pdftotext layers (about 27, median 56): most lines of a wrapped
    paragraph sit at the median, its last line and headings below it.
    """
    if not widths:
        return 0
    ordered = sorted(widths)
    return ordered[len(ordered) // 2]


# A line with no closing punctuation wraps when it is at least this close to the usual
# width (half-width columns): a paragraph's first line is indented by two characters (4),
# and punctuation compression in print takes a few more.
WRAP_SLACK = 8
# A line that ends a sentence wraps only when it is (nearly) full.
SENTENCE_WRAP_SLACK = 2
# Texts whose usual line is this wide were not wrapped by a layout: each line is a paragraph.
UNWRAPPED_WIDTH = 120
# In a wrapped layout most lines have nearly the same width: at least this share of lines
# lies within WRAP_SLACK of the median (seed: 0.8; pdftotext layers: 0.6; web pages and
# pkulaw exports, one paragraph a line: under 0.3).
WRAPPED_SHARE = 0.4


def _is_wrapped_layout(widths: list[int], usual: int) -> bool:
    """``widths`` sorted: the lines within WRAP_SLACK of the usual width are one slice of it."""
    if not widths or not 0 < usual < UNWRAPPED_WIDTH:
        return False
    near = bisect.bisect_right(widths, usual + WRAP_SLACK) - bisect.bisect_left(widths, usual - WRAP_SLACK)
    return near >= WRAPPED_SHARE * len(widths)


# A layer of short paragraphs (a list of 民生实事, headings each with a one- or two-line
# paragraph) has most of its lines narrower than a full line, so the median is no line width and
# few lines sit near it. Its full lines still share one width, and no line is wider: at least
# this share of lines within WRAP_SLACK of the widest, among at least FULL_LINE_MIN_LINES content
# lines (layers of the excerpts as GB PDFs, plain and -layout pdftotext: 0.28–0.48; saved web
# pages and pkulaw exports, one paragraph a line: a widest line over UNWRAPPED_WIDTH, or 0.03).
FULL_LINE_SHARE = 0.25
FULL_LINE_MIN_LINES = 8
# A layer may hold a few lines wider than its full line: a form's row the layer did not part
# with tabs, a line set in a wider measure. The widest line that counts is the widest after
# this share of lines is left out. Calibrated on the LibreOffice layer of a 办法 ending in a 补贴
# form (1 line of 162, width 92, against full lines of 78); with it every gold and held-out file
# scores as before in every rendered format (``eval/formats.py``). A text under 50 lines leaves
# none out.
FULL_LINE_OUTLIER_SHARE = 0.02


def _full_line_width(widths: list[int]) -> int:
    """``widths`` sorted: the width of the full lines of a short-paragraph layer, or 0.

    The median of the lines within WRAP_SLACK of the widest (a full line holding a half-width
    number or a narrow quotation mark is a little narrower than the widest), the few widest
    lines of FULL_LINE_OUTLIER_SHARE left out."""
    if len(widths) < FULL_LINE_MIN_LINES:
        return 0
    top = len(widths) - int(len(widths) * FULL_LINE_OUTLIER_SHARE)  # widths[:top] count
    if widths[top - 1] >= UNWRAPPED_WIDTH:
        return 0
    k = bisect.bisect_left(widths, widths[top - 1] - WRAP_SLACK, 0, top)
    if top - k < FULL_LINE_SHARE * len(widths):
        return 0
    return widths[(k + top) // 2]


BLOCK_READERS = frozenset({"html"})  # not docx: a Word soft break (w:br) may be a wrap kept from a PDF


def clean(source: SourceText) -> CleanText:
    """Clean a reader's text into paragraphs with an offset map back to the source."""
    starts, raws = _split_lines(source.text)
    drop = _furniture(raws)
    crawler = crawler_header(raws)
    flattened = {crawler.body_line} if crawler and crawler.body_line is not None else set()
    # Non-empty folded lines: text, runs (a bare source offset when the line is one run, the
    # usual case: a list and its tuples cost ~150 bytes a line at the cleaner's peak), raw
    # width, indented. Blank lines only separate; they take no part in joining.
    folded: list[tuple[str, Runs | int, int, bool | int]] = []
    narrow_or_folding = _NARROW_OR_FOLDING.findall
    folding = _FOLDING
    for i, (start, raw) in enumerate(zip(starts, raws, strict=False)):  # starts has one more
        if not raw or i in drop:
            continue  # a blank line folds to nothing
        if len(raw) >= FLATTENED_MIN_CHARS or i in flattened:
            # A page body on one line: each piece is a paragraph of its own (marked as
            # indented, so nothing joins it to its neighbours; width 0 keeps the pieces out
            # of the line-width estimate).
            for a, b in cut_flattened(raw):
                text, offs = _fold_line(raw[a:b], start + a)
                if text:
                    folded.append((text, _compact(offs), 0, True))
            continue
        found = narrow_or_folding(raw)
        if folding.isdisjoint(found) and not raw[0].isspace() and not raw[-1].isspace():
            # The usual line: it folds to itself (see ``_fold_line``), one run, not indented;
            # every character found is narrow (``_east_asian_width``).
            folded.append((raw, start, 2 * len(raw) - len(found), False))
            continue
        if "签发人" in raw and (pieces := _signer_then_number(raw)):
            # Two fields side by side: each a paragraph (width 0: out of the line-width estimate).
            for a, b in pieces:
                text, offs = _fold_line(raw[a:b], start + a)
                folded.append((text, _compact(offs), 0, True))
            continue
        text, offs = _fold_line(raw, start)
        if not text:
            continue
        if "\f" in raw:
            raw = raw.replace("\f", "")
        layout = _ALONE_BY_LAYOUT if text[-1].isdigit() and _entry_with_page_number(raw) else bool(_INDENT.match(raw))
        folded.append((text, _compact(offs), _east_asian_width(raw.strip()), layout))
    line_starts = array("q", starts)
    line_starts.pop()  # (``starts`` has one more: the end)
    del starts, raws  # the raw lines are not needed any more: free them before the text is joined

    widths = sorted([w for t, _, w, _ in folded if w >= MIN_CONTENT_WIDTH and "\t" not in t])
    usual = _line_width_estimate(widths)
    # The HTML reader gives one line per block (paragraph, list item, cell, <br>): no line of
    # its was wrapped by a page layout, whatever the widths say.
    wrapped_layout = source.kind not in BLOCK_READERS and _is_wrapped_layout(widths, usual)
    if not wrapped_layout and source.kind not in BLOCK_READERS and (full := _full_line_width(widths)):
        usual, wrapped_layout = full, True

    headings = _heading_levels(folded, usual) if wrapped_layout else frozenset()

    last_source = max(len(source.text) - 1, 0)
    out_text: list[str] = []
    run_starts = array("q")
    run_sources = array("q")
    length = 0  # clean characters so far
    # The last content line of the paragraph: text, width, alone, whether it opened the paragraph,
    # and the text of the paragraph's line before it ("" when it opened the paragraph).
    prev: tuple[str, int, bool, bool, str] | None = None

    # Each line is written out as it is read: after a ``\n`` when it starts a paragraph, right
    # after the line before when it continues one. Within a run, source offset minus clean
    # offset is constant (``delta``); a run starts where it changes (see ``OffsetRuns``).
    delta: int | None = None
    alone_by_layout = _ALONE_BY_LAYOUT
    # A text in traditional script is joined as its simplified fold reads (``patterns.TRADITIONAL_FOLD``,
    # one for one: ``……的實施意見`` ends a title, ``東府〔2021〕54號`` stands alone); the printed
    # characters are what is written out.
    traditional = TRADITIONAL_CHAR.search(source.text) is not None
    for text, offs, width, indented in folded:
        look = fold_traditional(text) if traditional else text
        last = look[-1]
        # (the guard is what ``_stands_alone`` needs first, one of three; most lines skip the call)
        alone = indented == alone_by_layout or (
            ("号" in look or last in _ALONE_LAST or last.isdigit()) and _stands_alone(look)
        )
        opens = prev is None or not _continues(prev, look, width, indented, alone, usual, wrapped_layout, headings)
        if (
            not opens
            # (what _page_chrome_between asks first: most joining lines are long and no metadata)
            and (
                len(look) <= CHROME_MAX_CHARS
                or len(prev[0]) <= CHROME_MAX_CHARS
                or (look[0] in META_FIRST and is_meta_line(look))
                or look[0].isdigit()  # a posting line opens with its date
            )
            and _page_chrome_between(prev[0], look)
        ):
            # Asked only of the lines that would join: most lines are not chrome. HTML too: a block
            # is a line of its own, but a title's rules still join the next block (an 印发 title
            # ending in another 文种, ``关于印发……的通报`` + ``发布时间：……信息来源：……``).
            opens = True
        if prev is not None and opens:
            # The separator points at the source character after the previous paragraph's
            # last one (``length - 1 + delta``), or at the text's last character at its end.
            if length + delta > last_source:
                run_starts.append(length)
                run_sources.append(last_source)
                delta = last_source - length
            out_text.append("\n")
            length += 1
        out_text.append(text)
        if isinstance(offs, int):
            if offs - length != delta:
                run_starts.append(length)
                run_sources.append(offs)
                delta = offs - length
        else:
            for c, src in offs:
                pos = length + c
                if src - pos != delta:
                    run_starts.append(pos)
                    run_sources.append(src)
                    delta = src - pos
        length += len(text)
        if (
            not opens
            and prev[3]
            and len(prev[0]) <= BARE_MARKER_MAX_CHARS
            and prev[0][0] in OUTLINE_MARKER_FIRST
            and _MARKER_START.fullmatch(prev[0])
        ):
            # The rest of a printed line whose marker the layer put on a line of its own: the
            # printed line was as wide as both, with the gap after the marker (two columns).
            width += prev[1] + MARKER_GAP_WIDTH
        prev = (look, width, alone, opens, "" if opens else prev[0])
    joined = "".join(out_text)
    return CleanText(
        text=joined,
        offsets=OffsetRuns(run_starts, run_sources, length),
        source=source,
        line_starts=line_starts,
        prints_traditional=traditional,
    )


# One or two characters alone on a line are an extraction break (seed: ``回收`` / ``处``).
BROKEN_FRAGMENT_CHARS = 2
# A short line without closing punctuation after a sentence end is a heading (seed headings:
# 4–18 characters), so a full line before it does not run on into it; a line as wide as the
# usual line is not one (a layout of 20 characters a line wraps at the heading's length).
HEADING_MAX_CHARS = 20
# A closing quotation mark ends a paragraph only after the sentence's own end mark (“……。”).
SENTENCE_END_IN_QUOTES = frozenset("。！？!?…")
# A line led by a dash after a sentence end opens a paragraph: the lead of a work report's
# list (``——经济总体回升向好。``), never the start of a sentence inside one.
DASH_LEAD = "——"


# A mangled number line (``patterns.MANGLED_NUMBER_LINE``) is at most this long: a 16-character code,
# its bracket, the year and a five-digit serial.
MAX_MANGLED_NUMBER_CHARS = 26


def _stands_alone(line: str) -> bool:
    """A 发文字号 (with its 签发人 before or after it, or after its title), a 成文日期 (under the
    signature), a 版记's 印发 line or a gazette head is a paragraph of its own. A contents entry
    with its page number is found on the source line (``_entry_with_page_number``)."""
    # A 发文字号 line holds ``号``; the other three are anchored at the end (``$``: the end or
    # before a final ``\n``) on 日, on 印发 and on 报 or 期: a line ending otherwise is not
    # searched at every position. A title with its number after it ends with 号 too.
    if "号" in line and (_DOC_NUMBER_LINE.match(line) or (line[-1] == "号" and _TITLE_THEN_NUMBER.match(line))):
        return True
    if line[-1].isdigit() and len(line) <= MAX_MANGLED_NUMBER_CHARS and mangled_doc_number(line):
        return True  # ``浦府〔20221``: a number line whose 〕 and 号 a page's export dropped
    if line[-1] not in _ALONE_LAST:
        return False  # (the three tests below need one of these last; most lines end otherwise)
    return bool(
        (line.endswith(_DATE_ENDS) and DATE_LINE.match(line))
        or (line.endswith(_PRINTED_ON_ENDS) and PRINTED_ON_RE.search(line))
        or (line.endswith(_GAZETTE_HEAD_ENDS) and GAZETTE_HEAD_RE.match(line))
    )


def _entry_with_page_number(raw: str) -> bool:
    """A contents entry: a title ending in its 文种 or a 发文字号, then a gap and a page number."""
    m = _SPACED_PAGE_NUMBER.search(raw)
    if m is None:
        return False
    head = raw[: m.start()].strip()
    return bool(head) and bool(
        ("号" in head and (_DOC_NUMBER_LINE.match(head) or _TITLE_THEN_NUMBER.match(head))) or genre_of(head)
    )


def _signer_then_number(raw: str) -> list[tuple[int, int]] | None:
    """The 签发人 part and the 发文字号 part of a line printing them in that order, or None."""
    m = _NUMBER_AFTER_GAP.search(raw)
    if m is None or not _SIGNER_ONLY.fullmatch(raw, 0, m.start()):
        return None
    a = len(raw) - len(raw.lstrip())
    return [(a, len(raw[: m.start()].rstrip())), (m.start(), len(raw.rstrip()))]


_DATE_ENDS = ("日", "日\n")
_PRINTED_ON_ENDS = ("印发", "印发\n")
_GAZETTE_HEAD_ENDS = ("报", "期", "报\n", "期\n")
_ALONE_LAST = frozenset("日发报期\n")  # the last characters of _DATE_ENDS, _PRINTED_ON_ENDS, _GAZETTE_HEAD_ENDS


def _compact(runs: Runs) -> Runs | int:
    """A line's runs, as the bare source offset when they are one run from its start."""
    return runs[0][1] if len(runs) == 1 and runs[0][0] == 0 else runs


# A marker alone on a line is at most this long (``第一百二十三条``, ``（二十一）``).
BARE_MARKER_MAX_CHARS = 8
# The gap a printed line leaves after an article or chapter marker (``第十一条　``): a full-width space.
MARKER_GAP_WIDTH = 2


# The two outline levels a document sets as headings on lines of their own (GB/T 9704 7.3.3: 一、
# and （一）), told by the marker's shape; arabic items (``1.``) open run-in paragraphs as often.
_HEADING_SHAPES = (
    ("一、", re.compile(r"^[一二三四五六七八九十]{1,3}、")),
    ("（一）", re.compile(r"^[（(]\s?[一二三四五六七八九十]{1,3}\s?[）)]")),
)
_HEADING_SHAPE_FIRST = frozenset("一二三四五六七八九十（(")
# No heading holds a sentence's mark; a run-in heading (``（一）总体要求。坚持……``) or an item that is
# a sentence (``一、各地要……，……``) holds one on its first line, most often.
_SENTENCE_STOPS = re.compile(r"[，。；：！？,;:!?]")


def _heading_shape(text: str) -> str | None:
    if text[:1] not in _HEADING_SHAPE_FIRST:
        return None
    for shape, pattern in _HEADING_SHAPES:  # (a loop, not ``next`` over a generator: half the cost)
        if pattern.match(text):
            return shape
    return None


def _heading_levels(folded: list[tuple[str, Runs | int, int, bool | int]], usual: int) -> frozenset[str]:
    """The marker shapes that head lines of their own throughout this text: at least one line of
    that shape is a short heading (narrower than a full line, no sentence mark), and no line of it
    holds a sentence mark (no run-in item). In a text re-wrapped at a fixed width, a heading of
    such a level that fills its line exactly is still a heading (:func:`_continues`)."""
    headed: set[str] = set()
    run_in: set[str] = set()
    for text, _, width, _ in folded:
        if text[0] not in _HEADING_SHAPE_FIRST:
            continue  # (most lines: ``_heading_shape``'s own first test, without a call)
        shape = _heading_shape(text)
        if shape is None:
            continue
        if _SENTENCE_STOPS.search(text):
            run_in.add(shape)
        elif 0 < width < usual - WRAP_SLACK:
            headed.add(shape)
    return frozenset(headed - run_in)


def _continues(
    prev_line: tuple[str, int, bool, bool, str],
    line: str,
    width: int,
    indented: bool,
    alone: bool,
    usual: int,
    wrapped_layout: bool,
    headings: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``line`` continues the paragraph whose last line is ``prev_line``.

    ``prev_line`` is that line's text, raw width, whether it stands alone, whether it opened
    its paragraph and the paragraph's line before it; ``width`` and ``alone`` are the same for
    ``line`` (computed once per line, see :func:`_stands_alone`).
    """
    prev, prev_width, prev_alone, prev_opens, before = prev_line
    if prev_width < usual - WRAP_SLACK and (prev_opens or before[:1].isdigit()):
        # ``2017-09-28 09:28:00来源：齐鲁壹点作者：李军`` + ``日前，……``: a posting line (perhaps wrapped
        # once) whose last line stops short of the line's end ends there; one as wide as the line
        # wrapped and goes on.
        head = prev if prev_opens else before + prev
        if head[:1].isdigit() and is_posting_line(head):
            return False
    if "://" in prev and wrapped_layout and not indented and _url_wraps(prev, line, prev_width, usual):
        return True
    if alone or prev_alone or indented or "\t" in prev or "\t" in line or "://" in prev:
        return False
    first = line[0]  # (bound once: a CJK character is a new string each time it is taken)
    if first in BULLETS:
        # ``●经济增长6%左右`` / ``●城镇调查失业率……``: each bullet opens a list item of its own.
        return False
    if ("|" in line and _is_bar_row(line)) or ("|" in prev and _is_bar_row(prev)):
        # ``1 | 新建…… | 县教育局 | 2024年底 |``: a table copied from a web page prints each row as
        # one line of bar-separated cells; rows of one width are no wrapped paragraph.
        return False
    last = prev[-1]
    if first in _OPENS_ALONE_FIRST and not (last in ALWAYS_CONTINUES or _unclosed_bracket(prev)):
        if line.isdigit() and len(line) <= TABLE_NUMBER_MAX_DIGITS and not (last.isdigit() or last == "第"):
            # ``文号`` + ``1``: a table's 序号 cell on a line of its own opens its row; it never ends
            # the header cell above it (a number split by a wrap has a digit or 第 before it).
            return False
        if line.startswith("附件") and _ATTACHMENT_LABEL.match(line):
            # GB/T 9704 7.3.3: the 附件说明 (``附件：1.……``) and an 附件's own label start a line;
            # they never go on from the signature or the sentence above.
            return False
        if first in "（(" and _DATE_NOTE_LINE.match(line):
            # ``在全县经济工作会议上的讲话`` + ``（2024年1月20日）``: a speech's or a law's date note
            # (``（2009年7月22日……会议通过）``) is a line of its own under the title; a title's period
            # note (``（2021-2025年）``) is no full date and still joins it (below).
            return False
        if line.startswith(DASH_LEAD) and _looks_like_heading(prev) and not _SENTENCE_MARKS.intersection(line):
            # ``奋力推动全县高质量发展`` + ``——在县委经济工作会议上的讲话``: a speech's or report's
            # subtitle, led by a dash, under a short title line is a line of its own.
            return False
    if (">" in prev or "»" in prev or "＞" in prev) and _is_crumb_trail(prev):
        # ``您现在的位置：首页 >> 政务公开 >> 正文`` + ``2019年……公告``: a saved page's breadcrumb is
        # a line of its own, however wide (the chrome test above asks only short lines).
        return False
    if first in OUTLINE_MARKER_FIRST and _MARKER_START.match(line):
        # ``……抢救第`` + ``一、合理利用……``: an ordinal's 第 never ends a line's text, so what
        # follows it is the ordinal's numeral wrapped, not a marker.
        if last == "第":
            return True
        # ``……鼓励多站合`` + ``一、服务同网……``, ``……按照`` + ``（一）款规定……``: in a wrapped
        # layout a full line that ends without closing punctuation, inside a paragraph that has
        # already wrapped, is a wrap too, whatever the next line starts with. A paragraph's first
        # line is no evidence: a title, a heading or a one-line paragraph may be as wide as the
        # usual line (a short text's median is one of its own lines), and a printed paragraph's
        # first line is indented, so narrower. A short marker line without closing punctuation
        # is a heading (``……加强管理工作`` + ``一、总体要求``): a wrap would end the sentence there
        # without its mark.
        return (
            wrapped_layout
            and not prev_opens
            and last not in PARAGRAPH_END
            and last not in "”」』"
            and prev_width >= usual - SENTENCE_WRAP_SLACK
            and not _looks_like_heading(line)
        )
    if len(prev) <= BARE_MARKER_MAX_CHARS and prev[0] in OUTLINE_MARKER_FIRST and _MARKER_START.fullmatch(prev):
        # ``第十一条`` / ``市民政部门可以……``, ``第一章`` / ``总则``: a marker alone on its line (a
        # text layer puts the gap after an article number as a line break) is never a paragraph;
        # its text is on the next line.
        return True
    if first in "（(" and last not in PARAGRAPH_END and _TITLE_NOTE.match(line):
        # ``……发展规划`` + ``（2021-2025年）``: a title's period or edition note wrapped to a line
        # of its own (``（`` and digits are no marker) belongs to the title.
        return True
    if first in _UNIT_LABEL_FIRST and _UNIT_LABEL_LINE.match(line):
        # ``（二）稳增长`` + ``责任单位：县发改局``: a line opening with a unit label is the item's
        # unit list, set apart from the text above it, unless that text is left open.
        return last in ALWAYS_CONTINUES or _unclosed_bracket(prev)
    if first in NEVER_OPENS and (last not in PARAGRAPH_END or (first == "的" and last in _CLOSE_MARKS)):
        # ``……信息化规划`` + ``的通知``, ``……发展计划`` + ``，确保……``: a particle or a mark no
        # paragraph starts with goes on from the line before, even one ending in a 文种 word;
        # the particle 的 also after a closing bracket or quotation mark (``……20万元以上）`` +
        # ``的骨干人才``: a layer that breaks after a bracket leaves the line short).
        return True
    if (
        "。" not in prev
        and "，" not in prev
        and not (before and ("。" in before or "，" in before))
        and genre_of(prev)
        and not prev.endswith(_ALWAYS_CONTINUES_TUPLE)
    ):
        # The last line of a title ends with its 文种; a body line ending in one (``……定期召开联席
        # 会议，通报`` / ``工作进展……``) holds a comma, a title none, and so does every line of a title
        # above it (``……，全面落实生产建设项目水土保持方案`` / ``管理的有关规定……``: the paragraph's line
        # before holds a comma, so this is no title's last line). Two exceptions, both a
        # title wrapped after the name of the document it carries: the title of an 印发/转发
        # notice ends with the notice's own 通知 (``关于印发……建设规划`` + ``（2015-2020）任务分工
        # 实施方案的通知``), and a plan's period note goes before the rest of its name
        # (``……建设规划`` + ``（2015-2020年）任务分工实施方案``).
        return _carried_title_goes_on(prev, line)
    if last in ALWAYS_CONTINUES or _unclosed_bracket(prev):
        return True
    if (
        headings
        and prev_opens
        and _heading_shape(prev) in headings
        and not _SENTENCE_STOPS.search(prev)
        and (_SENTENCE_STOPS.search(line) or width >= usual - WRAP_SLACK)
    ):
        # ``二、2024年经济社会发展总体要求和政策取向`` (exactly one line wide) + ``今年是……``: a level
        # this text sets as headings ends at its line; only its own rest (a short line without a
        # sentence mark) goes on from it.
        return False
    if not wrapped_layout:
        return False
    if (
        last not in PARAGRAPH_END
        and len(prev) <= BROKEN_FRAGMENT_CHARS
        and prev not in ("附件", "附表", "序号")
        and not prev.isdigit()  # a table's 序号 cell on a line of its own
        and not (before and "。" not in before and "，" not in before and genre_of(before + prev))
    ):
        # One or two characters alone on a line are what an extraction break left (``回收`` /
        # ``处`` / a stray ``!`` / ``水平``), not a paragraph; unless they end a title's 文种
        # with the line before (``……工作的通`` / ``知``), as a title's last line does.
        return True
    if (
        last not in PARAGRAPH_END
        and (line[1:2] in _FRAGMENT_END or line[2:3] in _FRAGMENT_END)
        and _FRAGMENT_START.match(line)
    ):
        # ``（二）建设新型农村日用消费品流通网`` + ``络。推动……``: a heading set in a wider font wrapped.
        return True
    if last == "”" and prev[-2:-1] not in SENTENCE_END_IN_QUOTES:
        # ``开展“双随机”`` + ``抽查工作。``: a quotation closed inside a sentence ends nothing.
        return prev_width >= usual - WRAP_SLACK
    if last == "）" and _inline_note(prev):
        # ``扩大到整个市区、80%县（市、区）`` + ``和60%乡镇。``: a full line may end inside its sentence.
        return prev_width >= usual - SENTENCE_WRAP_SLACK
    if last in PARAGRAPH_END:
        # A sentence can end exactly at a wrap; only a full line may go on.
        full = prev_width >= usual - SENTENCE_WRAP_SLACK
        return (
            full
            and last in "。；;"
            and not line.startswith(DASH_LEAD)
            and not (width < usual - SENTENCE_WRAP_SLACK and _looks_like_heading(line))
        )
    return prev_width >= usual - WRAP_SLACK


# A web address is one word: a line ending inside an address (``原文链接：https://…/lar/3d49cd07``)
# goes on with a line made only of an address's characters (``7b5cb34.html``) when that line would
# not have fitted after it, as a wrap at the page's edge leaves it: cut anywhere (a layer that
# breaks between any two characters fills the line) or at the address's last ``/`` (one that breaks
# between words moves the whole rest down). Any other line after an address opens its paragraph:
# a Chinese character or a space is text again, and a line of digits alone is a page or row number.
_URL_AT_END = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[!-~]+$")
_URL_TAIL = re.compile(r"(?=[!-~]*[A-Za-z/])[!-~]+")


def _url_wraps(prev: str, line: str, prev_width: int, usual: int) -> bool:
    return prev_width + len(line) > usual and bool(_URL_TAIL.fullmatch(line)) and bool(_URL_AT_END.search(prev))


# Closing brackets and quotation marks: they end a paragraph's last line, or a phrase inside it.
_CLOSE_MARKS = frozenset("”」』）)]〕】")


# A title's note in brackets: its period (``（2021-2025年）``, ``（2023年）``), its edition or draft
# state (``（试行）``, ``（2023年修订）``, ``（征求意见稿）``), the part of it printed (``（卫生健康部分）``,
# ``（节选）``), on a line of its own.
_TITLE_NOTE = re.compile(
    r"^[（(](?:\d{4}\s*(?:年\s*)?[-—–～~至]\s*\d{4}\s*年?|\d{4}\s*年(?:版|修订|修正|本)?|"
    r"(?:\d{4}\s*年)?(?:试行|暂行|修订|修正|修订版|征求意见稿|送审稿|草案|代拟稿)|[^（()）\d]{1,8}部分|节选|摘要|摘编)[）)]$"
)

# The title of a notice that issues or forwards another document (GB/T 9704: ``关于印发《……》的通知``,
# ``关于转发……的通知``) names that document, whose 文种 may end a line; the title itself ends with
# the notice's 通知. A line with a sentence's mark is no part of a title.
_CARRIER_TITLE = re.compile(r"关于(?:印发|转发|颁布|公布|发布)")
# A plan's period before the rest of its name (``（2015-2020年）任务分工实施方案``).
_PERIOD_FIRST = re.compile(r"^[（(]\d{4}\s*(?:年\s*)?[-—–～~至]\s*\d{4}\s*年?[）)][\u4e00-\u9fff]")


def _carried_title_goes_on(prev: str, line: str) -> bool:
    """Whether a title line ending in a 文种 word goes on: ``prev`` is an 印发/转发 notice's title
    not yet at its 通知 (a version note may follow the 通知: ``……的通知(2019修订)``), or ``line``
    opens with a plan's period note and more of the name."""
    if "。" in line or "，" in line:
        return False
    if _PERIOD_FIRST.match(line):
        return True
    carrier = _CARRIER_TITLE.search(prev)
    return carrier is not None and "通知" not in prev[carrier.end() :]


# A saved page's buttons and labels (``朗读``, ``【字体：大 中 小】``, ``【打印本页】``) are a line of
# their own in a text file too: the header's chrome test decides (``luoshi.header``), on short
# lines only. HTML gives each its own block anyway.
CHROME_MAX_CHARS = 16


def _page_chrome_between(prev: str, line: str) -> bool:
    """Whether a page's chrome keeps ``line`` from continuing ``prev``: either is a short button or
    label line (``朗读``, ``【打印本页】``: a line of its own on both sides), or ``line`` is a saved
    page's metadata line (``来源:岳阳市政府门户网 日期:…``: a page key and its colon first, the
    header's test), which opens a paragraph as an indent does (it may wrap) and never continues
    the title above it; so does a posting line that opens with its date (``2017-09-28 09:28:00来源：
    齐鲁壹点作者：李军``)."""
    return (
        (len(line) <= CHROME_MAX_CHARS and line[-1] not in _SENTENCE_MARKS and _is_page_chrome(line))
        or (len(prev) <= CHROME_MAX_CHARS and prev[-1] not in _SENTENCE_MARKS and _is_page_chrome(prev))
        or is_meta_line(line)
        or is_posting_line(line)
    )


# No button or label ends with a sentence's mark (a cheap test before the header's patterns).
_SENTENCE_MARKS = frozenset("。，；、？！")


def _is_page_chrome(text: str) -> bool:
    return (
        is_furniture(text)
        or bool(_PAGE_TAIL.match(text))
        or (text[0] in "【[" and is_furniture(text.strip("【】[] ")))  # a button in its brackets
    )


# A unit label opening a line (``责任单位：``, ``（牵头单位：``, ``【配合部门】``): the guide's unit
# lists are labelled ``……单位`` or ``……部门`` (``责任主体`` too), a role word of up to four
# characters before it.
_UNIT_LABEL_LINE = re.compile(r"^[（(【\[]?[\u4e00-\u9fff]{0,4}(?:单位|部门|主体)(?:[：:]|[】\]])")
_UNIT_LABEL_FIRST = frozenset("（(【[牵责配协主负参承实落指")


# A table row copied from a web page: cells between bars (``序号 | 项目 | 责任单位 |``), at least
# PIPE_ROW_MIN_BARS bars (``luoshi.patterns``, the task reader's count too), each next to a space, a
# line end or another bar (an empty cell ``||``), and no other bar.
_BAR = re.compile(r"(?:^|(?<=[\s|]))\|(?=[\s|]|$)")


def _is_bar_row(text: str) -> bool:
    bars = text.count("|")
    return bars >= PIPE_ROW_MIN_BARS and len(_BAR.findall(text)) == bars


# A 序号 cell: the seed's and the pipe tables' rows number at most in the hundreds.
TABLE_NUMBER_MAX_DIGITS = 3
# The first characters of the lines that open a paragraph by their own shape (a 序号, an 附件 label,
# a date note, a dash-led subtitle).
_OPENS_ALONE_FIRST = frozenset("0123456789附（(—")
# A line that is one bracket opening with a full date: a speech's date or a law's adoption note.
_DATE_NOTE_LINE = re.compile(r"^[（(]\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^（()）]*[）)]$")
# ``附件：``, ``附件1：``, ``附件 2``, ``附件1.``: the label, an optional number, then its colon,
# the number alone or the list's first item (``附件：1.……`` starts with the label's colon).
_ATTACHMENT_LABEL = re.compile(r"^附件\s*(?:[：:]|\d{1,2}\s*(?:[：:.．、]|$))")
# A breadcrumb: a position label (``您现在的位置：``, ``当前位置：``) or at least CRUMB_MIN_SEPARATORS
# separators between column names (``首页 > 政务公开 > 正文``), no sentence mark (``luoshi.chrome``).
CRUMB_MIN_SEPARATORS = 2
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>+|»|＞+|›)\s*")
_POSITION_LABEL = re.compile(r"^(?:您现在的位置|您的位置|当前位置|所在位置)\s*[：:]")


def _is_crumb_trail(text: str) -> bool:
    return is_breadcrumb(text) and (
        bool(_POSITION_LABEL.match(text)) or len(_CRUMB_SEPARATORS.findall(text)) >= CRUMB_MIN_SEPARATORS
    )


def _inline_note(text: str) -> bool:
    """A line ending with a bracket note on the word before it (``县（市、区）``, ``职（执）``): not
    one after a sentence end (``……。（市体育局）``), another bracket (a contents entry's page,
    ``（临府发〔2025〕1号）（2）``), a figure, or a marker's own (``（一）``), nor one holding a figure."""
    k = text.rfind("（")
    return (
        k > 0
        and "\u3400" <= text[k - 1] <= "\u9fff"
        and text.find("）", k) == len(text) - 1
        # A note holding a figure is a title's or a law's date, period or 文号 note
        # (``……管理办法（1998年9月23日计价格〔1998〕1810号）``), which ends its line.
        and not any(ch.isdigit() for ch in text[k:])
    )


def _unclosed_bracket(text: str) -> bool:
    """A unit list or note broken inside its bracket: ``（市体育局、市人力社`` + ``保局）``."""
    if "（" not in text and "(" not in text and "[" not in text and "〔" not in text:
        return False  # most lines: no bracket opens, none can be left open (four scans beat the class)
    return text.count("（") + text.count("(") > text.count("）") + text.count(")") or text.count("[") + text.count(
        "〔"
    ) > text.count("]") + text.count("〕")


def _looks_like_heading(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and line[-1] not in PARAGRAPH_END and line[-1] not in ALWAYS_CONTINUES
