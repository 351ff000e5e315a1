"""What a file really is, from its first bytes, whatever its name says.

The reader picks a format by extension (people name their files), but a
download renamed by hand or a server that serves a PDF as ``.htm`` is common
for government sites; sniffing the content lets us say "this is a PDF named
.txt" instead of printing mojibake or a library's stack trace.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from luoshi.errors import ErrorCode, LuoshiError


class Sniffed(StrEnum):
    """Content kinds we can recognise from a file's leading bytes."""

    PDF = "pdf"
    ZIP = "zip"  # DOCX is a ZIP package; so are XLSX, ODT, …
    OLE2 = "ole2"  # legacy Office: .doc, .xls, .wps
    OTHER_BINARY = "binary"  # images, archives, executables
    TEXT = "text"  # none of the above: decide by decoding

    def describe(self) -> str:
        """How an error message names this kind of content."""
        return DESCRIPTIONS[self]


DESCRIPTIONS: dict[Sniffed, str] = {
    Sniffed.PDF: "a PDF",
    Sniffed.ZIP: "a ZIP package (DOCX, XLSX, …)",
    Sniffed.OLE2: "a legacy Office file (.doc, .xls, .wps)",
    Sniffed.OTHER_BINARY: "binary data (image, archive or program)",
    Sniffed.TEXT: "text",
}

# Leading-byte signatures. PDF is special-cased below because its header may be
# preceded by junk (the PDF reference allows it within the first 1024 bytes).
SIGNATURES: tuple[tuple[bytes, Sniffed], ...] = (
    (b"PK\x03\x04", Sniffed.ZIP),
    (b"PK\x05\x06", Sniffed.ZIP),  # empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Sniffed.OLE2),
    (b"\x89PNG\r\n\x1a\n", Sniffed.OTHER_BINARY),
    (b"\xff\xd8\xff", Sniffed.OTHER_BINARY),  # JPEG
    (b"GIF87a", Sniffed.OTHER_BINARY),
    (b"GIF89a", Sniffed.OTHER_BINARY),
    (b"\x1f\x8b", Sniffed.OTHER_BINARY),  # gzip
    (b"7z\xbc\xaf\x27\x1c", Sniffed.OTHER_BINARY),
    (b"Rar!\x1a\x07", Sniffed.OTHER_BINARY),
    (b"\x7fELF", Sniffed.OTHER_BINARY),
    (b"MZ", Sniffed.OTHER_BINARY),  # Windows executable
    (b"II*\x00", Sniffed.OTHER_BINARY),  # TIFF (scans)
    (b"MM\x00*", Sniffed.OTHER_BINARY),
)

#: How far into the file a ``%PDF-`` header may start (PDF 1.7 Implementation Note 13).
PDF_HEADER_WINDOW = 1024

#: Bytes looked at when judging text vs. binary; enough for any header, cheap for any file.
SNIFF_BYTES = 8192

#: C0 control bytes that plain text legitimately contains: tab, LF, VT, FF (pdftotext page
#: breaks), CR, and ESC (rare, some terminal captures).
TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")

#: Share of other control bytes above which a file is binary, not text. Text editors never
#: write them; a few stray ones (a pasted \x07) should not reject a document.
MAX_CONTROL_RATIO = 0.01

# Byte-order marks of UTF-16/32: such text contains NUL bytes and is still text.
WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(head: bytes) -> Sniffed:
    """Classify a file by its leading bytes (pass at least :data:`SNIFF_BYTES` if available)."""
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return Sniffed.PDF
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    return Sniffed.TEXT


def looks_binary(head: bytes) -> bool:
    """True if ``head`` is not text in any encoding we read (NULs or many control bytes).

    Multi-byte encodings we accept (UTF-8, GB18030) never produce bytes below 0x20 other
    than the ASCII ones themselves, so this test is encoding-independent, except for
    UTF-16 which announces itself with a BOM.
    """
    if not head or head.startswith(WIDE_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_A_STRAY_CONTROL))  # (a count in C, not a loop a byte)
    return controls > MAX_CONTROL_RATIO * len(head)


# Every byte but the control bytes plain text never holds: deleted before the rest is counted.
_NOT_A_STRAY_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in TEXT_CONTROLS))


def expect_kind(path: Path, data: bytes, expected: Sniffed, holder: str) -> None:
    """Raise the reader's error unless ``data`` sniffs as ``expected``: E-BINARY for binary
    data in a text format, else WRONG_EXTENSION naming what the file holds (``holder`` is how
    the message names the format, e.g. ``a .pdf file``)."""
    kind = sniff(data[:SNIFF_BYTES])
    if kind is expected:
        return
    if expected is Sniffed.TEXT and kind is Sniffed.OTHER_BINARY:
        raise LuoshiError(ErrorCode.BINARY, path)
    raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, f"{holder} holding {kind.describe()}")
