"""The document model that flows through the pipeline.

Every stage is a function from these frozen records (``msgspec.Struct``) to others. Offsets are
always positions in ``CleanText.text`` (the cleaned text of one input file);
``CleanText.span`` turns them into a :class:`Span` that also names the
original file's lines, so every extracted item can be shown in its source.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

import msgspec

_NEWLINE_RE = re.compile("\n")  # a literal: compiles in microseconds, no need to defer it
_MATCH_END = re.Match.end


class SourceText(msgspec.Struct, frozen=True):
    """Text as read from a file, before cleaning.

    ``text`` is what the reader produced (decoded TXT, PDF text layer, DOCX
    paragraphs, HTML main text). Line numbers in spans refer to its lines.
    """

    path: Path
    text: str
    kind: str  # "txt", "pdf", "docx", "html"
    encoding: str | None = None
    pages: int | None = None


class Span(msgspec.Struct, frozen=True):
    """Where an item sits: clean-text offsets [start, end) and 1-based source lines."""

    start: int
    end: int
    line_start: int
    line_end: int

    def as_dict(self) -> dict[str, int]:
        return {
            "start": self.start,
            "end": self.end,
            "line_start": self.line_start,
            "line_end": self.line_end,
        }


class OffsetRuns:
    """A clean → source offset map kept as runs: stretches where both advance together.

    Run ``k`` covers clean offsets ``starts[k] <= i < starts[k + 1]`` (the last one up to
    ``length``) and maps ``i`` to ``sources[k] + (i - starts[k])``. A cleaned line is one
    or a few runs (a wrap join, a removed space or zero-width mark starts a new one), so
    the map costs 16 bytes a run instead of 8 bytes (or a 28-byte Python int) a character;
    a lookup is a bisect over the run starts.
    """

    __slots__ = ("length", "sources", "starts")

    def __init__(self, starts: array, sources: array, length: int) -> None:
        self.starts = starts
        self.sources = sources
        self.length = length

    @classmethod
    def from_offsets(cls, offsets: Iterable[int]) -> OffsetRuns:
        """Compress a per-character offset list into runs."""
        starts, sources = array("q"), array("q")
        expected = None
        n = 0
        for n, off in enumerate(offsets, 1):
            if off != expected:
                starts.append(n - 1)
                sources.append(off)
            expected = off + 1
        return cls(starts, sources, n)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: int) -> int:
        if not 0 <= i < self.length:
            raise IndexError(i)
        k = bisect.bisect_right(self.starts, i) - 1
        return self.sources[k] + (i - self.starts[k])

    def to_array(self) -> array:
        """The per-character map (for tests and debugging; the pipeline never needs it)."""
        out = array("q")
        if not self.starts:
            return out
        bounds = [*self.starts[1:], self.length]
        for start, end, source in zip(self.starts, bounds, self.sources, strict=True):
            out.extend(range(source, source + end - start))
        return out


class CleanText:
    """Cleaned text plus a map from each clean character to its source offset.

    ``offsets[i]`` is the offset in ``source.text`` of the character that
    produced ``text[i]``; ``len(offsets) == len(text)``. The map is stored as
    :class:`OffsetRuns` (a few integers a line, not one a character, which was
    most of the pipeline's memory); ``offsets`` expands it into a C array on
    demand, ``source_offset`` looks one character up without expanding.
    Equality and hashing are by text and source, as for a frozen dataclass.
    """

    __slots__ = ("_line_starts", "prints_traditional", "runs", "source", "text")

    def __init__(
        self,
        text: str,
        offsets: Sequence[int] | OffsetRuns,
        source: SourceText,
        *,
        line_starts: array | None = None,
        prints_traditional: bool | None = None,
    ) -> None:
        """``line_starts`` is each source line's start, when the caller has it (the cleaner split
        the source into lines: finding them again cost 2% of a parse); ``prints_traditional``
        whether the source prints a character of traditional script, when the caller knows
        (None: not known; ``luoshi.split.fold_paragraphs`` then looks)."""
        runs = offsets if isinstance(offsets, OffsetRuns) else OffsetRuns.from_offsets(offsets)
        if len(runs) != len(text):
            raise ValueError("offset map must have one entry per clean character")
        if line_starts is None:
            # Each source line's start: 0, then one after each ``\n`` (iterated in C, one match at a time).
            line_starts = array("q", [0])
            line_starts.extend(map(_MATCH_END, _NEWLINE_RE.finditer(source.text)))
        for name, value in (
            ("text", text),
            ("source", source),
            ("runs", runs),
            ("_line_starts", line_starts),
            ("prints_traditional", prints_traditional),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"CleanText is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CleanText):
            return NotImplemented
        return self.text == other.text and self.source == other.source

    def __hash__(self) -> int:
        return hash((self.text, self.source))

    def __repr__(self) -> str:
        return f"CleanText(text={self.text!r}, source={self.source!r})"

    def __reduce__(self):
        return (CleanText, (self.text, self.runs, self.source))

    @property
    def offsets(self) -> array:
        """The source offset of every clean character, expanded from the runs."""
        return self.runs.to_array()

    def source_offset(self, clean_offset: int) -> int:
        if not self.runs.length:
            return 0
        return self.runs[min(max(clean_offset, 0), self.runs.length - 1)]

    def line_of(self, clean_offset: int) -> int:
        """1-based line in the source text of the character at ``clean_offset``."""
        return bisect.bisect_right(self._line_starts, self.source_offset(clean_offset))

    def span(self, start: int, end: int) -> Span:
        """``Span(start, end, line_of(start), line_of(last character))``, looked up inline: the
        extractors make one for every task, target and reference (issue 10)."""
        if end < start:
            end = start
        last = end - 1 if end > start else start
        runs = self.runs
        n = runs.length
        if not n:
            return Span(start, end, 1, 1)  # every offset maps to source offset 0: line 1
        starts, sources, lines = runs.starts, runs.sources, self._line_starts
        i = 0 if start < 0 else (start if start < n else n - 1)
        k = bisect.bisect_right(starts, i) - 1
        first_line = bisect.bisect_right(lines, sources[k] + i - starts[k])
        i = 0 if last < 0 else (last if last < n else n - 1)
        k = bisect.bisect_right(starts, i) - 1
        last_line = bisect.bisect_right(lines, sources[k] + i - starts[k])
        return Span(start, end, first_line, last_line)


class MarkerKind(StrEnum):
    """Outline marker styles, in the usual GB/T 9704 nesting order."""

    PART = "part"  # 第一部分 (a 分工方案's 主责任务 / 配合任务 parts, each restarting 一、)
    CHAPTER = "chapter"  # 第一章
    SECTION = "section"  # 第一节
    ARTICLE = "article"  # 第一条
    CN = "cn"  # 一、
    PAREN_CN = "paren_cn"  # （一）
    ARABIC = "arabic"  # 1.  １．  1、
    PAREN_ARABIC = "paren_arabic"  # （1）
    CIRCLED = "circled"  # ①


class Paragraph(msgspec.Struct, frozen=True):
    """One paragraph of clean text: ``text == clean.text[start:end]``."""

    start: int
    end: int
    text: str


class OutlineNode(msgspec.Struct, frozen=True):
    """A numbered item of a document's outline.

    ``paragraphs`` are the item's own text up to its first child; the first one
    starts right after the marker (so it begins with a run-in heading such as
    ``指导思想。`` when there is one). ``heading`` is that run-in heading or a
    heading line on its own (``一、总体要求``), without the marker, else ``""``.
    """

    path: tuple[str, ...]
    marker: str
    kind: MarkerKind
    numeral: str
    heading: str
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    children: tuple[OutlineNode, ...] = ()

    @property
    def own_text(self) -> str:
        return "".join(p.text for p in self.paragraphs)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Task(msgspec.Struct, frozen=True):
    """A task: its outline path, its text, the units responsible (lead units first named) and where the text stands."""

    path: tuple[str, ...]
    text: str
    units: tuple[str, ...]
    lead_units: tuple[str, ...]
    span: Span
    units_span: Span | None = None


class Target(msgspec.Struct, frozen=True):
    """A quantitative target: the indicator, how its value compares, the value (or range), its unit and deadline."""

    text: str
    indicator: str
    kind: str  # "level" | "change"
    comparator: str  # ">=", ">", "<=", "<", "=", "between"
    value: float
    value_max: float | None
    unit: str
    deadline: str | None  # ISO date
    span: Span
    path: tuple[str, ...] = ()
    deadline_source: str | None = None  # the time phrase the deadline came from


class Reference(msgspec.Struct, frozen=True):
    """A document cited by its 发文字号, with its title where the text gives one."""

    doc_number: str
    title: str | None
    span: Span


class Document(msgspec.Struct, frozen=True):
    """One official document (公文); a 印发/转发 notice and what it forwards are one."""

    doc_number: str | None
    title: str | None
    issuers: tuple[str, ...]
    date: str | None
    addressees: tuple[str, ...]
    genre: str | None
    forwarded_title: str | None
    span: Span
    body_start: int  # clean offset where the text carrying the outline begins
    # The day the document speaks from, for reading ``今年``, past years and default deadlines:
    # ``date`` when the text gives a full 成文日期; the first of the month when it gives a year
    # and month only (``2009年1月`` under the signature, ``——2024年1月在……会议上``), where
    # ``date`` stays ``None`` (the contract's date is a full day). Not part of the JSON contract.
    reference_date: str | None = None
    preamble: tuple[Paragraph, ...] = ()  # unnumbered body paragraphs before the first item
    outline: tuple[OutlineNode, ...] = ()
    closing: tuple[Paragraph, ...] = ()  # unnumbered paragraphs after the outline (施行, 附件说明)
    signature: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    tasks: tuple[Task, ...] = ()
    targets: tuple[Target, ...] = ()
    references: tuple[Reference, ...] = ()

    def __post_init__(self) -> None:
        if self.reference_date is None and self.date is not None:
            msgspec.structs.force_setattr(self, "reference_date", self.date)

    def nodes(self):
        for node in self.outline:
            yield from node.walk()


class ParseResult(msgspec.Struct, frozen=True):
    """The clean text of one source and the documents found in it."""

    clean: CleanText
    documents: tuple[Document, ...]
