"""A five-year plan's project package: how many items it holds (``涉及103个大项``) describes the plan
(as ``提出3项指标`` does), and in a text with no date of its own a year before the plan's period
(``到2020年底累计完成投资5382亿元``, beside ``“十四五”时期安排投资17390亿元``) is the past: its figures
are results, the plan's settings the targets (guide: budget and plan settings → ``=``)."""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets

PACKAGE = "综合交通运输领域项目共14个，涉及103个大项，到2020年底累计完成投资5382亿元，“十四五”时期安排投资17390亿元。"


def found(date: str | None, text: str = PACKAGE) -> dict[float, str | None]:
    doc, clean = build([], preamble=[text], date=date)
    return {t.value: t.deadline for t in extract_targets(doc, clean)}


def test_an_undated_package_keeps_only_the_plans_settings():
    assert found(None) == {1.739e12: "2025-12-31"}


def test_a_year_in_the_plan_period_stays_a_deadline():
    text = "到2023年底完成投资5382亿元，“十四五”时期安排投资17390亿元。"
    assert found(None, text) == {5.382e11: "2023-12-31", 1.739e12: "2025-12-31"}


def test_a_dated_text_reads_its_years_by_its_own_date():
    # written in 2019, the end of 2020 is still to come
    text = "到2020年底完成投资5382亿元，“十四五”时期安排投资17390亿元。"
    assert found("2019-06-01", text) == {5.382e11: "2020-12-31", 1.739e12: "2025-12-31"}
