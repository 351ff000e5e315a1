"""A report copied without its line breaks runs the title into the salutation. Failed on main
1871c91 (no title, no 文种)."""

from __future__ import annotations

from doc_builder import one_document

SPEECH = "现在，我代表市人民政府，向大会报告工作，请予审议。一、2022年工作回顾。全市生产总值增长5%。"


def test_the_title_before_the_salutation_on_one_line():
    doc = one_document([f"2023年甲市政府工作报告各位代表：{SPEECH}"])
    assert doc.title == "2023年甲市政府工作报告"
    assert doc.genre == "报告"
    assert doc.addressees == ()


def test_words_before_the_salutation_that_end_with_no_genre_are_no_title():
    doc = one_document([f"甲市第十六届人民代表大会开幕各位代表：{SPEECH}"])
    assert doc.title is None


def test_a_sentence_before_the_salutation_is_no_title():
    doc = one_document([f"会议听取了政府工作报告，各位代表：{SPEECH}"])
    assert doc.title is None
