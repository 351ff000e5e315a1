"""Page furniture in PDFs: running heads/feet and page numbers, found by position.

Only the reader knows where a line sat on its page, so this is the one piece
of cleaning done at read time. A line is furniture only if it is at the very
top or bottom of its page (within :data:`EDGE_BAND`, and among the
:data:`EDGE_ROWS` outermost rows) AND either looks like a page number or
repeats at the same edge on many pages (a running head such as
``国务院公报 2024年第5期``). Body text sits inside the GB/T 9704 text block
(37 mm from the top, 35 mm from the bottom of an A4 page), outside the band,
so a body line that happens to be a bare number is kept. A page laid out with narrower
margins (an office suite's 25 mm on US Letter) puts its first and last body rows inside the
band: there the band stops at the document's own text block (:func:`text_block`), the rows
where its pages' body begins and ends, and only what sits beyond it is furniture.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from luoshi import lazyre as re

if TYPE_CHECKING:
    from luoshi.read.pdf_tables import TableRow

#: Share of the page height at the top and at the bottom where furniture lives. GB/T 9704
#: margins are 37 mm (12.5 %) top and 35 mm (11.8 %) bottom of 297 mm; the page number
#: sits 7 mm below the text block, running heads of gazettes higher still.
EDGE_BAND = 0.12

#: Only this many outermost rows of text at each edge can be furniture (a head, and a rule
#: line or issue number beside it); deeper rows are body even inside the band.
EDGE_ROWS = 2

#: Lines closer than this share of the page height are one row (a head printed in pieces).
ROW_TOLERANCE = 0.008

#: A running head/foot is short (a title or issue line), and repeats on at least this many
#: pages and this share of pages at the same edge. The share is low because gazettes
#: alternate heads on odd and even pages.
RUNNING_MAX_CHARS = 40

#: A page printed from a browser carries the browser's header and footer: the print date and
#: time before the page title, the address and ``x/y`` page counter. Such a line is running
#: furniture at any length (titles and addresses are long) once it repeats like a running head.
BROWSER_STAMP = re.compile(
    r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，\s]+(?:[上下]午\s*)?\d{1,2}:\d{2}"  # 12/2/26, 4:12 AM  2026/12/2 上午4:12
    r"|^(?:file|https?)://\S+"  # the page's address
)
RUNNING_MIN_PAGES = 2
RUNNING_MIN_SHARE = 0.3

_DASH = r"[-－–—―﹣−]"
_NUM = r"(?:\d{1,4}|[一二三四五六七八九十百零〇]{1,6})"

#: Page-number labels, matched against the whole line with inner spaces kept.
PAGE_NUMBER_PATTERNS: tuple[re.LazyPattern, ...] = tuple(
    re.compile(p)
    for p in (
        rf"{_DASH}{{1,2}}\s*\d{{1,4}}\s*{_DASH}{{1,2}}",  # — 1 —  - 2 -  (GB/T 9704)
        rf"第\s*{_NUM}\s*页(?:\s*[,，/]?\s*共\s*{_NUM}\s*页)?",  # 第3页  第3页 共10页
        rf"共\s*{_NUM}\s*页\s*[,，]?\s*第\s*{_NUM}\s*页",  # 共10页 第3页
        r"\d{1,4}\s*/\s*\d{1,4}",  # 3/10
        r"[·•]\s*\d{1,4}\s*[·•]",  # ·12·  (gazettes)
        r"\d{1,4}",  # bare number
        r"(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?",
    )
)

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


class PageLine(msgspec.Struct, frozen=True):
    """One text line of a page; ``depth`` is 0 at the top edge, 1 at the bottom, None if unknown."""

    text: str
    depth: float | None
    #: The line's first character: its left edge in points from the page's left edge and its
    #: type size (None if unknown), from which the reader marks paragraph indents.
    left: float | None = None
    size: float | None = None
    #: A row of a ruled table (``text`` is its cells joined by tabs), None for other lines.
    row: TableRow | None = None


def is_page_number(text: str) -> bool:
    stripped = text.strip()
    return any(p.fullmatch(stripped) for p in PAGE_NUMBER_PATTERNS)


def _running_key(text: str) -> str:
    """Compare heads ignoring spacing and numbers (``第5期`` vs ``第6期``)."""
    return _DIGITS.sub("0", _SPACES.sub("", text))


def _edge_rows(depths: Sequence[float]) -> list[float]:
    """Representative depth of each row, top to bottom (rows merged within tolerance)."""
    rows: list[float] = []
    for depth in sorted(depths):
        if not rows or depth - rows[-1] > ROW_TOLERANCE:
            rows.append(depth)
    return rows


def edge_candidates(lines: Sequence[PageLine]) -> dict[int, str]:
    """Index → ``"top"``/``"bottom"`` for lines that sit where furniture can sit."""
    placed = [(i, line.depth) for i, line in enumerate(lines) if line.depth is not None and line.text.strip()]
    if not placed:
        return {}
    rows = _edge_rows([depth for _, depth in placed])
    top_limit = rows[min(EDGE_ROWS, len(rows)) - 1] + ROW_TOLERANCE
    bottom_limit = rows[-min(EDGE_ROWS, len(rows))] - ROW_TOLERANCE
    found: dict[int, str] = {}
    for i, depth in placed:
        if depth <= EDGE_BAND and depth <= top_limit:
            found[i] = "top"
        elif depth >= 1 - EDGE_BAND and depth >= bottom_limit:
            found[i] = "bottom"
    return found


class TextBlock(msgspec.Struct, frozen=True):
    """Depths of the document's first and last body rows (None when no page shows one)."""

    top: float | None
    bottom: float | None


