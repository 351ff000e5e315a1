"""Tables in a text layer saved by ``pdftotext -layout``: space-aligned columns back to tab rows.

A crawler that keeps a PDF's text as ``pdftotext -layout`` gives it gets a 任务分工表 as
character columns: each table line of the page is one text line with the cells' text placed at
their columns, a cell's wrapped lines on the lines below in the same column, page numbers and a
form feed where the page breaks (and on the next page the columns shifted: poppler starts each
page's text at its leftmost glyph). The other readers give a table one row a line, cells
separated by tabs; this rebuilds those rows, only where the layout leaves no doubt:

* rows are opened by a 序号: a line whose first cell is a bare number and that has at least
  :data:`MIN_CELLS` cells, at least two such lines numbered one after the other;
* every line between them fits the columns those lines set (each cell starts within
  :data:`TOLERANCE` characters of a column and does not run past the next one);
* a cell's lines are joined (Chinese runs on), and where a cell's line ended short of its column
  and the next line of the column begins another entry (a unit listed under another, a merged
  row's next part) the two are kept apart by ``、`` unless the first ended a sentence.

Prose, indented paragraphs and a two-column list of names have no 序号 column of three cells and
are left as they are. A plain ``pdftotext`` (reading order) interleaves the cells of a row line
by line with nothing to say which column a piece belongs to; nothing is done there.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import msgspec

from luoshi import lazyre as re
from luoshi.read.pdf_furniture import is_page_number

#: A row-opening line has at least this many cells: 序号 and two more (a 事项 and a unit).
MIN_CELLS = 3
#: ``pdftotext -layout`` puts a glyph one column right of where the page has it for each cell
#: before it on the line that ran up to the cell's edge (a space must separate them), so a
#: wrapped cell's line stands left of its row's first line by up to 2 over a seven-column
#: 任务分工表, and rows drift 3 against each other (measured on eval/perturb.py's
#: ``pdftotext-layout`` of the gold 任务分工表); the columns are taken again from each full row.
TOLERANCE = 3
#: A table's header (its column titles, wrapped) takes at most this many lines above its first row.
HEADER_LINES = 4
#: A cell's line at least this many full-width characters narrower than the column's widest
#: first line ended its entry (one: a Chinese cell fills its line to the last character; the
#: widths are poppler's, two digits to a character, so a line with digits is not taken short).
SHORT_BY = 1
#: How many lines on from a row the next 序号 is looked for (a row of the gold 任务分工表 runs
#: to 140 text lines, blank lines between them, over two pages).
NEXT_ROW_WITHIN = 400
#: A run of spaces between two characters that separates two cells: two spaces, or one unless
#: both sides are ASCII (``Page 2``; Chinese text has no spaces, a crawler's cell gap may be one).
_GAP = re.compile(r"\S+(?: (?<=[\x00-\x7f] )(?=[\x00-\x7f])\S+)*")
_NUMBER = re.compile(r"\d{1,3}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ASCII = re.compile(r"[\x21-\x7e]")
#: The title of a table's 序号 column.
_TITLES = frozenset({"序号", "序", "编号"})
_TITLE_HINT = re.compile(r"^\s*(?:序|编号)")
#: A header title's wrapped part is a word or two (``单位``, ``完成时限``); a cell's line is
#: longer or carries a mark.
MAX_TITLE = 4
#: How many lines below a header are looked at for its cells' columns (two rows of a 分工表).
CONTENT_LINES = 60
_TITLE_TEXT = re.compile(r"[\u4e00-\u9fff]+")
# A line that ends a sentence (as pdf_tables.ends_sentence, which would import PDFium here).
_CLOSED = re.compile(r"[。；;！？!?]$")
# A line that ends with a list's separator: the next entry needs none.
_LISTED = re.compile(r"[、，,]$")
#: A line that starts with a mark no line may start with, or with one character and such a mark:
#: the line above ended short because the typesetter carried its last character down with the
#: mark (``省市场监管`` / ``局、商务厅、``), so it ended no entry.
_KINSOKU = re.compile(r".?[、，。；：？！）》」』】〕”’]")


class _Cell(msgspec.Struct, frozen=True):
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _cells(line: str) -> list[_Cell]:
    """The line cut into cells at its gaps (a form feed opening a page is no character).

    One space after a digit or Latin letter and before a Chinese character is no gap: poppler
    sets it where the glyphs change font inside one cell's line (``2025 年底前``, ``400 个以上``),
    as it does between two words of Latin text; only after a line's first bare number (a 序号)
    does it part two cells. (The other way, ``国省干道 5478`` but also ``区直 2023 年 12 月``
    where a cell ran up to the next, is left to :func:`_placed`, which knows the columns.)"""
    out: list[_Cell] = []
    for m in _GAP.finditer(line.replace("\f", "")):
        text = m.group()
        if (
            out
            and m.start() == out[-1].end + 1
            and out[-1].text[-1].isascii()
            and _font_switch(out[-1].text[-1], text[0])
        ):
            if not (len(out) == 1 and _NUMBER.fullmatch(out[0].text)):
                out[-1] = _Cell(out[-1].start, f"{out[-1].text} {text}")
                continue
        out.append(_Cell(m.start(), text))
    return out


def _font_switch(left: str, right: str) -> bool:
    """Whether a space between ``left`` and ``right`` is where a line's glyphs change from a
    Latin font (digits, letters) to a Chinese one or back: a Chinese character (not a mark,
    ``、 2025年底前`` is two cells) beside a digit or letter."""
    return (left.isascii() and left.isalnum() and _HAN.match(right) is not None) or (
        right.isascii() and right.isalnum() and _HAN.match(left) is not None
    )


def _width(text: str) -> float:
    """A cell line's width in full-width characters: poppler gives two digits or letters about
    the room of one Chinese character."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _opens_row(cells: list[_Cell]) -> int | None:
    if len(cells) >= MIN_CELLS and _NUMBER.fullmatch(cells[0].text):
        return int(cells[0].text)
    return None


