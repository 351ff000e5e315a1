"""A site's top bar printed one button a line (``设为首页``, ``加入收藏``, ``无障碍阅读``, ``长者版``) over
the metadata and the title: page furniture, so the printed title and the 主送 under its broken copy
are read. Failed on main 97c4366 (the 主送 was missed)."""

from __future__ import annotations

from doc_builder import saved_page

TITLE = "区人民政府办公室关于印发2024年区政府重点工作责任分解的通知"


def test_a_top_bar_over_the_metadata_and_a_broken_title():
    doc = saved_page(
        [
            "- 设为首页",
            "- 加入收藏",
            "- 无障碍阅读",
            "- 长者版",
            f"名 称：{TITLE}",
            "索 引 号: 000014349/2024-105482 发布日期: 2024-06-28 发布机构：甲区政府办公室",
            TITLE,
            "区人民政府办公室",
            "关于印发2024年区政府重点工作责任分解的通知",
            "各新区、区政府各部门、各市级垂管单位：",
            "《2024年区政府重点工作责任分解》已经区政府研究同意，现印发给你们，请认真抓好落实。",
            "2024年6月28日",
            "2024年区政府重点工作责任分解",
            "一、全力推进重点项目建设。",
        ]
    )
    assert doc.title == TITLE
    assert doc.addressees == ("各新区、区政府各部门、各市级垂管单位",)
    assert doc.forwarded_title == "2024年区政府重点工作责任分解"


def test_a_top_bar_word_inside_a_sentence_is_text():
    doc = saved_page([TITLE, "各街道办事处：", "请登录系统注册后设为首页。", "2024年6月28日"])
    assert doc.addressees == ("各街道办事处",)
