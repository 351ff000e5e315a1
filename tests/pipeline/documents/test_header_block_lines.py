"""Header lines between a web copy's title and its 主送: a law site's name over the title, the
font-size button that lost its links, a wiki copy's issuer and date lines, and the title printed
again over two lines under a bulletin's masthead. Failed on main 1871c91 (title with the site's
name, no 主送)."""

from __future__ import annotations

from doc_builder import one_document

TITLE = "甲省人民政府关于命名乙市等市县为甲省园林城市的通知"
MAIN_SEND = "各市、县（区）人民政府，省政府各部门："
BODY = ["经省政府审定，现命名乙市、丙市为“甲省园林城市”。", "甲省人民政府", "2010年3月22日"]


def test_a_law_sites_name_over_a_whole_title_is_not_part_of_it():
    doc = one_document(["法规网--甲省法规信息检索网", TITLE, TITLE, MAIN_SEND, *BODY])
    assert doc.title == TITLE
    assert doc.issuers == ("甲省人民政府",)


def test_a_title_line_ending_like_a_site_name_still_starts_the_title():
    # the first line says 关于: it starts the title, whatever it ends with
    doc = one_document(["甲市人民政府关于加强城市燃气管网", "安全管理的通知", MAIN_SEND, *BODY])
    assert doc.title == "甲市人民政府关于加强城市燃气管网安全管理的通知"


def test_a_font_button_without_its_links_is_no_main_send():
    doc = one_document([TITLE, "【字体：", MAIN_SEND, *BODY])
    assert doc.addressees == ("各市、县（区）人民政府", "省政府各部门")


PIFU = "国务院关于同意甲省撤销乙地区设立地级乙市的批复"
PIFU_BODY = [
    "你省《关于撤销乙地区设立地级乙市的请示》收悉。现批复如下：",
    "一、同意撤销乙地区。",
    "国务院",
    "2004年1月11日",
]


def test_a_wiki_copys_issuer_and_date_lines_are_not_counted_as_page_lines():
    lines = [PIFU, "国函〔2004〕1号", "中华人民共和国国务院", "2004年1月11日", "本作品收录于国务院公报", "收录于"]
    doc = one_document([*lines, "甲省人民政府：", *PIFU_BODY])
    assert doc.addressees == ("甲省人民政府",)


def test_more_page_lines_than_the_limit_still_stop_the_search():
    lines = [PIFU, "国函〔2004〕1号", "本作品收录于国务院公报", "收录于", "编者按语", "相关条目"]
    doc = one_document([*lines, "甲省人民政府：", *PIFU_BODY])
    assert doc.addressees == ()


TONGBAO = "关于印发2022年《政府工作报告》主要任务上半年落实情况的通报"
# a county site's copy: each line a paragraph, a blank-looking line (one space) between them
SPACED = "\n\n \n\n"
POSTING = "发布时间：2022-08-23 14:52信息来源：甲县人民政府文字大小：[    ] 背景色："
TONGBAO_BODY = ["根据县政府工作安排，县政府督查室进行了专项督查。", "附件：主要任务上半年落实情况"]


def test_the_title_printed_again_over_two_lines_under_a_masthead():
    lines = [TONGBAO, POSTING, "甲县政务督查", "20期", "甲县人民政府督查室2022年8月19"]
    copy = ["关于印发2022年《政府工作报告》主要任务", "上半年落实情况的通报"]
    doc = one_document([*lines, *copy, "各乡镇人民政府，县政府各部门：", *TONGBAO_BODY], sep=SPACED)
    assert doc.title == TONGBAO
    assert doc.addressees == ("各乡镇人民政府", "县政府各部门")


def test_two_lines_that_only_begin_the_title_are_no_copy_of_it():
    lines = [TONGBAO, POSTING, "甲县政务督查", "20期", "甲县人民政府督查室2022年8月19"]
    partial = ["关于印发2022年《政府工作报告》主要任务", "全年目标"]
    doc = one_document([*lines, *partial, "各乡镇人民政府，县政府各部门：", *TONGBAO_BODY], sep=SPACED)
    assert doc.addressees == ()
