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

from collections.abc import Iterator
from typing import NamedTuple

import msgspec
from msgspec.structs import replace

from luoshi import lazyre as re
from luoshi.model import MarkerKind, OutlineNode, Paragraph
from luoshi.patterns import (
    CIRCLED_NUMERALS,
    ENCLOSED_NUMERALS,
    OUTLINE_MARKER_FIRST,
    OUTLINE_MARKERS,
    cn_small_number,
    cn_small_numeral,
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


class Marker(NamedTuple):
    """The outline marker that opens a paragraph: its style, bare numeral and length.

    A named tuple, not a frozen dataclass: one is made for most paragraphs of every body
    (and by the header for its title lines), and a frozen dataclass sets each field through
    ``object.__setattr__`` (about 0.4 µs a marker against 0.1 µs).
    """

    kind: MarkerKind
    numeral: str
    length: int


def match_marker(text: str) -> Marker | None:
    """The marker that opens ``text``, else None."""
    if text[:1] not in OUTLINE_MARKER_FIRST:
        return None  # an unnumbered paragraph, without trying the nine styles
    m = _ANY_MARKER.match(text)
    if m is None:
        return None
    end = m.end()
    k = int(m.lastgroup[1:])  # the style's group closes last
    kind = OUTLINE_MARKERS[k][0]
    if len(text) == end and kind not in _STANDS_ALONE:
        return None
    numeral = _bare_numeral(kind, m.group(_NUMERAL_GROUPS[k]))
    if kind in _CN_KINDS and _number_value(kind, numeral) is None:
        return None
    return Marker(kind, numeral, end)


_NUMERAL_GROUPS = tuple(f"n{k}" for k in range(len(OUTLINE_MARKERS)))
#: Markers that open their level even with nothing after them: a ``第三章`` or ``第二节`` line is
#: a rule's chapter or section whatever became of its title (a text layer that reads a centred
#: ``第三章　服务供给`` as two blocks puts the title after the next article's number). A bare
#: ``1.`` or ``（一）`` is as often a table's row number or a lone numeral left by a layout.
_STANDS_ALONE = frozenset((MarkerKind.PART, MarkerKind.CHAPTER, MarkerKind.SECTION))
_CN_KINDS = frozenset((MarkerKind.CN, MarkerKind.PAREN_CN))


def _number_value(kind: MarkerKind, numeral: str) -> int | None:
    """The numeral's value (the same for every style: ``kind`` is not needed to read it)."""
    value = _VALUES.get(numeral, _UNSEEN)
    if value is _UNSEEN:
        value = int(numeral) if numeral.isdigit() else cn_small_number(numeral)
        if len(_VALUES) < MAX_MEMO_NUMERALS:
            _VALUES[numeral] = value
    return value


# Values of the numerals seen so far: bodies number with a few dozen numerals, and each is read
# two or three times per item (its own value, then as the previous sibling of the next item).
# A Chinese numeral is unbounded in the marker pattern (``[一…十百零〇]+``), so the memo stops
# growing at a fixed size instead of keeping whatever a strange text holds.
_VALUES: dict[str, int | None] = {}
_UNSEEN = object()
MAX_MEMO_NUMERALS = 4096


class _Builder:
    """An item while its body is read: mutable, frozen into an :class:`OutlineNode` at the end.

    A plain class with slots: one is made per item (a dataclass with list factories cost
    twice as much to build), and it keeps its numeral's value for the next sibling's test.
    """

    __slots__ = ("children", "end", "heading", "kind", "marker", "numeral", "paragraphs", "path", "start", "value")

    def __init__(
        self, path: tuple[str, ...], marker: str, kind: MarkerKind, numeral: str, value: int | None, heading: str,
        start: int, first: Paragraph, end: int,
    ) -> None:  # fmt: skip
        self.path = path
        self.marker = marker
        self.kind = kind
        self.numeral = numeral
        self.value = value
        self.heading = heading
        self.start = start
        self.paragraphs: list[Paragraph] = [first]
        self.children: list[_Builder] = []
        self.end = end

    def freeze(self) -> OutlineNode:
        kids = tuple([c.freeze() for c in self.children])
        end = self.end
        for kid in kids:
            if kid.end > end:
                end = kid.end
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


class Outline(msgspec.Struct, frozen=True):
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
    open_kinds: list[MarkerKind] = []  # the kind of each item on the stack
    last_value: dict[MarkerKind, int] = {}  # numbering may run on across parent items (1.…21. under （一）…（五）)
    for p, found in _marked(paras):
        if found is not None:
            kind, numeral, length = found
            value = _number_value(kind, numeral)
            if kind in open_kinds:
                level = open_kinds.index(kind)
                if _plausible_next(stack[level].value, value):
                    del stack[level:]
                    del open_kinds[level:]
                else:
                    found = None
            elif not _plausible_first(value, last_value.get(kind)):
                found = None
        if found is None:
            if stack:
                top = stack[-1]
                top.paragraphs.append(p)
                top.end = p.end
            else:
                preamble.append(p)
            continue
        if value is not None:
            last_value[kind] = value
        text = p.text
        body = Paragraph(p.start + length, p.end, text[length:])
        if stack:
            parent = stack[-1]
            siblings, path = parent.children, (*parent.path, numeral)
        else:
            siblings, path = roots, (numeral,)
        node = _Builder(path, text[:length].strip(), kind, numeral, value, _heading_of(body.text), p.start, body, p.end)
        siblings.append(node)
        stack.append(node)
        open_kinds.append(kind)
    return Outline(tuple(preamble), tuple([r.freeze() for r in roots]))


# A sibling item run into the one before it on its line (``（一）……左右。（省发改委负责）（二）公共
# 财政收入……``: a crawler or a flattened page lost the break): the next number of the paragraph's
# own bracketed or 、 marker, right after a sentence's end or a closing bracket.
# A numeral cited by a rule (``第（一）（二）项``, ``（一）、（二）款``) is no item: the marker is not
# right after another bracketed numeral, nor followed by what a citation goes on with.
_SIBLING_AFTER = frozenset("。；）)")
_CITATION_GOES_ON = frozenset("项款条目、（(和或至及与中")
_CITED_NUMERAL_END = re.compile(r"[（(][一二三四五六七八九十]{1,2}[）)]$")


def _marked(paras: tuple[Paragraph, ...]) -> Iterator[tuple[Paragraph, Marker | None]]:
    """Each paragraph with the marker that opens it, a paragraph cut where the next item of its
    own marker starts inside it (``（一）……。（二）……`` → two paragraphs), however many run on."""
    for p in paras:
        found = match_marker(p.text)
        while found is not None and found.kind in _CN_KINDS:
            cut = _run_on_sibling_at(p.text, found)
            if cut is None:
                break
            yield Paragraph(p.start, p.start + cut, p.text[:cut]), found
            p = Paragraph(p.start + cut, p.end, p.text[cut:])
            found = match_marker(p.text)
        yield p, found


def _run_on_sibling_at(text: str, found: Marker) -> int | None:
    """Where the item after the one ``found`` opens starts inside ``text``, if it does: its marker
    right after a sentence's end or a closing bracket."""
    value = _number_value(found.kind, found.numeral)
    if value is None or not 0 < value < MAX_RUN_ON_VALUE:
        return None
    numeral = cn_small_numeral(value + 1)
    shapes = (f"（{numeral}）", f"({numeral})") if found.kind is MarkerKind.PAREN_CN else (f"{numeral}、",)
    for shape in shapes:
        at = text.find(shape, found.length)
        while at > 0:
            end = at + len(shape)
            if (
                text[at - 1] in _SIBLING_AFTER
                and text[end : end + 1] not in _CITATION_GOES_ON
                and not _CITED_NUMERAL_END.search(text, max(0, at - 4), at)
            ):
                return at
            at = text.find(shape, end)
    return None


#: Items run on are looked for up to this number (a list of more than 98 items is no outline).
MAX_RUN_ON_VALUE = 99


# A new level opens at 1 or 2 (sources skip an item now and then: 国发42's （一）（二） have no
# unit list and some copies drop the first); a sibling may skip up to two numbers (items lost
# to a page break) — a bigger jump is text that starts with a number (``2016.``, ``10.5%``).
MAX_FIRST_NUMBER = 2
MAX_NUMBERING_GAP = 3


def _plausible_first(value: int | None, last: int | None) -> bool:
    """A new level starts at 1 (or 一), or runs on from the same style's last number.

    Anything else is text that happens to start with a number (``2016年…``).
    """
    return value is not None and (
        value <= MAX_FIRST_NUMBER or (last is not None and 0 < value - last <= MAX_NUMBERING_GAP)
    )


def _plausible_next(prev: int | None, value: int | None) -> bool:
    """A sibling continues the numbering of the item before (``prev``); ``2016.`` after ``3.`` is not a marker."""
    if prev is None or value is None:
        return False
    return 0 < value - prev <= MAX_NUMBERING_GAP or value == 1


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
