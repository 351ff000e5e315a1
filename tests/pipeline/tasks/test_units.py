"""Unit lists: recognised by shape, split into surface-form units, notes set lead rules."""

from __future__ import annotations

import pytest

from luoshi.extract.units import LeadRule, find_unit_lists, is_unit_like, parse_units


def units(content: str) -> tuple[str, ...] | None:
    parsed = parse_units(content)
    return None if parsed is None else parsed.units


# --- splitting -------------------------------------------------------------------


def test_labelled_list_drops_the_attachment_note():
    p = parse_units("责任单位：省法制办、省直相关部门。牵头单位见附件，下同")
    assert p is not None
    assert p.units == ("省法制办", "省直相关部门")
    assert p.lead_units == ()
    assert p.lead_rule is None


def test_group_of_levels_with_inner_brackets_is_one_unit():
    assert units("商务厅、省邮政管理局，各市（州）、县（市、区）人民政府") == (
        "商务厅",
        "省邮政管理局",
        "各市（州）、县（市、区）人民政府",
    )
    assert units("市体育局，各区、县（市）政府") == ("市体育局", "各区、县（市）政府")
    assert units("各省、自治区、直辖市人民政府负责") == ("各省、自治区、直辖市人民政府",)


def test_x_deng_y_gives_two_units_unless_y_is_a_bare_word():
    assert units("财政厅等省直相关部门，各市（州）、县（市、区）人民政府") == (
        "财政厅",
        "省直相关部门",
        "各市（州）、县（市、区）人民政府",
    )
    assert units("海关总署、商务部等有关部门负责") == ("海关总署", "商务部", "有关部门")
    assert units("人民银行等部门负责") == ("人民银行",)
    assert units("省发展改革委等单位负责") == ("省发展改革委",)


def test_trailing_deng_is_dropped():
    assert units("省工商局、省质监局、人行成都分行等") == ("省工商局", "省质监局", "人行成都分行")
    assert units("农业农村部、工业和信息化部等负责") == ("农业农村部", "工业和信息化部")


def test_he_separates_units_only_between_units():
    assert units("商务部等和各有关省级人民政府负责") == ("商务部", "各有关省级人民政府")
    # 和 inside a name is not a separator
    assert units("工业和信息化部、文化和旅游部负责") == ("工业和信息化部", "文化和旅游部")
    assert units("省经济和信息化委、人力资源社会保障厅") == ("省经济和信息化委", "人力资源社会保障厅")


def test_huitong_separates_units():
    assert units("国家发展改革委、财政部会同有关部门负责") == ("国家发展改革委", "财政部", "有关部门")


def test_unit_written_without_separator_stays_one():
    assert units("市纪委市监委、市公安局") == ("市纪委市监委", "市公安局")


def test_repeated_unit_listed_once():
    assert units("市体育局、市教育局、市体育局") == ("市体育局", "市教育局")


def test_whitespace_inside_names_is_removed():
    assert units("市人力社 保局、市体育局") == ("市人力社保局", "市体育局")


# --- role words and labels -------------------------------------------------------


def test_guide_and_participate_roles_are_units():
    p = parse_units("商务部指导，供销合作总社参与")
    assert p is not None and p.units == ("商务部", "供销合作总社") and p.lead_units == ()


def test_qiantou_role_marks_leads():
    p = parse_units("生态环境部牵头，国家发展改革委、国家统计局参与")
    assert p is not None
    assert p.units == ("生态环境部", "国家发展改革委", "国家统计局")
    assert p.lead_units == ("生态环境部",)


def test_qiantou_fuze_covers_the_whole_group():
    p = parse_units("农业农村部、工业和信息化部牵头负责")
    assert p is not None and p.lead_units == ("农业农村部", "工业和信息化部")


def test_lead_label_marks_leads_and_other_labels_add_units():
    p = parse_units("牵头单位：省发展改革委；责任单位：省财政厅、省经信委")
    assert p is not None
    assert p.units == ("省发展改革委", "省财政厅", "省经信委")
    assert p.lead_units == ("省发展改革委",)


def test_fuze_bumen_label_takes_units_and_ignores_scope():
    p = parse_units("负责部门：市商务局、市财政局；适用范围：全市商贸企业")
    assert p is not None and p.units == ("市商务局", "市财政局")


def test_duties_role_and_follow_up_note():
    p = parse_units("生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出")
    assert p is not None and p.units == ("生态环境部", "试点城市政府")
    assert units("各有关部门按职责分工负责") == ("各有关部门",)


# --- lead notes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同",
        "税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同",
        "市体育局，各区、县（市）政府，列第一位的为牵头单位，下同",
    ],
)
def test_first_position_note_sets_a_sticky_rule(content):
    p = parse_units(content)
    assert p is not None
    assert p.lead_rule is LeadRule.FIRST and p.lead_rule_sticky
    assert not any("牵头" in u or "下同" in u for u in p.units)


def test_first_position_note_without_xiatong_is_not_sticky():
    p = parse_units("省发展改革委、省财政厅，列第一位的为牵头单位")
    assert p is not None and p.lead_rule is LeadRule.FIRST and not p.lead_rule_sticky


