"""The 计划 report of a people's congress (``关于2024年国民经济和社会发展计划执行情况与2025年计划草案的
报告``) reports on one year's plan and proposes the next: the year planned for is the draft's, so its
commitments that nothing nearer dates are due at the end of that year (guide: a ``2016年工作要点``
item → 2016-12-31), not of the year reported on."""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets


def deadline(title: str) -> str | None:
    doc, clean = build([], preamble=["新建学校5所，改造老旧小区20个。"], title=title, date="2025-01-03")
    found = {t.deadline for t in extract_targets(doc, clean)}
    assert len(found) == 1
    return found.pop()


@pytest.mark.parametrize(
    "title",
    [
        "关于某县2024年国民经济和社会发展计划执行情况与2025年计划草案的报告",
        "关于2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告",
        "某市2025年国民经济和社会发展计划",
    ],
)
def test_the_year_planned_for_dates_the_commitments(title):
    assert deadline(title) == "2025-12-31"


def test_a_report_on_a_plan_alone_names_no_year_planned_for():
    assert deadline("关于某县2024年国民经济和社会发展计划执行情况的报告") is None
