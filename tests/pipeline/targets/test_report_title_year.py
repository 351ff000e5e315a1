"""A 政府工作报告 whose title gives its year (``某县2025年政府工作报告``) plans for that year: its
commitments that nothing nearer dates are due at the year's end, as a ``2016年工作要点`` item is
(guide), and with no date of its own the report is read in that year (guide: 今年 → the report's
year), so a year before it is the past."""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets

PARAGRAPHS = [
    "2024年，全县地区生产总值增长6.5%。",
    "筑牢生态安全屏障。实施退化草原生态修复1万亩、森林抚育2万亩。",
    "今年，新增城镇就业3000人。每年新增造林5000亩。",
    "到2027年，森林覆盖率达到60%。",
]


def deadlines(title: str, date: str | None) -> list[tuple[float, str | None]]:
    doc, clean = build([], preamble=PARAGRAPHS, title=title, date=date)
    return [(t.value, t.deadline) for t in extract_targets(doc, clean)]


@pytest.mark.parametrize("title", ["某县2025年政府工作报告（节选）", "政府工作报告（2025年）"])
@pytest.mark.parametrize("date", [None, "2025-01-10"])
def test_the_titles_year_dates_the_reports_commitments(title, date):
    assert deadlines(title, date) == [
        (10000, "2025-12-31"),
        (20000, "2025-12-31"),
        (3000, "2025-12-31"),
        (5000, None),  # 每年: recurring (guide)
        (60, "2027-12-31"),  # its own phrase is nearer
    ]


def test_a_title_without_a_year_dates_nothing():
    found = deadlines("政府工作报告", "2025-01-10")
    assert [d for _, d in found if d is not None] == ["2025-12-31", "2027-12-31"]  # 今年 and 到2027年 only
    assert (10000, None) in found


@pytest.mark.parametrize(
    ("title", "deadline"),
    [
        ("我市2025年工作总体要求和主要目标确定", "2025-12-31"),
        ("关于下达2025年经济社会发展预期目标的通知", "2025-12-31"),
        ("关于2024年主要目标完成情况的报告", None),
        ("某市国民经济和社会发展第十四个五年规划和2035年远景目标纲要", None),
    ],
)
def test_a_title_that_sets_out_a_years_main_targets_dates_them(title, deadline):
    doc, clean = build(
        [], preamble=["主要预期目标是：经济增长6.5%左右，城镇新增就业6.9万人以上。"], title=title, date=None
    )
    assert {t.deadline for t in extract_targets(doc, clean)} == {deadline}
