"""Classes of real documents the development files did not show (issue 10): the past stated in
a plan, forecasts, and measures whose unit the pipeline read as a duration or a name.

Every document here is written for the test; none is copied from a real one.
"""

from __future__ import annotations

from luoshi.pipeline import parse_text


def _plan(body: str, date: str = "2019年3月20日") -> list[tuple[str, float, str, str | None]]:
    text = (
        "某省人民政府关于下达《某省2019年国民经济和社会发展计划》的通知\n"
        "某政发〔2019〕8号\n各市人民政府，省政府各部门：\n"
        "《某省2019年国民经济和社会发展计划》已经省人大审议通过，现印发给你们，请认真组织实施。\n"
        f"某省人民政府\n{date}\n某省2019年国民经济和社会发展计划\n{body}\n"
    )
    return [(t.indicator, t.value, t.comparator, t.deadline) for d in parse_text(text).documents for t in d.targets]


def _values(body: str, date: str = "2019年3月20日") -> list[float]:
    return [v for _, v, _, _ in _plan(body, date)]


def test_a_paragraph_that_opens_with_a_past_year_reports_that_year_in_every_sentence():
    body = (
        "2018年，全省上下共同努力，经济运行总体平稳。全省实现地区生产总值2.4万亿元，增长7.1%；"
        "新增城镇就业60万人。\n"
        "2019年全省经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，新增城镇就业55万人以上。"
    )
    assert _values(body) == [6.5, 550000.0]


def test_a_past_year_paragraph_keeps_a_sentence_that_names_its_own_coming_year():
    body = "2018年，全省经济运行总体平稳。2019年，全省地区生产总值增长6.5%左右。"
    assert _values(body) == [6.5]


def test_a_paragraph_opening_with_the_documents_own_year_is_not_the_past():
    body = "2019年，全省新增城镇就业55万人以上，城镇登记失业率控制在4.5%以内。"
    assert _values(body) == [550000.0, 4.5]


def test_as_of_a_day_before_the_document_states_the_present():
    body = "截至2018年12月31日，全省60周岁以上老年人口达到870万人，占总人口的16.4%。"
    assert _values(body) == []
    # …while a due date after the document's is a deadline
    assert _plan("到2020年，全省养老机构床位达到30万张。") == [("全省养老机构床位数", 300000.0, ">=", "2020-12-31")]


def test_an_estimate_is_a_forecast_not_a_commitment():
    assert _values("据测算，到2020年全省老年人口将达到900万人左右。") == []
    assert _values("到2020年全省老年人口将有可能达到900万人左右。") == []
    assert _values("到2020年，全省养老机构床位达到30万张左右。") == [300000.0]


def test_the_older_name_of_the_general_budget_is_no_norm():
    got = _plan("全省生产总值增长7%，地方财政一般预算收入增长8%。")
    assert [(i, v) for i, v, _, _ in got] == [("全省生产总值增长率", 7.0), ("地方财政一般预算收入增长率", 8.0)]
    # ``一般`` as a norm (``一般不超过``) still sets a parameter
    assert _values("每个项目一般不超过200万元。") == []


def _goals(body: str, date: str = "2019年3月1日") -> list[tuple[float, str, str]]:
    text = f"某省人民政府关于加快发展职业教育的实施意见\n各市人民政府：\n一、主要目标\n{body}\n某省人民政府\n{date}\n"
    return [(t.value, t.unit, t.comparator) for d in parse_text(text).documents for t in d.targets]


def test_a_share_written_as_a_fraction_word_is_a_percentage():
    assert _goals("到2022年，“双师型”教师占专业课教师总数超过一半。") == [(50.0, "%", ">")]
    assert _goals("到2022年，实践性教学课时占总课时一半以上。") == [(50.0, "%", ">=")]
    assert _goals("到2022年，示范校数量达到全省学校总数的三分之一。") == [(100 / 3, "%", ">=")]
    assert _goals("到2022年，人口自然增长率控制在千分之五以内。") == [(5.0, "‰", "<=")]
    # a fraction that is no share stays out
    assert _goals("到2022年，比例达到三分之五。") == []


