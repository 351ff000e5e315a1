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
    page_lines: int = 40,
    after_on_next_page: bool = False,
    row_space: float = ROW_SPACE,
) -> Path:
    """Rows of cells without any ruling: each cell's text wraps inside its column (``widths``
    in characters), ``gutter`` points between columns, ``row_space`` points between rows. At
    most ``page_lines`` lines of cells fit on a page: a row goes on at the top of the next;
    ``after_on_next_page`` starts the text after the table on a new page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(CJK_FONT, SIZE)
    y = TOP
    for line in before:
        pdf.drawString(LEFT, y, line)
        y -= 2 * PITCH
    xs = [LEFT]
    for w in widths[:-1]:
        xs.append(xs[-1] + w * SIZE + gutter)
    used = 0
    for row in rows:
        cells = [_wrap(text, w) for text, w in zip(row, widths, strict=True)]
        for j in range(max(len(c) for c in cells)):
            if used == page_lines:
                pdf.showPage()
                pdf.setFont(CJK_FONT, SIZE)
                y, used = TOP, 0
            for k, lines in enumerate(cells):
                if j < len(lines):
                    pdf.drawString(xs[k], y, lines[j])
            y -= PITCH
            used += 1
        y -= row_space
    y -= PITCH
    if after_on_next_page:
        pdf.showPage()
        pdf.setFont(CJK_FONT, SIZE)
        y = TOP
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


def test_a_table_whose_later_rows_fill_one_column_is_still_a_table(tmp_path: Path) -> None:
    """A 分工表 with merged cells prints its leader and units once, on the first of the rows
    they cover: the later rows have text in the task column only. The columns still line up
    over the rows, so each row is its own line, its empty cells empty."""
    rows = [
        ["工作任务", "分管领导", "牵头单位", "完成时限"],
        ["抓好财税工作，增强发展保障能力", "某某某", "各县（市、区）政府，市财政局、市税务局", "年内见成效"],
        ["△进一步调整财政支出结构，加大民生领域投入", "", "", ""],
        ["△加强财政监督，提高财政资金使用效益", "", "市财政局、市审计局", ""],
        ["△加强税源监控，完善协税护税网络", "", "", ""],
    ]
    pdf = _table_pdf(tmp_path / "m.pdf", rows, [8, 4, 8, 5])
    lines = [ln.rstrip("\t") for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert lines == ["\t".join(row).rstrip("\t") for row in rows]


LONG_TASK = (
    "推进基层医疗卫生机构标准化建设，完善社区卫生服务中心和镇卫生院设施设备配置，"
    "加强基层医务人员培训，提升常见病多发病诊疗能力"
)


def test_a_row_cut_by_a_page_break_goes_on_in_the_columns_of_the_page_before(tmp_path: Path) -> None:
    """Row 1's task cell is cut by the page break: the next page's first lines hold only the
    rest of that cell (no three cells side by side), then row 2. They fit the columns of the
    table the page before ended with, so they are its rows: row 1 is one line again. The
    paragraph after the table runs across the columns and stays text."""
    rows = [
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", LONG_TASK, "市卫生健康委、各区政府", "2025年底前"],
        ["2", TASK_2, "市民政局、市市场监管局", "持续推进"],
    ]
    closing = "各责任单位要按照分工抓好落实，每季度末报送工作进展情况，确保各项任务按期完成。"
    pdf = _table_pdf(tmp_path / "p.pdf", rows, WIDTHS, after=(closing,), page_lines=4)
    lines = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert lines[:3] == [
        "序号\t重点任务\t责任单位\t完成时限",
        f"1\t{LONG_TASK}\t市卫生健康委、各区政府\t2025年底前",
        f"2\t{TASK_2}\t市民政局、市市场监管局\t持续推进",
    ]
    assert "\t" not in "".join(lines[3:])
    assert "".join(ln.strip("\u3000") for ln in lines[3:]) == closing


def test_the_last_lines_of_a_cut_row_join_it_but_a_heading_after_the_table_does_not(tmp_path: Path) -> None:
    """Two lines of row 1's task cell run on to the next page, above the closing paragraph:
    they leave the first column empty (the 序号 was printed above), so they are the row's
    rest. A heading at the top of the next page, where the table ended with its page,
    starts in the first column and stays text."""
    rows = [["序号", "重点任务", "责任单位", "完成时限"], ["1", LONG_TASK, "市卫生健康委、各区政府", "2025年底前"]]
    closing = "各责任单位要按照分工抓好落实，每季度末报送工作进展情况，确保各项任务按期完成。"
    cut = _table_pdf(tmp_path / "cut.pdf", rows, WIDTHS, after=(closing,), page_lines=5)
    lines = [ln for ln in read_file(cut).text.split("\n") if ln.strip()]
    assert lines[1] == f"1\t{LONG_TASK}\t市卫生健康委、各区政府\t2025年底前"
    assert "".join(ln.strip("\u3000") for ln in lines[2:]) == closing

    full = [*rows, ["2", TASK_3, "市人力资源社会保障局", "2025年6月"]]
    pdf = _table_pdf(tmp_path / "h.pdf", full, WIDTHS, after=("三、保障措施", closing), after_on_next_page=True)
    lines = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert lines[-3:] == [f"2\t{TASK_3}\t市人力资源社会保障局\t2025年6月", "三、保障措施", closing]


def test_rows_set_without_spacing_start_at_their_number(tmp_path: Path) -> None:
    """A table set with no space between rows (Word's single spacing): every baseline stands
    one pitch below the last, so a line with text in the 序号 column starts a row and the
    lines without go on with the row above."""
    pdf = _table_pdf(tmp_path / "w.pdf", ROWS, WIDTHS, row_space=0)
    lines = [ln for ln in read_file(pdf).text.split("\n") if ln.strip()]
    assert lines == [
        "序号\t重点任务\t责任单位\t完成时限",
        f"1\t{TASK_1}\t市民政局、各区政府\t2025年底前",
        f"2\t{TASK_2}\t市民政局、市市场监管局\t持续推进",
        f"3\t{TASK_3}\t市人力资源社会保障局\t2025年6月",
    ]
