"""Tasks: outline items the document assigns to named units.

An item is a task when its own text carries a unit list (see
:mod:`luoshi.extract.units`): ``（责任单位：…）``, ``〔…〕``, ``（…负责）``,
``（X指导，Y参与）``… Items without one are not tasks (their implicit owner is
the addressee list). Several lists in one item make one task, their units
merged in order of first appearance. Tables with a responsible-unit column
(序号 / 举措 / 负责单位 …) give one task per row, path ``["表", 序号]`` (a tabbed table
that prints no 序号 counts its rows). The items of annexes printed after the 落款
(``附件1`` of a 责任分解 notice) are read as outlines of their own.

Lead units come from, in this order: what a list itself marks (``牵头单位：X``,
``X牵头``); a lead rule a note states (``列第一位者为牵头单位，下同`` → the
first unit of this and every later list; ``逗号前为牵头单位`` → the units
before the first ``，``); a section's ``（由X牵头实施）`` for every task under
it; and the document's closing ``由X负责牵头组织实施`` for every task.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from typing import NamedTuple

import msgspec
from msgspec.structs import replace

from luoshi import lazyre as re
from luoshi.extract.units import (
    LATER_UNITS_LITERALS,
    LATER_UNITS_NOTE_RES,
    LEADER_LINE_RE,
    NOTE_BEFORE_COMMA_LEAD_RE,
    NOTE_FIRST_LEAD_RE,
    NOTE_STAR_LEAD_RE,
    NOTE_UNMARKED_ALL_LEAD_RE,
    SENTENCE_END,
    TIME_PART_RE,
    UNIT_LABELS,
    DutyReason,
    LeadRule,
    Parse,
    ParsedUnits,
    UnitList,
    dedupe,
    duty_phrases,
    find_assignment_sentence,
    find_duty_phrases,
    find_unit_lists,
    is_unit_like,
    note_units,
    parse_units,
    split_top,
)
from luoshi.model import CleanText, Document, OutlineNode, Paragraph, Span, Task
from luoshi.outline import build_outline, match_marker, split_closing
from luoshi.patterns import ANNEX_HEAD_RE, PIPE_ROW_MIN_BARS, cn_small_number

# --- rule tables -------------------------------------------------------------

# ``（由X牵头实施）`` (section level) and the document-level sentence
# ``由市体育局负责牵头组织实施``. A bracket may go on (``（由X牵头，Y配合）``);
# a sentence must name the action, so ``由A、B牵头的…机制`` (description) is not one.
_LEAD_WHO = r"由([^，。；：、（）()\[\]]{2,40}?(?:、[^，。；：、（）()\[\]]{2,40}?)*)(?:负责)?牵头(?:负责)?(?:组织)?"
LEAD_PHRASE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"[（(]" + _LEAD_WHO + r"(?:实施|落实|推进)?(?:[，,][^（）()]*)?[）)]"),
    re.compile(_LEAD_WHO + r"(?:实施|落实|推进)(?!的)"),
)

# A paragraph that closes the whole document (施行/有效期 clause) rather than
# belonging to the last item; the outline may attach it to the last item.
CLOSING_PARAGRAPH_RE = re.compile(
    r"^(?:本(?:措施|办法|意见|方案|通知|规定|细则|规划|计划|决定|要点)[^。]{0,40}(?:施行|执行|实施)|"
    r"[^。]{0,20}有效期(?:至|为|[0-9一二三四五]))"
)

# Table header cells: the row number, the unit column, the text column.
TABLE_NUMBER_HEADER = "序号"
#: Other titles of the number column (``编号 | 工作任务 | 牵头单位``): a cell holding one alone is read
#: as the 序号 header (found probing 分工表 forms in the tasks7 round: 0 tasks before).
NUMBER_HEADER_SYNONYMS = frozenset({"编号"})
_NUMBER_HEADER_RE = re.compile(r"\s*".join(TABLE_NUMBER_HEADER))  # as a cell reads it with its spaces
TABLE_UNIT_HEADER_RE = re.compile(
    r"(?:负责|责任|牵头|指导|主责|承担|实施|配合|主管|落实|协同|协作|协助|协办|参与|参加|支持)"
    r"(?:单位|部门|主体|机构|处室)|^(?:单位|部门)$"
)
TABLE_LEAD_HEADER_RE = re.compile(r"牵头|主责")
# Columns naming divisions inside one unit (``市卫健委内牵头处室``, ``内设牵头处室``) are not
# unit columns (guide, tables).
TABLE_DIVISION_HEADER_RE = re.compile(r"处室|内设|[委局厅办]内")
TABLE_TEXT_HEADER_RE = re.compile(r"举措|任务|事项|措施|工作|内容|名称")
# Longest header cell we accept (characters), and most columns.
MAX_HEADER_CELL = 12
MAX_COLUMNS = 10
# A row's 序号 cell: ``1``, ``1.``, ``1、``, ``一`` (group 1: its bare numeral, the path's last part).
ROW_NUMBER_RE = re.compile(r"^(\d{1,4}|[一二三四五六七八九十]{1,3})[.．、]?$")


def _row_number(text: str) -> int | None:
    """The value of a 序号 cell (``3``, ``3.``, ``三``), None when the cell is no row number."""
    m = ROW_NUMBER_RE.match(text)
    return cn_small_number(m.group(1)) if m else None


def _row_label(text: str) -> str:
    """A 序号 cell as the path writes it: its bare numeral (``3.`` → ``3``)."""
    m = ROW_NUMBER_RE.match(text)
    return m.group(1) if m else text


def _nows(text: str) -> str:
    r"""``text`` without whitespace (what ``re.sub(r"\s+", "", text)`` gives: ``str.split`` parts
    at the same characters, and a text with none is returned as it is, not copied)."""
    return "".join(text.split())


# Every lead-rule note names it (``列第一位者为牵头单位``, ``逗号前为牵头单位``).
LEAD_WORD = "牵头"


# --- an item's own text, joined across paragraphs ---------------------------------


class _Joined(NamedTuple):
    """Paragraphs joined without separator, with a map back to clean offsets.

    Joining undoes line wraps the cleaner kept (a unit list broken across
    lines) and reads a heading line and its body as one run-in text.

    This and the other per-item records are immutable named tuples rather than frozen
    dataclasses: three are built for every outline item, and a frozen dataclass costs an
    ``object.__setattr__`` per field (about a tenth of the stage on the corpus).
    """

    text: str
    paras: tuple[Paragraph, ...]
    starts: tuple[int, ...]  # where each paragraph starts in ``text``
    glued: frozenset[int] = frozenset()  # paragraph ends that end no list (a label's cell)
    added: frozenset[int] = frozenset()  # where a label's colon stands that the source does not print

    @classmethod
    def of(cls, paras: tuple[Paragraph, ...]) -> _Joined:
        if len(paras) == 1:
            text = paras[0].text
            if "\t" not in text and "|" not in text:
                return cls(text, paras, (0,))  # most items
            text, colon = _tabbed_label(text)
            return cls(text, paras, (0,), added=frozenset(() if colon < 0 else (colon,)))
        starts, pos, texts, glued, added = [], 0, [], [], []
        for i, p in enumerate(paras):
            starts.append(pos)
            text, colon = _tabbed_label(p.text) if "\t" in p.text or "|" in p.text else (p.text, -1)
            if colon >= 0:
                added.append(pos + colon)
            if i + 1 < len(paras) and len(text) <= MAX_LABEL_CELL and _label_cell(text, paras[i + 1].text):
                text += "："  # the label's cell, its units in the next (a colon maps to the line end)
                glued.append(pos + len(text))
                added.append(pos + len(text) - 1)
            texts.append(text)
            pos += len(text)
        return cls("".join(texts), paras, tuple(starts), frozenset(glued), frozenset(added))

    def source_text(self, start: int, end: int) -> str:
        """``text[start:end]`` without the colons added to label cells (a task's text is the
        source's: where a label's cell gives no unit list, its colon is not printed)."""
        if not self.added:
            return self.text[start:end]
        return "".join(ch for i, ch in enumerate(self.text[start:end], start) if i not in self.added)

    @property
    def boundaries(self) -> tuple[int, ...]:
        """Where each paragraph ends in ``text``."""
        if not self.paras:
            return ()
        ends = (*self.starts[1:], len(self.text))
        return tuple(e for e in ends if e not in self.glued) if self.glued else ends

    def clean_offset(self, j: int) -> int:
        if not self.paras:
            return 0
        k = max(0, bisect.bisect_right(self.starts, j) - 1)
        return self.paras[k].start + (j - self.starts[k])

    def clean_span(self, clean: CleanText, start: int, end: int) -> Span:
        if end <= start:
            s = self.clean_offset(start)
            return clean.span(s, s)
        return clean.span(self.clean_offset(start), self.clean_offset(end - 1) + 1)


# A label in a cell of its own, its units in the next cell: a two-column table of an item's
# fields (``牵头单位 | 区发改局``) as the readers give it, the cells parted by a tab
# (``牵头单位\t区发改局``) or one per line. Read as ``牵头单位：区发改局`` (the label's colon
# added in the tab's place, or after the label's line), when the next cell opens with a unit.
# MAX_LABEL_CELL: the longest label with ``主要`` before it (``主要牵头责任单位``).
MAX_LABEL_CELL = max(len(label) for label in UNIT_LABELS) + len("主要")
_LABEL_CELL_RE = re.compile(r"^\s*(?:主要)?(?:" + "|".join(UNIT_LABELS) + r")\s*$")
_TABBED_LABEL_RE = re.compile(r"^(\s*(?:主要)?(?:" + "|".join(UNIT_LABELS) + r"))\t(?=\s*\S)")


def _opens_with_unit(text: str) -> bool:
    first = re.split(r"[、，,；;。\s]", text.strip(), maxsplit=1)[0]
    return is_unit_like(first)


def _label_cell(text: str, following: str) -> bool:
    return bool(_LABEL_CELL_RE.match(text)) and _opens_with_unit(following)


# The same two cells copied from a web page with bars around them: ``| 牵头单位 | 区发改局 |``
# (or without the first bar). Only the bars of that one row: a line with other bars is no field.
_BARRED_LABEL_RE = re.compile(r"^(\s*\|?\s*)((?:主要)?(?:" + "|".join(UNIT_LABELS) + r"))(\s*\|)([^|]*?\S)(\s*\|?\s*)$")


def _tabbed_label(text: str) -> tuple[str, int]:
    """``牵头单位\t区发改局`` → ``牵头单位：区发改局`` (same length: offsets keep), and where the
    colon stands (-1: no label cell). ``| 牵头单位 | 区发改局 |`` reads the same, its bars blanked."""
    if "\t" not in text:
        b = _BARRED_LABEL_RE.match(text)
        if b is None or not _opens_with_unit(b.group(4)):
            return text, -1
        lead, label, sep, units, tail = b.groups()
        # the label first (a run starts at a paragraph's start): the blanks of the first bar
        # move behind the colon, so the length (and the units' offsets) keep
        return label + "：" + " " * (len(lead) + len(sep) - 1) + units + " " * len(tail), len(label)
    m = _TABBED_LABEL_RE.match(text)
    if m is None or not _opens_with_unit(text[m.end() :]):
        return text, -1
    return text[: m.end(1)] + "：" + text[m.end() :], m.end(1)


class _ItemText(NamedTuple):
    """An item's own paragraphs joined, with the unit lists found in them (found once)."""

    paras: tuple[Paragraph, ...]
    joined: _Joined
    lists: tuple[UnitList, ...]
    glued: tuple[Paragraph, ...] = ()  # document-closing paragraphs cut off the last item

    @classmethod
    def of(cls, paras: tuple[Paragraph, ...], parse: Parse) -> _ItemText:
        joined = _Joined.of(paras)
        return cls(paras, joined, find_unit_lists(joined.text, joined.boundaries, parse))


