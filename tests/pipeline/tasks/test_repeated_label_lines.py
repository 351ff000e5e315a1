"""A labelled unit line that several items repeat is the items' text, not a running head.

A 分解方案 whose items share a lead writes ``牵头单位：区发改局`` again and again; in a text
layer with page breaks some of those lines stand next to a break, as a running head does.
A head is a column or issue name, never a labelled field. Every document here is made up
for the test; the other side is a head repeated at page breaks, which is still dropped.
"""

from __future__ import annotations

from doc_builder import parsed_tasks

ITEMS = [
    ("1.地区生产总值增长6%左右。", "牵头单位：区发改局", "责任单位：各街道"),
    ("2.规模以上工业增加值增长5%左右。", "牵头单位：区工信局", "责任单位：区开发区管委会"),
    ("3.固定资产投资增长10%左右。", "牵头单位：区发改局", "责任单位：各街道、区直各部门"),
    ("4.社会消费品零售总额增长7%左右。", "牵头单位：区商务局", "责任单位：各街道"),
    ("5.居民收入增长与经济增长基本同步。", "牵头单位：区发改局", "责任单位：各街道、各相关单位"),
]


def _layer(head: str = "") -> str:
    """The items with a page break (a form feed, the head if any) before items 3 and 5's lead lines."""
    lines = ["一、主要预期目标", ""]
    for n, (item, lead, duty) in enumerate(ITEMS, start=1):
        lines += [item, ""]
        if n in (3, 5):
            lines += ["\f" + head if head else "\f"]
        lines += [lead, "", duty, ""]
    return "\n".join(lines)


def test_a_lead_line_repeated_next_to_page_breaks_stays_with_its_items():
    tasks = parsed_tasks(_layer())
    for n in (1, 3, 5):
        assert tasks[("一", str(n))].units[0] == "区发改局"
        assert tasks[("一", str(n))].lead_units == ("区发改局",)


def test_a_head_repeated_at_the_page_breaks_is_still_dropped():
    tasks = parsed_tasks(_layer(head="立山政务专刊"))
    assert tasks[("一", "3")].lead_units == ("区发改局",)
    assert all("专刊" not in t.text and "专刊" not in "".join(t.units) for t in tasks.values())
