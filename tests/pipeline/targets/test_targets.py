"""Targets: what counts, value/unit/comparator/kind, indicator, deadline, span.

Sentences are copied from the corpus (gold files and unlabeled documents) or
are their near misses; each rule of the annotation guide has a case on both
sides.
"""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets
from luoshi.model import CleanText, Document, MarkerKind, Target

Item = tuple[tuple[str, ...], str, list[str]]  # path, heading, paragraphs


def make_doc(
    items: list[Item] = (),
    preamble: list[str] = (),
    date: str | None = "2016-03-04",
    title: str | None = None,
    forwarded_title: str | None = None,
) -> tuple[Document, CleanText]:
    """A Document whose clean text is its paragraphs joined by newlines.

    Each outline item's first paragraph starts with its heading, as the
    outline stage gives it (``主要目标。到2020年，……``).
    """
    return build(
        [(path, paras) for path, _, paras in items],
        preamble=preamble,
        date=date,
        title=title,
        forwarded_title=forwarded_title,
        kind=MarkerKind.PAREN_CN,
        headings={path: heading for path, heading, _ in items},
    )


def targets_of(*paragraphs: str, date: str | None = "2016-03-04") -> tuple[Target, ...]:
    """Targets of one outline item ``一`` holding ``paragraphs``."""
    doc, clean = make_doc([(("一",), "", list(paragraphs))], date=date)
    return extract_targets(doc, clean)


def one(*paragraphs: str, **kw) -> Target:
    found = targets_of(*paragraphs, **kw)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def values(*paragraphs: str, **kw) -> list[float]:
    return [t.value for t in targets_of(*paragraphs, **kw)]


# --- value, unit, comparator, kind ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "comparator"),
    [
        ("农村电子商务交易额1000亿元以上。", 1e11, "元", ">="),
        ("村级电子商务服务点覆盖率达60%。", 60, "%", ">="),
        ("到2018年，社会保障卡持卡人数达320万。", 3_200_000, "", ">="),
        ("农业灌溉水有效利用系数达到0.6。", 0.6, "", ">="),
        ("全国农机总动力超过10亿千瓦。", 1e9, "千瓦", ">"),
        ("主营业务收入年均增速高于10%。", 10, "%", ">"),
        ("北斗卫星导航业务收入突破15亿元。", 1.5e9, "元", ">"),
        ("全国农机总动力稳定在11亿千瓦左右。", 1.1e9, "千瓦", "="),
        ("机械化率总体达到50%左右。", 50, "%", "="),  # 左右 outweighs 达到
        ("约3万公里农村公路完成改造。", 30_000, "公里", "="),
        ("城镇登记失业率控制在4.5%以内。", 4.5, "%", "<="),
        ("PM2.5平均浓度不超过35微克。", 35, "微克", "<="),
        ("市本级财政统筹安排专项经费每年不少于3000万元。", 3e7, "元", ">="),
        ("全市至少建成6个足球重点区、县（市）。", 6, "个", ">="),
        ("全年完成投资5000多亿元。", 5e11, "元", ">"),
        ("城区新增智能交通流量采集点位350处。", 350, "处", ">="),  # amount to deliver
        ("在科技城集中发展区建设地下综合管廊55公里。", 55, "公里", ">="),
        ("今年安排中央预算内投资5000亿元。", 5e11, "元", "="),  # a plan setting
        ("政府行政权力事项100%纳入电子监察范围。", 100, "%", ">="),
        ("占比提高到三成以上。", 30, "%", ">="),
    ],
)
def test_value_unit_comparator(sentence, value, unit, comparator):
    t = one(sentence)
    assert (t.value, t.unit, t.comparator, t.kind) == (value, unit, comparator, "level")


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("探索行政审批承诺制，选取1—2个行政许可事项进行试点。", 1, 2, "个"),
        ("各县市区每年选择3-5个村（场、基地）进行试点示范。", 3, 5, "个"),
        ("国内生产总值增长6.5%-7%。", 6.5, 7, "%"),
    ],
)
def test_ranges_are_between(sentence, low, high, unit):
    t = one(sentence)
    assert (t.comparator, t.value, t.value_max, t.unit, t.kind) == ("between", low, high, unit, "level")