def _split_closing(item: _ItemText) -> _ItemText:
    """The last item's own paragraphs, and the document-closing ones glued after them.

    The outline ends the last item at the end of the body, so the body's closing
    paragraphs (施行, 由X负责牵头组织实施, a 印发 text's 督查 paragraph) can sit
    in it. A unit list closes its item: whole paragraphs after the last list
    are the document's. Without a list, a 施行/有效期 paragraph starts the closing.
    """
    paras, joined, lists = item.paras, item.joined, item.lists
    if lists:
        k = max(0, bisect.bisect_right(joined.starts, lists[-1].end - 1) - 1)
        return _cut(item, k + 1)
    for i, p in enumerate(paras):
        if i > 0 and CLOSING_PARAGRAPH_RE.match(_nows(p.text)):
            return _cut(item, i)
    return item


def _cut(item: _ItemText, k: int) -> _ItemText:
    """The item's first ``k`` paragraphs; its lists all end inside them (they end the kept text)."""
    if k >= len(item.paras):
        return item
    joined = _Joined.of(item.paras[:k])
    lists = tuple(ul for ul in item.lists if ul.end <= len(joined.text))
    return _ItemText(item.paras[:k], joined, lists, item.paras[k:])


# --- leads ---------------------------------------------------------------------


class LeadPhrases(msgspec.Struct, frozen=True):
    """Units named by ``由X牵头实施`` phrases, and where the bracketed ones stand."""

    units: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


NO_LEAD_PHRASES = LeadPhrases((), ())  # most items: one shared (frozen) instance, not one each


def lead_phrase_units(text: str, parse: Parse = parse_units) -> LeadPhrases:
    """Units named by ``由X牵头实施`` phrases in ``text``, and the bracketed phrases' spans."""
    units: list[str] = []
    spans: list[tuple[int, int]] = []
    if "牵头" not in text:
        return NO_LEAD_PHRASES  # every lead phrase says 牵头 (``_LEAD_WHO``)
    for rx in LEAD_PHRASE_RES:
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue  # the sentence form inside a bracket already read
            parsed = parse(m.group(1))
            if parsed is None:
                continue
            units.extend(parsed.units)
            if m.group(0)[0] in "（(":
                spans.append((m.start(), m.end()))
    return LeadPhrases(dedupe(units), tuple(spans))


class _LeadState(msgspec.Struct):
    """A lead rule stated with 下同 holds for every later list in the document."""

    rule: LeadRule | None = None

    def read_statement(self, text: str) -> None:
        """A lead rule stated outside any list (``二、重点任务（列第一位的为牵头单位）``) holds from here on."""
        if LEAD_WORD not in text:
            return  # both notes name 牵头; most items do not (a substring test is much cheaper)
        if NOTE_FIRST_LEAD_RE.search(text):
            self.rule = LeadRule.FIRST
        elif NOTE_BEFORE_COMMA_LEAD_RE.search(text):
            self.rule = LeadRule.BEFORE_COMMA
        elif NOTE_UNMARKED_ALL_LEAD_RE.search(text):
            self.rule = LeadRule.UNMARKED_ALL
        elif NOTE_STAR_LEAD_RE.search(text):
            self.rule = LeadRule.STARRED

    def leads_of(self, parsed: ParsedUnits) -> Leads:
        rule = self.rule
        if parsed.lead_rule is not None:
            rule = parsed.lead_rule
            if parsed.lead_rule_sticky:
                self.rule = parsed.lead_rule
        if parsed.lead_units:
            return Leads(parsed.lead_units, "marked-in-list")  # a list marking its own leads keeps those
        if rule is LeadRule.FIRST:
            return Leads(parsed.units[:1], "first-listed-leads")
        if rule is LeadRule.BEFORE_COMMA:
            return Leads(parsed.before_comma, "before-comma-leads")
        if rule is LeadRule.UNMARKED_ALL:
            return Leads(parsed.units, "unmarked-list-leads")
        if rule is LeadRule.STARRED:
            return Leads(parsed.starred, "starred-leads")
        return Leads((), None)


class Leads(msgspec.Struct, frozen=True):
    """The lead units of one list and the rule that made them leads (None: no lead rule)."""

    units: tuple[str, ...]
    rule: str | None


# --- outline tasks -----------------------------------------------------------------


def _outside_lists(text: str, lists: tuple[UnitList, ...]) -> str:
    """``text`` without its unit lists (their notes are read with the lists)."""
    parts, pos = [], 0
    for ul in lists:
        parts.append(text[pos : ul.start])
        pos = ul.end
    parts.append(text[pos:])
    return "".join(parts)


class _Walked(NamedTuple):
    node: OutlineNode
    item: _ItemText
    phrases: LeadPhrases  # the node's own 由X牵头实施 phrases
    section_leads: tuple[str, ...]  # its own and those of the sections above it


def _walk(nodes: tuple[OutlineNode, ...], inherited: tuple[str, ...], parse: Parse) -> list[_Walked]:
    """Nodes in document order (depth first) with the section leads (由X牵头实施) above them.

    An explicit stack, not nested generators: a generator per level cost a resumption
    per node and level, a tenth of the stage on the corpus.
    """
    out: list[_Walked] = []
    stack: list[tuple[OutlineNode, tuple[str, ...]]] = [(n, inherited) for n in reversed(nodes)]
    while stack:
        node, above = stack.pop()
        item = _ItemText.of(node.paragraphs, parse)
        phrases = lead_phrase_units(item.joined.text, parse) if LEAD_WORD in item.joined.text else NO_LEAD_PHRASES
        here = dedupe(above + phrases.units) if phrases.units else above
        out.append(_Walked(node, item, phrases, here))
        stack.extend((child, here) for child in reversed(node.children))
    return out


def _list_only(item: _ItemText) -> bool:
    """The item's last paragraph is one unit list and nothing else (``（责任单位：…）`` on its own line)."""
    if len(item.paras) < 2 or not item.lists:
        return False
    last = item.lists[-1]
    start = item.joined.starts[-1]
    text = item.joined.text
    return last.start - start == len(text[start : last.start]) - len(text[start : last.start].lstrip()) and (
        text[last.end :].strip() == "" and (len(item.lists) == 1 or item.lists[-2].end <= start)
    )


def _hoist_closing_lists(walked: list[_Walked], parse: Parse) -> list[_Walked]:
    """A list on its own line after an item's last sub-item closes the whole item (guide: a list that
    closes a whole ``（一）`` paragraph gives the path ending at 一): ``1.完善预案体系`` with
    ``（1）…（4）…`` and then ``（责任单位：…）``. Only when the item has two sub-items or more and no
    sub-item and not the item itself has a list of its own: then the list is the item's, not its
    last sub-item's (an only sub-item keeps the line after it)."""
    # Sub-items that end with a list on its own line: few (most items are one paragraph).
    closers = {id(w.node): j for j, w in enumerate(walked) if w.item.lists and len(w.item.paras) > 1}
    if not closers:
        return walked
    index = {id(w.node): i for i, w in enumerate(walked)}
    out = list(walked)
    for i, w in enumerate(walked):
        children = w.node.children
        if len(children) < 2 or w.item.lists or id(children[-1]) not in closers or children[-1].children:
            continue
        j = closers[id(children[-1])]
        last = walked[j]
        if len(last.item.lists) > 1 or not _list_only(last.item):
            continue  # the sub-item has a list of its own besides the closing line
        if any(walked[index[id(c)]].item.lists for c in children[:-1]):
            continue
        moved = last.item.paras[-1]
        out[i] = w._replace(item=_ItemText.of((*w.item.paras, moved), parse))
        out[j] = last._replace(item=_ItemText.of(last.item.paras[:-1], parse))
    return out


