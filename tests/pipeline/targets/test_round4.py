"""Targets, real-text round 4 (plans, 政府工作报告 and their 分解方案): rules found on public pages,
each shown here on a document written for the test in the genre's conventions (none copied).
"""

from __future__ import annotations

from luoshi.pipeline import parse_text


def _targets(text: str):
    return [t for d in parse_text(text).documents for t in d.targets]


def _report(body: str) -> str:
    """A county's 政府工作报告 of January 2024, its body as given."""
    return (
        "政府工作报告\n——2024年1月10日在某县第九届人民代表大会第二次会议上\n某县县长 李某\n"
        "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n" + body
    )


# --- a year inside a bracketed note dates only the note -----------------------------------------


def test_a_year_in_a_note_that_closes_before_the_quantity_does_not_date_it():
    text = _report(
        "二、2024年工作安排\n"
        "2024年全县经济社会发展的主要预期目标是：地区生产总值增长6%以上；"
        "一般公共预算支出（不含2023年增发国债资金）增长4%；城镇居民人均可支配收入增长6.5%。\n"
    )
    got = {t.value: t.deadline for t in _targets(text)}
    # every target is the year's (2024), the note's 2023 qualifies what is left out
    assert got == {6: "2024-12-31", 4: "2024-12-31", 6.5: "2024-12-31"}


def test_a_note_that_names_the_due_date_of_the_quantity_before_it_still_dates_it():
    text = _report(
        "二、2024年工作安排\n全县建成5G基站300个（2025年底前），新增城镇就业2000人（不含2023年结转岗位）。\n"
    )
    got = {t.value: t.deadline for t in _targets(text)}
    # the note after 300个 is its due date; the past year in the last note neither dates nor drops 2000人
    assert got == {300: "2025-12-31", 2000: "2024-12-31"}


# --- a clause that names nothing but its comparator borrows the subject before it --------------


def test_a_yearly_step_with_only_a_comparator_takes_the_subject_of_the_clause_before():
    text = (
        "某市城市总体规划（2016—2030年）\n一、人口规模\n"
        "全市常住人口2020年控制在420万人以内，2025年在450万人以内，2030年在480万人以内。\n"
    )
    got = [(t.value, t.indicator, t.deadline) for t in _targets(text)]
    assert got == [
        (4200000, "全市常住人口", "2020-12-31"),
        (4500000, "全市常住人口", "2025-12-31"),
        (4800000, "全市常住人口", "2030-12-31"),
    ]
    # …and a step that names its own quantity keeps it
    text = (
        "某市城市总体规划（2016—2030年）\n一、人口规模\n"
        "全市常住人口2020年控制在420万人以内，城镇人口2025年在300万人以内。\n"
    )
    got = [t.indicator for t in _targets(text)]
    assert got == ["全市常住人口", "城镇人口"]


# --- a yearly amount (年度…) in a plan of several years recurs ----------------------------------

_NOTICE = (
    "某市人民政府办公室关于印发{title}的通知\n某政办发〔{year}〕6号\n各区人民政府：\n"
    "现将《{title}》印发给你们，请认真贯彻执行。\n某市人民政府办公室\n{year}年3月1日\n{title}\n"
)


def test_a_yearly_amount_in_a_plan_of_several_years_has_no_deadline():
    title = "某市城乡供水提升行动计划（2024—2026年）"
    text = _NOTICE.format(title=title, year=2024) + (
        "一、主要目标\n到2026年，新建改造供水管网300公里，年度计划投资不少于2亿元。\n"
    )
    got = {t.value: t.deadline for t in _targets(text)}
    # the 300公里 is due at the plan's end; 2亿元 a year recurs (guide: 每年 → null)
    assert got == {300: "2026-12-31", 200000000: None}
    # …while in a plan of the document's own year the yearly amount is that year's
    title = "某市2024年城乡供水提升工作方案"
    text = _NOTICE.format(title=title, year=2024) + (
        "一、主要目标\n全年新建改造供水管网100公里，年度计划投资不少于2亿元。\n"
    )
    got = {t.value: t.deadline for t in _targets(text)}
    assert got == {100: "2024-12-31", 200000000: "2024-12-31"}


# --- 方: cubic metres as plans write them ---------------------------------------------------------


def test_cubic_metres_written_as_fang_are_a_unit():
    text = _report("二、2024年工作安排\n新增农产品冷链仓储库容20万方，完成河道清淤3.5万立方米，重点抓好3个方面工作。\n")
    got = {(t.value, t.unit) for t in _targets(text)}
    assert (200000, "方") in got and (35000, "立方米") in got
    assert not any(t.unit == "方" and t.value == 3 for t in _targets(text))  # 3个方面 is a count of parts


# --- a progress section on a year gone by looks ahead to nothing --------------------------------


