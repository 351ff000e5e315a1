"""The speed-ups of the task stage skip work only where a cheap test shows it cannot matter.

Each pre-check rests on a literal or a character class that every match contains; the
tests hold it to that on every paragraph, item and bracket of the real corpus, on both
sides (texts the pre-check lets through that do match, and texts it refuses), so a rule
change that adds an alternative without the literal fails here instead of losing matches.
"""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract import tasks, units
from luoshi.model import MarkerKind


@pytest.fixture(scope="module")
def corpus(corpus_results):
    assert len(corpus_results) > 30
    return corpus_results


@pytest.fixture(scope="module")
def item_texts(corpus) -> list[str]:
    """Every outline item's joined text and every paragraph of the corpus."""
    out: list[str] = []
    for result in corpus:
        out.extend(p for p in result.clean.text.split("\n") if p)
        for doc in result.documents:
            stack = list(doc.outline)
            while stack:
                node = stack.pop()
                out.append("".join(p.text for p in node.paragraphs))
                stack.extend(node.children)
    return out


@pytest.fixture(scope="module")
def bracket_contents(item_texts: list[str]) -> list[str]:
    out = []
    for text in item_texts:
        out.extend(text[s + 1 : e - 1] for s, e in units._bracket_spans(text))
    assert len(out) > 2000
    return out


def test_a_content_without_a_unit_end_character_never_parses(bracket_contents: list[str]):
    refused = parsed = 0
    for content in bracket_contents:
        full = units._parse_units(content)
        if units._UNIT_END_RE.search(content) is None:
            refused += 1
            assert full is None, content
        else:
            parsed += full is not None
        assert units.parse_units(content) == full, content
    assert refused > 500 and parsed > 300  # both sides seen


def test_the_label_pre_check_lets_every_label_through(item_texts: list[str]):
    found = refused = 0
    for text in item_texts:
        if units.LABEL_AT_RE.search(text):
            found += 1
            assert units._may_hold_label(text), text
        elif not units._may_hold_label(text):
            refused += 1
    assert found > 20 and refused > 1000


def test_each_note_pattern_needs_its_literal(item_texts: list[str], bracket_contents: list[str]):
    texts = item_texts + bracket_contents
    for rx, literal in zip(units.NOTE_OTHER_RES, units.NOTE_OTHER_LITERALS, strict=True):
        for t in texts:
            if rx.search(t):
                assert literal in t, (rx.pattern, t)
    hits = [t for t in texts if any(rx.search(t) for rx in units.LATER_UNITS_NOTE_RES)]
    assert hits and all(any(w in t for w in units.LATER_UNITS_LITERALS) for t in hits)
    for note in ("以下均需各乡镇人民政府落实，不另列出", "具体任务均涉及各市（州）人民政府，不再做分工，下同"):
        assert any(rx.search(note) for rx in units.LATER_UNITS_NOTE_RES)
        assert any(w in note for w in units.LATER_UNITS_LITERALS)


def test_every_label_ends_with_a_tail_word_the_pre_check_looks_for():
    assert all(label.endswith(units.LABEL_TAIL_WORDS) for label in units.UNIT_LABELS)
    assert units._may_hold_label("降低用电成本。牵头单位：县供电公司")
    assert not units._may_hold_label("降低用电成本。牵头单位为县供电公司")  # no colon
    assert not units._may_hold_label("单位名称、联系电话：12345")  # the colon follows no label


def test_well_placed_for_an_unmarked_list_implies_well_placed_for_a_marked_one(item_texts: list[str]):
    """find_unit_lists skips a bracket where not even a marked list may stand, before parsing it."""
    strict_ok = loose_only = 0
    for text in item_texts:
        for s, e in units._bracket_spans(text):
            strict = units._well_placed(text, s, e, False)
            loose = units._well_placed(text, s, e, True)
            assert loose or not strict, text[max(0, s - 10) : e + 10]
            strict_ok += strict
            loose_only += loose and not strict
    assert strict_ok > 100 and loose_only > 100


def test_a_document_reads_each_distinct_list_content_once(monkeypatch):
    calls: list[str] = []
    real = units.parse_units

    def counting(content):
        calls.append(content)
        return real(content)

    monkeypatch.setattr(tasks, "parse_units", counting)
    items = [((n,), [f"做好第{n}项工作。（生态环境部指导）"]) for n in "一二三四"]
    doc, ct = build(items)
    found = tasks.extract_tasks(doc, ct)
    assert [t.units for t in found] == [("生态环境部",)] * 4
    assert calls.count("生态环境部指导") == 1
    # The cache is the document's: the next document reads the list again.
    tasks.extract_tasks(doc, ct)
    assert calls.count("生态环境部指导") == 2


def _walk_recursive(nodes, inherited, parse):
    """The former formulation of ``_walk`` (nested generators), to compare with."""
    for node in nodes:
        item = tasks._ItemText.of(node.paragraphs, parse)
        phrases = tasks.lead_phrase_units(item.joined.text, parse)
        here = tasks.dedupe(inherited + phrases.units) if phrases.units else inherited
        yield tasks._Walked(node, item, phrases, here)
        yield from _walk_recursive(node.children, here, parse)


def test_the_walk_visits_nodes_depth_first_with_the_leads_above(corpus):
    doc, _ = build(
        [
            (("一",), ["加强保障（由省财政厅牵头实施）"]),
            (("一", "1"), ["做好甲。（省科技厅负责）"]),
            (("一", "1", "1"), ["做好甲一。（省教育厅负责）"]),
            (("一", "2"), ["做好乙。（省民政厅负责）"]),
            (("二",), ["做好丙。（省商务厅负责）"]),
        ],
        kind=MarkerKind.CN,
    )
    docs = [doc] + [d for r in corpus for d in r.documents]
    for d in docs:
        parse = tasks._parse_cache()
        assert tasks._walk(d.outline, (), parse) == list(_walk_recursive(d.outline, (), parse))
    walked = tasks._walk(doc.outline, (), tasks._parse_cache())
    assert [w.node.path for w in walked] == [("一",), ("一", "1"), ("一", "1", "1"), ("一", "2"), ("二",)]
    assert [w.section_leads for w in walked] == [("省财政厅",)] * 4 + [()]


def test_a_table_after_a_long_body_is_read_from_its_header():
    body = [f"第{n}段正文，各地区要认真贯彻落实。" for n in range(50)]
    rows = ["序号", "工作任务", "责任单位", "1", "建立协调机制。", "市发展改革委"]
    doc, ct = build([], tail=[*body, "附件", *rows])
    (t,) = tasks.extract_tasks(doc, ct)
    assert t.path == ("表", "1") and t.units == ("市发展改革委",)
    assert ct.text[t.units_span.start : t.units_span.end] == "市发展改革委"