def test_a_small_count_in_chinese_numerals_to_deliver_is_a_target():
    assert _goals("到2020年，每个县至少建设一所特殊教育学校。") == [(1.0, "所", ">=")]
    assert _goals("到2020年，每个市县至少要建成一个资源教室。") == [(1.0, "个", ">=")]
    assert _goals("到2020年，全省建成十个示范点。") == [(10.0, "个", ">=")]


def test_one_thing_built_or_a_batch_is_not_a_count():
    body = "到2020年，建立一个机制，建设一个平台，培育一批龙头企业，打造一站式服务，形成一系列成果，建设两级网络。"
    assert _goals(body) == []


def test_a_measure_in_years_or_of_age_is_a_level_while_durations_stay_out():
    got = _goals("到2025年，劳动年龄人口平均受教育年限达到11.5年，人均期望寿命达到79岁。")
    assert got == [(11.5, "年", ">="), (79.0, "岁", ">=")]
    assert _goals("到2025年，新建项目5年内完成，服务对象为60岁以上老人。") == []


def test_incidents_densities_and_relief_are_quantities():
    got = _goals("到2025年，较大事故控制在18起以内，高速公路密度达到5公里/百平方公里，全年为企业减负2700亿元。")
    assert got == [(18.0, "起", "<="), (5.0, "公里/百平方公里", ">="), (2.7e11, "元", ">=")]


def test_the_whole_year_is_the_documents_year():
    got = _plan("全年为企业减负2700亿元。")
    assert [(v, d) for _, v, _, d in got] == [(2.7e11, "2019-12-31")]


def test_a_population_bound_joined_to_a_second_condition_is_a_threshold():
    got = _goals("通过3年努力，新建特殊教育学校8所，使全省30万人口以上及接近30万人口的市县均有特殊教育学校。")
    assert got == [(8.0, "所", ">=")]
    assert _goals("到2020年，30万人口以上的县均建有特殊教育学校。") == []


def test_how_many_indicators_a_plan_sets_is_no_target():
    got = _goals("纲要围绕创新投入提出3项指标，提出全社会研发经费投入年均增长7%以上。")
    assert got == [(7.0, "%", ">=")]


def _annual(title: str) -> list[str | None]:
    text = (
        f"某省人民政府办公厅关于印发《{title}》的通知\n各市人民政府：\n《{title}》已经省政府同意，现印发给你们。\n"
        f"某省人民政府办公厅\n2015年4月15日\n{title}\n主要目标是：地区生产总值增长7.5%左右，服务业增加值比重提高到53.5%。\n"
    )
    return [t.deadline for d in parse_text(text).documents for t in d.targets]


def test_a_years_key_tasks_and_its_development_plan_are_annual_plans():
    assert _annual("实施某规划纲要2015年重点工作任务") == ["2015-12-31", "2015-12-31"]
    assert _annual("某省2015年国民经济和社会发展计划") == ["2015-12-31", "2015-12-31"]
    assert _annual("某省加快发展服务业若干措施") == [None, None]


def test_a_step_that_restates_a_goal_without_a_time_of_its_own_adds_no_target():
    text = (
        "某市2021年城镇公办学校建设实施方案\n一、目标任务\n2021年全市新建公办幼儿园、中小学9所，新增学位4000个。\n"
        "二、实施步骤\n（一）新建公办幼儿园、中小学9所。3-4月完成开工手续。\n"
    )
    got = [(t.value, t.deadline) for d in parse_text(text).documents for t in d.targets]
    assert got == [(9.0, "2021-12-31"), (4000.0, "2021-12-31")]


def test_the_values_a_quantity_moves_from_are_no_targets():
    body = (
        "到2025年，数字发展指数从2020年的85提高到95，网民规模从2020年的9.89亿提高到12亿，"
        "光纤接入用户从2020年640万户提高到6000万户。"
    )
    got = _goals(body, "2021年12月27日")
    assert [v for v, _, _ in got] == [95.0, 1.2e9, 6e7]
    # …while ``从2022年起`` still starts something
    assert _goals("从2022年起，每年新增就业1万人以上。", "2021年12月27日") == [(10000.0, "人", ">=")]


