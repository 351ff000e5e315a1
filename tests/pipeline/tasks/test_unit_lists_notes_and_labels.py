"""Unit lists as 分工方案 and 工作要点 write them (issue 10, real excerpts).

Every document here is written in the test; each class has the side that is a list and a
near form that is not.
"""

from __future__ import annotations

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units

_tasks = tasks_by_path


def test_a_note_that_every_task_involves_a_unit_adds_it_to_every_later_task():
    got = _tasks(
        [
            (
                ("一",),
                [
                    "推进市场体系建设。〔责任单位：省发展改革委、省商务厅按职责分工负责。"
                    "具体任务均涉及各市（州）人民政府，不再做分工，下同。〕"
                ],
            ),
            (("二",), ["优化市场准入环境。〔责任单位：省市场监管局〕"]),
            (("三",), ["加强执法。〔责任单位：省公安厅、省市场监管局〕"]),
        ]
    )
    # The guide: the item that carries the note lists its unit where it is written (after the list).
    assert got[("一",)].units == ("省发展改革委", "省商务厅", "各市（州）人民政府")
    assert got[("二",)].units == ("省市场监管局", "各市（州）人民政府")
    assert got[("三",)].units == ("省公安厅", "省市场监管局", "各市（州）人民政府")


def test_without_xiatong_the_involvement_note_reaches_no_later_task():
    got = _tasks(
        [
            (("一",), ["推进市场体系建设。〔责任单位：省发展改革委。具体任务均涉及各市（州）人民政府，不再做分工。〕"]),
            (("二",), ["优化市场准入环境。〔责任单位：省市场监管局〕"]),
        ]
    )
    assert got[("一",)].units == ("省发展改革委",)
    assert got[("二",)].units == ("省市场监管局",)


def test_a_time_part_in_the_list_is_no_unit():
    parsed = parse_units("国家发展改革委牵头，国务院各有关部门按职责分工负责，年内持续推进")
    assert parsed.units == ("国家发展改革委", "国务院各有关部门")
    assert parsed.lead_units == ("国家发展改革委",)
    assert parse_units("国务院各部门分别负责，年底前完成").units == ("国务院各部门",)
    assert parse_units("年内持续推进") is None  # a time part alone names no unit


def test_development_zones_and_task_forces_are_units_of_a_labelled_list():
    parsed = parse_units("责任单位：立山经济开发区，全区经济运行各专班，高新区")
    assert parsed.units == ("立山经济开发区", "全区经济运行各专班", "高新区")
    # A bare two-character word is still no unit: 新区 alone, 专班 alone.
    assert parse_units("新区") is None
    assert parse_units("专班") is None


def test_a_label_line_joined_to_the_heading_above_it_is_the_items_list():
    got = _tasks(
        [
            (("一",), ["地区生产总值增长7%以上责任单位：区发展和改革局"]),
            (("二",), ["规上工业增加值增长12%以上牵头单位：区科技和经信局；责任单位：各街道"]),
        ]
    )
    assert got[("一",)].units == ("区发展和改革局",)
    assert got[("一",)].text == "地区生产总值增长7%以上"
    assert got[("二",)].units == ("区科技和经信局", "各街道")
    assert got[("二",)].lead_units == ("区科技和经信局",)


def test_a_label_inside_a_sentence_that_goes_on_is_no_list():
    got = _tasks(
        [
            (("一",), ["各地要明确责任单位：区发改局牵头抓总，加快推进项目建设。"]),
            (("二",), ["地区生产总值增长7%以上责任单位：区发改局。加快推进项目建设，按季度通报。"]),
        ]
    )
    assert got == {}


def test_places_sharing_one_government_are_one_unit():
    # Like a group of levels (各市（州）、县（市、区）人民政府): the bare place names are no units.
    parsed = parse_units("哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责")
    assert parsed.units == ("哈尔滨机场扩建指挥部", "哈尔滨、黑河、绥芬河市政府", "省农垦总局")
    assert parse_units("成都、德阳、绵阳市人民政府负责").units == ("成都、德阳、绵阳市人民政府",)
    # A bare word before a government that names no place of its own stays as written.
    assert parse_units("省教育厅、市政府").units == ("省教育厅", "市政府")


def test_a_scoped_group_of_levels_is_one_unit():
    assert parse_units("省发改委、相关市、县政府负责").units == ("省发改委", "相关市、县政府")
    assert parse_units("有关市、县人民政府按职责分工负责").units == ("有关市、县人民政府",)
    # Without the government after them the levels name no unit.
    assert parse_units("相关市、县（区）") is None


def test_a_label_written_after_the_names_with_wei_marks_their_role():
    parsed = parse_units("市发改委为牵头单位，市财政局、市商务局为配合单位")
    assert parsed.units == ("市发改委", "市财政局", "市商务局")
    assert parsed.lead_units == ("市发改委",)


def test_a_bracket_holding_only_a_label_is_no_unit_list():
    from luoshi.extract.units import find_unit_lists

    # Not a list of one unit called 牵头单位: the bracket is a label, and 【牵头单位】X reads as
    # 牵头单位：X (since the second round, tests/pipeline/tasks/test_unit_lists_roles_and_sub_items.py).
    found = find_unit_lists("加强调度。【牵头单位】市发改委【责任单位】市财政局、市商务局")
    assert [ul.units for ul in found] == [("市发改委", "市财政局", "市商务局")]
    assert parse_units("牵头单位") is None
    assert parse_units("市财政局、责任单位") is None