def test_fall_is_a_negative_change():
    t = one("化学农药使用量减少10%。")
    assert (t.kind, t.value, t.comparator, t.unit) == ("change", -10, "=", "%")
    assert t.indicator == "化学农药使用量"


def test_bounded_fall_is_at_most_the_negative_value():
    t = one("单位国内生产总值能耗下降3.4%以上。")
    assert (t.kind, t.value, t.comparator) == ("change", -3.4, "<=")


def test_fall_to_a_level_is_a_ceiling_not_a_change():
    t = one("重点行业用水量降低到30亿立方米。")
    assert (t.kind, t.value, t.comparator, t.unit) == ("level", 3e9, "<=", "立方米")


def test_zero_growth_is_a_change_of_zero_percent():
    t = one("确保化肥、农药用量零增长。")
    assert (t.kind, t.value, t.unit, t.comparator) == ("change", 0, "%", "=")
    assert t.indicator == "化肥、农药用量"


def test_named_growth_rate_is_a_level():
    t = one("到2017年，全省农村电子商务交易额年均增长率30%以上。")
    assert (t.kind, t.value, t.comparator) == ("level", 30, ">=")
    assert t.indicator == "全省农村电子商务交易额年均增长率"


def test_compound_unit():
    t = one("到2020年，全市PM2.5年均浓度下降到35微克/立方米以下。", date="2018-01-10")
    assert (t.value, t.unit, t.comparator, t.kind) == (35, "微克/立方米", "<=", "level")
    assert t.indicator == "全市PM2.5年均浓度"


def test_from_to_keeps_the_end_value_and_the_rate_as_indicator():
    t = one("覆盖率由2015年的60%提高到2020年的80%。", date="2016-05-01")
    assert (t.value, t.deadline, t.indicator) == (80, "2020-12-31", "覆盖率")


def test_growth_over_last_year_is_not_the_past():
    t = one("2019年全市地区生产总值比上年增长7%左右。", date="2019-01-20")
    assert (t.value, t.comparator, t.deadline) == (7, "=", "2019-12-31")
    assert t.indicator == "全市地区生产总值比上年增长率"


def test_money_set_aside_is_a_plan_setting():
    assert one("设立1000万元专项资金，支持企业技术改造。").comparator == "="
    t = one("省财政安排1.5亿元用于支持示范县建设。")
    assert (t.value, t.unit, t.comparator) == (150_000_000, "元", "=")


def test_percentage_of_things_is_a_share_not_a_threshold():
    assert one("实现100%的行政村通宽带。").indicator == "行政村通宽带比例"
    assert targets_of("对年增长50%以上的企业进行表彰。") == ()


# --- one target per number ---------------------------------------------------------


def test_respectively_gives_one_target_per_number_with_its_own_indicator():
    found = targets_of("县、乡级农村电子商务综合服务平台（站点）覆盖率分别达100%、70%。")
    assert [(t.value, t.indicator) for t in found] == [
        (100, "县级农村电子商务综合服务平台（站点）覆盖率"),
        (70, "乡级农村电子商务综合服务平台（站点）覆盖率"),
    ]


def test_paired_rates_split_after_a_shared_prefix():
    found = targets_of("花生种植、收获机械化率分别达到65%和55%。")
    assert [t.indicator for t in found] == ["花生种植机械化率", "花生收获机械化率"]
    found = targets_of("城市和农村宽带用户平均接入速率超过55M和40M。")
    assert [(t.indicator, t.comparator, t.unit) for t in found] == [
        ("城市宽带用户平均接入速率", ">", "M"),
        ("农村宽带用户平均接入速率", ">", "M"),
    ]


