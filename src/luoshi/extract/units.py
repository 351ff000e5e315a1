"""Responsible-unit lists: recognise them by shape, split them into units.

A policy document assigns an item to units with a bracket after the item's
text: ``（责任单位：省法制办、省直相关部门）``, ``〔商务厅等省直相关部门〕``,
``[市体育局，各区、县（市）政府，列第一位的为牵头单位，下同]``,
``（海关总署、财政部负责）``, ``（商务部指导，供销合作总社参与）``. The same
brackets also hold explanations (``（试行）``, ``（PPP）``, ``（含）``), so a
bracket counts as a unit list only by its *shape*: where it stands (after a
sentence, or closing one), what its parts end with (the unit suffixes of
:data:`UNIT_SUFFIXES`: 厅/局/委/办/部…), and that no part reads like a clause.
No list of known unit names is needed, so unseen documents work the same way.

Everything here is a pure function of a string; offsets are positions in the
string given. The rules are data, in the tables below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

import msgspec
from msgspec.structs import replace

from luoshi import lazyre as re

# --- rule tables -------------------------------------------------------------

# What a unit name ends with. Single characters cover the many forms of one
# kind of body (厅: 财政厅, 民政厅; 委: 省发展改革委, 团省委, 市纪委市监委);
# longer ones are listed where the last character alone is too weak. ``大``
# is the abbreviation of 大学 (杭师大).
UNIT_SUFFIXES: tuple[str, ...] = (
    "厅", "局", "委", "办", "部", "署", "社", "联", "院", "会", "行", "协", "所", "处",
    "室", "站", "校", "馆", "电视台", "队", "组", "团", "军",
    "政府", "部门", "单位", "机构", "机关", "集团", "中心", "公司", "大学", "学院", "大",
    "海关", "党委", "党组", "街道", "乡镇", "管委会", "总社", "法院", "检察院",
    "开发区", "高新区", "新区", "专班",
    # A county's industrial parks are listed as units beside its departments
    # (``责任单位：新材料产业园、食品产业园、商贸物流园``); not the bare ``园`` (公园, 校园).
    "园区", "产业园", "工业园", "物流园",
    # a district's zones beside its departments (``配合单位：经开区、高新园（邹区镇）、各街道``,
    # a 民生实事 分解表, tasks8 round): 经开区 is 经济开发区, 高新园 高新技术产业园
    "经开区", "高新园",
)  # fmt: skip

# A list part that is only one of these words is not a unit on its own.
BARE_WORDS: frozenset[str] = frozenset((
    "部门", "单位", "机构", "机关", "政府", "人民政府", "有关", "相关", "各", "等", "学校", "高校",
    "医院", "企业", "银行", "协会", "中心", "集团", "公司", "社会组织",
))  # fmt: skip

# Parts containing one of these read as a clause, not a name: a bracket with
# such a part is an explanation (``（技工院校内由人力资源社会保障行政部门负责）``).
# (``以上`` is not one: 县级以上地方人民政府 is a unit.)
CLAUSE_MARKERS: tuple[str, ...] = (
    "由", "的", "要", "将", "把", "向", "应当", "不得", "不需", "不再", "除外", "简称", "统称",
    "见附件", "包括", "含", "《", "》", "“", "”", "http",
    # a label's colon left inside a part (``（完成时限：）省发展改革委``): no name holds one
    "：", ":",
)  # fmt: skip

# A time part inside a list (``（省政府督查室牵头，…配合，2017年底前完成）``)
# is skipped, not read as a unit, and does not make the bracket a clause.
TIME_PART_RE = re.compile(
    r"^(?:(?:19|20)\d{2}年.*|.*(?:底前|月前|日前|年前|以前|之前)(?:完成|实现|出台|落实)?|"
    r"(?:年内|今年内|本年内|全年|年底前|逐年|长期|持续)(?:持续)?(?:推进|实施|开展|完成|落实|坚持)?)$"
)

# A two-character unit name starts with a level or organisation word (市委, 省委, 团委).
SHORT_NAME_HEADS = frozenset("省市县区州旗镇乡团党军")

# Longest plausible unit name; longer parts are clauses.
MAX_UNIT_LEN = 26

# Labels that introduce units inside a bracket, and those that make them leads.
UNIT_LABELS: tuple[str, ...] = (
    "牵头单位", "牵头部门", "责任单位", "责任部门", "负责单位", "负责部门", "主责单位",
    "主责部门", "配合单位", "配合部门", "参与单位", "参加单位", "协办单位", "主办单位",
    "承办单位", "实施单位", "实施部门", "责任主体", "实施主体", "落实单位", "指导单位",
    "指导部门", "协同单位", "协作单位",
    # ``牵头责任单位：X。协同责任单位：Y。`` (a 责任单位 label with its role before it) and
    # ``部门分工：X牵头，Y配合。`` (the departments' share of an item, its roles in role words).
    "牵头责任单位", "协同责任单位", "配合责任单位", "部门分工",
    # ``主要责任单位：X；其他责任单位：Y`` (a 分解 item's main and other units; neither leads)
    "其他责任单位", "其他责任部门",
)  # fmt: skip
# ``主要责任单位：`` is a 责任单位 label too.
MAIN_LABEL_RE = re.compile(r"主要(?=(?:责任单位|责任部门)[：:])")
# ``牵头单位为X，配合单位为Y``: a label written with 为 for its colon.
LABEL_WEI_RE = re.compile(r"^(" + "|".join(sorted(UNIT_LABELS, key=len, reverse=True)) + r")为")
# Where a second label starts inside a run written without ``；`` between labels.
# Not inside a longer label: 责任单位 of 牵头责任单位 starts no label of its own.
LABEL_START_RE = re.compile(
    r"(?<=[^；;。\s])(?<!牵头)(?<!协同)(?<!配合)(?<!其他)(?=(?:" + "|".join(UNIT_LABELS) + r")(?:[：:]|为))"
)
# Labels of an item's other fields that follow its unit labels in one bracket (``牵头单位：X
# 责任单位：Y 完成时限：2023年底``, the fields parted by spaces only, which the reading drops):
# where one starts, the last unit label's names end.
FIELD_LABELS: tuple[str, ...] = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "进度安排")
FIELD_LABEL_START_RE = re.compile(r"(?<=[^；;。])(?=(?:" + "|".join(FIELD_LABELS) + r")[：:])")
LEAD_LABELS: frozenset[str] = frozenset({"牵头单位", "牵头部门", "主责单位", "主责部门", "牵头责任单位", "主办单位"})
# A label on its own names no unit (``【牵头单位】市发展改革委``: the bracket holds the label, not a
# list of one unit called 牵头单位).
BARE_WORDS = BARE_WORDS | frozenset(UNIT_LABELS)

# ``X：…`` clauses with any other label (适用范围, 完成时限) carry no units.
LABEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,6})[：:]")

# Role words that close a group of units: ``A、B负责``, ``A牵头``, ``A指导，B参与``.
# Order matters: longest first. The flag says whether the group leads.
ROLE_SUFFIXES: tuple[tuple[str, bool], ...] = (
    # ``市发展改革委为牵头单位，市财政局为配合单位``: the label after the names, written with 为.
    ("为牵头单位", True),
    ("为牵头部门", True),
    ("为责任单位", False),
    ("为配合单位", False),
    ("为配合部门", False),
    ("为参与单位", False),
    ("按照职责分工负责", False),
    ("根据职责分工负责", False),
    ("依据职责分工负责", False),
    ("依职责分工负责", False),
    ("按职责分工负责", False),
    ("按职能分工负责", False),
    ("按职责负责", False),
    ("依职责负责", False),
    ("按职责分工落实", False),
    ("分工负责", False),
    ("牵头负责", True),
    ("牵头督导", True),
    ("牵头落实", True),
    ("牵头实施", True),
    ("共同负责", False),
    ("分别负责", False),
    ("负总责", False),
    ("负责落实", False),
    ("负责实施", False),
    # ``各区政府负责具体实施``, ``负责组织实施``: how the group carries the item out
    ("负责具体实施", False),
    ("负责具体落实", False),
    ("负责组织实施", False),
    ("负责", False),
    ("牵头", True),
    # ``（省财政厅主办，省国税局、地税局协办）``: the 主办 unit handles the item, the 协办 ones assist
    # (the role words of 主办单位 / 协办单位).
    ("主办", True),
    ("协办", False),
    ("指导", False),
    ("参与", False),
    ("配合", False),
    ("协助", False),
    ("协同", False),
    ("落实", False),
)

# The role words of a leading group (``X牵头``, ``X牵头负责``).
LEAD_ROLE_WORDS = frozenset(word for word, leads in ROLE_SUFFIXES if leads and "为" not in word)

# A unit marked as lead right after its name: ``责任单位：市发展改革委（牵头）、市财政局``.
# Any bracket shape: ``市发展改革委〔牵头〕``, ``市发展改革委【牵头】``.
INLINE_LEAD_RE = re.compile(r"^(.+?)[（(〔\[［【](?:牵头|牵头单位|牵头部门)[）)〕\]］】]$")
# How a group does its part, between its names and the role word: ``按职责落实``,
# ``根据职能分工配合``. ROLE_SUFFIXES lists the usual whole phrases; this takes the rest.
ROLE_MANNER_RE = re.compile(r"(?:按照|按|根据|依据|依照|依)(?:各自)?(?:职责|职能)(?:分工)?$")
# An adverb between the names and the role word (``A、B分别负责落实``, ``A具体负责``): how the
# group does its part, not a piece of the last name.
ROLE_ADVERBS: tuple[str, ...] = ("分别", "共同", "具体", "统一", "各自")

# Notes that are not units. Each is a regex over the bracket's content.
# ``first`` / ``before_comma`` notes set a lead rule; ``下同`` makes it stick.
_FIRST_LEAD = (
    r"(?:列|排|排列|名列|排名)?(?:在)?(?:第一位|第一个|首位|第一)(?:者|的)?(?:部门|单位)?"
    # ``为牵头单位``; a 政府工作报告 分解 says who also gathers the figures: ``为牵头或汇总单位``,
    # ``为工作牵头单位或汇总单位`` (the first unit leads either way).
    r"(?:为|是)(?:工作)?牵头(?:(?:单位|部门)?(?:或|和|、)汇总(?:单位|部门)|单位|部门)"
)
_BEFORE_COMMA_LEAD = r"逗号前(?:的)?(?:部门|单位)?(?:为|是)牵头(?:单位|部门)"
# ``无牵头单位的，责任单位即为牵头单位，下同`` (a 分解 notice's word on its lists): every unit of
# a list that names no 牵头单位 leads it (guide: lead_units are the units the text marks as leading).
_UNMARKED_ALL_LEAD = r"无牵头(?:单位|部门)的?[，,、]?\s*(?:其)?责任(?:单位|部门)即?(?:为|是)牵头(?:单位|部门)"
NOTE_UNMARKED_ALL_LEAD_RE = re.compile(_UNMARKED_ALL_LEAD + r"(?:[，,、]?\s*下同)?")
NOTE_FIRST_LEAD_RE = re.compile(_FIRST_LEAD + r"(?:[，,、]?\s*下同)?")
# ``标★的为牵头单位`` (a legend for the star beside a name): the starred units lead. Without such a
# legend a star names no lead (the guide names leads by what the text says).
STAR_MARKS = "★☆"
_STAR_LEAD = r"(?:标|带|注|有|加|标注|标有)?[★☆](?:号|标记|符号)?(?:的|者)?(?:为|是)牵头(?:单位|部门)"
NOTE_STAR_LEAD_RE = re.compile(_STAR_LEAD + r"(?:[，,、]?\s*下同)?")
NOTE_BEFORE_COMMA_LEAD_RE = re.compile(_BEFORE_COMMA_LEAD + r"(?:[，,、]?\s*下同)?")
# How a note says the units it names are not listed again item by item (``不再一一列出``,
# ``不再逐一列出``: both wordings in published 分工方案).
_NOT_AGAIN = r"(?:单独|另行|一一|逐一|逐项)?列出"
NOTE_OTHER_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"牵头(?:单位|部门)见附件(?:[，,]?\s*下同)?"),
    re.compile(r"以下[^。；）均]{0,8}均(?:[^。；（）]|（[^（）]*）)*?不再" + _NOT_AGAIN),
    # ``具体任务均涉及相关市（州）人民政府，不再做分工，下同``: the same note in other words.
    re.compile(r"[^，。；]*(?:均|都)涉及[^。；]*?不再(?:做|作|进行|另行)?(?:分工|列出)"),
    re.compile(r"[^，。；]*见附件[^，。；]*"),
    re.compile(r"下同"),
)
# The literal each of NOTE_OTHER_RES needs: a content without it is not searched for that note.
NOTE_OTHER_LITERALS: tuple[str, ...] = ("见附件", "列出", "不再", "见附件", "下同")

# A note that assigns units to every later item (guide: ``以下均需各市（州）人民政府落实，不再列出``
# adds them to the end of every later task's units): group 1 is the unit list.
LATER_UNITS_NOTE_RE = re.compile(
    r"以下[^。；，,均]{0,8}均(?:需|由|请|要)?([^。；，,]{2,80}?)(?:负责)?落实[，,]?\s*(?:不再|不另)" + _NOT_AGAIN
)
# The same note as ``具体任务均涉及X，不再做分工，下同`` (下同: it holds for every later list).
LATER_UNITS_INVOLVED_RE = re.compile(
    r"(?:均|都)涉及([^。；，,]{2,80}?)[，,]\s*不再(?:做|作|进行|另行)?(?:分工|列出)[，,]?\s*下同"
)
LATER_UNITS_NOTE_RES: tuple[re.Pattern[str], ...] = (LATER_UNITS_NOTE_RE, LATER_UNITS_INVOLVED_RE)
# What every such note says (a substring test before the patterns are searched).
LATER_UNITS_LITERALS: tuple[str, str] = ("列出", "不再")

# Connectors inside one part that separate units when both sides are units.
# ``和``/``及``/``与`` need both sides to look like units (工业和信息化部 is one).
_CONNECTORS_RE = re.compile(r"会同|等和|等及|和|及|与")

# A bare administrative level (各市（州）, 县（市、区）, 各区, 自治区): in
# ``各市（州）、县（市、区）人民政府`` it belongs to the group named by what follows.
LEVEL_RE = re.compile(
    r"^(?:各|相关|有关)?(?:省|市|县|区|州|盟|旗|乡|镇|村|地|自治区|自治州|自治县|直辖市|地区|区县|县区|市县|"
    r"市州|乡镇|街道|开发区|新区)(?:（[^（）]*）)?$"
)

# A name that starts with a level word, so bare levels before it belong to it.
LEVEL_HEAD_RE = re.compile(r"^各?(?:省|市|县|区|州|盟|旗|乡|镇|自治区|自治州|自治县|直辖市|地区|开发区|新区)")

# Brackets a list can be written in, with their closing partner.
BRACKETS: dict[str, str] = {"（": "）", "(": ")", "〔": "〕", "[": "]", "［": "］", "【": "】"}

# Punctuation after which a bracket starts a new element (a trailing list).
SENTENCE_END = "。；！？.;!?"
# A marked list may also close a clause inside a sentence.
CLAUSE_END = "，,"


class LeadRule(StrEnum):
    """How a note says the leads of a list are marked."""

    FIRST = "first"  # 列第一位者为牵头单位
    BEFORE_COMMA = "before_comma"  # 逗号前为牵头单位
    UNMARKED_ALL = "unmarked_all"  # 无牵头单位的，责任单位即为牵头单位: a list naming no lead leads whole
    STARRED = "starred"  # 标★的为牵头单位: the units marked with a star lead


class ParsedUnits(msgspec.Struct, frozen=True):
    """What one bracket's content says."""

    units: tuple[str, ...]
    lead_units: tuple[str, ...]  # units the list itself marks as leading (牵头)
    before_comma: tuple[str, ...]  # units before the content's first top-level ``，``
    lead_rule: LeadRule | None = None  # a note in this list sets a lead rule
    lead_rule_sticky: bool = False  # the note says 下同: the rule holds for later lists
    labelled: bool = False  # a 责任单位：-style label or a role word marked it
    starred: tuple[str, ...] = ()  # units written with a star beside them (``市发改委★``)


