"""A 责任单位 cell narrower than its list wraps where the line is full, often inside a name
(``……、教育`` / ``部、……``): the wrap parts no names. A cell listing one unit a line still does.

The text is a PDF text layer of a table read cell by cell: each cell a paragraph (its first line
indented), its lines wrapped at the cell's width; the cleaner joins a cell's lines and the unit
list is read from the source lines."""

from __future__ import annotations

from pathlib import Path

from doc_builder import indented_layer
from luoshi.extract.tasks import _wraps_glued
from luoshi.model import SourceText
from luoshi.pipeline import parse_source

# The units of a cell that lists eight ministries, however its lines fall.
LISTED = ("科技部", "国家发展改革委", "财政部", "国家知识产权局", "教育部", "国务院国资委", "中科院", "司法部")
BODY = [
    "各区人民政府，市政府各部门：",
    "为推动各项改革举措落地见效，经市政府同意，现将重点任务分工表印发给你们，请结合实际认真抓好落实，"
    "确保各项任务按期完成，及时研究解决工作中遇到的困难和问题，形成工作合力。",
    "要加强统筹协调，建立健全工作机制，定期召开联席会议，通报工作进展情况，协调解决重大问题，督促落实"
    "各项工作任务，推动工作取得实效，确保各项改革任务落地见效。",
    "附件",
    "重点任务分工表",
    "序号",
    "工作任务",
    "责任单位",
]


def _units(rows: list[str | list[str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    text = "关于印发重点任务分工表的通知\n" + indented_layer([*BODY, *rows])
    (doc,) = parse_source(SourceText(path=Path("layer.txt"), text=text, kind="txt")).documents
    return {t.path: t.units for t in doc.tasks}


def test_a_wrap_inside_a_name_of_a_listed_cell_is_glued_back():
    got = _units(
        [
            "1",
            "推进职务科技成果权属改革，开展赋权试点。",
            ["科技部、国家发展改革委、财政部、国家知识产权局、教育", "部、国务院国资委、中科院、司法部"],
            "2",
            "建立商标质押融资风险分担机制。",
            ["中国人民银行、中国银保监会、工业和信息化部、国家知识", "产权局"],
        ]
    )
    assert got[("表", "1")] == LISTED
    assert got[("表", "2")] == ("中国人民银行", "中国银保监会", "工业和信息化部", "国家知识产权局")


def test_a_break_after_a_whole_name_or_in_a_cell_of_one_unit_a_line_still_parts_names():
    got = _units(
        [
            "1",
            "推进职务科技成果权属改革，开展赋权试点。",
            ["科技部、国家发展改革委、财政部、国家知识产权局、教育部", "国务院国资委、中科院、司法部"],
            "2",
            "加强督查。",
            "市政府办公室",
        ]
    )
    assert got[("表", "1")] == LISTED
    assert got[("表", "2")] == ("市政府办公室",)


def test_only_a_cell_written_with_separators_has_its_wraps_glued():
    # one unit a line: no separator to go by, the lines are the names
    assert _wraps_glued(["市政府办公室", "市委督查室"]) == ["市政府办公室", "市委督查室"]
    assert _wraps_glued(["各县区", "市直各部门"]) == ["各县区", "市直各部门"]
    # a bracket's own list is no separator of the cell's
    assert _wraps_glued(["各县（市、区）", "市发改委"]) == ["各县（市、区）", "市发改委"]
    # a listed cell: a name cut at the wrap is glued, a whole name before the wrap is not
    assert _wraps_glued(["市发改委、教育", "部"]) == ["市发改委、教育部"]
    assert _wraps_glued(["市发改委、市教育局", "市财政局"]) == ["市发改委、市教育局", "市财政局"]