def test_one_number_shared_by_several_quantities_is_one_target():
    t = one("马铃薯种植、收获机械化率均达到45%。")
    assert t.indicator == "马铃薯种植、收获机械化率"
    t = one("居民健康卡发放率和居民电子健康档案建档率达100%。")
    assert t.value == 100


def test_list_continuation_clauses_are_targets_too():
    found = targets_of("城区新增智能交通流量采集点位350处，信号灯联网联控150处，交通诱导50块。")
    assert [(t.value, t.unit) for t in found] == [(350, "处"), (150, "处"), (50, "块")]


def test_new_subject_after_a_list_comma_starts_its_own_text():
    found = targets_of("防治率达到80%，测土配方施肥600万亩次、化肥使用量实现零增长，化学农药使用量减少10%。")
    assert [(t.value, t.text) for t in found] == [
        (80, "防治率达到80%"),
        (6_000_000, "测土配方施肥600万亩次"),
        (0, "化肥使用量实现零增长"),
        (-10, "化学农药使用量减少10%"),
    ]


def test_goal_list_items_after_the_number_are_left_out_of_its_text():
    t = one("到2020年，大宗工业固体废物贮存处置总量趋零增长、主要农业废弃物全量利用、生活垃圾处理水平全面提升。")
    assert t.text == "到2020年，大宗工业固体废物贮存处置总量趋零增长"
    assert t.indicator == "大宗工业固体废物贮存处置总量"


def test_number_before_its_noun():
    t = one("到2020年，90%以上重大专利到期药物实现仿制上市。")
    assert (t.value, t.comparator) == (90, ">=")
    assert "重大专利到期药物" in t.indicator


def test_whole_population_committed_to_is_a_target():
    assert one("将全市10家A级景区纳入在线旅游系统。").unit == "家"
    assert one("到2018年，全部覆盖全市15万老年人口。").value == 150_000


# --- what is not a target ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "对当年度个体工商户首次达到企业标准的，给予2万元支持。",  # subsidy
        "对符合条件的工业企业，给予最高10万元支持。",  # cap
        "且达标当年度营业额达到500万元以上的住宿业企业。",  # threshold
        "对住宿业企业次年营业额同比增长50%以上的，给予5万元支持。",  # conditional clause
        "建筑面积15万平方米以上的住宅小区应当按照绿色建筑标准进行建设。",  # scope threshold
        "在继续巩固落实好生均财政拨款水平达到12000元的基础上，逐步提高拨款水平。",  # the present
        "本措施自2025年6月1日起施行，有效期至2027年12月31日。",  # validity dates
        "有效期5年。",  # duration
        "顶岗实习时间一般为6个月。",  # duration, norm
        "原则上每5年修订1次职业院校专业目录。",  # frequency
        "根据《国务院关于印发促进大数据发展行动纲要的通知》（国发〔2015〕50号）制定本意见。",  # doc number
        "加快建设4G网络，推广3D打印技术。",  # names
        "深入推进“十三五”规划实施，服务“一带一路”建设。",  # names
        "整合12349服务热线、门户网站及社会服务资源。",  # hotline
        "国家发改委、工信部等8家部委联合印发指导意见。",  # a count of the present
        "全市已建成8个示范基地。",  # the past
        "2015年全市农村电子商务交易额达到50亿元。",  # the past (document dated 2016)
        "2020年2月1日-2020年2月29日我市对2个水土保持方案作出了审批决定。",  # the past
        "2024年每个申请人只能申请1项省市联合基金项目。",  # a quota per applicant
        "项目参与单位一般不超过2个。",  # a norm
        "印发行政许可、行政处罚、行政征收等三张目录清单。",  # a summary count
        "各区、县（市）参照小学、初中、高中6:3:1比例优化布局。",  # a ratio
        "高端领军人才中的杰出专家最高200平方米，优秀专家约120平方米。",  # allowances
        "禁止生产和使用厚度低于0.01毫米的地膜。",  # a product standard
        "（单体建筑面积2万平方米以上）的公共建筑执行绿色建筑标准。",  # a definition in a note
        "探索建立三级联动机制，实现四级贯通。",  # structural counts
    ],
)
def test_not_targets(sentence):
    assert targets_of(sentence) == ()