class _Row(msgspec.Struct):
    cells: list[list[str]]  # each column's lines
    header: bool = False
    #: Each column's parts that came after table lines without one (a sub-row's entry: a
    #: cell's lines follow each other down its column).
    fresh: list[set[int]] = msgspec.field(default_factory=list)

    def line(self, full: list[int]) -> str:
        """The row as tab-separated cells; ``full`` is each column's longest line."""
        out = []
        for c, (parts, width) in enumerate(zip(self.cells, full, strict=True)):
            text = ""
            for k, part in enumerate(parts):
                if (
                    k
                    and not _CLOSED.search(text)
                    and not _LISTED.search(text)
                    and (
                        (self.fresh and k in self.fresh[c])
                        or (_width(parts[k - 1]) + SHORT_BY <= width and not _KINSOKU.match(part))
                    )
                ):
                    text += "、"
                text += part
            out.append(text)
        return "\t".join(out)


class _Table(msgspec.Struct):
    starts: list[int]  # column starts, as the last full row had them
    #: The column starts of the earlier full rows on this page: poppler sets a cell left of its
    #: column by as many characters as the long Chinese runs before it on its line overran
    #: theirs, so a full row of long cells moves the columns for its own line only (a wrapped
    #: line below it, with short runs before its cells, stands where an earlier row had them).
    earlier: list[list[int]] = msgspec.field(default_factory=list)
    last_width: int = 0  # the last column's widest line on a full row
    rows: list[_Row] = msgspec.field(default_factory=list)
    #: Each column's longest first line of a cell (on the lines that open rows): how much a
    #: line of the column holds, in characters as poppler set them.
    full: list[int] = msgspec.field(default_factory=list)

    def new_row(self, header: bool = False) -> _Row:
        row = _Row([[] for _ in self.starts], header)
        self.rows.append(row)
        return row

    def lines(self) -> list[str]:
        """The rows (the header's own, which is a title, taken as it is) as tab-separated lines."""
        full = [0] * len(self.starts)
        return [row.line(full if row.header else self.full) for row in self.rows]


