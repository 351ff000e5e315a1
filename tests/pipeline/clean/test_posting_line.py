"""A news page's posting line that opens with its date and time (``2017-09-28 09:28:00来源：…作者：…``)
is a line of its own in a wrapped text layer: the title above it and the body below it do not run
into it. A posting line as wide as the layer's lines wrapped, and goes on."""

from __future__ import annotations

from tests.pipeline.clean.test_hard_wrapped_layers import FILLER, LINE, _clean, _layer

TITLE = "某市节能环保产业发展规划锁定五个目标"
POSTED = "2017-09-28 09:28:00来源：某某日报作者：李某"
BODY = "日前，某市节能环保产业发展规划出台，锁定了五个发展目标，到2020年产业规模稳步提升，基本形成布局合理的产业体系。"


def test_the_posting_line_stands_between_title_and_body():
    out = _clean(TITLE + "\n" + POSTED + "\n" + _layer([BODY, *FILLER]))
    assert out[:3] == [TITLE, POSTED, BODY]


def width(text: str) -> int:
    return sum(1 if ch.isascii() else 2 for ch in text)


def test_a_posting_line_cut_at_the_layers_width_goes_on_into_its_rest():
    # cut where its width (digits half, hanzi full) reaches the layer's full line
    long_posting = "2017-09-28 09:28:00来源：某某市人民政府办公室政务公开与信息化管理科室"
    cut = next(k for k in range(len(long_posting)) if width(long_posting[:k]) >= 2 * LINE - 1)
    first, rest = long_posting[:cut], long_posting[cut:]
    out = _clean(_layer(FILLER) + TITLE + "\n" + first + "\n" + rest + "\n" + _layer([BODY, *FILLER]))
    assert long_posting in out
