"""A budget or plan setting with no comparator word is ``=`` and an amount to deliver ``>=``
(guide: ``安排……5000亿元`` → ``=``, ``新增……350处`` → ``>=``). In one clause a sum may be set and
then spent on works (``投入500万元完成……15座矿山修复``): the count after the delivery verb is an
amount to deliver; the sum stays a setting."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets


def comparators(paragraph: str) -> list[tuple[float, str]]:
    doc, clean = build([], preamble=[paragraph], date="2025-01-20")
    return [(t.value, t.comparator) for t in extract_targets(doc, clean)]


def test_a_count_after_a_delivery_verb_is_an_amount_to_deliver():
    assert comparators("今年，投入500万元完成15座历史遗留矿山修复。") == [(5e6, "="), (15, ">=")]
    assert comparators("今年，安排资金1亿元建设学校5所。") == [(1e8, "="), (5, ">=")]


def test_a_count_the_plan_word_sets_stays_a_setting():
    assert comparators("今年，安排民生实事28项。") == [(28, "=")]
