"""A wrapped body line that happens to end in a 文种 word (方案, 规划, 通知…) goes on into the next
line when the paragraph's line before it holds a comma: a title's lines hold none, so it is no
title's last line. A title that ends in its 文种 still ends there."""

from __future__ import annotations

from tests.pipeline.clean.test_hard_wrapped_layers import FILLER, LINE, _clean, _layer

# A paragraph's first line, with commas; its second, full and comma-free, ends in 方案 at the wrap.
FIRST = "近年来，我县各部门认真落实国家关于建设项目有关要求，严格"
SECOND = "执行建设项目环境影响评价制度和生产建设项目的水土保持方案"
REST = "管理的有关规定，取得了明显成效，但仍存在一些问题。"


def test_a_wrapped_line_ending_in_a_genre_word_after_a_comma_line_goes_on():
    assert len(FIRST) == LINE and len(SECOND) == LINE
    layer = _layer(FILLER) + FIRST + "\n" + SECOND + "\n" + REST + "\n" + _layer(FILLER)
    assert FIRST + SECOND + REST in _clean(layer)


def test_a_title_ending_in_its_genre_word_still_ends_there():
    title = "某县人民政府办公室关于印发生产建设项目水土保持方案管理办法的通知"
    addressees = "各乡镇人民政府，县政府各部门："
    out = _clean(title + "\n" + addressees + "\n" + _layer(FILLER))
    assert title in out
    assert addressees in out


def test_a_comma_free_line_before_keeps_the_old_reading():
    # Two comma-free lines: no evidence the paragraph is body text, so the 文种 ends it as a
    # title's would (a two-line title's last line is preceded by its first).
    first = "某县人民政府关于进一步加强和规范生产建设项目水土保持"
    second = "工作中执行水土保持方案"
    out = _clean(_layer(FILLER) + first + "\n" + second + "\n" + REST + "\n" + _layer(FILLER))
    assert REST in out
