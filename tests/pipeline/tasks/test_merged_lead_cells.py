"""A 分工表 whose consecutive tasks share a lead merges their 牵头单位 cells (``rowspan``).

The readers write a merged cell's text in its first row and an empty cell below it; every
task of a 分工表 has its lead, so the rows the merged cell covers are led by it too (guide:
every unit of a 牵头单位 column is a lead). Tables are written here; the other side is an
empty 配合单位 cell (a task with no co-units), which takes nothing from the row above.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from luoshi.pipeline import parse_file

HEAD = "<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"


def _tasks(rows: str) -> dict[tuple[str, ...], object]:
    page = (
        '<html><head><meta charset="utf-8"></head><body><h2>2024年重点工作任务分工表</h2>'
        f'<table border="1">{HEAD}{rows}</table></body></html>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fengong.html"
        path.write_text(page, encoding="utf-8")
        (doc,) = parse_file(path).documents
    return {t.path: t for t in doc.tasks}


def test_rows_a_merged_lead_cell_covers_are_led_by_it():
    got = _tasks(
        '<tr><td>1</td><td>扩大有效投资。</td><td rowspan="3">县发改局</td><td>县财政局</td>'
        '<td rowspan="4">2024年底</td></tr>'
        "<tr><td>2</td><td>推进项目建设。</td><td>县住建局、各乡镇</td></tr>"
        "<tr><td>3</td><td>优化营商环境。</td><td>县市场监管局</td></tr>"
        "<tr><td>4</td><td>促进消费升级。</td><td>县商务局</td><td>各乡镇</td></tr>"
    )
    assert got[("表", "1")].units == ("县发改局", "县财政局")
    assert got[("表", "2")].units == ("县发改局", "县住建局", "各乡镇")
    assert got[("表", "3")].units == ("县发改局", "县市场监管局")
    assert got[("表", "4")].units == ("县商务局", "各乡镇")


def test_an_empty_co_unit_cell_takes_nothing_from_the_row_above():
    got = _tasks(
        "<tr><td>1</td><td>扩大有效投资。</td><td>县发改局</td><td>县财政局</td><td>2024年底</td></tr>"
        "<tr><td>2</td><td>推进项目建设。</td><td>县住建局</td><td></td><td>2024年底</td></tr>"
    )
    assert got[("表", "2")].units == ("县住建局",)


def test_a_first_row_with_no_lead_takes_none():
    got = _tasks(
        "<tr><td>1</td><td>扩大有效投资。</td><td></td><td>县财政局</td><td>2024年底</td></tr>"
        "<tr><td>2</td><td>推进项目建设。</td><td>县住建局</td><td>各乡镇</td><td>2024年底</td></tr>"
    )
    assert got[("表", "1")].units == ("县财政局",)
    assert got[("表", "2")].units == ("县住建局", "各乡镇")
