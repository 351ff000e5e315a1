"""A document's text and outline, kept with each revision so people can read and correct it.

``luoshi.parse/1`` carries what was extracted (tasks, targets, references) but not the
text they were extracted from. The registry's import adds, per document, a ``reading``
key (the scorer ignores keys it does not know): the document's clean text and its
outline items, with offsets relative to the document's first character. The document
page shows the text as it reads and highlights items in place; a correction names an
outline item by its path, and a re-import finds the item again in the new reading.

Relative offsets change only when the document's own text changes, so they are part of
the revision's content hash; where the document sits in its file (``span``, absolute
offsets and source lines) is location only and is left out of the hash like every span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

READING_KEY = "reading"


def reading_of(document: Any, clean: Any) -> dict[str, Any]:
    """The ``reading`` of one pipeline document (``luoshi.model.Document``) over its clean text."""
    base = document.span.start
    nodes = []
    for node in document.nodes():
        if node.paragraphs:
            text_start, text_end = node.paragraphs[0].start, node.paragraphs[-1].end
        else:
            text_start = text_end = node.start
        nodes.append(
            {
                "path": list(node.path),
                "marker": node.marker,
                "heading": node.heading,
                "start": node.start - base,
                "end": node.end - base,
                "text_start": text_start - base,
                "text_end": text_end - base,
                "span": clean.span(text_start, text_end).as_dict(),
            }
        )
    return {"text": clean.text[base : document.span.end], "outline": nodes}


def contract_with_reading(result: Any) -> dict[str, Any]:
    """``luoshi.parse/1`` for a pipeline ``ParseResult``, each document with its ``reading``."""
    from luoshi.contract import to_contract

    contract = to_contract(result)
    for raw, document in zip(contract["documents"], result.documents, strict=True):
        raw[READING_KEY] = reading_of(document, result.clean)
    return contract


@dataclass(frozen=True)
class OutlineItem:
    """One numbered item of a document, offsets relative to the document's text."""

    path: tuple[str, ...]
    path_key: str
    marker: str
    heading: str
    start: int
    end: int
    text_start: int
    text_end: int
    span: dict[str, int] | None
    depth: int

    def own_text(self, text: str) -> str:
        return text[self.text_start : self.text_end]


@dataclass(frozen=True)
class Reading:
    """A revision's reading: ``text`` plus ``items`` in document order; ``base`` is its absolute start."""

    text: str
    items: tuple[OutlineItem, ...]
    base: int | None

    def item(self, path_key: str) -> OutlineItem | None:
        for item in self.items:
            if item.path_key == path_key:
                return item
        return None

    def find(self, phrase: str, near: int | None = None) -> int | None:
        """Where ``phrase`` occurs in the text (the occurrence nearest ``near``), or ``None``."""
        if not phrase:
            return None
        found = []
        at = self.text.find(phrase)
        while at != -1:
            found.append(at)
            at = self.text.find(phrase, at + 1)
        if not found:
            return None
        if near is None:
            return found[0]
        return min(found, key=lambda at: (abs(at - near), at))


EMPTY = Reading(text="", items=(), base=None)


def _ints(value: Any, keys: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), int) and value[k] >= 0 for k in keys)


def parse_reading(raw_document: Any) -> Reading:
    """The reading stored in a revision's raw document; :data:`EMPTY` when there is none or it is malformed.

    A document imported from plain ``luoshi.parse/1`` JSON has no reading: its page then
    lists the tasks without the surrounding text, and corrections fall back on the tasks.
    """
    if not isinstance(raw_document, dict):
        return EMPTY
    reading = raw_document.get(READING_KEY)
    if not isinstance(reading, dict) or not isinstance(reading.get("text"), str):
        return EMPTY
    text = reading["text"]
    span = raw_document.get("span")
    base = span["start"] if _ints(span, ("start",)) else None
    items: list[OutlineItem] = []
    seen: dict[str, int] = {}
    offsets = ("start", "end", "text_start", "text_end")
    for node in reading.get("outline") or []:
        if not _ints(node, offsets) or not isinstance(node.get("path"), list):
            continue
        path = tuple(str(p) for p in node["path"])
        base_key = "/".join(path)
        seen[base_key] = seen.get(base_key, 0) + 1
        key = base_key if seen[base_key] == 1 else f"{base_key}#{seen[base_key]}"
        node_span = node.get("span")
        items.append(
            OutlineItem(
                path=path,
                path_key=key,
                marker=str(node.get("marker") or ""),
                heading=str(node.get("heading") or ""),
                start=min(node["start"], len(text)),
                end=min(node["end"], len(text)),
                text_start=min(node["text_start"], len(text)),
                text_end=min(node["text_end"], len(text)),
                span=node_span if _ints(node_span, ("start", "end", "line_start", "line_end")) else None,
                depth=len(path),
            )
        )
    return Reading(text=text, items=tuple(items), base=base)
