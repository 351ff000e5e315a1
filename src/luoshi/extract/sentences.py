"""Sentences and clauses of a paragraph, with offsets.

Targets are read clause by clause (``，`` ``；`` separate the quantities of a
goal list) and deadlines sentence by sentence (a time phrase governs the
sentence it opens). Punctuation inside brackets (``（责任单位：…）``,
``《…，…》``, ``“…”``) does not split: the depth is tracked over the
punctuation matches only, so the cost is per punctuation mark, not per
character.
"""

from __future__ import annotations

from typing import NamedTuple

from luoshi import lazyre as re

# Ends a sentence: a time phrase in one sentence does not govern the next.
SENTENCE_ENDS = "。！？!?"
# Ends a clause inside a sentence.
CLAUSE_ENDS = "，；：,;"
OPENING_BRACKETS = "（(《〔【[“‘"
CLOSING_BRACKETS = "）)》〕】]”’"

_PUNCT_RE = re.compile("[" + re.escape(SENTENCE_ENDS + CLAUSE_ENDS + OPENING_BRACKETS + CLOSING_BRACKETS) + "]")


class Piece(NamedTuple):
    """A sentence or clause: ``text == whole[start:end]`` (end excludes the mark).

    A named tuple, not a frozen dataclass: the target analysis makes one per sentence and
    clause of every paragraph with a number, and a frozen dataclass costs three times as
    much to build (its ``__init__`` sets each field through ``object.__setattr__``).
    """

    start: int
    end: int
    text: str


def _split(text: str, ends: str) -> list[Piece]:
    pieces: list[Piece] = []
    depth = 0
    begin = 0
    for m in _PUNCT_RE.finditer(text):
        ch = m.group()
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in ends:
            if m.start() > begin:
                pieces.append(Piece(begin, m.start(), text[begin : m.start()]))
            begin = m.end()
    if begin < len(text):
        pieces.append(Piece(begin, len(text), text[begin:]))
    return pieces


def sentences(text: str) -> list[Piece]:
    """Sentences of ``text``, split at ``。！？`` outside brackets."""
    return _split(text, SENTENCE_ENDS)


def clauses(text: str) -> list[Piece]:
    """Clauses of ``text``, split at sentence ends and ``，；：`` outside brackets."""
    return _split(text, SENTENCE_ENDS + CLAUSE_ENDS)
