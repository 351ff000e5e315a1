"""Plain-text files: detect the encoding, normalise line ends, nothing else.

Cleaning (full-width forms, page numbers left by pdftotext, wrapped lines)
is the clean stage's job; the reader only makes the bytes into ``str``.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.encoding import Decoded, UndecodableError, decode_text, normalise_newlines
from luoshi.read.sniff import SNIFF_BYTES, Sniffed, looks_binary, sniff

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
    kind = sniff(data[:SNIFF_BYTES])
    if kind is Sniffed.OTHER_BINARY:
        raise LuoshiError(ErrorCode.BINARY, path)
    if kind is not Sniffed.TEXT:
        raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, f"a .txt file holding {kind.describe()}")
    decoded = decode_document_bytes(data, path)
    if not decoded.text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "only whitespace")
    return SourceText(path=path, text=decoded.text, kind="txt", encoding=decoded.encoding)
