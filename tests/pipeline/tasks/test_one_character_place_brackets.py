"""A group of places with one more kind in its bracket: ``各乡镇（场）``, ``各镇（区）``.

A 县 list counts the farms (场) or districts (区) with its towns in one bracketed character;
the name is one unit, as ``各街道（园区）`` is. Documents are written here; the other side is a
single character in brackets after a unit's name (a status, a number), which names nothing.
"""

from __future__ import annotations

import pytest

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units


@pytest.mark.parametrize("group", ["各乡镇（场）", "各镇（区）", "各乡（镇）"])
def test_a_group_with_a_one_character_bracket_is_one_unit(group: str):
    got = tasks_by_path([(("一",), [f"开展森林防火专项整治。（县应急局、{group}）"])])
    assert got[("一",)].units == ("县应急局", group)


@pytest.mark.parametrize("name", ["市发改委（筹）", "县教育局（1）", "市科技局（试）", "市财政局（局）"])
def test_a_unit_with_one_character_in_brackets_is_no_group(name: str):
    assert parse_units(name) is None