def _column(start: int, table: _Table, numbered: bool) -> int | None:
    """The column a cell starting at ``start`` (in the table's coordinates) belongs to: the
    nearest start of the last full row's columns, or of an earlier full row's on the page."""
    best, distance = None, TOLERANCE + 1
    for starts in (table.starts, *table.earlier):
        for k, s in enumerate(starts):
            if k == 0 and not numbered:
                continue
            if abs(start - s) < distance:
                best, distance = k, abs(start - s)
    return best


def _right(table: _Table, k: int) -> int:
    """Where column ``k`` ends at the latest (its next column's start on any full row)."""
    if k + 1 == len(table.starts):
        return table.starts[k] + table.last_width
    return max(starts[k + 1] for starts in (table.starts, *table.earlier))


def _placed(cells: list[_Cell], shift: int, table: _Table, header: bool = False) -> list[tuple[int, _Cell]] | None:
    """Each cell with its column, or None if the line does not fit the table's columns. Only a
    number goes in the 序号 column, or in a header line its title (``序号``, ``序``)."""
    if len(cells) == len(table.starts) and (header or _opens_row(cells) is not None):
        return list(enumerate(cells))  # a full row (or the header's): a cell a column
    out: list[tuple[int, _Cell]] = []
    for i, cell in enumerate(cells):
        numbered = i == 0 and (header or _NUMBER.fullmatch(cell.text) is not None)
        k = _column(cell.start + shift, table, numbered)
        if out and (
            (k is not None and k == out[-1][0])  # a space inside a cell's line
            or (
                # a line's first number, kept apart as a 序号 would be, and the text it runs into
                (k is None or cell.end + shift > _right(table, k) + TOLERANCE)
                and cell.start == out[-1][1].end + 1
                and _font_switch(out[-1][1].text[-1], cell.text[0])
            )
        ):
            out[-1] = (out[-1][0], _Cell(out[-1][1].start, f"{out[-1][1].text} {cell.text}"))
            continue
        if k is None or (out and k < out[-1][0]):
            return None
        if cell.end + shift > _right(table, k) + TOLERANCE:
            return None
        out.append((k, cell))
    return out


def _shift(lines: list[list[_Cell]], table: _Table, header: bool = False) -> int | None:
    """How far this page's columns sit left of the table's: from its line of most cells, the
    shift that puts those cells nearest the table's columns (and fits them)."""
    widest = max((cells for cells in lines if len(cells) >= 2), key=len, default=None)
    if widest is None:
        return None
    best, cost = None, None
    for s in table.starts:
        shift = s - widest[0].start
        if _placed(widest, shift, table, header) is None:
            continue
        total = sum(min(abs(c.start + shift - t) for t in table.starts) for c in widest)
        if cost is None or total < cost:
            best, cost = shift, total
    return best


def _is_furniture(line: str) -> bool:
    return not line.strip() or is_page_number(line)


def rebuild_layout_tables(text: str) -> str:
    """``text`` with each 序号 table laid out in space-aligned columns as tab rows."""
    if "  " not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = floor = 0
    while i < len(lines):
        end = _centred_table_at(lines, i, out) if _TITLE_HINT.search(lines[i]) else None
        if end is None:
            end = _table_at(lines, i, out, floor)
        if end is None:
            out.append(lines[i])
            i += 1
        else:
            i = floor = end
    return "\n".join(out)


def _header_start(lines: list[str], first: int, table: _Table, floor: int) -> int:
    """Index of the first header line above the table's first row (lines that fit its columns),
    not above ``floor`` (where the text not yet read begins)."""
    start, k, seen = first, first - 1, 0
    while k >= floor and seen < HEADER_LINES:
        if not lines[k].strip():
            k -= 1
            continue
        cells = _cells(lines[k])
        shift = _shift([cells], table, header=True) if len(cells) >= 2 else 0
        if not cells or shift is None or _placed(cells, shift, table, header=True) is None:
            break
        start, seen, k = k, seen + 1, k - 1
    # the header's first line names the columns (a title above the table is one cell)
    while start < first and len(_cells(lines[start])) < MIN_CELLS:
        start += 1
    return start


