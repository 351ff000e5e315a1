"""A ``pdftotext -layout`` 任务分工表: the cell gaps poppler leaves inside a cell, lines a typesetter
ended short, and columns that drift with the Chinese runs before them."""

from __future__ import annotations

from pathlib import Path

from doc_builder import layout_line as _line
from doc_builder import layout_tab_rows as _rows

# 序号, 重点任务, 牵头单位, 责任单位, 完成时限
C = (0, 10, 22, 31, 40)
HEADER = _line((C[0], "序号"), (C[1], "重点任务"), (C[2], "牵头单位"), (C[3], "责任单位"), (C[4], "完成时限"))
ROW1 = [
    _line((C[0], "1"), (C[1], "抓住铁路建设"), (C[2], "省发改委"), (C[3], "铁路办、哈尔"), (C[4], "今明两年")),
    _line((C[1], "机遇。"), (C[3], "滨铁路局")),
]


def test_a_font_change_space_stays_inside_its_cell(tmp_path: Path) -> None:
    """``2025 年底前`` on a row's line and ``国省干道 5478`` on a wrapped line are one cell each."""
    lines = [
        HEADER,
        _line((C[0], "1"), (C[1], "抓住铁路建设"), (C[2], "省发改委"), (C[3], "铁路办、哈尔"), (C[4], "2025 年底前")),
        _line((C[1], "机遇。"), (C[3], "滨铁路局")),
        _line((C[0], "2"), (C[1], "加快国省干道"), (C[2], "省发改委"), (C[3], "交通运输厅"), (C[4], "今明两年")),
        _line((C[1], "国省干道 5478")),
        _line((C[1], "公里。")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[1] == "1\t抓住铁路建设机遇。\t省发改委\t铁路办、哈尔滨铁路局\t2025 年底前"
    assert rows[2] == "2\t加快国省干道国省干道 5478公里。\t省发改委\t交通运输厅\t今明两年"


def test_a_space_between_a_cell_and_a_date_still_parts_them(tmp_path: Path) -> None:
    """A unit cell that ran up to the next column (``区直``) and the date after it are two cells."""
    lines = [
        HEADER,
        *ROW1,
        _line((C[0], "2"), (C[1], "加快国省干道"), (C[2], "省发改委"), (C[3], "各街道、区直"), (C[3] + 7, "2023 年底")),
        _line((C[1], "建设。"), (C[3], "各部门")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[2] == "2\t加快国省干道建设。\t省发改委\t各街道、区直各部门\t2023 年底"


def test_a_line_ended_short_before_a_mark_ends_no_entry(tmp_path: Path) -> None:
    """``省市场监管`` ended short because ``局、`` went down together (no line starts with ``、``):
    one unit 省市场监管局; a line ended short before a new entry still parts the entries."""
    lines = [
        HEADER,
        *ROW1,
        _line((C[0], "2"), (C[1], "加强市场体系"), (C[2], "省发改委"), (C[3], "省市场监管"), (C[4], "今明两年")),
        _line((C[1], "建设。"), (C[3], "局、商务厅、")),
        _line((C[3], "省大数据中心")),
        _line((C[0], "3"), (C[1], "优化准入环境"), (C[2], "省发改委"), (C[3], "省财政厅"), (C[4], "今明两年")),
        _line((C[1], "。"), (C[3], "省税务局")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[2].split("\t")[3] == "省市场监管局、商务厅、省大数据中心"
    assert rows[3].split("\t")[3] == "省财政厅、省税务局"


def test_a_row_pushed_left_by_long_runs_keeps_the_columns_for_the_lines_below(tmp_path: Path) -> None:
    """A full row of long cells stands 4 characters left of the columns; the wrapped line below it,
    with short runs before its cells, stands where the rows above had them: it is still the table."""
    lines = [
        HEADER,
        *ROW1,
        _line(
            (C[0], "2"),
            (C[1], "加强市场体系"),
            (C[2], "省发展改"),
            (C[3] - 4, "省市场监管局、"),
            (C[4] - 4, "今明两年"),
        ),
        _line((C[1], "建设。"), (C[2], "革委"), (C[3], "省大数据中心")),
        _line((C[0], "3"), (C[1], "优化准入环境"), (C[2], "省发改委"), (C[3], "省财政厅"), (C[4], "今明两年")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[2] == "2\t加强市场体系建设。\t省发展改革委\t省市场监管局、省大数据中心\t今明两年"
    assert rows[3].startswith("3\t优化准入环境")


def test_a_header_set_off_its_columns_is_still_the_header(tmp_path: Path) -> None:
    """Column titles 4 characters off their columns, one a column, are the header row; a title
    line of fewer cells is not read as the header."""
    header = _line(
        (C[0], "序"), (C[1] - 4, "重点任务"), (C[2] + 4, "牵头单位"), (C[3], "责任单位"), (C[4] + 2, "完成时限")
    )
    rows = _rows(tmp_path, [header, _line((C[0], "号")), *ROW1, ROW1[0].replace("1", "2", 1)])
    assert rows[0] == "序号\t重点任务\t牵头单位\t责任单位\t完成时限"


def test_a_sub_rows_entry_after_lines_without_one_is_a_new_entry(tmp_path: Path) -> None:
    """Row 2 has two sub-rows (one 序号): its 牵头单位 column holds ``文体局`` on the row's first line
    and ``住建局`` lines below, after lines with nothing in that column: two entries, though
    ``文体局`` is as wide as the column's widest first line. A cell's lines that follow each
    other down the column stay one entry (``省发改`` / ``委``)."""
    lines = [
        HEADER,
        _line((C[0], "1"), (C[1], "抓住铁路建设"), (C[2], "省发改"), (C[3], "铁路办、哈尔"), (C[4], "今明两年")),
        _line((C[1], "机遇。"), (C[2], "委"), (C[3], "滨铁路局")),
        _line((C[0], "2"), (C[1], "复兴老城厢，"), (C[2], "文体局"), (C[3], "晋陵公司"), (C[4], "年内")),
        _line((C[1], "修缮故居。")),
        _line((C[1], "整治老城厢道"), (C[2], "住建局"), (C[3], "五星街道")),
        _line((C[1], "路。")),
        _line((C[0], "3"), (C[1], "优化养老服务"), (C[2], "民政局"), (C[3], "各街道"), (C[4], "年内")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[1].split("\t")[2] == "省发改委"
    assert rows[2].split("\t")[2:4] == ["文体局、住建局", "晋陵公司、五星街道"]


def test_a_header_titles_wrapped_parts_stand_under_their_titles(tmp_path: Path) -> None:
    """``序`` / ``号``, ``牵头`` / ``单位``: the header's second line stands under the titles of its
    first line, whose columns are not the rows' (a title 4 characters right of its cells)."""
    lines = [
        _line((0, "序"), (2, "项目名称"), (11, "主要内容"), (25, "区政府分管"), (31, "牵头"), (36, "配合单位")),
        "",
        _line((0, "号"), (25, "领导"), (30, "单位")),
        "",
        _line((0, "1"), (4, "增加教育"), (11, "新建学校。"), (21, "何海平"), (30, "教育局"), (36, "各街道")),
        _line((0, "2"), (4, "促进就业"), (11, "新增就业。"), (21, "何海平"), (30, "人社局"), (36, "各街道")),
        _line((0, "3"), (4, "优化养老"), (11, "上门服务。"), (21, "张菁"), (30, "民政局"), (36, "各街道")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[0] == "序号\t项目名称\t主要内容\t区政府分管领导\t牵头单位\t配合单位"
    assert rows[1] == "1\t增加教育\t新建学校。\t何海平\t教育局\t各街道"
