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


def _report(body: str) -> str:
    return f"政府工作报告\n——2025年1月19日在某市第六届人民代表大会第三次会议上\n各位代表：\n{body}\n"


def test_how_many_items_the_list_below_names_is_no_target():
    text = _report("今年，我们将接续办好15件重点民生实事。具体包括：\n新建口袋公园100个。\n加装护栏4000公里。")
    assert [t.value for t in _targets(text)] == [100, 4000]
    text = _report("今年，全市实施47项民生实事，具体安排如下。\n新增城镇就业4.3万人。")
    assert [t.value for t in _targets(text)] == [43000]


def test_a_count_of_projects_to_deliver_stays_a_target():
    # no list follows: 15件 is what the text commits to
    text = _report("今年，我们将办好15件重点民生实事，新建口袋公园100个。")
    assert [t.value for t in _targets(text)] == [15, 100]
    # a list intro after another clause does not make an earlier count a summary
    text = _report("今年，全年完成重点项目30项，新增就业1万人，主要包括：\n新建口袋公园100个。")
    assert [t.value for t in _targets(text)] == [30, 10000, 100]
