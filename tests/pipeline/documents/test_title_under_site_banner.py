"""A county site's banner over the article (a welcome line, a slogan, menu items, a blurb with its
full stop): the title is the line ending with a 文种 right above the page's posting line
(``时间:2024年05月12日 点击次数:4679``). Failed on main 97c4366 (no title, issuer or genre)."""

from __future__ import annotations

from doc_builder import saved_page
from luoshi.header import page_furniture

TITLE = "临川县人民政府土地征收启动公告"
BANNER = ["欢迎访问", "中国长寿之乡，中国树莓之乡", "• 魅力临川", "临川县地处甲省东北部，辖19个乡镇，609个行政村。"]
BODY = [
    "〔2024〕第25号",
    "为保障临川县经济发展用地需求，根据《中华人民共和国土地管理法》的规定，现发布土地征收启动公告：",
    "一、拟征收土地用途",
    "拟作为工业用地。",
]


def test_the_title_above_the_posting_line_under_a_site_banner():
    doc = saved_page([*BANNER, TITLE, "时间:2024年05月12日 点击次数:4679", *BODY])
    assert doc.title == TITLE
    assert doc.issuers == ("临川县人民政府",)
    assert doc.genre == "公告"
    assert doc.doc_number is None  # 〔2024〕第25号 has no 机关代字
    assert doc.addressees == ()


def test_a_keyed_posting_line_is_furniture_a_meeting_time_is_not():
    assert page_furniture("时间:2024年05月12日点击次数:4679")
    assert page_furniture("日期：2024-05-12 10:30 来源：临川县政府办")
    assert not page_furniture("时间：2024年5月12日上午9时")
    assert not page_furniture("时间：2024年5月12日，地点：县政府三楼会议室")


def test_the_title_under_a_provincial_sites_menu_and_metadata_rows():
    menu = ["登录 注册", "• 蒙古文版", "• 无障碍浏览", "• 首页", "• 要闻动态", "• 政务公开"]
    rows = [
        "当前位置：首页 > 甲省人民政府办公厅 > 政务公开 > 省政府文件",
        "发布机构 省人民政府 文  号 甲政发〔2024〕62号",
        "成文日期 2024-07-02",
    ]
    title = "甲省人民政府关于印发《甲省人民政府工作规则》的通知"
    posting = "发布日期:2024-07-02 12:41 信息来源：省人民政府办公厅"
    main_send = "各市人民政府，省政府各部门："
    doc = saved_page(
        [*menu, *rows, title, posting, main_send, "《甲省人民政府工作规则》已经省政府常务会议审议通过，现予印发。"]
    )
    assert doc.title == title
    assert doc.doc_number == "甲政发〔2024〕62号"
    assert doc.addressees == ("各市人民政府", "省政府各部门")
