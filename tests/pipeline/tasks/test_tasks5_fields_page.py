"""Round 5 of tasks on real text: a page that assigns one task as fields, without an outline.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.model import SourceText
from luoshi.pipeline import parse_source


def _tasks(text: str) -> dict:
    result = parse_source(SourceText(Path("duban.txt"), text, "txt"))
    return {t.path: t for doc in result.documents for t in doc.tasks}


PAGE = (
    "关于做好城区老旧小区改造工作的督办通知\n"
    "各街道办事处，区政府各部门：\n"
    "现将督办事项通知如下，请抓好落实。\n"
    "工作任务：推进城区老旧小区改造，年内完成12个小区改造。\n"
    "牵头单位：区住建局\n"
    "配合单位：区财政局、各街道办事处\n"
    "完成时限：2023年12月底\n"
    "某某区人民政府办公室\n"
    "2023年3月1日\n"
)


def test_one_task_page_of_fields():
    tasks = _tasks(PAGE)
    task = tasks[()]
    assert task.text == "推进城区老旧小区改造，年内完成12个小区改造。"
    assert task.units == ("区住建局", "区财政局", "各街道办事处")
    assert task.lead_units == ("区住建局",)


def test_deadline_field_joined_to_the_units_is_no_unit():
    tasks = _tasks(PAGE.replace("牵头单位：区住建局\n配合单位：", "责任单位：").replace("\n完成时限", "完成时限"))
    assert tasks[()].units == ("区财政局", "各街道办事处")
    assert all("时限" not in u for u in tasks[()].units)


def test_two_task_fields_give_no_pathless_task():
    # the other side: two 工作任务 lines are two tasks with no path to tell them apart
    text = PAGE.replace("完成时限：2023年12月底\n", "工作任务：推进背街小巷整治。\n责任单位：区城管局\n")
    assert () not in _tasks(text)


def test_fields_without_unit_label_give_no_task():
    text = PAGE.replace("牵头单位：区住建局\n配合单位：区财政局、各街道办事处\n", "工作要求：按月报送进展。\n")
    assert _tasks(text) == {}
