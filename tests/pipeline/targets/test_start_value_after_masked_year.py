"""An undated page's ``城镇化率从2012年的43.53%提高到53%``: the 从 is read into the time phrase, so only
the masked year and 的 stand before the first value; it is still where the quantity starts (not a
target), and the value after 提高到 is the target."""

from __future__ import annotations

from doc_builder import parsed_targets


def values(text: str) -> set[float]:
    return {t.value for t in parsed_targets(text)}


def test_the_value_after_a_from_year_is_the_start_not_a_target():
    assert values("今后5年，城镇化率从2012年的43.53%提高到53%，县城平均人口超过10万。\n") == {53, 100000}


def test_a_value_after_a_year_with_no_change_verb_stays_a_target():
    assert values("今后5年，城镇化率达到2012年的1.2倍，即53%以上。\n") >= {53}


def test_the_indicator_ends_before_the_start_value():
    (target,) = [t for t in parsed_targets("今后5年，城镇化率从2012年的43.53%提高到53%。\n") if t.value == 53]
    assert "43.53" not in target.indicator and "城镇化率" in target.indicator
