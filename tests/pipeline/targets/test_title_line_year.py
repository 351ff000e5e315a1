"""A text with no title the header can read (a page's table, a list with its name on top) opens with
its name on a line of its own; a year-named work plan there dates its items as a title does
(guide: a ``2016年工作要点`` item → 2016-12-31)."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets

TABLE = (
    "序号 | 工作事项 | 责任单位 |\n"
    "1 | 加大普惠性托育供给，新增托位数400个以上，公办园在园幼儿占比60%以上。 | 县教育局 |\n"
)
PAGE_LINES = "时间：2023-12-22 17:46\n来源：某县\n"


def deadlines(text: str) -> set[str | None]:
    return {t.deadline for t in parsed_targets(text)}


@pytest.mark.parametrize(
    ("first", "deadline"),
    [
        ("某县2023年度重点工作清单（一季度执行落实情况）\n" + PAGE_LINES, "2023-12-31"),
        (
            "2024年《政府工作报告》重点工作目标任务分解表\n附件\n2024年《政府工作报告》重点工作目标任务分解表\n",
            "2024-12-31",
        ),
    ],
)
def test_a_year_named_plan_on_the_first_line_dates_the_items(first, deadline):
    assert deadlines(first + TABLE) == {deadline}


def test_a_first_line_that_is_a_sentence_is_no_title():
    assert deadlines("2024年，县政府印发重点工作目标任务分解表，明确各项任务。\n" + PAGE_LINES + TABLE) == {None}


def test_a_first_line_that_names_no_plan_dates_nothing():
    assert deadlines("2024年教育工作情况\n" + PAGE_LINES + TABLE) == {None}


WORKS = "一、村内基础设施提升工程\n在17个乡镇硬化道路10万平方米。\n"


@pytest.mark.parametrize(
    "lead",
    ["（某县融媒体中心）县人大代表票选表决县政府2025年度十件民生实事项目 正式出炉！", "某县2025年十件民生实事发布。"],
)
def test_a_lead_that_announces_the_plan_names_it(lead):
    assert deadlines(lead + "\n" + WORKS) == {"2025-12-31"}


def test_a_lead_of_several_clauses_is_no_name():
    lead = "2025年，县政府审议了十件民生实事项目，方案正式出炉！"
    assert deadlines(lead + "\n" + WORKS) == {None}


def test_a_lead_that_announces_nothing_is_no_name():
    lead = "县人大代表审议县政府2025年度十件民生实事项目的进展"
    assert deadlines(lead + "。\n" + WORKS) == {None}
