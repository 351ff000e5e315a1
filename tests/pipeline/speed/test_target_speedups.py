"""The speed-ups of the target stage (issue 10, second pass) change no answer.

Each one skips work where a cheap test shows it can find nothing, or opens a pattern with a
look-ahead for the characters its matches start with. The tests hold each skip to that on
every paragraph, sentence and clause of the real corpus and on texts written here, both sides
seen: where the full work finds something, the cheap test lets it through.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse

import pytest

from luoshi.extract import deadlines, numbers, sentences, targets
from luoshi.pipeline import parse_text


@pytest.fixture(scope="module")
def parsed(corpus_results):
    assert len(corpus_results) > 20
    return corpus_results


@pytest.fixture(scope="module")
def texts(parsed) -> list[str]:
    out: list[str] = []
    for result in parsed:
        for para in result.clean.text.split("\n"):
            if para:
                out.append(para)
                for sent in sentences.sentences(para):
                    out.append(sent.text)
                    out.extend(c.text for c in sentences.clauses(sent.text))
    assert len(out) > 10000
    return out


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed pattern ``items`` can start with (``"\\d"`` for any
    digit), and whether it can match empty; None when a class is too wide to list."""
    out: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is sre_c.IN:
            for o, a in av:
                if o is sre_c.LITERAL:
                    out.add(chr(a))
                elif o is sre_c.RANGE and a[1] - a[0] < 200:
                    out.update(chr(c) for c in range(a[0], a[1] + 1))
                elif o is sre_c.CATEGORY and a is sre_c.CATEGORY_DIGIT:
                    out.add("\\d")
                else:
                    return None, False
            return out, False
        if op is sre_c.SUBPATTERN:
            chars, empty = _first_chars(av[3])
        elif op is sre_c.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                b_chars, b_empty = _first_chars(branch)
                if b_chars is None:
                    return None, False
                chars |= b_chars
                empty = empty or b_empty
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            chars, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue  # zero width: the first character comes after
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return out, False
    return out, True


def _split_lookahead(pattern: str, flags: int) -> tuple[str, str]:
    """``(?=[CLASS])REST`` → (CLASS, REST), ignoring VERBOSE whitespace before it."""
    text = pattern.lstrip() if flags & re.VERBOSE else pattern
    assert text.startswith("(?=["), pattern[:40]
    depth_end = text.index("])")
    rest = text[depth_end + 2 :]
    if flags & re.VERBOSE:
        rest = rest.split("\n", 1)[1]  # the rest of the look-ahead's line is its comment
    return text[4:depth_end], rest


SKIPPING = [
    deadlines.TIME_RE,
    numbers.QUANTITY_RE,
    targets.COMPARATOR_BEFORE_RE,
    targets.PAST_RE,
    targets.PLAN_RE,
    targets.REJECT_BEFORE_RE,
    targets.INDICATOR_TRAIL_RE,
]


@pytest.mark.parametrize("lazy", SKIPPING, ids=lambda p: p.pattern.strip()[:24])
def test_each_lookahead_lists_every_first_character_of_its_pattern(lazy, texts: list[str]):
    compiled = lazy.compiled()
    cls, rest = _split_lookahead(compiled.pattern, compiled.flags)
    chars, empty = _first_chars(sre_parse.parse(rest, compiled.flags))
    assert chars is not None and not empty
    allowed = re.compile(f"[{cls}]", compiled.flags & ~re.VERBOSE)
    for ch in chars:
        assert (ch == "\\d" and "\\d" in cls) or allowed.fullmatch(ch), (ch, cls)
    # …so the pattern without it finds the very same matches (both sides: there are some).
    plain = re.compile(rest, compiled.flags)
    found = 0
    for t in texts:
        spans = [m.span() for m in compiled.finditer(t)]
        assert spans == [m.span() for m in plain.finditer(t)], t
        found += bool(spans)
    assert found > 20


def test_an_unlisted_first_character_would_be_caught():
    # The check itself can fail: a pattern whose words start with 达 is not covered by [到].
    chars, _ = _first_chars(sre_parse.parse("(?:达到|到)", 0))
    assert chars == {"达", "到"}
    assert not re.fullmatch("[到]", "达")


