"""Stage 5: the outline tree of a document body.

GB/T 9704 numbers structure as 一、 → （一） → 1. → （1）, laws and rules as
第一章 → 第一条, and lists inside items as ①. Documents skip levels and
some put them in another order, so levels are not fixed by marker style: a
style seen for the first time opens a level below the current item, a style
already open closes everything below it and starts a sibling. Unnumbered
paragraphs belong to the item above them; those before the first item are
the preamble. Run-in headings (``（一）指导思想。全面贯彻……``) are recorded in
``heading``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from luoshi import lazyre as re
from luoshi.model import MarkerKind, OutlineNode, Paragraph
from luoshi.patterns import (
    CIRCLED_NUMERALS,
    ENCLOSED_NUMERALS,
    OUTLINE_MARKERS,
    cn_small_number,
)

# Marker patterns in the order they are tried (the shared table in ``luoshi.patterns``).
MARKERS: tuple[tuple[MarkerKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^{frag}\s*")) for kind, frag in OUTLINE_MARKERS
)

# All of them as one alternation, tried in the same order, each style in its group ``m<k>`` with
# its numeral in ``n<k>``: the first style that matches wins, as in a loop over MARKERS, in
# one regex call (most paragraphs of a body open with a marker, most others fail at once).
_ANY_MARKER = re.compile(
    "^(?:"
    + "|".join(f"(?P<m{k}>" + frag.replace("(?P<n>", f"(?P<n{k}>") + ")" for k, (_, frag) in enumerate(OUTLINE_MARKERS))
    + r")\s*"
)

# A run-in heading is a short first sentence: ``指导思想。`` ``加强组织领导。``
MAX_RUN_IN_HEADING = 30
_RUN_IN = re.compile(rf"^[^。；！？\n]{{2,{MAX_RUN_IN_HEADING}}}?[。．]")


def _bare_numeral(kind: MarkerKind, n: str) -> str:
    if n in ENCLOSED_NUMERALS:
        return "一二三四五六七八九十"[ENCLOSED_NUMERALS.index(n)]
    if n in CIRCLED_NUMERALS:
        return str(CIRCLED_NUMERALS.index(n) + 1)
    if n.isdigit():
        return str(int(n))  # full-width digits of a raw line: ``１`` → ``1``
    return n


@dataclass(frozen=True)
class Marker:
    """The outline marker that opens a paragraph: its style, bare numeral and length."""

    kind: MarkerKind
    numeral: str
    length: int


def match_marker(text: str) -> Marker | None:
    """The marker that opens ``text``, else None."""
    m = _ANY_MARKER.match(text)
    if m is None:
        return None
    k = int(m.lastgroup[1:])  # the style's group closes last
    kind = OUTLINE_MARKERS[k][0]
    if len(text) == m.end():
        return None
    numeral = _bare_numeral(kind, m.group(f"n{k}"))
    if kind in (MarkerKind.CN, MarkerKind.PAREN_CN) and cn_small_number(numeral) is None:
        return None
    return Marker(kind, numeral, m.end())


def _number_value(kind: MarkerKind, numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    return cn_small_number(numeral)


@dataclass
class _Builder:
    path: tuple[str, ...]
    marker: str
    kind: MarkerKind
    numeral: str
    heading: str
    start: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[_Builder] = field(default_factory=list)
    end: int = 0

    def freeze(self) -> OutlineNode:
        kids = tuple(c.freeze() for c in self.children)
        end = max([self.end, *(k.end for k in kids)])
        return OutlineNode(
            path=self.path,
            marker=self.marker,
            kind=self.kind,
            numeral=self.numeral,
            heading=self.heading,
            start=self.start,
            end=end,
            paragraphs=tuple(self.paragraphs),
            children=kids,
        )


@dataclass(frozen=True)
class Outline:
    """A body read as an outline: the unnumbered paragraphs before the first item, the
    item tree, and the closing paragraphs moved off the last item (see ``split_closing``)."""

    preamble: tuple[Paragraph, ...]
    nodes: tuple[OutlineNode, ...]
    closing: tuple[Paragraph, ...] = ()


def build_outline(paras: tuple[Paragraph, ...]) -> Outline:
    """Preamble paragraphs and the outline tree of a body's paragraphs."""
    preamble: list[Paragraph] = []
    roots: list[_Builder] = []
    stack: list[_Builder] = []
    last_value: dict[MarkerKind, int] = {}  # numbering may run on across parent items (1.…21. under （一）…（五）)
    for p in paras:
        found = match_marker(p.text)
        if found is not None:
            kind, numeral = found.kind, found.numeral
            open_kinds = [b.kind for b in stack]
            if kind in open_kinds:
                level = open_kinds.index(kind)
                prev = stack[level]
                if not _plausible_next(prev, kind, numeral):
                    found = None
                else:
                    del stack[level:]
            elif not _plausible_first(kind, numeral, last_value.get(kind)):
                found = None
        if found is None:
            if stack:
                stack[-1].paragraphs.append(p)
                stack[-1].end = p.end
            else:
                preamble.append(p)
            continue
        kind, numeral, length = found.kind, found.numeral, found.length
        value = _number_value(kind, numeral)
        if value is not None:
            last_value[kind] = value
        body = Paragraph(p.start + length, p.end, p.text[length:])
        heading = _heading_of(body.text)
        parent_path = stack[-1].path if stack else ()
        node = _Builder(
            path=(*parent_path, numeral),
            marker=p.text[:length].strip(),
            kind=kind,
            numeral=numeral,
            heading=heading,
            start=p.start,
            paragraphs=[body],
            end=p.end,
        )
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return Outline(tuple(preamble), tuple(r.freeze() for r in roots))