def _heading_list(node: OutlineNode, parse: Parse) -> UnitList | None:
    """The list that ends a section's heading line and marks every unit it names as the lead
    (``一、强化科技创新（区科技局牵头）``), or None."""
    if not node.children or not node.paragraphs or LEAD_WORD not in node.paragraphs[0].text:
        return None
    head = node.paragraphs[0].text
    lists = find_unit_lists(head, (), parse)
    if lists and not head[lists[-1].end :].strip():
        ul = lists[-1]
    else:
        # the heading line without an end mark, its body's first line joined to it by the
        # cleaner (``强化科技创新（区科技局牵头）加快培育…``): the heading's first bracket, when
        # no sentence ends before it and a sentence (not a clause mark) goes on after it
        m = _HEADING_BRACKET_RE.match(head)
        if m is None or head[m.end() : m.end() + 1] in SENTENCE_END + "，,、":
            return None
        parsed = parse(m.group(2))
        if parsed is None:
            return None
        ul = UnitList(m.start(1), m.end(), parsed, "marked-bracket")
    parsed = ul.parsed
    return ul if parsed.lead_units and set(parsed.lead_units) == set(parsed.units) else None


# A heading's words and the first bracket after them (group 2 its content), no sentence end before.
_HEADING_BRACKET_RE = re.compile(r"[^。；！？（(]{2,40}([（(])([^（）()。；]{2,60})[）)]")


def _heading_leads(walked: list[_Walked], parse: Parse) -> list[_Walked]:
    """A section heading that names its lead (``一、强化科技创新（区科技局牵头）``) reads as the
    section's ``（由X牵头实施）`` (guide): X leads every task under it and is added to their
    ``lead_units`` only; the heading is no task of its own. When no item under it has a list,
    the heading's list is the section's task (path ending at the heading, as a list closing a
    whole section gives), or the assignment would be lost."""
    out = list(walked)
    for i, w in enumerate(walked):
        ul = _heading_list(w.node, parse)
        if ul is None:
            continue
        depth = len(w.node.path)
        below = []
        for v in walked[i + 1 :]:
            if len(v.node.path) <= depth or v.node.path[:depth] != w.node.path:
                break
            below.append(v)
        units = ul.parsed.units
        if any(v.item.lists for v in below):
            for k, v in enumerate(below, i + 1):
                out[k] = v._replace(section_leads=dedupe((*out[k].section_leads, *units)))
            mine = tuple(x for x in w.item.lists if (x.start, x.end) != (ul.start, ul.end))
            phrases = LeadPhrases(w.phrases.units, (*w.phrases.spans, (ul.start, ul.end)))
            out[i] = w._replace(item=w.item._replace(lists=mine), phrases=phrases)
        elif not any((x.start, x.end) == (ul.start, ul.end) for x in w.item.lists):
            lists = tuple(sorted((*w.item.lists, ul), key=lambda x: x.start))
            out[i] = w._replace(item=w.item._replace(lists=lists))
    return out


class TaskDecision(msgspec.Struct, frozen=True):
    """Why a task exists: the rule that made it, the unit lists it read and how leads were found.

    ``rule`` is ``outline-item`` or ``table-row``; ``lists`` are the lists' texts as
    written with the rule that found each (``marked-bracket``, ``bare-bracket``,
    ``label-run``, ``table-column:牵头单位``); ``lead_rules`` the rules that
    named lead units (``marked-in-list``, ``first-listed-leads``,
    ``before-comma-leads``, ``section-lead-phrase``, ``document-lead-phrase``).
    """

    task: Task
    rule: str
    lists: tuple[tuple[str, str], ...]
    lead_rules: tuple[str, ...]


class _Found(msgspec.Struct, frozen=True):
    """A task before the document-level leads are added, with its leads and explanation."""

    task: Task
    leads: tuple[str, ...]
    rule: str
    lists: tuple[tuple[str, str], ...]
    lead_rules: tuple[str, ...]


def _task_of(walked: _Walked, item: _ItemText, state: _LeadState, clean: CleanText, parse: Parse) -> _Found | None:
    """The node's task (doc-level leads not yet added), or None when it has no list."""
    joined, lists = item.joined, item.lists
    kept_in_text: tuple[UnitList, ...] = ()
    if not lists and not walked.node.children:
        # ``由X牵头，Y配合。`` closing a leaf item: its unit list written as a sentence (a
        # section's 由X牵头 phrase names the lead of the items under it, read apart).
        sentence = find_assignment_sentence(joined.text, parse)
        lists = (sentence,) if sentence else ()
    if not lists:
        # ``由X负责…`` in the item's text, when it has no list of its own; the clause stays in
        # the text (cutting it would leave ``设施应当建设``).
        lists = kept_in_text = find_duty_phrases(joined.text, parse)
    if not lists:
        return None
    units: list[str] = []
    leads: list[str] = []
    lead_rules: list[str] = []
    for ul in lists:
        parsed = _respaced(ul, joined, clean, parse)
        units.extend(parsed.units)
        found = state.leads_of(parsed)
        leads.extend(found.units)
        if found.rule and found.units:
            lead_rules.append(found.rule)
    phrase_spans = [(s, e) for s, e in walked.phrases.spans if e <= len(joined.text)]
    if len(joined.paras) > 1:
        phrase_spans.extend(_leader_lines(joined, lists))
    if walked.section_leads:
        lead_rules.append("section-lead-phrase")
    cut = sorted([(ul.start, ul.end) for ul in lists if ul not in kept_in_text] + phrase_spans)
    text, pos = [], 0
    for s, e in cut:
        if s >= pos:
            text.append(joined.source_text(pos, s))
            pos = e
    text.append(joined.source_text(pos, len(joined.text)))
    task = Task(
        path=walked.node.path,
        text=_nows("".join(text)),
        units=dedupe(_nows(u) for u in units),
        lead_units=(),
        span=joined.clean_span(clean, 0, len(joined.text)),
        units_span=joined.clean_span(clean, lists[0].start, lists[-1].end),
    )
    read = tuple((ul.form, joined.text[ul.start : ul.end]) for ul in lists)
    return _Found(task, dedupe([*leads, *walked.section_leads]), "outline-item", read, dedupe(lead_rules))


def _leader_lines(joined: _Joined, lists: tuple[UnitList, ...]) -> list[tuple[int, int]]:
    """The item's paragraphs that only name its leader (``牵头领导：王某某``) beside its labelled
    lists: cut from the task's text like the lists (a person is no unit)."""
    if not any(ul.parsed.labelled for ul in lists):
        return []
    out = []
    ends = (*joined.starts[1:], len(joined.text))
    for start, end, para in zip(joined.starts, ends, joined.paras, strict=True):
        m = LEADER_LINE_RE.search(para.text) if "领导" in para.text else None
        if m and not any(ul.start < end and start + m.start() < ul.end for ul in lists):
            out.append((start + m.start(), end))
    return out


# The forms whose list is a bracket (its content is read without the brackets).
_BRACKET_FORMS = frozenset({"marked-bracket", "bare-bracket"})


def _respaced(ul: UnitList, joined: _Joined, clean: CleanText, parse: Parse) -> ParsedUnits:
    """A list's units, read again where its source separated names by spaces only
    (``责任单位：县发改局 县财政局``, ``（责任单位：县农业农村局 各乡镇）``): the reading that
    gives more units wins (a list with its 、 in place reads the same either way)."""
    if ul.form == "duty-phrase":
        return ul.parsed
    start, end = (ul.start + 1, ul.end - 1) if ul.form in _BRACKET_FORMS else (ul.start, ul.end)
    if end <= start:
        return ul.parsed
    spaced = _spaced_list(clean, joined.clean_offset(start), joined.clean_offset(end - 1) + 1, parse, lines_part=False)
    if spaced is None:
        return ul.parsed
    again = parse(spaced)
    return again if again is not None and len(again.units) > len(ul.parsed.units) else ul.parsed


class _OutlineTasks(msgspec.Struct, frozen=True):
    """The tasks read from a document's outline and the closing paragraphs found inside its last item."""

    found: list[_Found]
    closing_texts: list[str]  # document-closing paragraphs found inside the last item


def _stated_lead_rule(doc: Document, clean: CleanText) -> LeadRule | None:
    """The lead rule stated before the first item: in the preamble, or in an 印发 notice's own
    paragraphs before the body (``牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要……``)."""
    notice = clean.text[max(0, doc.span.start) : max(doc.span.start, doc.body_start)]
    state = _LeadState()
    state.read_statement(notice + "".join(p.text for p in doc.preamble))
    return state.rule


# The heading of an annex after the 落款: ``附件``, ``附件1``, ``附件2：`` alone on its line
# (ANNEX_HEAD_RE, patterns.py).


