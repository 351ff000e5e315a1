"""任务分工表 flattened by a PDF text layer: one cell after another, a cell over several lines.

pdftotext (default mode) writes a table cell by cell, each cell's lines one after the other;
the cleaner joins only some of those lines (a line ending in ``，`` runs on, a two-character
fragment joins whatever follows it). A row is read from its 序号 line to the next row's, its
cells recognised by their shape: text first, then the unit cells, then the deadline.
"""

from __future__ import annotations

from pathlib import Path

from doc_builder import build
from luoshi.extract.tasks import extract_tasks
from luoshi.model import SourceText
from luoshi.pipeline import parse_file, parse_source

# The cleaned lines of a three-column 分工表 whose cells wrap (what the cleaner leaves).
WRAPPED = [
    "附件",
    "重点任务分工表",
    "序号",
    "工作任务",
    "责任单位",
    "完成时限",
    "1",
    "建立全市统一的工作协调机制，定期召开联席会议，研究解决重大问题。",
    "市发展改革委、市财",
    "政局2025年6月底前",
    "2",
    "推进数据共享。",
    "市数据局",
    "长期坚持",
    "3",
    "完善考核评价办法，将工作",
    "纳入年度绩效考核。",
    "市委组织部、市人力",
    "社保局、各区政府",
    "2025年12月",
    "底前",
]


def _tasks(lines: list[str]):
    doc, ct = build([], tail=lines)
    return {t.path: t for t in extract_tasks(doc, ct)}, ct


def test_a_row_whose_cells_wrap_over_several_lines_is_one_task_with_its_units():
    got, ct = _tasks(WRAPPED)
    assert list(got) == [("表", "1"), ("表", "2"), ("表", "3")]
    assert got[("表", "1")].units == ("市发展改革委", "市财政局")
    assert got[("表", "1")].text == "建立全市统一的工作协调机制，定期召开联席会议，研究解决重大问题。"
    assert got[("表", "2")].units == ("市数据局",)
    assert got[("表", "3")].text == "完善考核评价办法，将工作纳入年度绩效考核。"
    assert got[("表", "3")].units == ("市委组织部", "市人力社保局", "各区政府")
    span = got[("表", "3")].units_span
    assert ct.text[span.start : span.end] == "市委组织部、市人力\n社保局、各区政府"


def test_a_deadline_glued_to_the_unit_cell_is_not_a_unit_and_a_text_deadline_stays_in_the_text():
    lines = [
        "序号",
        "工作任务",
        "责任单位",
        "完成时限",
        "1",
        "力争2025年底前",
        "建成全覆盖的服务网络。",
        "市民政局、市财",
        "政局2025年底前",
    ]
    got, _ = _tasks(lines)
    assert got[("表", "1")].units == ("市民政局", "市财政局")
    assert got[("表", "1")].text == "力争2025年底前建成全覆盖的服务网络。"


def test_lead_and_helper_columns_flattened_keep_their_roles_and_an_empty_helper_cell():
    lines = [
        "序号",
        "重点任务",
        "牵头单位",
        "配合单位",
        "完成时限",
        "1",
        "优化营商环境，推进",
        "“一网通办”。",
        "市政务服务数据管理局",
        "市发展改革委、市市场",
        "监管局",
        "2025年底前",
        "2",
        "加强督查问效。",
        "市政府办公室",
        "长期坚持",
    ]
    got, _ = _tasks(lines)
    t1, t2 = got[("表", "1")], got[("表", "2")]
    assert t1.text == "优化营商环境，推进“一网通办”。"
    assert t1.units == ("市政务服务数据管理局", "市发展改革委", "市市场监管局")
    assert t1.lead_units == ("市政务服务数据管理局",)
    assert t2.units == ("市政府办公室",) and t2.lead_units == ("市政府办公室",)


def test_the_last_row_ends_with_its_cells_and_what_follows_the_table_is_not_read_into_it():
    lines = [
        "序号",
        "工作任务",
        "责任单位",
        "完成时限",
        "1",
        "做好政策宣传解读。",
        "市委宣传部",
        "持续推进",
        "2",
        "加强资金保障，统筹",
        "安排专项资金。",
        "市财政局",
        "2025年底前",
        "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。",
        "市人民政府办公室",
    ]
    got, _ = _tasks(lines)
    assert list(got) == [("表", "1"), ("表", "2")]
    assert got[("表", "2")].text == "加强资金保障，统筹安排专项资金。"
    assert got[("表", "2")].units == ("市财政局",)


