"""Stage 3: split clean text into official documents.

A gazette holds several documents, each opening with its title block: the
title (one or more short lines) and the 发文字号 below it, or a 版头 (``××文件``)
with the 发文字号 and the title after it. Every 发文字号 paragraph therefore
anchors one document; the document runs from its title block to the next
one's. A 印发/转发 notice and the document it forwards carry one 发文字号, so
they stay one document. Text with no 发文字号 paragraph is one document.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.model import CleanText, Paragraph
from luoshi.patterns import DATE_LINE, DOC_NUMBER_LINE

# How many short paragraphs above a 发文字号 may form the title (titles run to three lines).
MAX_TITLE_LINES = 4
# A title line is shorter than this (characters); body paragraphs are longer or end with 。
MAX_TITLE_LINE_CHARS = 60


@dataclass(frozen=True)
class DocumentRange:
    """Paragraph indexes of one document: [first, last) and the 发文字号 paragraph, if any."""

    first: int
    last: int
    number_index: int | None


def paragraphs(clean: CleanText) -> tuple[Paragraph, ...]:
    out = []
    pos = 0
    text = clean.text
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line), line))
        pos += len(line) + 1
    return tuple(out)


def is_title_line(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_LINE_CHARS
        and "。" not in text
        and not text.endswith(("：", ":", "；"))
        and not DATE_LINE.match(text)
        and not DOC_NUMBER_LINE.match(text)
        and "\t" not in text
        and "：" not in text
    )


def title_start(paras: tuple[Paragraph, ...], number_index: int, floor: int) -> int:
    """First paragraph of the title block that ends at the 发文字号 paragraph ``number_index``."""
    i = number_index
    while i - 1 >= floor and number_index - (i - 1) <= MAX_TITLE_LINES and is_title_line(paras[i - 1].text):
        i -= 1
    return i


def split_documents(paras: tuple[Paragraph, ...]) -> tuple[DocumentRange, ...]:
    numbers = [i for i, p in enumerate(paras) if DOC_NUMBER_LINE.match(p.text)]
    # A 发文字号 repeated right after another one (web copies print it twice) anchors nothing new.
    anchors: list[int] = []
    for i in numbers:
        if anchors and i - anchors[-1] <= MAX_TITLE_LINES and paras[i].text == paras[anchors[-1]].text:
            continue
        anchors.append(i)
    if not anchors:
        return (DocumentRange(0, len(paras), None),)
    starts = []
    floor = 0
    for k, i in enumerate(anchors):
        start = 0 if k == 0 else title_start(paras, i, floor)
        starts.append(start)
        floor = i + 1
    ranges = []
    for k, i in enumerate(anchors):
        end = starts[k + 1] if k + 1 < len(anchors) else len(paras)
        ranges.append(DocumentRange(starts[k], end, i))
    return tuple(ranges)
