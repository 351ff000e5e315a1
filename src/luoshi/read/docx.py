"""DOCX: paragraphs and tables in body order, one paragraph or table row per line.

python-docx opens the package; we walk the body XML ourselves because its
high-level API lists paragraphs and tables separately (losing their order)
and skips text inside content controls, tracked insertions and text boxes,
all common in documents that went through WPS or an approval workflow.

A table row becomes one line with its cells separated by ``\\t`` (the same
shape as the tab-separated tables in TXT sources), so the outline and
extractors see a row as a unit; a vertically merged cell is written once,
in its first row. Page headers and footers are furniture and are skipped.
Numbers that Word draws from ``numbering.xml`` (automatic 一、（一）1.) are
written into the text by :mod:`luoshi.read.docx_numbering`.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.docx_numbering import Numbering, load_numbering
from luoshi.read.encoding import normalise_newlines
from luoshi.read.sniff import SNIFF_BYTES, Sniffed, sniff

#: Refuse packages that inflate past this (a "zip bomb" or a DOCX full of images would
#: otherwise be decompressed whole by python-docx); text-only 公文 are well under 10 MB.
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024

#: Parts every WordprocessingML package has; a ZIP without them is some other format.
REQUIRED_PARTS = ("[Content_Types].xml",)
MAIN_PART_PREFIX = "word/"

CELL_SEPARATOR = "\t"
#: Paragraphs inside one cell are joined by a space so that a row stays on one line.
CELL_PARAGRAPH_JOINER = " "

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_TXBX = qn("w:txbxContent")
_V_MERGE = qn("w:vMerge")
_VAL = qn("w:val")
_TC_PR = qn("w:tcPr")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Containers whose children are body-level content (content controls, custom XML, tracked
#: moves/insertions of whole paragraphs).
_TRANSPARENT = frozenset(qn(tag) for tag in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo"))


def _inside(element: etree._Element, stop: etree._Element, tags: frozenset[str]) -> bool:
    """True if an ancestor of ``element`` below ``stop`` has one of ``tags``."""
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


#: A run under these is not the paragraph's own current text: a nested paragraph (text box),
#: Word's duplicate of a text box, or text tracked as deleted / moved away.
_NESTED = frozenset({_P, _TXBX, _MC_FALLBACK, qn("w:del"), qn("w:moveFrom")})


def _paragraph_lines(p: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Text-box paragraphs anchored here first, then the paragraph's own text.

    Only runs that belong to ``p`` itself count; mc:Fallback repeats a text box's content
    for old readers, so it is skipped. Word's automatic number, if any, comes first.
    """
    for box in p.iter(_TXBX):
        if not _inside(box, p, frozenset({_MC_FALLBACK, _TXBX})):
            yield from _block_lines(box, numbering)
    own = "".join(run.text for run in p.iter(_R) if not _inside(run, p, _NESTED))
    yield numbering.label(p) + normalise_newlines(own)


def _is_merged_continuation(tc: etree._Element) -> bool:
    tc_pr = tc.find(_TC_PR)
    v_merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
    return v_merge is not None and v_merge.get(_VAL, "continue") != "restart"


def _cell_text(tc: etree._Element, numbering: Numbering) -> str:
    pieces = (" ".join(line.split()) for line in _block_lines(tc, numbering))
    return CELL_PARAGRAPH_JOINER.join(piece for piece in pieces if piece)


def _children(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _table_lines(tbl: etree._Element, numbering: Numbering) -> Iterator[str]:
    for tr in _children(tbl, _TR):
        cells = ["" if _is_merged_continuation(tc) else _cell_text(tc, numbering) for tc in _children(tr, _TC)]
        yield CELL_SEPARATOR.join(cells)


def _block_lines(container: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Lines of a body, cell or text box: paragraphs and table rows in document order."""
    for child in container:
        if child.tag == _P:
            yield from _paragraph_lines(child, numbering)
        elif child.tag == _TBL:
            yield from _table_lines(child, numbering)
        elif child.tag in _TRANSPARENT:
            yield from _block_lines(child, numbering)


def _related_xml(part, relationship: str) -> etree._Element | None:
    """Root element of a part related to the main document, or None if it has none."""
    try:
        return part.part_related_by(relationship).element
    except (KeyError, AttributeError):  # missing part, or one python-docx keeps as raw bytes
        return None


def _check_package(path: Path, data: bytes) -> None:
    kind = sniff(data[:SNIFF_BYTES])
    if kind is not Sniffed.ZIP:
        raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, f"a .docx file holding {kind.describe()}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise LuoshiError(ErrorCode.CORRUPT, path, f"damaged ZIP package ({exc})") from None
    names = {entry.filename for entry in entries}
    if not all(part in names for part in REQUIRED_PARTS) or not any(
        name.startswith(MAIN_PART_PREFIX) for name in names
    ):
        raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, "a ZIP package that is not a Word document")
    if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
        raise LuoshiError(ErrorCode.TOO_LARGE, path, "package inflates past the limit")


def read_docx(path: Path, data: bytes) -> SourceText:
    _check_package(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        part = document.part
        numbering = load_numbering(_related_xml(part, RT.NUMBERING), _related_xml(part, RT.STYLES))
        lines = list(_block_lines(document.element.body, numbering))
    except ValueError as exc:
        if "not a Word file" in str(exc):
            raise LuoshiError(
                ErrorCode.WRONG_EXTENSION, path, "an Office package that is not a Word document"
            ) from None
        raise LuoshiError(ErrorCode.CORRUPT, path, str(exc)) from None
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise LuoshiError(ErrorCode.CORRUPT, path, f"{type(exc).__name__}: {exc}") from None
    text = "\n".join(lines)
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "no text in the document body")
    return SourceText(path=path, text=text, kind="docx")
