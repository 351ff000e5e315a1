"""A template's Latin marker over the title (``The Beginning``): a 公文's title is in Chinese, so a
line of Latin letters alone at the head is stepped over. Failed on main 97c4366 (no title)."""

from __future__ import annotations

from doc_builder import saved_page

TITLE = "临川县人民政府拟征收土地启动公告（临征启公告〔2024〕4号）"
BODY = [
    "为实施土地利用总体规划，根据《中华人民共和国土地管理法》的规定，现发布拟征收土地启动公告：",
    "一、拟征收土地范围",
    "特此公告",
    "2024年1月29日",
]


def test_a_latin_marker_above_the_title_is_stepped_over():
    for marker in ("The Beginning", "Home | English"):
        doc = saved_page([marker, TITLE, *BODY, "THE END"])
        assert doc.title == "临川县人民政府拟征收土地启动公告"
        assert doc.doc_number == "临征启公告〔2024〕4号"
        assert doc.genre == "公告"


def test_a_title_holding_latin_letters_is_still_the_title():
    doc = saved_page(["临川县5G基站建设管理办法", "第一条　为规范5G基站建设，制定本办法。", "2024年1月29日"])
    assert doc.title == "临川县5G基站建设管理办法"
