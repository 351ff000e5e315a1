"""A 分工表 whose header is two rows: a spanning title over the unit columns.

``序号 | 重点任务 | 责任分工 (牵头单位 | 配合单位) | 完成时限``: the second header row names the
columns under ``责任分工``; the other titles span both rows. The rows below are tab rows like
any other, their empty cells kept (a merged 牵头单位 cell covers the rows under it). Tables
are written here; the other side is a one-row header, read as before.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from luoshi.pipeline import parse_file

TWO_LEVEL = (
    '<tr><td rowspan="2">序号</td><td rowspan="2">重点任务</td><td colspan="2">责任分工</td>'
    '<td rowspan="2">完成时限</td></tr><tr><td>牵头单位</td><td>配合单位</td></tr>'
)
ONE_LEVEL = "<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"
ROWS = (
    '<tr><td>1</td><td>扩大有效投资。</td><td rowspan="2">县发改局</td><td>县财政局</td><td>2024年底</td></tr>'
    "<tr><td>2</td><td>推进项目建设。</td><td>县住建局、各乡镇</td><td>2024年底</td></tr>"
    "<tr><td>3</td><td>促进消费升级。</td><td>县商务局</td><td>各乡镇</td><td>2024年底</td></tr>"
)


def _tasks(head: str) -> dict[tuple[str, ...], object]:
    page = (
        '<html><head><meta charset="utf-8"></head><body><h2>2024年重点工作任务分工表</h2>'
        f'<table border="1">{head}{ROWS}</table></body></html>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fengong.html"
        path.write_text(page, encoding="utf-8")
        (doc,) = parse_file(path).documents
    return {t.path: t for t in doc.tasks}


def test_the_unit_columns_under_a_spanning_title_keep_their_cells():
    got = _tasks(TWO_LEVEL)
    assert got[("表", "1")].units == ("县发改局", "县财政局")
    assert got[("表", "2")].units == ("县发改局", "县住建局", "各乡镇")
    assert got[("表", "3")].units == ("县商务局", "各乡镇")
    assert got[("表", "3")].text == "促进消费升级。"


def test_a_one_row_header_reads_the_same_rows_the_same():
    assert {p: t.units for p, t in _tasks(ONE_LEVEL).items()} == {p: t.units for p, t in _tasks(TWO_LEVEL).items()}