def test_conditions_listed_under_an_intro_are_not_targets():
    doc, clean = make_doc(
        [
            (("十",), "", ["法人社会团体还应具备："]),
            (("十", "3"), "", ["全国性社会团体应有10万元以上资金，基金会基金数额不少于210万元人民币。"]),
        ],
        date="1997-04-08",
    )
    assert extract_targets(doc, clean) == ()


def test_chinese_numeral_needs_a_comparator_right_before_it():
    assert targets_of("加快建设千兆接入网，实施十百千万工程。") == ()
    assert one("占比达到三成。").value == 30


# --- deadlines ---------------------------------------------------------------------


def test_time_phrase_in_the_sentence():
    t = one("加快建设房屋管理信息系统。到2018年，实现建筑物数据覆盖率90%以上。")
    assert (t.deadline, t.deadline_source) == ("2018-12-31", "到2018年")
    assert t.text == "到2018年，实现建筑物数据覆盖率90%以上"


def test_nearest_phrase_wins_within_a_sentence():
    found = targets_of("2016年开展城市网格化管理试点，2018年范围扩大到整个市区、80%县（市、区）和60%乡镇。")
    assert [(t.value, t.deadline) for t in found] == [(80, "2018-12-31"), (60, "2018-12-31")]


def test_time_phrase_in_another_sentence_of_an_ordinary_paragraph_does_not_enclose():
    """Gold NOTES, 绵府发6（十七）: the 到2018年 sentence does not date the next one."""
    found = targets_of("推广智慧家庭。到2018年，实现534个社区全覆盖。拓展一卡通功能，力争实现发卡规模500万张。")
    assert [(t.value, t.deadline) for t in found] == [(534, "2018-12-31"), (5_000_000, None)]


def test_phrase_opening_the_paragraph_governs_every_sentence():
    found = targets_of(
        "到2020年，农机装备产业科技创新能力持续提升。全国农机总动力超过10亿千瓦，其中灌排机械动力达到1.2亿千瓦。"
    )
    assert [(t.value, t.deadline) for t in found] == [(1e9, "2020-12-31"), (1.2e8, "2020-12-31")]
    assert found[1].text == "其中灌排机械动力达到1.2亿千瓦"


def test_phrase_after_a_run_in_heading_still_opens_the_paragraph():
    doc, clean = make_doc(
        preamble=["具体指标：到2022年，职业院校教学条件基本达标。推动建设300个高水平专业化产教融合实训基地。"],
        date="2019-01-24",
    )
    (t,) = extract_targets(doc, clean)
    assert (t.value, t.deadline, t.deadline_source) == (300, "2022-12-31", "到2022年")


def test_goal_section_phrase_dates_its_items():
    doc, clean = make_doc(
        [
            (("二", "三"), "建设目标", ["建设目标", "通过5年努力，全市现代生态循环农业发展取得长足进步。"]),
            (("二", "三", "1"), "资源循环利用。", ["资源循环利用。规模化养殖场畜禽粪便处理率达到90%。"]),
            (("二", "三", "3"), "产品优质安全。", ["产品优质安全。到十三五期末，森林食品面积达到100万亩。"]),
        ],
        date="2016-03-03",
    )
    found = extract_targets(doc, clean)
    assert [(t.path, t.deadline, t.deadline_source) for t in found] == [
        (("二", "三", "1"), "2020-12-31", "通过5年努力"),
        (("二", "三", "3"), "2020-12-31", "到十三五期末"),
    ]


