"""A district's zones in a unit list, and a group of levels named from the higher level down."""

from __future__ import annotations

from luoshi.extract.units import parse_units


def test_a_districts_zones_are_units_beside_its_sub_districts():
    """``经开区`` (经济开发区) and ``高新园（邹区镇）`` (高新技术产业园) in a 配合单位 cell are units;
    the bare ``园`` still names none (公园, 校园)."""
    parsed = parse_units("配合单位：经开区、高新园（邹区镇）、各街道")
    assert parsed is not None
    assert parsed.units == ("经开区", "高新园（邹区镇）", "各街道")
    assert parse_units("公园") is None


def test_a_lower_level_before_a_higher_one_is_no_group():
    """``各街道、市国有公司``: 街道 stands below 市, so they are two units; a group of levels names
    them from the higher down (``各市（州）、县（市、区）人民政府``, ``相关市、县政府``: one unit)."""
    parsed = parse_units("配合单位：各街道、市国有公司")
    assert parsed is not None
    assert parsed.units == ("各街道", "市国有公司")
    assert parse_units("各乡镇、县直各单位负责").units == ("各乡镇", "县直各单位")
    assert parse_units("各市（州）、县（市、区）人民政府负责").units == ("各市（州）、县（市、区）人民政府",)
    assert parse_units("省发改委、相关市、县政府负责").units == ("省发改委", "相关市、县政府")
    assert parse_units("区、镇人民政府和街道办事处负责").units == ("区、镇人民政府", "街道办事处")
