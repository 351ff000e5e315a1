"""Ruled tables in PDFs: rows rebuilt from the grid their ruling lines draw.

PDFium hands text over line by line in content order. A table whose cells wrap over
several lines then arrives as row 1's task text, its unit cell and the next row
interleaved. Word, WPS, LibreOffice, chromium and reportlab all draw a table's borders as
path objects (filled hairline rectangles, stroked lines, a stroked grid or cell boxes), so
the grid is on the page:

1. :func:`rulings` gives the page's horizontal and vertical lines in page space: hairline
   paths, and the straight sides of stroked paths, inside form XObjects too;
2. :func:`find_grids` joins touching rulings into grids; one with at least two columns
   (three verticals) is a table. Between two neighbouring horizontal edges (a ruling, or
   where the verticals end: a browser draws no border where a page break cuts a row) lies
   a *band*; its cells are the spans between the verticals that cross it. A cell whose top
   border is missing continues the cell above (a vertically merged cell);
3. :meth:`Grid.rows` puts every glyph inside the grid in its cell, reads each cell's lines
   top to bottom and joins them (no space between Chinese characters, one between two
   Latin words), and gives one :class:`TableRow` per band: its cells in x order, a merged
   cell's text in its first band and an empty cell below, as the HTML and DOCX readers
   write a ``rowspan`` / ``vMerge`` cell.

The reader writes a row as one line of ``\\t``-separated cells, the form every reader
hands tables to the cleaner in. Rows of one table split by a page break are joined by
:func:`luoshi.read.pdf._join_tables`.
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
import re
from collections.abc import Iterable, Sequence

import msgspec
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from luoshi.read.glyph_lines import Glyph, line_text, median_size, visual_lines

#: A ruling is a path at most this thick (pt) and at least this long: a border drawn as a
#: stroked line (0.25–1.5 pt) or a filled hairline rectangle. Thicker shapes are drawings.
RULE_THICKNESS = 3.0
RULE_MIN_LENGTH = 5.0
#: Rulings closer than this (pt) touch or sit on one line: borders drawn cell by cell meet
#: end to end, and a stroked line's ends overhang by half its width.
RULE_TOLERANCE = 2.0
#: A page with more hairlines than this is a drawing (a chart, a map), not a table.
MAX_RULINGS = 3000
#: Verticals of equal extent are one row's borders only on a page with at most this many.
MAX_PAIRED = 400
#: A table has at least two columns: three vertical rulings across one band.
MIN_VERTICALS = 3

#: A cell's last line "runs to the edge" when it ends within this many type sizes of the
#: cell's right border: the text was cut by the border, not ended.
FULL_LINE_SLACK = 1.5
#: A cell ending with one of these ended its sentence.
_CLOSED = re.compile(r"[。！？；.!?;]$")
_CELL_SEPARATOR = "\t"


class Rule(msgspec.Struct, frozen=True):
    """A ruling: horizontal at ``y`` from ``x0`` to ``x1``, or vertical at ``x`` (= x0 = x1)
    from ``y0`` to ``y1`` (page points, origin bottom left)."""

    horizontal: bool
    x0: float
    x1: float
    y0: float
    y1: float


class TableRow(msgspec.Struct, frozen=True):
    """One band of a ruled table: its cells' texts and, per cell, whether the text ran on to
    the cell's edge unfinished (a row cut by a page break continues there)."""

    cells: tuple[str, ...]
    open_end: tuple[bool, ...]
    #: The grid's vertical rulings crossing this band, rounded: rows of one table on two
    #: pages have the same columns.
    columns: tuple[int, ...]
    #: Top of the band's first text line, in page points (for the line's depth on its page).
    top: float
    size: float
    #: No ruling at the band's top / bottom: a browser's page break cut the row there.
    cut_top: bool = False
    cut_bottom: bool = False

    @property
    def text(self) -> str:
        return _CELL_SEPARATOR.join(self.cells)