def _line_shift(cells: list[_Cell], table: _Table, shift: int) -> int | None:
    """How far this line's columns sit left of the table's. Poppler lays a page's text out from
    its leftmost glyph and may set a block of it apart, so the shift can change from line to
    line: the line before's if the line fits it, else the one that puts the line's cells nearest
    the columns; None if none fits (the table has ended)."""
    if _placed(cells, shift, table) is not None:
        return shift
    best, cost = None, None
    for s in table.starts:
        candidate = s - cells[0].start
        if _placed(cells, candidate, table) is None:
            continue
        total = sum(min(abs(c.start + candidate - t) for t in table.starts) for c in cells)
        if cost is None or total < cost:
            best, cost = candidate, total
    return best


def _table_at(lines: list[str], i: int, out: list[str], floor: int) -> int | None:
    """If a table's first row opens at line ``i``: its rows appended to ``out`` (its header
    lines above, already in ``out``, replaced) and the index after its last line."""
    cells = _cells(lines[i])
    if _opens_row(cells) is None:
        return None
    second = _next_opener(lines, i + 1, cells)
    table = _Table([c.start for c in cells], last_width=len(cells[-1].text), full=[0] * len(cells))
    if second is None or _line_shift(_cells(lines[second]), table, 0) is None:
        return None  # the next row's cells must stand in the same columns
    if not _has_gutters(lines, i, second, table):
        return None
    head = _header_start(lines, i, table, floor)
    if head < i:
        header = table.new_row(header=True)
        titles: _Table | None = None  # the header's own columns, once a line of it has them all
        for line in lines[head:i]:
            cells = _cells(line)
            if not cells or _is_furniture(line.replace("\f", "")):
                continue
            # a title's wrapped part (``号``, ``领导``) stands under the title on the line above
            placed = _placed(cells, 0, titles, header=True) if titles is not None else None
            if placed is None:
                shift = _shift([cells], table, header=True) if len(cells) >= 2 else 0
                placed = _placed(cells, shift or 0, table, header=True) or []
            if titles is None and len(cells) == len(table.starts):
                titles = _Table([c.start for c in cells], last_width=len(cells[-1].text))
            for k, cell in placed:
                header.cells[k].append(cell.text)
    number: int | None = None
    shift = 0
    row: _Row | None = None
    last = i
    new_page = False
    above: list[tuple[int, str]] = []  # the cells of the line before: column, text
    for j in range(i, len(lines)):
        new_page = new_page or "\f" in lines[j]
        line = lines[j].replace("\f", "")  # a page break: its page number is furniture
        if _is_furniture(line):
            continue
        cells = _cells(line)
        opened = _opens_row(cells)
        if opened is not None and len(cells) == len(table.starts):
            # a full row: the columns as this part of the page has them
            if new_page or shift:
                table.earlier = []
            elif table.starts not in table.earlier:
                table.earlier.append(table.starts)
            table.starts, shift = [cell.start for cell in cells], 0
            table.last_width = max(table.last_width, len(cells[-1].text))
        elif new_page and len(cells) == 1 and above:
            # one cell at the top of a page whose columns moved: the cell cut by the break
            # goes on (the first one above that had not ended its sentence)
            open_cells = [k for k, text in above if not _CLOSED.search(text)] or [above[0][0]]
            shift = table.starts[open_cells[0]] - cells[0].start
        elif new_page:
            found = _line_shift(cells, table, shift + 10**6)  # no shift carried over
            shift = shift if found is None else found
        new_page = False
        if len(cells) >= 2:  # cells of its own: a block poppler set apart may have moved
            found = _line_shift(cells, table, shift)
            shift = shift if found is None else found
        placed = _placed(cells, shift, table)
        if placed is None:
            break
        if len(placed) == 1 and opened is None and placed[0][0] not in {k for k, _ in above}:
            break  # a line of one cell goes on a cell of the line above, or the table has ended
        if opened is not None and (number is None or opened == number + 1):
            number = opened
            row = table.new_row()
            row.fresh = [set() for _ in table.starts]
            for k, cell in placed:
                table.full[k] = max(table.full[k], _width(cell.text))
        if row is None:
            break
        for k, cell in placed:
            if row.cells[k] and k not in {c for c, _ in above}:
                row.fresh[k].add(len(row.cells[k]))
            row.cells[k].append(cell.text)
        above = [(k, "".join(row.cells[k])) for k, _ in placed]
        last = j
    if number is None or number < 2:
        return None
    del out[len(out) - (i - head) :]  # the header lines, copied to ``out`` as they came
    out.extend(table.lines())
    return last + 1


