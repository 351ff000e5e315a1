"""``CleanText.span`` looks lines up inline (issue 10); it answers as ``line_of`` does."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.clean import clean
from luoshi.model import SourceText, Span

RAW = "\n".join(
    [
        "关于加强安全生产工作的通知",
        "",
        "\u3000\u3000各区县人民政府：",
        "— 1 —",
        "\f为进一步加强安全生产工作，现将有关事项通知如下：一、总体要求。加 大 创 业",
        "",
        "（ 一）加强组织领导。",
        "２０２５年３月１日",
    ]
)
CT = clean(SourceText(path=Path("t.txt"), text=RAW, kind="txt"))


def _by_line_of(start: int, end: int) -> Span:
    end = max(end, start)
    last = end - 1 if end > start else start
    return Span(start, end, CT.line_of(start), CT.line_of(last))


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=-5, max_value=len(CT.text) + 5), st.integers(min_value=-5, max_value=len(CT.text) + 5))
def test_span_equals_the_line_of_each_end(start: int, end: int):
    assert CT.span(start, end) == _by_line_of(start, end)


def test_span_on_both_sides_of_a_joined_line_and_of_the_text():
    assert CT.text.count("\n") < RAW.count("\n")  # furniture dropped and lines joined: offsets and lines differ
    for start in range(len(CT.text)):
        assert CT.span(start, start + 1) == _by_line_of(start, start + 1)
    assert CT.span(len(CT.text), len(CT.text) + 3).line_end == RAW.count("\n") + 1


def test_span_of_an_empty_clean_text_is_line_one():
    empty = clean(SourceText(path=Path("e.txt"), text="\n\n", kind="txt"))
    assert empty.text == ""
    assert empty.span(0, 0) == Span(0, 0, 1, 1) == Span(0, 0, empty.line_of(0), empty.line_of(0))
