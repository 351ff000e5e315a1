"""Item numbers closed by the small full stop ``﹒`` (U+FE52), as some page editors print
``1﹒全省生产总值增长7%以上``: each is an item of its own, as with ``1.``."""

from __future__ import annotations

from doc_builder import parsed_tasks


def _text(dot: str) -> str:
    return "\n".join(
        [
            "某省2022年重点工作及责任分解",
            "一、确保完成全年主要预期目标",
            f"1{dot}全省生产总值增长7%以上。",
            "牵头责任单位：省发展改革委。",
            "协同责任单位：省统计局。",
            f"2{dot}社会消费品零售总额增长9%左右。",
            "牵头责任单位：省商务厅。",
        ]
    )


def test_small_full_stop_numbers_open_items():
    got = parsed_tasks(_text("﹒"))
    assert set(got) == {("一", "1"), ("一", "2")}
    assert got[("一", "1")].units == ("省发展改革委", "省统计局")
    assert got[("一", "1")].lead_units == ("省发展改革委",)
    assert got[("一", "2")].units == ("省商务厅",)


def test_a_small_full_stop_inside_a_number_opens_no_item():
    # ``2﹒5``: a decimal written with the small stop is no item number.
    text = _text(".").replace("增长9%左右", "增长9%左右，人均2﹒5万元")
    assert set(parsed_tasks(text)) == {("一", "1"), ("一", "2")}