def _centred_table_at(lines: list[str], h: int, out: list[str]) -> int | None:
    """A table whose cells are centred vertically in their rows, if its header is line ``h``:
    its rows appended to ``out`` and the index after its last line.

    A row's 序号 (one line) then stands on the row's middle line, and each cell's lines are
    centred on it: as many of a cell's lines above that line as below it. Between two 序号 lines a
    column holds the lower half of one row's cell and the upper half of the next one's; the
    lines above the first 序号 (below the header) are the first row's upper halves, which tells
    how many lines of each column go on below it, and so on down the table. A table whose first
    序号 line follows its header directly is not centred (:func:`_table_at` reads it)."""
    head = _cells(lines[h])
    if len(head) < MIN_CELLS or head[0].text not in _TITLES:
        return None
    # a title wrapped in a centred header stands above and below the header's line
    up = _title_lines(lines, h, -1, len(head))
    down = _title_lines(lines, h, 1, len(head))
    titled = sorted((c.start, r, c.text) for r in (*up, h, *down) for c in _cells(lines[r]))
    groups = _clusters([start for start, _, _ in titled])
    starts = [g[0] for g in groups]
    if len(starts) < MIN_CELLS or titled[0][2] not in _TITLES:
        return None
    content = _content_columns(lines, h + len(down) + 1, len(starts) - 1)
    if content is not None:
        starts = [starts[0], *content]  # the header's titles stand off the cells' columns
    table = _Table(starts, last_width=10**6, full=[0] * len(starts))
    header = table.new_row(header=True)
    for start, _, text in titled:
        header.cells[next(k for k, g in enumerate(groups) if start in g)].append(text)
    n = len(starts)
    entries: list[list[tuple[int, str]]] = [[] for _ in range(n)]  # each column's lines: index, text
    openers: list[tuple[int, int]] = []  # line index, 序号
    shift, new_page, last, page = 0, False, h + len(down), 0
    page_of: dict[int, int] = {}  # the page of each line read
    for j in range(h + len(down) + 1, min(len(lines), h + NEXT_ROW_WITHIN)):
        new_page = new_page or "\f" in lines[j]
        page += lines[j].count("\f")
        page_of[j] = page
        line = lines[j].replace("\f", "")
        if _is_furniture(line):
            continue
        cells = _cells(line)
        number = int(cells[0].text) if _NUMBER.fullmatch(cells[0].text) else None
        if number is not None and len(cells) > len(table.starts):
            joined = _font_switches_joined(cells)  # ``国省干道 5478`` on a row's middle line
            cells = joined if len(joined) == len(table.starts) else cells
        if number is not None and len(cells) == len(table.starts):
            if new_page or shift:
                table.earlier = []  # another page's columns (as in _table_at)
            elif table.starts not in table.earlier:
                table.earlier.append(table.starts)
            table.starts, shift = [cell.start for cell in cells], 0
        if new_page or len(cells) >= 2:  # as in _table_at: a page's or a block's own shift
            found = _line_shift(cells, table, shift + 10**6 if new_page else shift)
            shift = shift if found is None else found
        new_page = False
        placed = _placed(cells, shift, table)
        if placed is None or (len(placed) == 1 and _overruns(placed[0], entries)):
            break
        if placed[0][0] == 0:
            if number is None:
                if openers or len(placed) > 1:
                    break  # a title in the 序号 column below the rows: the table has ended
                header.cells[0].append(cells[0].text)  # the header's title wrapped (序 / 号)
                last = j
                continue
            if openers and number != openers[-1][1] + 1:
                break
            openers.append((j, number))
        elif not openers and not entries[placed[0][0]] and _is_title_line(placed):
            for k, cell in placed:  # the header's titles wrapped (牵头 / 单位)
                header.cells[k].append(cell.text)
            last = j
            continue
        for k, cell in placed:
            if k:
                entries[k].append((j, cell.text))
        last = j
    if len(openers) < 2 or not any(col and col[0][0] < openers[0][0] for col in entries):
        return None
    if up:
        del out[len(out) - (h - up[0]) :]  # the titles above the header, copied to ``out``
    rows = [table.new_row() for _ in openers]
    for r, (_, number) in enumerate(openers):
        rows[r].cells[0].append(str(number))
    ys = [y for y, _ in openers]
    for k in range(1, n):
        column = entries[k]
        cuts = _row_cuts([j for j, _ in column], ys, page_of)
        for r in range(len(openers)):
            rows[r].cells[k].extend(text for _, text in column[cuts[r] : cuts[r + 1]])
        # how much a line of the column holds: its widest line without digits or letters,
        # whose width poppler's layout only estimates
        widths = [_width(text) for _, text in column]
        plain = [w for w, (_, text) in zip(widths, column, strict=True) if not _ASCII.search(text)]
        table.full[k] = max(plain or widths or [0])
    out.extend(table.lines())
    return last + 1


