"""A notice whose own title the header cannot read issues its plan as an annex: the line after the
``附件1`` label is the annex's title (GB/T 9704), and a year-named work plan there dates the items
below it as a title does (guide: a ``2016年工作要点`` item → 2016-12-31)."""

from __future__ import annotations

import pytest

from doc_builder import parsed_targets

NOTICE = "各街道，区各部门：\n现将分解方案印发给你们，请认真抓好落实。\n某区人民政府\n2031年3月11日\n"
TABLE = (
    "序号\n目标名称\n工作标准\n1\n主要预期目标\n"
    "（1）地区生产总值增长6%左右。\n发改局\n（2）一般公共预算收入增长3%以上。\n财政局\n"
)


def deadlines(text: str) -> set[str | None]:
    return {t.deadline for t in parsed_targets(text)}


def test_a_year_named_plan_on_the_annex_title_line_dates_the_items():
    assert deadlines(NOTICE + "附件1\n2030年《政府工作报告》主要目标任务责任分解表\n" + TABLE) == {"2030-12-31"}


@pytest.mark.parametrize(
    "after_label",
    [
        "2030年，区政府印发主要目标任务责任分解表，明确各项任务。\n",  # a sentence, no title
        "2030年教育工作情况\n",  # a title naming no plan
    ],
)
def test_an_annex_line_that_is_no_year_named_plan_dates_nothing(after_label):
    assert deadlines(NOTICE + "附件1\n" + after_label + TABLE) == {None}
