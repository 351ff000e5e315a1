"""In a 政府工作报告's task list every budget or plan setting with a number is a target, ``=`` with no
comparator word (guide). ``投资3000万元建设……基地``: 投资 that opens its clause right before its sum is
the verb of such a setting; the noun (``固定资产投资增长10%``) and ``完成投资300亿元`` (an amount to
deliver) read as before."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets

TITLE = "2025年县政府工作报告任务清单"


def readings(*paragraphs: str) -> list[tuple[float, str]]:
    doc, clean = build([(("一", str(i)), [p]) for i, p in enumerate(paragraphs, 1)], title=TITLE, date=None)
    return [(t.value, t.comparator, t.deadline) for t in extract_targets(doc, clean)]


def test_an_investment_that_opens_its_item_is_a_plan_setting():
    assert readings("投资3000万元建设南美白对虾工厂化循环水养殖基地。") == [(3e7, "=", "2025-12-31")]


def test_the_noun_and_a_delivered_investment_read_as_before():
    assert readings("推动全县固定资产投资增长10%以上。", "完成投资300亿元以上。") == [
        (10, ">=", "2025-12-31"),
        (3e10, ">=", "2025-12-31"),
    ]
