"""A 分解 item's leader line written as a sentence of its own (``牵头负责领导：金力。``).

The leader is a person and the line no part of the item's text, closed with ``。`` or not, as
the 牵头责任单位 / 协同责任单位 lines below it are. Every document here is made up for the test;
the other side is a sentence about leaders in an item's body, which stays in its text.
"""

from __future__ import annotations

from doc_builder import parsed_tasks

FENJIE = """一、确保完成全年主要预期目标
1. 地区生产总值增长8%以上。
牵头负责领导：王某某。
牵头责任单位：市发展改革委。
协同责任单位：市经信局、市商务局等，各县、市、区政府。
2. 财政收入增长8%左右。
负责领导：李某某
牵头责任单位：市财政局。
协同责任单位：市税务局。
"""


def test_a_leader_line_closed_by_a_full_stop_is_cut_from_the_text():
    tasks = parsed_tasks(FENJIE)
    assert tasks[("一", "1")].text == "地区生产总值增长8%以上。"
    assert tasks[("一", "1")].units == ("市发展改革委", "市经信局", "市商务局", "各县、市、区政府")
    assert tasks[("一", "1")].lead_units == ("市发展改革委",)
    assert tasks[("一", "2")].text == "财政收入增长8%左右。"
    assert tasks[("一", "2")].units == ("市财政局", "市税务局")


def test_a_sentence_about_the_leading_leader_stays_in_the_text():
    text = """一、工作任务
1.压实责任。由牵头负责领导每月听取一次汇报，协调解决重大问题，确保任务落地见效。
责任单位：区政府办公室
"""
    task = parsed_tasks(text)[("一", "1")]
    assert task.text == "压实责任。由牵头负责领导每月听取一次汇报，协调解决重大问题，确保任务落地见效。"
    assert task.units == ("区政府办公室",)