def annex_outline(doc: Document) -> tuple[OutlineNode, ...]:
    """The outline items of the annexes printed after the document's 落款.

    A notice that hands out a 政府工作报告 分解 (``现将……责任分解给你们``, not an 印发 notice)
    carries its items in ``附件1`` after its date: the header leaves them with the closing
    paragraphs, yet they are the document's own (guide: a document ends after its 附件), so each
    annex is read as an outline of its own, from the line after its heading.
    """
    closing = doc.closing
    heads = [i for i, p in enumerate(closing) if p.text.startswith("附件") and ANNEX_HEAD_RE.match(p.text)]
    nodes: list[OutlineNode] = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(closing)
        nodes.extend(split_closing(build_outline(closing[i + 1 : end])).nodes)
    return tuple(nodes)


def _outline_tasks(doc: Document, clean: CleanText, parse: Parse) -> _OutlineTasks:
    """Tasks of the outline and of the annexes' outlines, and the text of document-closing
    paragraphs found inside the last item."""
    state = _LeadState(_stated_lead_rule(doc, clean))
    out: list[_Found] = []
    walked = _hoist_closing_lists(_walk(doc.outline + annex_outline(doc), (), parse), parse)
    walked = _heading_leads(walked, parse)
    closing_texts: list[str] = []
    later = _LaterUnits((), ())  # what 以下均需X落实，不再列出 notes add to every later task
    if not walked:
        field = _field_page_task(doc, clean, parse, state)
        return _OutlineTasks([field] if field else [], [])
    for i, w in enumerate(walked):
        item = w.item
        if i == len(walked) - 1:
            item = _split_closing(item)
            closing_texts.extend(p.text for p in item.glued)
        if LEAD_WORD in item.joined.text:  # read_statement needs it: skip building the text without lists
            state.read_statement(_outside_lists(item.joined.text, item.lists))
        found = _task_of(w, item, state, clean, parse)
        carried = later.plus(item.joined.text, parse)
        # The guide: a later-units note adds its units to every later task, and the item that
        # carries it lists them where it is written (the note closes the item's list: after its units).
        if found and carried.units:
            found = _with_later_units(found, carried)
        if found:
            out.append(found)
        later = carried
    return _OutlineTasks(out, closing_texts)


# A page that assigns one task without an outline, its fields one a line (``工作任务：…`` then
# ``责任单位：…``, ``完成时限：…``): the task's label, and any field line after it. The cleaner
# may join a short field line to the sentence before it: the label opens a paragraph or follows
# a sentence end; its value runs to the paragraph's end.
_TASK_LABEL = r"(?:工作任务|重点任务|主要任务|任务内容|工作内容|工作事项|督办事项|任务名称|事项名称)[：:]"
FIELD_TASK_RE = re.compile(r"(?:^|(?<=[。；！？]))" + _TASK_LABEL + r"\s*(\S.*)$")
_TASK_LABEL_RE = re.compile(_TASK_LABEL)
_FIELD_LINE_RE = re.compile(r"^(?:主要)?[\u4e00-\u9fff]{2,8}[：:]")
# The other fields of such a page, which name no unit.
_OTHER_FIELD_RE = re.compile(
    r"(?:完成时限|完成时间|办结时限|时间节点|时间要求|工作目标|工作要求|目标要求|责任领导|牵头领导|分管领导|责任人|联系人|备注)[：:]"
    r"|" + _TASK_LABEL
)


def _field_page_task(doc: Document, clean: CleanText, parse: Parse, state: _LeadState) -> _Found | None:
    """The one task of a page without outline whose body writes it as fields (path ``[]``): the
    ``工作任务：`` line's value, its units from the field lines after it. Several task lines
    (several tasks without a path each) give none."""
    paras = doc.preamble
    at = [i for i, p in enumerate(paras) if FIELD_TASK_RE.search(p.text)]
    if len(at) != 1 or sum(len(_TASK_LABEL_RE.findall(p.text)) for p in paras) != 1:
        return None  # (a second task label the cleaner joined to a field line counts too)
    i = at[0]
    fields = []
    for p in paras[i + 1 :]:
        if not _FIELD_LINE_RE.match(p.text) or FIELD_TASK_RE.search(p.text):
            break
        fields.append(p)
    if not fields:
        return None
    joined = _Joined.of(tuple(fields))
    # a field the cleaner joined to the line before (``各街道办事处完成时限：…``) ends the list before it
    ends = sorted({*joined.boundaries, *(m.start() for m in _OTHER_FIELD_RE.finditer(joined.text))})
    lists = find_unit_lists(joined.text, tuple(ends), parse)
    if not lists:
        return None
    units: list[str] = []
    leads: list[str] = []
    lead_rules: list[str] = []
    for ul in lists:
        units.extend(ul.parsed.units)
        found = state.leads_of(ul.parsed)
        leads.extend(found.units)
        if found.rule and found.units:
            lead_rules.append(found.rule)
    head = paras[i]
    m = FIELD_TASK_RE.search(head.text)
    assert m is not None  # found above
    task = Task(
        path=(),
        text=_nows(m.group(1)),
        units=dedupe(_nows(u) for u in units),
        lead_units=(),
        span=clean.span(head.start + m.start(1), head.end),
        units_span=joined.clean_span(clean, lists[0].start, lists[-1].end),
    )
    read = tuple((ul.form, joined.text[ul.start : ul.end]) for ul in lists)
    return _Found(task, dedupe(leads), "field-page", read, dedupe(lead_rules))


class _LaterUnits(msgspec.Struct, frozen=True):
    """Units that ``以下均需X落实，不再列出`` notes so far add to every later task, and the notes."""

    units: tuple[str, ...]
    notes: tuple[str, ...]

    def plus(self, text: str, parse: Parse) -> _LaterUnits:
        if LATER_UNITS_LITERALS[0] not in text and LATER_UNITS_LITERALS[1] not in text:
            return self  # every such note says 不再列出 / 不另列出 / 不再做分工 (LATER_UNITS_NOTE_RES)
        units, notes = list(self.units), list(self.notes)
        for rx in LATER_UNITS_NOTE_RES:
            for m in rx.finditer(text):
                named = note_units(m.group(1), parse)
                if named:
                    units.extend(named)
                    notes.append(m.group())
        return _LaterUnits(dedupe(units), tuple(notes))


def _with_later_units(found: _Found, later: _LaterUnits) -> _Found:
    t = found.task
    task = Task(t.path, t.text, dedupe([*t.units, *later.units]), t.lead_units, t.span, t.units_span)
    lists = (*found.lists, *(("later-units-note", note) for note in later.notes))
    return _Found(task, found.leads, found.rule, lists, found.lead_rules)


# --- table tasks -------------------------------------------------------------------


class _Cell(msgspec.Struct, frozen=True):
    """One cell of a flattened or tab-separated table: its span in the clean text and its text."""

    start: int
    end: int
    text: str  # without whitespace
    line: int = -1  # the tab row it belongs to (-1: a cell on a line of its own)
    # an empty cell covered by the merged cell above it (see _merged_leads): that cell
    merged_from: _Cell | None = None


def _cells(clean: CleanText, start: int, end: int) -> list[_Cell]:
    """The table cells of a text, in reading order.

    Tables come two ways: flattened, one cell per line (web copies), or one row
    per line with cells separated by tabs (the DOCX and HTML readers). Both
    become one stream of cells; a tab row keeps its empty cells so the columns
    stay aligned, while empty lines are dropped.
    """
    out: list[_Cell] = []
    pos = start
    in_tab_table = False
    for line in clean.text[start:end].split("\n"):
        if "|" in line and line.count("|") < PIPE_ROW_MIN_BARS and _CELL_BAR_RE.search(line):
            # ``牵头责任单位 |`` / a bar alone: a web table copied one cell a line, each cell
            # closed by its bar; the cleaner may join a short cell to the line before
            # (``……300个。 |张某某 |``): each bar closes one cell.
            in_tab_table = False
            cpos = pos
            for raw in line.split("|"):
                text = _nows(raw)
                if text:
                    out.append(_Cell(cpos, cpos + len(raw), text))
                cpos += len(raw) + 1
            pos += len(line) + 1
            continue
        piped = _pipe_cells(line, pos)
        if piped:
            # ``序号 | 举措 | 牵头单位 |``: a row copied from a web page's table, its cells between
            # bars; read as a tab row (its own cells, no rowspan recovery: the bars keep empty cells).
            in_tab_table = False
            out.extend(piped)
            pos += len(line) + 1
            continue
        # The cleaner strips a line's ends, and with them the empty cells a rowspan (a merged
        # cell) leaves at the start or the end of a row: they are counted back from the tabs
        # of the source line, so every cell keeps its column.
        lead, trail = _stripped_tabs(clean, pos, len(line)) if "\t" in line or in_tab_table else (0, 0)
        if "\t" in line or lead or trail:
            in_tab_table = True
            out.extend(_Cell(pos, pos, "", pos) for _ in range(lead))
            cpos = pos
            for raw in line.split("\t"):
                out.append(_Cell(cpos, cpos + len(raw), _nows(raw), pos))
                cpos += len(raw) + 1
            out.extend(_Cell(pos + len(line), pos + len(line), "", pos) for _ in range(trail))
        else:
            in_tab_table = False
            text = _nows(line)
            if text:
                out.append(_Cell(pos, pos + len(line), text))
        pos += len(line) + 1
    if any(c.text in NUMBER_HEADER_SYNONYMS for c in out):
        out = [replace(c, text=TABLE_NUMBER_HEADER) if c.text in NUMBER_HEADER_SYNONYMS else c for c in out]
    return out


