"""A text may name its economy's output two ways (``地区生产总值`` in the lead, ``国内生产总值`` or
``GDP`` in the goal list): the same value, unit and deadline under either name is one target restated
(gold NOTES: ``经济增长预期目标为5%左右`` restates the GDP target; guide: a restatement adds none)."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets


def found(text: str) -> list[tuple[float, str | None]]:
    return [(t.value, t.deadline) for t in parsed_targets(text)]


@pytest.mark.parametrize("second", ["国内生产总值", "GDP", "全市生产总值"])
def test_the_output_under_another_name_is_restated(second):
    text = (
        "某市发布规划纲要，提出到2025年地区生产总值将达到3.5万亿元。\n"
        f"到2025年，{second}达到3.5万亿元，森林覆盖率提高到41.65%。\n"
    )
    assert found(text) == [(3.5e12, "2025-12-31"), (41.65, "2025-12-31")]


def test_another_deadline_is_another_target():
    text = "到2025年，地区生产总值达到3.5万亿元。\n到2030年，国内生产总值达到3.5万亿元。\n"
    assert found(text) == [(3.5e12, "2025-12-31"), (3.5e12, "2030-12-31")]


def test_two_quantities_of_one_value_stay_two():
    text = "到2025年，城镇居民人均可支配收入增长7%，农村居民人均可支配收入增长7%。\n"
    assert found(text) == [(7, "2025-12-31"), (7, "2025-12-31")]
