"""Real-text classes of the second targets round (rtargets2), each on a document written here."""

from __future__ import annotations

from doc_builder import parsed_targets


def _half_year_report(date_line: str) -> str:
    return (
        "某区人民政府关于本区2023年上半年国民经济和社会发展计划执行情况的报告\n"
        f"——{date_line}在区人大常委会会议上\n"
        "一、计划执行情况\n"
        "2023年上半年，全区实现地区生产总值500亿元，同比增长4.1%；一般公共预算收入完成12.5亿元。\n"
    )


def test_a_part_of_the_year_that_ended_before_the_document_is_the_past():
    # a report written in August on the first half of the year reports results
    assert parsed_targets(_half_year_report("2023年8月30日")) == []


def test_a_part_of_the_year_still_to_come_dates_its_targets():
    # the same sentence in a text of January sets the half year's goals
    got = parsed_targets(_half_year_report("2023年1月10日"))
    assert [t.value for t in got] == [5e10, 4.1, 1.25e9]
    assert {t.deadline for t in got} == {"2023-06-30"}


def _report(body: str) -> str:
    return f"政府工作报告\n——2025年1月19日在某市第六届人民代表大会第三次会议上\n各位代表：\n{body}\n"


def test_how_many_items_the_list_below_names_is_no_target():
    text = _report("今年，我们将接续办好15件重点民生实事。具体包括：\n新建口袋公园100个。\n加装护栏4000公里。")
    assert [t.value for t in parsed_targets(text)] == [100, 4000]
    text = _report("今年，全市实施47项民生实事，具体安排如下。\n新增城镇就业4.3万人。")
    assert [t.value for t in parsed_targets(text)] == [43000]


def test_a_count_of_projects_to_deliver_stays_a_target():
    # no list follows: 15件 is what the text commits to
    text = _report("今年，我们将办好15件重点民生实事，新建口袋公园100个。")
    assert [t.value for t in parsed_targets(text)] == [15, 100]
    # a list intro after another clause does not make an earlier count a summary
    text = _report("今年，全年完成重点项目30项，新增就业1万人，主要包括：\n新建口袋公园100个。")
    assert [t.value for t in parsed_targets(text)] == [30, 10000, 100]


def _opinion(body: str) -> str:
    return (
        "某市人民政府关于提升政务服务水平的实施意见\n各区人民政府：\n为提升政务服务水平，提出如下意见。\n"
        f"{body}\n某市人民政府\n2023年3月1日\n"
    )


def test_a_score_to_reach_is_a_target_in_points():
    got = parsed_targets(
        _opinion("一、工作目标\n到2025年，全市政务服务群众满意度达到85分以上，营商环境评价得分不低于90分。")
    )
    assert [(t.value, t.unit, t.comparator, t.deadline) for t in got] == [
        (85, "分", ">=", "2025-12-31"),
        (90, "分", ">=", "2025-12-31"),
    ]


def test_points_of_a_scoring_rule_are_no_target():
    assert parsed_targets(_opinion("二、考核办法\n每发现一项问题扣2分，满分100分，考核得分作为评先依据。")) == []


def _minsheng(title: str) -> str:
    return (
        f"某市人民政府办公室{title}\n各区人民政府：\n经市政府同意，现将有关事项通知如下。\n"
        "一、促进就业\n1.新增城镇就业4.3万人，培训家政服务人员1万人次。\n某市人民政府办公室\n2024年3月14日\n"
    )


def test_a_years_minsheng_list_dates_its_items_to_that_year():
    got = parsed_targets(_minsheng("关于2024年实施30项民生实事的通知"))
    assert [(t.value, t.deadline) for t in got] == [(43000, "2024-12-31"), (10000, "2024-12-31")]


def test_a_report_on_the_minsheng_list_does_not():
    got = parsed_targets(_minsheng("关于2024年民生实事完成情况的通报"))
    assert [(t.value, t.deadline) for t in got] == [(43000, None), (10000, None)]


def test_a_rate_of_completion_is_no_act_of_delivery():
    # 完成 delivers; 完成率 names how far a plan got (rtargets2: 整体完成率111.5% was read as a target)
    assert parsed_targets(_opinion("一、进展情况\n（一）已新增老年助餐服务点235个，整体完成率111.5%。")) == []
    got = parsed_targets(_opinion("一、工作目标\n到2025年，项目完成率达到95%以上。"))
    assert [(t.value, t.comparator) for t in got] == [(95, ">=")]


def test_a_sentence_opening_with_what_is_done_reports_results_throughout():
    text = _opinion("一、进展情况\n（十一）已新建成中小学96所，新增学位1万个，完成率168%。")
    assert parsed_targets(text) == []


def test_a_relative_clause_of_what_exists_is_no_report():
    got = parsed_targets(_opinion("一、工作目标\n已建成的污水处理厂负荷率到2025年达到80%以上。"))
    assert [(t.value, t.deadline) for t in got] == [(80, "2025-12-31")]
    # a number later in the sentence than the 已 clause, which holds none, is not reported
    got = parsed_targets(_opinion("一、工作目标\n已经启动的项目要加快建设，到2025年新增就业1万人。"))
    assert [t.value for t in got] == [10000]


def test_a_years_key_work_allocation_dates_its_items_to_that_year():
    text = (
        "某市人民政府关于2021年市政府重点工作及责任分解的通知\n各县、区人民政府：\n现将有关事项通知如下。\n"
        "一、确保完成全年主要预期目标\n1. 地区生产总值增长7%以上。\n牵头责任单位：市发展改革委。\n"
        "某市人民政府\n2021年2月3日\n"
    )
    assert [(t.value, t.deadline) for t in parsed_targets(text)] == [(7, "2021-12-31")]


def test_a_gap_narrowed_to_a_level_is_a_ceiling():
    got = parsed_targets(_opinion("一、工作目标\n到2027年，城乡居民收入倍差缩小到1.7以内。"))
    assert [(t.value, t.comparator, t.unit, t.deadline) for t in got] == [(1.7, "<=", "", "2027-12-31")]


def test_the_whole_of_a_year_gone_by_reports_results():
    text = (
        "某县第十七届人民代表大会第六次会议开幕\n2016年3月3日\n"
        "县长向大会作政府工作报告时说：2015年，全年实现生产总值83.91亿元、增长10.8%，基本完成年度目标任务。\n"
    )
    assert parsed_targets(text) == []


def test_works_to_rebuild_or_enlarge_are_delivered():
    got = parsed_targets(_opinion("一、工作目标\n新、改建30个社区体育公园，改扩建中小学10所。"))
    assert [(t.value, t.unit, t.comparator) for t in got] == [(30, "个", ">="), (10, "所", ">=")]


def test_a_dated_list_intro_dates_the_items_after_it():
    text = _report("今年，我们将接续办好10件重点民生实事。具体包括：\n新建口袋公园100个。\n加装安全护栏4000公里。")
    assert [(t.value, t.deadline) for t in parsed_targets(text)] == [(100, "2025-12-31"), (4000, "2025-12-31")]


def test_an_undated_list_intro_leaves_its_items_undated():
    text = _report("我们将接续办好以下民生实事：\n新建口袋公园100个。\n加装农村公路安全护栏4000公里。")
    assert [(t.value, t.deadline) for t in parsed_targets(text)] == [(100, None), (4000, None)]