def _plan_report(date_line: str, heading: str, body: str) -> str:
    return (
        "关于某县国民经济和社会发展计划执行情况与计划草案的报告\n"
        f"——{date_line}在某县第十届人民代表大会第四次会议上\n县发展和改革委员会\n各位代表：\n"
        f"受县人民政府委托，现将计划执行情况与计划草案提请审议。\n{heading}\n{body}\n"
    )


def test_the_whole_year_of_a_progress_section_on_last_year_is_the_past():
    body = "2024年，全县经济回升向好，基本完成全年预期目标。\n预计，全年实现地区生产总值188.5亿元，增长5.6%。"
    text = _plan_report("2025年1月6日", "一、2024年国民经济和社会发展计划执行情况", body)
    assert _targets(text) == []  # 2024's results, reported in January 2025
    # …while a progress section on the current year still sets what is left of it
    body = "1—7月，全县固定资产投资增长6.2%。全年力争固定资产投资增长8%以上。"
    text = _plan_report("2024年8月28日", "一、2024年1—7月计划执行情况", body)
    got = [(t.value, t.deadline) for t in _targets(text)]
    assert got == [(8, "2024-12-31")]


# --- 分别 lists: one target per number, repeated numbers and bounds included --------------------


def test_each_number_of_a_respectively_list_is_a_target_even_when_repeated():
    text = _report(
        "二、2024年工作安排\n"
        "到2025年，化学需氧量、氨氮、氮氧化物、挥发性有机物排放总量比2020年分别下降9%、9%、12%以上、12%以上。\n"
    )
    got = [(t.value, t.comparator, t.kind) for t in _targets(text)]
    assert got == [(-9, "=", "change"), (-9, "=", "change"), (-12, "<=", "change"), (-12, "<=", "change")]
    # …while the same number stated again in another sentence restates it
    text = _report("二、2024年工作安排\n今年全县地区生产总值增长6%左右。今年地区生产总值增长预期目标为6%左右。\n")
    assert [t.value for t in _targets(text)] == [6]


# --- an undated page: a heading that plans for its year dates what it heads ---------------------


def test_an_undated_page_takes_the_year_of_a_heading_that_plans_for_it():
    text = (
        "三、2024年主要工作安排\n"
        "（一）保障粮食安全。完成耕地修复2000亩，粮食播种面积稳定在7万亩以上。\n"
        "（二）推进项目建设。新开工重点项目30个。\n"
    )
    assert {t.deadline for t in _targets(text)} == {"2024-12-31"}
    # …a heading that only names its year could be a review: it dates nothing
    text = "三、2024年农业农村发展\n（一）保障粮食安全。完成耕地修复2000亩，粮食播种面积稳定在7万亩以上。\n"
    assert {t.deadline for t in _targets(text)} == {None}


def test_the_this_year_of_an_undated_page_is_the_year_its_headings_plan_for():
    text = (
        "今年经济社会发展主要预期目标是：全县地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内。\n"
        "三、2024年主要工作安排\n"
        "（一）保障粮食安全。完成耕地修复2000亩。\n"
    )
    assert {t.value: t.deadline for t in _targets(text)} == {6: "2024-12-31", 5.5: "2024-12-31", 2000: "2024-12-31"}
    # …not where the headings plan for two years: the page does not say which is its own
    text = (
        "今年经济社会发展主要预期目标是：全县地区生产总值增长6%左右。\n"
        "三、2024年主要工作安排\n（一）保障粮食安全。完成耕地修复2000亩。\n"
        "四、2025年工作打算\n（一）推进项目。新开工项目20个。\n"
    )
    assert {t.value: t.deadline for t in _targets(text)}[6] is None


def test_an_undated_news_text_that_calls_a_year_gone_by_reports_that_year():
    text = (
        "某市第九届人民代表大会第四次会议开幕，市长代表市人民政府作政府工作报告。\n"
        "回顾总结过去的2023年，市长说，一年来全市全力做好改革发展稳定各项工作。\n"
        "2023年，全市经济稳中有进，一般公共预算收入同比增长6.8%，新增上市挂牌企业5家。\n"
    )
    assert _targets(text) == []  # 2023 is the year gone by: results
    # …without a word that puts the year in the past the same sentence may be a plan
    text = "2023年，全市一般公共预算收入增长6.8%，新增上市挂牌企业5家。\n"
    assert {t.deadline for t in _targets(text)} == {"2023-12-31"}


def test_figures_after_an_estimates_note_are_no_targets():
    text = "2023年，全市地区生产总值增长6%（预计数，下同），一般公共预算收入增长5.5%，固定资产投资增长8%。\n"
    assert _targets(text) == []
    # …the figures before such a note, or with no note, keep their reading
    text = "2023年，全市一般公共预算收入增长5.5%，固定资产投资增长8%（其中工业投资另计）。\n"
    assert [t.value for t in _targets(text)] == [5.5, 8]
