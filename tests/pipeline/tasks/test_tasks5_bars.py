"""Round 5 of tasks on real text: tables copied from web pages with bars, and a caption glued to 序号.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.model import SourceText
from luoshi.pipeline import parse_source


def _tasks(text: str) -> dict:
    result = parse_source(SourceText(Path("fenjie.txt"), text, "txt"))
    return {t.path: t for doc in result.documents for t in doc.tasks}


# One cell a line, each cell closed by its bar (a web table's cells copied in reading order).
CELL_BARS = (
    "某县重点工作任务分解表\n"
    "序号 |\n"
    "工作任务 |\n"
    "分管县领导 |\n"
    "牵头单位 |\n"
    "责任单位 |\n"
    "1 |\n"
    "新增普惠托位300个。 |\n"
    "张某某 |\n"
    "县卫健委 |\n"
    "县教育局、各乡镇 |\n"
    "2 |\n"
    "改造老旧小区12个。 |\n"
    "李某某 |\n"
    "县住建局 |\n"
    "县财政局 |\n"
)


def test_cells_closed_by_bars_are_a_table():
    tasks = _tasks(CELL_BARS)
    assert tasks[("表", "1")].units == ("县卫健委", "县教育局", "各乡镇")
    assert tasks[("表", "1")].lead_units == ("县卫健委",)
    assert tasks[("表", "1")].text == "新增普惠托位300个。"
    assert tasks[("表", "2")].units == ("县住建局", "县财政局")


def test_bars_without_a_space_are_no_cells():
    # the other side: bare bars join words (a menu, ``首页|政务公开|``), they close no cell
    text = CELL_BARS.replace("县卫健委 |\n", "县卫健委|县民政局|\n")
    tasks = _tasks(text)
    assert all("县民政局" not in t.units for t in tasks.values())


# An item's fields in a two-column table with bars: ``| 牵头单位 | 区发改局 |``.
FIELD_BARS = (
    "一、主要预期目标\n"
    "1.地区生产总值增长6%左右。\n"
    "| 牵头单位 | 区发展改革委 |\n"
    "| 责任单位 | 各街道、区直各部门 |\n"
    "2.做好宣传引导。\n"
    "| 备注 | 区委宣传部 |\n"
    "3.办好民生实事。\n"
    "| 责任单位 | 按职责分工落实 |\n"
)


def test_barred_field_rows_are_unit_lists():
    tasks = _tasks(FIELD_BARS)
    assert tasks[("一", "1")].units == ("区发展改革委", "各街道", "区直各部门")
    assert tasks[("一", "1")].lead_units == ("区发展改革委",)
    assert tasks[("一", "1")].text == "地区生产总值增长6%左右。"


def test_barred_rows_without_a_unit_label_or_units_are_not():
    tasks = _tasks(FIELD_BARS)
    assert ("一", "2") not in tasks  # 备注 is no unit label
    assert ("一", "3") not in tasks  # the cell after the label names no unit


# The cleaner joins a table's caption (no end mark) to the short 序号 line after it.
CAPTION = (
    "某市人民政府办公室关于印发重点工作责任分解的通知\n"
    "各县（市、区）人民政府，市级有关部门：\n"
    "现印发给你们，请认真贯彻执行。\n"
    "某市人民政府办公室\n"
    "2023年3月1日\n"
    "2023年政府工作报告重点工作责任分解\n"
    "序号\n"
    "主要工作任务\n"
    "责任单位\n"
    "1\n"
    "地区生产总值增长6%左右。\n"
    "市发展改革委\n"
    "2\n"
    "研发投入强度达到3.2%。\n"
    "市科技局\n"
)


def test_caption_glued_to_the_number_header():
    tasks = _tasks(CAPTION)
    assert tasks[("表", "1")].units == ("市发展改革委",)
    assert tasks[("表", "2")].units == ("市科技局",)
    assert tasks[("表", "2")].text == "研发投入强度达到3.2%。"


def test_line_ending_in_xuhao_before_prose_is_no_header():
    # the other side: the cell after ``…序号`` is a sentence, not a header word
    text = CAPTION.replace("主要工作任务\n责任单位\n", "请按序号逐项报送。\n")
    assert not any(p[0] == "表" for p in _tasks(text))