#: What reads a list's content: :func:`parse_units`, or a per-document cache of it.
Parse = Callable[[str], "ParsedUnits | None"]


class UnitList(msgspec.Struct, frozen=True):
    """A unit list found in a text: ``start``/``end`` cover its brackets."""

    start: int
    end: int
    parsed: ParsedUnits
    # the rule that found it: ``marked-bracket`` (a label or role word), ``bare-bracket``, ``label-run``
    form: str = "bare-bracket"

    @property
    def units(self) -> tuple[str, ...]:
        return self.parsed.units


# --- splitting ------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")


_SPLIT_OPENERS = "（([［【〔"
_SPLIT_CLOSERS = "）)]］】〕"
_SPLIT_MARKS: dict[str, re.Pattern[str]] = {}  # by ``seps``: the brackets and the separators, one class


def split_top(text: str, seps: str) -> list[str]:
    """Split at any char of ``seps`` that is not inside brackets (``各县（市、区）`` is one part).

    The one home for cutting a unit list into its top-level names: the list parser and
    the table reader's wrap-gluing (``tasks._wraps_glued``) both go by it."""
    marks = _SPLIT_MARKS.get(seps)
    if marks is None:
        marks = _SPLIT_MARKS[seps] = re.compile("[" + re.escape(_SPLIT_OPENERS + _SPLIT_CLOSERS + seps) + "]")
    # Only brackets and separators matter: visit those, cut the text between them.
    parts: list[str] = []
    depth = 0
    begin = 0
    for m in marks.finditer(text):
        ch = m.group()
        if ch in _SPLIT_OPENERS:
            depth += 1
        elif ch in _SPLIT_CLOSERS:
            if depth:
                depth -= 1
        elif depth == 0:
            parts.append(text[begin : m.start()])
            begin = m.end()
    parts.append(text[begin:])
    return parts


