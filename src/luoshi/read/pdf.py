"""PDF text layer via PDFium (pypdfium2): fast, and it gives each line's position.

PDFium extracts a 100-page gazette in a fraction of a second and returns
lines in content order with ``\\r\\n`` between them; we look up where each
line sits to drop page furniture (see :mod:`luoshi.read.pdf_furniture`) and
keep everything else, line breaks included, for the cleaner.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.pdf_furniture import PageLine, remove_furniture
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


def _depth(textpage: pdfium.PdfTextPage, text_index: int, rotation: int, box: tuple[float, ...]) -> float | None:
    """Where the character at ``text_index`` sits: 0 at the displayed top edge, 1 at the bottom."""
    char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    if char_index < 0:
        return None
    try:
        left, bottom, right, top = textpage.get_charbox(char_index, loose=True)
    except pdfium.PdfiumError:
        return None
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return None
    x = ((left + right) / 2 - x0) / (x1 - x0)
    y = ((bottom + top) / 2 - y0) / (y1 - y0)
    # /Rotate turns the page clockwise for display: which edge of the unrotated page is on top.
    return {0: 1 - y, 1: x, 2: y, 3: 1 - x}.get(rotation)


def _page_lines(page: pdfium.PdfPage) -> list[PageLine]:
    textpage = page.get_textpage()
    try:
        raw = textpage.get_text_range(errors="surrogatepass")
        rotation = page.get_rotation() // 90
        box = page.get_bbox()
        lines: list[PageLine] = []
        offset = 0  # PDFium text index (UTF-16 units) of the current line's start
        pieces = _LINE_BREAK.split(raw)
        breaks = [*_LINE_BREAK.findall(raw), ""]
        for piece, brk in zip(pieces, breaks, strict=True):
            first = len(piece) - len(piece.lstrip())
            depth = None
            if first < len(piece):
                depth = _depth(textpage, offset + _utf16_len(piece[:first]), rotation, box)
            text = _DEBRIS.sub("", piece.replace(_HYPHEN_MARK, "-"))
            lines.append(PageLine(text, depth))
            offset += _utf16_len(piece) + len(brk)
        return lines
    finally:
        textpage.close()


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
    page_texts = ["\n".join(lines) for lines in remove_furniture(pages)]
    text = "\n".join(page_texts)
    if not text.strip():
        raise LuoshiError(ErrorCode.NO_TEXT, path)
    return SourceText(path=path, text=text, kind="pdf", pages=len(page_texts))
