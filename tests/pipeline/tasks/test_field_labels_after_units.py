"""An item's bracket that goes on from its unit labels to its other fields, parted by spaces.

``（牵头单位：X 责任单位：Y 完成时限：2023年底）``: the reading drops the spaces between
Chinese characters, so the last unit runs into the next label; where a field label starts
(完成时限, 完成时间, 时间节点 …) the names end. Documents are written here.
"""

from __future__ import annotations

import pytest

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units


@pytest.mark.parametrize("field", ["完成时限：2023年底", "完成时间：持续推进", "时间节点：2024年6月底前"])
def test_a_field_label_after_the_units_ends_the_last_name(field: str):
    got = tasks_by_path(
        [(("一",), [f"推进老旧小区改造。（牵头单位：市住建局 责任单位：各县区政府、市直相关部门 {field}）"])]
    )
    assert got[("一",)].units == ("市住建局", "各县区政府", "市直相关部门")
    assert got[("一",)].lead_units == ("市住建局",)


def test_the_same_fields_parted_by_semicolons_read_the_same():
    parsed = parse_units("牵头单位：市住建局；责任单位：各县区政府、市直相关部门；完成时限：2023年底")
    assert parsed.units == ("市住建局", "各县区政府", "市直相关部门")


def test_a_field_label_without_any_unit_label_makes_no_list():
    # The other side: a bracket that holds a unit and a deadline but no unit label is no labelled list.
    assert parse_units("市住建局 完成时限：2023年底") is None
    assert tasks_by_path([(("一",), ["推进老旧小区改造。（完成时限：2023年底）"])]) == {}


def test_a_note_in_a_bracket_of_its_own_leaves_no_bracket_in_a_name():
    # Found by the bracket-span property test: ``（下同）`` removed left ``（，）`` glued to the next name.
    from luoshi.extract.units import find_unit_lists

    assert [ul.units for ul in find_unit_lists("责任单位：（下同）省发展改革委")] == [("省发展改革委",)]
    assert parse_units("省发展改革委（牵头）、省财政厅").units == ("省发展改革委", "省财政厅")
    # The same test found a label left empty in a bracket inside a name: no name holds a colon.
    assert [ul.units for ul in find_unit_lists("责任单位：（完成时限：）省发展改革委")] == []
