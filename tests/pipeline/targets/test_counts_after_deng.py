"""A count after 等 sums up the list before it when the list names that many items (gold NOTES:
``等三张目录清单``); when it counts more than the list names, 等 is "and others" and the number is
the amount to deliver (``完成A、B等15座历史遗留矿山修复``)."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets


def values(paragraph: str) -> list[float]:
    doc, clean = build([], preamble=[paragraph], date="2025-01-20")
    return [t.value for t in extract_targets(doc, clean)]


def test_a_count_of_more_than_the_list_names_is_an_amount_to_deliver():
    assert values("今年，完成甲采石场、乙采石场等15座历史遗留矿山修复。") == [15]


def test_a_count_of_what_the_list_names_sums_it_up():
    assert values("今年，印发行政许可、行政处罚和行政征收等三张目录清单。") == []
    assert values("今年，完成甲采石场、乙采石场等2座矿山修复。") == []


def test_a_count_that_describes_a_set_through_de_is_no_target():
    assert values("今年，将某路改造等9个项目的总投资调整为36.6亿元。") == [3.66e9]
