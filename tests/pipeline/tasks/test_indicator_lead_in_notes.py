"""A labelled list that opens with what the item is (纲要任务分工方案).

``（约束性指标，牵头单位：X；责任单位：Y）``: the opening clause says the item is a binding
indicator; the units are what the labels name. Documents are written here; the other side
is an opening clause that names a unit (a lead marked by 牵头, a place group), which stays.
"""

from __future__ import annotations

import pytest

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units


@pytest.mark.parametrize("kind", ["约束性指标", "预期性指标", "重大工程"])
def test_the_item_kind_before_the_labels_is_no_unit(kind: str):
    got = tasks_by_path(
        [
            (("一",), [f"单位地区生产总值能耗降低完成省下达任务。（{kind}，牵头单位：市发改委；责任单位：各县市区）"]),
            (("二",), ["森林覆盖率稳步提高。（牵头单位：市林业局；责任单位：市自然资源局）"]),
        ]
    )
    assert got[("一",)].units == ("市发改委", "各县市区")
    assert got[("一",)].lead_units == ("市发改委",)
    assert got[("二",)].units == ("市林业局", "市自然资源局")


def test_an_opening_clause_that_names_a_unit_stays_in_the_list():
    lead = parse_units("市委组织部牵头，责任单位：市人社局、市财政局")
    assert lead.units == ("市委组织部", "市人社局", "市财政局")
    assert lead.lead_units == ("市委组织部",)
    group = parse_units("各县市区；责任单位：市财政局")
    assert group.units == ("各县市区", "市财政局")


def test_a_kind_alone_in_brackets_is_no_list():
    assert parse_units("约束性指标") is None
    got = tasks_by_path([(("一",), ["森林覆盖率稳步提高。（约束性指标）"])])
    assert got == {}