#: Form XObjects nest at most this deep before their paths are no longer looked at (a page
#: stamped by a watermarking tool is one form holding the original page).
MAX_FORM_DEPTH = 3

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The transform that applies ``inner`` and then ``outer`` (PDF row-vector matrices)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _bbox(box: tuple[float, float, float, float], m: _Matrix) -> tuple[float, float, float, float]:
    left, bottom, right, top = box
    if m == _IDENTITY:
        return box
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (left, right) for y in (bottom, top)]
    ys = [b * x + d * y + f for x in (left, right) for y in (bottom, top)]
    return min(xs), min(ys), max(xs), max(ys)


def rulings(page: pdfium.PdfPage) -> list[Rule]:
    """The page's hairline path objects, those inside form XObjects too, as horizontal and
    vertical rulings in page space.

    Through PDFium's C calls: a browser's page holds a text object per glyph run, thousands,
    and wrapping each in a Python object would cost more than reading the page's text."""
    out: list[Rule] = []
    raw = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = tuple(ctypes.byref(v) for v in raw)
    matrix = pdfium_c.FS_MATRIX()
    # (the page or a form object, its depth, its transform to page space)
    stack = [(page, 0, _IDENTITY)]
    while stack:
        parent, depth, transform = stack.pop()
        if depth == 0:
            count, get = pdfium_c.FPDFPage_CountObjects(parent), pdfium_c.FPDFPage_GetObject
        else:
            count, get = pdfium_c.FPDFFormObj_CountObjects(parent), pdfium_c.FPDFFormObj_GetObject
        for index in range(count):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                if pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
                    own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                    stack.append((obj, depth + 1, _then(own, transform)))
                continue
            if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                continue
            left, bottom, right, top = _bbox(tuple(v.value for v in raw), transform)
            width, height = right - left, top - bottom
            if height <= RULE_THICKNESS and width >= RULE_MIN_LENGTH:
                y = (bottom + top) / 2
                out.append(Rule(True, left, right, y, y))
            elif width <= RULE_THICKNESS and height >= RULE_MIN_LENGTH:
                x = (left + right) / 2
                out.append(Rule(False, x, x, bottom, top))
            elif width >= RULE_MIN_LENGTH and height >= RULE_MIN_LENGTH:
                out.extend(_stroked_lines(obj, transform, matrix))
            if len(out) > MAX_RULINGS:
                return []
    return out


#: A path with more segments than this is a drawing (a map, a seal's lettering), not borders.
MAX_PATH_SEGMENTS = 2000


