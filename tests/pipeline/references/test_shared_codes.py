"""A year and serial printed with no code right after a number share that number's code:
``法释〔2013〕12号、〔2015〕9号`` cites 法释〔2015〕9号 too, and ``〔2019〕6号/16号`` lists two serials.
Made-up sentences in the way texts list the documents of one series."""

from __future__ import annotations

import pytest

from luoshi.extract.references import find_citations


def numbers(text: str) -> list[str]:
    return [c.doc_number for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据甲释〔2013〕12 号、〔2015〕9 号办理。", ["甲释〔2013〕12号", "甲释〔2015〕9号"]),
        (
            "按照乙会〔2014〕6号、〔2018〕15号和〔2019〕6号执行。",
            ["乙会〔2014〕6号", "乙会〔2018〕15号", "乙会〔2019〕6号"],
        ),
        ("按照甲政发〔2016〕5号及〔2017〕第6号执行。", ["甲政发〔2016〕5号", "甲政发〔2017〕6号"]),
    ],
)
def test_a_code_less_year_after_a_number_shares_its_code(text, expected):
    # Failed on main: the second number (and those after it) was not read.
    assert numbers(text) == expected


def test_a_slash_lists_serials_of_one_year():
    # Failed on main: only the first serial was read.
    assert numbers("按照乙会〔2019〕6号/16号执行。") == ["乙会〔2019〕6号", "乙会〔2019〕16号"]


def test_the_chain_runs_on_across_years_and_serials():
    assert numbers("乙会〔2014〕6号、〔2019〕6号/16号、〔2023〕21号") == [
        "乙会〔2014〕6号",
        "乙会〔2019〕6号",
        "乙会〔2019〕16号",
        "乙会〔2023〕21号",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "按照甲政发〔2016〕5号。〔2017〕6号另行通知。",  # a sentence end between them
        "《甲办法》（甲政发〔2016〕5号），（〔2017〕6号）",  # more than a separator between them
        "见〔2017〕第6号。",  # a word before the year is no code, and no number precedes it
    ],
)
def test_what_shares_no_code(text):
    assert numbers(text)[1:] == [] and not any(n.startswith("见") for n in numbers(text))
