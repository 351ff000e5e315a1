"""Reports and statistics text: figures reported are no targets (guide: numbers about past
results are not targets; a 政府工作报告's targets are its commitments for the coming period).

Every document here is written for the test in the genre's conventions; none is copied from a
real one. Each rule is shown on both sides: the case it must take and a near case it must leave.
"""

from __future__ import annotations

from doc_builder import parsed_targets
from luoshi.extract.deadlines import find_time_phrases


def _values(text: str) -> list[float]:
    return [t.value for t in parsed_targets(text)]


def _report(body: str) -> list[float]:
    """A county's 政府工作报告 of January 2024, its body as given."""
    text = (
        "政府工作报告\n——2024年1月16日在某县第十八届人民代表大会第三次会议上\n某县县长 王某\n"
        "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n" + body
    )
    return _values(text)


def _kinds(text: str, date: str = "2024-11-20") -> list[tuple[str, str]]:
    return [(p.text, p.kind) for p in find_time_phrases(text, date)]


# --- statistics periods (deadlines.py) ---------------------------------------------------------


def test_months_counted_from_january_are_a_statistics_period_gone_by():
    assert _kinds("1—10月，全县完成固定资产投资86.5亿元") == [("1—10月", "past")]
    assert _kinds("1至11月累计，全市实现") == [("1至11月累计", "past")]
    assert _kinds("2024年1-6月份，全市") == [("2024年1-6月份", "past")]
    assert _kinds("元至九月，全县") == [("元至九月", "past")]
    # …a due date within the year is not one
    assert _kinds("力争10月底前完成") == []
    assert _kinds("到2024年10月底，全县") == [("到2024年10月底", "deadline")]


def test_the_first_quarters_and_months_of_a_year_are_a_statistics_period():
    assert _kinds("前三季度，全省") == [("前三季度", "past")]
    assert _kinds("前11个月，全国") == [("前11个月", "past")]
    assert _kinds("1-3季度，全县") == [("1-3季度", "past")]


def test_as_of_a_month_with_no_year_is_the_documents_own_year_gone_by():
    assert _kinds("截至10月底，全县") == [("截至10月底", "past")]
    assert _kinds("截至目前，全县") == [("截至目前", "past")]
    # …``截至`` with a coming year is still the deadline it was
    assert _kinds("截至2025年底，全县", "2024-03-01") == [("截至2025年底", "deadline")]


def test_a_year_named_as_just_gone_by_is_the_past_whatever_the_date():
    assert _kinds("刚刚过去的2024年，全区", None) == [("2024年", "past")]
    assert _kinds("2025年，全区", None) == [("2025年", "point")]


def test_figures_of_a_statistics_period_are_no_targets():
    plan = (
        "某县人民政府关于印发某县稳增长工作方案的通知\n某府发〔2024〕21号\n各乡镇人民政府：\n"
        "现将方案印发给你们。\n某县人民政府\n2024年11月20日\n"
    )
    assert _values(plan + "1—10月，全县完成固定资产投资86.5亿元，增长12.3%。\n") == []
    assert _values(plan + "前三季度，全县地区生产总值达到156亿元，增长6.2%。\n") == []
    assert _values(plan + "截至10月底，全县城镇新增就业达到5200人。\n") == []
    # …a deadline in the year is a target's
    assert _values(plan + "到12月底，全县城镇新增就业达到5600人。\n") == [5600.0]


# --- statistics wording (targets.py: statistics-sentence, statistics-breakdown) ---------------


def test_a_change_over_the_same_period_with_no_aim_reports_a_figure():
    assert _values("全县规模以上工业增加值同比增长8.6%，社会消费品零售总额同比增长7.2%。") == []
    # …with an aim word it commits, and so it does under a dated goal
    assert _values("力争全县规模以上工业增加值同比增长8%以上。") == [8.0]
    body = (
        "一、2023年工作回顾\n过去一年，全县经济运行稳中向好。\n"
        "二、2024年工作安排\n今年经济社会发展的主要预期目标是：规模以上工业增加值同比增长8%，"
        "社会消费品零售总额增长7%。\n"
    )
    assert _report(body) == [8.0, 7.0]


def test_an_estimates_method_marks_a_reported_figure():
    assert _values("初步核算，全县实现地区生产总值312.5亿元，按可比价格计算，比上年增长5.8%。") == []
    assert _values("确保全县地区生产总值达到330亿元。") == [33000000000.0]


