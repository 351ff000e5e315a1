"""The pipeline: file → read → clean → split → header → outline → extract.

``parse_file`` is the one entry point; ``parse_source`` starts from text that
was read elsewhere (the registry's upload, tests).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from luoshi.clean import clean
from luoshi.extract.references import extract_references
from luoshi.extract.targets import extract_targets
from luoshi.extract.tasks import extract_tasks
from luoshi.header import read_header
from luoshi.model import CleanText, Document, ParseResult, SourceText
from luoshi.outline import build_outline, split_closing
from luoshi.read import read_file
from luoshi.split import paragraphs, split_documents


def parse_file(path: Path | str) -> ParseResult:
    return parse_source(read_file(path))


def parse_text(text: str, name: str = "<text>") -> ParseResult:
    return parse_source(SourceText(path=Path(name), text=text, kind="txt", encoding="utf-8"))


def parse_source(source: SourceText) -> ParseResult:
    ct = clean(source)
    paras = paragraphs(ct)
    documents = []
    for rng in split_documents(paras):
        documents.append(_parse_document(ct, paras, rng))
    return ParseResult(clean=ct, documents=tuple(documents))


def _parse_document(ct: CleanText, paras, rng) -> Document:
    h = read_header(paras, rng)
    body = paras[h.body_first : h.body_last]
    outline = split_closing(build_outline(body))
    closing = outline.closing + (paras[h.body_last : h.last] if h.forwarded_title is None else ())
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
        preamble=outline.preamble,
        outline=outline.nodes,
        closing=tuple(closing),
        signature=h.signature,
        attachments=h.attachments,
    )
    return replace(
        doc,
        tasks=extract_tasks(doc, ct),
        targets=extract_targets(doc, ct),
        references=extract_references(doc, ct),
    )
