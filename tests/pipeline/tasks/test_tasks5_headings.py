"""Round 5 of tasks on real text: a section heading naming its lead, and 主要/其他责任单位 labels.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.model import SourceText
from luoshi.pipeline import parse_source


def _tasks(text: str) -> dict:
    result = parse_source(SourceText(Path("cuoshi.txt"), text, "txt"))
    return {t.path: t for doc in result.documents for t in doc.tasks}


SECTIONS = (
    "关于推动经济高质量发展的若干举措\n"
    "一、强化科技创新（区科技局牵头）\n"
    "以深化改革为牵引，加快培育发展新质生产力。\n"
    "（一）加强科创平台建设。推进校企结对合作。（区财政局、区科技局）\n"
    "（二）支持企业研发。落实研发费用加计扣除政策。（区税务局）\n"
    "二、扩大有效投资（区发改局牵头）\n"
    "（一）加快项目建设。推进重大项目开工。\n"
    "（二）盘活存量资产。推动资产证券化。\n"
    "三、优化营商环境（区市场监管局、区司法局）\n"
    "（一）压减办事时限。推行一窗通办。（区政务服务中心）\n"
)


def test_heading_lead_leads_every_task_below():
    tasks = _tasks(SECTIONS)
    # the guide's section-level （由X牵头实施）: lead_units only, after the list's own
    assert tasks[("一", "一")].units == ("区财政局", "区科技局")
    assert tasks[("一", "一")].lead_units == ("区科技局",)
    assert tasks[("一", "二")].units == ("区税务局",)
    assert tasks[("一", "二")].lead_units == ("区科技局",)
    assert ("一",) not in tasks  # the heading is no task of its own


def test_heading_lead_with_no_list_below_is_the_sections_task():
    tasks = _tasks(SECTIONS)
    assert tasks[("二",)].units == ("区发改局",)
    assert tasks[("二",)].lead_units == ("区发改局",)
    assert ("二", "一") not in tasks


def test_heading_list_without_lead_is_no_section_lead():
    # the other side: a heading's list that marks no lead gives the items below no lead
    tasks = _tasks(SECTIONS)
    assert tasks[("三", "一")].units == ("区政务服务中心",)
    assert tasks[("三", "一")].lead_units == ()


def test_heading_lead_over_a_body_paragraph_without_lists_below():
    text = (
        "关于推动经济高质量发展的若干举措\n"
        "一、强化科技创新（区科技局牵头）\n"
        "加快培育发展新质生产力。\n"
        "（一）加强科创平台建设。推进校企结对合作。\n"
    )
    tasks = _tasks(text)
    assert tasks[("一",)].units == ("区科技局",)
    assert tasks[("一",)].lead_units == ("区科技局",)


LABELS = (
    "一、重点任务\n"
    "1.推进老旧小区改造。（主要责任单位：区住建局；其他责任单位：区财政局、区民政局）\n"
    "2.推进学校建设。（主要责任单位：区教育局）\n"
)


def test_other_units_label_is_a_label():
    tasks = _tasks(LABELS)
    assert tasks[("一", "1")].units == ("区住建局", "区财政局", "区民政局")
    # 主要责任单位 is no lead mark in the guide (only 牵头 and the stated lead rules are)
    assert tasks[("一", "1")].lead_units == ()
    assert tasks[("一", "2")].units == ("区教育局",)
    assert tasks[("一", "2")].lead_units == ()
