"""``累计`` (a running total) is the present unless something governs it (gold NOTES); a word of a
plan before it in the clause does (``计划全省将累计改造城镇老旧小区100万户以上``, ``提出…排放累计降低17%``):
the total is one to reach."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets


def values(text: str) -> list[float]:
    return [t.value for t in parsed_targets(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("河南将进一步加快老旧小区改造，计划全省将累计改造城镇老旧小区100万户以上。\n", [1000000]),
        ("纲要提出单位国内生产总值二氧化碳排放累计降低17%。\n", [-17]),
        ("全省力争累计培育专精特新企业500家。\n", [500]),
    ],
)
def test_a_planned_running_total_is_a_target(text, expected):
    assert values(text) == expected


def test_a_running_total_alone_is_the_present():
    assert values("全省累计改造城镇老旧小区100万户，累计培育专精特新企业500家。\n") == []