def _title_lines(lines: list[str], h: int, step: int, cells: int) -> list[int]:
    """The lines right above (``step`` -1) or below (+1) a header's line ``h`` that hold parts of
    its titles (fewer cells than it, each a short word), in text order."""
    out: list[int] = []
    j = h + step
    while 0 <= j < len(lines) and len(out) < HEADER_LINES // 2:
        found = _cells(lines[j])
        if (
            not found
            or len(found) >= cells
            or not all(len(c.text) <= MAX_TITLE + 1 and _TITLE_TEXT.fullmatch(c.text) for c in found)
        ):
            break
        out.append(j)
        j += step
    return sorted(out)


def _clusters(starts: list[int]) -> list[list[int]]:
    """Sorted character columns grouped where they stand within :data:`TOLERANCE` of the one before."""
    groups: list[list[int]] = []
    for start in starts:
        if groups and start - groups[-1][-1] <= TOLERANCE:
            groups[-1].append(start)
        else:
            groups.append([start])
    return groups


def _content_columns(lines: list[str], first: int, wanted: int) -> list[int] | None:
    """The ``wanted`` columns the cells below a header stand in (the 序号 column aside): each the
    most common start of a group of cell starts, over the lines down to the third 序号 (a start
    no other line shares, a paragraph's after the table, is left out if that makes the count);
    None if the cells stand in another number of columns."""
    seen: list[int] = []
    numbers = 0
    for j in range(first, min(len(lines), first + CONTENT_LINES)):
        line = lines[j].replace("\f", "")
        if "\f" in lines[j] and j > first:
            break  # another page's columns
        cells = _cells(line)
        if cells and _NUMBER.fullmatch(cells[0].text):
            numbers += 1
            if numbers == 3:
                break
            cells = cells[1:]
        seen.extend(c.start for c in cells)
    groups = _clusters(sorted(seen))
    if len(groups) != wanted:
        groups = [g for g in groups if len(g) > 1]
    if len(groups) != wanted:
        return None
    return [max(set(g), key=g.count) for g in groups]