def test_goal_section_with_two_deadlines_dates_nothing_below():
    """Gold NOTES, 绵府发6 主要目标: 到2018年底 and 到2020年 both head the section."""
    doc, clean = make_doc(
        [
            (("一", "三"), "主要目标。", ["主要目标。", "到2018年底，建成服务体系。到2020年，建成智慧绵阳。"]),
            (("一", "三", "1"), "基础设施智能化。", ["基础设施智能化。全市城乡家庭具备100M以上的光纤接入能力。"]),
        ]
    )
    (t,) = extract_targets(doc, clean)
    assert (t.value, t.unit, t.deadline) == (100, "M", None)
    assert t.indicator.endswith("光纤接入能力")


def test_each_goal_paragraph_keeps_its_own_year():
    doc, clean = make_doc(
        [
            (
                ("一", "二"),
                "发展目标。",
                [
                    "发展目标。",
                    "到2020年，全国农作物耕种收综合机械化率达到70%。",
                    "到2025年，甘蔗收获机械化率达到30%。",
                ],
            )
        ],
        date="2018-12-21",
    )
    assert [(t.value, t.deadline) for t in extract_targets(doc, clean)] == [
        (70, "2020-12-31"),
        (30, "2025-12-31"),
    ]


def test_year_named_work_plan_dates_every_item():
    doc, clean = make_doc(
        [(("六", "21"), "", ["探索行政审批承诺制，选取1—2个行政许可事项进行试点。"])],
        title="四川省人民政府办公厅关于印发四川省简政放权放管结合优化服务2016年工作要点的通知",
        forwarded_title="四川省简政放权放管结合优化服务2016年工作要点",
    )
    (t,) = extract_targets(doc, clean)
    assert t.deadline == "2016-12-31"


def test_recurring_amount_has_no_deadline_even_under_a_dated_paragraph():
    t = one("到2020年，各县市区每年选择3-5个村进行试点示范。")
    assert t.deadline is None


def test_month_deadline():
    t = one("2019年6月底前，覆盖率达到60%。", date="2019-01-16")
    assert t.deadline == "2019-06-30"


# --- text, span, path ----------------------------------------------------------------


def test_span_points_at_the_text_and_path_is_the_node():
    doc, clean = make_doc(
        [(("三", "九"), "强化城市网格化管理。", ["强化城市网格化管理。除甘孜州外，县级覆盖率达100%。"])],
        preamble=["为加快发展，制定本方案。"],
    )
    (t,) = extract_targets(doc, clean)
    assert clean.text[t.span.start : t.span.end] == t.text == "除甘孜州外，县级覆盖率达100%"
    assert t.path == ("三", "九")
    assert t.span.line_start == t.span.line_end == 2


def test_preamble_targets_have_an_empty_path():
    doc, clean = make_doc(preamble=["到2022年，建设50所高水平高等职业学校和150个骨干专业（群）。"], date="2019-01-24")
    found = extract_targets(doc, clean)
    assert [(t.path, t.value, t.unit, t.deadline) for t in found] == [
        ((), 50, "所", "2022-12-31"),
        ((), 150, "个", "2022-12-31"),
    ]


def test_empty_document_has_no_targets():
    doc, clean = make_doc()
    assert extract_targets(doc, clean) == ()


def test_amounts_and_areas_per_facility_are_standards_but_counts_per_unit_are_targets():
    found = targets_of(
        "区级、街道级社区养老服务设施每年每个分别不少于60万元、40万元运营经费。",
        "综合养老服务中心每处建筑面积不少于1000平方米。",
        "每个社区至少设置1个村居服务站。",
    )
    assert [(t.value, t.unit) for t in found] == [(1, "个")]


def test_courses_are_counted_in_men():
    t = one("到2025年，重点建设300门左右示范课程。")
    assert (t.value, t.unit, t.comparator, t.deadline) == (300, "门", "=", "2025-12-31")


