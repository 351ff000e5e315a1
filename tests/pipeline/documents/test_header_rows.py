"""Header fields a copy prints on one line: a law database's bracket under the title with the
发文字号 and the 成文日期 together, and a wiki's header row (title, number, issuer, date). Failed on
main 1871c91 (no number or date from the bracket; no title, number or 主送 from the row)."""

from __future__ import annotations

from doc_builder import one_document

TITLE = "甲省人民政府关于命名乙市等市县为甲省园林城市的通知"
MAIN_SEND = "各市、县（区）人民政府，省政府各部门："
SENTENCE = "经省政府审定，现命名乙市、丙市为“甲省园林城市”。"


def test_number_and_date_in_one_bracket_under_the_title():
    doc = one_document([TITLE, TITLE, "（甲府字〔2010〕37号 2010年3月22日）", MAIN_SEND, SENTENCE])
    assert doc.doc_number == "甲府字〔2010〕37号"
    assert doc.date == "2010-03-22"


def test_the_signed_date_wins_over_the_brackets_date():
    lines = [TITLE, TITLE, "（甲府字〔2010〕37号 2010年3月22日）", MAIN_SEND, SENTENCE, "甲省人民政府", "2010年3月25日"]
    doc = one_document(lines)
    assert doc.doc_number == "甲府字〔2010〕37号"
    assert doc.date == "2010-03-25"


PIFU = "国务院关于同意甲省撤销乙地区设立地级乙市的批复"
BODY = [
    "甲省人民政府：",
    "你省《关于将乙市升格为地级市的请示》（甲政文〔1996〕217号）收悉。现批复如下：",
    "一、同意撤销乙地区，设立地级乙市。",
    "中华人民共和国国务院",
    "一九九七年六月十日",
]


def test_a_wiki_header_row_under_the_pages_heading():
    doc = one_document([f"{PIFU} 某某文库", f"{PIFU} 国函〔1997〕46号 中华人民共和国国务院 1997年6月10日 |", *BODY])
    assert doc.title == PIFU
    assert doc.doc_number == "国函〔1997〕46号"
    assert doc.genre == "批复"
    assert doc.addressees == ("甲省人民政府",)


def test_a_row_under_a_heading_of_another_title_is_not_read_as_this_ones():
    doc = one_document([f"{PIFU} 某某文库", "乙省人民政府关于设立丙区的批复 国函〔1997〕46号 1997年6月10日 |", *BODY])
    assert doc.doc_number is None
