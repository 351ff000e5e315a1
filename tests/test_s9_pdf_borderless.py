"""Borderless tables in a PDF come back one row a line, like ruled ones.

A 任务分工表 printed without ruling lines gives PDFium no grid: it hands the text over cell
line by cell line, and a task loses its units. The reader finds the columns from the
gutters no glyph touches and the rows from the wider baseline gaps between them
(luoshi.read.pdf_borderless). Each PDF here is drawn in the test with reportlab; the texts
are made up in the genre's conventions.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from fixtures_build import A4, CJK_FONT, LEFT
from luoshi.pipeline import parse_file
from luoshi.read import read_file

SIZE = 12
PITCH = 15  # a cell's wrapped lines
ROW_SPACE = 12  # extra space after a row's last line (a cell's paragraph spacing)
TOP = 700


def _wrap(text: str, chars: int) -> list[str]:
    return [text[i : i + chars] for i in range(0, len(text), chars)] or [""]


def _table_pdf(
    path: Path,
    rows: list[list[str]],
    widths: list[int],
    *,
    before: tuple[str, ...] = (),
    after: tuple[str, ...] = (),
    gutter: float = 12,
) -> Path:
    """Rows of cells without any ruling: each cell's text wraps inside its column (``widths``
    in characters), ``gutter`` points between columns, rows spaced by :data:`ROW_SPACE`."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(CJK_FONT, SIZE)
    y = TOP
    for line in before:
        pdf.drawString(LEFT, y, line)
        y -= 2 * PITCH
    xs = [LEFT]
    for w in widths[:-1]:
        xs.append(xs[-1] + w * SIZE + gutter)
    for row in rows:
        cells = [_wrap(text, w) for text, w in zip(row, widths, strict=True)]
        for k, lines in enumerate(cells):
            for j, text in enumerate(lines):
                pdf.drawString(xs[k], y - j * PITCH, text)
        y -= max(len(c) for c in cells) * PITCH + ROW_SPACE
    y -= PITCH
    for line in after:
        pdf.drawString(LEFT, y, line)
        y -= 2 * PITCH
    pdf.showPage()
    pdf.save()
    return path


def _lines_pdf(path: Path, lines: list[tuple[float, str]]) -> Path:
    """Lines drawn at ``(x, text)`` one pitch apart."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(CJK_FONT, SIZE)
    for i, (x, text) in enumerate(lines):
        pdf.drawString(x, TOP - i * PITCH * 1.5, text)
    pdf.showPage()
    pdf.save()
    return path


TASK_1 = "健全社区居家养老服务网络，推进街道综合养老服务中心建设"
TASK_2 = "完善老年人助餐服务体系，扩大助餐配餐覆盖面"
TASK_3 = "加强养老护理员培训，提升从业人员职业技能"
ROWS = [
    ["序号", "重点任务", "责任单位", "完成时限"],
    ["1", TASK_1, "市民政局、各区政府", "2025年底前"],
    ["2", TASK_2, "市民政局、市市场监管局", "持续推进"],
    ["3", TASK_3, "市人力资源社会保障局", "2025年6月"],
]
WIDTHS = [2, 10, 6, 5]  # the task and unit cells wrap over several lines


def test_a_borderless_table_comes_back_one_row_a_line(tmp_path: Path) -> None:
    pdf = _table_pdf(tmp_path / "t.pdf", ROWS, WIDTHS, before=("附件",), after=("以上任务按期完成。",))
    lines = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert lines == [
        "附件",
        "序号\t重点任务\t责任单位\t完成时限",
        f"1\t{TASK_1}\t市民政局、各区政府\t2025年底前",
        f"2\t{TASK_2}\t市民政局、市市场监管局\t持续推进",
        f"3\t{TASK_3}\t市人力资源社会保障局\t2025年6月",
        "以上任务按期完成。",
    ]


def test_the_rows_keep_their_units_through_the_pipeline(tmp_path: Path) -> None:
    """The rows read as a 分工表: each task has the units of its own row."""
    body = "为推进居家社区养老服务高质量发展，现将重点任务分解如下。"
    pdf = _table_pdf(tmp_path / "t.pdf", ROWS, WIDTHS, before=("关于印发养老服务重点任务分工的通知", body))
    tasks = [t for doc in parse_file(pdf).documents for t in doc.tasks]
    units = {t.text[:6]: set(t.units) for t in tasks}
    assert units.get(TASK_3[:6]) == {"市人力资源社会保障局"}
    assert units.get(TASK_2[:6]) == {"市民政局", "市市场监管局"}


def test_two_columns_are_no_table(tmp_path: Path) -> None:
    """A two-column list (a 领导小组's members and their posts) stays lines of text: two
    columns are a list, not a table."""
    names = [("组长：王某某", "市政府副市长"), ("副组长：李某某", "市民政局局长"), ("成员：张某某", "市财政局副局长")]
    pdf = _lines_pdf(tmp_path / "l.pdf", [(LEFT, f"{a}      {b}") for a, b in names])
    lines = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert len(lines) == 3
    assert all(line.count("\t") <= 1 for line in lines)


def test_a_justified_paragraph_is_no_table(tmp_path: Path) -> None:
    """A paragraph's lines run across the text width: no gutter, no table; the lines stay
    as they were printed."""
    text = "各区各部门要高度重视养老服务体系建设，将其纳入经济社会发展规划，" * 4
    lines = [(LEFT, part) for part in _wrap(text, 28)]
    pdf = _lines_pdf(tmp_path / "p.pdf", lines)
    out = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert "\t" not in "".join(out)
    assert "".join(ln.strip("\u3000") for ln in out) == text


def test_cells_on_a_line_without_wrapping_still_need_three_rows(tmp_path: Path) -> None:
    """Three columns over two lines are no table (a 签发人 line beside the 发文字号): the
    lines stay as printed."""
    pdf = _lines_pdf(
        tmp_path / "h.pdf",
        [(LEFT, "穗民函〔2024〕12号      签发人：某某某      急件")],
    )
    assert read_file(pdf).text.strip().count("\n") == 0
