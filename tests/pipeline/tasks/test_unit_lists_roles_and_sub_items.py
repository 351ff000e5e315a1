"""Unit lists of 工作要点, 实施细则 and 责任分解 as real ones write them (issue 10, second round).

Every document here is written in the test; each class has the side that is a list and a
near form that is not.
"""

from __future__ import annotations

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units

_tasks = tasks_by_path


def test_an_adverb_before_the_role_word_is_no_part_of_the_last_name():
    parsed = parse_units("市发展改革委、市经济信息化委、市教委分别负责落实")
    assert parsed.units == ("市发展改革委", "市经济信息化委", "市教委")
    assert parse_units("市交通委、市公安局共同负责").units == ("市交通委", "市公安局")
    assert parse_units("区财政局具体负责").units == ("区财政局",)
    # 分别 after the role word is no adverb of it: the list is read as before.
    assert parse_units("市教委负责").units == ("市教委",)


def test_several_lists_with_fenbie_in_one_item_merge_without_the_adverb():
    got = _tasks(
        [
            (
                ("一",),
                [
                    "做好规划信息公开。（市规划局负责落实）推进区域合作信息公开。"
                    "（市发展改革委、市教委分别负责落实）公开场馆建设情况。（市体育局、市教委分别负责落实）"
                ],
            )
        ]
    )
    assert got[("一",)].units == ("市规划局", "市发展改革委", "市教委", "市体育局")


def test_a_later_units_note_with_words_between_yixia_and_jun_adds_its_units_to_later_tasks():
    got = _tasks(
        [
            (
                ("一", "1"),
                [
                    "设立专项引导资金。（责任单位：市工信局、市财政局等有关部门，各县区人民政府、园区管委会。"
                    "以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出）"
                ],
            ),
            (("一", "2"), ["开展企业上云培训。（责任单位：市工信局、市财政局）"]),
        ]
    )
    # The carrier lists the units where they are written; the note is no unit of its own.
    assert got[("一", "1")].units == ("市工信局", "市财政局", "有关部门", "各县区人民政府", "园区管委会")
    assert got[("一", "2")].units == ("市工信局", "市财政局", "各县区人民政府", "园区管委会")


def test_a_list_after_a_sentence_that_is_no_later_units_note_stays_a_plain_list():
    got = _tasks(
        [
            (("一", "1"), ["设立专项引导资金。（责任单位：市工信局。以下事项另行通知）"]),
            (("一", "2"), ["开展企业上云培训。（责任单位：市财政局）"]),
        ]
    )
    assert ("一", "1") not in got or "各县区人民政府" not in got[("一", "1")].units
    assert got[("一", "2")].units == ("市财政局",)


def _closing_doc(sub_lists: bool):
    second = "（2）推进应急预案精编化，促进编制全覆盖。" + ("（责任单位：市应急局）" if sub_lists else "")
    return [
        (("一",), ["“一案三制”建设"]),
        (("一", "1"), ["完善应急预案体系"]),
        (("一", "1", "1"), ["加强应急预案管理，规范应急预案编制、审批和评估工作。"]),
        (("一", "1", "2"), [second[3:], "（责任单位：市直各有关单位、各县（市、区）人民政府）"]),
        (("一", "2"), ["健全应急管理体制。（责任单位：市应急局）"]),
    ]


def test_a_list_on_its_own_line_after_the_last_sub_item_closes_the_whole_item():
    got = _tasks(_closing_doc(sub_lists=False))
    assert set(got) == {("一", "1"), ("一", "2")}
    assert got[("一", "1")].units == ("市直各有关单位", "各县（市、区）人民政府")


def test_a_sub_item_with_a_list_of_its_own_keeps_the_line_after_it():
    got = _tasks(_closing_doc(sub_lists=True))
    # The last sub-item wrote its own list: the line after it is that sub-item's, as before.
    assert ("一", "1") not in got
    assert got[("一", "1", "2")].units == ("市应急局", "市直各有关单位", "各县（市、区）人民政府")


def test_an_only_sub_item_keeps_the_label_line_after_it():
    got = _tasks(
        [
            (("二", "一"), ["全面治理燃煤烟气。"]),
            (("二", "一", "1"), ["控制煤炭消费总量。", "责任单位：区发改局、区市场监管局，各街道（园区）。"]),
        ]
    )
    assert set(got) == {("二", "一", "1")}
    assert got[("二", "一", "1")].units == ("区发改局", "区市场监管局", "各街道（园区）")


