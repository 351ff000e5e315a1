"""Targets of a 政府工作报告: commitments for the coming year, not past results.

Guide, "Targets": in a report the targets are its 预期目标 and every budget or
plan setting with a number, each ``比上年增加`` amount as a ``change`` of its
own; past results, forecasts and per-person standards are not. The reports
here are written for the test (a county that does not exist).
"""

from __future__ import annotations

from doc_builder import build
from luoshi.extract.targets import extract_targets
from luoshi.model import MarkerKind

REVIEW = "2025年工作回顾"
PLAN = "2026年工作安排"
PAST = "过去一年，全县地区生产总值增长6.1%，新建公园12个，城镇新增就业3200人。"
GOALS = "今年全县发展主要预期目标是：地区生产总值增长5%左右，城镇新增就业3000人以上，居民消费价格涨幅2%左右。"


def report(items, preamble=(), date="2026-01-10"):
    doc, clean = build(
        items,
        preamble=list(preamble),
        date=date,
        title="政府工作报告",
        kind=MarkerKind.CN,
        headings={path: paras[0].split("\n")[0] for path, paras in items},
    )
    return extract_targets(doc, clean)


def test_review_section_numbers_are_past_and_the_plan_section_commits():
    review = "新建公园12个，城镇新增就业3200人，全年引进项目45个。"
    found = report([(("一",), [REVIEW, review]), (("二",), [PLAN, GOALS])])
    assert [(t.value, t.comparator) for t in found] == [(5, "="), (3000, ">="), (2, "=")]
    assert {t.deadline for t in found} == {"2026-12-31"}


def test_review_heading_on_a_line_of_its_own_outside_the_outline():
    found = report([], preamble=[REVIEW, "新建公园12个，完成营造林0.6万亩。", PLAN, "完成营造林0.8万亩。"])
    assert [t.value for t in found] == [8000]


def test_review_heading_run_into_a_one_line_body():
    body = (
        f"各位代表：现在报告工作。一、{REVIEW}全年新建公园12个，完成营造林0.6万亩。"
        f"二、{PLAN}全年完成营造林0.8万亩，新建公园5个。"
    )
    found = report([], preamble=[body])
    assert [(t.value, t.deadline) for t in found] == [(8000, "2026-12-31"), (5, "2026-12-31")]


def test_retrospective_clause_is_past_even_in_the_plan_section():
    found = report([(("一",), [PLAN, PAST + "今年新建公园5个。"])])
    assert [t.value for t in found] == [5]


def test_forecast_is_not_a_target():
    found = report([(("一",), [PLAN, "预计今年高校毕业生超过1170人。新增就业岗位1200个以上。"])])
    assert [t.value for t in found] == [1200]


def test_budget_settings_and_increments():
    text = (
        "赤字率拟按3%安排，赤字规模4060亿元，比上年年初预算增加180亿元。"
        "一般公共预算支出规模2.85万亿元、比上年增加1100亿元。今年先发行专项债券100亿元。"
    )
    found = report([(("一",), [PLAN, text])])
    got = [(t.value, t.comparator, t.kind) for t in found]
    assert got == [
        (3, "=", "level"),
        (406000000000, "=", "level"),
        (18000000000, "=", "change"),
        (2850000000000, "=", "level"),
        (110000000000, "=", "change"),
        (10000000000, "=", "level"),
    ]


def test_bare_growth_rate_is_its_level_but_a_bound_still_counts():
    found = report([(("一",), [PLAN, "地区生产总值增长3%，固定资产投资增长8%以上。"])])
    assert [(t.value, t.comparator) for t in found] == [(3, "="), (8, ">=")]


def test_one_character_comparators_only_right_before_the_number():
    found = report([(("一",), [PLAN, "力争新签约项目85个以上，计划总投资超300亿元，超长期特别国债发行50亿元。"])])
    assert [(t.value, t.comparator) for t in found] == [(85, ">="), (30000000000, ">"), (5000000000, "=")]


def test_heading_of_a_past_year_without_review_word_is_past_only_when_dated():
    items = [(("一",), ["2025年主要工作", "新建公园12个。"]), (("二",), [PLAN, "新建公园5个。"])]
    assert [t.value for t in report(items)] == [5]


def test_a_date_line_is_not_a_heading_that_dates_what_follows():
    found = report([], preamble=["某某县人民政府", "2026年1月10日", "全县新建公园5个。"])
    assert [(t.value, t.deadline) for t in found] == [(5, None)]


def test_a_list_item_naming_a_past_year_is_not_a_review_heading():
    body = "主要目标。一、覆盖率由2015年的60%提高到2020年的80%。二、新建公园5个。"
    found = report([], preamble=[body], date="2016-05-01")
    assert [t.value for t in found] == [80, 5]


def test_a_quantity_the_text_calls_the_target_restates_it():
    text = (
        "今年发展主要预期目标是：地区生产总值增长5%左右。提出上述预期目标，综合考虑了各方面因素。"
        "经济增长预期目标为5%左右。"
    )
    found = report([(("一",), [PLAN, text])])
    assert [t.value for t in found] == [5]