def test_before_comma_note_names_units_before_the_first_comma():
    p = parse_units("省发展改革委，省财政厅、省经信委，逗号前为牵头单位，下同")
    assert p is not None
    assert p.units == ("省发展改革委", "省财政厅", "省经信委")
    assert p.lead_rule is LeadRule.BEFORE_COMMA and p.lead_rule_sticky
    assert p.before_comma == ("省发展改革委",)


# --- brackets that are not unit lists ---------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "试行",
        "2016-2020年",
        "PPP",
        "含",
        "市、区",
        "自治区、直辖市",
        "地、州、盟",
        "见附件",
        "单位",
        "学校",
        "海口市水务局水保科",
        "企业直接向国家发展改革委申报，不需省级发展改革部门转报",
        "技工院校内由人力资源社会保障行政部门负责",
        "以下简称“双特”政策",
        "本年度医疗收入－上一年度医疗收入",
        "免税进口的科研仪器设备按有关政策规定执行",
        "含粤佛、粤莞、粤惠联合基金，下同",
        "",
    ],
)
def test_explanations_are_not_unit_lists(content):
    assert parse_units(content) is None


def test_unit_like_needs_a_unit_suffix_and_a_name():
    assert is_unit_like("省发展改革委")
    assert is_unit_like("杭师大")
    assert is_unit_like("市委")
    assert not is_unit_like("试行")
    assert not is_unit_like("部门")
    assert not is_unit_like("各级政府要加强对文物工作的领导")


# --- finding lists in text ----------------------------------------------------------


def found(text: str) -> list[str]:
    return [text[u.start : u.end] for u in find_unit_lists(text)]


def test_list_after_a_sentence_is_found_with_its_brackets():
    text = "领导小组牵头每年开展评估。[市体育局，各区、县（市）政府，列第一位的为牵头单位，下同]"
    assert found(text) == ["[市体育局，各区、县（市）政府，列第一位的为牵头单位，下同]"]


def test_several_lists_in_one_text():
    text = "提高政策有效性。（生态环境部、人民银行指导）发展回收。（商务部指导，供销合作总社参与）"
    lists = find_unit_lists(text)
    assert [u.units for u in lists] == [("生态环境部", "人民银行"), ("商务部", "供销合作总社")]


def test_marked_list_may_close_its_sentence():
    assert found("建立协调机制（国家发展改革委负责）。") == ["（国家发展改革委负责）"]


def test_unmarked_bracket_attached_to_a_word_is_an_apposition():
    assert found("鼓励社会力量举办职业培训机构（学校）。") == []
    assert found("成立足球队（足球社团），营造氛围。") == []


def test_bracket_opening_a_paragraph_before_text_is_a_heading():
    assert found("【搭建业务撮合平台】建立跨行业资源对接机制。") == []


def test_contact_line_is_not_a_list():
    assert found("联系电话：68724690（海口市水务局水保科）") == []
    assert found("联系人：张三（市财政局）") == []


def test_citation_bracket_is_not_a_list():
    assert found("按照《国务院关于印发促进大数据发展行动纲要的通知》（国发〔2015〕50号）要求。") == []


def test_bare_levels_before_a_non_level_name_stay_separate():
    assert units("各地区、各有关部门负责") == ("各地区", "各有关部门")


def test_labels_written_without_a_separator_are_split():
    p = parse_units("牵头单位：省发展改革委 配合单位：省财政厅、省经信委")
    assert p is not None
    assert p.units == ("省发展改革委", "省财政厅", "省经信委")
    assert p.lead_units == ("省发展改革委",)


def test_deadline_label_is_ignored_and_alone_is_not_a_list():
    assert units("责任单位：省发展改革委；完成时限：2016年6月底") == ("省发展改革委",)
    assert parse_units("完成时限：2016年底前") is None


def test_unbracketed_label_run_ends_at_sentence_or_paragraph_end():
    text = "建立协调机制。责任单位：省发展改革委、省财政厅"
    assert found(text) == ["责任单位：省发展改革委、省财政厅"]
    text = "建立机制。牵头单位：省发展改革委；完成时限：2016年底。下一句。"
    assert found(text) == ["牵头单位：省发展改革委；完成时限：2016年底。"]
    text = "建立机制。责任单位：省发展改革委推进工作。"
    assert [u.units for u in find_unit_lists(text, boundaries=(16, len(text)))] == [("省发展改革委",)]


def test_label_inside_a_sentence_is_not_a_run():
    assert found("按照要求，责任单位：省发展改革委") == []


def test_marked_list_may_close_a_clause_but_unmarked_may_not():
    text = "建立协调机制（国家发展改革委负责），完善监测体系（国家统计局负责）。"
    assert [u.units for u in find_unit_lists(text)] == [("国家发展改革委",), ("国家统计局",)]
    assert found("建立协调机制（国家发展改革委），完善监测体系。") == []


def test_time_part_in_a_list_is_skipped():
    p = parse_units("省政府督查室牵头，各市州人民政府、省直有关部门配合，2017年底前完成")
    assert p is not None
    assert p.units == ("省政府督查室", "各市州人民政府", "省直有关部门")
    assert p.lead_units == ("省政府督查室",)
    assert parse_units("2017年底前完成") is None