def test_annex_restating_a_body_target_adds_none_but_sibling_items_stay():
    doc, clean = make_doc(
        [
            (("一",), "", ["到2027年，每个社区至少建设1个养老服务站，全县养老机构护理型床位占比达到60%。"]),
            (("二",), "", ["每个街道至少建设1个综合养老服务中心。"]),
        ],
        preamble=[],
    )
    body = extract_targets(doc, clean)
    annex_doc, annex_clean = make_doc(
        [
            (("一",), "", ["到2027年，每个社区至少建设1个养老服务站，全县养老机构护理型床位占比达到60%。"]),
            (("二",), "", ["每个街道至少建设1个综合养老服务中心。"]),
            (("三",), "", ["到2027年，每个社区至少建设1个养老服务站，全县养老机构护理型床位占比达到60%。"]),
        ]
    )
    assert [t.value for t in body] == [1, 60, 1]
    assert [t.value for t in extract_targets(annex_doc, annex_clean)] == [1, 60, 1]


def test_a_tab_row_names_its_quantity_in_the_cell_before():
    found = targets_of("服务效果\t10.签约居民续约率\t较上一年增加，力争2023年达到80%。\t计算方法")
    assert [(t.indicator, t.value, t.deadline) for t in found] == [("签约居民续约率", 80, "2023-12-31")]


def test_a_rate_the_policy_sets_is_a_parameter():
    found = targets_of("2023年12月31日前，对小规模纳税人适用3%征收率的应税销售收入，减按1%征收率征收增值税。")
    assert found == ()


def test_a_year_named_work_plan_dates_its_items_but_a_plan_period_does_not():
    plan = make_doc([(("一",), "", ["全县餐具抽检合格率达到90%以上。"])], forwarded_title="2026年全县食品安全工作方案")
    assert [t.deadline for t in extract_targets(*plan)] == ["2026-12-31"]
    period = make_doc(
        [(("一",), "", ["全县餐具抽检合格率达到90%以上。"])], forwarded_title="全县食品安全规划（2021-2026年）工作方案"
    )
    assert [t.deadline for t in extract_targets(*period)] == [None]