# A table row written with bars between its cells (text copies of web tables): at least
# PIPE_ROW_MIN_BARS bars (``luoshi.patterns``), spaced or at a line end.
_PIPE_BAR_RE = re.compile(r"(?:^|\s)\|(?=\s|$)")


# Cells of a table copied one cell a line with a bar closing each cell (``县教育局 |``), or the
# bar alone: fewer bars than a bar row has (PIPE_ROW_MIN_BARS), each after a space, the last
# at the line's end.
_CELL_BAR_RE = re.compile(r"^(?:[^|]*(?:^|\s)\|)+\s*$")


def _pipe_cells(line: str, pos: int) -> list[_Cell]:
    """The cells of a bar-separated table row at ``pos``, or [] for any other line."""
    if "|" not in line:
        return []
    bars = [m.end() - 1 for m in _PIPE_BAR_RE.finditer(line)]
    if len(bars) < PIPE_ROW_MIN_BARS or len(bars) != line.count("|"):
        return []
    edges = [-1, *bars] if line.strip()[0] != "|" else bars
    if line.rstrip()[-1] != "|":
        edges.append(len(line))
    return [_Cell(pos + a + 1, pos + b, _nows(line[a + 1 : b]), pos) for a, b in pairwise(edges)]


def _stripped_tabs(clean: CleanText, pos: int, length: int) -> tuple[int, int]:
    """How many tabs the source line of the clean line at ``pos`` had before and after its text."""
    if length == 0 or not clean.runs.length:
        return 0, 0
    src = clean.source.text
    s = clean.source_offset(pos)
    e = clean.source_offset(pos + length - 1) + 1
    begin = src.rfind("\n", 0, s) + 1
    stop = src.find("\n", e)
    before, after = src[begin:s], src[e : len(src) if stop == -1 else stop]
    lead = before.count("\t") if not before.strip(_LINE_END_SPACE) else 0
    trail = after.count("\t") if not after.strip(_LINE_END_SPACE) else 0
    return lead, trail


_LINE_END_SPACE = " \t\r\u3000\xa0"


def _table_tasks(doc: Document, clean: CleanText, parse: Parse, stated: LeadRule | None) -> list[_Found]:
    """Rows of tables that have a responsible-unit column (序号 / 举措 / 负责单位 …); ``stated``
    is the lead rule the document states before its items."""
    out: list[_Found] = []
    start, end = max(0, doc.span.start), min(len(clean.text), doc.span.end)
    first = _NUMBER_HEADER_RE.search(clean.text, start, end)
    if first is None:
        # no 序号 cell (whitespace aside): only a tabbed table without a 序号 column can give rows
        text = clean.text[start:end]
        if "\t" in text or "|" in text or _has_unit_header_line(text):
            return _unnumbered_table_tasks(clean, start, end, parse, stated)
        return out
    # A table starts at a 序号 cell: the lines before the first 序号 are never read.
    cells = _split_glued_headers(_cells(clean, clean.text.rfind("\n", start, first.start()) + 1 or start, end))
    i = 0
    while i < len(cells):
        if cells[i].text != TABLE_NUMBER_HEADER:
            i += 1
            continue
        header = [cells[i].text]
        j = i + 1
        while (
            j < len(cells)
            and len(header) < MAX_COLUMNS
            and len(cells[j].text) <= MAX_HEADER_CELL
            and _row_number(cells[j].text) is None
            and "。" not in cells[j].text
        ):
            header.append(cells[j].text)
            j += 1
        tabbed = cells[i].line >= 0 and all(c.line == cells[i].line for c in cells[i:j])
        two_level = _two_level_header(cells[i:j]) if not tabbed else None
        if two_level is not None:
            header, tabbed = two_level, True
        columns = _Columns.of(header)
        if not columns.units:
            i = j
            continue
        if tabbed:
            rows, i = _tab_rows(cells, j, len(header))
            rows = _merged_leads(rows, header, columns.units)
        else:
            rows, i = _table_rows(cells, j, header, columns.units, columns.texts, parse)
        for row in rows:
            task = _row_task(row, header, columns.units, columns.texts, clean, parse, stated)
            if task:
                out.append(task)
    return out


def _two_level_header(cells: list[_Cell]) -> list[str] | None:
    """The column names of a header written on two tab rows, or None.

    ``序号 | 重点任务 | 责任分工 | 完成时限`` over ``· | · | 牵头单位 | 责任单位 | ·``: the
    second row names the columns a spanning title (``责任分工``) groups, and its cells left
    empty are covered by the first row's titles (``rowspan``). A reader writes a spanning
    title once (HTML) or with empty cells after it: each empty cell of the second row takes
    the first row's title of its column, the names under a spanning title take its place."""
    lines = sorted({c.line for c in cells})
    if len(lines) != 2 or lines[0] < 0:
        return None
    top = [c.text for c in cells if c.line == lines[0]]
    low = [c.text for c in cells if c.line == lines[1]]
    if len(low) < len(top) or not any(low) or all(low):
        return None
    if len(low) == len(top):
        return [b or a for a, b in zip(top, low, strict=True)]
    out: list[str] = []
    p = 0
    in_run = False
    for name in low:
        if name:
            p += not in_run  # the spanning title above the run of names
            in_run = True
            out.append(name)
        else:
            in_run = False
            out.append(top[p] if p < len(top) else "")
            p += 1
    return out if p == len(top) else None


class _Columns(NamedTuple):
    """The unit columns and the text columns of a table's header (its first cell is the 序号)."""

    units: list[int]
    texts: list[int]

    @classmethod
    def of(cls, header: list[str]) -> _Columns:
        units = [
            k
            for k, h in enumerate(header)
            if k and TABLE_UNIT_HEADER_RE.search(h) and not TABLE_DIVISION_HEADER_RE.search(h)
        ]
        texts = [k for k, h in enumerate(header) if k and TABLE_TEXT_HEADER_RE.search(h)] or [1]
        return cls(units, texts)


def _unnumbered_table_tasks(
    clean: CleanText, start: int, end: int, parse: Parse, stated: LeadRule | None
) -> list[_Found]:
    """Rows of tabbed tables without a 序号 column (``重点任务\t牵头单位\t配合单位``).

    A tab row whose every cell is a header word, with a task column and a unit column, is a
    header; the tab rows after it are its rows, numbered in order (guide: path ``["表", 序号]``:
    a table that prints no 序号 counts its rows), a shorter row a sub-row of the one above
    (HTML ``rowspan``). The rows are read as those of a numbered table.
    """
    out: list[_Found] = []
    cells = _cells(clean, start, end)
    out.extend(_cell_line_table_tasks(cells, clean, parse, stated))
    lines = _tab_lines(cells)
    k = 0
    while k < len(lines):
        texts = [c.text for c in lines[k]]
        if not texts:
            k += 1
            continue
        header = [TABLE_NUMBER_HEADER, *texts]
        columns = _Columns.of(header)
        if not (
            len(texts) >= 2
            and all(t and _header_words(t) == [t] for t in texts)
            and columns.units
            and any(TABLE_TEXT_HEADER_RE.search(t) for t in texts)
        ):
            k += 1
            continue
        rows: list[list[list[_Cell]]] = []
        k += 1
        while k < len(lines) and lines[k]:
            line = lines[k]
            if len(line) == len(texts) and any(c.text for c in line):
                number = _Cell(line[0].start, line[0].start, str(len(rows) + 1), line[0].line)
                rows.append([[number, *line]])
            elif rows and len(line) < len(texts):
                rows[-1].append(rows[-1][0][: len(header) - len(line)] + line)
            else:
                break
            k += 1
        for row in _merged_leads(rows, header, columns.units):
            task = _row_task(row, header, columns.units, columns.texts, clean, parse, stated)
            if task:
                out.append(task)
    return out


# A unit column's header on a line of its own: what a table copied one cell a line needs.
_UNIT_HEADER_CELL_RE = re.compile(r"[ \t]*(?:主要|牵头)?(?:责任|牵头|配合|负责|主责)(?:单位|部门)[ \t]*")
_UNIT_HEADER_WORDS = ("单位", "部门")
_AFTER_UNIT_HEADER = ("", "\n", " ", "\t")  # what may follow a header cell's last word


def _has_unit_header_line(text: str) -> bool:
    """Whether a line of ``text`` is a unit column's header cell alone (``_UNIT_HEADER_CELL_RE``).

    Found from the cell's last word (``str.find``) and checked on its line: one pattern
    ``(?:^|\n)…(?:\n|$)`` searched over a whole document tried its alternation at every
    character (0.9 ms on the seed, 2% of its parse; this is a sixth of that)."""
    n = len(text)
    for word in _UNIT_HEADER_WORDS:
        i = text.find(word)
        while i >= 0:
            if text[i + 2 : i + 3] in _AFTER_UNIT_HEADER:
                line_start = text.rfind("\n", 0, i) + 1
                line_end = text.find("\n", i)
                if _UNIT_HEADER_CELL_RE.fullmatch(text, line_start, n if line_end < 0 else line_end):
                    return True
            i = text.find(word, i + 2)
    return False


def _is_header_cell(cell: _Cell) -> bool:
    return cell.line < 0 and len(cell.text) <= MAX_HEADER_CELL and _header_words(cell.text) == [cell.text]