# A new level opens at 1 or 2 (sources skip an item now and then: 国发42's （一）（二） have no
# unit list and some copies drop the first); a sibling may skip up to two numbers (items lost
# to a page break) — a bigger jump is text that starts with a number (``2016.``, ``10.5%``).
MAX_FIRST_NUMBER = 2
MAX_NUMBERING_GAP = 3


def _plausible_first(kind: MarkerKind, numeral: str, last: int | None) -> bool:
    """A new level starts at 1 (or 一), or runs on from the same style's last number.

    Anything else is text that happens to start with a number (``2016年…``).
    """
    value = _number_value(kind, numeral)
    return value is not None and (
        value <= MAX_FIRST_NUMBER or (last is not None and 0 < value - last <= MAX_NUMBERING_GAP)
    )


def _plausible_next(prev: _Builder, kind: MarkerKind, numeral: str) -> bool:
    """A sibling continues the numbering; ``2016.`` after ``3.`` is not a marker."""
    a, b = _number_value(kind, prev.numeral), _number_value(kind, numeral)
    if a is None or b is None:
        return False
    return 0 < b - a <= MAX_NUMBERING_GAP or b == 1


def _heading_of(text: str) -> str:
    m = _RUN_IN.match(text)
    if m:
        return m.group(0)
    if len(text) <= MAX_RUN_IN_HEADING * 2 and not text.endswith(("。", "；", "：")):
        return text
    return ""


# Unnumbered paragraphs that close a document rather than its last item: the 施行 clause,
# who organises implementation, the 附件 list, the explanation of terms.
CLOSING = re.compile(
    r"^(?:本(?:实施)?(?:意见|办法|措施|方案|通知|规定|细则|决定|规划|要点|计划|条例|规则|指引)"
    r"(?:自|由|从|有效|施行|所称|中)|附件[：:0-9一二三四五六七八九十]|附件$)"
)


def split_closing(outline: Outline) -> Outline:
    """Move the closing paragraphs off the end of the last item into ``closing``."""
    if not outline.nodes:
        return outline
    nodes = outline.nodes
    chain = [nodes[-1]]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    last = chain[-1]
    paras = list(last.paragraphs)
    cut = len(paras)
    for i in range(1, len(paras)):  # the first paragraph carries the marker: never closing
        if CLOSING.match(paras[i].text):
            cut = i
            break
    if cut == len(paras):
        return outline
    closing = tuple(paras[cut:])
    node = replace(last, paragraphs=tuple(paras[:cut]), end=paras[cut - 1].end)
    for parent in reversed(chain[:-1]):
        node = replace(parent, children=(*parent.children[:-1], node), end=node.end)
    return Outline(outline.preamble, (*nodes[:-1], node), (*outline.closing, *closing))