def test_the_numeral_comma_pattern_answers_as_the_inline_marker(texts: list[str]):
    sample = [*texts, "一、总体要求", "十二、", "甲、乙", "、", "一", "三十三、2024年工作回顾"]
    both = 0
    for t in sample:
        inline = targets.INLINE_HEADING_RE.search(t) is not None
        assert (targets._NUMERAL_COMMA_RE.search(t) is not None) == inline, t
        both += inline
    assert both > 20


def test_a_heading_without_a_tense_word_names_no_tense(texts: list[str]):
    sample = [*texts, "2024年工作回顾", "二、今年工作安排", "主要成就", "过去五年", "400元/月", "总体要求"]
    named = 0
    for t in sample:
        needs = (
            targets.REVIEW_HEADING_RE.search(t) or targets.FORWARD_HEADING_RE.search(t)
        ) is not None or targets.HEADING_YEAR_RE.search(t) is not None
        if needs:
            named += 1
            assert targets._TENSE_WORD_RE.search(t) is not None, t
    assert named > 100
    assert targets._heading_tense("400元/月", "2024-01-01") is None
    assert targets._heading_tense("二、2024年工作任务", "2024-01-01") == "present"


def test_a_clause_without_a_commitment_cue_yields_nothing_without_a_context(parsed, monkeypatch):
    """The cue skip against the full reading of every clause, with and without a context."""

    def readings(masked, piece, context):
        return list(targets._clause_readings(masked, piece, [], context, None))

    clauses = []
    for result in parsed:
        for para in result.clean.text.split("\n"):
            for sent in sentences.sentences(para):
                for piece in sentences.clauses(sent.text):
                    clauses.append((sent.text, piece))
    fast = [readings(s, p, False) for s, p in clauses]
    with monkeypatch.context() as m:
        m.setattr(targets, "COMMITMENT_CUE_RE", re.compile(""))  # matches everywhere: no skip
        full = [readings(s, p, False) for s, p in clauses]
        with_context = [readings(s, p, True) for s, p in clauses[:3000]]
    assert fast == full
    assert sum(1 for r in full if r) > 50  # clauses that commit to a number
    no_cue = [i for i, (s, p) in enumerate(clauses) if targets.COMMITMENT_CUE_RE.search(s[p.start : p.end]) is None]
    assert len(no_cue) > 1000  # …and many the skip spares
    # A context vouches for bare amounts: the skip does not apply to it.
    assert with_context == [readings(s, p, True) for s, p in clauses[:3000]]


def test_a_bare_amount_under_a_deadline_is_still_read():
    # No cue word in ``城市绿地200公顷``: only the paragraph's opening deadline vouches for it.
    result = parse_text("关于推进绿化的通知\n一、目标\n到2025年，城市绿地200公顷，林木覆盖率达到30%。\n")
    values = sorted(t.value for d in result.documents for t in d.targets)
    assert values == [30.0, 200.0]


def test_the_analysis_with_its_log_keeps_exactly_the_fast_targets(parsed):
    """``analyse_targets`` takes no skip (it logs every rejection): its kept targets are the
    targets of the skipping path on every document of the corpus."""
    kept_somewhere = 0
    for result in parsed:
        for doc in result.documents:
            fast = targets.extract_targets(doc, result.clean)
            logged = tuple(d.target for d in targets.analyse_targets(doc, result.clean) if d.kept)
            assert fast == logged, doc.title
            kept_somewhere += bool(fast)
    assert kept_somewhere > 10


def test_a_paragraph_in_a_review_section_is_skipped_whole_only_when_all_of_it_is_past():
    text = (
        "政府工作报告\n一、2023年工作回顾\n过去一年，新增就业12万人。\n二、2024年工作安排\n城镇新增就业12万人以上。\n"
    )
    result = parse_text(text)
    doc = result.documents[0]
    sections = targets._sections(doc)
    assert sections.past
    paras = [p for n in doc.nodes() for p in n.paragraphs]
    past = [p for p in paras if sections.all_past(p.start, p.end)]
    assert len(past) == 1 and past[0].text.endswith("过去一年，新增就业12万人。")  # not the 2024 one
    assert [t.value for t in targets.extract_targets(doc, result.clean)] == [120000.0]


def test_the_last_day_of_a_month_answers_as_the_calendar():
    import calendar

    for year in (1999, 2000, 2016, 2019, 2020, 2100):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            for day in (-1, 0, 1, 15, 28, 29, 30, 31, 32):
                expected = day if 0 < day <= last else last
                assert deadlines._last_day(year, month, day) == f"{year:04d}-{month:02d}-{expected:02d}"