def _stroked_lines(obj: object, transform: _Matrix, matrix: pdfium_c.FS_MATRIX) -> list[Rule]:
    """The straight horizontal and vertical lines a stroked path draws: a table's whole grid
    drawn as one path, or each cell's box stroked as a rectangle."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return []
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 0 or count > MAX_PATH_SEGMENTS or not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return []
    own = _then((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), transform)
    a, b, c, d, e, f = own
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[Rule] = []
    current = start = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            return []
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            out.extend(_axis_line(current, point))
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            out.extend(_axis_line(point, start))
            current = start
    return out


def _axis_line(p: tuple[float, float], q: tuple[float, float]) -> list[Rule]:
    (x0, y0), (x1, y1) = sorted((p, q))
    if abs(y1 - y0) <= RULE_THICKNESS / 2 and x1 - x0 >= RULE_MIN_LENGTH:
        y = (y0 + y1) / 2
        return [Rule(True, x0, x1, y, y)]
    if abs(x1 - x0) <= RULE_THICKNESS / 2 and abs(y1 - y0) >= RULE_MIN_LENGTH:
        x = (x0 + x1) / 2
        return [Rule(False, x, x, min(y0, y1), max(y0, y1))]
    return []


def _touch(a: Rule, b: Rule) -> bool:
    t = RULE_TOLERANCE
    return a.x0 - t <= b.x1 and b.x0 - t <= a.x1 and a.y0 - t <= b.y1 and b.y0 - t <= a.y1


def _components(rules: Sequence[Rule]) -> list[list[Rule]]:
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(rules)), key=lambda i: rules[i].x0)
    for pos, i in enumerate(order):  # sweep on x: only rules whose x ranges meet can touch
        for j in order[pos + 1 :]:
            if rules[j].x0 - RULE_TOLERANCE > rules[i].x1:
                break
            if _touch(rules[i], rules[j]):
                parent[root(i)] = root(j)
    verticals = [i for i, rule in enumerate(rules) if not rule.horizontal]
    if len(verticals) <= MAX_PAIRED:  # the borders of one row a page high: no horizontal joins them
        for pos, i in enumerate(verticals):
            for j in verticals[pos + 1 :]:
                a, b = rules[i], rules[j]
                if abs(a.y0 - b.y0) <= RULE_TOLERANCE and abs(a.y1 - b.y1) <= RULE_TOLERANCE:
                    parent[root(i)] = root(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return list(groups.values())


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted values with those closer than the tolerance merged (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= RULE_TOLERANCE:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


class _Band(msgspec.Struct):
    """The strip between two neighbouring horizontal edges of a grid, and its cells."""

    upper: float
    lower: float
    cells: list[_Cell]
    #: Whether a ruling is drawn at the band's top / bottom edge. A browser draws none where a
    #: page break cuts a row: the edge is only where the verticals end.
    ruled_top: bool
    ruled_bottom: bool


class _Cell(msgspec.Struct):
    x0: float
    x1: float
    glyphs: list[Glyph]
    root: _Cell | None = None  # the cell above this one continues (a merged cell)


class Grid:
    """A ruled table on one page: bands top to bottom, each with its cells left to right."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        horizontals = [r for r in rules if r.horizontal]
        verticals = [r for r in rules if not r.horizontal]
        self.left = min(r.x0 for r in rules)
        self.right = max(r.x1 for r in rules)
        self.bottom = min(r.y0 for r in rules)
        self.top = max(r.y1 for r in rules)
        # A table cut by a page break has no border at the cut (chromium draws none): the
        # verticals' ends stand for it.
        ends = [max(v.y1 for v in verticals), min(v.y0 for v in verticals)] if verticals else []
        ys = _cluster([*(r.y0 for r in horizontals), *ends])[::-1]  # top to bottom
        self.bands: list[_Band] = []
        t = RULE_TOLERANCE
        for upper, lower in itertools.pairwise(ys):
            mid = (upper + lower) / 2
            xs = _cluster(v.x0 for v in verticals if v.y0 - t < mid < v.y1 + t)
            if len(xs) < 2 or upper - lower < 2 * t:
                continue  # a gap between two tables drawn touching, or a double rule
            cells = [_Cell(a, b, []) for a, b in itertools.pairwise(xs)]
            if self.bands and self.bands[-1].lower == upper:
                above = self.bands[-1].cells
                for cell in cells:
                    centre = (cell.x0 + cell.x1) / 2
                    if any(h.x0 - t <= centre <= h.x1 + t and abs(h.y0 - upper) <= t for h in horizontals):
                        continue
                    host = next((c for c in above if c.x0 - t <= centre <= c.x1 + t), None)
                    if host is not None:
                        cell.root = host.root or host
            ruled_top, ruled_bottom = (any(abs(h.y0 - y) <= t for h in horizontals) for y in (upper, lower))
            self.bands.append(_Band(upper, lower, cells, ruled_top, ruled_bottom))
        self._uppers = [-band.upper for band in self.bands]

    def column_edges(self) -> tuple[int, ...]:
        """The x of every vertical ruling of the grid, rounded, left to right."""
        edges = {round(c.x0) for band in self.bands for c in band.cells}
        edges.update(round(band.cells[-1].x1) for band in self.bands)
        return tuple(sorted(edges))

    @property
    def columns(self) -> int:
        return max((len(band.cells) for band in self.bands), default=0)

    def cell_at(self, x: float, y: float) -> _Cell | None:
        """The cell (a merged cell's first) holding the point, if it lies in a band of the grid."""
        if not (self.left <= x <= self.right and self.bottom <= y <= self.top):
            return None
        band = bisect.bisect_right(self._uppers, -y) - 1
        if band < 0 or y < self.bands[band].lower:
            return None
        for cell in self.bands[band].cells:
            if cell.x0 <= x <= cell.x1:
                return cell.root or cell
        return None

    def contains(self, x: float, y: float) -> bool:
        return self.cell_at(x, y) is not None

    def add(self, box: tuple[float, float, float, float], char: str) -> bool:
        """Put a glyph with loose ``box`` (left, bottom, right, top) in its cell; False if it is
        not inside a cell of this grid."""
        left, bottom, right, top = box
        cell = self.cell_at((left + right) / 2, (bottom + top) / 2)
        if cell is None:
            return False
        cell.glyphs.append((box, char))
        return True

    def rows(self) -> list[TableRow]:
        out = []
        for band in self.bands:
            cells = band.cells
            texts, ends, tops, sizes = [], [], [], []
            for cell in cells:
                if cell.root is not None:
                    texts.append("")
                    ends.append(False)
                    continue
                read = _cell_text(cell.glyphs)
                texts.append(read.text)
                slack = FULL_LINE_SLACK * read.size
                ends.append(bool(read.text) and read.last_right >= cell.x1 - slack and not ends_sentence(read.text))
                if read.text:
                    tops.append(read.top)
                    sizes.append(read.size)
            if not any(texts):
                continue
            columns = (*(round(c.x0) for c in cells), round(cells[-1].x1))
            cut = (not band.ruled_top, not band.ruled_bottom)
            out.append(TableRow(tuple(texts), tuple(ends), columns, max(tops), max(sizes), *cut))
        return out


