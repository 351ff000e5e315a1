"""Round 3 of tasks on real text: units assigned in a sentence (``由X牵头，Y配合``).

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from doc_builder import parsed_tasks
from luoshi.extract.units import find_assignment_sentence, parse_units

PLAN = """一、重点任务
（一）推进老旧小区改造。2025年完成改造小区30个。由区住建局牵头，区财政局、区自然资源局配合，各街道办事处负责具体实施。
（二）加快充电设施建设。新建公共充电桩500个。此项工作由区发展改革局牵头，区供电公司参与。
（三）健全协调机制。由区住建局牵头，建立老旧小区改造联席会议制度，定期研究解决重大问题。
（四）强化督导考核。由区督查室牵头，区住建局配合，开展季度督导。对进度滞后的街道予以通报。
"""


def test_closing_assignment_sentence_is_the_items_unit_list():
    tasks = parsed_tasks(PLAN, "fangan.txt")
    first = tasks[("一", "一")]
    assert first.units == ("区住建局", "区财政局", "区自然资源局", "各街道办事处")
    assert first.lead_units == ("区住建局",)
    assert first.text == "推进老旧小区改造。2025年完成改造小区30个。"
    assert tasks[("一", "二")].units == ("区发展改革局", "区供电公司")
    assert tasks[("一", "二")].lead_units == ("区发展改革局",)


def test_lead_phrase_that_describes_the_work_is_no_unit_list():
    # the other side: 由X牵头 followed by what is done (a clause), or a sentence that is not the
    # item's last, assigns nothing
    tasks = parsed_tasks(PLAN, "fangan.txt")
    assert ("一", "三") not in tasks
    assert ("一", "四") not in tasks
    assert find_assignment_sentence("健全机制。由区住建局牵头，建立联席会议制度。") is None
    assert find_assignment_sentence("健全机制。由区住建局负责。") is None  # no second group: the 由…负责 form


SECTION = """一、重点任务
（一）推进城市更新。由区住建局牵头，区财政局配合。
1.实施老旧小区改造。完成改造小区30个。（责任单位：各街道办事处）
2.推进背街小巷整治。完成整治道路20条。（责任单位：区城管局）
"""


def test_sentence_of_a_section_is_not_its_task():
    # the other side: a heading with items under it is a section, not an item of its own
    tasks = parsed_tasks(SECTION, "fangan.txt")
    assert ("一", "一") not in tasks
    assert tasks[("一", "一", "1")].units == ("各街道办事处",)


def test_role_words_with_adverb_after_fuze():
    assert parse_units("市住建局牵头，各区政府负责具体实施").units == ("市住建局", "各区政府")
    assert parse_units("各区政府负责组织实施").units == ("各区政府",)


# --- ``由X负责的…``: a relative clause names what X answers for, it assigns nothing ------------

DUCHA = """一、总体情况
常务会议确定事项12件，已办结5件，正在办理7件。
二、工作要求
其中，由县民政局负责的第1件、县交通局负责的第4件确定事项进展滞后，请以上单位加快工作节奏。
三、下步安排
养老服务设施由县民政局负责建设。
"""


def test_duty_phrase_with_de_is_no_assignment():
    tasks = parsed_tasks(DUCHA, "fangan.txt")
    assert ("二",) not in tasks
    # the other side: 由X负责 + the duty itself is the 由……负责 task form (guide)
    assert tasks[("三",)].units == ("县民政局",)
