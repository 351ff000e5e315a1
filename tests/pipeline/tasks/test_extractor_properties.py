"""Properties: the extractors never raise, and every span shows what was extracted."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from doc_builder import build
from luoshi.extract.references import extract_references, find_citations, normalize_doc_number
from luoshi.extract.tasks import extract_tasks
from luoshi.extract.units import find_unit_lists, parse_units

# Pieces of real unit lists, citations and their near misses, glued at random.
FRAGMENTS = [
    "（", "）", "〔", "〕", "[", "]", "【", "】", "(", ")", "《", "》", "〈", "〉", "、", "，", "。", "；",
    "：", " ", "\n", "等", "和", "会同", "负责", "牵头", "指导", "参与", "下同", "责任单位：",
    "牵头单位：", "负责部门：", "适用范围：", "列第一位者为牵头单位", "逗号前为牵头单位",
    "由", "牵头实施", "省发展改革委", "市体育局", "各市（州）、县（市、区）人民政府", "各区、县（市）政府",
    "有关部门", "部门", "单位", "海关总署", "杭师大", "试行", "PPP", "2016", "〔2016〕", "14号", "号",
    "国发", "川办发", "令第", "26", ".", "．", "关于", "通知", "做好工作", "本措施自", "施行",
    "序号", "负责单位", "举措", "1", "2",
]  # fmt: skip
structured = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
anything = st.text(max_size=200)
UNIT_NAMES = ["省发展改革委", "市体育局", "各区、县（市）政府", "有关部门", "海关总署", "杭师大", "人行成都分行"]
BRACKET_PAIRS = [("（", "）"), ("〔", "〕"), ("[", "]")]
# An item text ending in a well-formed list, with random text around it.
item_with_list = st.builds(
    lambda before, names, seps, role, pair, after: (
        before + "。" + pair[0] + "".join(n + s for n, s in zip(names, seps, strict=False)) + role + pair[1] + after
    ),
    structured,
    st.lists(st.sampled_from(UNIT_NAMES), min_size=1, max_size=4),
    st.lists(st.sampled_from(["、", "，", "等", ""]), min_size=4, max_size=4),
    st.sampled_from(["", "负责", "牵头", "指导", "，列第一位的为牵头单位，下同"]),
    st.sampled_from(BRACKET_PAIRS),
    st.one_of(st.just(""), structured),
)
texts = st.one_of(structured, anything, item_with_list)
paragraph_lists = st.lists(texts, min_size=0, max_size=5)

_WS = re.compile(r"\s+")


def nows(s: str) -> str:
    return _WS.sub("", s)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parse_units_never_raises_and_gives_clean_names(content):
    parsed = parse_units(content)
    if parsed is not None:
        assert parsed.units
        assert all(u and not _WS.search(u) for u in parsed.units)
        assert set(parsed.lead_units) <= set(parsed.units)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.lists(st.integers(min_value=0, max_value=200), max_size=4))
def test_unit_lists_lie_inside_their_brackets(text, cuts):
    for ul in find_unit_lists(text, tuple(sorted(cuts))):
        assert 0 <= ul.start < ul.end <= len(text)
        inside = nows(text[ul.start : ul.end])
        for unit in ul.units:
            assert unit in inside


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_citations_are_what_their_span_says(text):
    for c in find_citations(text):
        assert 0 <= c.start <= c.number_start < c.end <= len(text)
        assert normalize_doc_number(text[c.number_start : c.end]) == c.doc_number


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph_lists, max_size=4), paragraph_lists, paragraph_lists)
# found by hypothesis: a label's cell whose next line is no unit list kept its added colon in the text
@example(items=[["负责单位", "列第一位者为牵头单位。（省发展改革委、）"]], closing=[], tail=[])
@example(items=[["负责单位\t列第一位者为牵头单位。（省发展改革委、）"]], closing=[], tail=[])
def test_extractors_never_raise_and_spans_hold_the_item(items, closing, tail):
    numerals = ["一", "二", "三", "四"]
    # the same path twice checks that merged tasks keep spans over all their lists
    outline = [((numerals[i % 2],), paras) for i, paras in enumerate(items) if paras]
    doc, ct = build(outline, closing=closing, tail=tail)
    for task in extract_tasks(doc, ct):
        span_text = nows(ct.text[task.span.start : task.span.end])
        assert task.units
        assert task.units_span is not None
        assert task.span.start <= task.units_span.start <= task.units_span.end <= task.span.end
        listed = nows(ct.text[task.units_span.start : task.units_span.end])
        for unit in task.units:
            assert unit in listed
            assert unit in span_text
        assert 1 <= task.span.line_start <= task.span.line_end
        rest = iter(span_text)  # the task text is the item's text with the lists cut out
        assert all(ch in rest for ch in task.text)
    for ref in extract_references(doc, ct):
        cited = ct.text[ref.span.start : ref.span.end]
        assert any(c.doc_number == ref.doc_number for c in find_citations(cited))
