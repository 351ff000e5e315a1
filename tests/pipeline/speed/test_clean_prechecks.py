"""The cleaner's per-line pre-checks of issue 10 (session 7) skip a pattern only where it cannot match.

Each is held to the pattern it guards on every line of the corpus and on written lines, on both
sides (lines the pattern matches, lines it does not), and the rewritten functions are compared
with their old formulation.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from luoshi import clean
from luoshi.patterns import DATE_LINE, GAZETTE_HEAD_RE, PRINTED_ON_RE

WRITTEN = [
    "络。推动……",
    "施，加快",
    "（二）建设新型农村日用消费品流通网",
    "2024年3月1日",
    "2024年3月1日起施行",
    "四川省人民政府公报",
    "政府公报2024年第3期",
    "四川省人民政府办公厅2024年3月1日印发",
    "川府发〔2024〕1号",
    "（市体育局、市人力社",
    "(一",
    "[2024",
    "〔2024",
    "（一）总体要求",
    "全面推进乡村振兴",
]


@pytest.fixture(scope="module")
def lines(corpus_results) -> list[str]:
    out = list(WRITTEN)
    for result in corpus_results:
        out.extend(line for line in result.clean.source.text.split("\n") if line.strip())
        out.extend(p for p in result.clean.text.split("\n") if p)
    return out


def _old_stands_alone(line: str) -> bool:
    return bool(
        (
            "号" in line
            and (clean._DOC_NUMBER_LINE.match(line) or (line[-1] == "号" and clean._TITLE_THEN_NUMBER.match(line)))
        )
        or (line.endswith(clean._DATE_ENDS) and DATE_LINE.match(line))
        or (line.endswith(clean._PRINTED_ON_ENDS) and PRINTED_ON_RE.search(line))
        or (line.endswith(clean._GAZETTE_HEAD_ENDS) and GAZETTE_HEAD_RE.match(line))
    )


def _old_unclosed_bracket(text: str) -> bool:
    if re.search(r"[（(\[〔]", text) is None:
        return False
    return text.count("（") + text.count("(") > text.count("）") + text.count(")") or text.count("[") + text.count(
        "〔"
    ) > text.count("]") + text.count("〕")


def test_a_wrapped_fragment_has_its_mark_second_or_third(lines: list[str]):
    matched = 0
    for line in lines:
        if clean._FRAGMENT_START.match(line):
            matched += 1
            assert line[1:2] in clean._FRAGMENT_END or line[2:3] in clean._FRAGMENT_END, line
    assert matched > 0
    assert clean._FRAGMENT_START.match("络。推动……") and not clean._FRAGMENT_START.match("全面推进乡村振兴")


def test_stands_alone_answers_as_before(lines: list[str]):
    alone = 0
    for line in lines:
        assert clean._stands_alone(line) == _old_stands_alone(line), line
        alone += clean._stands_alone(line)
    assert alone > 20  # both sides seen
    assert clean._stands_alone("2024年3月1日") and not clean._stands_alone("2024年3月1日起施行")


def test_an_unclosed_bracket_is_found_as_before(lines: list[str]):
    found = 0
    for line in lines:
        assert clean._unclosed_bracket(line) == _old_unclosed_bracket(line), line
        found += clean._unclosed_bracket(line)
    assert found > 0
    assert clean._unclosed_bracket("〔2024") and not clean._unclosed_bracket("（一）总体要求")


def test_page_chrome_is_asked_only_where_it_can_answer(lines: list[str]):
    # The loop's pre-check: a pair of long lines is chrome only when the second is a metadata line
    # or a posting line (which opens with a digit, its date).
    for prev, line in pairwise(lines):
        if len(prev) > clean.CHROME_MAX_CHARS and len(line) > clean.CHROME_MAX_CHARS:
            expected = clean.is_meta_line(line) or clean.is_posting_line(line)
            assert clean._page_chrome_between(prev, line) == expected, (prev, line)
            assert not expected or clean.is_meta_line(line) or line[:1].isdigit(), line


def test_a_form_feed_inside_a_line_is_still_found():
    # (one scan of the joined lines replaced a search a line; strip() drops \f at a line's ends)
    assert clean._furniture(["正文一段", "- 2\f -", "正文二段"]) == {1}
    assert clean._furniture(["正文一段", "- 2 x -", "正文二段"]) == set()
    assert clean._furniture(["正文一段", "\f- 3 -\f", "正文二段"]) == {1}