def is_unit_like(name: str) -> bool:
    """True when ``name`` has the shape of a unit name (ends with a unit suffix)."""
    if not name or name in BARE_WORDS or len(name) > MAX_UNIT_LEN or len(name) < 2:
        return False
    if _is_clause(name):
        return False
    if len(name) == 2 and name[0] not in SHORT_NAME_HEADS:
        return False  # 试行, 银行: two characters name a unit only as 市委, 省委, 团委
    if name.endswith(UNIT_SUFFIXES):
        return True
    return name[-1] in _TAIL_CLOSERS and _bracket_tail_unit(name)


_TAIL_CLOSERS = frozenset("）)")
_DRAFT_WORDS = frozenset({"试行", "暂行", "草案", "征求意见稿", "送审稿", "筹"})
# A name with the units it stands for beside it in a closing bracket: ``各街道（园区）``,
# ``各城区（开发区）``, ``各县、区人民政府（管委会）`` (one unit, as ``各县（市、区）人民政府`` is).
# One character in the bracket names a kind of place (``各乡镇（场）``, ``各镇（区）``: the farms or
# districts counted with the towns), which only a group of places takes.
_BRACKET_TAIL_RE = re.compile(r"^([^（(）)]{2,}?)[（(]([^（(）)]+)[）)]$")
_ONE_CHAR_PLACES = frozenset("场区县市镇乡街园")


def _bracket_tail_unit(name: str) -> bool:
    m = _BRACKET_TAIL_RE.match(name)
    if m is None:
        return False
    head, inner = m.groups()
    if inner in _DRAFT_WORDS:
        return False  # ``（试行）``, ``（草案）``: a document's status, not units
    group = LEVEL_HEAD_RE.match(head) is not None or _GROUP_HEAD_RE.match(head) is not None
    if len(inner) == 1:
        return inner in _ONE_CHAR_PLACES and head.startswith("各") and group
    if is_unit_like(head):
        return True
    return group and (is_unit_like(inner) or LEVEL_RE.match(inner) is not None)


# ``各城区``, ``各县市区``: every government of a kind of place, before the bracket that adds others.
_GROUP_HEAD_RE = re.compile(r"^各[\u4e00-\u9fff]{0,3}(?:区|县|市|州|旗|镇|乡)$")


def note_units(content: str, parse: Parse) -> tuple[str, ...]:
    """The units a later-units note (``以下均需X落实，不再列出``) names in ``X``, or ().

    A list as any bracket holds one; or places named as a group with no unit suffix
    (``各县市区``, ``各县（市、区）``): the note says they are the units every later item
    leaves out, which a bare bracket's ``各县市区`` does not say."""
    parsed = parse(content)
    if parsed is not None:
        return parsed.units
    parts = [p for p in split_top(content, "、，,") if p]
    if parts and all(_names_units(p) for p in parts):
        return tuple(parts)
    return ()


def _names_units(name: str) -> bool:
    """A unit's name, a level of government (``各县（市、区）``) or a group of places (``各县市区``)."""
    return is_unit_like(name) or LEVEL_RE.match(name) is not None or _GROUP_HEAD_RE.match(name) is not None


# Any clause marker or a digit, as one search (the same test as a ``in`` per marker).
_CLAUSE_MARK_RE = re.compile("|".join(re.escape(m) for m in CLAUSE_MARKERS) + r"|\d")
_ROLE_WORDS = tuple(word for word, _ in ROLE_SUFFIXES)


def _is_clause(part: str) -> bool:
    return _CLAUSE_MARK_RE.search(part) is not None


_PAREN_RE = re.compile("[" + re.escape("".join(BRACKETS) + "".join(BRACKETS.values())) + "]")


