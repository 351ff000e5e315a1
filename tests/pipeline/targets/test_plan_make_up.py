"""The share a plan's own indicators of a kind make up (``其中涉及民生福祉和生态文明的指标占70%以上``)
describes the plan, as ``提出3项指标`` does: no quantity it commits to."""

from __future__ import annotations

from doc_builder import parsed_targets


def values(text: str) -> list[float]:
    return [t.value for t in parsed_targets(text)]


def test_the_share_of_the_plans_indicators_is_no_target():
    text = "规划纲要提出了4大类36项指标，其中涉及民生福祉和生态文明的指标占70%以上。到2020年，森林覆盖率达到63%。\n"
    assert values(text) == [63]


def test_a_share_of_a_measured_quantity_stays_a_target():
    text = "到2020年，空气质量优良天数占比达到88%，可再生能源占能源消费比重达到20%。\n"
    assert values(text) == [88, 20]
