"""Round 3 of tasks on real text: an item's fields in a two-column table (``牵头单位 | X``).

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from doc_builder import parsed_tasks

FIELDS = (
    "一、主要预期目标\n"
    "1.地区生产总值增长6%左右。\n"
    "牵头单位\t区发展改革委\n"
    "责任单位\t各街道、区直各部门\n"
    "2.一般公共预算收入增长5%。\n"
    "牵头单位\n"
    "区财政局\n"
    "责任单位\n"
    "各街道，区税务局\n"
)


def test_label_cell_and_its_units_cell():
    tasks = parsed_tasks(FIELDS)
    assert tasks[("一", "1")].units == ("区发展改革委", "各街道", "区直各部门")
    assert tasks[("一", "1")].lead_units == ("区发展改革委",)
    assert tasks[("一", "1")].text == "地区生产总值增长6%左右。"
    # one cell per line
    assert tasks[("一", "2")].units == ("区财政局", "各街道", "区税务局")
    assert tasks[("一", "2")].lead_units == ("区财政局",)


HEADERS = (
    "一、工作安排\n"
    "1.做好统计监测。按月报送进展情况。\n"
    "责任单位\n"
    "完成时限\n"
    "2.加强宣传引导。\n"
    "牵头单位\t按职责分工落实到位\n"
)


def test_label_cell_before_no_units_is_no_list():
    # the other side: a label cell followed by another header, or by words that name no unit
    tasks = parsed_tasks(HEADERS)
    assert ("一", "1") not in tasks
    assert ("一", "2") not in tasks