def test_a_pdftotext_table_reads_end_to_end_through_the_cleaner():
    body = (
        "（一）加强组织领导。各区、各部门要高度重视本项工作，将其摆上重要议事日程，切实加强领导，\n"
        "明确责任分工，确保各项任务落到实处，定期研究解决工作中遇到的重大问题和困难。\n"
    )
    table = (
        "附件\n\n重点任务分工表\n\n序号\n\n工作任务\n\n责任单位\n\n完成时限\n\n"
        "1\n\n建立全市统一的工作协调\n机制，定期召开联席会议，\n研究解决重大问题。\n\n市发展改革委、市财\n政局\n\n2025年6月底前\n\n"
        "2\n\n推进数据共享。\n\n市数据局\n\n长期坚持\n\n"
        "3\n\n完善考核评价办法，将工作\n纳入年度绩效考核。\n\n市委组织部、市人力\n社保局、各区政府\n\n2025年12月\n底前\n"
    )
    result = parse_source(SourceText(Path("fengong.txt"), body * 6 + table, "txt"))
    got = {t.path: t for d in result.documents for t in d.tasks}
    assert got[("表", "1")].units == ("市发展改革委", "市财政局")
    assert got[("表", "2")].units == ("市数据局",)
    assert got[("表", "3")].units == ("市委组织部", "市人力社保局", "各区政府")
    assert got[("表", "3")].text == "完善考核评价办法，将工作纳入年度绩效考核。"


def test_a_header_row_glued_into_one_line_is_cut_back_into_its_cells():
    # PDFium reads cells on one baseline as one line; the cleaner joins the two-character
    # pieces of a header wrapped in narrow columns (序 / 号, 完成 / 时限) to the next line.
    for header in (["序号工作任务责任单位完成时限"], ["序号工作任务", "责任单位完成时限1"]):
        lines = [*header, *([] if header[-1].endswith("1") else ["1"]), "推进数据共享。", "市数据局", "长期坚持"]
        got, _ = _tasks(lines)
        assert list(got) == [("表", "1")], header
        assert got[("表", "1")].units == ("市数据局",)
        assert got[("表", "1")].text == "推进数据共享。"


def test_a_line_starting_with_xuhao_that_is_not_a_header_is_left_alone():
    got, _ = _tasks(["序号为登记时的编号。", "1", "推进数据共享。", "市数据局"])
    assert got == {}


def test_a_deadline_glued_to_a_one_line_unit_cell_is_cut_off_before_the_list_is_read():
    lines = ["序号", "工作任务", "责任单位", "完成时限", "1", "推进数据共享。", "市数据局、市财政局2025年6月底前"]
    got, ct = _tasks(lines)
    t = got[("表", "1")]
    assert t.units == ("市数据局", "市财政局")
    assert ct.text[t.units_span.start : t.units_span.end] == "市数据局、市财政局"


# --- tables the HTML and DOCX readers keep: one row per line, cells between tabs -------------

SPANNED_HTML = """<html><head><meta charset="utf-8"><title>关于印发某某工作方案的通知</title></head><body><div>
<p>各区人民政府，市政府各部门：</p>
<p>现将《某某工作方案》印发给你们，请认真贯彻执行。</p>
<p>附件</p><p>重点任务分工表</p>
<table>
<tr><td>序号</td><td>工作任务</td><td>具体措施</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td rowspan="2">1</td><td rowspan="2">优化营商环境。</td><td>推进一网通办。</td><td>市政务服务数据管理局</td>
<td rowspan="2">市发展改革委</td><td rowspan="2">2025年底前</td></tr>
<tr><td>压减审批时限。</td><td>市市场监管局</td></tr>
<tr><td rowspan="2">2</td><td rowspan="2">加强督查。</td><td>开展专项督查。</td><td rowspan="2">市政府办公室</td>
<td rowspan="2"></td><td rowspan="2">长期坚持</td></tr>
<tr><td>开展日常督查。</td></tr>
<tr><td>3</td><td>做好宣传。</td><td>开展政策解读。</td><td>市委宣传部</td><td></td><td>持续推进</td></tr>
</table>
<p>某某市人民政府办公室</p><p>2025年3月1日</p>
</div></body></html>
"""


