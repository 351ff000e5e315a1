"""Numbers that print the year first, in brackets, before the organ code (the form used until
GB/T 9704-1999): ``(94)财农字第345号`` cites 财农字〔1994〕345号. Made-up sentences."""

from __future__ import annotations

import pytest

from luoshi.extract.references import find_citations
from luoshi.patterns import normalize_doc_number
from luoshi.pipeline import parse_text


def numbers(text: str) -> list[str]:
    return [c.doc_number for c in find_citations(text)]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("(94)财农字第345号", "财农字〔1994〕345号"),
        ("〔87〕甲府发第12号", "甲府发〔1987〕12号"),
        ("（1990）乙办函字第7号", "乙办函字〔1990〕7号"),
        ("[95]丙建字 第 3 号", "丙建字〔1995〕3号"),
    ],
)
def test_a_year_printed_before_the_code_is_read(raw, normal):
    # Failed on main: no citation at all (the year was looked for after the code only).
    assert numbers(f"现将《关于甲事项的通知》（{raw}）转发给你们。") == [normal]
    assert normalize_doc_number(raw) == normal


def test_the_title_before_it_is_kept():
    found = find_citations("现将《关于甲事项的通知》（〔94〕财农字第345号）转发给你们。")
    assert [(c.doc_number, c.title) for c in found] == [("财农字〔1994〕345号", "关于甲事项的通知")]


@pytest.mark.parametrize(
    "text",
    [
        "（12）甲局第5号",  # a list item (12): years from 2000 on are never printed first
        "（2016）甲局第5号",
        "（45）甲局第5号",  # two digits below the pivot would be 20xx
        "位于（95）甲街3号楼",  # a house number
        "（95）甲3号",  # one character is no organ code
    ],
)
def test_what_is_no_year_first_number(text):
    assert numbers(text) == []


def test_in_a_document_it_is_a_reference_and_its_own_header_line_is_not():
    text = "\n".join(
        [
            "甲市财政局文件",
            "（95）甲财字第8号",
            "甲市财政局关于转发乙事项的通知",
            "各县财政局：",
            "现将《关于乙事项的通知》（〔94〕丙农字第345号）转发给你们，请遵照执行。",
            "甲市财政局",
            "1995年3月1日",
        ]
    )
    docs = parse_text(text).documents
    assert [r.doc_number for r in docs[0].references] == ["丙农字〔1994〕345号"]
