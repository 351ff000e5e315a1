"""A 分工表 with rows across the table that head its sections (``一、稳定经济增长``).

A section row is one cell spanning every column, its title often longer than a header cell;
the numbered rows go on below it (guide: each row is a task, path ``["表", 序号]``). Tables
are written here; the other side is a line of prose after the table, which ends it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from luoshi.pipeline import parse_file

HEAD = "<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>"


def _tasks(rows: str, after: str = "") -> dict[tuple[str, ...], object]:
    page = (
        '<html><head><meta charset="utf-8"></head><body><h2>2024年重点工作任务分工表</h2>'
        f'<table border="1">{HEAD}{rows}</table>{after}</body></html>'
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fengong.html"
        path.write_text(page, encoding="utf-8")
        (doc,) = parse_file(path).documents
    return {t.path: t for t in doc.tasks}


ROWS = (
    '<tr><td colspan="5">一、全力稳定经济增长扩大有效投资</td></tr>'
    "<tr><td>1</td><td>扩大有效投资。</td><td>县发改局</td><td>县财政局</td><td>2024年底</td></tr>"
    "<tr><td>2</td><td>促进消费升级。</td><td>县商务局</td><td>各乡镇</td><td>2024年底</td></tr>"
    '<tr><td colspan="5">二、持续保障和改善民生福祉水平</td></tr>'
    "<tr><td>3</td><td>落实就业政策。</td><td>县人社局</td><td>县财政局、各乡镇</td><td>2024年底</td></tr>"
)


def test_rows_under_section_rows_are_tasks():
    got = _tasks(ROWS)
    assert sorted(got) == [("表", "1"), ("表", "2"), ("表", "3")]
    assert got[("表", "1")].units == ("县发改局", "县财政局")
    assert got[("表", "3")].units == ("县人社局", "县财政局", "各乡镇")
    assert got[("表", "3")].text == "落实就业政策。"


def test_prose_after_the_table_is_no_section_row():
    got = _tasks(
        "<tr><td>1</td><td>扩大有效投资。</td><td>县发改局</td><td>县财政局</td><td>2024年底</td></tr>",
        after="<p>各牵头单位要于每季度末报送进展情况。</p>",
    )
    assert sorted(got) == [("表", "1")]