def _row_cuts(at: list[int], ys: list[int], page_of: dict[int, int]) -> list[int]:
    """Where each row's lines of one column begin and end in ``at`` (the column's line indices,
    ``ys`` the rows' 序号 lines): the cuts that centre each cell on its row's 序号 line best, as
    many lines above it as below. A row cut by a page break is set from the top of its first
    part (LibreOffice, Word): its cell has no line above the 序号; so may a page's last row be.
    The cuts are chosen together (a row of many lines, then one of few, still parts right), from
    the first row, which has every line above its 序号, to the last, which has every line below."""
    n = len(at)
    # each cut r (after row r) lies between the lines at or above ys[r] and those below ys[r + 1]
    lows = [bisect_right(at, y) for y in ys[:-1]]
    highs = [bisect_left(at, y) for y in ys[1:]]
    # a row whose cell ran into the page's foot was cut, though no line of it went over
    last_on_page = [r + 1 == len(ys) or page_of.get(ys[r + 1], 0) != page_of.get(y, 0) for r, y in enumerate(ys)]
    cost: dict[int, int] = {0: 0}  # cut before row r -> least cost of the rows above it
    back: list[dict[int, int]] = []
    for r, y in enumerate(ys):
        ends = range(lows[r], max(lows[r], highs[r]) + 1) if r + 1 < len(ys) else range(n, n + 1)
        best: dict[int, int] = {}
        came: dict[int, int] = {}
        for start, so_far in cost.items():
            for end in ends:
                if end < start:
                    continue
                block = at[start:end]
                above = sum(1 for j in block if j < y)
                balance = abs(above - sum(1 for j in block if j > y))
                if any(page_of.get(j, 0) != page_of.get(y, 0) for j in block):
                    c = so_far + above  # cut by a page break
                elif last_on_page[r]:
                    c = so_far + min(above, balance)  # a page's last row may have been cut too
                else:
                    c = so_far + balance
                if end not in best or c < best[end]:
                    best[end], came[end] = c, start
        cost = best
        back.append(came)
    cuts = [n]
    for came in reversed(back):
        cuts.append(came[cuts[-1]])
    return cuts[::-1]


def _overruns(placed: tuple[int, _Cell], entries: list[list[tuple[int, str]]]) -> bool:
    """Whether a line of one cell is wider than every line its column held so far (a paragraph
    after the table that starts where the column does): a column's lines wrap at its width."""
    k, cell = placed
    seen = [_width(text) for _, text in entries[k] if not _ASCII.search(text)]
    return len(seen) >= 2 and not _ASCII.search(cell.text) and _width(cell.text) > max(seen) + SHORT_BY


def _font_switches_joined(cells: list[_Cell]) -> list[_Cell]:
    """``cells`` with every one that touches the one before it across a font change joined to it
    (not a line's first, a 序号)."""
    out = cells[:1]
    for cell in cells[1:]:
        prev = out[-1]
        if len(out) > 1 and cell.start == prev.end + 1 and _font_switch(prev.text[-1], cell.text[0]):
            out[-1] = _Cell(prev.start, f"{prev.text} {cell.text}")
        else:
            out.append(cell)
    return out


def _is_title_line(placed: list[tuple[int, _Cell]]) -> bool:
    """Whether a line below the header holds the rest of its titles: short cells, no marks."""
    return all(len(cell.text) <= MAX_TITLE and _TITLE_TEXT.fullmatch(cell.text) for _, cell in placed)


def _has_gutters(lines: list[str], first: int, second: int, table: _Table) -> bool:
    """Whether the columns hold down the page: a wrapped cell's line (a line without a 序号)
    between the first two rows stands in them, so that each gutter is a column of spaces
    shared by at least three consecutive lines; or, rows of one line each, a third row follows
    in the same columns. Prose with wide justified spaces has neither."""
    for k in range(first + 1, second):
        line = lines[k].replace("\f", "")
        cells = _cells(line)
        if cells and not _is_furniture(line) and _opens_row(cells) is None:
            return _placed(cells, 0, table) is not None
    third = _next_opener(lines, second + 1, _cells(lines[second]))
    return third is not None and _line_shift(_cells(lines[third]), table, 0) is not None


def _next_opener(lines: list[str], j: int, first: list[_Cell]) -> int | None:
    """Index of the line opening the row after ``first``'s, if one comes before prose."""
    wanted = int(first[0].text) + 1
    for k in range(j, min(len(lines), j + NEXT_ROW_WITHIN)):
        cells = _cells(lines[k].replace("\f", ""))
        if _opens_row(cells) == wanted:
            return k
    return None
