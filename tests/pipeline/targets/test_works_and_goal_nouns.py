"""Works a 民生实事 list or a plan commits to (``硬化道路10万平方米``, ``铺设雨水管网345米``,
``安装太阳能路灯1000盏``, ``力争创办1所高水平大学``) are amounts to deliver (gold NOTES: no comparator
word → ``>=``), and ``…以上的建设目标`` names the goal itself, no threshold of things (``…以上的企业``)."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets


def found(text: str) -> list[tuple[float, str, str]]:
    return [(t.value, t.unit, t.comparator) for t in parsed_targets(text)]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("硬化道路10万平方米", (100000, "平方米", ">=")),
        ("铺设雨水管网345米", (345, "米", ">=")),
        ("安装太阳能路灯1000盏", (1000, "盏", ">=")),
        ("力争创办1所高水平大学", (1, "所", ">=")),
    ],
)
def test_works_to_deliver(clause, expected):
    assert found(f"今年，全县{clause}。\n") == [expected]


def test_a_measure_of_existing_things_is_still_no_work():
    # no verb of a work before the number: the lamps are counted, not installed
    assert found("今年，全县现有太阳能路灯1000盏。\n") == []


@pytest.mark.parametrize("goal", ["建设目标", "总体目标", "增长目标", "阶段性目标"])
def test_a_bound_before_a_goal_noun_is_the_goal(goal):
    assert found(f"到2025年，力争公办幼儿园比例达到50%以上的{goal}。\n") == [(50, "%", ">=")]


def test_a_bound_before_things_is_a_threshold():
    assert found("到2025年，力争营业收入达到500万元以上的企业增加。\n") == []
