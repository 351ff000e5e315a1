"""Word automatic numbering: render ``一、`` ``（一）`` ``1.`` that Word draws but does not store.

A paragraph with ``w:numPr`` (directly or through its style) shows a number
computed from ``numbering.xml``; its text runs do not contain it. The outline
stage finds items by these markers, so the reader writes them into the text,
as a person copying the page would see them.

Counters follow Word's rules closely enough for 公文: one counter per level
of each list (``numId``), a level's counter resets when a shallower level of
the same list advances, ``%N`` in ``lvlText`` is the level-N counter in that
level's own format.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cn2an
import msgspec
from lxml import etree

from luoshi.read.ooxml import qn

_VAL = qn("w:val")
_PLACEHOLDER = re.compile(r"%([1-9])")

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGIT = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP_DIGIT = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _from_table(table: str) -> Callable[[int], str]:
    return lambda n: table[n - 1] if 1 <= n <= len(table) else str(n)


def _letters(n: int) -> str:
    """Word's letter numbering: a…z, then aa…zz (repeated letter, not base 26)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _chinese(n: int) -> str:
    return cn2an.an2cn(n) if n > 0 else "〇"


#: ``w:numFmt`` → how a counter is written. Unknown formats fall back to decimal.
FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH_DIGITS),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH_DIGITS),
    "decimalHalfWidth": str,
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "chineseLegalSimplified": lambda n: cn2an.an2cn(n, "up"),
    "japaneseCounting": _chinese,
    "ideographTraditional": _from_table(_TIANGAN),
    "ideographZodiac": _from_table(_DIZHI),
    "decimalEnclosedCircle": _from_table(_CIRCLED),
    "decimalEnclosedCircleChinese": _from_table(_CIRCLED),
    "decimalEnclosedParen": _from_table(_PAREN_DIGIT),
    "decimalEnclosedFullstop": _from_table(_FULLSTOP_DIGIT),
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
    "none": lambda n: "",
}
#: ``w:suff`` → what follows the number. A tab is dropped rather than kept: in reader
#: output ``\t`` separates table cells.
SUFFIXES = {"tab": "", "space": " ", "nothing": ""}


class Level(msgspec.Struct, frozen=True):
    start: int
    fmt: str
    text: str  # lvlText, e.g. "（%1）"
    suffix: str


class Numbering(msgspec.Struct):
    """Definitions from numbering.xml and styles.xml, plus running counters."""

    levels: dict[str, dict[int, Level]] = msgspec.field(default_factory=dict)  # numId → ilvl → Level
    style_num: dict[str, tuple[str, int]] = msgspec.field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = msgspec.field(default_factory=dict)

    def label(self, p: etree._Element) -> str:
        """The number Word shows before paragraph ``p`` (empty if none), advancing counters."""
        ref = self._reference(p)
        if ref is None:
            return ""
        num_id, ilvl = ref
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def counter_text(match: re.Match[str]) -> str:
            level_index = int(match.group(1)) - 1
            level = levels.get(level_index)
            if level is None:
                return ""
            value = counters.get(level_index, level.start)
            return FORMATS.get(level.fmt, str)(value)

        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""  # a bullet glyph is decoration, not an outline marker
        return _PLACEHOLDER.sub(counter_text, level.text) + level.suffix

    def _reference(self, p: etree._Element) -> tuple[str, int] | None:
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        from_style = self.style_num.get(style.get(_VAL, "")) if style is not None else None
        num_id = ilvl = None
        if num_pr is not None:
            num_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
            num_id = num_el.get(_VAL) if num_el is not None else None
            ilvl = int(ilvl_el.get(_VAL, "0")) if ilvl_el is not None else None
        if num_id is None and from_style is not None:
            num_id = from_style[0]
        if ilvl is None:
            ilvl = from_style[1] if from_style is not None else 0
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, ilvl


def _level(lvl: etree._Element) -> Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(qn(tag))
        return el.get(_VAL, default) if el is not None else default

    start = val("w:start", "1")
    return Level(
        start=int(start) if start.lstrip("-").isdigit() else 1,
        fmt=val("w:numFmt", "decimal"),
        text=val("w:lvlText", ""),
        suffix=SUFFIXES.get(val("w:suff", "tab"), ""),
    )


def load_numbering(numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
    """Read numbering definitions (either part may be missing)."""
    result = Numbering()
    if numbering is not None:
        abstract: dict[str, dict[int, Level]] = {}
        for an in numbering.iterchildren(qn("w:abstractNum")):
            levels = {int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in an.iterchildren(qn("w:lvl"))}
            abstract[an.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(_VAL, "") if ref is not None else "", {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                replacement = override.find(qn("w:lvl"))
                start = override.find(qn("w:startOverride"))
                if replacement is not None:
                    levels[ilvl] = _level(replacement)
                if start is not None and ilvl in levels and start.get(_VAL, "").isdigit():
                    old = levels[ilvl]
                    levels[ilvl] = Level(int(start.get(_VAL, "1")), old.fmt, old.text, old.suffix)
            result.levels[num.get(qn("w:numId"), "")] = levels
    if styles is not None:
        for style in styles.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            num_el = num_pr.find(qn("w:numId")) if num_pr is not None else None
            if num_el is None:
                continue
            ilvl_el = num_pr.find(qn("w:ilvl"))
            ilvl = int(ilvl_el.get(_VAL, "0")) if ilvl_el is not None else 0
            result.style_num[style.get(qn("w:styleId"), "")] = (num_el.get(_VAL, ""), ilvl)
    return result
