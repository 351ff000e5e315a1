"""Round 5 of tasks on real text: tables copied one cell a line without 序号, under outline headings.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.model import SourceText
from luoshi.pipeline import parse_source


def _tasks(text: str) -> dict:
    result = parse_source(SourceText(Path("qingdan.txt"), text, "txt"))
    return {t.path: t for doc in result.documents for t in doc.tasks}


TABLES = (
    "某区2023年稳经济重点任务清单\n"
    "一、扩大有效投资\n"
    "重点任务\n"
    "牵头单位\n"
    "配合单位\n"
    "推进重大项目建设，全年完成固定资产投资100亿元以上。\n"
    "区发改局\n"
    "区财政局、区住建局\n"
    "加快地方政府专项债券发行使用，形成更多实物工作量。\n"
    "区财政局\n"
    "/\n"
    "二、促进消费回暖\n"
    "重点任务\n"
    "牵头单位\n"
    "配合单位\n"
    "举办消费季活动，发放消费券2000万元。\n"
    "区商务局\n"
    "区财政局、各街道办事处\n"
)


def test_rows_of_cell_line_tables_numbered_through_the_document():
    tasks = _tasks(TABLES)
    assert tasks[("表", "1")].units == ("区发改局", "区财政局", "区住建局")
    assert tasks[("表", "1")].lead_units == ("区发改局",)
    assert tasks[("表", "1")].text == "推进重大项目建设，全年完成固定资产投资100亿元以上。"
    assert tasks[("表", "2")].units == ("区财政局",)  # ``/``: an empty cell
    assert tasks[("表", "3")].units == ("区商务局", "区财政局", "各街道办事处")
    assert tasks[("表", "3")].lead_units == ("区商务局",)
    assert len(tasks) == 3


def test_a_row_missing_a_cell_ends_the_table():
    # the other side: one cell a line keeps no empty cell, so a row short of one is not guessed
    text = TABLES.replace("区财政局\n/\n", "区财政局\n")
    tasks = _tasks(text)
    assert tasks[("表", "1")].units == ("区发改局", "区财政局", "区住建局")
    assert all("二、促进消费回暖" not in t.text for t in tasks.values())


def test_header_without_a_unit_column_is_no_table():
    text = TABLES.replace("牵头单位\n配合单位\n", "完成时限\n备注\n")
    assert not any(p[0] == "表" for p in _tasks(text))