def _unbalanced(name: str) -> bool:
    """A name with a bracket left open or closed twice (``（，省发展改革委``, ``〔，省财政厅``): a
    list cut inside a bracket, not a unit (``各县（市、区）人民政府`` balances)."""
    if _PAREN_RE.search(name) is None:
        return False  # most names: no bracket at all
    depth: dict[str, int] = {}
    for ch in name:
        family = BRACKET_FAMILY.get(ch)
        if family is not None:
            depth[family] = depth.get(family, 0) + (1 if ch in BRACKETS else -1)
    return any(depth.values())


def _strip_role(part: str) -> tuple[str, str | None, bool]:
    """Remove a trailing role word: ``海关总署负责`` → (海关总署, 负责, False)."""
    if not part.endswith(_ROLE_WORDS):
        return part, None, False  # most parts: no role word at all
    for word, leads in ROLE_SUFFIXES:
        if part.endswith(word) and len(part) > len(word):
            rest = part[: -len(word)]
            manner = ROLE_MANNER_RE.search(rest) if "职" in rest else None
            if manner and manner.start() > 0:
                return rest[: manner.start()], rest[manner.start() :] + word, leads
            if rest.endswith(ROLE_ADVERBS) and len(rest) > 2:
                return rest[:-2], rest[-2:] + word, leads
            if rest.endswith(_ROLE_WORDS):  # two role words (``配合指导``, ``指导协助``): both the group's
                inner, inner_role, inner_leads = _strip_role(rest)
                if inner_role:
                    return inner, inner_role + word, leads or inner_leads
            return rest, word, leads
    return part, None, False


def _split_connectors(part: str) -> list[str]:
    """``X等Y`` → [X, Y] (Y dropped when bare 部门/单位); ``X和Y`` → [X, Y] when both are units."""
    out: list[str] = []
    rest = part
    while True:
        m = None
        for cand in _CONNECTORS_RE.finditer(rest):
            left, right = rest[: cand.start()], rest[cand.end() :]
            left = left[:-1] if left.endswith("等") else left
            if cand.group(0) == "会同" or (is_unit_like(left) and _unit_or_level_start(right)):
                m = cand
                break
        if m is None:
            break
        left = rest[: m.start()]
        out.extend(_split_deng(left))
        rest = rest[m.end() :]
    out.extend(_split_deng(rest))
    return [p for p in out if p]


def _unit_or_level_start(right: str) -> bool:
    """The text after a connector starts a unit (or a group of units)."""
    first = split_top(right, "、，,")[0]
    first = _split_deng(first)[0] if first else first
    return is_unit_like(first) or is_unit_like(right)


def _split_deng(part: str) -> list[str]:
    """``商务厅等省直相关部门`` → [商务厅, 省直相关部门]; ``人民银行等部门`` → [人民银行]."""
    part = part.strip()
    while part.endswith("等") and len(part) > 1:
        part = part[:-1]
    idx = part.find("等")
    while idx > 0:
        left, right = part[:idx], part[idx + 1 :]
        if is_unit_like(left):
            if right in BARE_WORDS or not right:
                return [left]
            return [left, *_split_deng(right)]
        idx = part.find("等", idx + 1)
    return [part]


# Place names that share the government named after them: ``哈尔滨、黑河、绥芬河市政府`` names three
# city governments at once, written as one group (like a group of levels); the bare names are
# no units of their own.
SHARED_GOVERNMENT_RE = re.compile(r"^[\u4e00-\u9fff]{2,5}(?:市|县|区|州|盟|旗)(?:人民)?政府$")
PLACE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def _merge_shared_heads(parts: list[str]) -> list[str]:
    """Join bare place names to the ``X市政府`` part after them (see SHARED_GOVERNMENT_RE)."""
    out: list[str] = []
    pending: list[str] = []
    for p in parts:
        if PLACE_NAME_RE.match(p) and not p.endswith(UNIT_SUFFIXES) and not LEVEL_RE.match(p):
            pending.append(p)
            continue
        if pending and SHARED_GOVERNMENT_RE.match(_strip_role(p)[0]):
            p = "、".join([*pending, p])
        else:
            out.extend(pending)
        pending = []
        out.append(p)
    out.extend(pending)
    return out


# ``县直各部门``, ``区直有关单位``, ``市直各单位``: the departments directly under one level, a
# group of its own, not a level that the bare levels before it share (``各乡镇、县直各部门`` are
# two units, as ``各地区、各有关部门`` are).
DIRECT_GROUP_RE = re.compile(r"^(?:省|市|县|区|州|盟|旗)直")


def _merge_levels(parts: list[str]) -> list[str]:
    """Join ``各市（州）`` + ``县（市、区）人民政府`` into one group-of-levels unit.

    Bare levels join the part after them only when that part also starts with
    a level (``县（市、区）人民政府``, ``直辖市人民政府``); before another kind of
    name (``各地区、各有关部门``) they stay units of their own.
    """
    out: list[str] = []
    pending: list[str] = []
    for p in parts:
        if LEVEL_RE.match(p):
            pending.append(p)
            continue
        if (
            pending
            and LEVEL_HEAD_RE.match(p)
            and not DIRECT_GROUP_RE.match(p)
            and _level_rank(pending[-1]) <= _level_rank(p)
        ):
            p = "、".join([*pending, p])
        else:
            out.extend(pending)
        pending = []
        out.append(p)
    out.extend(pending)  # a trailing bare level stays as written
    return out


def _level_rank(part: str) -> int:
    """How low the level a part starts with stands (1 省 … 4 乡镇街道); 0 when it names none.
    A group of levels names them from the higher down (``各市（州）、县（市、区）人民政府``,
    ``区、镇人民政府``): ``各街道、市国有公司`` is two units."""
    m = _LEVEL_WORD_RE.match(part)
    return _LEVEL_RANKS.get(m.group(1), 0) if m else 0


#: The level words in the order a group of levels names them (higher first).
_LEVEL_RANKS: dict[str, int] = {
    **dict.fromkeys(("省", "自治区", "直辖市"), 1),
    **dict.fromkeys(("市", "州", "盟", "地区", "市州"), 2),
    **dict.fromkeys(("县", "区", "旗", "自治州", "自治县", "区县", "县区", "市县", "开发区", "新区"), 3),
    **dict.fromkeys(("乡", "镇", "乡镇", "街道", "村"), 4),
}
_LEVEL_WORD_RE = re.compile(
    r"^(?:各|相关|有关)?(自治区|自治州|自治县|直辖市|地区|区县|县区|市县|市州|乡镇|街道|开发区|新区|[省市县区州盟旗乡镇村])"
)


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """The non-empty items, each once, in their first order."""
    return tuple(dict.fromkeys(filter(None, items)))  # (filter keeps what is truthy, in C)


# A note in brackets after the list's last unit: ``市税务局（列第一位者为工作牵头单位或汇总单位，下同）``,
# ``市卫生健康委（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）``.
_TRAILING_BRACKET_RE = re.compile(r"[（(]([^（）()]*)[）)]$")
# What such a bracket may hold besides its notes: separators and the exception the note makes
# (``除标注“分别牵头”外``: those lists mark their leads themselves, which the list reading keeps).
_NOTE_LEFTOVER_RE = re.compile(r"[，,、；;\s]*(?:除[^，,；;]{1,20}外[，,]?)?[，,、；;\s]*")


