"""Speed-ups of the outline reader (issue 10) answer as the code they replaced."""

from __future__ import annotations

import pytest

from luoshi import outline
from luoshi.patterns import cn_small_number


@pytest.fixture
def empty_memo(monkeypatch):
    monkeypatch.setattr(outline, "_VALUES", {})
    return outline._VALUES


def test_memoised_numeral_values_equal_a_fresh_reading(empty_memo):
    numerals = ["1", "12", "一", "十", "十二", "二十一", "一百", "〇", "x", "", "十百十"]
    first = [outline._number_value(outline.MarkerKind.CN, n) for n in numerals]
    assert first == [int(n) if n.isdigit() else cn_small_number(n) for n in numerals]
    assert set(empty_memo) == set(numerals)
    # The second reading comes from the memo and is the same (None included: ``x`` is no numeral).
    assert [outline._number_value(outline.MarkerKind.ARABIC, n) for n in numerals] == first


def test_the_memo_stops_growing_at_its_limit_and_still_answers(empty_memo, monkeypatch):
    monkeypatch.setattr(outline, "MAX_MEMO_NUMERALS", 3)
    for n in ["一", "二", "三"]:
        outline._number_value(outline.MarkerKind.CN, n)
    assert len(empty_memo) == 3
    assert outline._number_value(outline.MarkerKind.CN, "四十二") == 42  # past the limit: read, not kept
    assert "四十二" not in empty_memo and len(empty_memo) == 3


@pytest.mark.parametrize(
    ("prev", "value", "expected"),
    [(3, 4, True), (3, 6, True), (3, 7, False), (3, 3, False), (3, 1, True), (None, 2, False), (2, None, False)],
)
def test_a_sibling_continues_the_numbering_within_the_gap(prev, value, expected):
    assert outline._plausible_next(prev, value) is expected


@pytest.mark.parametrize(
    ("value", "last", "expected"),
    [
        (1, None, True),
        (2, None, True),
        (3, None, False),
        (22, 21, True),
        (24, 21, True),
        (25, 21, False),
        (None, 1, False),
    ],
)
def test_a_new_level_starts_low_or_runs_on(value, last, expected):
    assert outline._plausible_first(value, last) is expected


def test_a_marker_is_a_named_tuple_with_its_fields():
    m = outline.match_marker("（三）加强组织领导。")
    assert m == outline.Marker(outline.MarkerKind.PAREN_CN, "三", 3)
    assert (m.kind, m.numeral, m.length) == (outline.MarkerKind.PAREN_CN, "三", 3)
    assert outline.match_marker("2016年以来") is None