def test_a_change_over_last_year_with_no_bound_reports_a_figure():
    assert _values("年末全县户籍人口52.3万人，比上年增加0.4万人。") == []
    # …bounded, it is a goal
    assert _values("全县城镇居民人均可支配收入比上年增长8%以上。") == [8.0]


def test_a_breakdown_of_a_reported_figure_reports_too():
    text = "初步核算，全县实现地区生产总值312.5亿元，增长5.8%。其中，第一产业增加值45.2亿元，增长3.1%。"
    assert _values(text) == []
    assert _values("分产业看，第一产业增加值增长3.1%，第二产业增加值增长6.5%。") == []
    # the figures go on in the sentence after one (a bare change, no bound)…
    text = "全年畜牧业增加值16.4亿元，比上年同期增长2.1%。全年肉类总产量9091吨，增长8.3%。"
    assert _values(text) == []
    # …but a bound there aims
    text = "全年畜牧业增加值16.4亿元，比上年同期增长2.1%。全县肉类总产量增长8%以上。"
    assert _values(text) == [8.0]
    # …a breakdown of a goal is a goal
    text = "到2025年，全县地区生产总值达到350亿元。其中，第一产业增加值达到50亿元。"
    assert _values(text) == [35000000000.0, 5000000000.0]


# --- report sections (targets.py: review-section) ---------------------------------------------


def test_a_section_on_how_the_targets_went_reports_results():
    body = (
        "一、主要目标任务完成情况\n全县地区生产总值达到312亿元，城镇新增就业5200人，城镇登记失业率控制在3.2%以内。\n"
        "二、今年主要预期目标\n全县地区生产总值增长6%左右，城镇新增就业5000人以上。\n"
    )
    assert _report(body) == [6.0, 5000.0]


def test_a_review_heading_that_says_so_far_this_year_is_no_forward_heading():
    body = (
        "一、2023年和今年以来工作回顾\n全县地区生产总值达到312亿元，城镇新增就业5200人。\n"
        "二、今年工作安排\n城镇新增就业5000人以上。\n"
    )
    assert _report(body) == [5000.0]


def test_a_statistics_bulletins_title_line_makes_its_figures_the_past():
    body = "全年全县城镇新增就业5200人，城镇登记失业率控制在3.2%以内，全年粮食总产量达到35.6万吨。\n"
    assert _values("某县2023年国民经济和社会发展统计公报\n" + body) == []
    # …a plan's title line does not
    assert len(_values("某县2024年国民经济和社会发展计划\n" + body)) == 3


def test_since_a_time_up_to_now_reports_results():
    assert _kinds("今年以来，全县") == [("今年以来", "past")]
    assert _kinds("2020年以来，全县", "2024-03-01") == [("2020年以来", "past")]
    report = "某县2024年上半年经济运行情况\n今年以来，全县地区生产总值增长6.5%，城镇新增就业达到5200人。\n"
    assert _values(report) == []
    # …a start from now on is no such stretch
    assert _kinds("从今年起，全县", "2024-03-01") == [("从今年起", "start")]
    assert _values("力争今年全县城镇新增就业达到5200人。") == [5200.0]


# --- plan settings changed (targets.py: starting-value) ---------------------------------------


def _project_plan(body: str) -> list[float]:
    text = (
        "某区人民政府办公室关于调整2024年区重点项目建设计划的通知\n某政办发〔2024〕30号\n各镇人民政府：\n"
        f"{body}\n某区人民政府办公室\n2024年6月12日\n"
    )
    return _values(text)


def test_a_setting_changed_from_one_amount_to_another_sets_the_second():
    assert _project_plan("将某路改造等9个项目的总投资从42.2亿元调整为36.6亿元。") == [3660000000.0]
    # …an amount with no 从…调整为 is the setting itself
    assert _project_plan("某路改造项目计划总投资42.2亿元，调整为分两期实施。") == [4220000000.0]


def test_an_amount_bounding_projects_is_their_size_class():
    plan = (
        "某县人民政府关于印发某县招商引资工作方案的通知\n某府发〔2024〕3号\n各乡镇人民政府：\n"
        "现将方案印发给你们。\n某县人民政府\n2024年3月1日\n"
    )
    assert _values(plan + "到2024年底，全县新签约1亿元以上重大项目20个。\n") == [20.0]
    # …an amount of money to reach before a comma is a target
    assert _values(plan + "到2024年底，全县招商引资到位资金50亿元以上，项目履约率达到90%。\n") == [5e9, 90.0]
