"""A text in traditional script: read on its simplified fold, reported as printed.

A 香港/台湾-style copy of a 公文, or a simplified page run through a converter, prints
``（責任單位：縣交通運輸局）`` and ``到2025年，覆蓋率達到95%以上``. The rules are written in
simplified characters, so the pipeline reads such a text on its fold
(:func:`luoshi.patterns.fold_traditional`: each listed character replaced one for one, every
position unchanged): the splitter and the header on folded paragraphs, the outline on the folded
body, and the extractors on :func:`reading` — the document and its clean text folded. What they
find is reported as the text prints it (the contract: ``units`` are surface forms as written):
:class:`Printed` takes each value back from the printed text at the position it was read from.

A simplified text has no listed character: :func:`folded_clean` gives None and nothing here runs.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

import msgspec
from msgspec.structs import replace

from luoshi.model import CleanText, Document, OutlineNode, Paragraph, Target, Task
from luoshi.patterns import TRADITIONAL_CHAR, fold_traditional


def folded_clean(clean: CleanText) -> CleanText | None:
    """``clean`` with its text and its source text folded (same lengths, the same offset map), or
    None when the text prints no traditional character."""
    if not TRADITIONAL_CHAR.search(clean.text):
        return None
    source = replace(clean.source, text=fold_traditional(clean.source.text))
    return CleanText(fold_traditional(clean.text), clean.runs, source)


class Reading(msgspec.Struct, frozen=True):
    """What the extractors read for one document: the document and the clean text, folded when the
    text is in traditional script (``folded``), else the document and text themselves."""

    document: Document
    clean: CleanText
    folded: bool


def reading(doc: Document, clean: CleanText, folded: CleanText | None) -> Reading:
    """The extractors' view of ``doc`` (``folded`` is :func:`folded_clean` of ``clean``)."""
    if folded is None:
        return Reading(doc, clean, False)
    read = replace(
        doc,
        title=_fold(doc.title),
        forwarded_title=_fold(doc.forwarded_title),
        preamble=_fold_paragraphs(doc.preamble),
        outline=tuple(_fold_node(n) for n in doc.outline),
        closing=_fold_paragraphs(doc.closing),
    )
    return Reading(read, folded, True)


def _fold(text: str | None) -> str | None:
    return fold_traditional(text) if text else text


def _fold_paragraphs(paras: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    return tuple(replace(p, text=fold_traditional(p.text)) for p in paras)


def _fold_node(node: OutlineNode) -> OutlineNode:
    return replace(
        node,
        marker=fold_traditional(node.marker),
        heading=fold_traditional(node.heading),
        paragraphs=_fold_paragraphs(node.paragraphs),
        children=tuple(_fold_node(c) for c in node.children),
    )


class Printed:
    """The clean text as printed and as folded, to take a value read on the fold back as printed.

    A value is a stretch of the folded text, or of it with its line breaks and spaces left out (a
    task's text joined across lines); it is looked for from the position it was read at, then
    anywhere, and given back with the printed characters at the positions found. A value not in
    the text (an indicator the target rules composed, ``新改建農村公路长度``; a name the unit parser
    built from a shared head) has each character printed as the text prints it, where the text
    prints it one way only: ``里`` stays ``里`` in a text that prints both ``公里`` and ``這裡``.
    """

    __slots__ = ("_keep", "_reverse", "_squeezed", "folded", "printed")

    def __init__(self, printed: str, folded: str) -> None:
        self.printed = printed
        self.folded = folded
        self._keep: array | None = None  # the offsets of the characters that are not whitespace
        self._squeezed = ""  # the folded text without whitespace
        self._reverse: dict[int, str] | None = None  # a folded character → its one printed form

    def of(self, value: str | None, near: int = 0) -> str | None:
        """``value`` (read on the fold at or after ``near``) as printed."""
        if not value:
            return value
        at = self.folded.find(value, near)
        if at < 0:
            at = self.folded.find(value)
        if at >= 0:
            return self.printed[at : at + len(value)]
        return self._squeezed_of(value, near) or value.translate(self._reverse_table())

    def _reverse_table(self) -> dict[int, str]:
        if self._reverse is None:
            forms: dict[str, set[str]] = {}
            for f, p in zip(self.folded, self.printed, strict=True):
                if f != p:
                    forms.setdefault(f, set()).add(p)
            table = {}
            for f, printed in forms.items():
                (form, *others) = printed
                # one printed form, and the folded character never printed as itself (every
                # position of ``f`` in the fold prints ``form``)
                if not others and self.folded.count(f) == self.printed.count(form):
                    table[ord(f)] = form
            self._reverse = table
        return self._reverse

    def _squeezed_of(self, value: str, near: int) -> str | None:
        if self._keep is None:
            keep = array("q", (i for i, ch in enumerate(self.folded) if not ch.isspace()))
            self._keep = keep
            self._squeezed = "".join(self.folded[i] for i in keep)
        keep = self._keep
        wanted = "".join(ch for ch in value if not ch.isspace())
        if not wanted:
            return None
        at = self._squeezed.find(wanted, bisect_left(keep, near))
        if at < 0:
            at = self._squeezed.find(wanted)
        if at < 0:
            return None
        out = []
        k = at
        for ch in value:
            if ch.isspace():
                out.append(ch)
            else:
                out.append(self.printed[keep[k]])
                k += 1
        return "".join(out)


def printed_document(doc: Document, clean: CleanText, printed: Printed) -> Document:
    """``doc`` (its outline built on folded paragraphs) with its outline and paragraphs as printed."""
    return replace(
        doc,
        preamble=_printed_paragraphs(doc.preamble, clean),
        outline=tuple(_printed_node(n, clean, printed) for n in doc.outline),
        closing=_printed_paragraphs(doc.closing, clean),
    )


def _printed_paragraphs(paras: tuple[Paragraph, ...], clean: CleanText) -> tuple[Paragraph, ...]:
    return tuple(replace(p, text=clean.text[p.start : p.end]) for p in paras)


def _printed_node(node: OutlineNode, clean: CleanText, printed: Printed) -> OutlineNode:
    return replace(
        node,
        marker=printed.of(node.marker, node.start) or node.marker,
        heading=printed.of(node.heading, node.start) or node.heading,
        paragraphs=_printed_paragraphs(node.paragraphs, clean),
        children=tuple(_printed_node(c, clean, printed) for c in node.children),
    )


def printed_tasks(tasks: tuple[Task, ...], printed: Printed) -> tuple[Task, ...]:
    """Tasks read on the fold, their text and units as printed."""
    out = []
    for t in tasks:
        near = t.units_span.start if t.units_span is not None else t.span.start
        out.append(
            replace(
                t,
                text=printed.of(t.text, t.span.start) or t.text,
                units=tuple(printed.of(u, near) or u for u in t.units),
                lead_units=tuple(printed.of(u, near) or u for u in t.lead_units),
            )
        )
    return tuple(out)


def printed_targets(targets: tuple[Target, ...], printed: Printed) -> tuple[Target, ...]:
    """Targets read on the fold, their text, indicator and time phrase as printed (the ``unit`` is a
    normal form: ``个``, ``亩``, ``%``)."""
    return tuple(
        replace(
            t,
            text=printed.of(t.text, t.span.start) or t.text,
            indicator=printed.of(t.indicator, t.span.start) or t.indicator,
            deadline_source=printed.of(t.deadline_source, t.span.start),
        )
        for t in targets
    )
