"""Stage 3: split clean text into official documents.

A gazette holds several documents, each opening with its title block: the
title (one or more short lines) and the 发文字号 below it, or a 版头 (``××文件``)
with the 发文字号 and the title after it. Every 发文字号 paragraph therefore
anchors one document; the document runs from its title block to the next
one's. A 印发/转发 notice and the document it forwards carry one 发文字号, so
they stay one document. Text with no 发文字号 paragraph is one document.
"""

from __future__ import annotations

import msgspec

from luoshi import lazyre as re
from luoshi.model import CleanText, Paragraph
from luoshi.patterns import (
    DATE_LINE,
    DOC_NUMBER,
    DOC_NUMBER_LINE,
    TRADITIONAL_CHAR,
    cn_small_number,
    doc_number_in,
    fold_traditional,
    format_doc_number,
    genre_of,
    order_number_line,
)

# How many short paragraphs above a 发文字号 may form the title (titles run to three lines).
MAX_TITLE_LINES = 4
# A title line is shorter than this (characters); body paragraphs are longer or end with 。
MAX_TITLE_LINE_CHARS = 60


class DocumentRange(msgspec.Struct, frozen=True):
    """Paragraph indexes of one document: [first, last) and the 发文字号 paragraph, if any."""

    first: int
    last: int
    number_index: int | None


