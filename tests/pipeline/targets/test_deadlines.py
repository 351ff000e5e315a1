"""Time phrases → ISO deadlines (contract: the last day of the period due)."""

from __future__ import annotations

import pytest

from luoshi.extract.deadlines import doc_year, find_time_phrases, is_recurring


def phrase(text: str, date: str | None = "2016-03-03"):
    found = find_time_phrases(text, date)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("到2018年，社会保障卡持卡人数达320万", "2018-12-31"),
        ("到2018年底，建成大数据中心", "2018-12-31"),
        ("到 2027 年，全市至少建成6个", "2027-12-31"),  # spaces a PDF text layer leaves
        ("到十三五期末，全市“三品一标”生产面积", "2020-12-31"),
        ("到“十四五”末，", "2025-12-31"),
        ("2019年6月底前各省份要出台具体实施方案", "2019-06-30"),
        ("2021年3月底前完成评估", "2021-03-31"),
        ("2019年上半年印发实施方案", "2019-06-30"),
        ("2016年2月底前完成", "2016-02-29"),  # leap year
        ("2027年前完成基地建设", "2027-12-31"),
        ("2018年范围扩大到整个市区", "2018-12-31"),  # a bare year that is not past
        ("截至2020年12月31日", "2020-12-31"),
    ],
)
def test_deadline_is_last_day_of_period(text, deadline):
    assert phrase(text).deadline == deadline


def test_effort_years_count_from_the_document_year():
    """``通过5年努力`` in a document dated 2016 → 2020-12-31 (guide)."""
    p = phrase("通过5年努力，全市现代生态循环农业发展取得长足进步")
    assert (p.kind, p.deadline) == ("deadline", "2020-12-31")
    assert phrase("用三年时间", "2018-12-21").deadline == "2020-12-31"


def test_effort_without_document_date_has_no_deadline():
    assert phrase("通过5年努力", None).deadline is None


def test_this_year_uses_the_document_date():
    assert phrase("年内完成", "2019-01-16").deadline == "2019-12-31"


@pytest.mark.parametrize("text", ["从2019年起，每年调整1次", "2020年起基本不再招聘", "自2025年6月1日起施行"])
def test_start_phrases_set_no_deadline(text):
    p = phrase(text)
    assert p.kind == "start"
    assert p.deadline is None


def test_year_before_the_document_is_past():
    p = phrase("2015年全市交易额达50亿元", "2016-03-03")
    assert (p.kind, p.deadline) == ("past", None)


def test_a_bare_day_is_a_date_not_a_deadline():
    p = phrase("2020年2月29日我市作出审批决定", "2020-03-05")
    assert (p.kind, p.deadline) == ("date", None)


def test_plan_name_alone_is_not_a_deadline():
    p = phrase("编制“十三五”规划")
    assert (p.kind, p.deadline) == ("plan", None)


def test_validity_period_end_is_a_deadline_phrase():
    found = find_time_phrases("自2025年6月1日起施行，有效期至2027年12月31日", "2025-04-30")
    assert [(p.kind, p.deadline) for p in found] == [("start", None), ("deadline", "2027-12-31")]


@pytest.mark.parametrize("text", ["每年选择3-5个村", "每季度报告", "每半年评估"])
def test_recurring(text):
    assert is_recurring(text)


@pytest.mark.parametrize("text", ["年均增长率30%以上", "到2020年", "逐年提高"])
def test_not_recurring(text):
    assert not is_recurring(text)


def test_doc_year():
    assert doc_year("2016-03-03") == 2016
    assert doc_year(None) is None
    assert doc_year("n/a") is None


def test_offsets_point_at_the_phrase():
    text = "健全系统。到2018年，实现全覆盖"
    p = phrase(text)
    assert text[p.start : p.end] == p.text == "到2018年"


def test_effort_over_a_range_of_years_does_not_decide_a_deadline():
    """``利用3-5年时间`` from 2023 ends in 2025, 2026 or 2027: the text does not say (gold: null)."""
    assert phrase("利用3-5年时间，力争培训约1000名家庭医生", "2023-10-19").deadline is None
    assert phrase("用3年时间", "2023-10-19").deadline == "2025-12-31"


def test_the_next_n_years_count_from_the_document_year():
    # A report of 2022 (换届): ``今后五年`` is 2022 to 2026.
    assert phrase("今后五年，全县地区生产总值年均增长6.5%左右", "2022-01-10").deadline == "2026-12-31"
    assert phrase("未来3年内", "2024-05-06").deadline == "2026-12-31"
    assert phrase("今后五年", None).deadline is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("三年内引进培养高层次人才300名", "2026-12-31"),  # counted from the document's year (2024)
        ("年内完成改造", "2024-12-31"),
        ("2024年内完成", "2024-12-31"),
    ],
)
def test_within_n_years_counts_from_the_document_year(text, deadline):
    assert phrase(text, "2024-03-01").deadline == deadline


@pytest.mark.parametrize("text", ["近3年内无违法记录", "毕业2年内的高校毕业生", "前三年内"])
def test_within_n_years_of_a_condition_is_no_deadline(text):
    assert find_time_phrases(text, "2024-03-01") == []


def test_the_whole_year_and_a_past_as_of_date():
    from luoshi.extract.deadlines import find_time_phrases

    (whole,) = find_time_phrases("全年新增就业1万人", "2019-03-01")
    assert (whole.kind, whole.deadline) == ("deadline", "2019-12-31")
    assert find_time_phrases("全年龄段", "2019-03-01") == []
    (as_of,) = find_time_phrases("截至2018年12月31日，", "2019-03-01")
    assert as_of.kind == "past"
    (due,) = find_time_phrases("截至2020年底，", "2019-03-01")
    assert (due.kind, due.deadline) == ("deadline", "2020-12-31")


def test_a_year_that_dates_a_starting_value_is_a_baseline():
    from luoshi.extract.deadlines import find_time_phrases

    (start,) = find_time_phrases("从2020年的85提高到95", "2021-12-27")
    assert (start.kind, start.text) == ("baseline", "2020年")
    (base,) = find_time_phrases("在2020年基础上继续提高1岁", "2022-04-27")
    assert base.kind == "baseline"
    (from_on,) = find_time_phrases("从2022年起", "2021-12-27")
    assert from_on.kind == "start"


def test_a_part_of_the_year_gone_by_is_past_and_one_to_come_is_not():
    # (rtargets2) the first half of 2023 in a text of 2023-08-31 has ended; in one of January it has not
    assert phrase("2023年上半年全区实现地区生产总值500亿元", "2023-08-31").kind == "past"
    p = phrase("2023年上半年全区实现地区生产总值500亿元", "2023-01-10")
    assert (p.kind, p.deadline) == ("point", "2023-06-30")
    # a named day stays a date, and 到…前 a due date whatever the document's day
    assert phrase("2023年6月5日召开会议", "2023-08-31").kind == "date"
    assert phrase("到2023年6月底前完成", "2023-08-31").kind == "deadline"


def test_the_whole_year_after_a_year_gone_by_is_that_year():
    # (rtargets2) ``全年`` is the year in question: the report's own year unless a past year was just named
    got = [(p.text, p.kind) for p in find_time_phrases("2015年，全年实现生产总值83.91亿元", "2016-03-03")]
    assert got == [("2015年", "past"), ("全年", "past")]
    got = [(p.text, p.kind, p.deadline) for p in find_time_phrases("全年实现生产总值90亿元", "2016-03-03")]
    assert got == [("全年", "deadline", "2016-12-31")]
