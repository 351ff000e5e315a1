"""A 任务分工表 whose cells are centred vertically, as ``pdftotext -layout`` gives it: each row's
序号 stands on the row's middle line, its cells' lines above and below it."""

from __future__ import annotations

from pathlib import Path

from doc_builder import layout_line as _line
from doc_builder import layout_tab_rows


def _rows(tmp_path: Path, lines: list[str]) -> list[str]:
    return layout_tab_rows(tmp_path, lines, before=["重点任务分工表"])


C = (0, 10, 22, 31, 40)  # 序号, 重点任务, 牵头单位, 责任单位, 完成时限
HEADER = _line((C[0], "序号"), (C[1], "重点任务"), (C[2], "牵头单位"), (C[3], "责任单位"), (C[4], "完成时限"))


def test_a_tall_row_then_a_short_one(tmp_path: Path) -> None:
    """Row 1 is five lines tall (its 序号 on the third), row 2 one line: the two lines below row 1's
    序号 are row 1's, although row 2's 序号 is nearer to them."""
    lines = [
        HEADER,
        _line((C[1], "抓住铁路建设")),
        _line((C[1], "机遇，续建客"), (C[3], "铁路办、哈尔")),
        _line((C[0], "1"), (C[1], "运专线，开工"), (C[2], "省发改委"), (C[3], "滨铁路局、相"), (C[4], "今明两年")),
        _line((C[1], "建设一批铁路"), (C[3], "关市县政府")),
        _line((C[1], "项目。")),
        _line((C[0], "2"), (C[1], "加快公路建设"), (C[2], "省交通厅"), (C[3], "各市政府"), (C[4], "年内")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows == [
        "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
        "1\t抓住铁路建设机遇，续建客运专线，开工建设一批铁路项目。\t省发改委\t铁路办、哈尔滨铁路局、相关市县政府\t今明两年",
        "2\t加快公路建设\t省交通厅\t各市政府\t年内",
    ]


def test_cells_of_two_lines_stand_above_and_below_the_number(tmp_path: Path) -> None:
    """A row two lines tall: its 序号 and one-line cells on a line of their own between them."""
    lines = [
        HEADER,
        _line((C[1], "推进市场体系"), (C[3], "省市场监管局、"), (C[4], "2023 年")),
        _line((C[0], "1"), (C[2], "省发改委")),
        _line((C[1], "建设。"), (C[3], "商务厅"), (C[4], "底")),
        "",
        _line((C[1], "优化准入环境"), (C[3], "省财政厅、")),
        _line((C[0], "2"), (C[2], "省发改委"), (C[4], "年内")),
        _line((C[1], "。"), (C[3], "省税务局")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[1] == "1\t推进市场体系建设。\t省发改委\t省市场监管局、商务厅\t2023 年底"
    assert rows[2] == "2\t优化准入环境。\t省发改委\t省财政厅、省税务局\t年内"


def test_a_wrapped_header_title_is_no_row_line(tmp_path: Path) -> None:
    """Lines between the header and the first 序号 that hold the titles' wrapped words (``单位``)
    belong to the header; a table whose rows start right below its header is read as before."""
    header2 = _line((C[2], "单位"), (C[3], "单位"))
    top = [
        _line((C[0], "序号"), (C[1], "重点任务"), (C[2], "牵头"), (C[3], "责任"), (C[4], "完成时限")),
        header2,
        _line((C[0], "1"), (C[1], "推进市场体系"), (C[2], "省发改委"), (C[3], "商务厅"), (C[4], "年内")),
        _line((C[1], "建设。")),
        _line((C[0], "2"), (C[1], "优化准入环境"), (C[2], "省发改委"), (C[3], "省财政厅"), (C[4], "年内")),
        _line((C[1], "。")),
    ]
    rows = _rows(tmp_path, top)
    assert rows[0] == "序号\t重点任务\t牵头单位\t责任单位\t完成时限"
    assert rows[1] == "1\t推进市场体系建设。\t省发改委\t商务厅\t年内"


def test_a_row_cut_by_the_page_foot_is_set_from_its_top(tmp_path: Path) -> None:
    """The row a page break cuts has its 序号 on its first line and goes on at the top of the next
    page (whose columns poppler moved left); the rows around it are centred."""
    lines = [
        HEADER,
        _line((C[1], "抓住铁路建设")),
        _line((C[0], "1"), (C[1], "机遇，续建客"), (C[2], "省发改委"), (C[3], "铁路办"), (C[4], "今明两年")),
        _line((C[1], "运专线。")),
        _line((C[0], "2"), (C[1], "加快国省干道"), (C[2], "省发改委"), (C[3], "交通运输厅、"), (C[4], "今明两年")),
        _line((C[1], "和农村公路建"), (C[3], "相关市县政府")),
        "",
        "                 — 1 —",
        "\f" + _line((C[1] - 5, "设，新改扩建")),
        _line((C[1] - 5, "国省干道。")),
        _line((C[1] - 5, "加强市场体系")),
        _line(
            (C[0], "3"),
            (C[1] - 5, "建设，实施负"),
            (C[2] - 5, "省发展改革委"),
            (C[3] - 5, "省市场监管局"),
            (C[4] - 5, "年内"),
        ),
        _line((C[1] - 5, "面清单制度。")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows[1:] == [
        "1\t抓住铁路建设机遇，续建客运专线。\t省发改委\t铁路办\t今明两年",
        "2\t加快国省干道和农村公路建设，新改扩建国省干道。\t省发改委\t交通运输厅、相关市县政府\t今明两年",
        "3\t加强市场体系建设，实施负面清单制度。\t省发展改革委\t省市场监管局\t年内",
    ]


def test_a_centred_header_with_a_wrapped_title_off_the_cells_columns(tmp_path: Path) -> None:
    """The header's 分管领导 title is wrapped above and below its line, and its titles stand 1-9
    characters right of the cells' columns: the columns are the cells', one title a column."""
    d = (0, 8, 16, 26, 34, 42)  # 序号, 项目名称, 主要内容, 分管领导, 牵头单位, 配合单位
    lines = [
        _line((d[3], "区政府分管")),
        _line(
            (0, "序号"), (d[1] + 1, "项目名称"), (d[2] + 5, "主要内容"), (d[4] + 5, "牵头单位"), (d[5] + 9, "配合单位")
        ),
        _line((d[3], "领导")),
        _line((d[2], "新建学校重点"), (d[5], "经开区、")),
        _line(
            (0, "1"), (d[1], "教育资源"), (d[2], "建设项目，增"), (d[3], "何海平"), (d[4], "教育局"), (d[5], "高新园、")
        ),
        _line((d[2], "加学位。"), (d[5], "各街道")),
        _line((d[2], "全区城镇新增"), (d[5], "高新园、")),
        _line(
            (0, "2"), (d[1], "就业稳定"), (d[2], "就业人数，稳"), (d[3], "何海平"), (d[4], "人社局"), (d[5], "各街道")
        ),
        _line((d[2], "定就业。")),
    ]
    rows = _rows(tmp_path, lines)
    assert rows == [
        "序号\t项目名称\t主要内容\t区政府分管领导\t牵头单位\t配合单位",
        "1\t教育资源\t新建学校重点建设项目，增加学位。\t何海平\t教育局\t经开区、高新园、各街道",
        "2\t就业稳定\t全区城镇新增就业人数，稳定就业。\t何海平\t人社局\t高新园、各街道",
    ]
