"""Borderless tables in PDFs: rows rebuilt from the gutters between their columns.

A 任务分工表 printed without ruling lines (common in city and county PDFs, and what a Word
or LibreOffice table with no style prints) has no grid for :mod:`luoshi.read.pdf_tables`
to read. PDFium then hands its text over cell line by cell line, row 1's task text
interleaved with its unit cell and the next row, and the tasks lose their units. The
columns are still on the page, as *gutters*: x-ranges no glyph of the table touches,
because a cell's text never crosses into the next column.

1. :func:`find_tables` sorts the page's glyphs (outside ruled grids) into visual lines and
   each line into *spans*: glyphs closer than :data:`GUTTER_MIN` type sizes run together.
2. A block starts at a line with at least :data:`MIN_COLUMNS` spans (cells side by side on
   one baseline: a header, a row's first line) and takes in the lines below while the holes
   in the union of the block's spans (its gutters) hold; a line above the seed is text (附件,
   a table's title: at one pitch above a table set without spacing it could be no row).
   A page that goes on with the table the page before ended with takes its columns. The first
   :data:`CONFIRM_LINES` lines may close a hole (a wide gap inside a header cell); after
   that a line that closes one is not part of the table (a paragraph running across the
   page, a title centred over it). A block is a table where at least :data:`MIN_COLUMNS`
   columns line up over at least :data:`MIN_ROWS` rows: a justified paragraph has no gutter,
   a two-column list of names one.
3. Rows are separated where the baseline gap is wider than the pitch of a cell's wrapped
   lines (:data:`ROW_GAP`) or, in a table set without spacing, where the first column holds
   a row number or text after a line that stopped short of the column's edge; the table is
   then handed over as a :class:`~luoshi.read.pdf_tables.Grid`
   drawn from made-up rulings (a vertical at the middle of each gutter, a horizontal between
   rows), so its rows come out exactly as a ruled table's: one line of ``\\t``-separated
   cells, a cell's lines joined.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

import msgspec

from luoshi.read.glyph_lines import CELL_GAP, Glyph, median_size, visual_lines
from luoshi.read.pdf_furniture import is_page_number
from luoshi.read.pdf_tables import FULL_LINE_SLACK, Grid, Rule

#: A table has at least three columns (序号, 工作任务, 责任单位 is the smallest 分工表) and
#: they line up over at least three rows (a header and two rows); a block of lines with
#: fewer is read as text. Two columns are a list of names or a signature beside a date.
MIN_COLUMNS = 3
MIN_ROWS = 3
#: A gutter is at least this many type sizes wide. Word, WPS and LibreOffice pad a cell by
#: 0.19 cm (5.4 pt) on either side: two cells' texts stand 10.8 pt apart, 0.9 em of 12 pt
#: type and more of smaller; Chinese glyphs touch and a space between Latin words is about
#: 0.25–0.3 em. The same threshold as the PDF reader's tab on one baseline (CELL_GAP).
GUTTER_MIN = CELL_GAP
#: The first lines of a block may close a hole of the lines before (a header cell's words
#: spread over its width, a cell left empty in the first row); a hole that held over this
#: many lines is a gutter, and a line that closes it ends the table. Three lines: a header
#: cell wraps over at most two or three lines in the 分工表 of the corpus.
CONFIRM_LINES = 3
#: Two lines of a block belong to different rows when their baselines stand this many times
#: further apart than the block's closest pair (the pitch of a cell's wrapped lines). Word
#: and LibreOffice leave a paragraph's spacing after a cell's last line: rows of the
#: LibreOffice 分工表 stand 25 pt apart where a cell's lines stand 14.6 pt (1.7×); 1.4 keeps
#: clear of line pitches that vary by a point or two with mixed Chinese and Latin glyphs.
ROW_GAP = 1.4
#: The made-up borders stand this far (pt) outside the table's glyphs, so that every glyph
#: lies inside a cell.
PAD = 1.0
#: A page goes on with the table the page before ended with while its lines fit that table's
#: columns: no span across a column edge, none further than this many type sizes outside its
#: outer edges (the last column's text rarely reaches its right edge; one and a half
#: characters is the most LibreOffice and Word leave of a cell's width when a line wraps).
#: Such lines take that table's edges, so that the reader joins the two pages' rows.
SNAP_EDGE = 1.5

#: A first column's text that is a row's number (1  12  一  （三）  3.) always starts a row.
ROW_NUMBER = re.compile(r"[（(]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)．.、]?")


class _Line(msgspec.Struct):
    """A visual line: its glyphs' centre height, top and bottom, type size and spans."""

    y: float
    top: float
    bottom: float
    size: float
    spans: list[tuple[float, float]]
    text: str
    #: The text of each span.
    words: list[str]


