"""A group's part written with two role words (``市直有关部门配合指导``, ``省商务厅牵头指导``).

Both words say what the group does; neither is a piece of the last name, and a 牵头 among
them marks the group as leading. Documents are written here; the other side is a name that
holds a role-like word inside it (工业和信息化部, 指导中心) and a single role word.
"""

from __future__ import annotations

import pytest

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units


@pytest.mark.parametrize("roles", ["配合指导", "指导配合", "协助配合", "参与配合"])
def test_two_role_words_after_a_group_leave_its_names(roles: str):
    got = tasks_by_path([(("一",), [f"加强安全生产监管。（各县（市、区）政府负责，市直有关部门{roles}）"])])
    assert got[("一",)].units == ("各县（市、区）政府", "市直有关部门")


def test_lead_among_two_role_words_marks_the_group_as_leading():
    parsed = parse_units("省商务厅牵头指导，省财政厅、省税务局配合")
    assert parsed.units == ("省商务厅", "省财政厅", "省税务局")
    assert parsed.lead_units == ("省商务厅",)


def test_one_role_word_and_names_holding_role_like_words_are_as_before():
    assert parse_units("市应急局指导").units == ("市应急局",)
    assert parse_units("工业和信息化部配合").units == ("工业和信息化部",)
    assert parse_units("市发改委牵头负责").lead_units == ("市发改委",)
    assert parse_units("市就业创业指导中心、市财政局").units == ("市就业创业指导中心", "市财政局")
