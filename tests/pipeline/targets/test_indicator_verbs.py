"""Verbs are no part of an indicator (guide: the measured quantity as a noun phrase, verbs and
comparators dropped): the 将 (will) that opens a predicate and the short verb after it before the
number; what a sum of money is spent on (``投入500万元完成……``), which names the next number's
quantity instead."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets


def indicators(paragraph: str) -> list[tuple[float, str]]:
    doc, clean = build([], preamble=[paragraph], date="2016-02-20")
    return [(t.value, t.indicator) for t in extract_targets(doc, clean)]


def test_the_subject_ends_at_a_modal_before_a_verb():
    assert indicators("到2020年，城镇居民收入将突破4万元、农民收入将接近1.8万元。") == [
        (40000, "城镇居民收入"),
        (18000, "农民收入"),
    ]


def test_a_will_construction_keeps_its_object():
    assert indicators("到2020年，力争将森林覆盖率提高到50%。") == [(50, "森林覆盖率")]
    assert indicators("到2020年，全市将新增就业岗位1万个。") == [(10000, "全市新增就业岗位数")]
    assert indicators("到2020年，全市将森林覆盖率提高到50%。") == [(50, "全市森林覆盖率")]


def test_what_a_sum_is_spent_on_is_the_next_numbers_quantity():
    assert indicators("今年，投资2亿元建设污水处理厂3座。") == [(2e8, "投资"), (3, "建设污水处理厂数")]
    assert indicators("今年，投入500万元完成10座历史遗留矿山修复。") == [(5e6, "投入"), (10, "完成历史遗留矿山修复数")]


def test_a_noun_after_a_sum_stays_in_the_indicator():
    assert indicators("今年，安排3亿元专项资金。") == [(3e8, "安排专项资金")]


def test_a_verb_of_saying_and_a_note_on_the_number_are_no_part_of_the_indicator():
    assert indicators("5月19日，广州市发布规划纲要，提出到2025年地区生产总值将达到3.5万亿元（人民币，下同）。") == [
        (3.5e12, "地区生产总值")
    ]


def test_a_bracket_inside_the_object_after_the_number_stays():
    ((value, indicator),) = indicators("到2020年，80%县（市、区）建成示范点。")
    assert value == 80 and indicator.startswith("县（市、区）")
