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
# Ends a clause inside a sentence. A tab ends a table cell (``…3300家以上\t截至目前，已申报…``:
# the next cell's words say nothing of this cell's number; the row stays one sentence, so the
# cells before name the quantity and the row's time phrase dates it).
CELL_END = "\t"
CLAUSE_ENDS = "，；：,;" + CELL_END
OPENING_BRACKETS = "（(《〔【[“‘"
CLOSING_BRACKETS = "）)》〕】]”’"

_ALL_ENDS = SENTENCE_ENDS + CLAUSE_ENDS
_BRACKETS = re.escape(OPENING_BRACKETS + CLOSING_BRACKETS)
# A pattern per kind of split: the marks that end a piece, and the brackets that hide them.
# The sentence split does not stop at clause marks (``，`` is the most common mark of all).
_SENTENCE_ENDS_RE = re.compile("[" + re.escape(SENTENCE_ENDS) + "]")
_SENTENCE_PUNCT_RE = re.compile("[" + re.escape(SENTENCE_ENDS) + _BRACKETS + "]")
_CLAUSE_ENDS_RE = re.compile("[" + re.escape(SENTENCE_ENDS + CLAUSE_ENDS) + "]")
_CLAUSE_PUNCT_RE = re.compile("[" + re.escape(SENTENCE_ENDS + CLAUSE_ENDS) + _BRACKETS + "]")


class Piece(NamedTuple):
    """A sentence or clause: ``text == whole[start:end]`` (end excludes the mark).

    A named tuple, not a frozen dataclass: the target analysis makes one per sentence and
    clause of every paragraph with a number, and a frozen dataclass costs three times as
    much to build (its ``__init__`` sets each field through ``object.__setattr__``).
    """

    start: int
    end: int
    text: str


# Builds a Piece without the named tuple's Python-level ``__new__`` (a frame per piece; the
# split makes one per sentence and clause): ``_tuple_new(Piece, (start, end, text))``.
_tuple_new = tuple.__new__


def _split(text: str, ends: str, ends_re: re.LazyPattern, punct_re: re.LazyPattern) -> list[Piece]:
    if ends_re.search(text) is None:
        # No mark that ends a piece: the text is one piece whatever its brackets (the usual
        # case for a clause-free sentence or a short paragraph).
        return [_tuple_new(Piece, (0, len(text), text))] if text else []
    pieces: list[Piece] = []
    depth = 0
    begin = 0
    for m in punct_re.finditer(text):
        at = m.start()
        ch = text[at]
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS:
            if depth:
                depth -= 1
        elif depth == 0 and ch in ends:
            if at > begin:
                pieces.append(_tuple_new(Piece, (begin, at, text[begin:at])))
            begin = at + 1
    if begin < len(text):
        pieces.append(_tuple_new(Piece, (begin, len(text), text[begin:])))
    return pieces


def sentences(text: str) -> list[Piece]:
    """Sentences of ``text``, split at ``。！？`` outside brackets."""
    return _split(text, SENTENCE_ENDS, _SENTENCE_ENDS_RE, _SENTENCE_PUNCT_RE)


def clauses(text: str) -> list[Piece]:
    """Clauses of ``text``, split at sentence ends and ``，；：`` outside brackets."""
    return _split(text, _ALL_ENDS, _CLAUSE_ENDS_RE, _CLAUSE_PUNCT_RE)
