"""The speed-ups of issue 10 skip a pattern where a cheap test shows it cannot match.

Each skip rests on a literal (or a character class) that every match of the pattern
contains. These tests hold each pattern to that on every paragraph and sentence of the
real corpus (both sides: where the pattern matches, the literal is there), so a rule
change that adds an alternative without the literal fails here instead of silently losing
matches. The functions rewritten for speed are compared with the old formulation.
"""

from __future__ import annotations

import re

import pytest

from luoshi import clean, pagebody, patterns, split
from luoshi.extract import deadlines, sentences, targets, tasks, units


@pytest.fixture(scope="module")
def texts(corpus_results) -> list[str]:
    out: list[str] = []
    for result in corpus_results:
        for para in result.clean.text.split("\n"):
            if para:
                out.append(para)
                out.extend(s.text for s in sentences.sentences(para))
    assert len(out) > 5000
    return out


def _holds(pattern, needed, texts: list[str]) -> int:
    """Every text the pattern matches passes ``needed``; returns how many matched (both sides seen)."""
    matched = 0
    for t in texts:
        if pattern.search(t):
            matched += 1
            assert needed(t), (pattern.pattern[:60], t)
    return matched


def test_each_skipped_pattern_needs_its_literal(texts: list[str]):
    cases = [
        (deadlines.TIME_RE, lambda t: "年" in t or "五" in t),
        (split._FORWARD_SENTENCE, lambda t: "转发" in t or "印发" in t or "批转" in t),
        (targets.CHINESE_AFTER_COMPARATOR_RE, lambda t: targets._CN_NUMERAL_CHAR_RE.search(t) is not None),
        (targets.CHINESE_BOUNDED_RE, lambda t: "以上" in t or "左右" in t),
        (targets.CONDITION_INTRO_RE, lambda t: "：" in t),
        (targets.CHINESE_DELIVERED_RE, targets._delivery_word_possible),
        (units.YOU_FUZE_RE, lambda t: "负责" in t),
        (units.NOTE_FIRST_LEAD_RE, lambda t: "牵头" in t),
        (units.NOTE_BEFORE_COMMA_LEAD_RE, lambda t: "牵头" in t),
        (units.LABEL_RUN_RE, lambda t: units.LABEL_AT_RE.search(t) is not None),
        (units.LABEL_START_RE, lambda t: units._LABEL_MARK_RE.search(t) is not None),
        (patterns.DOC_NUMBER, lambda t: "号" in t),
        (pagebody._DATE, lambda t: "日" in t),
        (tasks._NUMBER_HEADER_RE, lambda t: "序" in t),
        *((rx, lambda t: "牵头" in t) for rx in tasks.LEAD_PHRASE_RES),
    ]
    for pattern, needed in cases:
        _holds(pattern, needed, texts)
    # The corpus exercises the common ones, so the test is not vacuous.
    assert _holds(deadlines.TIME_RE, lambda t: True, texts) > 500
    assert _holds(patterns.DOC_NUMBER, lambda t: True, texts) > 50
    assert _holds(units.YOU_FUZE_RE, lambda t: True, texts) > 5
    # …and the literals are absent often enough for the skip to pay.
    assert sum(1 for t in texts if "年" not in t and "五" not in t) > len(texts) / 4


def test_the_cleaners_end_anchored_patterns_need_their_last_characters(texts: list[str]):
    lines = [
        *texts,
        "2024年3月1日印发",
        "2024年3月1日印发\n",
        "四川省人民政府公报",
        "政府公报2024年第3期\n",
        "2024年第12期",
        "目　录",
        "目录\n",
        "关于甲的通知………1",
        "乙办法......12\n",
    ]
    cases = [
        (patterns.PRINTED_ON_RE, lambda t: t.endswith(clean._PRINTED_ON_ENDS)),
        (patterns.GAZETTE_HEAD_RE, lambda t: t.endswith(clean._GAZETTE_HEAD_ENDS)),
        (clean._TOC_HEAD, lambda t: t[:1] == "目"),
    ]
    for pattern, needed in cases:
        assert _holds(pattern, needed, lines) >= 2
    # The contents entry is searched on stripped lines (no final newline): its last character is a digit.
    assert _holds(clean._TOC_ENTRY, lambda t: t[-1:].isdigit(), [t.strip() for t in lines]) >= 2
    # A piece ends only at an end mark: text without one is a single piece.
    for t in lines:
        for split_kind, ends in (
            (sentences.sentences, sentences.SENTENCE_ENDS),
            (sentences.clauses, sentences._ALL_ENDS),
        ):
            if t and not any(ch in t for ch in ends):
                assert split_kind(t) == [sentences.Piece(0, len(t), t)], t


