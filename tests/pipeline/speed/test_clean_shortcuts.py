"""Shortcuts of the cleaner and of the shared patterns (issue 10) answer as the full path.

Each shortcut skips work where a cheap test shows the result: a line whose text has nothing
to fold, a text whose first character opens no outline marker, a text whose last character
ends no 文种. The tests hold each one to the path it skips, on both sides (texts the cheap
test lets through and texts it turns away), on the corpus and on texts written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi import clean, patterns
from luoshi.errors import LuoshiError
from luoshi.read import READERS, read_file


@pytest.fixture(scope="module")
def raw_lines(shared: Path) -> list[str]:
    out: list[str] = []
    for path in sorted((shared / "corpus").iterdir()):
        if path.suffix.lower() not in READERS:
            continue
        try:
            out.extend(read_file(path).text.split("\n"))
        except LuoshiError:
            continue
    assert len(out) > 5000
    return out


EDGE_CASES = [
    "\u3000\u3000各区县人民政府：",
    "\u3000\u3000（一）加强组织领导。  ",
    "  \f\u3000一、总体要求\t",
    "\u3000加强（ ",
    "\ufeff\u3000文字",
    "\u200b \u3000文字\u00a0",
    "\u3000\u3000２０２５年",
    "\u3000（ 1 ）做好\u3000",
    "\v 各单位 \r",
    "文字",
    "   ",
    "",
]


def test_the_indented_line_shortcut_gives_what_the_full_fold_gives(raw_lines: list[str]):
    taken = 0
    for i, raw in enumerate([*raw_lines, *EDGE_CASES]):
        stripped = raw.strip()
        if stripped and raw != stripped and clean._NEEDS_FOLDING.search(stripped) is None:
            taken += 1  # the shortcut's side
        assert clean._fold_line(raw, 1000 + i) == clean._fold_line_general(raw, 1000 + i), repr(raw)
    assert taken > 300  # the corpus's indented lines: the shortcut is exercised, not only the full path


_LINE_CHARS = st.sampled_from(list("加强一二（）() \u3000\t\f\u00a0\u200b１２Ａ，。、：0123456789"))


@settings(max_examples=400, deadline=None)
@given(st.text(_LINE_CHARS, max_size=24))
def test_the_fold_shortcuts_on_generated_lines(raw: str):
    assert clean._fold_line(raw, 7) == clean._fold_line_general(raw, 7)


def test_no_outline_marker_starts_with_a_character_outside_the_first_set():
    # Every character of the Basic Multilingual Plane, followed by what completes each style.
    tails = ["一章", "一节", "一条", "、", "一、", "一）", " 一)", "1）", ".", "．", "）", "1.", "文字"]
    pattern = clean._MARKER_START
    outside_matched = []
    inside = 0
    for code in range(0x10000):
        ch = chr(code)
        hits = any(pattern.match(ch + tail) for tail in tails)
        if ch in patterns.OUTLINE_MARKER_FIRST:
            inside += hits
        elif hits:
            outside_matched.append(ch)
    assert outside_matched == []
    assert inside >= 40  # the other side: the set's characters do open markers


def _genre_of_without_precheck(title: str) -> str | None:
    text = patterns._TRAILING_BRACKET.sub("", title) if title.endswith(patterns._BRACKET_ENDS) else title
    if text.endswith("\n"):
        text = text[:-1]
    for word, genre in patterns.GENRES:
        if text.endswith(word):
            return genre
    return None


def test_the_genre_precheck_answers_as_the_full_test(raw_lines: list[str]):
    written = ["关于加强安全生产工作的通知", "管理办法（试行）", "实施意见\n", "工作方案(修订)\n", "通知。", "", "令"]
    named = 0
    for text in [*raw_lines, *written]:
        expected = _genre_of_without_precheck(text)
        named += expected is not None
        assert patterns.genre_of(text) == expected, repr(text)
    assert named > 50


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=160), max_size=80), st.integers(min_value=-5, max_value=130))
def test_the_wrapped_layout_count_by_bisect_equals_the_count_by_scan(widths: list[int], usual: int):
    ordered = sorted(widths)
    by_scan = (
        bool(ordered)
        and 0 < usual < clean.UNWRAPPED_WIDTH
        and sum(1 for w in ordered if abs(w - usual) <= clean.WRAP_SLACK) >= clean.WRAPPED_SHARE * len(ordered)
    )
    assert clean._is_wrapped_layout(ordered, usual) == by_scan


def test_the_wrapped_layout_share_on_both_sides_of_its_threshold():
    usual = 44
    near, far = [usual] * 4, [usual + clean.WRAP_SLACK + 1] * 6  # 4 of 10 lines near: exactly the share
    assert clean._is_wrapped_layout(sorted(near + far), usual)
    assert not clean._is_wrapped_layout(sorted(near[:3] + far), usual)  # 3 of 9 < 0.4
    edge = [usual - clean.WRAP_SLACK, usual + clean.WRAP_SLACK]  # the slack's ends count as near
    assert clean._is_wrapped_layout(sorted(edge + [0] * 3), usual)


def test_the_page_body_marker_search_with_its_look_ahead_finds_what_the_bare_alternation_finds(
    raw_lines: list[str],
):
    from luoshi import pagebody

    bare = pagebody._marker_finder(first_char_test=False)
    found = 0
    for line in [*raw_lines, "。一、总体要求（一）指导思想1.加强②落实第三条 ㈢推进(1)做好"]:
        fast = [(m.span(), m.group("cn")) for m in pagebody._MARKER.finditer(line)]
        assert fast == [(m.span(), m.group("cn")) for m in bare.finditer(line)], line
        found += len(fast)
    assert found > 1000


def test_the_space_patterns_led_by_a_space_look_ahead_match_as_the_bare_alternatives(raw_lines: list[str]):
    import re

    pairs = [
        (clean._SPACE_BETWEEN, clean._SPACE_BETWEEN_ALTERNATIVES),
        (clean._SPACED_MARKER, clean._SPACED_MARKER_ALTERNATIVES),
        (clean._SPACE_AROUND_TAB, clean._SPACE_AROUND_TAB_ALTERNATIVES),
    ]
    written = ["加 大 创 业", "2025 年", "（ 一）加强", "( 1 )做好", "序号 \t 单位\t 时限", " 首尾 ", "abc def"]
    lines = [clean.fold_chars(t) for t in [*raw_lines, *written]]
    for fast, alternatives in pairs:
        bare = re.compile(alternatives)
        found = 0
        for t in lines:
            spans = [m.span() for m in fast.finditer(t)]
            assert spans == [m.span() for m in bare.finditer(t)], (alternatives[:30], t)
            found += len(spans)
        assert found > 0, alternatives[:30]


def test_a_date_line_ends_with_its_day(raw_lines: list[str]):
    from luoshi.patterns import DATE_LINE

    dates = 0
    for t in [*raw_lines, "2016年3月4日", "二○一二年一月九日\n", "2016年3月4日印发"]:
        if DATE_LINE.match(t):
            dates += 1
            assert t.endswith(clean._DATE_ENDS), t
    assert dates >= 10
    assert clean._stands_alone("2016年3月4日") and not clean._stands_alone("2016年3月4日起施行")
