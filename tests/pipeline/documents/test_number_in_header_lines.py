"""The document's own 发文字号 read off header lines that are not a number line of their own.

Made-up headers in the shapes web copies print: the number run into the 主送 line (the line break
lost), and a page's info line with the 成文日期 and the number side by side above the 主送. Each
test failed on main (0c3a6be) unless it says it guards.
"""

from __future__ import annotations

from doc_builder import one_document

TITLE = "甲市人民政府办公室关于做好2023年防汛工作的通知"
BODY = [
    "为做好今年防汛工作，经市政府同意，现就有关事项通知如下：",
    "一、压实防汛责任。各地要落实以行政首长负责制为核心的防汛责任制。（市应急管理局负责）",
    "甲市人民政府办公室",
    "2023年5月4日",
]


def test_a_number_run_into_the_addressee_line_is_the_documents_own():
    doc = one_document([TITLE, "甲政办发〔2023〕12号各县（市、区）人民政府，市政府各部门：", *BODY], end="\n")
    assert doc.doc_number == "甲政办发〔2023〕12号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")
    assert doc.title == TITLE


def test_an_addressee_line_without_a_number_is_read_as_before():
    # guards: a 主送 line that opens with an organ, not a number
    doc = one_document([TITLE, "各县（市、区）人民政府，市政府各部门：", *BODY], end="\n")
    assert doc.doc_number is None
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")


def test_a_date_and_number_info_line_above_the_addressees_gives_the_number():
    doc = one_document(
        [TITLE, "2023年5月4日　甲政办发〔2023〕12号", "各县（市、区）人民政府，市政府各部门：", *BODY], end="\n"
    )
    assert doc.doc_number == "甲政办发〔2023〕12号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")
    assert doc.date == "2023-05-04"


def test_a_number_cited_in_the_first_sentence_is_not_the_documents_own():
    # guards: a number in running text (the notice cites what it implements) is a reference
    doc = one_document(
        [
            TITLE,
            "各县（市、区）人民政府，市政府各部门：",
            "根据《甲省人民政府办公厅关于做好防汛工作的通知》（甲政办发〔2023〕3号）要求，现就有关事项通知如下：",
            *BODY[1:],
        ],
        end="\n",
    )
    assert doc.doc_number is None


def test_a_flattened_copy_runs_number_addressees_and_body_on_one_line():
    doc = one_document(
        [TITLE, "甲政办发〔2023〕12号各县（市、区）人民政府，市政府各部门：" + BODY[0] + BODY[1], *BODY[2:]], end="\n"
    )
    assert doc.doc_number == "甲政办发〔2023〕12号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")


def test_a_line_opening_with_a_cited_number_is_no_header():
    # guards: a sentence that opens with a cited number reads on past its first clause
    doc = one_document(
        [TITLE, "甲政办发〔2023〕3号文件印发以来，各地认真落实。现就有关事项通知如下：", *BODY[1:]], end="\n"
    )
    assert doc.doc_number is None


def test_title_number_and_addressees_on_one_line():
    doc = one_document([TITLE + "（甲政办发〔2023〕12号）各县（市、区）人民政府，市政府各部门：", *BODY], end="\n")
    assert doc.title == TITLE
    assert doc.doc_number == "甲政办发〔2023〕12号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")
    assert doc.genre == "通知"


def test_a_reposted_number_before_the_title_in_quotes():
    doc = one_document(
        ["甲政办发〔2023〕12号《" + TITLE + "》", "各县（市、区）人民政府，市政府各部门：", *BODY], end="\n"
    )
    assert doc.title == TITLE
    assert doc.doc_number == "甲政办发〔2023〕12号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")


def test_a_sentence_citing_a_titled_number_is_no_head():
    # guards: a body line naming a document and its number ends with a sentence, not a 主送
    # (a page that starts at the body, so the line is where a head would stand)
    for line in (
        "按照甲省人民政府办公厅关于做好防汛工作的通知（甲政办发〔2023〕3号）要求，现就有关事项通知如下：",
        "甲省人民政府办公厅关于做好防汛工作的通知（甲政办发〔2023〕3号）要求各地：",
    ):
        doc = one_document([line, *BODY[1:]], end="\n")
        assert doc.doc_number is None
        assert doc.title != "甲省人民政府办公厅关于做好防汛工作的通知"