def test_a_bound_on_a_property_of_the_things_counted_is_a_threshold():
    got = _goals("到2025年，1000M及以上速率的光纤接入用户达到6000万户。")
    assert got == [(6e7, "户", ">=")]


def test_a_rise_of_a_lifetime_over_a_base_year_is_a_change():
    text = (
        "某省人民政府关于印发某省“十四五”卫生健康规划的通知\n各市人民政府：\n现将规划印发给你们。\n"
        "某省人民政府\n2022年4月27日\n一、发展目标\n到2025年，人均预期寿命在2020年基础上继续提高1岁左右。\n"
    )
    got = [(t.value, t.unit, t.kind, t.comparator, t.deadline) for d in parse_text(text).documents for t in d.targets]
    assert got == [(1.0, "岁", "change", "=", "2025-12-31")]


def test_a_number_that_is_the_goal_itself_is_no_threshold():
    got = _plan("2019年，要实现农村居民人均可支配收入增长10%以上的年度目标。")
    assert [(i, v) for i, v, _, _ in got] == [("农村居民人均可支配收入增长率", 10.0)]
    assert _values("对营业收入增长10%以上的企业给予奖励。") == []


def test_an_undated_annual_plan_is_read_in_its_own_year():
    text = (
        "某县2021年农业农村工作要点\n"
        "一、肯定成绩。2020年，全县农林牧渔业增加值实现28.8亿元、增速达到5.9%。"
        "2021年，要实现粮食产量稳定在23万吨以上、全年新发展茶园1万亩的年度目标。\n"
    )
    got = [(t.value, t.deadline) for d in parse_text(text).documents for t in d.targets]
    assert got == [(230000.0, "2021-12-31"), (10000.0, "2021-12-31")]


def test_in_principle_hedges_a_floor_but_still_sets_a_norm():
    assert _goals("到2022年，实践性教学课时原则上占总课时一半以上。") == [(50.0, "%", ">=")]
    assert _goals("每个县原则上至少建设一所中等职业学校。") == [(1.0, "所", ">=")]
    assert _goals("每个项目原则上不超过200万元，签约服务费用于薪酬分配：原则上不低于80%。") == []


def _html_table(title: str, rows: list[list[str]]) -> list[tuple[float, str | None]]:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    html = f"<html><head><meta charset='utf-8'></head><body><h1>{title}</h1><table>{cells}</table></body></html>"
    from pathlib import Path

    from luoshi.pipeline import parse_source
    from luoshi.read.html import read_html

    result = parse_source(read_html(Path("t.html"), html.encode()))
    return [(t.value, t.deadline) for d in result.documents for t in d.targets]


def test_a_progress_cell_does_not_borrow_the_target_of_the_cell_before():
    rows = [
        ["序号", "工作事项", "具体目标要求", "进展情况", "完成进度"],
        [
            "1",
            "放心消费建设",
            "培育放心消费单位3300家以上",
            "已申报放心消费单位3493家，其中：放心工厂780家、示范街区5个。",
            "90%",
        ],
    ]
    assert [v for v, _ in _html_table("某区重点工作任务进展情况", rows)] == [3300.0]


def test_a_years_target_breakdown_dates_its_rows():
    rows = [["序号", "任务名称", "指标要求", "牵头部门"], ["1", "地区生产总值", "增长5.5%", "区发改局"]]
    assert _html_table("关于分解落实2019年《政府工作报告》目标任务的通知", rows) == [(5.5, "2019-12-31")]


def test_a_row_names_its_values_past_the_value_columns():
    rows = [
        ["序号", "指标", "2010年", "2015年目标", "变化"],
        ["11", "较大事故起数", "80", "≤68", "下降15%以上"],
    ]
    html_rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    body = f"<p>某区安全生产规划</p><table>{html_rows}</table>"
    html = f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"
    from pathlib import Path

    from luoshi.pipeline import parse_source
    from luoshi.read.html import read_html

    result = parse_source(read_html(Path("t.html"), html.encode()))
    got = [(t.indicator, t.value) for d in result.documents for t in d.targets]
    assert got == [("较大事故起数", 68.0), ("较大事故起数", -15.0)]
