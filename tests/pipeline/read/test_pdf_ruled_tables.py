"""Ruled tables in a PDF come back one row a line, each cell's wrapped lines joined.

A 任务分工表 printed to PDF (Word, WPS, a browser) draws its borders as rulings; PDFium
gives its text in content order, a cell's lines one after another, so a row whose cells
wrap interleaves with the next. The reader rebuilds each row from the grid the rulings
draw and writes it as ``序号\\t工作任务\\t责任单位\\t完成时限``, the form the HTML and DOCX
readers give a table. Each PDF here is drawn in the test (tests/fixtures_build.py).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from fixtures_build import (
    BODY_BOTTOM,
    BODY_TOP,
    LEFT,
    build_placed_pdf,
    build_table_pdf,
    gb_paragraph_items,
)
from luoshi.pipeline import parse_file
from luoshi.read import read_file

HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
WIDTHS = [24, 200, 120, 80]  # one character a line for 序号: the header wraps in every cell
TASK_1 = "完善家庭医生签约服务标准体系，制定服务规范和考核办法。"
TASK_1B = "推动签约服务信息平台互联互通。"
TASK_2 = "加强基层医疗卫生人才队伍建设，扩大全科医生招聘规模，落实乡村医生待遇保障。"
ROWS = [
    HEADER,
    ["1", TASK_1, "市卫生健康委、市医保局", "2024年6月底前"],
    [None, TASK_1B, "市政务服务数据管理局", "2024年12月"],
    ["2", TASK_2, "市人力资源社会保障局、各区政府", "长期坚持"],
]
EXPECTED = [
    "序号\t工作任务\t责任单位\t完成时限",
    f"1\t{TASK_1}\t市卫生健康委、市医保局\t2024年6月底前",
    f"\t{TASK_1B}\t市政务服务数据管理局\t2024年12月",
    f"2\t{TASK_2}\t市人力资源社会保障局、各区政府\t长期坚持",
]
BEFORE = ["附件", "重点任务分工表"]
AFTER = ["以上任务由各责任单位按期完成。"]


def _lines(path: Path) -> list[str]:
    """The reader's lines, without the empty text of a last page whose row joined the one above."""
    return read_file(path).text.rstrip("\n").split("\n")


def _page_texts(path: Path) -> list[str]:
    """PDFium's own text of each page: where the builder put what."""
    document = pdfium.PdfDocument(path)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def test_wrapped_cells_come_back_one_row_a_line(tmp_path: Path) -> None:
    """Every cell of these rows wraps (序号 over two lines, the task over three): each row is
    one line, its cells in column order, a cell's lines joined without a space."""
    pdf = build_table_pdf(tmp_path / "table.pdf", ROWS, WIDTHS, before=BEFORE, after=AFTER)
    assert _lines(pdf) == [*BEFORE, *EXPECTED, *AFTER]


def test_a_merged_first_column_cell_is_written_once(tmp_path: Path) -> None:
    """A 序号 cell merged over two rows (no border between them) holds one row's number: the
    second row gets an empty first cell, as the HTML reader writes a ``rowspan``."""
    rows = [
        ["序号", "工作任务", "责任单位"],
        ["1", "建立工作协调机制。", "市发展改革委"],
        [None, "定期召开联席会议。", "市政府办公厅"],
        [None, "研究解决重大问题。", "市财政局"],
        ["2", "推进数据共享。", "市数据局"],
    ]
    pdf = build_table_pdf(tmp_path / "merged.pdf", rows, [60, 220, 150])
    assert _lines(pdf) == [
        "序号\t工作任务\t责任单位",
        "1\t建立工作协调机制。\t市发展改革委",
        "\t定期召开联席会议。\t市政府办公厅",
        "\t研究解决重大问题。\t市财政局",
        "2\t推进数据共享。\t市数据局",
    ]


def test_a_row_cut_by_a_page_break_is_one_row(tmp_path: Path) -> None:
    """Seven cell lines a page: row 2 (three lines) starts on the last line of page 1 and ends
    on page 2, with borders closing the cut on both pages as Word draws them. Its cells join."""
    pdf = build_table_pdf(tmp_path / "cut.pdf", ROWS, WIDTHS, before=BEFORE, after=AFTER, page_rows=7)
    assert _page_texts(pdf)[0].count(TASK_2[:16]) == 1 and TASK_2[16:32] in _page_texts(pdf)[1]
    assert _lines(pdf) == [*BEFORE, *EXPECTED, *AFTER]


