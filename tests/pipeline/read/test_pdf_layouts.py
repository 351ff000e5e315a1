"""PDF layouts the text layer loses: paragraph indents, table cells on one baseline, browser
print furniture. Each PDF is drawn here (tests/fixtures_build.py) and read back."""

from __future__ import annotations

from pathlib import Path

from fixtures_build import BODY_TOP, CJK_FONT, LEFT, LINE_STEP, PAGE_HEIGHT, build_placed_pdf, gb_paragraph_items
from luoshi.pipeline import parse_file
from luoshi.read import read_file

SEED = "各地区各部门要认真贯彻落实决策部署切实加强组织领导"


def _sentence(length: int, seed: str = SEED) -> str:
    """``length`` characters of body text ending with a full stop."""
    return (seed * (length // len(seed) + 1))[: length - 1] + "。"


def test_indented_first_line_starts_a_paragraph_after_a_full_line(tmp_path: Path) -> None:
    """GB/T 9704 indents each paragraph's first line by two characters. A paragraph whose last
    line is full and ends with 。 is followed by the next paragraph, not continued by it."""
    # 26 + 28 characters: the last line of each paragraph is full and ends the sentence.
    paragraphs = [
        _sentence(54),
        _sentence(54, "市数据局长期坚持推进数据共享开放"),
        _sentence(54, "农业机械化是农业现代化的重要基础"),
    ]
    pdf = build_placed_pdf(tmp_path / "body.pdf", [gb_paragraph_items(paragraphs)])
    text = parse_file(pdf).clean.text
    assert text.split("\n") == paragraphs


def test_wrapped_lines_from_the_margin_still_join(tmp_path: Path) -> None:
    """Continuation lines start at the margin: they are not marked, and a paragraph set over
    three lines comes back as one."""
    paragraph = _sentence(26 + 28 + 10)
    pdf = build_placed_pdf(tmp_path / "one.pdf", [gb_paragraph_items([paragraph])])
    raw = read_file(pdf).text.split("\n")
    assert raw[0].startswith("\u3000\u3000") and not any(line[:1].isspace() for line in raw[1:])
    assert parse_file(pdf).clean.text == paragraph


def test_table_cells_on_one_baseline_arrive_as_cells(tmp_path: Path) -> None:
    """Cells drawn side by side are separated by a wide gap: the reader keeps a tab there, so a
    row is ``2\\t推进数据共享。\\t市数据局`` and not one run-on sentence."""
    columns = (LEFT, LEFT + 48, LEFT + 300)
    rows = [
        ("序号", "主要任务", "责任单位"),
        ("1", "完善标准体系。", "市市场监管局"),
        ("2", "推进数据共享。", "市数据局"),
    ]
    items = [(LEFT, BODY_TOP, "附件")]
    for r, row in enumerate(rows, start=1):
        items += [(x, BODY_TOP - r * LINE_STEP, cell) for x, cell in zip(columns, row, strict=True)]
    # Narrow gaps inside one line stay spaces: spaced labels and Latin words.
    items.append((LEFT, BODY_TOP - 5 * LINE_STEP, "主 题 词： 农业 机械化 Article 5 of the rules"))
    pdf = build_placed_pdf(tmp_path / "table.pdf", [items])
    lines = read_file(pdf).text.split("\n")
    assert lines[1:4] == ["序号\t主要任务\t责任单位", "1\t完善标准体系。\t市市场监管局", "2\t推进数据共享。\t市数据局"]
    assert lines[4] == "主 题 词： 农业 机械化 Article 5 of the rules"


def test_browser_header_and_footer_are_furniture_at_any_length(tmp_path: Path) -> None:
    """A page saved from a browser prints the date and title at the top and the address with
    ``x/y`` at the foot of every page. Titles and addresses are long; they go all the same."""
    title = "关于进一步加强和改进新形势下各级政府部门公文处理工作的若干意见的补充通知"
    url = "file:///home/user/Downloads/gkmlpt/content/9/9012/post_9012345.html"
    pages = []
    for n in range(1, 4):
        items = [(20, PAGE_HEIGHT - 14, f"12/2/26, 4:12 AM {title}", 9), (20, 12, f"{url} {n}/3", 9)]
        items += gb_paragraph_items([_sentence(54)])
        pages.append(items)
    pdf = build_placed_pdf(tmp_path / "saved.pdf", pages)
    text = read_file(pdf).text
    assert "4:12" not in text and "file://" not in text
    assert text.count(_sentence(54)[:20]) == 3


def test_a_long_repeated_top_line_without_a_browser_stamp_stays(tmp_path: Path) -> None:
    """The length limit still holds for other repeated lines: a long title is body text."""
    title = "关于进一步加强和改进新形势下各级政府部门公文处理工作的若干意见的补充通知和说明（试行）"
    assert len(title) > 40
    pages = [[(20, PAGE_HEIGHT - 14, title, 9), *gb_paragraph_items([_sentence(54)])] for _ in range(3)]
    pdf = build_placed_pdf(tmp_path / "titled.pdf", pages)
    text = read_file(pdf).text
    assert text.count(title) == 3
    # The heads sit left of the text block: the body's margin is where its lines start.
    assert text.count("\u3000\u3000") == 3


def test_a_line_run_on_into_the_next_is_cut_where_the_next_line_starts(monkeypatch) -> None:
    """PDFium runs a line on into the next one when that one starts with a thin glyph (a
    browser's ``——`` ligature): after the space the text continues lower and further left.
    Such a place is a line start; a space on the same baseline, or before a raised footnote
    mark, is not."""
    import luoshi.read.pdf as pdf_reader

    line_one, line_two = 400.0, 372.0  # baselines, 28 pt apart, 16 pt type
    piece = "迈出坚实步伐。 ——经济回升 向好¹ 注"
    boxes = {}
    x = 300.0
    for i, ch in enumerate(piece):
        if i == piece.index("—"):
            x, base = 114.0, line_two  # the next line, back at the indent
        elif i < piece.index("—"):
            base = line_one
        else:
            base = line_two
        if ch == "¹":
            base += 8  # a superscript: higher, further right
        boxes[i] = (x, base, x + 16, base + 16)
        x += 16
    monkeypatch.setattr(pdf_reader, "_box", lambda _textpage, index: boxes.get(index))
    assert pdf_reader._line_returns(None, piece, 0) == [piece.index("—")]


def test_only_a_paragraph_indent_is_marked(tmp_path: Path) -> None:
    """Two characters in is a paragraph's first line; a centred title, a right-aligned date or
    a table cell's wrapped line in a later column starts further in and is left unmarked."""
    body = gb_paragraph_items([_sentence(54)])
    items = [
        (LEFT + 6 * 16, BODY_TOP + 2 * LINE_STEP, "关于加强组织领导的通知"),
        *body,
        (LEFT + 16 * 16, BODY_TOP - 3 * LINE_STEP, "2024年1月5日"),
        (LEFT + 9 * 16, BODY_TOP - 4 * LINE_STEP, "市卫生健康委"),
    ]
    lines = read_file(build_placed_pdf(tmp_path / "mixed.pdf", [items])).text.split("\n")
    assert lines[0] == "关于加强组织领导的通知"
    assert lines[1].startswith("\u3000\u3000") and not lines[2][:1].isspace()
    assert lines[3:] == ["2024年1月5日", "市卫生健康委"]


def test_marks_drawn_after_their_line_are_put_back_in_place(tmp_path: Path) -> None:
    """LibreOffice sets “” in a Latin fallback font (half an em wide, a point lower) after the
    rest of the line; PDFium then hands them over at the line's end. The reader puts each glyph
    back where it stands."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = 16
    parts = ["关于印发2015年全区治理", "“", "餐桌污染", "”", "建设", "“", "食品放心工程", "”", "工作方案的通知"]
    x, line, marks = LEFT, [], []
    for part in parts:
        if part in "“”":
            width = stringWidth(part, "Helvetica", size)
            marks.append((x, BODY_TOP - 1, part, size, "Helvetica"))
            line.append(width)  # the line leaves the mark's room blank
        else:
            width = stringWidth(part, CJK_FONT, size)
            line.append(part)
        x += width
    pdf = build_placed_pdf(tmp_path / "marks.pdf", [[(LEFT, BODY_TOP, line, size), *marks]])
    assert read_file(pdf).text == "".join(parts)


def test_a_line_in_order_keeps_its_spaces(tmp_path: Path) -> None:
    """The other side: a line whose glyphs come in order is read as before, its spaces kept
    (between a number and a hanzi too, as an office suite spaces them)."""
    pdf = build_placed_pdf(tmp_path / "order.pdf", [[(LEFT, BODY_TOP, "岚综管办〔2015〕78 号 2015 年 4 月 28 日")]])
    assert read_file(pdf).text == "岚综管办〔2015〕78 号 2015 年 4 月 28 日"