def test_the_rewritten_tests_answer_as_the_patterns_they_replace(texts: list[str]):
    old_genre = re.compile("(?:" + "|".join(re.escape(w) for w, _ in patterns.GENRES) + ")$")
    old_bracket = re.compile(r"[（(][^（()）]{1,8}[）)]$")
    old_digit = re.compile(r"\d|零增长")
    sample = [*texts, "关于印发方案的通知\n", "办法（试行）", "通知(暂行)\n", "令", "", "零增长", "五"]
    for t in sample:
        m = old_genre.search(old_bracket.sub("", t))
        assert patterns.genre_of(t) == (dict(patterns.GENRES)[m.group(0)] if m else None), t
        old_might = (
            old_digit.search(t) is not None
            or targets.CHINESE_AFTER_COMPARATOR_RE.search(t) is not None
            or targets.CHINESE_BOUNDED_RE.search(t) is not None
            or "翻" in t  # since the doubling rule (``翻一番``, s4-targets)
            or targets.FRACTION_WORD_RE.search(t) is not None  # fraction words (``超过一半``, rtargets)
            or targets.CHINESE_DELIVERED_RE.search(t) is not None  # ``至少建设一所`` (rtargets)
        )
        assert targets._might_hold_target(t) == old_might, t


def test_the_unit_list_splitter_answers_as_the_character_loop(texts: list[str]):
    def old_split_top(text: str, seps: str) -> list[str]:
        parts, depth, cur = [], 0, []
        for ch in text:
            if ch in "（([［【〔":
                depth += 1
            elif ch in "）)]］】〕" and depth:
                depth -= 1
            if ch in seps and depth == 0:
                parts.append("".join(cur))
                cur = []
            else:
                cur.append(ch)
        parts.append("".join(cur))
        return parts

    for t in [*texts[:3000], "（A、B）、C；D（E；F", "）、（", ""]:
        for seps in ("；;。", "，,", "、", "、，,"):
            assert units.split_top(t, seps) == old_split_top(t, seps), (t, seps)


def test_page_body_depths_answer_as_the_character_loop(texts: list[str]):
    def old_depths(text: str) -> list[int]:
        out, depth = [], 0
        for ch in text:
            out.append(depth)
            if ch in pagebody._OPENERS:
                depth += 1
            elif ch in pagebody._CLOSERS and depth:
                depth -= 1
            elif ch == "。":
                depth = 0
        return out

    for t in [*texts[:3000], "“《（》”）。（（", "", "）"]:
        assert pagebody._depths(t) == old_depths(t), t


def test_the_combined_marker_pattern_answers_as_the_loop_over_styles(texts: list[str]):
    from luoshi import outline

    def old_match_marker(text: str):
        for kind, pattern in outline.MARKERS:
            m = pattern.match(text)
            if m:
                if not text[m.end() :]:
                    return None
                numeral = outline._bare_numeral(kind, m.group("n"))
                if kind in (outline.MarkerKind.CN, outline.MarkerKind.PAREN_CN) and (
                    outline.cn_small_number(numeral) is None
                ):
                    return None
                return outline.Marker(kind, numeral, m.end())
        return None

    extra = ["第一章 总则", "（ 一）加强", "(1) 做好", "1.", "１．推进", "㈢落实", "⑫建立", "十、", "2016.5%"]
    for t in [*texts, *extra]:
        assert outline.match_marker(t) == old_match_marker(t), t


def test_the_delivered_count_precheck_admits_every_match_and_refuses_the_rest():
    # written here: the corpus holds few small Chinese counts to deliver (rtargets2)
    matching = ["每个县至少建设一所特殊教育学校", "力争建成十个示范点", "全市不少于要新建三处公园", "新增两家"]
    refused = ["建设一批重点项目", "至少开展一次检查", "建立健全机制", "新增就业岗位"]
    for t in matching:
        assert targets.CHINESE_DELIVERED_RE.search(t) is not None, t
        assert targets._delivery_word_possible(t), t
    for t in refused:
        assert targets.CHINESE_DELIVERED_RE.search(t) is None, t
        assert not targets._delivery_word_possible(t), t