def _strip_notes(content: str) -> tuple[str, LeadRule | None, bool]:
    """Remove notes (``列第一位者为牵头单位，下同``) and report the lead rule they set.

    A bracket after the last unit that holds only notes goes as a whole: left in place, what
    the notes leave of it (``（除标注“分别牵头”外，）``) would read as part of the last name.
    """
    if content.endswith(("）", ")")) and ("牵头" in content or "下同" in content):
        m = _TRAILING_BRACKET_RE.search(content)
        if m is not None:
            inner, rule, sticky = _strip_note_text(m.group(1))
            if inner != m.group(1) and _NOTE_LEFTOVER_RE.fullmatch(inner):
                rest, rest_rule, rest_sticky = _strip_note_text(content[: m.start()])
                return rest, rest_rule or rule, rest_sticky or sticky
    return _strip_note_text(content)


def _strip_note_text(content: str) -> tuple[str, LeadRule | None, bool]:
    """:func:`_strip_notes` of a text whose notes stand outside brackets of their own."""
    given = content
    rule: LeadRule | None = None
    sticky = False
    lead_note = "牵头" in content  # both lead notes end 为牵头单位/部门
    m = NOTE_FIRST_LEAD_RE.search(content) if lead_note else None
    if m:
        rule, sticky = LeadRule.FIRST, "下同" in m.group(0)
        content = content[: m.start()] + "，" + content[m.end() :]
    m = NOTE_BEFORE_COMMA_LEAD_RE.search(content) if lead_note else None
    if m:
        rule, sticky = LeadRule.BEFORE_COMMA, "下同" in m.group(0)
        content = content[: m.start()] + "；" + content[m.end() :]
    m = NOTE_UNMARKED_ALL_LEAD_RE.search(content) if lead_note else None
    if m:
        rule, sticky = LeadRule.UNMARKED_ALL, "下同" in m.group(0)
        content = content[: m.start()] + "，" + content[m.end() :]
    m = NOTE_STAR_LEAD_RE.search(content) if lead_note else None
    if m:
        rule, sticky = LeadRule.STARRED, "下同" in m.group(0)
        content = content[: m.start()] + "，" + content[m.end() :]
    for rx, literal in zip(NOTE_OTHER_RES, NOTE_OTHER_LITERALS, strict=True):
        if literal in content:
            content = rx.sub("，", content)
    if content != given:
        content = _EMPTIED_BRACKET_RE.sub("，", content)  # ``（下同）``: the note's own bracket goes with it
    return content, rule, sticky


# A bracket a removed note leaves holding only separators (``（，）``).
_EMPTIED_BRACKET_RE = re.compile(r"[（(][，,、；;\s]*[）)]")


# The last characters of the unit suffixes: a list names at least one unit, whose last
# character is one of these, so a content without any of them is no list (most brackets:
# ``（试行）``, ``（2023年）``, ``（一）``) and is refused before it is split.
UNIT_END_CHARS: frozenset[str] = frozenset(s[-1] for s in UNIT_SUFFIXES)
_UNIT_END_RE = re.compile("[" + re.escape("".join(sorted(UNIT_END_CHARS))) + "]")


def parse_units(content: str) -> ParsedUnits | None:
    """Read a bracket's content as a unit list, or return None when it is not one.

    ``content`` is what stands between the brackets. None means the shape is
    wrong: a part reads like a clause, or too few parts end like unit names.
    """
    if not content or _UNIT_END_RE.search(content) is None:
        return None  # no character a unit name ends with: no part can be unit-like
    return _parse_units(content)


# ``（由市发展改革委负责）``: the 由X负责 form (guide: a task form) written as the item's list.
# Not ``由X牵头…`` (a section's lead phrase, read by the task stage) nor ``负责解释``.
YOU_LIST_RE = re.compile(r"^由([^由]+?负责(?:落实|实施)?)$")


# A 分工 list may name the leaders who answer for the item before its units (湘政发's
# ``（分管副省长、协管副秘书长负责，省发改委牵头，省经信委……按职责分工负责）``): a post-holder
# is a person, no unit, and is left out of the list (a list naming only posts names no units).
# The posts are the government's leading posts (GB/T 9704 分工 lists write them with 分管/协管/常务),
# the level prefix optional; 河长 and the like are left alone (they also name offices).
POST_HOLDER_RE = re.compile(
    r"^(?:分管|协管|联系|包联|主管|常务)?(?:[省市县区州盟旗乡镇]|自治区|自治州)?(?:政府)?(?:常务)?副?"
    r"(?:省长|市长|县长|区长|州长|盟长|旗长|乡长|镇长|主席|秘书长)$"
)


def _parse_units(content: str) -> ParsedUnits | None:
    """:func:`parse_units` without its pre-check (tests hold the pre-check to this)."""
    content = _WS_RE.sub("", content or "")
    if not content:
        return None
    if content[0] == "由" and "牵头" not in content:
        you = YOU_LIST_RE.match(content)
        if you:
            content = you.group(1)
    body, rule, sticky = _strip_notes(content)
    has_star = "★" in body or "☆" in body
    starred: list[str] = []
    has_label = _LABEL_MARK_RE.search(body) is not None  # what LABEL_START_RE and MAIN_LABEL_RE look ahead for
    if has_label:
        body = LABEL_START_RE.sub("；", MAIN_LABEL_RE.sub("", body))  # 牵头单位：X配合单位：Y → two clauses
        body = FIELD_LABEL_START_RE.sub("；", body)  # …市直相关部门完成时限：… → the time is a field of its own
    units: list[str] = []
    leads: list[str] = []
    labelled = False
    n_parts = 0
    n_unit_like = 0
    before_comma: list[str] | None = None
    for clause in split_top(body, "；;。"):
        clause = clause.strip("，,、 ")
        if not clause:
            continue
        clause_leads = False
        clause = LABEL_WEI_RE.sub(r"\1：", clause)
        m = LABEL_RE.match(clause)
        if m:
            label = m.group(1)
            if label not in UNIT_LABELS:
                continue  # 适用范围：…, 完成时限：…
            labelled = True
            clause_leads = label in LEAD_LABELS
            clause = clause[m.end() :]
        elif has_label and not labelled and _lead_in_note(clause):
            continue  # ``（约束性指标，牵头单位：…）``: what the item is, before the labels that name units
        group: list[str] = []  # units since the last role word
        comma_chunks = split_top(clause, "，,")
        for ci, chunk in enumerate(comma_chunks):
            raw_parts = _merge_levels([p for p in split_top(chunk, "、") if p])
            if len(raw_parts) > 1 and "政府" in chunk:
                raw_parts = _merge_shared_heads(raw_parts)
            for raw in raw_parts:
                star = has_star and any(m in raw for m in STAR_MARKS)
                if star:
                    raw = raw.strip(STAR_MARKS)  # a mark beside a name is no part of it
                part, role, role_leads = _strip_role(raw)
                if role:
                    labelled = True
                if TIME_PART_RE.match(part):
                    continue
                inline_lead = INLINE_LEAD_RE.match(part)
                if inline_lead:
                    part = inline_lead.group(1)  # ``市发展改革委（牵头）``: the unit, marked as lead
                    leads.append(part)
                for name in _split_connectors(part):
                    if name[-1] in "长席" and POST_HOLDER_RE.match(name):
                        continue  # 分管副省长: a person, no unit
                    n_parts += 1
                    if _is_clause(name) or len(name) > MAX_UNIT_LEN or name in BARE_WORDS or _unbalanced(name):
                        return None
                    n_unit_like += is_unit_like(name)
                    units.append(name)
                    group.append(name)
                    if clause_leads:
                        leads.append(name)
                    if star:
                        starred.append(name)
                if role:
                    if role_leads:
                        leads.extend(group)
                    group = []
            if ci == 0 and before_comma is None:
                before_comma = list(units)
    if not units or n_unit_like == 0:
        return None
    # Shape: an unmarked bracket needs nearly all parts to look like units;
    # a marked one (label or role word) half of them.
    need = (n_parts + 1) // 2 if labelled else max(1, (2 * n_parts + 2) // 3)
    if n_unit_like < need:
        return None
    return ParsedUnits(
        units=dedupe(units),
        lead_units=dedupe(leads),
        before_comma=dedupe(before_comma or []),
        lead_rule=rule,
        lead_rule_sticky=sticky,
        labelled=labelled,
        starred=dedupe(starred),
    )