def _cell_line_table_tasks(cells: list[_Cell], clean: CleanText, parse: Parse, stated: LeadRule | None) -> list[_Found]:
    """Rows of tables copied one cell a line without a 序号 column, often one under each outline
    heading (``一、扩大有效投资`` / ``重点任务`` / ``牵头单位`` / ``配合单位`` / its rows).

    A run of header-word cells with a task column and a unit column is a header; the cells
    after it are read in rows of as many cells while every unit cell names units (or is
    empty: ``/``) and the task cell does not (a heading, a new header or a missing cell ends
    the table: one cell a line keeps no empty cell, so a row that does not fit is not
    guessed). Rows are numbered in order through the document (guide: path ``["表", 序号]``;
    a table that prints no 序号 counts its rows, and one count keeps two tables' rows apart).
    """
    out: list[_Found] = []
    n = 0
    i = 0
    while i < len(cells):
        if not _is_header_cell(cells[i]):
            i += 1
            continue
        j = i
        while j < len(cells) and j - i < MAX_COLUMNS and _is_header_cell(cells[j]):
            j += 1
        texts = [c.text for c in cells[i:j]]
        header = [TABLE_NUMBER_HEADER, *texts]
        columns = _Columns.of(header)
        if len(texts) < 2 or not columns.units or not any(TABLE_TEXT_HEADER_RE.search(t) for t in texts):
            i = j
            continue
        ncol = len(texts)
        k = j
        while k + ncol <= len(cells):
            row = cells[k : k + ncol]
            if not _fits_cell_line_row(row, columns, parse):
                break
            n += 1
            number = _Cell(row[0].start, row[0].start, str(n))
            task = _row_task([[number, *row]], header, columns.units, columns.texts, clean, parse, stated)
            if task:
                out.append(task)
            k += ncol
        i = k
    return out


def _fits_cell_line_row(row: list[_Cell], columns: _Columns, parse: Parse) -> bool:
    """Whether ``row`` (cells one a line, no 序号) reads as a row of the header's columns."""
    if any(c.line >= 0 or _is_header_cell(c) for c in row):
        return False
    for k in columns.texts:
        text = row[k - 1].text
        if match_marker(text) is not None or _is_unit_cell(row[k - 1], parse):
            return False
    return all(row[k - 1].text in EMPTY_CELLS or _is_unit_cell(row[k - 1], parse) for k in columns.units)


def _tab_lines(cells: list[_Cell]) -> list[list[_Cell]]:
    """The cells of tab rows, one list per line, in order; a line without tabs between them is
    an empty list (it ends a table)."""
    lines: list[list[_Cell]] = []
    for c in cells:
        if c.line < 0:
            if lines and lines[-1]:
                lines.append([])
        elif lines and lines[-1] and lines[-1][0].line == c.line:
            lines[-1].append(c)
        else:
            lines.append([c])
    return lines


# One header cell as a word: the 序号, a unit column (牵头单位, 责任部门, 内设牵头处室), a text
# column (工作任务, 改革举措, 主要内容), a deadline column (完成时限, 时间进度) and the usual others.
_HEADER_WORD_RE = re.compile(
    r"序号|[\u4e00-\u9fff]{0,4}?(?:单位|部门|处室|主体)|[\u4e00-\u9fff]{0,4}?(?:任务|举措|措施|事项|内容|名称)|"
    r"(?:完成|办结|落实)?(?:时限|时间|期限)|时间进度|进度安排|推广范围|适用范围|备注"
)
_TRAILING_INT_RE = re.compile(r"\d{1,4}$")


def _header_words(text: str) -> list[str] | None:
    """``text`` (without a trailing row number) cut into header words, or None when some of it is not one."""
    number = _TRAILING_INT_RE.search(text)
    if number is not None:
        text = text[: number.start()]
    words, pos = [], 0
    while pos < len(text):
        m = _HEADER_WORD_RE.match(text, pos)
        if m is None:
            return None
        words.append(m.group())
        pos = m.end()
    return words or None


def _split_glued_headers(cells: list[_Cell]) -> list[_Cell]:
    """Header rows that reached us as one line, cut back into their cells.

    A PDF text layer sets the header cells on one baseline (PDFium reads them as one line,
    the cleaner drops the spaces between them) or wraps them in narrow columns (``序`` /
    ``号``, ``完成`` / ``时限``: the cleaner joins two-character pieces to the next line, the
    first row's number included): ``序号工作任务``, ``责任单位完成时限1``. A line starting
    with 序号 is cut into header words, and so are the lines after it while they are made of
    header words; a trailing number is the first row's 序号 cell.
    """
    out: list[_Cell] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        k += 1
        text = cell.text
        if (
            cell.line < 0
            and len(text) > len(TABLE_NUMBER_HEADER)
            and text.endswith(TABLE_NUMBER_HEADER)
            and k < len(cells)
            and _header_words(cells[k].text)
        ):
            # ``……责任分解序号``: the cleaner joined the table's caption to its first header cell
            # (a short line after a line without an end mark); the 序号 cell is cut back out.
            cut = cell.end - len(TABLE_NUMBER_HEADER)
            out.append(_Cell(cell.start, cut, text[: -len(TABLE_NUMBER_HEADER)]))
            out.append(_Cell(cut, cell.end, TABLE_NUMBER_HEADER))
            continue
        if not text.startswith(TABLE_NUMBER_HEADER) or text == TABLE_NUMBER_HEADER or cell.line >= 0:
            out.append(cell)
            continue
        if _header_words(text) is None:
            out.append(cell)
            continue
        glued = [cell]
        while not _TRAILING_INT_RE.search(glued[-1].text) and k < len(cells) and _header_words(cells[k].text):
            glued.append(cells[k])
            k += 1
        for c in glued:
            number = _TRAILING_INT_RE.search(c.text)
            out.extend(_Cell(c.start, c.end, w) for w in _header_words(c.text) or ())
            if number is not None:
                out.append(_Cell(c.end - len(number.group()), c.end, number.group()))
    return out


def _tab_rows(cells: list[_Cell], j: int, ncol: int) -> tuple[list[list[list[_Cell]]], int]:
    """Rows of a table read one tab row per line: a line whose first cell is a number starts
    a row; a shorter line after it is a sub-row whose leading cells span from the row above
    (HTML ``rowspan``), its cells aligned to the last columns. Returns each row's sub-rows."""
    rows: list[list[list[_Cell]]] = []
    while j < len(cells) and cells[j].text != TABLE_NUMBER_HEADER:
        if cells[j].line < 0:
            if not _section_row(cells, j):
                break
            j += 1  # ``一、稳定经济增长``: a row across the table heads the rows below it
            continue
        line = cells[j].line
        k = j
        while k < len(cells) and cells[k].line == line:
            k += 1
        row = cells[j:k]
        if len(row) == ncol and _row_number(row[0].text) is not None:
            rows.append([row])
        elif rows and (len(row) < ncol or not row[0].text):
            rows[-1].append(rows[-1][0][: ncol - len(row)] + row)
        j = k
    return rows, j


def _merged_leads(rows: list[list[list[_Cell]]], header: list[str], unit_cols: list[int]) -> list[list[list[_Cell]]]:
    """The rows with each empty 牵头 cell of a row carrying the 牵头 cell above it.

    A 分工表 whose consecutive tasks share a lead merges their 牵头单位 cells; the readers write
    a merged cell's text in its first row and an empty cell below (HTML ``rowspan``, DOCX
    ``vMerge``, a PDF cell without its top border). Every task of a 分工表 has its lead, so an
    empty cell under a filled one in a 牵头 column is that merge; other unit columns (配合单位)
    are left as they are: a task may have no co-units, and an empty cell there says so."""
    leads = [k for k in unit_cols if TABLE_LEAD_HEADER_RE.search(header[k])]
    if not leads:
        return rows
    above: dict[int, _Cell] = {}
    out: list[list[list[_Cell]]] = []
    for subrows in rows:
        first = list(subrows[0])
        for k in leads:
            if k >= len(first):
                continue
            cell = first[k]
            if cell.text:
                above[k] = cell
            elif k in above:
                first[k] = _Cell(cell.start, cell.start, "", cell.line, merged_from=above[k])
        out.append([first, *subrows[1:]])
    return out


def _section_row(cells: list[_Cell], j: int) -> bool:
    """Whether the cell at ``j``, a line of its own inside a tab table, is a row across the table
    (a section heading, one cell spanning every column): the next line is a numbered tab row."""
    k = j + 1
    return k < len(cells) and cells[k].line >= 0 and _row_number(cells[k].text) is not None


def _row_task(
    subrows: list[list[_Cell]],
    header: list[str],
    unit_cols: list[int],
    text_cols: list[int],
    clean: CleanText,
    parse: Parse,
    stated: LeadRule | None = None,
) -> _Found | None:
    """One row's task: units from every unit column of each sub-row in turn (guide: a 序号
    split into sub-rows is one task, its units merged in order), leads from a 牵头 column (a
    row with none, where the document says ``无牵头单位的，责任单位即为牵头单位``: all its units)."""
    units: list[str] = []
    leads: list[str] = []
    used: list[_Cell] = []
    used_headers: list[str] = []
    lead_rules: list[str] = []
    row = subrows[0]
    for sub, k in ((sub, k) for sub in subrows for k in unit_cols):
        base = sub[k].merged_from or sub[k]
        cell = _spaced_units(clean, _without_glued_deadline(base, parse), parse)
        if base is not sub[k]:  # the merged cell's units, placed at the covered cell of this row
            cell = _Cell(sub[k].start, sub[k].start, cell.text, sub[k].line, merged_from=base)
        parsed = parse(cell.text)
        if parsed is None:
            continue
        used.append(cell)
        used_headers.append(header[k])
        units.extend(parsed.units)
        if TABLE_LEAD_HEADER_RE.search(header[k]):
            leads.extend(parsed.units)
            lead_rules.append("lead-column")
        elif parsed.lead_units:
            leads.extend(parsed.lead_units)
            lead_rules.append("marked-in-list")
        elif parsed.starred and stated is LeadRule.STARRED:
            leads.extend(parsed.starred)
            lead_rules.append("starred-leads")
    if not units:
        return None
    if not leads and stated is LeadRule.UNMARKED_ALL:
        leads, lead_rules = list(units), ["unmarked-list-leads"]
    texts = [row[k].text for k in text_cols[:1]] + [sub[k].text for sub in subrows for k in text_cols[1:]]
    task = Task(
        path=("表", _row_label(row[0].text)),
        text="".join(dedupe(texts)),
        units=dedupe(units),
        lead_units=(),
        span=clean.span(row[0].start, max(c.end for c in subrows[-1])),
        units_span=clean.span(used[0].start, used[-1].end),
    )
    read = tuple(
        (f"table-column:{name}" + (" (merged from the row above)" if c.merged_from else ""), c.text)
        for c, name in zip(used, used_headers, strict=True)
    )
    return _Found(task, dedupe(leads), "table-row", read, dedupe(lead_rules))


