"""A heading line that plans for this year by name (``建议全年经济社会发展预期目标``) dates the goals
below it at the year's end, as ``2024年主要工作安排`` does (guide: 今年 → the report's year). The year is
the text's date's, else — a page on a report that names one year and no other — that year."""

from __future__ import annotations

from doc_builder import build, parsed_targets
from luoshi.extract.targets import extract_targets

BULLETS = "●地区生产总值增长5%以上\n\n●城镇新增就业110万人以上\n\n●城镇调查失业率5.5%以内\n"
OPENING = "  1月13日上午，省长代表省政府向大会作政府工作报告。\n\n"
HEADING = "  建议全年经济社会发展预期目标\n\n"


def bullet_deadlines(text: str) -> set[str | None]:
    return {t.deadline for t in parsed_targets(text) if t.value in (5, 1100000, 5.5)}


def test_an_undated_page_on_a_report_that_names_one_year():
    text = OPENING + "  2023年是开局之年。2023年，全省怎样干？报告对今年的重点工作作出部署。\n\n" + HEADING
    assert bullet_deadlines(text + BULLETS) == {"2023-12-31"}


def test_a_page_that_names_two_years_decides_nothing():
    text = OPENING + "  2022年全省经济回升向好。2023年，全省怎样干？报告对今年的重点工作作出部署。\n\n" + HEADING
    assert bullet_deadlines(text + BULLETS) == {None}


def test_a_dated_text_dates_its_this_year_heading_by_its_date():
    doc, clean = build(
        [], preamble=["今年主要预期目标", "地区生产总值增长5%以上。", "城镇调查失业率5.5%以内。"], date="2023-01-13"
    )
    assert {t.deadline for t in extract_targets(doc, clean)} == {"2023-12-31"}


def test_so_far_this_year_is_no_plan():
    doc, clean = build(
        [], preamble=["今年以来主要指标", "地区生产总值增长5%以上。", "城镇调查失业率5.5%以内。"], date="2023-08-13"
    )
    assert {t.deadline for t in extract_targets(doc, clean)} == {None}