def _lead_in_note(clause: str) -> bool:
    """An unlabelled clause before a labelled list's first label that names no unit.

    纲要任务分工方案 open an item's list with what the item is (``约束性指标``,
    ``预期性指标``, ``重大工程``) and then label its units: no part of such a clause is
    unit-like, a place group (``各县市区``) or marked by a role word (``X牵头``)."""
    for part in split_top(clause, "、，,"):
        name, role, _ = _strip_role(part)
        if role or _names_units(name):
            return False
    return True


# --- finding lists in text ---------------------------------------------------------


# Brackets of one shape close each other whatever their width: web copies mix
# ``(区社会事业局、区市场监管局）``. ``〉`` typed for ``）`` (``（区市场监管局〉``) closes
# a round bracket when no ``〈`` is open (then it closes that ``〈``).
BRACKET_FAMILY: dict[str, str] = {
    "（": "round", "(": "round", "）": "round", ")": "round",
    "〔": "tortoise", "〕": "tortoise",
    "[": "square", "［": "square", "]": "square", "］": "square",
    "【": "lenticular", "】": "lenticular",
}  # fmt: skip
MISTYPED_ROUND_CLOSER = "〉"
ANGLE_OPENER = "〈"
_BRACKET_CHAR_RE = re.compile(
    "[" + re.escape("".join(BRACKETS) + "".join(BRACKETS.values()) + MISTYPED_ROUND_CLOSER + ANGLE_OPENER) + "]"
)


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Top-level bracket pairs ``[start, end)`` (end after the closing bracket).

    An unbalanced inner bracket is skipped over: a closer pops back to its own
    opener, and a closer with no opener is ignored.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    angles = 0  # ``〈`` open (inside a title): the next ``〉`` closes one of them
    for m in _BRACKET_CHAR_RE.finditer(text):
        ch, i = m.group(0), m.start()
        if ch == ANGLE_OPENER:
            angles += 1
            continue
        if ch in BRACKETS:
            stack.append((BRACKET_FAMILY[ch], i))
            continue
        if ch == MISTYPED_ROUND_CLOSER:
            if angles:
                angles -= 1
                continue
            family = "round"
        else:
            family = BRACKET_FAMILY[ch]
        if not any(op == family for op, _ in stack):
            continue
        while stack[-1][0] != family:
            stack.pop()
        _, start = stack.pop()
        if not stack:
            spans.append((start, i + 1))
    return spans


# ``联系电话：68724690（海口市水务局水保科）``: a contact line names a unit, not an owner.
_CONTACT_RE = re.compile(r"(?:联系人|联系电话|电话|传真|邮箱|地址|网址)[：:][^。；]*$")
CONTACT_WINDOW = 60  # characters before a bracket searched for a contact label


def _well_placed(text: str, start: int, end: int, labelled: bool) -> bool:
    """Where a unit list may stand.

    A list follows a sentence end (``…发展。（X）``). A marked list (a label or
    a role word: ``（X负责）``) may also close the sentence it follows
    (``…机制（X负责）。``) or a clause (``…机制（X负责），…``); an unmarked bracket attached to a word is an
    apposition (``培训机构（学校）``). A bracket that opens a paragraph and is
    followed by text is a heading (``第六条【搭建业务撮合平台】``) unless marked.
    """
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    closes = j == len(text) or text[j] in SENTENCE_END
    if i < 0:
        return labelled or closes
    if text[i] in SENTENCE_END:
        return True
    if not labelled or text[i] in "：:" or _CONTACT_RE.search(text, max(0, i + 1 - CONTACT_WINDOW), i + 1):
        return False
    return closes or text[j] in CLAUSE_END  # …机制（X负责），完善…


# An unbracketed labelled run (``…机制。责任单位：省发展改革委、省财政厅``)
# starts a sentence; it runs to the sentence's or the paragraph's end.
# A 分解 item names the leader who answers for it before its units (``牵头领导：王某某 牵头单位：X
# 配合单位：Y``, the spaces dropped by the cleaner): a person is no unit, but the run of labels
# starts with that label, and the list reading skips its clause (a label that names no units).
LEADER_LABELS: tuple[str, ...] = (
    "牵头领导", "责任领导", "分管领导", "联系领导", "包联领导", "牵头县领导", "牵头市领导", "牵头区领导",
    "县级牵头领导", "市级牵头领导", "区级牵头领导",
    # ``牵头负责领导：金力。`` (a 市政府重点工作及责任分解 before its 牵头责任单位 line)
    "牵头负责领导", "负责领导",
)  # fmt: skip
# A line that names only the item's leader (``牵头领导：常务副区长``, a line of a 分解 list above
# its 牵头单位 line): no unit list, and no part of the item's text either. It ends its
# paragraph, which it may share with the item's sentence (the cleaner joins short lines).
# LEADER_LINE_MAX_NAME: a person's name or post (``王某某``, ``常务副区长``, two leaders
# ``张某某、李某某``); calibrated on real 分解 lists, whose leader lines hold 2–12 characters.
LEADER_LINE_MAX_NAME = 20
LEADER_LINE_RE = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:"
    + "|".join(LEADER_LABELS)
    + r")[：:][^。；;：:]{1,"
    + str(LEADER_LINE_MAX_NAME)
    + r"}[。；;]?\s*$"  # the line may close with a full stop, as its labelled unit lines below do
)
LABEL_RUN_RE = re.compile(
    r"(?:^|(?<=[。；！？]))\s*(?=(?:主要)?(?:" + "|".join(UNIT_LABELS + LEADER_LABELS) + r")[：:])"
)
LABEL_AT_RE = re.compile(r"(?:主要)?(?:" + "|".join(UNIT_LABELS) + r")[：:]")
# LABEL_AT_RE is also what every such run contains: one search of it (a fast literal search)
# tells whether LABEL_RUN_RE, which tries every position, can match at all.
# The same with 为 for its colon (``牵头单位为X``), what LABEL_START_RE looks ahead for.
_LABEL_MARK_RE = re.compile("(?:" + "|".join(UNIT_LABELS) + r")(?:[：:]|为)")
# Every label ends with one of these words, and LABEL_AT_RE needs a colon right after it: a
# substring test and this short pattern settle most texts before the 24-way alternation
# (which tries every label at each 责/实/主… of the text) is searched.
LABEL_TAIL_WORDS: tuple[str, ...] = ("单位", "部门", "主体", "分工")
_LABEL_TAIL_RE = re.compile("(?:" + "|".join(LABEL_TAIL_WORDS) + ")[：:]")