def test_a_cut_row_joins_when_a_short_cell_ends_its_line_early(tmp_path: Path) -> None:
    """Line-breaking rules leave a cell's line a character short of its border (``府、`` goes
    to the next line together). The row still joins: its task ran to the border unfinished
    and no continuing cell ended a sentence."""
    task = "建立全市统一的工作协调机制，定期召开联席会议，研究解决工作推进中的重大问题。"
    rows = [["序号", "工作任务", "责任单位"], ["1", task, "各区政\n府、市卫生健康委"]]
    pdf = build_table_pdf(tmp_path / "short.pdf", rows, [40, 200, 64], page_rows=2)
    assert "各区政" in _page_texts(pdf)[0] and "府、" in _page_texts(pdf)[1]
    assert _lines(pdf) == ["序号\t工作任务\t责任单位", f"1\t{task}\t各区政府、市卫生健康委"]


def test_a_header_repeated_on_the_next_page_goes(tmp_path: Path) -> None:
    """Word repeats a table's header row at the top of each page it runs on to: the table is
    read once, with one header."""
    pdf = build_table_pdf(tmp_path / "header.pdf", ROWS, WIDTHS, before=BEFORE, page_rows=7, repeat_header=True)
    assert _page_texts(pdf)[1].count("完成时限") == 1
    assert _lines(pdf) == [*BEFORE, *EXPECTED]


def test_a_row_cut_by_a_browser_joins_even_after_a_full_stop(tmp_path: Path) -> None:
    """A browser leaves a cut row open (no border at the break): that alone says the row goes
    on, even where the part above ends a sentence exactly at the cut."""
    first = "建立全市统一的工作协调机制。"  # 14 characters: one full line of a 180 pt cell
    rest = "定期召开联席会议研究解决重大问题。"
    rows = [["序号", "工作任务", "责任单位"], ["1", first + rest, "市发展改革委"]]
    # The header and the row's first line fill page 1.
    pdf = build_table_pdf(tmp_path / "browser.pdf", rows, [30, 180, 100], page_rows=2, border_at_break=False)
    assert read_file(pdf).pages == 2
    assert _lines(pdf) == ["序号\t工作任务\t责任单位", f"1\t{first}{rest}\t市发展改革委"]


def test_a_new_row_at_the_top_of_a_page_stays_a_row(tmp_path: Path) -> None:
    """The other side: a row that ended at the foot of page 1 (its text closed with 。) and a
    row on page 2 whose first cell is empty (merged with the cell above) are two rows."""
    rows = [
        ["序号", "工作任务", "责任单位"],
        ["1", "建立工作协调机制。", "市发展改革委"],
        [None, "定期召开联席会议。", "市政府办公厅"],
    ]
    pdf = build_table_pdf(tmp_path / "two.pdf", rows, [60, 220, 150], page_rows=2)
    assert read_file(pdf).pages == 2
    assert _lines(pdf) == [
        "序号\t工作任务\t责任单位",
        "1\t建立工作协调机制。\t市发展改革委",
        "\t定期召开联席会议。\t市政府办公厅",
    ]


XS = [LEFT, LEFT + 40, LEFT + 240, LEFT + 360]  # a three-column grid, two rows
TOPS = [BODY_TOP + 16, BODY_TOP - 14, BODY_TOP - 62]
GRID_TEXT = [
    (XS[0] + 2, BODY_TOP, "序号", 12),
    (XS[1] + 2, BODY_TOP, "工作任务", 12),
    (XS[2] + 2, BODY_TOP, "责任单位", 12),
    (XS[0] + 2, BODY_TOP - 30, "1", 12),
    (XS[1] + 2, BODY_TOP - 30, "建立全市统一的工作协调机制，", 12),
    (XS[1] + 2, BODY_TOP - 48, "定期召开联席会议。", 12),
    (XS[2] + 2, BODY_TOP - 30, "市发展改革委", 12),
]
GRID_ROWS = ["序号\t工作任务\t责任单位", "1\t建立全市统一的工作协调机制，定期召开联席会议。\t市发展改革委"]
GRID_LINES = [(XS[0], y, XS[-1], y) for y in TOPS] + [(x, TOPS[0], x, TOPS[-1]) for x in XS]
GRID_BOXES = [(XS[k], TOPS[r + 1], XS[k + 1], TOPS[r]) for r in range(2) for k in range(3)]


