"""The note that assigns a unit to every later item, in the wordings 分工方案 print it.

Guide: ``以下均需X落实，不再列出`` adds X to the end of every later task's units. Published
纲要任务分工方案 write the same note as ``不再逐一列出`` (or ``不再一一列出``); the list that
carries it is a list all the same. Documents are written here; the other side is a note
that does not say the units are left out of later lists.
"""

from __future__ import annotations

import pytest

from doc_builder import tasks_by_path
from luoshi.extract.units import note_units, parse_units


@pytest.mark.parametrize("adverb", ["", "一一", "逐一", "逐项"])
def test_every_wording_of_not_listed_again_adds_the_unit_to_later_tasks(adverb: str):
    got = tasks_by_path(
        [
            (
                ("一",),
                [
                    f"扩大有效投资。（牵头单位：市发改委；责任单位：市财政局，各县市区，以下均需各县市区落实，不再{adverb}列出）"
                ],
            ),
            (("二",), ["培育新兴产业。（牵头单位：市经信局；责任单位：市科技局）"]),
        ]
    )
    assert got[("一",)].units == ("市发改委", "市财政局", "各县市区")
    assert got[("一",)].lead_units == ("市发改委",)
    assert got[("二",)].units == ("市经信局", "市科技局", "各县市区")


def test_a_bare_group_of_places_in_an_item_list_reaches_no_later_task():
    # The other side: ``各县市区`` named in one item's list, with no note, stays in that item.
    got = tasks_by_path(
        [
            (("一",), ["扩大有效投资。（牵头单位：市发改委；责任单位：市财政局，各县市区）"]),
            (("二",), ["培育新兴产业。（牵头单位：市经信局；责任单位：市科技局）"]),
        ]
    )
    assert got[("一",)].units == ("市发改委", "市财政局", "各县市区")
    assert got[("二",)].units == ("市经信局", "市科技局")


def test_the_note_names_places_as_a_group_or_units_and_nothing_else():
    assert note_units("各县市区", parse_units) == ("各县市区",)
    assert note_units("各县（市、区）人民政府", parse_units) == ("各县（市、区）人民政府",)
    assert note_units("各县（市、区）", parse_units) == ("各县（市、区）",)
    assert note_units("相关工作", parse_units) == ()  # no unit, no place group
