"""A 令号 printed with the issuer's code (``临府令第 12 号``, as 渝府令, 川府令 are) on a line of its own
under the title and the issuer line: it is the 令's number and opens the document. Failed on main
97c4366 (no number read; the issuer line was glued onto the title)."""

from __future__ import annotations

from doc_builder import saved_page
from luoshi.pipeline import parse_text

TITLE = "临川市人民政府关于控制主城区扬尘污染的通告"
ORDER = [
    f"《{TITLE}》已经2024年12月13日市人民政府第97次常务会议审议通过，现予发布，自2025年1月1日起施行。",
    "市长　王五",
    "二○二四年十二月三十日",
    TITLE,
    "第一条　为控制扬尘污染，制定本通告。",
]


def test_an_order_code_number_under_the_title_and_the_issuer():
    doc = saved_page([TITLE, "作者：临川法规网　来源：临川法规网", TITLE, "临川市人民政府", "临府令第 12 号", *ORDER])
    assert doc.doc_number == "临府令第12号"
    assert doc.title == TITLE
    assert doc.issuers == ("临川市人民政府",)
    assert doc.date == "2024-12-30"


def test_an_order_code_number_cited_on_a_line_of_its_own_in_a_body_opens_nothing():
    text = "\n".join(
        [
            TITLE,
            "各区人民政府，市政府各部门：",
            "现将有关事项通告如下。依据以下规章：",
            "临府令第12号",
            "请遵照执行。",
            "临川市人民政府",
            "2024年12月30日",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.title == TITLE
    assert doc.doc_number is None
