"""A heading that prints the title and then a number lacking its 机关代字 (``〔2024〕第8号``, a county's
公告 series): the title is the part before the number, and no 发文字号 is read (the guide's form is
机关代字〔年份〕序号号). Failed on main 97c4366: the title was read as the number's code."""

from __future__ import annotations

from doc_builder import saved_page

BODY = [
    "2024-07-29 08:00:00来源：临川县人民政府",
    "为了公共利益的需要，根据《中华人民共和国土地管理法》的规定，现将有关情况公告如下：",
    "一、拟征收土地范围",
    "特此公告。",
    "临川县人民政府",
    "2024年7月25日",
]


def test_a_title_followed_by_a_number_without_its_code():
    for heading in (
        "临川县人民政府土地征收启动公告〔2024〕第8号",
        "临川县人民政府关于集体土地征收启动的公告 〔2024〕第8号",
    ):
        doc = saved_page([heading, *BODY])
        assert doc.title == heading.split("〔")[0].strip()
        assert doc.doc_number is None
        assert doc.issuers == ("临川县人民政府",)
        assert doc.genre == "公告"
        assert doc.addressees == ()


def test_a_code_ending_with_its_genre_is_still_a_number():
    # ``临征启公告〔2024〕4号``: a 机关代字 that ends with 公告 (short, no organ named) is the code
    doc = saved_page(["临川县人民政府拟征收土地启动公告（临征启公告〔2024〕4号）", *BODY])
    assert doc.doc_number == "临征启公告〔2024〕4号"
    assert doc.title == "临川县人民政府拟征收土地启动公告"
