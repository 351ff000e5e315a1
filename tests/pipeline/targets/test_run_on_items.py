"""Two outline items run together on one line (a page that joins a list's items): the second
item's indicator and text start after its marker, and the unit list that closes the first item
belongs to neither (guide: the indicator is the measured quantity as a noun phrase)."""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets


def targets(paragraph: str):
    doc, clean = build([(("一",), [paragraph])], date="2013-03-27")
    return [(t.value, t.indicator, t.text) for t in extract_targets(doc, clean)]


@pytest.mark.parametrize("end", ["。", ""])
@pytest.mark.parametrize("marker", ["（二）", "2.", "②"])
def test_the_second_item_starts_after_the_unit_list_and_marker(end, marker):
    found = targets(f"地区生产总值增长11%左右{end}（省发改委负责）{marker}公共财政收入增长13%左右。（省财政厅负责）")
    assert found == [
        (11, "地区生产总值增长率", "地区生产总值增长11%左右"),
        (13, "公共财政收入增长率", "公共财政收入增长13%左右"),
    ]


def test_a_note_that_names_no_unit_stays_with_the_item_before_the_marker():
    found = targets("森林覆盖率达到40%（不含灌木林）（二）湿地保护率达到50%。")
    assert [(v, t) for v, _, t in found] == [(40, "森林覆盖率达到40%（不含灌木林）"), (50, "湿地保护率达到50%")]
    assert found[1][1] == "湿地保护率"


def test_a_marker_inside_a_sentence_after_a_word_starts_no_item():
    (found,) = targets("第（二）批试点城市验收合格率达到90%。")
    assert found[1] == "第（二）批试点城市验收合格率"
