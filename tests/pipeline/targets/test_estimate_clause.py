"""A clause that is only 预计 (``初步预计，``) makes every figure of its sentence an estimate: a
result or a forecast, neither a commitment (guide, 政府工作报告: 预计今年高校毕业生超过1170万人)."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets


def values(text: str) -> list[float]:
    return [t.value for t in parsed_targets(text)]


@pytest.mark.parametrize("lead", ["初步预计，", "根据工作报告，初步预计，", "据预计，", "预计："])
def test_an_estimate_clause_governs_its_sentence(lead):
    text = (
        f"{lead}全县地区生产总值增长5.5%，出口增长11%以上，城镇调查失业率5.1%左右。\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，出口增长7%。\n"
    )
    assert values(text) == [6, 7]


def test_without_the_clause_the_figures_stay_commitments():
    text = "今年全县地区生产总值增长5.5%，出口增长11%以上，城镇调查失业率5.1%左右。\n"
    assert values(text) == [5.5, 11, 5.1]


def test_a_plan_word_before_is_no_estimate():
    # 计划 (a plan) is no 预计: ``计划，`` opens nothing
    text = "按计划，全县新建公办幼儿园5所，新增学位1200个。\n"
    assert values(text) == [5, 1200]


@pytest.mark.parametrize("lead", ["《纲要》预计在“十四五”期间，", "预计到2025年，"])
def test_the_estimate_may_name_whose_it_is_and_when(lead):
    assert values(f"{lead}全省将累计新增城镇常住人口约600万人，建成50个示范区。\n") == []


def test_a_deadline_alone_is_no_estimate():
    assert values("到2025年，全省将建成50个示范区。\n") == [50]
