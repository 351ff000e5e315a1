"""A line that starts with the particle 的 goes on from the line before, also after a closing
bracket or quotation mark: a layer that breaks after a bracket leaves that line short."""

from __future__ import annotations

from tests.pipeline.clean.test_hard_wrapped_layers import FILLER, _clean, _layer

NOTE = "对年度应纳税工资薪金30万元以上（科研机构年度应纳税工资薪金20万元以上）"
REST = "的骨干人才，按照其个人经济贡献给予奖励。"


def _with(first: str, second: str) -> list[str]:
    # the short line as the layer left it, then the rest of the paragraph on a line of its own
    return _clean(_layer(FILLER) + "　　" + first + "\n" + second + "\n" + _layer(FILLER))


def test_de_after_a_closing_bracket_or_quotation_mark_continues_the_line():
    assert NOTE + REST in _with(NOTE, REST)
    assert "开展“双随机、一公开”" + REST in _with("开展“双随机、一公开”", REST)


def test_after_a_sentence_end_or_before_another_opener_the_line_is_its_own():
    out = _with("开展专项整治。", REST)  # no paragraph starts with 的, but 。 ended this one
    assert "开展专项整治。" in out
    out = _with(NOTE, "二、实施人才安居工程")
    assert NOTE in out and "二、实施人才安居工程" in out
