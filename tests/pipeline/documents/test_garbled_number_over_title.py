"""A page's number line whose 〕 and 号 its export lost (``某府〔20221``) above the title is no part of
the title: the title starts on the line below it, and the issuer is read from the title alone."""

from __future__ import annotations

from tests.doc_builder import one_document

TITLE_LINES = ["某某区人民政府关于印发", "《某某区人民政府工作规则》的通知"]
REST = [
    "区政府各委、办、局，各街道办事处、镇政府：",
    "《某某区人民政府工作规则》已经区政府常务会议审议通过，现予印发，请认真遵照执行。",
]
TITLE = "".join(TITLE_LINES)


def test_a_garbled_number_line_is_stepped_over():
    doc = one_document(["某府〔20221", *TITLE_LINES, *REST])
    assert doc.title == TITLE
    assert list(doc.issuers) == ["某某区人民政府"]


def test_a_line_of_a_title_ending_in_a_year_is_kept():
    # the other side: a title line that merely ends in digits is no number line
    doc = one_document(["某某区2022", "年重点工作任务分工方案的通知", *REST])
    assert doc.title == "某某区2022年重点工作任务分工方案的通知"