def _may_hold_label(text: str) -> bool:
    """False when ``text`` cannot hold a LABEL_AT_RE match (no label's last word before a colon)."""
    if "：" not in text and ":" not in text:
        return False
    return _LABEL_TAIL_RE.search(text) is not None


# ``由X负责…`` attached to an item (guide: a task form; read strictly, it must say 负责):
# ``设施应当由区、镇人民政府和街道办事处负责建设``, ``本办法由X负责解释`` (the guide's form covers the
# interpretation clause of a numbered article too; the held-out annotation counts it). Between the
# name and 负责 an adverb may stand (``由市法规处具体负责``, ``统一负责``, ``牵头负责``: the unit then
# leads). The name may hold a bracket (``由法规（科）处负责``, ``由各县（市、区）人民政府负责``).
# Not ``由X负责牵头`` (the document's lead phrase, read by the task stage), nor ``由X负责人签字``
# (负责人, 负责同志: a person of the unit, not the unit's duty), nor ``由X负责的第1件`` (a relative
# clause: 的 makes the phrase name the things X answers for, as a 督查 notice lists late items;
# it assigns nothing).
_DUTY_CHAR = r"[^，。；：、（）()《》“”]"
_DUTY_NAME = rf"(?:{_DUTY_CHAR}|[（(][^（）()，。；]{{1,10}}[）)]){{1,30}}?"
DUTY_ADVERBS: tuple[str, ...] = (
    "具体", "统一", "牵头", "共同", "分别", "全面", "直接", "主要", "分级", "各自", "依法", "按规定",
    "按职责", "按照职责", "依职责",
)  # fmt: skip
LEADING_ADVERBS = frozenset({"牵头"})  # ``由X牵头负责``: X leads (guide: ``X牵头``)
YOU_FUZE_RE = re.compile(rf"由({_DUTY_NAME}(?:、{_DUTY_NAME})*?)({'|'.join(DUTY_ADVERBS)})?负责(?!牵头|人|同志|的)")
# A bracket that holds a duty phrase with a scope before it (``（技工院校内由X负责）``): the
# phrase closes the bracket, and the scope is a short phrase with no clause punctuation.
DUTY_BRACKET_SCOPE_RE = re.compile(r"^[^，。；：、（）()由]{0,12}$")
# A qualifier before the unit: ``由其户籍所在地的区级民政部门负责`` → 区级民政部门 (the part after
# the last ``的`` when it reads as a unit).
QUALIFIER_MARK = "的"
# Names a duty phrase may end with beyond UNIT_SUFFIXES: ``由区级残联组织负责``, ``由基层党组织负责``.
# Only here, where 由…负责 marks the name: in a bare bracket ``（农村集体经济组织）`` is an explanation.
DUTY_EXTRA_SUFFIXES: tuple[str, ...] = ("组织",)


class DutyReason(StrEnum):
    """Why a ``由…负责`` phrase gave no units (``luoshi parse --explain`` prints it)."""

    INSIDE_BRACKET = "inside-a-bracket-that-is-not-its-own"  # ``（含由X负责的…）``: an explanation
    NOT_UNITS = "name-does-not-read-as-units"  # ``由个人负责``, ``由申请人负责``
    ITEM_HAS_LIST = "item-has-its-own-unit-list"  # the item's list names its units


class DutyPhrase(msgspec.Struct, frozen=True):
    """A ``由…负责`` phrase: the units it gives (``found``), or why it gives none (``reason``)."""

    start: int
    end: int
    text: str
    found: UnitList | None
    reason: DutyReason | None


def _duty_name(name: str, parse: Parse) -> ParsedUnits | None:
    """The units a duty phrase's name gives, or None."""
    parsed = parse(name)
    if parsed is None and QUALIFIER_MARK in name:
        head = name.rsplit(QUALIFIER_MARK, 1)[1]
        if len(head) >= 2:
            name = head
            parsed = parse(name)
    if (
        parsed is None
        and name.endswith(DUTY_EXTRA_SUFFIXES)
        and name not in BARE_WORDS
        and len(name) > max(len(s) for s in DUTY_EXTRA_SUFFIXES)
        and not _is_clause(name)
        and len(name) <= MAX_UNIT_LEN
    ):
        parsed = ParsedUnits(units=(name,), lead_units=(), before_comma=(name,), labelled=True)
    return parsed


def duty_phrases(text: str, parse: Parse | None = None) -> tuple[DutyPhrase, ...]:
    """Every ``由X负责`` phrase in ``text``, with its units or the reason it gives none.

    A phrase inside a bracket counts only when it closes that bracket after a short scope
    (``（技工院校内由X负责）``); a bracket that is the phrase itself (``（由X负责）``) is the
    item's list (:func:`find_unit_lists`), not read here.
    """
    parse = parse or parse_units
    if not text or "负责" not in text:
        return ()  # the phrase says 负责: no need to find the brackets
    spans = _bracket_spans(text)
    out: list[DutyPhrase] = []
    for m in YOU_FUZE_RE.finditer(text):
        inside = next(((s, e) for s, e in spans if s <= m.start() < e), None)
        if inside is not None:
            s, e = inside
            if m.end() != e - 1 or s + 1 == m.start() or not DUTY_BRACKET_SCOPE_RE.match(text[s + 1 : m.start()]):
                out.append(DutyPhrase(m.start(), m.end(), m.group(0), None, DutyReason.INSIDE_BRACKET))
                continue
        parsed = _duty_name(m.group(1), parse)
        if parsed is None:
            out.append(DutyPhrase(m.start(), m.end(), m.group(0), None, DutyReason.NOT_UNITS))
            continue
        if m.group(2) in LEADING_ADVERBS:
            parsed = replace(parsed, lead_units=parsed.units, labelled=True)
        found = UnitList(m.start(), m.end(), parsed, "duty-phrase")
        out.append(DutyPhrase(m.start(), m.end(), m.group(0), found, None))
    return tuple(out)


def find_duty_phrases(text: str, parse: Parse | None = None) -> tuple[UnitList, ...]:
    """``由X负责`` phrases in ``text`` whose X reads as a unit list (see :func:`duty_phrases`).

    ``parse`` reads a list's content (:func:`parse_units` or a caller's cache of it).
    """
    if not text or "负责" not in text:
        return ()  # most items: no duty phrase at all (the test duty_phrases makes, without its call)
    return tuple(d.found for d in duty_phrases(text, parse) if d.found is not None)


