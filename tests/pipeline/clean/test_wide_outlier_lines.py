"""A layer of short paragraphs read by its full lines, when a few lines are wider than any full
line (a form's row at the end of a 办法 that the layer did not part with tabs)."""

from __future__ import annotations

from tests.pipeline.clean.test_hard_wrapped_layers import SHORT_ITEMS, _clean, _layer

from luoshi.clean import FULL_LINE_OUTLIER_SHARE, UNWRAPPED_WIDTH, WRAP_SLACK, _full_line_width

FORM_ROW = "申领单位意见：经手人：审批人：开户名称：开户银行：联系电话：年月日（章）"


def test_a_form_row_wider_than_the_full_lines_does_not_hide_the_layout():
    items = SHORT_ITEMS * 3  # 63 lines: one of them may be left out (2%)
    text = _layer(items) + FORM_ROW + "\n"
    assert _clean(text) == [*items, FORM_ROW]


def test_only_the_outlier_share_of_the_widest_lines_is_left_out():
    assert FULL_LINE_OUTLIER_SHARE == 0.02
    full, short = [56] * 30, [20 + k % 30 for k in range(68)]
    wide = 56 + WRAP_SLACK + 20
    # 100 lines, 2 wider than the full lines: left out, the full width is read
    assert _full_line_width(sorted(full + short + [wide] * 2)) == 56
    # 3 such lines are more than the share: they are the widest, and too few are near them
    assert _full_line_width(sorted(full + short[:-1] + [wide] * 3)) == 0
    # a line as wide as no printed line among those left: one paragraph a line
    assert _full_line_width(sorted(full[:-2] + short + [UNWRAPPED_WIDTH] * 4)) == 0
