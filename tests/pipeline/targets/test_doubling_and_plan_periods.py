"""Target rules of issue 10 (second pass), each on a document written here.

Doubling (``翻一番``), the deadline a plan's titled period gives its items, ``设置`` as a
delivery verb and a measure named with a predicate word (``覆盖率``). The last tests guard
classes the brief lists that already read right: ``力争``/``确保`` ranges, ``以上``/``不低于``
percentages and ``达到…水平`` without a number.
"""

from __future__ import annotations

from doc_builder import parsed_targets


def _opinion(body: str, date: str = "2016年5月1日", title: str = "某市人民政府关于加快养老服务发展的实施意见") -> str:
    return f"{title}\n各区人民政府：\n为加快发展，提出如下意见。\n{body}\n某市人民政府\n{date}\n"


def _notice(plan: str, body: str, date: str = "2018年3月1日") -> str:
    return (
        f"某省人民政府办公厅关于印发{plan}的通知\n各市人民政府：\n"
        f"现将《{plan}》印发给你们，请认真贯彻执行。\n某省人民政府办公厅\n{date}\n{plan}\n{body}\n"
    )


# --- doubling ------------------------------------------------------------------


def test_doubling_is_a_change_of_one_hundred_percent_per_doubling():
    text = _opinion(
        "一、主要目标\n到2020年，养老机构数量翻一番，社会力量举办的床位数比2015年翻两番，全市旅游收入实现翻番。"
    )
    got = [(t.indicator, t.kind, t.value, t.unit, t.comparator, t.deadline) for t in parsed_targets(text)]
    assert got == [
        ("养老机构数量", "change", 100.0, "%", "=", "2020-12-31"),
        ("社会力量举办的床位数", "change", 300.0, "%", "=", "2020-12-31"),
        ("全市旅游收入", "change", 100.0, "%", "=", "2020-12-31"),
    ]


def test_doubling_takes_a_bound_after_it_and_its_own_time_phrase():
    text = _opinion("一、重点任务\n（一）加大投入。今年财政科技投入再翻一番以上。", date="2025年1月10日")
    [t] = parsed_targets(text)
    assert (t.indicator, t.value, t.comparator, t.deadline) == ("财政科技投入", 100.0, ">=", "2025-12-31")
    assert t.text == "今年财政科技投入再翻一番以上"


def test_a_doubling_already_reached_or_a_word_without_a_count_is_no_target():
    text = _opinion("一、基本情况\n全市旅游收入已翻一番。番茄种植面积稳定，番号管理规范。")
    assert parsed_targets(text) == []


# --- the period a plan's title names --------------------------------------------


def test_items_of_a_plan_titled_with_its_period_are_due_by_its_last_year():
    plan = "某省促进消费行动计划（2018—2020年）"
    got = {
        t.value: t.deadline
        for t in parsed_targets(_notice(plan, "一、主要目标\n新建养老机构20家，2019年建成示范街区5个。"))
    }
    assert got == {20.0: "2020-12-31", 5.0: "2019-12-31"}  # a nearer phrase wins


def test_items_of_an_n_year_plan_are_due_n_years_on_from_the_document_year():
    plan = "某省促进消费三年行动方案"
    [t] = parsed_targets(_notice(plan, "一、主要目标\n新建养老机构20家。"))
    assert t.deadline == "2020-12-31"  # 2018, 2019, 2020
    [t] = parsed_targets(_notice(plan, "一、主要目标\n新建养老机构20家。", date="2023年3月1日"))
    assert t.deadline == "2025-12-31"


def test_a_title_without_a_plan_period_gives_no_deadline():
    for plan in ("某省促进消费实施方案", "某省关于2020年2月1日—2020年2月29日审批事项的方案"):
        [t] = parsed_targets(_notice(plan, "一、主要目标\n新建养老机构20家。"))
        assert t.deadline is None, plan
    # A span no plan has (the years out of order) is no period either.
    [t] = parsed_targets(_notice("某省行动计划（2020—2018年）", "一、主要目标\n新建养老机构20家。"))
    assert t.deadline is None
    # Nor a period that belongs to another plan the title names (a plan for carrying it out).
    [t] = parsed_targets(_notice("某省消费规划（2018-2020年）工作方案", "一、主要目标\n新建养老机构20家。"))
    assert t.deadline is None


# --- delivery verbs and measure names ---------------------------------------------


def test_setting_up_in_a_share_of_places_is_an_amount_to_deliver():
    text = _opinion("一、重点任务\n（一）完善网络。探索在10%的社区卫生服务站设置中医阁。")
    [t] = parsed_targets(text)
    assert (t.value, t.unit, t.comparator) == (10.0, "%", ">=")
    assert t.indicator == "社区卫生服务站设置中医阁比例"


def test_setting_up_as_a_rule_for_each_case_stays_a_parameter():
    text = _opinion("一、工作要求\n每个服务站原则上设置2名专职人员。")
    assert parsed_targets(text) == []


def test_a_rate_named_with_a_predicate_word_keeps_its_own_name():
    text = _opinion("一、主要目标\n到2020年，力争实现新增就业5—8万人，确保覆盖率达到90%—95%。")
    got = [(t.indicator, t.value, t.value_max, t.comparator) for t in parsed_targets(text)]
    assert got == [("新增就业数", 50000.0, 80000.0, "between"), ("覆盖率", 90.0, 95.0, "between")]


# --- classes that already read right (guards) -----------------------------------------


def test_shares_with_a_lower_bound_and_levels_without_a_number():
    text = _opinion(
        "一、主要目标\n到2020年，全市90%以上的乡镇建成综合养老服务中心，护理型床位占比不低于50%，"
        "养老服务质量达到全国先进水平，农村养老服务覆盖率达到全国平均水平以上。"
    )
    got = [(t.value, t.comparator, t.deadline) for t in parsed_targets(text)]
    assert got == [(90.0, ">=", "2020-12-31"), (50.0, ">=", "2020-12-31")]


# --- restatements -----------------------------------------------------------------------


def test_a_task_heading_that_repeats_a_goal_with_no_time_adds_no_target():
    text = _opinion(
        "一、试点目标\n到2020年，工业固体废物贮存处置总量趋零增长、秸秆综合利用率达到85%以上。\n"
        "二、主要任务\n（一）实施绿色生产，推动工业固体废物贮存处置总量趋零增长。全面实施绿色开采。\n"
        "（二）推进秸秆利用，秸秆综合利用率达到85%以上，到2022年达到90%。",
        date="2018年12月29日",
    )
    got = [(t.indicator, t.value, t.deadline) for t in parsed_targets(text)]
    assert got == [
        ("工业固体废物贮存处置总量", 0.0, "2020-12-31"),
        ("秸秆综合利用率", 85.0, "2020-12-31"),
        ("秸秆综合利用率", 90.0, "2022-12-31"),  # a new number is a new target
    ]


def test_the_same_quantity_with_a_time_of_its_own_is_kept():
    text = _opinion(
        "一、主要目标\n到2020年，秸秆综合利用率达到85%以上。\n二、主要任务\n（一）到2025年，秸秆综合利用率达到85%以上。",
    )
    assert [(t.value, t.deadline) for t in parsed_targets(text)] == [(85.0, "2020-12-31"), (85.0, "2025-12-31")]
