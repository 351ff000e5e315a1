"""DOCX: paragraphs and tables in body order, one paragraph or table row per line.

The package is opened with :mod:`zipfile` and the main part found through
its relationships (ECMA-376 Part 2). The body is **streamed**: each top-level
paragraph or table is parsed, turned into lines and freed before the next one,
so memory follows the text, not the XML tree (a 20 MB package inflates to
hundreds of MB of XML, and a whole lxml tree of it costs several times that).
Parts are inflated only up to :data:`MAX_INFLATE_RATIO` times the file's size
(plus :data:`INFLATE_ALLOWANCE`): a small file that claims more is refused
before anything is parsed. We walk the XML ourselves, not python-docx's API,
which lists paragraphs and tables separately (losing their order) and skips
text inside content controls, tracked insertions and text boxes, all common
in documents that went through WPS or an approval workflow.

A table row becomes one line with its cells separated by ``\\t`` (the same
shape as the tab-separated tables in TXT sources), so the outline and
extractors see a row as a unit; a vertically merged cell is written once,
in its first row. Page headers and footers are furniture and are skipped.
Numbers that Word draws from ``numbering.xml`` (automatic 一、（一）1.) are
written into the text by :mod:`luoshi.read.docx_numbering`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.docx_numbering import Numbering, load_numbering
from luoshi.read.encoding import normalise_newlines
from luoshi.read.ooxml import (
    REL_NUMBERING,
    REL_OFFICE_DOCUMENT,
    REL_STYLES,
    WORD_MAIN_CONTENT_TYPES,
    qn,
)
from luoshi.read.sniff import Sniffed, expect_kind

#: Refuse packages that inflate past this (a "zip bomb" or a DOCX full of images would
#: otherwise be decompressed whole by python-docx); text-only 公文 are well under 10 MB.
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024

#: The XML parts we parse may inflate to this many times the file's size, plus
#: :data:`INFLATE_ALLOWANCE`. Real text documents inflate 3–15× (Word's XML is verbose but
#: repetitive); a package claiming more is a "zip bomb" (450 KB → 350 MB of XML) and would
#: cost gigabytes to parse. Tested on both sides in tests/pipeline/read/test_memory.py.
MAX_INFLATE_RATIO = 40
#: Absolute slack for small files: a 20 KB document's styles.xml alone inflates ~20×.
INFLATE_ALLOWANCE = 8 * 1024 * 1024

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


#: A run's inner content as text (what python-docx's ``CT_R.text`` gives): a line break is a
#: newline unless it is a page or column break, tabs are tabs, a non-breaking hyphen a dash.
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_T, _BR, _TYPE = qn("w:t"), qn("w:br"), qn("w:type")


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _BR:
            parts.append("\n" if child.get(_TYPE, "textWrapping") == "textWrapping" else "")
        else:
            parts.append(_RUN_TEXT.get(child.tag, ""))
    return "".join(parts)


def _paragraph_lines(p: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Text-box paragraphs anchored here first, then the paragraph's own text.

    Only runs that belong to ``p`` itself count; mc:Fallback repeats a text box's content
    for old readers, so it is skipped. Word's automatic number, if any, comes first.
    """
    for box in p.iter(_TXBX):
        if not _inside(box, p, frozenset({_MC_FALLBACK, _TXBX})):
            yield from _block_lines(box, numbering)
    own = "".join(_run_text(run) for run in p.iter(_R) if not _inside(run, p, _NESTED))
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


def _child_lines(child: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Lines of one block-level element: a paragraph, a table or a transparent container."""
    if child.tag == _P:
        yield from _paragraph_lines(child, numbering)
    elif child.tag == _TBL:
        yield from _table_lines(child, numbering)
    elif child.tag in _TRANSPARENT:
        yield from _block_lines(child, numbering)


def _block_lines(container: etree._Element, numbering: Numbering) -> Iterator[str]:
    """Lines of a body, cell or text box: paragraphs and table rows in document order."""
    for child in container:
        yield from _child_lines(child, numbering)


def _parser() -> etree.XMLParser:
    # No entities, no network, no huge-tree mode: a package is untrusted input.
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _stream_body(stream: IO[bytes], numbering: Numbering) -> Iterator[str]:
    """The main part's body, one top-level block at a time; each is freed once read."""
    body_tag = qn("w:body")
    for _event, element in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True):
        parent = element.getparent()
        if parent is None or parent.tag != body_tag:
            continue
        yield from _child_lines(element, numbering)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]