def test_rulings_inside_a_form_xobject_still_draw_the_table(tmp_path: Path) -> None:
    """A stamping tool (a watermark, a seal) wraps the page's drawing in a form XObject placed
    with its own matrix: the rulings are found there, in page space."""
    pdf = build_placed_pdf(tmp_path / "form.pdf", [GRID_TEXT], rules=[GRID_LINES], rules_in_form=True)
    assert _lines(pdf) == GRID_ROWS


def test_a_grid_stroked_as_one_path_or_as_cell_boxes_is_a_table(tmp_path: Path) -> None:
    """Some writers stroke a whole grid as one path, others each cell's box as a rectangle:
    the straight lines inside those paths are the rulings."""
    as_path = build_placed_pdf(tmp_path / "path.pdf", [GRID_TEXT], rules=[GRID_LINES], rules_as="path")
    as_boxes = build_placed_pdf(tmp_path / "boxes.pdf", [GRID_TEXT], rules=[GRID_BOXES], rules_as="boxes")
    assert _lines(as_path) == GRID_ROWS
    assert _lines(as_boxes) == GRID_ROWS


PARAGRAPHS = [
    "各地区各部门要认真贯彻落实党中央国务院决策部署，切实加强组织领导，压实工作责任，确保各项任务落到实处。",
    "市卫生健康委要会同有关部门加强督促指导，及时总结推广经验做法。",
]


def test_rules_that_draw_no_grid_leave_the_text_alone(tmp_path: Path) -> None:
    """A GB/T 9704 separator rule, a framed paragraph (one column) and a framed page with a
    column rule (no horizontal ruling) are not tables: the text reads as without them."""
    items = gb_paragraph_items(PARAGRAPHS)
    plain = _lines(build_placed_pdf(tmp_path / "plain.pdf", [items]))
    right = LEFT + 28 * 16
    top, bottom = BODY_TOP + 20, BODY_TOP - 6 * 28
    separator = [(LEFT, BODY_TOP + 24, right, BODY_TOP + 24)]
    frame = [(LEFT - 4, top, right + 4, top), (LEFT - 4, bottom, right + 4, bottom)]
    frame += [(LEFT - 4, top, LEFT - 4, bottom), (right + 4, top, right + 4, bottom)]
    columns = [(x, BODY_TOP + 30, x, BODY_BOTTOM) for x in (LEFT - 4, LEFT + 14 * 16, right + 4)]
    for name, rules in (("separator", separator), ("frame", frame), ("columns", columns)):
        assert _lines(build_placed_pdf(tmp_path / f"{name}.pdf", [items], rules=[rules])) == plain, name


def test_a_wide_gap_in_body_text_does_not_make_a_table(tmp_path: Path) -> None:
    """Justified body text with one wide gap on a line, no rulings: the gap stays a tab on its
    line, and no line is joined to another."""
    items = gb_paragraph_items(PARAGRAPHS)
    items.append((LEFT, BODY_TOP - 6 * 28, "广州市卫生健康委员会"))
    items.append((LEFT + 14 * 16, BODY_TOP - 6 * 28, "广州市财政局"))
    lines = _lines(build_placed_pdf(tmp_path / "gap.pdf", [items]))
    assert len(lines) == len(items) - 1
    assert lines[-1] == "广州市卫生健康委员会\t广州市财政局"


def test_a_task_table_in_a_pdf_gives_one_task_a_row_with_its_units(tmp_path: Path) -> None:
    """Through the whole pipeline: the 分工方案's table gives each row's task and units."""
    before = [
        "关于印发家庭医生签约服务工作方案的通知",
        "某卫函〔2024〕12号",
        "各区卫生健康局：",
        "现将工作方案印发给你们，请认真贯彻执行。",
        "某市卫生健康委员会",
        "2024年3月1日",
        *BEFORE,
    ]
    rows = [row for row in ROWS if row[0] is not None]  # a merged row adds its units to the task above
    pdf = build_table_pdf(tmp_path / "plan.pdf", rows, WIDTHS, before=before, page_rows=6, repeat_header=True)
    tasks = [task for doc in parse_file(pdf).documents for task in doc.tasks]
    by_text = {task.text: task for task in tasks}
    assert set(by_text) >= {TASK_1, TASK_2}
    assert by_text[TASK_1].units == ("市卫生健康委", "市医保局")
    assert by_text[TASK_2].units == ("市人力资源社会保障局", "各区政府")
