"""The pipeline: file → read → clean → split → header → outline → extract.

``parse_file`` is the one entry point; ``parse_source`` starts from text that
was read elsewhere (the registry's upload, tests).

Both run with the cyclic garbage collector paused (``collection_paused``): a parse builds
no reference cycles, so every collection pass during it only rescans the objects the
stages keep alive, which grow with the document (issue 10: on one long document at 64×
the seed, seven full passes cost 0.9 s of 3 s, and made the time grow faster than the text).
"""

from __future__ import annotations

import _thread
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from msgspec.structs import replace

from luoshi.clean import clean
from luoshi.extract.references import extract_references
from luoshi.extract.targets import extract_targets
from luoshi.extract.tasks import extract_tasks
from luoshi.header import read_header
from luoshi.model import CleanText, Document, ParseResult, SourceText
from luoshi.outline import build_outline, split_closing
from luoshi.read import read_file
from luoshi.split import fold_paragraphs, paragraphs, split_folded_documents
from luoshi.traditional import Printed, folded_clean, printed_document, printed_targets, printed_tasks, reading


def parse_file(path: Path | str) -> ParseResult:
    with collection_paused():
        return parse_source(read_file(path))


def parse_text(text: str, name: str = "<text>") -> ParseResult:
    return parse_source(SourceText(path=Path(name), text=text, kind="txt", encoding="utf-8"))


# Parses under way in this process (threads of the registry may parse side by side), and whether
# the collector was enabled when the first of them began: it is enabled again when the last ends.
_paused = 0
_resume = False
_pause_lock = _thread.allocate_lock()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block with ``gc`` disabled, then restore the collector as it was.

    Nested and concurrent blocks count: the collector comes back when the last one ends,
    and only if it was enabled before the first began (a program that disabled it keeps
    it disabled). Memory is freed by reference counting as usual meanwhile; what waits for
    the next collection after the block is only cyclic garbage. The stages from the cleaner
    on make none (``tests/pipeline/speed/test_gc_pause.py`` checks every corpus file); the PDF reader
    leaves a few dozen small wrapper objects of pypdfium2 (7–38 per file in the tests' PDFs),
    whose document it has closed, so their native memory is already freed.
    """
    global _paused, _resume
    with _pause_lock:
        if _paused == 0:
            _resume = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused -= 1
            if _paused == 0 and _resume:
                gc.enable()


def parse_source(source: SourceText) -> ParseResult:
    with collection_paused():
        return _parse_source(source)


def _parse_source(source: SourceText) -> ParseResult:
    ct = clean(source)
    paras = paragraphs(ct)
    # What the splitter, the header and the outline read (traditional script folded; the cleaner
    # knows whether the text prints any).
    folded = paras if ct.prints_traditional is False else fold_paragraphs(paras)
    folded_ct = folded_clean(ct) if folded is not paras else None  # and the extractors (luoshi.traditional)
    printed = Printed(ct.text, folded_ct.text) if folded_ct is not None else None
    documents = []
    for rng in split_folded_documents(folded):
        documents.append(_parse_document(ct, paras, rng, folded, folded_ct, printed))
    return ParseResult(clean=ct, documents=tuple(documents))


def _parse_document(
    ct: CleanText, paras, rng, folded, folded_ct: CleanText | None, printed: Printed | None
) -> Document:
    h = read_header(paras, rng, folded)
    body = folded[h.body_first : h.body_last]
    outline = split_closing(build_outline(body))
    closing = outline.closing + (folded[h.body_last : h.last] if h.forwarded_title is None else ())
    start = paras[h.first].start if h.first < len(paras) else 0
    end = paras[h.last - 1].end if h.last > h.first else start
    doc = Document(
        doc_number=h.doc_number,
        title=h.title,
        issuers=h.issuers,
        date=h.date,
        addressees=h.addressees,
        genre=h.genre,
        forwarded_title=h.forwarded_title,
        span=ct.span(start, end),
        body_start=paras[h.body_first].start if h.body_first < len(paras) else end,
        reference_date=h.reference_date,
        preamble=outline.preamble,
        outline=outline.nodes,
        closing=tuple(closing),
        signature=h.signature,
        attachments=h.attachments,
    )
    if printed is not None:
        doc = printed_document(doc, ct, printed)
    read = reading(doc, ct, folded_ct)
    tasks = extract_tasks(read.document, read.clean)
    targets = extract_targets(read.document, read.clean)
    if printed is not None:
        tasks, targets = printed_tasks(tasks, printed), printed_targets(targets, printed)
    return replace(doc, tasks=tasks, targets=targets, references=extract_references(doc, ct))