def text_block(pages: Sequence[Sequence[PageLine]], furniture: Sequence[set[int]]) -> TextBlock:
    """Where the body of the document's pages begins and ends: per page the depth of the
    first and last line that neither looks like furniture (``furniture`` holds each page's
    edge lines that look like it) nor shares a row with such a line (a browser's page title
    beside its print date), then over pages the median, the deeper one for the top and the
    shallower one for the bottom so that an uneven page (a short last page, a title set
    lower) never widens what is taken for the margin beyond the middle page's."""
    tops: list[float] = []
    bottoms: list[float] = []
    for lines, found in zip(pages, furniture, strict=True):
        rows = [lines[i].depth for i in found if lines[i].depth is not None]
        body = [
            line.depth
            for i, line in enumerate(lines)
            if line.depth is not None
            and line.text.strip()
            and i not in found
            and all(abs(line.depth - row) > ROW_TOLERANCE for row in rows)
        ]
        if body:
            tops.append(min(body))
            bottoms.append(max(body))
    import statistics  # (here, not at the top: a text file's reader imports this module, and
    # statistics pulls in decimal, fractions and random: 14 M instructions of a one-line parse)

    return TextBlock(
        top=statistics.median_high(tops) if tops else None,
        bottom=statistics.median_low(bottoms) if bottoms else None,
    )


def _inside_block(depth: float, edge: str, block: TextBlock) -> bool:
    """Whether a line at the page's edge is level with the text block's first or last row
    (within a row's tolerance) or inside it: a body line, whatever it says."""
    if edge == "top":
        return block.top is not None and depth >= block.top - ROW_TOLERANCE
    return block.bottom is not None and depth <= block.bottom + ROW_TOLERANCE


def remove_furniture(pages: Sequence[Sequence[PageLine]]) -> list[list[str]]:
    """Each page's line texts without page numbers and running heads/feet."""
    candidates = [edge_candidates(lines) for lines in pages]
    counts: Counter[tuple[str, str]] = Counter()
    for lines, found in zip(pages, candidates, strict=True):
        counts.update({(edge, _running_key(lines[i].text)) for i, edge in found.items()})
    needed = max(RUNNING_MIN_PAGES, math.ceil(RUNNING_MIN_SHARE * len(pages)))

    def looks_like_furniture(text: str, edge: str) -> bool:
        text = text.strip()
        if is_page_number(text):
            return True
        return (len(text) <= RUNNING_MAX_CHARS or BROWSER_STAMP.match(text) is not None) and counts[
            (edge, _running_key(text))
        ] >= needed

    furniture = [
        {i for i, edge in found.items() if looks_like_furniture(lines[i].text, edge)}
        for lines, found in zip(pages, candidates, strict=True)
    ]
    block = text_block(pages, furniture)
    kept_pages: list[list[str]] = []
    for lines, found, dropped in zip(pages, candidates, furniture, strict=True):
        kept: list[str] = []
        for i, line in enumerate(lines):
            if i in dropped and line.depth is not None and not _inside_block(line.depth, found[i], block):
                continue
            kept.append(line.text)
        kept_pages.append(kept)
    return kept_pages
