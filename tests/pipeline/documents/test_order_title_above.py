"""A 令 whose promulgated document's title is printed above its 发文机关标志 and number (a law
database: title / issuer line / title / ``临川市人民政府令第5号``): the title is that document's, as
the contract's 令 entries carry it. Failed on main 97c4366 (title ``临川市人民政府令``, genre 令)."""

from __future__ import annotations

from doc_builder import saved_page

TITLE = "临川市人民政府关于修改《临川市行政规范性文件管理规定》的决定"
ORDER = [
    "《临川市人民政府关于修改〈临川市行政规范性文件管理规定〉的决定》已经市政府常务会议讨论通过，现予公布，自2025年1月1日起施行。",
    "二○二四年十一月二十九日",
    TITLE,
    "临川市人民政府决定对《临川市行政规范性文件管理规定》作如下修改：",
    "一、第二条修改为：本规定所称行政规范性文件，是指依法制定并公开发布的文件。",
]


def test_the_title_above_an_order_is_the_documents_title():
    page = ["作者：临川法规网　时间:2024-07-22 07:20:29　来源：临川法规网", "下载地址：点击此处下载"]
    doc = saved_page([TITLE, *page, TITLE, "甲省临川市人民政府", TITLE, "临川市人民政府令第5号", *ORDER])
    assert doc.doc_number == "临川市人民政府令第5号"
    assert doc.title == TITLE
    assert doc.genre == "决定"
    assert doc.issuers == ("临川市人民政府",)
    assert doc.date == "2024-11-29"


def test_an_order_with_no_title_above_keeps_its_mark_as_title():
    doc = saved_page(["临川市人民政府令", "第5号", *ORDER])
    assert doc.doc_number == "临川市人民政府令第5号"
    assert doc.title == "临川市人民政府令"
