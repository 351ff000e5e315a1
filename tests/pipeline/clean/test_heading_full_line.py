"""A heading exactly one line wide in a text re-wrapped at a fixed width is still a heading when
its level heads lines of their own in the text; a real wrapped paragraph still joins."""

from __future__ import annotations

from pathlib import Path

from luoshi.clean import clean
from luoshi.model import SourceText

WIDTH = 20  # full-width characters a line
BODY = "各地区各部门要坚持稳中求进工作总基调，统筹推进各项工作，切实抓好任务落实，确保取得实效。" * 3


def _wrap(paragraph: str) -> list[str]:
    return [paragraph[k : k + WIDTH] for k in range(0, len(paragraph), WIDTH)]


def _paragraphs(paragraphs: list[str]) -> list[str]:
    lines = [line for p in paragraphs for line in _wrap(p)]
    text = "\n".join(lines)
    return clean(SourceText(path=Path("t.txt"), text=text, kind="txt")).text.split("\n")


FULL = "二、二〇二六年经济社会发展总体要求和政策取向"[:WIDTH]  # exactly one line wide, no mark
assert len(FULL) == WIDTH


def test_a_heading_one_line_wide_stays_a_heading_where_its_level_heads_lines():
    out = _paragraphs(["一、工作回顾", BODY, FULL, BODY, "三、政府工作任务", BODY])
    assert FULL in out  # a paragraph of its own, not joined to the body under it
    assert out.index(FULL) + 1 < len(out) and out[out.index(FULL) + 1] == BODY
    # the other sides: a heading longer than a line keeps its rest, and run-in items still join
    long = FULL + "和主要任务"  # wraps: its short rest, no sentence mark, is the heading's
    out = _paragraphs(["一、工作回顾", BODY, long, BODY, "三、政府工作任务", BODY])
    assert long in out
    # Here the 一、 items are sentences (run-in): a first line without a mark is a wrap.
    item = "二、各地区各部门要坚持稳中求进工作总基调统筹推进" + "各项工作，切实抓好任务落实，确保取得实效。"
    out = _paragraphs(["一、各地要加强领导，压实责任。" + BODY, item, BODY])
    assert item in out
