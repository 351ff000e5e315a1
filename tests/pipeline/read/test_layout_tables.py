"""A 任务分工表 in a ``pdftotext -layout`` text layer (space-aligned columns) comes back as tab rows."""

from __future__ import annotations

from pathlib import Path

from doc_builder import layout_line as _line
from luoshi.read.txt import read_txt


def _read(tmp_path: Path, lines: list[str]) -> list[str]:
    path = tmp_path / "layer.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_txt(path, path.read_bytes()).text.split("\n")


# Column starts of a five-column table: 序号, 工作事项, 主要内容, 牵头单位, 配合单位.
COLS = (0, 3, 11, 21, 30)


def _table(rows: int = 2) -> list[str]:
    lines = [
        "附件",
        "任务分工表",
        _line((0, "序号"), (COLS[1], "工作事项"), (COLS[2], "主要内容"), (COLS[3], "牵头单位"), (COLS[4], "配合单位")),
        "",
        _line(
            (0, "1"), (COLS[1], "扩大医生"), (COLS[2], "到2025年每万"), (COLS[3], "市卫生健康"), (COLS[4], "各区政府")
        ),
        "",
        _line((COLS[1], "来源。"), (COLS[2], "人口医生数不"), (COLS[3], "委")),
        "",
        _line((COLS[2], "低于4人。")),
        "",
        "                 — 3 —",
        "\f"
        + _line(
            (0, "2"), (COLS[1], "优化团队"), (COLS[2], "组建签约团队"), (COLS[3], "各区政府"), (COLS[4], "市人社局")
        ),
        "",
        _line((COLS[2], "提供服务。"), (COLS[3], "市医保局")),
    ]
    if rows == 1:
        lines = lines[:10]
    return [*lines, "", "　　各区要抓好落实。"]


def test_layout_table_becomes_tab_rows(tmp_path: Path) -> None:
    lines = _read(tmp_path, _table())
    assert lines[2] == "序号\t工作事项\t主要内容\t牵头单位\t配合单位"
    # wrapped lines joined; a short line (牵头单位 ended) and the next entry below it kept apart
    assert lines[3] == "1\t扩大医生来源。\t到2025年每万人口医生数不低于4人。\t市卫生健康委\t各区政府"
    assert lines[4] == "2\t优化团队\t组建签约团队提供服务。\t各区政府、市医保局\t市人社局"
    assert lines[5:] == ["", "　　各区要抓好落实。"]


def test_columns_moved_on_the_next_page_still_fit(tmp_path: Path) -> None:
    """Poppler starts a page's text at its leftmost glyph: a page holding only the rest of a
    row's 主要内容 starts it at column 0; it goes on in the 主要内容 cell."""
    lines = _table()
    lines[11:14] = [
        "\f" + _line((0, "人口医生数不"), (COLS[3] - COLS[2], "委")),
        "",
        _line((0, "低于4人。")),
        "",
        _line((0, "2"), (COLS[1], "优化团队"), (COLS[2], "组建签约团队"), (COLS[3], "各区政府"), (COLS[4], "市人社局")),
    ]
    del lines[6:10]  # the first page ends after the row's first line
    rows = [ln for ln in _read(tmp_path, lines) if "\t" in ln]
    assert rows[1] == "1\t扩大医生\t到2025年每万人口医生数不低于4人。\t市卫生健康委\t各区政府"
    assert rows[2].startswith("2\t优化团队")


def test_one_numbered_row_is_not_enough(tmp_path: Path) -> None:
    """One row opened by a 序号 is not evidence of a table: the text stays as it is."""
    text = _table(rows=1)
    assert _read(tmp_path, text) == text


def test_two_cells_a_line_are_not_a_table(tmp_path: Path) -> None:
    """A numbered list of names in two columns (序号 and one more) is left alone."""
    text = [_line((0, str(n)), (4, name)) for n, name in enumerate(["张三", "李四", "王五"], 1)]
    text += [_line((0, str(n)), (4, name), (12, "主任")) for n, name in [(4, "赵六")]]
    assert _read(tmp_path, text) == text


def test_prose_and_numbered_paragraphs_are_left_alone(tmp_path: Path) -> None:
    text = [
        "　　一、总体要求",
        "    1 各区要认真落实，  加强组织领导，  确保取得实效。",
        "    2 市卫生健康委要  会同有关部门  做好指导工作，",
        "并按季度报送进展情况。",
    ]
    assert _read(tmp_path, text) == text