def _visual_lines(glyphs: Sequence[Glyph]) -> list[_Line]:
    """The glyphs as visual lines top to bottom (:func:`~luoshi.read.glyph_lines.visual_lines`),
    each line's glyphs as spans left to right."""
    lines = []
    for group in visual_lines(glyphs):
        top, bottom = max(b[3] for b, _ in group), min(b[1] for b, _ in group)
        head = max(group, key=lambda g: g[0][1] + g[0][3])[0]
        size = median_size(group)
        spans: list[tuple[float, float]] = []
        words: list[str] = []
        for (left, _, right, _), char in group:
            if spans and left - spans[-1][1] < GUTTER_MIN * size:
                spans[-1] = (spans[-1][0], max(spans[-1][1], right))
                words[-1] += char
            else:
                spans.append((left, right))
                words.append(char)
        lines.append(_Line((head[1] + head[3]) / 2, top, bottom, size, spans, "".join(words), words))
    return lines


def _merge(union: list[tuple[float, float]], spans: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted([*union, *spans]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _holes(union: Sequence[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in itertools.pairwise(union) if b[0] - a[1] >= width]


class _Block:
    """Consecutive visual lines ``first``..``last`` (indices) and the union of their spans."""

    def __init__(self, lines: Sequence[_Line], seed: int) -> None:
        self.lines, self.first, self.last = lines, seed, seed
        self.size = lines[seed].size
        self.union = list(lines[seed].spans)
        self.holes = _holes(self.union, GUTTER_MIN * self.size)

    def take(self, index: int) -> bool:
        """Add line ``index`` if the block's gutters hold with it."""
        union = _merge(self.union, self.lines[index].spans)
        holes = _holes(union, GUTTER_MIN * self.size)
        if len(holes) < MIN_COLUMNS - 1:
            return False
        closed = any(not any(a < d and c < b for c, d in holes) for a, b in self.holes)
        if closed and self.last - self.first + 1 >= CONFIRM_LINES:
            return False
        self.union, self.holes = union, holes
        self.first, self.last = min(self.first, index), max(self.last, index)
        return True


def _columns_used(line: _Line, cuts: Sequence[float]) -> int:
    return len({bisect.bisect(cuts, (a + b) / 2) for a, b in line.spans})


def _rows(lines: Sequence[_Line], cuts: Sequence[float]) -> list[list[_Line]]:
    """The block's lines cut into rows where the baseline gap exceeds :data:`ROW_GAP` times
    the closest pitch. Where no gap is wider (rows set without spacing, or one cell's lines
    alone), a line with a row number in the first column starts a row, and so does a line
    with other text there unless the first column's line above ran to the column's edge (the
    cell wrapped there: a cell's last line stops short); lines with nothing in the first
    column go on with the row above."""
    pitches = [a.y - b.y for a, b in itertools.pairwise(lines)]
    base = min(pitches, default=0.0)
    rows = [[lines[0]]]
    if max(pitches, default=0.0) > ROW_GAP * base:
        for line, pitch in zip(lines[1:], pitches, strict=True):
            if pitch > ROW_GAP * base:
                rows.append([line])
            else:
                rows[-1].append(line)
        return rows
    first = cuts[0] if cuts else float("inf")
    heads = [
        [(b, w) for (a, b), w in zip(line.spans, line.words, strict=True) if (a + b) / 2 < first] for line in lines
    ]
    edge = max((b for head in heads for b, _ in head), default=0.0)
    for above, head, line in zip(heads, heads[1:], lines[1:], strict=False):
        wrapped = bool(above) and max(b for b, _ in above) >= edge - FULL_LINE_SLACK * line.size
        if head and (ROW_NUMBER.fullmatch(head[0][1]) or not wrapped):
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _grid(rows: list[list[_Line]], xs: Sequence[float]) -> Grid:
    """The table as a grid of made-up rulings at ``xs`` (its outer edges and column edges)."""
    top, bottom = rows[0][0].top + PAD, rows[-1][-1].bottom - PAD
    ys = [top, *((above[-1].bottom + below[0].top) / 2 for above, below in itertools.pairwise(rows)), bottom]
    rules = [Rule(False, x, x, bottom, top) for x in xs]
    rules += [Rule(True, xs[0], xs[-1], y, y) for y in ys]
    return Grid(rules)


def _fits(line: _Line, edges: Sequence[float]) -> bool:
    """Whether ``line`` sits inside the table with column ``edges``, no span across an edge."""
    slack = SNAP_EDGE * line.size
    if line.spans[0][0] < edges[0] - slack or line.spans[-1][1] > edges[-1] + slack:
        return False
    return not any(a < e < b for a, b in line.spans for e in edges[1:-1])


def _lined_up(block: _Block, rows: int) -> bool:
    """Whether the block's columns line up over at least :data:`MIN_ROWS` rows, or at least
    that many of its lines have text in :data:`MIN_COLUMNS` columns (a 分工表's rows wrap so
    long that a page may hold two)."""
    if rows >= MIN_ROWS:
        return True
    cuts = [(a + b) / 2 for a, b in block.holes]
    lines = block.lines[block.first : block.last + 1]
    return sum(_columns_used(line, cuts) >= MIN_COLUMNS for line in lines) >= MIN_ROWS


def find_tables(glyphs: Sequence[Glyph], known: Sequence[tuple[int, ...]] = (), band=None) -> list[Grid]:
    """The borderless tables among ``glyphs`` (a page's glyphs outside its ruled tables), as
    grids. ``known`` holds the column edges of the tables on the page before; ``band``, if
    given, is the (bottom, top) of the page's body: a page number outside it is never part of
    a table (a running head crosses the gutters: it ends a table)."""
    lines = _visual_lines(glyphs)
    if band is not None:
        lines = [line for line in lines if band[0] <= line.y <= band[1] or not is_page_number(line.text)]
    grids, start = [], 0
    if known and lines:
        # The page goes on with the table the page before ended with: its lines fit that
        # table's columns (a long cell's last lines, the rows after it).
        edges = [float(x) for x in known[-1]]
        while start < len(lines) and _fits(lines[start], edges):
            start += 1
        # A few lines are a cut row's rest only where the first column is empty above them (its
        # 序号 was printed on the page before); otherwise they may be a short heading.
        rest = start > 0 and all((a + b) / 2 > edges[1] for a, b in lines[0].spans)
        if start >= MIN_ROWS or rest:
            grids.append(_grid(_rows(lines[:start], edges[1:-1]), edges))
        else:
            start = 0
    while start < len(lines):
        seed = next((i for i in range(start, len(lines)) if len(lines[i].spans) >= MIN_COLUMNS), None)
        if seed is None:
            break
        block = _Block(lines, seed)
        while block.last + 1 < len(lines) and block.take(block.last + 1):
            pass
        cuts = [(a + b) / 2 for a, b in block.holes]
        rows = _rows(lines[block.first : block.last + 1], cuts)
        if _lined_up(block, len(rows)):
            grids.append(_grid(rows, [block.union[0][0] - PAD, *cuts, block.union[-1][1] + PAD]))
        start = block.last + 1
    return grids
