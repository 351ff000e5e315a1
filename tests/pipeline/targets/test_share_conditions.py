"""A share of things (``20%的村集体``) is the target; a number after it in the same clause is the
condition the share counts by (``年收入超30万元``), a threshold like ``营业额500万元以上的企业``
(guide: thresholds and eligibility conditions are not targets). A number in the next clause or
after a list mark is a target of its own."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets


def values(paragraph: str) -> list[float]:
    doc, clean = build([], preamble=[paragraph], date="2024-01-20")
    return [t.value for t in extract_targets(doc, clean)]


def test_a_number_after_a_share_in_its_clause_is_its_condition():
    assert values("今年，力争实现20%的村集体年收入超30万元。") == [20]
    assert values("到2025年，80%以上的县区细颗粒物浓度下降10%。") == [80]


def test_a_number_in_the_next_clause_or_list_item_is_a_target():
    assert values("今年，力争实现20%的村集体年收入超30万元，新增经济强村5个。") == [20, 5]
    assert values("到2025年，90%以上的行政村通硬化路、建成农村公路500公里。") == [90, 500]
