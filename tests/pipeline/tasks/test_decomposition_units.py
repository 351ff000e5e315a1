"""Task-decomposition documents (政府工作报告 分解, 责任分工): units as their sites print them.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from msgspec.structs import replace

from doc_builder import build, parsed_tasks, tasks_by_path
from luoshi.extract.tasks import annex_outline, extract_tasks
from luoshi.extract.units import parse_units
from luoshi.model import Paragraph

# --- collective units: bare levels before ``县直各部门`` ---------------------------------


def test_level_group_before_direct_departments_is_two_units():
    assert parse_units("各乡镇、县直各部门").units == ("各乡镇", "县直各部门")
    assert parse_units("责任单位：区财政局，各街道、区直有关单位").units == ("区财政局", "各街道", "区直有关单位")


def test_group_of_levels_still_one_unit():
    # the other side: levels that share the name after them stay one unit (guide)
    assert parse_units("各市（州）、县（市、区）人民政府").units == ("各市（州）、县（市、区）人民政府",)
    assert parse_units("市、县民政部门").units == ("市、县民政部门",)


def test_direct_departments_in_an_item():
    tasks = tasks_by_path([(("一",), ["一、完善农村公路养护机制。", "责任单位：县交通局，各乡镇、县直有关部门"])])
    assert tasks[("一",)].units == ("县交通局", "各乡镇", "县直有关部门")


# --- industrial parks as units ------------------------------------------------------------


def test_parks_are_units_in_a_labelled_list():
    parsed = parse_units("牵头单位：县招商服务中心；责任单位：光电产业园、纺织工业园、冷链物流园、北部园区等")
    assert parsed.units == ("县招商服务中心", "光电产业园", "纺织工业园", "冷链物流园", "北部园区")
    assert parsed.lead_units == ("县招商服务中心",)


def test_a_bare_park_word_is_no_unit():
    # the other side: 公园 and 校园 do not end like a unit, and a bracket of them is no list
    assert parse_units("城市公园、校园") is None


# --- a bracketed lead note after the last unit --------------------------------------------


def test_note_bracket_with_collecting_unit_sets_first_lead():
    parsed = parse_units("市商务局、市财政局、市税务局（列第一位者为工作牵头单位或汇总单位，下同）")
    assert parsed.units == ("市商务局", "市财政局", "市税务局")
    assert parsed.lead_rule is not None and parsed.lead_rule_sticky


def test_note_bracket_with_an_exception_clause():
    parsed = parse_units("责任单位：市水利局、市林业局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）")
    assert parsed.units == ("市水利局", "市林业局")
    assert parsed.lead_rule_sticky


def test_trailing_bracket_that_is_no_note_stays():
    # the other side: a bracket after the last name that holds no note is not cut off
    assert parse_units("市商务局、市数据局（牵头）").lead_units == ("市数据局",)
    assert parse_units("县发改局（粮食局）、县财政局").units == ("县发改局（粮食局）", "县财政局")


def test_note_rule_holds_for_later_items():
    tasks = tasks_by_path(
        [
            (
                ("一",),
                ["一、培育外贸主体。", "责任单位：市商务局、市海关办（列第一位者为工作牵头单位或汇总单位，下同）"],
            ),
            (("二",), ["二、推进跨境电商。", "责任单位：市邮政管理局、市商务局"]),
        ]
    )
    assert tasks[("一",)].units == ("市商务局", "市海关办")
    assert tasks[("一",)].lead_units == ("市商务局",)
    assert tasks[("二",)].lead_units == ("市邮政管理局",)


# --- items in an annex after the 落款 ------------------------------------------------------


def _notice_with_annex(annex_head: str) -> tuple:
    """A 责任分解 notice (not an 印发 notice) whose items stand in an annex after its date."""
    doc, clean = build(
        [],
        preamble=["各乡镇人民政府，县直各部门：", "现将县《政府工作报告》确定的重点工作责任分解给你们，请抓好落实。"],
        closing=[
            "某县人民政府办公室",
            "2024年3月1日",
            annex_head,
            "县《政府工作报告》确定的2024年重点工作责任分解",
            "一、主要目标",
            "（一）地区生产总值增长6%。（牵头单位：县发改局；责任单位：各乡镇人民政府）",
            "（二）新增城镇就业2000人。（责任单位：县人社局）",
        ],
    )
    return doc, clean


def test_annex_items_are_tasks():
    doc, clean = _notice_with_annex("附件1")
    tasks = {t.path: t for t in extract_tasks(doc, clean)}
    assert tasks[("一", "一")].units == ("县发改局", "各乡镇人民政府")
    assert tasks[("一", "二")].units == ("县人社局",)


def test_annex_heading_must_stand_alone():
    # the other side: a line that only mentions an annex (``附件：1.……``) opens no annex
    doc, clean = _notice_with_annex("附件：1.县《政府工作报告》确定的2024年重点工作责任分解")
    assert extract_tasks(doc, clean) == ()


def test_several_annexes_each_an_outline():
    closing = tuple(
        Paragraph(i * 10, i * 10 + len(t), t)
        for i, t in enumerate(
            ["附件1", "一、甲项工作。（责任单位：县民政局）", "附件2", "一、乙项工作。（责任单位：县教育局）"]
        )
    )
    doc, _ = build([])
    nodes = annex_outline(replace(doc, closing=closing))
    assert [n.path for n in nodes] == [("一",), ("一",)]


# --- a leader named before the units -------------------------------------------------------


def test_leader_label_run_before_the_unit_labels():
    for line in (
        "1.推进老旧小区改造。牵头领导：王某某 牵头单位：县住建局 配合单位：县财政局",
        "1.推进老旧小区改造。牵头领导：王某某牵头单位：县住建局配合单位：县财政局",  # spaces dropped by the cleaner
    ):
        task = tasks_by_path([(("一",), [line])])[("一",)]
        assert task.units == ("县住建局", "县财政局")
        assert task.lead_units == ("县住建局",)
        assert "王某某" not in task.text


def test_a_leader_alone_makes_no_task():
    # the other side: a person is no unit, so a run that names only the leader gives no list
    assert tasks_by_path([(("一",), ["1.推进老旧小区改造。牵头领导：王某某。"])]) == {}


# --- a flattened 民生实事 table with number cells -------------------------------------------

# A made-up project table, one cell a line: its 建设时间 and 投资金额 cells are numbers too.
PROJECTS = [
    "某县2024年民生实事项目清单",
    "序号",
    "项目名称",
    "建设地点",
    "建设时间",
    "建设内容",
    "投资金额（万元）",
    "责任单位",
    "1",
    "城区学校操场改造项目",
    "东关街道",
    "2024",
    "改造三所小学运动场地。",
    "450",
    "县教体局",
    "2",
    "农村供水管网改造项目",
    "河口镇",
    "2024",
    "改造供水管网12公里。",
    "800",
    "县水利局",
]


def _table(lines: list[str]) -> dict:
    doc, clean = build([], tail=lines)
    return {t.path: t for t in extract_tasks(doc, clean)}


def test_number_cells_of_a_row_are_no_row_numbers():
    tasks = _table(PROJECTS)
    assert list(tasks) == [("表", "1"), ("表", "2")]
    assert tasks[("表", "1")].units == ("县教体局",)  # not the 建设地点 东关街道
    assert tasks[("表", "2")].units == ("县水利局",)


def test_a_row_number_after_a_lost_row_still_starts_a_row():
    # the other side: 1 then 3 (row 2 lost to a page break) are both row numbers
    lines = [*PROJECTS[:15], "3", *PROJECTS[16:]]
    assert list(_table(lines)) == [("表", "1"), ("表", "3")]


def test_numbering_goes_on_after_a_section_row():
    # a section whose rows the source leaves out: 2, then ``三、……方面（共4项）``, then 7
    lines = [*PROJECTS, "三、社会保障方面（共4项）", "四、文化体育方面（共2项）", *PROJECTS[15:22]]
    lines[-7] = "7"
    assert list(_table(lines)) == [("表", "1"), ("表", "2"), ("表", "7")]


# --- row numbers written 1. or 一 ------------------------------------------------------------

HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]


def _rows(first: str, second: str) -> list[str]:
    return [
        *HEADER,
        first,
        "推进甲项工作。",
        "县发改局",
        "县财政局",
        "2024年底",
        second,
        "推进乙项工作。",
        "县住建局",
        "各乡镇",
        "2024年6月底",
    ]


def test_row_numbers_with_a_dot_or_in_chinese_numerals():
    assert list(_table(_rows("1.", "2."))) == [("表", "1"), ("表", "2")]
    tasks = _table(_rows("一", "二"))
    assert list(tasks) == [("表", "一"), ("表", "二")]
    assert tasks[("表", "二")].units == ("县住建局", "各乡镇")


def test_a_section_row_is_no_row_number():
    # the other side: ``一、产业发展方面`` between rows is a section row, not a row of its own
    lines = _rows("1", "2")
    lines[10:10] = ["二、城乡建设方面（共1项）"]
    assert list(_table(lines)) == [("表", "1"), ("表", "2")]


# --- units set apart by spaces only ------------------------------------------------------------

SPACED = """关于印发某县2024年重点工作任务分解的通知
各乡镇人民政府，县直各部门：
现将《某县2024年重点工作任务分解》印发给你们，请认真贯彻落实。
某县人民政府办公室
2024年3月1日
某县2024年重点工作任务分解
一、产业发展
1.推进工业园区扩区。
责任单位：县发改局 县财政局 县自然资源局
2.推进农业产业化。（责任单位：县农业农村局　各乡镇）
3.推进文旅融合。（责任单位：县文化和旅游局、县交通运
输局、县财政局）
"""


def test_units_set_apart_by_spaces_are_units_of_their_own():
    tasks = parsed_tasks(SPACED)
    assert tasks[("一", "1")].units == ("县发改局", "县财政局", "县自然资源局")
    assert tasks[("一", "2")].units == ("县农业农村局", "各乡镇")  # an ideographic space


def test_a_name_wrapped_across_lines_stays_one_name():
    # the other side: the line break inside 县交通运输局 parts nothing
    assert parsed_tasks(SPACED)[("一", "3")].units == ("县文化和旅游局", "县交通运输局", "县财政局")


# --- a tabbed table without a 序号 column ---------------------------------------------------


def _tab_table(header: list[str]) -> str:
    rows = [
        header,
        ["推进工业园区扩区。", "县发改局", "县财政局、县自然资源局", "2024年底"],
        ["推进农业产业化。", "县农业农村局", "各乡镇", "2024年10月"],
    ]
    return "某县2024年重点工作任务清单\n" + "\n".join("\t".join(r) for r in rows) + "\n某县人民政府办公室\n"


def test_rows_of_a_table_without_a_number_column_are_counted():
    tasks = parsed_tasks(_tab_table(["重点任务", "牵头单位", "配合单位", "完成时限"]))
    assert list(tasks) == [("表", "1"), ("表", "2")]
    assert tasks[("表", "1")].units == ("县发改局", "县财政局", "县自然资源局")
    assert tasks[("表", "1")].lead_units == ("县发改局",)


def test_a_table_whose_header_names_no_units_gives_no_rows():
    # the other side: a header without a unit column (or with cells that are no header words)
    assert parsed_tasks(_tab_table(["项目", "地点", "规模", "投资"])) == {}
    assert parsed_tasks(_tab_table(["推进工业园区扩区。", "县发改局", "县财政局", "2024年底"])) == {}


# --- 无牵头单位的，责任单位即为牵头单位 ------------------------------------------------------

NO_LEAD_NOTE = "各牵头单位（无牵头单位的，责任单位即为牵头单位，下同）要统筹制定办理方案。"


def test_units_of_a_list_that_names_no_lead_lead_it_when_the_document_says_so():
    items = [
        (("一",), ["一、推进甲项工作。（责任单位：县民政局、县财政局）"]),
        (("二",), ["二、推进乙项工作。（牵头单位：县教育局；责任单位：县财政局）"]),
    ]
    tasks = tasks_by_path(items, preamble=[NO_LEAD_NOTE])
    assert tasks[("一",)].lead_units == ("县民政局", "县财政局")
    assert tasks[("二",)].lead_units == ("县教育局",)  # a list naming its lead keeps it
    # the other side: without the note a list of 责任单位 names no lead
    assert tasks_by_path(items)[("一",)].lead_units == ()


def test_the_note_inside_a_list_is_no_unit():
    parsed = parse_units("责任单位：县民政局、县财政局（无牵头单位的，责任单位即为牵头单位，下同）")
    assert parsed.units == ("县民政局", "县财政局")
    assert parsed.lead_rule_sticky


def test_a_table_row_without_a_lead_cell_leads_with_its_units_under_the_note():
    lines = [NO_LEAD_NOTE, *HEADER[:2], "牵头单位", "责任单位", "完成时限"]
    lines += ["1", "推进甲项工作。", "县发改局", "县财政局", "2024年底", "2", "推进乙项工作。", "/", "县住建局", "全年"]
    doc, clean = build([], preamble=lines[:1], tail=lines[1:])
    tasks = {t.path: t for t in extract_tasks(doc, clean)}
    assert tasks[("表", "1")].lead_units == ("县发改局",)
    assert tasks[("表", "2")].lead_units == ("县住建局",)


# --- a star with its legend ---------------------------------------------------------------------


def test_starred_units_lead_when_the_document_gives_the_legend():
    items = [
        (("一",), ["一、推进甲项工作。（责任单位：县民政局★、县财政局）"]),
        (("二",), ["二、推进乙项工作。（责任单位：县教育局、县财政局★）"]),
    ]
    tasks = tasks_by_path(items, preamble=["标★的为牵头单位。"])
    assert tasks[("一",)].units == ("县民政局", "县财政局")
    assert tasks[("一",)].lead_units == ("县民政局",)
    assert tasks[("二",)].lead_units == ("县财政局",)
    # the other side: without a legend a star names no lead
    assert tasks_by_path(items)[("一",)].lead_units == ()


def test_the_star_legend_in_a_list_is_no_unit():
    parsed = parse_units("市发改委★、市商务局（标★的为牵头单位，下同）")
    assert parsed.units == ("市发改委", "市商务局")
    assert parsed.starred == ("市发改委",)
