"""A 分工方案 in parts (``第一部分 主责任务`` / ``第二部分 配合任务``), each restarting 一、/（一）/1.:
the part is the top outline level, so the two parts' items keep distinct paths."""

from __future__ import annotations

from doc_builder import parsed_tasks

_TWO_PARTS = "\n".join(
    [
        "某区规划纲要区级任务分工方案",
        "第一部分 区政府主责任务（2项）",
        "一、主要指标",
        "1.森林覆盖率达到36.5%。",
        "牵头单位：区园林绿化局",
        "2.城区道路路网密度达到5.1公里/平方公里。",
        "牵头单位：区交通局",
        "第二部分 区政府配合任务（1项）",
        "一、主要指标",
        "1.生活垃圾回收利用率大于37.5%。",
        "牵头单位：区城市管理委",
    ]
)


def test_each_part_is_a_level_of_the_path():
    got = parsed_tasks(_TWO_PARTS)
    assert set(got) == {("一", "一", "1"), ("一", "一", "2"), ("二", "一", "1")}
    assert got[("一", "一", "1")].units == ("区园林绿化局",)
    assert got[("二", "一", "1")].units == ("区城市管理委",)
    assert got[("二", "一", "1")].lead_units == ("区城市管理委",)


def test_a_part_word_inside_a_sentence_opens_no_level():
    text = "\n".join(
        [
            "某区工作方案",
            "一、主要任务",
            "1.落实规划纲要第一部分确定的指标。",
            "牵头单位：区发展改革委",
        ]
    )
    assert set(parsed_tasks(text)) == {("一", "1")}
