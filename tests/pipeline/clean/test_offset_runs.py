"""The cleaner's offset map kept as runs (issue 10: a few integers a line, not one a character)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.clean import clean
from luoshi.model import CleanText, OffsetRuns, SourceText


def _clean(text: str) -> CleanText:
    return clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=50), max_size=60))
def test_runs_give_back_every_offset(offsets):
    runs = OffsetRuns.from_offsets(offsets)
    assert len(runs) == len(offsets)
    assert list(runs.to_array()) == offsets
    assert [runs[i] for i in range(len(offsets))] == offsets


def test_a_contiguous_map_is_one_run_and_a_jump_starts_another():
    runs = OffsetRuns.from_offsets([5, 6, 7, 8])
    assert (list(runs.starts), list(runs.sources)) == ([0], [5])
    runs = OffsetRuns.from_offsets([5, 6, 9, 10])
    assert (list(runs.starts), list(runs.sources)) == ([0, 2], [5, 9])


def test_index_outside_the_map_is_an_error():
    runs = OffsetRuns.from_offsets([3, 4])
    for bad in (-1, 2):
        with pytest.raises(IndexError):
            runs[bad]


def test_cleaned_lines_cost_a_few_runs_not_one_integer_a_character():
    line = "加快推进农业机械化和农机装备产业转型升级，提高农业综合生产能力。"
    text = "\n".join([line] * 200)
    ct = _clean(text)
    assert len(ct.text) > 6000
    # Each line is one stretch of the source; the separators continue it.
    assert len(ct.runs.starts) <= 2 * 200
    # Spaces between Chinese characters break a run where they are removed.
    ct = _clean("加 大 创 业")
    assert ct.text == "加大创业"
    assert list(ct.offsets) == [0, 2, 4, 6]
    assert len(ct.runs.starts) == 4


def test_span_lines_after_removed_furniture_and_crlf():
    text = "标题\r\n\r\n— 1 —\r\n第二行正文。\r\n"
    ct = _clean(text)
    i = ct.text.index("第二行")
    assert text[ct.source_offset(i) : ct.source_offset(i) + 3] == "第二行"
    assert ct.span(i, i + 3).line_start == 4
    assert ct.line_of(0) == 1


def test_clean_text_equality_ignores_the_map_and_survives_pickle():
    src = SourceText(path=Path("t.txt"), text="正文。", kind="txt")
    a = CleanText("正文。", [0, 1, 2], src)
    b = CleanText("正文。", OffsetRuns.from_offsets([0, 1, 2]), src)
    assert a == b and hash(a) == hash(b)
    c = pickle.loads(pickle.dumps(a))
    assert c == a and list(c.offsets) == [0, 1, 2]
    with pytest.raises(AttributeError):
        a.text = "x"
    with pytest.raises(ValueError, match="one entry per clean character"):
        CleanText("正文。", [0, 1], src)