def test_a_target_whose_clause_names_no_quantity_takes_its_sentence_as_text():
    text = "从今年开始拟连续几年发行超长期特别国债，今年先发行100亿元。"
    found = report([(("一",), [PLAN, text])])
    assert [t.text for t in found] == [text.rstrip("。")]


def test_a_plan_heading_line_dates_the_numbered_items_below_it():
    doc, clean = build(
        [(("一",), ["坚决维护社会稳定。新建公园5个。"]), (("二",), ["持续扩大投资。完成投资200亿元以上。"])],
        preamble=[REVIEW, "新建公园12个。", PLAN, "今年将重点做好以下工作。"],
        date="2026-01-10",
        title="政府工作报告",
        kind=MarkerKind.PAREN_CN,
    )
    found = extract_targets(doc, clean)
    assert [(t.value, t.deadline) for t in found] == [(5, "2026-12-31"), (20000000000, "2026-12-31")]


def test_a_review_item_ends_at_its_next_sibling_item():
    found = report([(("一",), [REVIEW, "新建公园12个。"]), (("二",), ["加强自身建设", "新建公园5个。"])])
    assert [t.value for t in found] == [5]


def test_a_version_year_in_a_heading_dates_nothing():
    found = report([], preamble=["监测指标体系（2026年版）", "签约服务种类大于3类。"])
    assert [(t.value, t.deadline) for t in found] == [(3, None)]


def test_a_setting_carries_to_later_amounts_of_money_but_not_to_counts():
    found = report([(("一",), [PLAN, "安排资金148亿元，实施民生实事28项，拟安排专项债券50亿元，赤字规模400亿元。"])])
    assert [(t.value, t.comparator) for t in found] == [
        (14800000000, "="),
        (28, ">="),
        (5000000000, "="),
        (40000000000, "="),
    ]


def test_a_heading_about_summing_up_experience_is_not_a_review():
    found = report([(("一",), ["认真总结推广经验", "新建公园5个。"])])
    assert [t.value for t in found] == [5]


def test_a_subsidy_named_as_an_instrument_does_not_void_the_commitment_after_it():
    # ``用好就业补贴等政策措施，确保…就业率95%以上``: the subsidy is a tool the sentence names,
    # not an amount it sets; the rate after 确保 is a commitment.
    text = "用好稳岗返还、就业补贴等政策措施，确保应届高校毕业生就业率95%以上、县外就业率10%以上。"
    found = report([(("一",), [PLAN, text])])
    assert [(t.value, t.comparator) for t in found] == [(95, ">="), (10, ">=")]


def test_a_subsidy_the_sentence_sets_still_voids_its_numbers():
    text = "对新引进的博士给予每人一次性补贴5万元，硕士3万元。"
    assert report([(("一",), [PLAN, text])]) == ()


def test_restoration_and_treatment_amounts_in_the_plan_are_deliveries():
    text = "修复治理退化草原50万亩，治理水土流失面积2万亩，整治河道12公里。"
    found = report([(("一",), [PLAN, text])])
    expected = [(500000, "亩", ">="), (20000, "亩", ">="), (12, "公里", ">=")]
    assert [(t.value, t.unit, t.comparator) for t in found] == expected


def test_restoration_amounts_under_the_review_stay_past():
    found = report([(("一",), [REVIEW, "修复治理退化草原40万亩。"]), (("二",), [PLAN, GOALS])])
    assert 400000 not in [t.value for t in found]


def test_each_item_of_a_count_list_names_its_own_quantity():
    # ``培育高新技术企业16家、专精特新中小企业3家``: the second number counts 专精特新中小企业.
    text = "培育高新技术企业16家、专精特新中小企业3家。实现农牧民转移就业6万人以上、劳务收入8亿元以上。"
    found = report([(("一",), [PLAN, text])])
    by_value = {t.value: t.indicator for t in found}
    assert "专精特新" not in by_value[16] and "高新技术企业" in by_value[16]
    assert "专精特新中小企业" in by_value[3] and "高新技术" not in by_value[3]
    assert "劳务收入" not in by_value[60000]
    assert "劳务收入" in by_value[800000000]


def test_two_full_measures_sharing_one_bound_keep_their_own_names():
    text = "城镇调查失业率、居民消费价格涨幅分别控制在5.5%和3%以内。"
    found = report([(("一",), [PLAN, text])])
    assert [(t.value, t.indicator) for t in found] == [(5.5, "城镇调查失业率"), (3, "居民消费价格涨幅")]


def test_a_two_character_quantity_names_itself_and_a_one_character_rest_names_none():
    found = report([(("一",), [PLAN, "全年实施重点项目210个、完成投资300亿元以上。"])])
    assert [t.indicator for t in found] == ["全年实施重点项目数", "完成投资"]
    (t,) = report([(("一",), [PLAN, "拟安排超长期特别国债2万亿元，今年先发行1万亿元。"])])[1:]
    assert "国债" in t.indicator


def test_a_running_total_under_a_deadline_is_a_target_and_without_one_the_present():
    found = report([(("二",), ["今后五年的奋斗目标", "今后五年，累计新增城镇就业2.5万人。"])], date="2022-01-10")
    assert [(t.value, t.deadline) for t in found] == [(25000, "2026-12-31")]
    assert report([(("二",), ["基本情况", "全县累计建成5G基站800个。"])]) == ()
