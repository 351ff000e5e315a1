"""A page heading cut short, its 《 never closed, run into the title above the number. Failed on
main 1871c91 (the heading kept in the title and the issuer)."""

from __future__ import annotations

from doc_builder import one_document

TITLE = "甲省人民政府办公厅关于印发甲省进一步支持民间投资发展实施方案的通知"
BODY = [
    "甲办发〔2023〕5号",
    "各地级以上市人民政府，省政府各部门、各直属机构：",
    "《甲省进一步支持民间投资发展的实施方案》已经省人民政府同意，现印发给你们，请认真组织实施。",
    "甲省人民政府办公厅",
    "2023年3月17日",
]


def test_the_cut_heading_before_the_title_is_dropped():
    # the title printed over three lines, as the copy did
    lines = ["甲省人民政府办公厅关于印发甲省", "进一步支持民间投资发展", "实施方案的通知"]
    doc = one_document(["您的位置：主页 > 公告动态", "《甲省进一步支持民间投资发展实施", *lines, *BODY], sep="\n\n")
    assert doc.title == TITLE
    assert doc.issuers == ("甲省人民政府办公厅",)


def test_a_title_that_opens_with_a_closed_book_title_is_kept():
    title = "《甲省物业管理条例》实施细则"
    doc = one_document([title, *BODY], sep="\n\n")
    assert doc.title == title