def _table_rows(
    cells: list[_Cell], j: int, header: list[str], unit_cols: list[int], text_cols: list[int], parse: Parse
) -> tuple[list[list[list[_Cell]]], int]:
    """Rows of a flattened table (one cell after another), each its only sub-row.

    A line holding a number starts a row, which runs to the next number line (at most
    :data:`MAX_ROW_LINES` lines). A row of exactly one line per column is read cell by cell;
    one whose cells wrap over several lines (a PDF text layer) is read by the cells' shape
    (:func:`_wrapped_row`). Lines between rows (section rows such as
    ``一、知识产权保护方面（共5项）``) are skipped; a new ``序号`` header ends the table.
    """
    ncol = len(header)
    rows: list[list[list[_Cell]]] = []
    previous: int | None = None  # the last row's number
    while j < len(cells) and cells[j].text != TABLE_NUMBER_HEADER:
        if not _starts_row(cells, j, previous):
            j += 1
            continue
        number = previous = _row_number(cells[j].text)
        n = j + 1
        while (
            n < len(cells)
            and n - j <= MAX_ROW_LINES
            and not _starts_row(cells, n, number)
            and cells[n].text != TABLE_NUMBER_HEADER
        ):
            n += 1
        last = not (n < len(cells) and _starts_row(cells, n, number))
        direct = cells[j : j + ncol]
        if _direct_fits(cells, j, ncol, n - j, last, unit_cols, parse):
            rows.append([direct])
            j += ncol
            continue
        subrows = _wrapped_row(cells[j], cells[j + 1 : n], header, unit_cols, text_cols, last, parse)
        if subrows is not None:
            rows.append(subrows)
        j = n
    return rows, j


# What an empty cell holds.
EMPTY_CELLS = frozenset({"", "/", "／", "-", "—", "无"})
# Most lines a flattened row may take (a long 工作任务 cell wraps over a dozen lines).
MAX_ROW_LINES = 40


# A row's 序号 follows the row before it: by one, or by up to this many where rows were lost to a
# page break (the outline's sibling gap, MAX_NUMBERING_GAP in luoshi.outline); a numbering may also
# restart at 1, and go on with any higher number after a section row (``五、管理体制创新方面``: a
# section whose rows the source leaves out). Any other number alone on a line is a cell of the row
# (建设时间 ``2024``, 投资金额 ``300`` in a 民生实事 table), not the next row.
MAX_ROW_NUMBER_GAP = 3


def _starts_row(cells: list[_Cell], i: int, previous: int | None) -> bool:
    """Whether ``cells[i]`` is the 序号 of the row after the one numbered ``previous`` (None: the first row)."""
    value = _row_number(cells[i].text)
    if value is None:
        return False
    if previous is None:
        return True
    if value == 1 or 0 < value - previous <= MAX_ROW_NUMBER_GAP:
        return True
    return value > previous and i > 0 and match_marker(cells[i - 1].text) is not None


def _direct_fits(
    cells: list[_Cell], j: int, ncol: int, lines: int, last: bool, unit_cols: list[int], parse: Parse
) -> bool:
    """Whether the row numbered at ``cells[j]`` reads one line per column: its unit cells read as
    unit lists (or are empty) and it has exactly one line per column, or it is the last row (what
    follows the table comes after it)."""
    direct = cells[j : j + ncol]
    number = _row_number(cells[j].text)
    if len(direct) < ncol or any(
        _starts_row(cells, j + k, number) or c.text == TABLE_NUMBER_HEADER for k, c in enumerate(direct[1:], start=1)
    ):
        return False
    units_read = all(parse(direct[k].text) is not None or direct[k].text in EMPTY_CELLS for k in unit_cols)
    return units_read and (lines == ncol or last)


# A deadline cell glued by the cleaner to the unit cell before it (``政局2025年6月底前``: a
# fragment of two characters joins the line after it).
_TRAILING_TIME_RE = re.compile(
    r"^(.+?)((?:19|20)\d{2}年[^，。；、]*|长期坚持|长期推进|持续推进|持续实施|持续开展|长期)$"
)
# A name broken across lines leaves a short piece (``市财`` / ``政局``, ``市发展改`` / ``革委``).
NAME_FRAGMENT_MAX = 4
_CONTINUES_LIST = ("、", "，", ",")


def _without_glued_deadline(cell: _Cell, parse: Parse) -> _Cell:
    """A unit cell without the deadline cell glued after it (``市财政局2025年6月底前``), which a
    list's parse would skip as a time part together with the unit it is glued to."""
    m = _TRAILING_TIME_RE.match(cell.text)
    if m is None or parse(m.group(1)) is None:
        return cell
    return _Cell(cell.start, cell.start + len(m.group(1)), m.group(1), cell.line)


# A deadline column: 完成时限, 完成时间, 时间进度, 进度安排.
TABLE_TIME_HEADER_RE = re.compile(r"时限|时间|期限|进度")
# Longest deadline cell (characters): ``2025年12月底前完成``, ``长期坚持``, ``底前``.
MAX_TIME_CELL = 16


def _is_time_cell(cell: _Cell) -> bool:
    return len(cell.text) <= MAX_TIME_CELL and TIME_PART_RE.match(cell.text) is not None


def _spaced_units(clean: CleanText, cell: _Cell, parse: Parse) -> _Cell:
    """A unit cell whose names stood on lines or paragraphs of their own, read as a list.

    A reader joins a cell's paragraphs or ``<br>`` lines with a space, and the cleaner drops
    a space between Chinese characters, so ``市政务服务数据管理局 市发展改革委`` reaches us as
    one name. The source text still has the space: where every piece between spaces reads
    as units, they are the list's parts.
    """
    if cell.end <= cell.start or not clean.runs.length:
        return cell
    spaced = _spaced_list(clean, cell.start, cell.end, parse, lines_part=True)
    return cell if spaced is None else _Cell(cell.start, cell.end, spaced, cell.line)


# A line break and the spaces around it (a wrap inside a paragraph), and a run of spaces on a line.
_WRAP_RE = re.compile(r"[ \t\u3000\xa0]*\r?\n[ \t\u3000\xa0]*")
_SPACES_RE = re.compile(r"[ \t\u3000\xa0]+")


def _spaced_list(clean: CleanText, start: int, end: int, parse: Parse, *, lines_part: bool) -> str | None:
    """The clean text ``[start, end)`` as a list whose names its source set apart by spaces.

    The cleaner drops a space between Chinese characters (a wrap, letter-spacing), so
    ``县发改局 县财政局`` reaches us as one name. Where the source has spaces there and every
    piece between them reads as units, the pieces are the list's parts, joined with ``、``;
    otherwise (letter-spaced characters) None. In a table cell a line break parts names too
    (``lines_part``: a cell's lines are its names); in a paragraph it is a wrap inside a name
    (``省政务服务管`` / ``理办``) and parts nothing.
    """
    if end <= start or not clean.runs.length:
        return None
    src = clean.source.text[clean.source_offset(start) : clean.source_offset(end - 1) + 1]
    pieces = _wraps_glued(src.split()) if lines_part else [p for p in _SPACES_RE.split(_WRAP_RE.sub("", src)) if p]
    if len(pieces) < 2 or any(parse(p) is None for p in pieces):
        return None
    return "、".join(_nows(p) for p in pieces)


# What parts the names of a list in one cell (``科技部、教育部``); a wrap may fall inside a name.
# A bracket's own list (``各县（市、区）``) parts nothing: ``units.split_top`` respects brackets.
_NAME_SEPARATORS = "、，,；;"


def _wraps_glued(pieces: list[str]) -> list[str]:
    """A cell's lines (or space-parted pieces) with the wraps inside a name undone.

    A cell that writes its list with separators (``科技部、……、教育``) and is narrow breaks
    where the line is full, inside a name as often as not (``……、国家知识`` / ``产权局、……``):
    a name cut so is no unit on its own while the two halves glued are one (``教育`` + ``部``).
    A cell listing one unit a line has no separator to go by, and keeps its lines."""
    out: list[str] = []
    for piece in pieces:
        names = split_top(out[-1], _NAME_SEPARATORS) if out else []
        if len(names) > 1:
            tail = names[-1]
            head = split_top(piece, _NAME_SEPARATORS)[0]
            if tail and head and not is_unit_like(tail) and is_unit_like(tail + head):
                out[-1] += piece
                continue
        out.append(piece)
    return out


