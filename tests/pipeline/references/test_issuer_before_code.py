"""An issuer's full name written before its code (``依据乙部财会〔2014〕6号`` in the way ``财政部财会…``
is written) is not part of the code: a code abbreviates its organ. Made-up sentences."""

from __future__ import annotations

import pytest

from luoshi.extract.references import find_citations


def numbers(text: str) -> list[str]:
    return [c.doc_number for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据财政部财会〔2014〕6号执行。", "财会〔2014〕6号"),
        ("按照省政府办公厅甲办发〔2016〕5号文件精神。", "甲办发〔2016〕5号"),
        ("按照国务院国发〔2016〕5号文件。", "国发〔2016〕5号"),
        ("根据甲市人民政府办公室甲政办发〔2019〕3号。", "甲政办发〔2019〕3号"),
    ],
)
def test_the_full_name_before_the_code_is_dropped(text, expected):
    # Failed on main: the name was read as part of the code (财政部财会〔2014〕6号).
    assert numbers(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按照工信部联装〔2018〕227号执行。", "工信部联装〔2018〕227号"),  # an abbreviation a code holds
        ("按照人社部发〔2019〕5号执行。", "人社部发〔2019〕5号"),
        ("按照市政府办〔2019〕5号执行。", "市政府办〔2019〕5号"),  # one character left is no code
    ],
)
def test_codes_that_hold_an_organ_word_stay_whole(text, expected):
    assert numbers(text) == [expected]


def test_the_title_before_the_issuers_name_is_kept():
    found = find_citations("依据《甲办法》（财政部财会〔2014〕6号）执行。")
    assert [(c.doc_number, c.title) for c in found] == [("财会〔2014〕6号", "甲办法")]
