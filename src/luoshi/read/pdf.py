"""PDF text layer via PDFium (pypdfium2): fast, and it gives each line's position.

PDFium extracts a 100-page gazette in a fraction of a second and returns
lines in content order with ``\\r\\n`` between them; we look up where each
line sits to drop page furniture (see :mod:`luoshi.read.pdf_furniture`) and
keep everything else, line breaks included, for the cleaner.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from msgspec.structs import replace

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.glyph_lines import CELL_GAP, Glyph, line_text
from luoshi.read.pdf_borderless import MIN_COLUMNS, find_tables
from luoshi.read.pdf_furniture import EDGE_BAND, PageLine, remove_furniture
from luoshi.read.pdf_tables import Grid, TableRow, ends_sentence, find_grids, join_wrapped, rulings
from luoshi.read.sniff import Sniffed, expect_kind

#: A complete PDF ends with ``%%EOF``; readers tolerate some trailing junk, conventionally
#: up to 1 KiB. Without it the file was cut off (an interrupted download), and PDFium would
#: silently rebuild whatever pages survived.
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 1024

#: PDFium load errors that mean "locked", not "broken".
ENCRYPTION_ERRORS = frozenset({pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY})

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: PDFium marks a line-end hyphen with U+0002; other C0 controls and noncharacters are
#: extraction debris, never text. Lone surrogates come from broken ToUnicode maps.
_HYPHEN_MARK = "\x02"
_DEBRIS = re.compile("[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _box(textpage: pdfium.PdfTextPage, text_index: int) -> tuple[float, float, float, float] | None:
    """The loose box (left, bottom, right, top) of the character at ``text_index``, if it has one."""
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    if char_index < 0:
        return None
    try:
        return textpage.get_charbox(char_index, loose=True)
    except pdfium.PdfiumError:
        return None


def _depth(box: tuple[float, ...] | None, rotation: int, page_box: tuple[float, ...]) -> float | None:
    """Where a character with ``box`` sits: 0 at the displayed top edge, 1 at the bottom."""
    if box is None:
        return None
    left, bottom, right, top = box
    x0, y0, x1, y1 = page_box
    if x1 <= x0 or y1 <= y0:
        return None
    x = ((left + right) / 2 - x0) / (x1 - x0)
    y = ((bottom + top) / 2 - y0) / (y1 - y0)
    # /Rotate turns the page clockwise for display: which edge of the unrotated page is on top.
    return {0: 1 - y, 1: x, 2: y, 3: 1 - x}.get(rotation)


_SPACE_RUN = re.compile(r" +")


def _space_gaps(
    textpage: pdfium.PdfTextPage, piece: str, offset: int, marks: re.Pattern[str] = _SPACE_RUN
) -> Iterator[tuple[re.Match[str], tuple[float, ...], tuple[float, ...], float]]:
    """Each space run (or other ``marks``) inside ``piece`` (not at its ends) with the boxes of the
    glyphs either side and the larger of their heights; runs whose glyphs have no box or no
    height are skipped."""
    for m in marks.finditer(piece):
        if m.start() == 0 or m.end() == len(piece):
            continue
        before = _box(textpage, offset + _utf16_len(piece[: m.start()]) - 1)
        after = _box(textpage, offset + _utf16_len(piece[: m.end()]))
        if before is None or after is None:
            continue
        size = max(before[3] - before[1], after[3] - after[1])
        if size > 0:
            yield m, before, after, size


def _cells(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> str:
    """``piece`` with each space run that spans a wide horizontal gap written as a tab."""
    if " " not in piece.strip(" "):
        return piece
    out, last = [], 0
    for m, before, after, size in _space_gaps(textpage, piece, offset):
        if after[0] - before[2] >= CELL_GAP * size and abs(after[1] - before[1]) < size / 2:
            out.append(piece[last : m.start()])
            out.append("\t")
            last = m.end()
    if not out:
        return piece
    out.append(piece[last:])
    return "".join(out)


def _line_returns(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> list[int]:
    """Where ``piece`` goes on at the start of a lower line (after a space run): PDFium runs a
    line on into the next when the next starts with a thin glyph such as ``——``."""
    return [
        m.end()
        for m, before, after, size in _space_gaps(textpage, piece, offset)
        if before[1] - after[1] >= size / 2 and after[0] < before[0]
    ]


_LINE_END_MARK = re.compile("[\x02\ufffe]")


def _hyphen_returns(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> list[int]:
    """Where ``piece`` goes on at the start of a lower line after a line-end hyphen mark: PDFium
    joins a line ending in a dash to the next as a hyphenated word, even where the dash stands
    alone (a web page's ``浏览次数 -`` counter printed above the 发文字号 line). A hyphenated
    Latin word (letters either side) stays joined."""
    cuts = []
    for m, before, after, size in _space_gaps(textpage, piece, offset, _LINE_END_MARK):
        if piece[m.start() - 1].isascii() and piece[m.start() - 1].isalpha() and piece[m.end()].isascii():
            continue
        if before[1] - after[1] >= size / 2:
            cuts.append(m.end())
    return cuts


def _page_line(
    textpage: pdfium.PdfTextPage, piece: str, offset: int, rotation: int, page_box: tuple[float, ...]
) -> PageLine:
    """One line of text starting at PDFium text index ``offset``, placed on its page."""
    first = len(piece) - len(piece.lstrip())
    depth = left = size = None
    if first < len(piece):
        box = _box(textpage, offset + _utf16_len(piece[:first]))
        depth = _depth(box, rotation, page_box)
        if box is not None and rotation == 0 and box[3] > box[1]:
            left, size = box[0] - page_box[0], box[3] - box[1]
    shown = piece
    if rotation == 0 and depth is not None:
        shown = _in_x_order(textpage, piece, offset) if _out_of_order(textpage, piece, offset) else None
        if shown is None:
            shown = _cells(textpage, piece, offset)
        else:
            left = min(left, _line_left(textpage, piece, offset)) if left is not None else left
    return PageLine(_DEBRIS.sub("", shown.replace(_HYPHEN_MARK, "-")), depth, left, size)


def _out_of_order(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> bool:
    """Whether ``piece`` goes back to the left after a space run on the same baseline: glyphs
    drawn after the rest of their line (LibreOffice draws “” in a fallback font once the line's
    other text is set), which PDFium hands over at the line's end."""
    if " " not in piece.strip(" "):
        return False
    return any(
        after[0] < before[0] and abs(after[1] - before[1]) < size / 2
        for _, before, after, size in _space_gaps(textpage, piece, offset)
    )


def _placed_glyphs(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> list[Glyph]:
    """The boxes and characters of ``piece``'s visible glyphs."""
    out, index = [], offset
    for char in piece:
        if not char.isspace() and char != _HYPHEN_MARK and not _DEBRIS.match(char):
            box = _box(textpage, index)
            if box is not None:
                out.append((box, char))
        index += _utf16_len(char)
    return out


def _line_left(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> float:
    return min(box[0] for box, _ in _placed_glyphs(textpage, piece, offset))


def _in_x_order(textpage: pdfium.PdfTextPage, piece: str, offset: int) -> str | None:
    """``piece`` rebuilt from its glyphs left to right, a wide gap a tab (as in :func:`_cells`)."""
    glyphs = sorted(_placed_glyphs(textpage, piece, offset), key=lambda g: g[0][0])
    return line_text(glyphs, tabs=True) if glyphs else None


def _glyphs(textpage: pdfium.PdfTextPage) -> list[Glyph]:
    """Every visible glyph of the page with its loose box (C calls: a page holds thousands)."""
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    out = []
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code <= 0x20 or code == 0x3000 or not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ref):
            continue  # nothing, a control (U+0002 marks a line-end hyphen) or a space
        char = chr(code)
        if _DEBRIS.match(char) or char.isspace():
            continue
        out.append(((rect.left, rect.bottom, rect.right, rect.top), char))
    return out


def _fill_grids(glyphs: list[Glyph], grids: list[Grid]) -> list[Glyph]:
    """Put every glyph that lies in one of ``grids`` into its cell; return the others."""
    rest = []
    for box, char in glyphs:
        if not any(grid.add(box, char) for grid in grids):
            rest.append((box, char))
    return rest


def _row_line(row: TableRow, grid: Grid, page_box: tuple[float, ...]) -> PageLine:
    x0, y0, _, y1 = page_box
    depth = (y1 - row.top) / (y1 - y0) if y1 > y0 else None
    return PageLine(row.text, depth, grid.left - x0, row.size, row)


#: A page may hold a borderless table when at least this many of its lines show cells side
#: by side: a line with two wide gaps (written as tabs), a piece PDFium gives on the baseline
#: of the one before, or one that goes back up the page (PDFium reads a borderless row's
#: cells one after another, each top to bottom). The glyph pass that finds such tables
#: (:mod:`luoshi.read.pdf_borderless`) runs only then, or after a page with a table (it may
#: go on with one long cell): a page of prose read top to bottom has none. One is enough: a
#: table's rows may wrap so long that a page holds one row's first line.
TABLE_HINT_LINES = 1


def _table_hints(lines: list[PageLine], page_box: tuple[float, ...]) -> int:
    height = page_box[3] - page_box[1]
    hints, previous = 0, None
    for line in lines:
        if line.row is None and line.depth is not None:
            if line.text.count("\t") >= MIN_COLUMNS - 1:
                hints += 1
            elif previous is not None and line.size and (line.depth - previous) * height < line.size / 2:
                hints += 1
            previous = line.depth
    return hints


def _page_lines(page: pdfium.PdfPage, known: list[tuple[int, ...]]) -> list[PageLine]:
    """The page's lines, each table's rows in place of its text: ruled tables from their
    rulings, borderless ones from their gutters. ``known`` holds the column edges of the
    tables on the page before and is replaced by this page's."""
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range(errors="surrogatepass")
        rotation = page.get_rotation() // 90
        page_box = page.get_bbox()
        grids = find_grids(rulings(page), known) if rotation == 0 else []
        glyphs = _fill_grids(_glyphs(textpage), grids) if grids else None
        lines = _read_lines(textpage, raw, rotation, page_box, grids)
        if rotation == 0 and (known or _table_hints(lines, page_box) >= TABLE_HINT_LINES):
            glyphs = _glyphs(textpage) if glyphs is None else glyphs
            height = page_box[3] - page_box[1]
            band = (page_box[1] + EDGE_BAND * height, page_box[3] - EDGE_BAND * height)
            tables = find_tables(glyphs, known, band)
            if tables:
                _fill_grids(glyphs, tables)
                grids = [*grids, *tables]
                lines = _read_lines(textpage, raw, rotation, page_box, grids)
        known[:] = [grid.column_edges() for grid in grids]
        return lines
    finally:
        textpage.close()


def _read_lines(
    textpage: pdfium.PdfTextPage, raw: str, rotation: int, page_box: tuple[float, ...], grids: list[Grid]
) -> list[PageLine]:
    """The page's text lines, the text of each grid (filled) replaced by its rows."""
    placed: set[int] = set()  # grids whose rows are already in ``lines``
    lines: list[PageLine] = []
    offset = 0  # PDFium text index (UTF-16 units) of the current line's start
    pieces = _LINE_BREAK.split(raw)
    breaks = [*_LINE_BREAK.findall(raw), ""]
    for whole, brk in zip(pieces, breaks, strict=True):
        cuts = _line_returns(textpage, whole, offset) if rotation == 0 and " " in whole.strip(" ") else []
        if rotation == 0 and _LINE_END_MARK.search(whole):
            cuts = sorted({*cuts, *_hyphen_returns(textpage, whole, offset)})
        start = 0
        for end in [*cuts, len(whole)]:
            piece = whole[start:end].rstrip(" ") if end < len(whole) else whole[start:end]
            piece_offset = offset + _utf16_len(whole[:start])
            grid = _grid_of(textpage, piece, piece_offset, grids) if grids else None
            if grid is None:
                lines.append(_page_line(textpage, piece, piece_offset, rotation, page_box))
            elif grid not in placed:  # a table's rows stand where its first text was
                placed.add(grid)
                lines.extend(_row_line(row, grids[grid], page_box) for row in grids[grid].rows())
            start = end
        offset += _utf16_len(whole) + len(brk)
    return lines


def _grid_of(textpage: pdfium.PdfTextPage, piece: str, offset: int, grids: list[Grid]) -> int | None:
    """The index of the grid that ``piece`` (a line of text) starts inside, if any."""
    first = len(piece) - len(piece.lstrip())
    if first == len(piece):
        return None
    box = _box(textpage, offset + _utf16_len(piece[:first]))
    if box is None:
        return None
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return next((i for i, grid in enumerate(grids) if grid.contains(x, y)), None)


#: A line starting between these many type sizes right of the text's left margin opens a
#: paragraph: GB/T 9704 indents a paragraph's first line by two characters. Lines further in
#: are centred titles, right-aligned signatures or table cells in a later column, whose wrapped
#: lines start as far in: they are left unmarked for the cleaner to join or split as before.
INDENT_MIN = 1.5
INDENT_MAX = 3.5
#: The left margin is where at least this share of body lines start (the leftmost such
#: position): most lines of wrapped paragraphs run from the margin. Lines in the edge bands
#: (heads, feet, page numbers) do not count.
MARGIN_SHARE = 0.1
INDENT_MARK = "\u3000\u3000"


def _mark_indents(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Lines that start indented from the text's left margin begin with two ideographic spaces.

    The text layer loses the indent a printed paragraph starts with; without it a paragraph's
    first line would read as the wrap of the line before (the cleaner joins wrapped lines).
    """
    lefts = sorted(
        line.left
        for page in pages
        for line in page
        if line.left is not None
        and line.row is None
        and line.depth is not None
        and EDGE_BAND < line.depth < 1 - EDGE_BAND
    )
    if not lefts:
        return pages
    margin = lefts[int(len(lefts) * MARGIN_SHARE)]
    out = []
    for page in pages:
        marked = []
        for line in page:
            if (
                line.row is None
                and line.left is not None
                and line.size
                and INDENT_MIN * line.size <= line.left - margin <= INDENT_MAX * line.size
                and line.text.strip()
                and not line.text[0].isspace()
            ):
                line = replace(line, text=INDENT_MARK + line.text)
            marked.append(line)
        out.append(marked)
    return out


def _in_body(line: PageLine) -> bool:
    """A table row, or a line with text outside the page's edge bands (heads, feet, page
    numbers, a browser's header and footer, which it prints after the page's text)."""
    if line.row is not None:
        return True
    return bool(line.text.strip()) and (line.depth is None or EDGE_BAND < line.depth < 1 - EDGE_BAND)


def _body_end(page: list[PageLine]) -> int | None:
    """Index of the page's last body line, if any."""
    return next((i for i in range(len(page) - 1, -1, -1) if _in_body(page[i])), None)


def _body_start(page: list[PageLine]) -> int | None:
    """Index of the page's first body line, if any."""
    return next((i for i, line in enumerate(page) if _in_body(line)), None)


#: Two rows belong to one table split by a page break when its outer borders sit within this
#: many points on both pages.
SAME_TABLE = 2


def _same_table(a: TableRow, b: TableRow) -> bool:
    return abs(a.columns[0] - b.columns[0]) <= SAME_TABLE and abs(a.columns[-1] - b.columns[-1]) <= SAME_TABLE


def _continues(above: TableRow, below: TableRow) -> bool:
    """Whether ``below``, the first row on a page, is the rest of ``above``, the last row on the
    page before, cut by the page break. Where the break left the cut open on both pages (no
    border: a browser's print), it is.
    Where borders close both (Word, WPS, LibreOffice): its first cell is empty (the 序号 was
    printed above), each of its cells goes on from a cell above that did not end a sentence,
    and one of those ran to its border (a line-breaking rule may leave the others a character
    or two short)."""
    if len(above.cells) != len(below.cells) or not any(below.cells):
        return False
    if above.cut_bottom and below.cut_top:
        return True
    if below.cells[0]:
        return False
    pairs = [(a, end) for a, b, end in zip(above.cells, below.cells, above.open_end, strict=True) if b]
    return all(a and not ends_sentence(a) for a, _ in pairs) and any(end for _, end in pairs)


def _join_tables(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """A table that runs on from one page to the next is one table: the header row the next
    page repeats goes, and a row cut by the page break is joined cell by cell."""
    header: TableRow | None = None  # the first row of the table that reached the last page's foot
    last: tuple[int, int] | None = None  # where that table's last row is: page, line
    for number, page in enumerate(pages):
        start = _body_start(page)
        if header is not None and last is not None and start is not None and page[start].row is not None:
            above = pages[last[0]][last[1]]
            first = page[start].row
            if _same_table(first, above.row) and _same_table(header, above.row):
                if first.cells == header.cells:
                    del page[start]
                    first = page[start].row if start < len(page) else None
                if first is not None and _continues(above.row, first):
                    cells = tuple(join_wrapped(a, b) for a, b in zip(above.row.cells, first.cells, strict=True))
                    merged = replace(above.row, cells=cells, open_end=first.open_end)
                    pages[last[0]][last[1]] = replace(above, text=merged.text, row=merged)
                    del page[start]
        end = _body_end(page)
        if end is None:
            continue  # nothing left on this page: the table may go on on the next
        row = page[end].row
        if row is None:
            header = last = None
            continue
        top = end
        while top > 0 and page[top - 1].row is not None and _same_table(page[top - 1].row, row):
            top -= 1
        began_here = (_body_start(page) or 0) < top  # body text above it on this page
        if began_here or header is None or last is None or not _same_table(header, row):
            header = page[top].row
        last = (number, end)
    return pages


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    expect_kind(path, data, Sniffed.PDF, "a .pdf file")
    if EOF_MARKER not in data[-EOF_WINDOW:]:
        raise LuoshiError(ErrorCode.CORRUPT, path, "truncated (no %%EOF at the end)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in ENCRYPTION_ERRORS:
            raise LuoshiError(ErrorCode.ENCRYPTED, path, "password required") from None
        raise LuoshiError(ErrorCode.CORRUPT, path, str(exc)) from None


def read_pdf(path: Path, data: bytes) -> SourceText:
    document = _open(path, data)
    try:
        pages = []
        known: list[tuple[int, ...]] = []  # column edges of the tables on the page before
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise LuoshiError(ErrorCode.CORRUPT, path, f"page {index + 1}: {exc}") from None
            try:
                pages.append(_page_lines(page, known))
            except pdfium.PdfiumError as exc:
                raise LuoshiError(ErrorCode.CORRUPT, path, f"page {index + 1}: {exc}") from None
            finally:
                page.close()
    finally:
        document.close()
    page_texts = ["\n".join(lines) for lines in remove_furniture(_mark_indents(_join_tables(pages)))]
    text = "\n".join(page_texts)
    if not text.strip():
        raise LuoshiError(ErrorCode.NO_TEXT, path)
    return SourceText(path=path, text=text, kind="pdf", pages=len(page_texts))