def _join_cells(a: _Cell, b: _Cell) -> _Cell:
    return _Cell(a.start, b.end, a.text + b.text)


def _is_unit_cell(cell: _Cell, parse: Parse) -> bool:
    return "。" not in cell.text and parse(cell.text) is not None


def _continues_name(text: str, parse: Parse) -> bool:
    """A line that cannot end a unit cell: it ends inside a list or inside a name."""
    if text.endswith(_CONTINUES_LIST):
        return True
    if parse(text) is not None:
        return False
    last = _split_list_parts(text)[-1]
    return ("、" in text or len(text) <= NAME_FRAGMENT_MAX) and len(last) <= NAME_FRAGMENT_MAX


def _split_list_parts(text: str) -> list[str]:
    return [p for p in re.split(r"[、，,]", text) if p] or [text]


def _merged_cells(lines: list[_Cell], parse: Parse) -> list[_Cell]:
    """A row's lines with the unit cells broken across lines joined again."""
    out: list[_Cell] = []
    for line in lines:
        if out and _continues_name(out[-1].text, parse):
            prev = out[-1]
            # The glued deadline first: a list's parse skips a time part (``…政局2025年底前``
            # would read as the list without its last unit).
            m = _TRAILING_TIME_RE.match(line.text)
            if m and parse(prev.text + m.group(1)) is not None:
                cut = line.start + len(m.group(1))  # a flattened cell line holds no inner spaces
                out[-1] = _Cell(prev.start, cut, prev.text + m.group(1))
                out.append(_Cell(cut, line.end, m.group(2)))
                continue
            if parse(prev.text + line.text) is not None:
                out[-1] = _join_cells(prev, line)
                continue
        out.append(line)
    return out


def _wrapped_row(
    number: _Cell,
    lines: list[_Cell],
    header: list[str],
    unit_cols: list[int],
    text_cols: list[int],
    last: bool,
    parse: Parse,
) -> list[list[_Cell]] | None:
    """One row whose cells wrap, as sub-rows of one cell per column (empty where nothing was read).

    The cells come in the header's order: the text columns, then the unit columns, then the
    deadline and the like. The unit cells are a run of lines that read as unit lists after
    the text: the last such run of a row (text above it may hold a line that reads like a
    name), or in the table's last row the first (what follows the table is not the row's).
    Where the table has a deadline column, every run that a deadline cell follows is a
    sub-row of its own (a 重点任务 over several 具体措施, each with its units and deadline),
    the texts between them joined to the row's text.
    """
    ncol = len(header)
    if not lines or min(unit_cols) < min(text_cols):
        return None
    cells = _merged_cells(lines, parse)
    is_unit = [_is_unit_cell(c, parse) for c in cells]
    runs: list[tuple[int, int]] = []  # (first, last) index of each run of unit cells after the text
    k = 1
    while k < len(cells):
        if is_unit[k]:
            b = k
            while k + 1 < len(cells) and is_unit[k + 1]:
                k += 1
            runs.append((b, k))
        k += 1
    if not runs:
        return None
    timed = any(TABLE_TIME_HEADER_RE.search(h) for h in header[max(unit_cols) + 1 :])
    if last:
        # What follows the table may read like units and a date (a signature): the first run
        # a deadline follows, else the first run.
        chosen = [r for r in runs if r[1] + 1 < len(cells) and _is_time_cell(cells[r[1] + 1])][:1] if timed else []
        chosen = chosen or runs[:1]
    else:
        chosen = [r for r in runs if r[1] + 1 == len(cells) or _is_time_cell(cells[r[1] + 1])] if timed else []
        chosen = chosen or runs[-1:]
    first, end = chosen[0][0], chosen[-1][1]
    text = cells[0]
    inside = {i for b, e in chosen for i in range(b, e + 1)}
    for i, c in enumerate(cells[1:end], start=1):
        if i not in inside and (i < first or not _is_time_cell(c)):
            text = _join_cells(text, c)
    empty = _Cell(number.end, number.end, "")
    subrows: list[list[_Cell]] = []
    for b, e in chosen:
        row = [number if not subrows else empty] + [empty] * (ncol - 1)
        for col, cell in zip(unit_cols, cells[b : e + 1], strict=False):
            row[col] = cell
        # The columns after the units (完成时限, 推广范围) take the next cells, one each: the
        # row's span covers them, not the section rows that may follow.
        for col, cell in zip(range(max(unit_cols) + 1, ncol), cells[e + 1 :], strict=False):
            row[col] = cell
        subrows.append(row)
    subrows[0][text_cols[0]] = text
    return subrows


# --- entry point -------------------------------------------------------------------


def _parse_cache() -> Parse:
    """:func:`parse_units` remembered for one document.

    A document repeats its lists (``（生态环境部指导）`` seven times in one section, ``（区、市）``
    in every article of a regulation): each distinct content is read once. The cache lives
    for one document only, so memory stays bounded and a benchmark that parses the same
    files again measures no leftover work. ``ParsedUnits`` is frozen, so sharing is safe.
    """
    seen: dict[str, ParsedUnits | None] = {}

    def parse(content: str) -> ParsedUnits | None:
        try:
            return seen[content]
        except KeyError:
            parsed = seen[content] = parse_units(content)
            return parsed

    return parse


def document_leads(doc: Document, glued_closing: list[str], parse: Parse = parse_units) -> tuple[str, ...]:
    """Units of a document-level ``由X负责牵头组织实施`` in the closing paragraphs."""
    texts = [p.text for p in doc.closing] + glued_closing
    return lead_phrase_units(_nows("".join(texts)), parse).units


def extract_tasks(doc: Document, clean: CleanText) -> tuple[Task, ...]:
    """Every task of ``doc``: outline items with unit lists, then table rows."""
    return tuple(d.task for d in analyse_tasks(doc, clean))


def analyse_tasks(doc: Document, clean: CleanText) -> tuple[TaskDecision, ...]:
    """Every task of ``doc`` with the rule that made it and the unit lists it read."""
    parse = _parse_cache()
    outline = _outline_tasks(doc, clean, parse)
    found = outline.found + _table_tasks(doc, clean, parse, _stated_lead_rule(doc, clean))
    doc_leads = document_leads(doc, outline.closing_texts, parse)
    # The finds of each path, in order (a path found twice, a repeated number, is one task). They
    # are merged once at the end: merging pairwise as they come copied the growing text and unit
    # lists at every repeat, quadratic in a long document whose numbering restarts.
    by_path: dict[tuple[str, ...], list[tuple[_Found, tuple[str, ...], tuple[str, ...]]]] = {}
    for f in found:
        lead_units = dedupe([*f.leads, *doc_leads])
        lead_rules = (*f.lead_rules, "document-lead-phrase") if doc_leads else f.lead_rules
        by_path.setdefault(f.task.path, []).append((f, lead_units, lead_rules))
    return tuple(_merged(clean, finds) for finds in by_path.values())


class DutyRejection(msgspec.Struct, frozen=True):
    """A ``由…负责`` phrase that made no task units, where it stands and why (``--explain``)."""

    path: tuple[str, ...]
    text: str
    reason: str
    span: Span


def rejected_duty_phrases(doc: Document, clean: CleanText) -> tuple[DutyRejection, ...]:
    """The ``由…负责`` phrases of the outline that gave no units, with the reason of each.

    The same reading :func:`analyse_tasks` makes: an item with a list of its own does not read
    its duty phrases; a phrase whose name is no unit, or that stands inside an explanation
    bracket, gives none.
    """
    parse = _parse_cache()
    out: list[DutyRejection] = []
    for w in _walk(doc.outline, (), parse):
        joined = w.item.joined
        for d in duty_phrases(joined.text, parse):
            reason = d.reason
            if reason is None and w.item.lists:
                reason = DutyReason.ITEM_HAS_LIST
            if reason is not None:
                out.append(DutyRejection(w.node.path, d.text, str(reason), joined.clean_span(clean, d.start, d.end)))
    return tuple(out)


def _merged(clean: CleanText, finds: list[tuple[_Found, tuple[str, ...], tuple[str, ...]]]) -> TaskDecision:
    """One path's task: the first find's rule, the texts joined, units and leads in first-seen order."""
    first, lead_units, lead_rules = finds[0]
    task = first.task
    if len(finds) == 1:
        merged = Task(
            path=task.path,
            text=task.text,
            units=task.units,
            lead_units=lead_units,
            span=task.span,
            units_span=task.units_span,
        )
        return TaskDecision(merged, first.rule, first.lists, lead_rules)
    tasks = [f.task for f, _, _ in finds]
    merged = Task(
        path=task.path,
        text="".join(t.text for t in tasks),
        units=dedupe([u for t in tasks for u in t.units]),
        lead_units=dedupe([u for _, leads, _ in finds for u in leads]),
        span=_cover_all(clean, [t.span for t in tasks]),
        units_span=_cover_all(clean, [t.units_span for t in tasks]),
    )
    lists = tuple(ul for f, _, _ in finds for ul in f.lists)
    return TaskDecision(merged, first.rule, lists, dedupe([r for _, _, rules in finds for r in rules]))


def _cover_all(clean: CleanText, spans: list[Span | None]) -> Span | None:
    """The smallest span holding all of ``spans`` (None ones left out), as ``_cover`` pairwise gives."""
    present = [s for s in spans if s is not None]
    if len(present) <= 1:
        return present[0] if present else None
    return clean.span(min(s.start for s in present), max(s.end for s in present))
