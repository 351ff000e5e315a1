"""Real-text classes of the second targets round (rtargets2), each on a document written here."""

from __future__ import annotations

from luoshi.pipeline import parse_text


def _targets(text: str):
    return [t for d in parse_text(text).documents for t in d.targets]


def _half_year_report(date_line: str) -> str:
    return (
        "某区人民政府关于本区2023年上半年国民经济和社会发展计划执行情况的报告\n"
        f"——{date_line}在区人大常委会会议上\n"
        "一、计划执行情况\n"
        "2023年上半年，全区实现地区生产总值500亿元，同比增长4.1%；一般公共预算收入完成12.5亿元。\n"
    )


def test_a_part_of_the_year_that_ended_before_the_document_is_the_past():
    # a report written in August on the first half of the year reports results
    assert _targets(_half_year_report("2023年8月30日")) == []


def test_a_part_of_the_year_still_to_come_dates_its_targets():
    # the same sentence in a text of January sets the half year's goals
    got = _targets(_half_year_report("2023年1月10日"))
    assert [t.value for t in got] == [5e10, 4.1, 1.25e9]
    assert {t.deadline for t in got} == {"2023-06-30"}
