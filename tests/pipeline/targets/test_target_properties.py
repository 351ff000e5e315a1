"""Properties of target extraction on arbitrary text: never raises, spans show the number."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.extract.deadlines import find_time_phrases
from luoshi.extract.numbers import find_quantities
from luoshi.extract.targets import extract_targets
from pipeline.targets.test_targets import make_doc

# Pieces of real target sentences and of their near misses, glued at random.
FRAGMENTS = [
    "到", "2018", "2020年", "年底", "底前", "6月", "十三五", "期末", "通过", "5年努力", "每年", "起",
    "达到", "达", "超过", "不超过", "不少于", "至少", "以上", "以下", "以内", "左右", "约", "多",
    "减少", "下降", "降低到", "零增长", "新增", "建设", "安排", "分别", "均", "和", "、", "，", "。",
    "；", "：", "（", "）", "“", "”", "《", "》", "的", "企业", "给予", "最高", "已", "了",
    "100", "1.2", "0.6", "3-5", "1—2", "6.5%-7%", "%", "亿", "万", "千瓦", "元", "个", "所", "处",
    "亩次", "人次", "M", "G", "三成", "两倍", "百分之", "三十", "覆盖率", "机械化率", "主要目标",
    "第", "号", "〔2016〕", "×", "/", "12349", " ", "\n",
]  # fmt: skip
structured = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
texts = st.one_of(structured, st.text(max_size=120))
dates = st.one_of(st.none(), st.sampled_from(["2016-03-04", "2025-04-30", "1997-04-08", "bad"]))

COMPARATORS = {">=", ">", "<=", "<", "=", "between"}
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMERAL = re.compile(r"\d|[零〇一二两三四五六七八九十百千]")


@settings(deadline=None, max_examples=200)
@given(st.lists(texts, max_size=4), texts, dates)
def test_extract_targets_never_raises_and_spans_hold_the_number(paragraphs, heading_text, date):
    items = [(("一",), "主要目标。", ["主要目标。" + heading_text]), (("一", "1"), "", paragraphs)]
    doc, clean = make_doc(items, preamble=paragraphs[:1], date=date)
    for t in extract_targets(doc, clean):
        shown = clean.text[t.span.start : t.span.end]
        assert shown == t.text
        assert NUMERAL.search(shown), shown
        assert t.comparator in COMPARATORS
        assert t.kind in ("level", "change")
        assert (t.value_max is not None) == (t.comparator == "between")
        assert t.deadline is None or ISO.fullmatch(t.deadline)
        assert t.indicator == "".join(t.indicator.split())


@settings(deadline=None, max_examples=150)
@given(texts)
def test_quantities_lie_inside_the_text(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
        assert q.value_max is None or q.value_max >= q.value


@settings(deadline=None, max_examples=150)
@given(texts, dates)
def test_time_phrases_lie_inside_the_text(text, date):
    for p in find_time_phrases(text, date):
        assert text[p.start : p.end] == p.text
        assert p.deadline is None or ISO.fullmatch(p.deadline)


def test_a_single_number_after_a_range_is_no_range():
    # Found by the property test above (2026-12-02): a list continuation carried ``between``
    # from ``6.5%-7%`` to the next number, which has no upper bound.
    items = [(("一",), "主要目标。", ["主要目标。6.5%-7%2018%达到"]), (("一", "1"), "", [])]
    doc, clean = make_doc(items, preamble=[], date=None)
    targets = extract_targets(doc, clean)
    assert targets
    for t in targets:
        assert (t.value_max is not None) == (t.comparator == "between"), t
