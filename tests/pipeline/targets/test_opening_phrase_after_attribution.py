"""A time phrase that opens a paragraph dates every sentence of it (guide), also when a clause
that only says whose words follow stands before it (``根据方案，到2025年，……``), as a news page
on a plan writes it. A sentence with its own time phrase keeps it; the next paragraph, and a
paragraph whose first clause does something, inherit nothing."""

from __future__ import annotations

import pytest

from doc_builder import build
from luoshi.extract.targets import extract_targets


def deadlines(*paragraphs: str) -> list[tuple[float, str | None]]:
    doc, clean = build([], preamble=list(paragraphs), date="2022-03-17")
    return [(t.value, t.deadline) for t in extract_targets(doc, clean)]


@pytest.mark.parametrize("lead", ["根据方案，", "《实施方案》提出，", "按照省委部署，"])
def test_phrase_after_an_attribution_clause_opens_the_paragraph(lead):
    found = deadlines(
        f"{lead}到2025年，城市群协同发展取得实质性进展，常住人口城镇化率达到67%。"
        "区域协同创新体系初步建成，全社会研发经费投入年均增长7%以上。"
        "到2030年，森林覆盖率达到45%。",
        "湿地保护率达到55%。",
    )
    assert found == [(67, "2025-12-31"), (7, "2025-12-31"), (45, "2030-12-31"), (55, None)]


def test_phrase_after_a_clause_that_acts_governs_its_sentence_only():
    found = deadlines("推进城市群协同发展，到2025年，常住人口城镇化率达到67%。全社会研发经费投入年均增长7%以上。")
    assert found == [(67, "2025-12-31"), (7, None)]


def test_a_verb_of_saying_may_run_into_the_phrase_of_a_list_intro():
    found = deadlines(
        "《纲要》提出“十四五”时期（2021年至2025年）的发展目标：",
        "经济发展进入全新阶段，年均增长6%左右；生态环境得到改善，森林覆盖率提高到41.65%。",
    )
    assert found == [(6, "2025-12-31"), (41.65, "2025-12-31")]


def test_a_verb_of_saying_before_a_clause_that_names_no_time_opens_nothing():
    found = deadlines("《纲要》提出的发展目标：", "经济发展进入全新阶段，年均增长6%左右。")
    assert found == [(6, None)]