def fold_paragraphs(paras: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The paragraphs as the splitter and the header read them: a paragraph printed in traditional
    script folded to simplified characters one for one (``luoshi.patterns.TRADITIONAL_FOLD``:
    ``東府〔2021〕54號`` is a 发文字号 line, ``關于……的實施意見`` a title); ``paras`` itself when no
    paragraph holds such a character (every simplified text)."""
    if not any(TRADITIONAL_CHAR.search(p.text) for p in paras):
        return paras
    return tuple(Paragraph(p.start, p.end, t) if (t := fold_traditional(p.text)) is not p.text else p for p in paras)


def paragraphs(clean: CleanText) -> tuple[Paragraph, ...]:
    out = []
    pos = 0
    text = clean.text
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line), line))
        pos += len(line) + 1
    return tuple(out)


# A gazette's table of contents lists each document as its title, its 发文字号 in brackets and a
# page reference: a dotted leader, a page number, or both (``……的通知（甲政发〔2025〕1号）……（2）``).
# The cleaner drops entries that end with a bare page number; the others are read here.
_LEADER = r"(?:…{2,}|\.{4,}|·{4,}|．{4,}|-{4,}|—{3,}|_{4,})"
_PAGE = r"[（(]\s*\d{1,4}\s*[）)]"
CONTENTS_ENTRY = re.compile(rf"(?:{_LEADER}\s*(?:{_PAGE}|\d{{1,4}})?|号\s*[）)]\s*{_PAGE})\s*$")
# What may follow the 发文字号 of a contents entry on its line (the closing bracket and the page).
CONTENTS_TAIL = re.compile(rf"\s*[）)]\s*(?:{_LEADER}\s*(?:{_PAGE}|\d{{1,4}})?|{_PAGE})\s*$")
MAX_CONTENTS_TAIL_CHARS = 40
_CONTENTS_LAST = frozenset("）)….·．-—_0123456789")


def is_contents_entry(text: str) -> bool:
    """Whether a line is an entry of a table of contents (see :data:`CONTENTS_ENTRY`)."""
    return text.rstrip()[-1:] in _CONTENTS_LAST and CONTENTS_ENTRY.search(text) is not None


def is_title_line(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_LINE_CHARS
        and "。" not in text
        and not text.endswith(("：", ":", "；"))
        and not DATE_LINE.match(text)
        and not ("号" in text and (DOC_NUMBER_LINE.match(text) or order_number_line(text)))  # numbers end in 号
        and "\t" not in text
        and "：" not in text
        and not is_contents_entry(text)
    )


def title_start(paras: tuple[Paragraph, ...], number_index: int, floor: int) -> int:
    """First paragraph of the title block that ends at the 发文字号 paragraph ``number_index``."""
    i = number_index
    while i - 1 >= floor and number_index - (i - 1) <= MAX_TITLE_LINES and is_title_line(paras[i - 1].text):
        i -= 1
    return i


# A 命令（令） (GB/T 9704 10.2) has no 发文字号 but a 令号: the 发文机关标志 ``甲省人民政府令`` and
# ``第125号`` under it (or on its line). That number anchors the document as a 发文字号 does.
ORDER_HEAD_RE = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,24}?(?:人民政府|政府|国务院|部|委|局|署|行|办公厅))令$")
ORDER_SERIAL_RE = re.compile(r"^[（(]?\s*第\s*(?P<serial>\d{1,5}|[〇零一二三四五六七八九十百]{1,8})\s*号\s*[）)]?$")
_ORDER_ONE_LINE_RE = re.compile(
    r"^(?P<organ>[\u4e00-\u9fff]{2,24}?(?:人民政府|政府|国务院|部|委|局|署|行|办公厅))令\s*"
    r"[（(]?\s*第\s*(?P<serial>\d{1,5}|[〇零一二三四五六七八九十百]{1,8})\s*号\s*[）)]?$"
)


class OrderNumber(msgspec.Struct, frozen=True):
    """A 令's number (``甲省人民政府令第125号``) and its issuing organ (``甲省人民政府``)."""

    doc_number: str
    organ: str
    head_index: int  # the paragraph that prints ``……令``


def order_number_at(paras: tuple[Paragraph, ...], i: int) -> OrderNumber | None:
    """The 令号 if paragraph ``i`` is the number line of a 令 (``第N号`` under ``X令``, or both)."""
    text = paras[i].text.strip()
    if not text.endswith(("号", "）", ")")) or "第" not in text or len(text) > MAX_TITLE_LINE_CHARS:
        return None
    m = _ORDER_ONE_LINE_RE.match(text)
    head = i
    if m is None:
        m = ORDER_SERIAL_RE.match(text)
        if m is None or i == 0 or not (h := ORDER_HEAD_RE.match(paras[i - 1].text.strip())):
            return None
        organ, head = h.group("organ"), i - 1
    else:
        organ = m.group("organ")
    serial = m.group("serial")
    value = int(serial) if serial.isdigit() else cn_small_number(serial)
    if value is None:
        return None
    return OrderNumber(f"{organ}令第{value}号", organ, head)


class BoundaryDecision(msgspec.Struct, frozen=True):
    """What the splitter made of one 发文字号 (or 令号) paragraph, for ``luoshi parse --explain``.

    ``rule`` is one of :data:`BOUNDARY_RULES`; ``starts`` says whether a document opens there.
    """

    number_index: int
    starts: bool
    rule: str


#: Why a number line opens a document, or why it does not.
BOUNDARY_RULES = {
    "title-block": "opens a document: its title block (title ending in its 文种) stands beside it",
    "order-number": "opens a document: a 令 (X令第N号)",
    "number-before-any-sentence": "opens a document: the text's first number, before any sentence",
    "repeated-copy": "no new document: the number printed again right after itself",
    "cited-in-body": "no new document: a number cited in a body, no title block beside it",
    "forwarded": "no new document: the document an earlier notice forwards or issues by this number",
    "listing": (
        "no new document: an entry of a list of documents (a contents page): its title and number are"
        " followed by the next entry's number with no sentence, 主送 line or date between"
    ),
    "cited-in-table": (
        "no new document: a cell of a table that lists documents with their numbers (a 政策清单):"
        " a 序号 cell stands right above its title, or a header row naming a 文号 column is above it"
    ),
}


def boundary_decisions(paras: tuple[Paragraph, ...]) -> tuple[BoundaryDecision, ...]:
    """Every 发文字号 paragraph with the rule that made it open a document or not."""
    return _boundary_decisions(fold_paragraphs(paras))


def _boundary_decisions(paras: tuple[Paragraph, ...]) -> tuple[BoundaryDecision, ...]:
    """:func:`boundary_decisions` of paragraphs already folded (``fold_paragraphs``)."""
    numbers = [
        i
        for i, p in enumerate(paras)
        if "号" in p.text
        and (DOC_NUMBER_LINE.match(p.text) or order_number_at(paras, i) is not None or order_number_line(p.text))
    ]
    rules: dict[int, str] = {}
    # A 发文字号 repeated right after another one (web copies print it twice) anchors nothing new.
    anchors: list[int] = []
    # The first 发文字号 of a text with no title block (a page that starts at the number) still
    # names the document, unless body text (a sentence) comes before it: computed once, not
    # rescanned from the text's start for every number.
    first_sentence = next((k for k, p in enumerate(paras) if "。" in p.text), len(paras))
    in_table = _table_numbers(paras, numbers)
    for i in numbers:
        if anchors and i - anchors[-1] <= MAX_TITLE_LINES and paras[i].text == paras[anchors[-1]].text:
            rules[i] = "repeated-copy"
            continue
        if i in in_table:
            rules[i] = "cited-in-table"
            continue
        if has_header_block(paras, i):
            rules[i] = "title-block"
        elif order_number_at(paras, i) is not None:
            rules[i] = "order-number"
        elif not anchors and i < first_sentence:
            rules[i] = "number-before-any-sentence"
        else:
            rules[i] = "cited-in-body"  # a number cited on a line of its own inside a body
            continue
        anchors.append(i)
    # A document that an earlier notice forwards by number (``现将《……》（X〔2023〕2号）转发给你们``)
    # is that notice's content, not a document of its own.
    kept = []
    for k, i in enumerate(anchors):
        if _forwarded_here(paras, anchors[k - 1] if k else 0, i):
            rules[i] = "forwarded"
        else:
            kept.append(i)
    # A title and number with no body after them before the next one is a listing (a contents
    # page printing each entry's number on a line of its own), not a document.
    for k, i in enumerate(kept):
        if k + 1 < len(kept) and not _has_body(paras, i + 1, kept[k + 1]):
            rules[i] = "listing"
    starting = {"title-block", "order-number", "number-before-any-sentence"}
    return tuple(BoundaryDecision(i, rules[i] in starting, rules[i]) for i in numbers)


# A table that lists documents with their numbers (政策清单, 文件目录), its cells read one a line
# (a text layer or a crawler that drops the cell breaks): a 序号 cell is a bare row number, and the
# header row names the columns, one of them the number's.
_SERIAL_CELL = re.compile(r"^\s*\d{1,3}\s*[.、．]?\s*$")
_HEAD_CELL_WORDS = (
    "序号", "文号", "发文字号", "文件编号", "文件名称", "政策名称", "文件标题", "标题", "名称", "发文单位", "发文机关",
    "制发机关", "责任单位", "牵头单位", "发布日期", "印发日期", "成文日期", "施行日期", "有效期", "备注", "政策要点",
    "主要内容", "适用对象", "类别",
)  # fmt: skip
# The last header cell may carry the first row's 序号 (``文号1``): the cleaner joins a line that
# ends without punctuation to a short line after it.
_HEAD_CELLS = re.compile(rf"^(?:\s*(?:{'|'.join(_HEAD_CELL_WORDS)})\s*)+(?:\d{{1,3}})?$")
_NUMBER_COLUMN = ("文号", "发文字号", "文件编号")
# A header row printed one cell a line spans this many lines at most (the widest lists in the
# shapes seen: 序号, 名称, 文号, 发文单位, 日期, 备注 and two more).
MAX_HEAD_CELLS = 8


def _is_head_row(paras: tuple[Paragraph, ...], i: int) -> bool:
    """Whether a table's header row names a number column at paragraph ``i`` (one line with all
    its cells, or the first of cells printed a line each)."""
    text = paras[i].text
    if len(text) > MAX_TITLE_LINE_CHARS or not _HEAD_CELLS.match(text):
        return False
    cells = [text]
    for p in paras[i + 1 : i + MAX_HEAD_CELLS]:
        if not _HEAD_CELLS.match(p.text):
            break
        cells.append(p.text)
    several = len(cells) > 1 or " " in text.strip() or "\t" in text  # one cell alone is a key, not a row
    return several and any(w in c for c in cells for w in _NUMBER_COLUMN)


def _table_numbers(paras: tuple[Paragraph, ...], numbers: list[int]) -> set[int]:
    """The number lines that are cells of a table listing documents (rule ``cited-in-table``).

    A number is a cell when a 序号 cell stands right above its title lines (or right above it),
    or when a header row with a number column stands above it with no body between (a sentence,
    a 主送 line or a date line: any document's own text). One pass over the text: the last header
    row and the last body line are carried forward; only the few lines above a number are read.
    """
    out: set[int] = set()
    if not numbers:
        return out
    wanted = set(numbers)
    head = body = -1
    last = numbers[-1]
    for k in range(last + 1):
        text = paras[k].text
        if k in wanted:
            if head > body or _serial_above(paras, k):
                out.add(k)
            continue
        if "。" in text or text.endswith(("：", ":")) or DATE_LINE.match(text):
            body = k
        elif len(text) <= MAX_TITLE_LINE_CHARS and _HEAD_CELLS.match(text) and _is_head_row(paras, k):
            head = k
    return out


def _serial_above(paras: tuple[Paragraph, ...], number_index: int) -> bool:
    """A 序号 cell right above the number, or above the title lines right above it."""
    for k in range(number_index - 1, max(-1, number_index - 2 - MAX_TITLE_LINES), -1):
        text = paras[k].text
        if _SERIAL_CELL.match(text):
            if k < number_index - 1:
                return True  # 序号, title lines, number
            return number_index + 1 < len(paras) and genre_of(paras[number_index + 1].text) is not None
        if not is_title_line(text):
            return False
    return False


def split_documents(paras: tuple[Paragraph, ...]) -> tuple[DocumentRange, ...]:
    """The documents of a text's paragraphs (each from its header block to the next one's)."""
    return split_folded_documents(fold_paragraphs(paras))


def split_folded_documents(paras: tuple[Paragraph, ...]) -> tuple[DocumentRange, ...]:
    """:func:`split_documents` of paragraphs already folded (``fold_paragraphs``: the pipeline
    holds them; folding again scanned every paragraph for a traditional character twice more)."""
    anchors = [d.number_index for d in _boundary_decisions(paras) if d.starts]
    if not anchors:
        return (DocumentRange(0, len(paras), None),)
    starts = []
    floor = 0
    for k, i in enumerate(anchors):
        start = 0 if k == 0 else title_start(paras, i, floor)
        starts.append(start)
        floor = i + 1
    ranges = []
    for k, i in enumerate(anchors):
        end = starts[k + 1] if k + 1 < len(anchors) else len(paras)
        ranges.append(DocumentRange(starts[k], end, i))
    return tuple(ranges)


def has_header_block(paras: tuple[Paragraph, ...], number_index: int) -> bool:
    """Whether the 发文字号 at ``number_index`` stands in a title block (GB/T 9704).

    The title ends with its 文种, either in the lines right above the number (gazette
    print) or right below it (版头, 发文字号, then the title). A number cited in a body has
    body text around it instead, so it cannot open a document.
    """
    joined = ""
    i = number_index - 1
    while i >= 0 and number_index - i <= MAX_TITLE_LINES and is_title_line(paras[i].text):
        joined = paras[i].text + joined
        if genre_of(joined):
            return True
        i -= 1
    if number_index >= 1 and _ends_with_genre(paras[number_index - 1].text):
        return True  # one long title line (a joint title naming many issuers)
    joined = ""
    for j in range(number_index + 1, min(len(paras), number_index + 1 + MAX_TITLE_LINES)):
        if not is_title_line(paras[j].text) and not _ends_with_genre(paras[j].text):
            break
        joined += paras[j].text
        if genre_of(joined):
            return True
    return False


def _ends_with_genre(text: str) -> bool:
    return len(text) <= MAX_LONG_TITLE_CHARS and "。" not in text and "：" not in text and genre_of(text) is not None


# A title line may run long (a joint title naming seven issuers) when it ends with its 文种.
MAX_LONG_TITLE_CHARS = 300


def _has_body(paras: tuple[Paragraph, ...], first: int, last: int) -> bool:
    """Whether paragraphs [first, last) hold a sentence, a 主送 line or a date: any document's
    body has one of them, a list of titles and numbers none."""
    for p in paras[first:last]:
        text = p.text
        if "。" in text or text.endswith(("：", ":")) or DATE_LINE.match(text):
            return True
    return False


_FORWARD_SENTENCE = re.compile(r"(?:转发|印发|批转)给你们|现予(?:转发|印发)|现(?:转发|印发)")


def _forwarded_here(paras: tuple[Paragraph, ...], floor: int, number_index: int) -> bool:
    number = doc_number_in(paras[number_index].text)
    if number is None:
        return False
    for p in paras[floor:number_index]:
        text = p.text
        # Each phrase says 转发, 印发 or 批转: substring tests first, far cheaper than the search.
        if not ("转发" in text or "印发" in text or "批转" in text) or not _FORWARD_SENTENCE.search(text):
            continue
        for c in DOC_NUMBER.finditer(p.text):
            if format_doc_number(c) == number:
                return True
    return False
