"""The 主送 after a web copy's page lines: a posting line naming its 作者, a hyphen-bulleted
metadata list, an issuer line and the title printed again. Failed on main 97c4366 (no 主送)."""

from __future__ import annotations

from doc_builder import saved_page

# longer than a signature line (40 characters), so a repeat of it is no short page line
TITLE = "临川市人民政府办公室关于印发临川市城市道路井盖设施管理与养护维修暂行办法的通知"
MAIN_SEND = "各县（区）人民政府，市直各委、办、局："
BODY = [
    MAIN_SEND,
    "《临川市城市道路井盖设施管理与养护维修暂行办法》已经市政府同意，现印发给你们，请认真贯彻执行。",
    "临川市人民政府办公室",
    "2024年3月5日",
]


def test_a_posting_line_with_its_author_and_a_repeated_title_before_the_main_send():
    doc = saved_page(
        [
            TITLE,
            "作者：临川法规网　时间:2024-07-05 22:45:45　浏览:8903　来源：临川法规网",
            "下载地址：点击此处下载",
            TITLE,
            "甲省临川市人民政府办公室",
            TITLE,
            *BODY,
        ]
    )
    assert doc.title == TITLE
    assert doc.addressees == ("各县（区）人民政府", "市直各委、办、局")


def test_a_hyphen_bulleted_metadata_list_before_the_title():
    doc = saved_page(
        [
            "- 索引号：lc/2024-00016",
            "- 发文字号：临政办发〔2024〕42号",
            "- 发文机构：市政府办公室",
            "- 发布日期:2024-03-06 17:45",
            TITLE,
            "发布时间:2024-03-06 17:45 浏览次数：",
            *BODY,
        ]
    )
    assert doc.doc_number == "临政办发〔2024〕42号"
    assert doc.title == TITLE
    assert doc.addressees == ("各县（区）人民政府", "市直各委、办、局")


def test_a_body_sentence_after_the_page_lines_is_no_main_send():
    doc = saved_page(
        [TITLE, "作者：临川法规网　来源：临川法规网", "为加强管理，现就有关事项通知如下：", "一、加强养护。"]
    )
    assert doc.title == TITLE
    assert doc.addressees == ()
