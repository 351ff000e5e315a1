"""Glyphs read back as lines: which glyphs share a line, which gap is a space or a cell."""

from luoshi.read.glyph_lines import CELL_GAP, LINE_TOLERANCE, WORD_GAP, line_text, visual_lines

SIZE = 10.0


def glyph(char: str, left: float, centre: float = 100.0, width: float = SIZE, size: float = SIZE):
    return ((left, centre - size / 2, left + width, centre + size / 2), char)


def row(text: str, centre: float, left: float = 0.0):
    return [glyph(char, left + i * SIZE, centre) for i, char in enumerate(text)]


def texts(lines):
    return ["".join(char for _, char in line) for line in lines]


def test_lines_come_top_to_bottom_and_left_to_right_whatever_the_input_order():
    glyphs = row("下一行", 80.0) + row("上一行", 100.0)
    assert texts(visual_lines(list(reversed(glyphs)))) == ["上一行", "下一行"]


def test_a_glyph_within_the_tolerance_of_the_lines_first_glyph_joins_it_and_one_beyond_starts_a_line():
    shift = LINE_TOLERANCE * SIZE
    inside = [*row("甲", 100.0), glyph("乙", SIZE, 100.0 - shift + 0.1)]
    outside = [*row("甲", 100.0), glyph("乙", SIZE, 100.0 - shift - 0.1)]
    assert texts(visual_lines(inside)) == ["甲乙"]
    assert texts(visual_lines(outside)) == ["甲", "乙"]


def test_the_larger_type_size_sets_the_tolerance():
    # A 20 pt glyph 7 pt below a 10 pt one: beyond half of 10 pt, within half of 20 pt.
    glyphs = [glyph("小", 0.0, 100.0), glyph("大", SIZE, 93.0, size=20.0)]
    assert texts(visual_lines(glyphs)) == ["小大"]


def test_glyphs_without_height_are_no_text():
    flat = ((0.0, 100.0, SIZE, 100.0), "x")
    assert visual_lines([flat]) == []


def test_a_gap_between_latin_glyphs_is_a_space_from_the_word_gap_on():
    narrow = [glyph("a", 0.0), glyph("b", SIZE + WORD_GAP * SIZE - 0.1)]
    wide = [glyph("a", 0.0), glyph("b", SIZE + WORD_GAP * SIZE + 0.1)]
    assert line_text(narrow) == "ab"
    assert line_text(wide) == "a b"


def test_a_gap_between_full_width_glyphs_is_no_space_and_quotation_marks_are_full_width():
    gap = SIZE + 0.5 * SIZE
    assert line_text([glyph("推", 0.0), glyph("进", gap)]) == "推进"
    assert line_text([glyph("的", 0.0), glyph("“", gap)]) == "的“"
    assert line_text([glyph("的", 0.0), glyph("A", gap)]) == "的 A"


def test_a_cell_gap_is_a_tab_only_where_the_line_crosses_cells():
    glyphs = [glyph("一", 0.0), glyph("二", SIZE + CELL_GAP * SIZE + 0.1)]
    just_short = [glyph("a", 0.0), glyph("b", SIZE + CELL_GAP * SIZE - 0.1)]
    assert line_text(glyphs, tabs=True) == "一\t二"
    assert line_text(glyphs) == "一二"
    assert line_text(just_short, tabs=True) == "a b"


def test_a_given_type_size_measures_the_gap_instead_of_the_glyphs_own():
    # A 4 pt gap between 10 pt glyphs is a space; in a cell whose type size is 30 pt it is none.
    glyphs = [glyph("a", 0.0), glyph("b", SIZE + 4.0)]
    assert line_text(glyphs) == "a b"
    assert line_text(glyphs, size=30.0) == "ab"