def test_ji_joins_two_unit_groups():
    p = parse_units("市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责")
    assert p is not None
    assert p.units == ("市政府办公室", "市级各有关部门", "各县市区政府")
    assert p.lead_units == ("市政府办公室",)


def test_a_bracket_opened_half_width_and_closed_full_width_is_one_list():
    assert found("加强学校饮用水卫生监管。(县教育局、县市场监管局）") == ["(县教育局、县市场监管局）"]
    assert [u.units for u in find_unit_lists("加强监管。(县教育局、县市场监管局）")] == [("县教育局", "县市场监管局")]


def test_a_round_bracket_mistyped_closed_with_an_angle_bracket():
    assert [u.units for u in find_unit_lists("创建10家示范店。（县市场监管局〉")] == [("县市场监管局",)]
    # Inside a text ``〉`` closes a ``〈``: no list is read across it.
    assert find_unit_lists("按照（〈某某规定〉要求）执行。") == ()
    assert [u.units for u in find_unit_lists("创建10家示范店。（县市场监管局〉加强餐具抽检。")] == [("县市场监管局",)]


@pytest.mark.parametrize(
    "content",
    ["责任单位：市发展改革委（牵头）、市财政局、市商务局", "市发展改革委（牵头），市财政局、市商务局"],
)
def test_a_lead_marked_after_its_name_is_the_unit_and_a_lead(content):
    p = parse_units(content)
    assert p.units == ("市发展改革委", "市财政局", "市商务局")
    assert p.lead_units == ("市发展改革委",)


@pytest.mark.parametrize("role", ["依职责负责", "按职责负责", "按照职责分工负责", "根据职责分工负责"])
def test_duty_role_words_are_not_part_of_the_last_unit(role):
    p = parse_units(f"人民银行、金融监管总局、证监会{role}")
    assert p.units == ("人民银行", "金融监管总局", "证监会")
    assert p.lead_units == ()


@pytest.mark.parametrize(
    ("content", "units", "leads"),
    [
        ("牵头单位为市商务局，配合单位为市财政局", ("市商务局", "市财政局"), ("市商务局",)),
        ("主要责任单位：市发展改革委、市财政局", ("市发展改革委", "市财政局"), ()),
    ],
)
def test_label_variants_written_with_wei_or_zhuyao(content, units, leads):
    p = parse_units(content)
    assert (p.units, p.lead_units) == (units, leads)


def test_paiming_diyi_note_sets_the_first_position_rule():
    p = parse_units("省发展改革委、省财政厅，排名第一的为牵头单位，下同")
    assert p.units == ("省发展改革委", "省财政厅")
    assert (p.lead_rule, p.lead_rule_sticky) == (LeadRule.FIRST, True)


def test_an_unbracketed_zhuyao_label_run_is_found():
    (u,) = find_unit_lists("完善投资审批机制。主要责任单位：市发展改革委、市财政局")
    assert u.parsed.units == ("市发展改革委", "市财政局")


def test_a_part_with_a_bracket_left_open_is_not_a_unit():
    # Found by the property test: an unclosed bracket after a label kept ``（，省发展改革委``.
    for opener in "（〔[【":
        assert [u.units for u in find_unit_lists(f"责任单位：{opener}下同省发展改革委")] == [], opener
    assert parse_units("各县（市、区）人民政府、省财政厅").units == ("各县（市、区）人民政府", "省财政厅")


def test_an_inline_lead_mark_in_any_bracket_shape_marks_its_unit():
    for mark in ("（牵头）", "〔牵头〕", "【牵头】", "[牵头]"):
        parsed = parse_units(f"责任单位：市发展改革委{mark}、市财政局")
        assert parsed.units == ("市发展改革委", "市财政局"), mark
        assert parsed.lead_units == ("市发展改革委",), mark


def test_a_manner_phrase_before_the_role_word_is_not_part_of_the_unit():
    parsed = parse_units("市发展改革委牵头，市级有关部门按职责落实")
    assert parsed.units == ("市发展改革委", "市级有关部门")
    assert parse_units("市财政局、市商务局根据职能分工配合").units == ("市财政局", "市商务局")
    assert parse_units("省直有关部门按职责分工负责").units == ("省直有关部门",)
    # 职 inside a name stays: a unit that ends like a role word is only stripped of the word.
    assert parse_units("市职业技能鉴定中心负责").units == ("市职业技能鉴定中心",)


def test_you_x_fuze_written_as_the_items_bracket_is_a_unit_list():
    (ul,) = find_unit_lists("推进数据共享。（由市数据局、市财政局负责）")
    assert ul.units == ("市数据局", "市财政局")
    assert ul.form == "marked-bracket"
    # Still not lists: an explanation with 由 inside, the interpretation clause, a lead phrase.
    assert find_unit_lists("证书的实施（技工院校内由县人社局负责）按规定执行。") == ()
    assert find_unit_lists("本办法的解释。（由县民政局负责解释）") == ()
    assert find_unit_lists("加强保障。（由省财政厅牵头实施）") == ()
