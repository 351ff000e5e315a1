"""Round 3 of tasks on real text: a 分解 item's leader line (``牵头领导：王某某``) is not its text.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from doc_builder import parsed_tasks

FENJIE = """一、主要预期目标
1.地区生产总值增长6%左右。
牵头领导：王某某
牵头单位：区发展改革委
2.一般公共预算收入增长5%。
牵头领导：常务副区长
主要责任单位：区财政局
3.城镇调查失业率控制在5.5%以内。
责任领导：李某某、赵某某
责任单位：区人力社保局
"""


def test_leader_line_is_cut_from_the_task_text():
    tasks = parsed_tasks(FENJIE)
    assert tasks[("一", "1")].text == "地区生产总值增长6%左右。"
    assert tasks[("一", "1")].units == ("区发展改革委",)
    # a short leader line the cleaner joins to the item's sentence is cut as well
    assert tasks[("一", "2")].text == "一般公共预算收入增长5%。"
    assert tasks[("一", "3")].text == "城镇调查失业率控制在5.5%以内。"
    # the leaders are persons, never units
    assert tasks[("一", "3")].units == ("区人力社保局",)


NO_LEADER = """一、工作任务
1.压实工作责任。各单位主要领导要亲自研究部署，分管领导具体抓落实。
责任单位：区政府办公室
2.健全调度机制。分管领导：每月听取一次工作汇报，协调解决重大问题，确保各项任务落地见效。
责任单位：区督查室
"""


def test_sentences_about_leaders_stay_in_the_text():
    # the other side: a sentence that speaks of leaders, and a label followed by a duty sentence
    # (longer than a name), are the item's own text
    tasks = parsed_tasks(NO_LEADER)
    assert tasks[("一", "1")].text == "压实工作责任。各单位主要领导要亲自研究部署，分管领导具体抓落实。"
    assert "分管领导：每月听取一次工作汇报" in tasks[("一", "2")].text
