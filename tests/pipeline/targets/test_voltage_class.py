"""A voltage (``10千伏``) is the class that names a line or a substation, never an amount to reach,
and its ``千`` is no magnitude (as 千瓦 is a unit: gold NOTES, 10亿千瓦 → 1e9 千瓦)."""

from __future__ import annotations

from doc_builder import parsed_targets


def found(text: str) -> list[tuple[float, str]]:
    return [(t.value, t.unit) for t in parsed_targets(text)]


def test_a_voltage_class_is_no_target_and_no_magnitude():
    text = "今年，全县改造升级10千伏线路16.66公里、0.4千伏线路200公里，新建110千伏变电站2座。\n"
    assert found(text) == [(16.66, "公里"), (200, "公里"), (2, "座")]


def test_a_transformer_capacity_is_an_amount():
    text = "今年，全县新增变电容量120万千伏安，新增装机容量10万千瓦。\n"
    assert found(text) == [(1200000, "千伏安"), (100000, "千瓦")]
