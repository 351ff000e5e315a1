"""Saved pages: a body laid out in a one-column table, and lists of links after the body.

Each test is a page written here, in the shape of older government CMS pages (table layout,
no class names on the content), and failed on main e83b50c unless it says it guards.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.pipeline import parse_file
from luoshi.read import read_file

BODY_CELLS = """
<div>临府办〔2025〕11号</div>
<div>各县（区）人民政府，市政府各部门、各直属机构：</div>
<div>《临川市养老服务体系建设方案》已经市人民政府同意，现印发给你们，请认真组织实施。</div>
<div>临川市人民政府办公室</div>
<div>2025年2月3日</div>
<div>临川市养老服务体系建设方案</div>
<div>一、工作目标</div>
<div>到2026年底，全市养老机构护理型床位占比达到60%以上。</div>
<div>二、重点任务</div>
<div>（一）完善养老服务设施。加快建设街镇综合养老服务中心。（市民政局、各县（区）人民政府负责）</div>
"""
RELATED = """
<div>分享到：</div>
<div>相关链接：</div>
<div><a href="1">临川市人民政府办公室关于印发临川市助餐服务方案的通知（临府办〔2024〕5号）</a></div>
<div><a href="2">临川市民政局关于做好养老机构安全工作的通知（临民〔2024〕9号）</a></div>
<div>【打印本页】【关闭窗口】</div>
"""


def _page(cells: str, after: str = RELATED) -> str:
    return (
        '<html><head><meta charset="utf-8"><title>临川市人民政府办公室关于印发临川市养老服务体系建设方案的通知</title>'
        '</head><body><table width="100%"><tr><td><a href="/">首页</a> | <a href="/zw">政务公开</a></td></tr></table>'
        '<table width="980"><tr><td width="200"><ul><li><a href="x">政策文件</a></li><li><a href="y">政策解读</a></li>'
        '</ul></td><td width="780"><table><tr><td><b>临川市人民政府办公室关于印发临川市养老服务体系建设方案的通知</b>'
        f"</td></tr><tr><td>{cells}{after}</td></tr></table></td></tr></table>"
        "<table><tr><td>版权所有：临川市人民政府办公室　主办单位：临川市人民政府办公室</td></tr></table>"
        "</body></html>"
    )


def _write(tmp_path: Path, html: str) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8"))
    return path


def test_a_body_in_a_one_column_table_keeps_its_paragraphs_and_drops_the_links_after_it(tmp_path: Path) -> None:
    lines = read_file(_write(tmp_path, _page(BODY_CELLS))).text.split("\n")
    assert lines[0] == "临川市人民政府办公室关于印发临川市养老服务体系建设方案的通知"
    assert lines[1] == "临府办〔2025〕11号"
    assert lines[-1] == "（一）完善养老服务设施。加快建设街镇综合养老服务中心。（市民政局、各县（区）人民政府负责）"
    assert len(lines) == 11


def test_the_page_through_the_pipeline_gives_the_notice_and_no_reference_from_the_links(tmp_path: Path) -> None:
    (doc,) = parse_file(_write(tmp_path, _page(BODY_CELLS))).documents
    assert (doc.doc_number, doc.date, doc.addressees, doc.forwarded_title) == (
        "临府办〔2025〕11号",
        "2025-02-03",
        ("各县（区）人民政府", "市政府各部门、各直属机构"),
        "临川市养老服务体系建设方案",
    )
    assert doc.references == ()
    assert [(t.path, t.units) for t in doc.tasks] == [(("二", "一"), ("市民政局", "各县（区）人民政府"))]


def test_a_data_table_with_two_filled_cells_in_a_row_stays_rows_of_cells(tmp_path: Path) -> None:
    # The other side of the one-column rule: a 任务分工表 keeps one line per row.
    table = (
        "<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td></tr>"
        "<tr><td>1</td><td><p>完善养老服务设施。</p><p>加快建设街镇综合养老服务中心。</p></td><td>市民政局</td></tr>"
        "</table>"
    )
    lines = read_file(_write(tmp_path, _page(BODY_CELLS + table, after=""))).text.split("\n")
    assert lines[-2:] == [
        "序号\t工作任务\t责任单位",
        "1\t完善养老服务设施。 加快建设街镇综合养老服务中心。\t市民政局",
    ]


def test_a_body_ending_with_a_linked_attachment_keeps_it_when_no_chrome_follows(tmp_path: Path) -> None:
    # The other side of the links rule: a link-only line is dropped only in a run with chrome.
    after = '<div><a href="f.doc">临川市养老服务设施布局表.doc</a></div>'
    lines = read_file(_write(tmp_path, _page(BODY_CELLS, after=after))).text.split("\n")
    assert lines[-1] == "临川市养老服务设施布局表.doc"


def test_a_long_line_starting_like_a_label_is_body_text(tmp_path: Path) -> None:
    # Guards: the chrome words only drop a short line (a label, a button row), never a sentence.
    sentence = "相关文件印发后，各县（区）要在一个月内制定本地实施方案，明确责任分工和时间安排，确保各项任务落到实处。"
    lines = read_file(_write(tmp_path, _page(BODY_CELLS + f"<div>{sentence}</div>", after=""))).text.split("\n")
    assert lines[-1] == sentence