def test_html_sub_rows_keep_their_columns_when_the_cells_spanned_from_above_stand_at_the_row_end(tmp_path):
    # The cleaner strips the empty cells at both ends of a line (a rowspan from above leaves
    # them empty), so a sub-row's cells must be placed by the tabs of its source line.
    path = tmp_path / "fengong.html"
    path.write_text(SPANNED_HTML, encoding="utf-8")
    (doc,) = parse_file(path).documents
    got = {t.path: t for t in doc.tasks}
    assert list(got) == [("表", "1"), ("表", "2"), ("表", "3")]
    t1 = got[("表", "1")]
    assert t1.units == ("市政务服务数据管理局", "市发展改革委", "市市场监管局")
    assert t1.lead_units == ("市政务服务数据管理局", "市市场监管局")
    assert t1.text == "优化营商环境。推进一网通办。压减审批时限。"
    assert got[("表", "2")].text == "加强督查。开展专项督查。开展日常督查。"
    assert got[("表", "2")].units == ("市政府办公室",)
    assert got[("表", "3")].units == ("市委宣传部",)


def test_a_helper_column_under_any_usual_name_gives_units_after_the_leads():
    for helper in ("协同单位", "参与部门", "协办单位", "配合单位"):
        rows = [f"序号\t重点任务\t牵头单位\t{helper}", "1\t出台实施方案\t市发展改革委\t市财政局、市商务局"]
        got, _ = _tasks(rows)
        t = got[("表", "1")]
        assert t.units == ("市发展改革委", "市财政局", "市商务局"), helper
        assert t.lead_units == ("市发展改革委",), helper


def test_a_flattened_row_over_several_measures_each_with_units_and_deadline_is_one_task():
    lines = [
        "序号",
        "重点任务",
        "具体措施",
        "责任单位",
        "完成时限",
        "1",
        "优化营商环境。",
        "推进“一网通办”。",
        "市政务服务数据管理局",
        "2025年6月底前",
        "压减审批时限。",
        "市市场监管局、市发展",
        "改革委",
        "2025年底前",
        "2",
        "加强督查。",
        "推进基层医疗卫生机构",
        "标准化建设。",
        "市卫生健康委",
        "长期坚持",
    ]
    got, _ = _tasks(lines)  # row 2 as the table's last row
    assert got[("表", "2")].units == ("市卫生健康委",)
    got, _ = _tasks([*lines, "3", "做好宣传。", "市委宣传部", "持续推进"])  # and as a middle row
    t1, t2 = got[("表", "1")], got[("表", "2")]
    assert t1.units == ("市政务服务数据管理局", "市市场监管局", "市发展改革委")
    assert t1.text == "优化营商环境。推进“一网通办”。压减审批时限。"
    # A text line that reads like a name (…机构) is not a sub-row: no deadline follows it.
    assert t2.units == ("市卫生健康委",)
    assert t2.text == "加强督查。推进基层医疗卫生机构标准化建设。"


def test_units_on_lines_of_their_own_inside_one_cell_are_separate_units(tmp_path):
    # The HTML reader joins a cell's <br> lines and <p> paragraphs with a space, which the
    # cleaner drops between Chinese characters.
    page = (
        '<html><head><meta charset="utf-8"><title>关于印发某某工作方案的通知</title></head><body><div>'
        "<p>各区人民政府，市政府各部门：</p><p>现将方案印发给你们。</p><table>"
        "<tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>"
        "<tr><td>1</td><td><p>优化营商环境。</p><p>推进一网通办。</p></td>"
        "<td>市政务服务数据管理局<br>市发展改革委</td><td>2025年底前</td></tr>"
        "<tr><td>2</td><td>加强督查。</td><td><p>市政府办公室</p><p>市委督查室</p></td><td>长期坚持</td></tr>"
        "</table></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = parse_file(path).documents
    got = {t.path: t for t in doc.tasks}
    assert got[("表", "1")].units == ("市政务服务数据管理局", "市发展改革委")
    assert got[("表", "1")].text == "优化营商环境。推进一网通办。"
    assert got[("表", "2")].units == ("市政府办公室", "市委督查室")
    # A name the layout broke inside (``市发展`` / ``改革委``) is not cut at the space.
    rows = ["序号\t工作任务\t责任单位", "1\t推进数据共享。\t市发展 改革委"]
    doc, ct = build([], tail=rows)
    (t,) = extract_tasks(doc, ct)
    assert t.units == ("市发展改革委",)
