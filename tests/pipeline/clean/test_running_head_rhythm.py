"""A running head on pages without page numbers: known by its rhythm, once a page."""

from __future__ import annotations

from pathlib import Path

from luoshi.clean import RUNNING_HEAD_PAGE_LINES, RUNNING_HEAD_PAGE_SPREAD, clean
from luoshi.model import SourceText

HEAD = "政府信息公开专栏"


def _clean_text(lines: list[str]) -> str:
    return clean(SourceText(path=Path("t.txt"), text="\n".join(lines) + "\n", kind="txt")).text


def _body(n: int, tag: str) -> list[str]:
    # Wrapped body lines of a printed page (no line ends a paragraph, so pages join up).
    return [f"第{tag}页正文内容正文内容正文内容第{i}行" for i in range(n)]


def _pages(sizes: list[int], head_at_start: bool = True) -> list[str]:
    lines: list[str] = [HEAD] if head_at_start else _body(3, "前")
    for k, size in enumerate(sizes):
        if k:
            lines += ["", HEAD]
        lines += _body(size, str(k))
    return lines


def test_a_head_once_a_page_without_page_numbers_is_furniture():
    assert HEAD not in _clean_text(_pages([22, 22, 22, 10]))
    # Pages of unequal length, within the spread.
    assert HEAD not in _clean_text(_pages([20, 28, 22, 5]))


def test_a_short_line_repeated_out_of_rhythm_stays():
    # Gaps of 22 and 60 lines: more than RUNNING_HEAD_PAGE_SPREAD apart.
    assert 60 > RUNNING_HEAD_PAGE_SPREAD * 22
    assert HEAD in _clean_text(_pages([22, 60, 22]))
    # Gaps longer than a page (a line repeated once per document of a long gazette).
    long = RUNNING_HEAD_PAGE_LINES[1] + 10
    assert HEAD in _clean_text(_pages([long, long, long]))
    # Gaps shorter than a page.
    short = RUNNING_HEAD_PAGE_LINES[0] - 4
    assert HEAD in _clean_text(_pages([short, short, short]))


def test_a_head_seen_only_twice_or_never_at_a_page_top_stays():
    assert HEAD in _clean_text(_pages([22, 22]))  # two pages: no rhythm to read
    assert HEAD in _clean_text(_pages([22, 22, 22, 10], head_at_start=False))
