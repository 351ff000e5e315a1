"""Plain-text files: detect the encoding, normalise line ends, rebuild layout tables.

Cleaning (full-width forms, page numbers left by pdftotext, wrapped lines)
is the clean stage's job; the reader makes the bytes into ``str`` and, like the
other readers, gives a table one row a line with its cells between tabs where a
``pdftotext -layout`` text layer laid it out in space-aligned columns
(:mod:`luoshi.read.layout_table`).
"""

from __future__ import annotations

from pathlib import Path

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.encoding import Decoded, UndecodableError, decode_text, normalise_newlines
from luoshi.read.layout_table import rebuild_layout_tables
from luoshi.read.sniff import SNIFF_BYTES, Sniffed, expect_kind, looks_binary

# Leading BOM left by utf-8-sig/utf-16 decoding is stripped by the codec; a stray
# one (GB18030's own BOM, or a file concatenated from BOM-ed pieces) is not text.
ZERO_WIDTH_NO_BREAK = "\ufeff"


def decode_document_bytes(data: bytes, path: Path) -> Decoded:
    """Decoded, newline-normalised text with its encoding, or the matching LuoshiError.

    Shared by the TXT and HTML readers (HTML falls back to it when it declares no charset).
    """
    if looks_binary(data[:SNIFF_BYTES]):
        raise LuoshiError(ErrorCode.BINARY, path)
    try:
        decoded = decode_text(data)
    except UndecodableError as exc:
        raise LuoshiError(ErrorCode.UNDECODABLE, path, str(exc)) from None
    return Decoded(normalise_newlines(decoded.text.lstrip(ZERO_WIDTH_NO_BREAK)), decoded.encoding)


def read_txt(path: Path, data: bytes) -> SourceText:
    expect_kind(path, data, Sniffed.TEXT, "a .txt file")
    decoded = decode_document_bytes(data, path)
    if not decoded.text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "only whitespace")
    return SourceText(path=path, text=txt_text(decoded.text), kind="txt", encoding=decoded.encoding)


def txt_text(text: str) -> str:
    """A text file's decoded text as the reader gives it (``eval/perturb.py`` reads its
    variants, another producer's text files, through this too)."""
    return rebuild_layout_tables(text)