def find_grids(rules: Sequence[Rule], known: Sequence[tuple[int, ...]] = ()) -> list[Grid]:
    """The tables the rulings draw: grids with at least two columns. A grid with no horizontal
    ruling at all (one row that fills the page, its borders cut at both ends) is only taken
    when its columns are those of a table on the page before (``known``, from
    :meth:`Grid.column_edges`); otherwise a framed page with a column rule would be a table."""
    grids = []
    for group in _components(rules):
        if sum(1 for r in group if not r.horizontal) < MIN_VERTICALS:
            continue
        grid = Grid(group)
        if grid.columns < MIN_VERTICALS - 1:
            continue
        if not any(r.horizontal for r in group) and not any(_same_edges(grid.column_edges(), k) for k in known):
            continue
        grids.append(grid)
    return grids


def _same_edges(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= RULE_TOLERANCE for x, y in zip(a, b, strict=True))


def ends_sentence(text: str) -> bool:
    """Whether a cell's text ends with a sentence's closing mark."""
    return bool(_CLOSED.search(text))


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def join_wrapped(left: str, right: str) -> str:
    """Two lines of one cell as one: Chinese runs on without a space, Latin words get one."""
    if left and right and _latin(left[-1]) and _latin(right[0]):
        return f"{left} {right}"
    return left + right


class _CellText(msgspec.Struct, frozen=True):
    text: str
    last_right: float  # where the cell's last line ends
    top: float  # the top of its first line
    size: float  # its type size (the median glyph height)


def _cell_text(glyphs: list[Glyph]) -> _CellText:
    """A cell's glyphs read as lines top to bottom, left to right, the lines joined."""
    if not glyphs:
        return _CellText("", 0.0, 0.0, 0.0)
    size = median_size(glyphs)
    lines = visual_lines(glyphs)
    text = ""
    for line in lines:
        text = join_wrapped(text, line_text(line, size))
    top = max(box[3] for box, _ in lines[0])
    return _CellText(text, lines[-1][-1][0][2], top, size)
