"""PDF text layer via PDFium (pypdfium2): fast, and it gives each line's position.

PDFium extracts a 100-page gazette in a fraction of a second and returns
lines in content order with ``\\r\\n`` between them; we look up where each
line sits to drop page furniture (see :mod:`luoshi.read.pdf_furniture`) and
keep everything else, line breaks included, for the cleaner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.pdf_furniture import EDGE_BAND, PageLine, remove_furniture
from luoshi.read.sniff import SNIFF_BYTES, Sniffed, sniff

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


#: A gap this wide (in type sizes) between two characters on one baseline separates table
#: cells or columns, not words: body text, Chinese or Latin, never leaves a full em blank
#: inside a line. The gap is written as a tab, the cell separator of every reader.
CELL_GAP = 0.8
_SPACE_RUN = re.compile(r" +")


def _space_gaps(
    textpage: pdfium.PdfTextPage, piece: str, offset: int
) -> Iterator[tuple[re.Match[str], tuple[float, ...], tuple[float, ...], float]]:
    """Each space run inside ``piece`` (not at its ends) with the boxes of the glyphs either side
    and the larger of their heights; runs whose glyphs have no box or no height are skipped."""
    for m in _SPACE_RUN.finditer(piece):
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
    shown = _cells(textpage, piece, offset) if rotation == 0 and depth is not None else piece
    return PageLine(_DEBRIS.sub("", shown.replace(_HYPHEN_MARK, "-")), depth, left, size)


def _page_lines(page: pdfium.PdfPage) -> list[PageLine]:
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range(errors="surrogatepass")
        rotation = page.get_rotation() // 90
        page_box = page.get_bbox()
        lines: list[PageLine] = []
        offset = 0  # PDFium text index (UTF-16 units) of the current line's start
        pieces = _LINE_BREAK.split(raw)
        breaks = [*_LINE_BREAK.findall(raw), ""]
        for whole, brk in zip(pieces, breaks, strict=True):
            cuts = _line_returns(textpage, whole, offset) if rotation == 0 and " " in whole.strip(" ") else []
            start = 0
            for end in [*cuts, len(whole)]:
                piece = whole[start:end].rstrip(" ") if end < len(whole) else whole[start:end]
                lines.append(_page_line(textpage, piece, offset + _utf16_len(whole[:start]), rotation, page_box))
                start = end
            offset += _utf16_len(whole) + len(brk)
        return lines
    finally:
        textpage.close()


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
        if line.left is not None and line.depth is not None and EDGE_BAND < line.depth < 1 - EDGE_BAND
    )
    if not lefts:
        return pages
    margin = lefts[int(len(lefts) * MARGIN_SHARE)]
    out = []
    for page in pages:
        marked = []
        for line in page:
            if (
                line.left is not None
                and line.size
                and INDENT_MIN * line.size <= line.left - margin <= INDENT_MAX * line.size
                and line.text.strip()
                and not line.text[0].isspace()
            ):
                line = PageLine(INDENT_MARK + line.text, line.depth, line.left, line.size)
            marked.append(line)
        out.append(marked)
    return out


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    kind = sniff(data[:SNIFF_BYTES])
    if kind is not Sniffed.PDF:
        raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, f"a .pdf file holding {kind.describe()}")
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
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise LuoshiError(ErrorCode.CORRUPT, path, f"page {index + 1}: {exc}") from None
            try:
                pages.append(_page_lines(page))
            except pdfium.PdfiumError as exc:
                raise LuoshiError(ErrorCode.CORRUPT, path, f"page {index + 1}: {exc}") from None
            finally:
                page.close()
    finally:
        document.close()
    page_texts = ["\n".join(lines) for lines in remove_furniture(_mark_indents(pages))]
    text = "\n".join(page_texts)
    if not text.strip():
        raise LuoshiError(ErrorCode.NO_TEXT, path)
    return SourceText(path=path, text=text, kind="pdf", pages=len(page_texts))
