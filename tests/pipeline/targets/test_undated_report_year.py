"""A text on a report with no date of its own (a news page) speaks in the year it plans for, where
one clause names that year and plans for it (``报告指出，2025年全省将…``, ``2023年经济社会发展的主要
预期目标是：``): the other years it names are the past (their figures are results, not targets) and
its commitments are due at that year's end (guide: 今年 → the report's year)."""

from __future__ import annotations

from doc_builder import parsed_targets

RESULTS = "2024年，全省建设高产示范片1000个，新建和改造高标准农田425万亩。\n"


def found(text: str) -> dict[float, str | None]:
    return {t.value: t.deadline for t in parsed_targets(text)}


def test_the_year_a_report_plans_for_makes_the_year_before_the_past():
    text = (
        "某省人民代表大会开幕，省长作政府工作报告。\n"
        + RESULTS
        + "报告指出，2025年全省将持续推进高标准农田建设。新建重点县30个，确保生猪出栏稳定在6000万头以上。\n"
    )
    assert found(text) == {30: "2025-12-31", 60000000: "2025-12-31"}


def test_a_goal_clause_names_the_year_too():
    text = RESULTS + "2025年经济社会发展的主要预期目标是：全省地区生产总值增长6%左右。政府工作报告提出了这些目标。\n"
    assert found(text) == {6: "2025-12-31"}


def test_without_a_report_the_years_keep_their_own_reading():
    # an undated plan may plan year after year: one 将 clause makes no year before it the past
    text = RESULTS + "2025年全省将新建重点县30个。\n"
    assert found(text) == {1000: "2024-12-31", 4250000: "2024-12-31", 30: "2025-12-31"}


def test_two_planned_years_decide_nothing():
    text = "政府工作报告提出：" + RESULTS + "2025年全省将新建重点县30个。2026年全省将新建重点县40个。\n"
    assert found(text)[1000] == "2024-12-31"