def test_a_name_with_the_units_it_stands_for_in_a_closing_bracket_is_one_unit():
    assert parse_units("各县、区人民政府（管委会）负责落实").units == ("各县、区人民政府（管委会）",)
    assert parse_units("责任单位：各街道（园区）").units == ("各街道（园区）",)
    # Every government of a kind of place, with the bracket adding others: one unit too.
    assert parse_units("责任单位：各城区（开发区）").units == ("各城区（开发区）",)
    assert parse_units("责任单位：各城区（试行）") is None
    # A document's status in the bracket is no unit: the bracket names no list.
    assert parse_units("责任单位：实施意见（试行）") is None
    assert parse_units("市政府（试行）") is None


def test_a_later_units_note_naming_a_unit_with_a_bracket_is_read():
    got = _tasks(
        [
            (
                ("一", "1"),
                [
                    "制定实施准入清单。〔市生态环境局牵头，市自然资源局参与，各县、区人民政府（管委会）负责落实。"
                    "以下各项工作均需各县、区人民政府（管委会）落实，不再列出。〕"
                ],
            ),
            (("一", "2"), ["排查整治散乱污企业。（市生态环境局、市工业和信息化局牵头督导，市公安局配合）"]),
        ]
    )
    assert got[("一", "1")].units == ("市生态环境局", "市自然资源局", "各县、区人民政府（管委会）")
    assert got[("一", "1")].lead_units == ("市生态环境局",)
    assert got[("一", "2")].units == ("市生态环境局", "市工业和信息化局", "市公安局", "各县、区人民政府（管委会）")
    # 牵头督导 marks its group as leading, as 牵头 does.
    assert got[("一", "2")].lead_units == ("市生态环境局", "市工业和信息化局")


def test_a_responsibility_label_with_its_role_before_it_marks_leads():
    got = _tasks(
        [
            (
                ("一", "1"),
                [
                    "地区生产总值比上年增长8.5%左右。",
                    "牵头负责领导：王某。",
                    "牵头责任单位：市发展和改革委员会。",
                    "协同责任单位：市政府各部门、各直属单位。",
                ],
            )
        ]
    )
    task = got[("一", "1")]
    # The leader is a person, no unit; 牵头 before 责任单位 is no piece of the text.
    assert task.units == ("市发展和改革委员会", "市政府各部门", "各直属单位")
    assert task.lead_units == ("市发展和改革委员会",)
    assert "牵头协同" not in task.text
    parsed = parse_units("牵头责任单位：市财政局；协同责任单位：市税务局")
    assert parsed.units == ("市财政局", "市税务局")
    assert parsed.lead_units == ("市财政局",)


def test_a_departments_share_label_reads_its_roles_from_role_words():
    got = _tasks(
        [
            (
                ("一", "1"),
                ["地区生产总值增长6%以上。", "分管省领导：李某", "部门分工：省发展改革委牵头，各地、各部门配合。"],
            ),
            (("一", "2"), ["做好部门分工：省财政厅要加强统筹，推动各项工作落实。"]),
        ]
    )
    assert got[("一", "1")].units == ("省发展改革委", "各地", "各部门")
    assert got[("一", "1")].lead_units == ("省发展改革委",)
    assert ("一", "2") not in got  # the label inside a sentence that goes on is no list


def test_fu_zong_ze_closes_a_group_as_a_role_word():
    parsed = parse_units("各县市区人民政府负总责，市直有关部门按职责分工负责")
    assert parsed.units == ("各县市区人民政府", "市直有关部门")
    assert parsed.lead_units == ()  # 负总责 is no 牵头: the guide names leads by 牵头 only
    assert parse_units("各县区人民政府负总责").units == ("各县区人民政府",)
    assert parse_units("主要负责同志负总责") is None  # a person, no unit


def test_a_star_beside_a_name_is_no_part_of_it():
    parsed = parse_units("责任单位：市发改委★、市财政局")
    assert parsed.units == ("市发改委", "市财政局")
    # The guide names no lead by a star (a note would have to say so): no lead is made up.
    assert parsed.lead_units == ()


def test_a_label_in_lenticular_brackets_stands_for_its_colon():
    got = _tasks(
        [
            (("一", "1"), ["培育壮大市场主体。【牵头单位】县工信局【配合单位】县市场监管局、各乡镇人民政府"]),
            (("一", "2"), ["做好项目储备。【主要责任单位】县发改局。加快推进前期工作。"]),
            (("一", "3"), ["【工作目标】到2025年，全县规模以上企业达到200家。"]),
        ]
    )
    assert got[("一", "1")].units == ("县工信局", "县市场监管局", "各乡镇人民政府")
    assert got[("一", "1")].lead_units == ("县工信局",)
    assert got[("一", "1")].text == "培育壮大市场主体。"
    assert got[("一", "2")].units == ("县发改局",)
    assert ("一", "3") not in got  # a bracketed heading that is no unit label names no units