# An item's closing sentence that assigns it in role words, the bracket form written as a
# sentence: ``由市住建局牵头，市财政局、市自然资源局配合，各区政府负责具体实施。``,
# ``此项工作由市商务局牵头，市财政局参与。`` (guide: ``X牵头`` leads; 由……负责 is a task form).
# The whole last sentence must be that: its first group leads (``由X牵头``), it has a second
# group after a comma, every group closes with a role word and every name reads as a unit, so
# ``由市住建局牵头，建立联席会议制度。`` (a description of how the work is run) is none.
# ASSIGNMENT_MAX: the longest such sentence, calibrated on real 实施方案 items (4–6 units, 60
# characters at most); a longer run is a clause list, not an assignment.
ASSIGNMENT_MAX = 120
ASSIGNMENT_SENTENCE_RE = re.compile(
    r"(?:^|(?<=[。；;]))\s*(?:此项工作|该项工作|上述工作|以上工作|此项任务|该项任务)?由"
    r"([^。；;由]{2," + str(ASSIGNMENT_MAX) + r"}?)[。；;]?\s*$"
)


def find_assignment_sentence(text: str, parse: Parse | None = None) -> UnitList | None:
    """The closing ``由X牵头，Y配合`` sentence of an item's text as a unit list, or None."""
    if "牵头" not in text or "由" not in text:
        return None  # most items: no such sentence (its first group says 由…牵头)
    m = ASSIGNMENT_SENTENCE_RE.search(text)
    if m is None:
        return None
    content = m.group(1)
    groups = split_top(content, "，,")
    if len(groups) < 2 or _strip_role(groups[0])[1] not in LEAD_ROLE_WORDS:
        return None
    if any(_strip_role(g.split("、")[-1])[1] is None for g in groups):
        return None  # a group without its role word: a clause (``…牵头，定期召开会议``)
    parsed = (parse or parse_units)(content)
    if parsed is None or not parsed.units or not all(is_unit_like(u) for u in parsed.units):
        return None
    return UnitList(m.start(), m.end(), parsed, "assignment-sentence")


# Characters of the longest label before its last word (``主要责任`` of 主要责任单位).
MAX_LABEL_HEAD = max(len(label) for label in UNIT_LABELS) + len("主要")
# What a heading with a label line glued to it holds none of (a clause, a bracket).
_HEADING_BREAKS_RE = re.compile(r"[，,。；;：:、！？!?（(〔\[［【]")


def _glued_label_starts(text: str, boundaries: tuple[int, ...], run_starts: list[int]) -> list[int]:
    """Labels that start a run right after a heading in the same paragraph (``…增长7%以上责任单位：X``).

    Only a paragraph's first label can: before any later one stands the first label's colon.
    The heading before it holds no clause punctuation and no bracket (``按照要求，责任单位：`` is a
    sentence; ``（责任单位：`` a bracket, read as such).
    """
    out: list[int] = []
    begin = 0
    for end in boundaries or (len(text),):
        # The label's last word and colon first (a short pattern): no clause punctuation may stand
        # before it, which settles most paragraphs before the label alternation is searched.
        tail = _LABEL_TAIL_RE.search(text, begin, end)
        if tail is not None and _HEADING_BREAKS_RE.search(text, begin, tail.start()) is None:
            m = LABEL_AT_RE.search(text, max(begin, tail.start() - MAX_LABEL_HEAD), tail.end())
            if m is not None and m.start() > begin and m.start() not in run_starts and text[begin : m.start()].strip():
                out.append(m.start())
        begin = end
    return out


def _paragraph_end(boundaries: tuple[int, ...], start: int, length: int) -> int:
    """Where the paragraph holding ``start`` ends (``boundaries`` as :func:`find_unit_lists` takes them)."""
    return min([length, *(b for b in boundaries if b > start)])


def _label_runs(text: str, boundaries: tuple[int, ...], spans: list[tuple[int, int]], parse: Parse) -> list[UnitList]:
    """The unbracketed ``责任单位：…`` runs of a text that holds a label (:func:`find_unit_lists`)."""
    out: list[UnitList] = []
    run_starts = [m.end() for m in LABEL_RUN_RE.finditer(text)]
    # A label line of its own (``牵头单位：X`` then ``配合单位：Y``): a paragraph boundary starts a run too.
    run_starts += [b for b in boundaries if LABEL_AT_RE.match(text, b) and b not in run_starts]
    # A label line joined to the heading line above it (``（一）地区生产总值增长7%以上责任单位：区发改局``,
    # a heading without a stop whose next line the cleaner read as its wrap): a run that ends
    # its paragraph with no sentence in it, after a heading with no clause punctuation in it.
    glued = _glued_label_starts(text, boundaries, run_starts)
    for start in sorted(run_starts + glued):
        if any(s <= start < e for s, e in spans):
            continue
        end = len(text)
        stop = text.find("。", start)
        if stop != -1:
            end = stop + 1
        end = min([end, *(b for b in boundaries if b > start)])
        if start in glued and (
            text[start:end].rstrip("。 \n").find("。") != -1 or end != _paragraph_end(boundaries, start, len(text))
        ):
            continue
        parsed = parse(text[start:end])
        if parsed is not None:
            out.append(UnitList(start, end, parsed, "label-run"))
    return out


# ``【牵头单位】市发改委【责任单位】市财政局、市商务局``: the label in lenticular brackets stands for
# its colon (as ``牵头单位：X`` writes it); the run goes on over the next bracketed labels.
BRACKET_LABEL_RE = re.compile(r"【((?:主要)?(?:" + "|".join(UNIT_LABELS) + r"))】")


def _bracket_label_runs(text: str, boundaries: tuple[int, ...], parse: Parse) -> list[UnitList]:
    """The ``【牵头单位】X【责任单位】Y`` runs of a text (:func:`find_unit_lists`)."""
    out: list[UnitList] = []
    done = 0
    for m in BRACKET_LABEL_RE.finditer(text):
        start = m.start()
        if start < done:
            continue  # a later label of a run already read
        end = len(text)
        stop = text.find("。", start)
        if stop != -1:
            end = stop + 1
        end = min([end, *(b for b in boundaries if b > start)])
        done = end
        parsed = parse(BRACKET_LABEL_RE.sub(r"；\1：", text[start:end]))
        if parsed is not None:
            out.append(UnitList(start, end, parsed, "label-run"))
    return out


def find_unit_lists(text: str, boundaries: tuple[int, ...] = (), parse: Parse | None = None) -> tuple[UnitList, ...]:
    """Every unit list in ``text`` (one paragraph or an item's text), in order.

    ``boundaries`` are offsets where paragraphs end when ``text`` joins several;
    an unbracketed ``责任单位：…`` run stops at the first one after it. ``parse``
    reads a list's content (:func:`parse_units` or a caller's cache of it).
    """
    parse = parse or parse_units
    text = text or ""
    out: list[UnitList] = []
    spans = _bracket_spans(text)
    for start, end in spans:
        if end - start < 4:
            continue  # a content of one character names no unit (is_unit_like: two at least): ``（一）``
        if not _well_placed(text, start, end, True):
            continue  # not even a marked list may stand here (an unmarked one never may)
        parsed = parse(text[start + 1 : end - 1])
        if parsed is None:
            continue
        if not _well_placed(text, start, end, parsed.labelled):
            continue
        out.append(UnitList(start, end, parsed, "marked-bracket" if parsed.labelled else "bare-bracket"))
    if _may_hold_label(text) and LABEL_AT_RE.search(text):  # what LABEL_RUN_RE needs (most items: no label)
        out.extend(_label_runs(text, boundaries, spans, parse))
    if "【" in text:
        out.extend(_bracket_label_runs(text, boundaries, parse))
    out.sort(key=lambda u: u.start)
    return tuple(out)