def test_counts_before_a_later_verb_after_dui_are_amounts_to_deliver():
    found = targets_of("建立追溯系统，计划对全县12家生产企业、20家流通企业的相关食品建立电子身份编码。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(12, "家", ">="), (20, "家", ">=")]


def test_a_rise_in_percentage_points_is_a_change_in_those_points():
    t = one("全县签约服务覆盖率每年提升1～3个百分点。")
    assert (t.kind, t.comparator, t.value, t.value_max, t.unit) == ("change", "between", 1, 3, "个百分点")


def test_mathematical_comparators_right_before_the_number():
    found = targets_of("签约高血压患者血压控制率\t≥50%\t核查签约居民健康状况")
    assert [(t.value, t.comparator) for t in found] == [(50, ">=")]


def test_a_clause_that_leaves_out_its_subject_takes_the_one_before():
    found = targets_of("到2023年，力争每万常住人口家庭医生数不低于4人，到2025年不低于4.66人。", date="2023-10-19")
    assert [(t.value, t.indicator, t.deadline) for t in found] == [
        (4, "每万常住人口家庭医生数", "2023-12-31"),
        (4.66, "每万常住人口家庭医生数", "2025-12-31"),
    ]


def test_a_round_chinese_count_with_a_bound_is_a_target_but_small_ones_are_not():
    found = targets_of("全年策划举办百场以上两岸交流活动，培育两个以上示范点。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(100, "场", ">=")]


def test_a_count_of_the_items_a_list_names_is_not_a_target():
    assert targets_of("支持诊断须符合以下3项或3项以上情形：", "至少符合下列1项特征。") == ()


def test_sentences_that_cannot_hold_a_quantity_skip_the_analysis(monkeypatch):
    """Speed: only sentences with a digit, 零增长 or a Chinese numeral a comparator governs are analysed."""
    import luoshi.extract.targets as targets_module

    seen: list[str] = []
    real = targets_module.find_time_phrases

    def counting(text, date=None):
        seen.append(text)
        return real(text, date)

    monkeypatch.setattr(targets_module, "find_time_phrases", counting)
    found = targets_of("加强统一领导，完善工作机制。建立健全考核制度。全县新建公园5个。覆盖率达到九成。")
    assert [t.value for t in found] == [5, 90]
    analysed = [t for t in seen if t != seen[0]]  # the first call reads the paragraph's opening phrase
    assert analysed == ["全县新建公园5个", "覆盖率达到九成"]


@pytest.mark.parametrize(
    "sentence",
    [
        "见习基地指导老师每年指导就业见习人员超过10人（含10人）。",  # inclusive bound: a condition
        "供养服务机构每月按照特困人员基本生活供养金20%的标准发放零用钱。",  # sets a standard
        "入户调查人员应当不少于2人。",  # staffing of a procedure
        "由至少2名工作人员对申请单位进行实地核查。",
        "当期接收见习人员人数不得超过本单位在职职工总人数的30%。",  # a prohibition
    ],
)
def test_conditions_standards_procedures_and_prohibitions_are_parameters(sentence):
    assert targets_of(sentence) == ()


def test_staffing_to_reach_is_still_a_target():
    t = one("到2027年，每个镇至少配备1名专职社工。")
    assert (t.value, t.unit) == (1, "名")


def test_numbers_under_a_list_of_prohibited_acts_are_conditions():
    doc, clean = make_doc(
        [
            (("十二",), "", ["见习单位不得有下列行为："]),
            (("十二", "一"), "", ["当期接收见习人员人数达到职工总人数的40%。"]),
        ]
    )
    assert extract_targets(doc, clean) == ()


def test_an_annex_row_naming_the_quantity_short_restates_the_body_target():
    doc, clean = make_doc(
        [
            (("一",), "", ["到2025年，力争每万常住人口家庭医生数不低于4.66人。"]),
            (("二",), "", ["增加服务供给\t4.家庭医生人数\t2025年达到4.66名。\t考察来源渠道"]),
            (("三",), "", ["到2025年，每万常住人口护士数不低于4.66人。"]),
        ],
        date="2023-10-19",
    )
    found = extract_targets(doc, clean)
    assert [(t.indicator, t.unit) for t in found] == [("每万常住人口家庭医生数", "人"), ("每万常住人口护士数", "人")]


@pytest.mark.parametrize(
    "intro",
    [
        "本市定点医疗机构确诊符合诊断标准，具有下列2项或2项以上指征（至少1项实验室指征）的：",
        "本市定点医疗机构确诊符合以下标准：",
    ],
)
def test_numbers_under_diagnostic_criteria_are_conditions(intro):
    # A catalogue of covered diseases lists the criteria a patient must meet; its numbers
    # (``3个或3个以上关节受累``, ``达到30%``) are eligibility conditions, not targets.
    doc, clean = make_doc(
        [
            (("五",), "", ["痛风性关节炎", intro]),
            (("五", "一"), "", ["3个或3个以上关节区的关节肿胀；"]),
            (("五", "二"), "", ["血尿酸升高达到30%以上。"]),
        ]
    )
    assert extract_targets(doc, clean) == ()


def test_a_goal_section_that_cites_a_standard_keeps_its_targets():
    doc, clean = make_doc(
        [
            (("二",), "", ["按照国家标准，到2025年主要目标如下："]),
            (("二", "一"), "", ["城市生活垃圾回收利用率达到35%以上。"]),
        ]
    )
    assert [t.value for t in extract_targets(doc, clean)] == [35]


def test_a_change_applied_by_a_calculation_rule_is_a_parameter():
    assert targets_of("退休人员按降低1个百分点减少划拨个人账户。") == ()
    assert targets_of("基本养老金按提高3%计发。") == ()


def test_a_setting_by_a_rate_with_no_rise_or_fall_word_stays_a_target():
    assert [t.value for t in targets_of("赤字率拟按3%安排。")] == [3]


def test_a_task_table_row_dates_its_target_by_its_deadline_cell_and_drops_its_number_cell():
    # 任务分工表: 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限. The row is the target's paragraph:
    # its 完成时限 cell is the enclosing time phrase; the 序号 cell is not part of the quantity.
    rows = [
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
        "1\t新建高标准农田2万亩。\t县农业农村局\t县财政局\t2025年10月底前",
        "2\t每年培训新型职业农民500人次。\t县农业农村局\t县人力资源社会保障局\t2025年12月底",
        "3\t完成城镇老旧小区改造15个。\t县住房城乡建设局\t各乡镇人民政府\t长期坚持",
    ]
    doc, clean = make_doc(preamble=rows, date="2025-02-10")
    found = {t.value: t for t in extract_targets(doc, clean)}
    assert found[20000].deadline == "2025-10-31"
    assert found[500].deadline is None  # 每年: recurring, whatever the row says
    assert found[15].deadline is None
    assert found[20000].text == "新建高标准农田2万亩"
    assert not found[15].indicator.startswith("3")


@pytest.mark.parametrize(
    ("cell", "deadline"),
    [("2026年6月底前完成", "2026-06-30"), ("2026年6月底前完成验收并报县政府", None)],
)
def test_a_deadline_cell_may_add_two_characters_to_its_phrase_not_a_clause(cell, deadline):
    rows = ["序号\t工作任务\t牵头单位\t完成时限", f"1\t新建高标准农田2万亩。\t县农业农村局\t{cell}"]
    doc, clean = make_doc(preamble=rows, date="2025-02-10")
    (t,) = extract_targets(doc, clean)
    assert t.deadline == deadline


@pytest.mark.parametrize(
    ("forwarded", "deadline"),
    [
        ("××县2025年重点工作任务分工方案", "2025-12-31"),
        ("××县2025年政府工作报告重点任务分工方案", "2025-12-31"),
        ("××县2021—2025年重点任务分工方案", None),  # a range: not one year's plan
    ],
)
def test_a_year_named_task_allocation_plan_dates_every_item(forwarded, deadline):
    doc, clean = make_doc(
        [(("一", "3"), "", ["完成城镇老旧小区改造15个。"])],
        title=f"××县人民政府办公室关于印发{forwarded}的通知",
        forwarded_title=forwarded,
        date="2025-02-10",
    )
    (t,) = extract_targets(doc, clean)
    assert t.deadline == deadline


def test_an_of_which_sentence_refining_a_per_facility_standard_is_a_parameter_too():
    text = (
        "各区应安排社区养老服务设施运营经费，区级、街道级设施每年每个分别不少于50万元、30万元运营经费。"
        "其中，提供康复护理服务的区级设施增加50万元运营经费。"
    )
    assert targets_of(text) == ()


def test_an_of_which_sentence_refining_a_target_is_a_target():
    text = "到2025年，全市养老床位达到5万张以上。其中，护理型床位占比达到55%以上。"
    assert [t.value for t in targets_of(text)] == [50000, 55]


def test_a_rise_from_a_dated_starting_value_keeps_the_goal_and_later_goals():
    text = "到2025年，居民健康素养水平由2020年的23%提高到30%；个人卫生支出占比下降到25%以内。"
    found = targets_of(text, date="2024-03-01")
    assert [(t.value, t.comparator, t.deadline) for t in found] == [(30, ">=", "2025-12-31"), (25, "<=", "2025-12-31")]
    assert found[0].indicator == "居民健康素养水平比例"


def test_a_past_year_that_frames_a_sentence_still_makes_it_past():
    assert targets_of("2020年，居民健康素养水平达到23%。", date="2024-03-01") == ()


def test_two_health_rates_one_per_100000_and_one_per_mille():
    found = targets_of("到2025年，孕产妇死亡率、婴儿死亡率分别控制在10/10万和4‰以下。", date="2024-03-01")
    assert [(t.value, t.unit, t.comparator, t.indicator) for t in found] == [
        (10, "/10万", "<=", "孕产妇死亡率"),
        (4, "‰", "<=", "婴儿死亡率"),
    ]