def _part_name(source: str, target: str) -> str:
    """A relationship's target as a part name inside the ZIP (no leading slash)."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relationships(package: zipfile.ZipFile, source: str) -> dict[str, str]:
    """Internal relationships of part ``source`` (``""`` for the package): type → part name."""
    directory, name = posixpath.split(source)
    rels_name = posixpath.join(directory, "_rels", f"{name}.rels")
    if rels_name not in package.NameToInfo:
        return {}
    root = etree.fromstring(package.read(rels_name), _parser())
    out: dict[str, str] = {}
    for rel in root.iterchildren(qn("rel:Relationship")):
        if rel.get("TargetMode") == "External" or not rel.get("Target"):
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        out.setdefault(kind, _part_name(source, rel.get("Target", "")))
    return out


def _content_type(package: zipfile.ZipFile, part: str) -> str:
    root = etree.fromstring(package.read("[Content_Types].xml"), _parser())
    for override in root.iterchildren(qn("ct:Override")):
        if override.get("PartName", "").lstrip("/").lower() == part.lower():
            return override.get("ContentType", "")
    extension = posixpath.splitext(part)[1].lstrip(".").lower()
    for default in root.iterchildren(qn("ct:Default")):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType", "")
    return ""


def _check_package(path: Path, data: bytes) -> None:
    expect_kind(path, data, Sniffed.ZIP, "a .docx file")
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


def _open_parts(path: Path, package: zipfile.ZipFile, size: int) -> tuple[str, str | None, str | None]:
    """Main, numbering and styles part names, after checking what they are and how big."""
    main = _relationships(package, "").get(REL_OFFICE_DOCUMENT)
    if main is None or main not in package.NameToInfo:
        raise LuoshiError(ErrorCode.CORRUPT, path, "the main document part is missing")
    content_type = _content_type(package, main)
    if content_type not in WORD_MAIN_CONTENT_TYPES:
        raise LuoshiError(
            ErrorCode.WRONG_EXTENSION, path, f"an Office package that is not a Word document ({content_type})"
        )
    rels = _relationships(package, main)
    numbering, styles = rels.get(REL_NUMBERING), rels.get(REL_STYLES)
    numbering = numbering if numbering in package.NameToInfo else None
    styles = styles if styles in package.NameToInfo else None
    inflated = sum(package.getinfo(name).file_size for name in (main, numbering, styles) if name is not None)
    if inflated > MAX_INFLATE_RATIO * size + INFLATE_ALLOWANCE:
        raise LuoshiError(
            ErrorCode.TOO_LARGE,
            path,
            f"its text parts inflate to {inflated / 2**20:.0f} MB, more than a document of this size can hold",
        )
    return main, numbering, styles


def _small_part(package: zipfile.ZipFile, name: str | None) -> etree._Element | None:
    return etree.fromstring(package.read(name), _parser()) if name is not None else None


def read_docx(path: Path, data: bytes) -> SourceText:
    _check_package(path, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main, numbering_part, styles_part = _open_parts(path, package, len(data))
            numbering = load_numbering(_small_part(package, numbering_part), _small_part(package, styles_part))
            with package.open(main) as stream:
                lines = list(_stream_body(stream, numbering))
    except (KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise LuoshiError(ErrorCode.CORRUPT, path, f"{type(exc).__name__}: {exc}") from None
    text = "\n".join(lines)
    del lines
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "no text in the document body")
    return SourceText(path=path, text=text, kind="docx")
