"""Headers of saved county and city pages: page furniture stays out of the title and the 主送.

The pages are written for the test in the shapes county sites print: a metadata list whose keys
are bullets (``• 发文字号:`` over its value), a 来源 line between the heading and the 发文字号, a
site's own ``今天是……星期二`` line above the breadcrumb. Each test failed on main c858c01 unless
it says it guards.
"""

from __future__ import annotations

from doc_builder import saved_page

BULLETED = [
    "返回顶部",
    "乙县人民政府工作规则",
    "• 索引号:",
    "7100000000/2024-000101",
    "• 主题分类:",
    "• 发文机构:",
    "县政府网站",
    "• 发文字号:",
    "乙政发〔2024〕5号",
    "• 发文日期:",
    "2024年03月02日 10:20",
    "• 内容概述:",
    "乙县人民政府工作规则",
    "第一章 总则",
    "第一条 为规范县政府工作，制定本规则。",
    "第二条 县政府工作坚持依法行政。",
]


def test_a_bulleted_metadata_list_is_no_title_and_no_addressee():
    doc = saved_page(BULLETED)
    assert doc.doc_number == "乙政发〔2024〕5号"
    assert doc.title == "乙县人民政府工作规则"
    assert doc.genre == "规则"
    assert doc.addressees == ()  # ``• 发文日期:`` ends with a colon but is a key, not a 主送


def test_a_bulleted_body_item_is_not_furniture():
    # guards (passes on main): a bullet before a sentence of the body is body text
    doc = saved_page([*BULLETED, "• 县政府各部门要按照本规则履行职责。"])
    assert "县政府各部门要按照本规则履行职责" in "".join(p.text for n in doc.nodes() for p in n.paragraphs)


SOURCE_LINE = [
    "丙市人民政府办公室关于印发丙市政务数据管理细则的通知",
    "信息来源: 市人民政府办公室",
    "丙政办发〔2019〕12号",
    "各县（市）、区人民政府，市政府各委、办、局：",
    "经市政府同意，现将《丙市政务数据管理细则》印发给你们，请认真遵照执行。",
    "丙市人民政府办公室",
    "2019年11月20日",
    "丙市政务数据管理细则",
    "第一条 为加强政务数据管理，制定本细则。",
]


def test_a_source_line_between_the_title_and_the_number_is_stepped_over():
    doc = saved_page(SOURCE_LINE)
    assert doc.doc_number == "丙政办发〔2019〕12号"
    assert doc.title == "丙市人民政府办公室关于印发丙市政务数据管理细则的通知"
    assert doc.genre == "通知"
    assert doc.forwarded_title == "丙市政务数据管理细则"
    assert doc.date == "2019-11-20"


def test_a_page_line_above_the_number_with_no_title_above_it_takes_the_title_below():
    # guards (passes on main): the line above the page's lines names no 文种, so the title is the
    # one printed under the number
    lines = ["丙市人民政府门户网站", "发布时间:2019-11-21", *SOURCE_LINE[2:3], *SOURCE_LINE[0:1], *SOURCE_LINE[3:]]
    doc = saved_page(lines)
    assert doc.title == "丙市人民政府办公室关于印发丙市政务数据管理细则的通知"
    assert doc.doc_number == "丙政办发〔2019〕12号"


TODAY = [
    "今天是 2024年3月19日 星期二",
    "2023年丁市书香社区拟入选名单公示公告",
    "发布时间:2024-03-11 来源:丁市文明网",
    "经申报、评审，丁市东区社区等5个社区列入拟入选名单，现予以公示。",
    "公示时间：2024年3月11日至13日。",
    "丁市文明办",
    "2024年3月11日",
]


def test_a_sites_date_line_above_the_title_is_furniture():
    doc = saved_page(TODAY)
    assert doc.title == "2023年丁市书香社区拟入选名单公示公告"
    assert doc.genre == "公告"
    assert doc.date == "2024-03-11"


def test_a_date_line_without_a_weekday_is_no_furniture():
    # guards: a date line with no weekday is a 成文日期 (here under a signature), not the site's
    doc = saved_page(TODAY[1:])
    assert doc.date == "2024-03-11"
    assert doc.signature == ("丁市文明办",)


NOTICE_WITHOUT_BANNER = [
    "关于2024年度戊市专精特新企业拟认定名单的公示",
    "根据有关规定，经企业申报、专家评审，拟认定戊市甲公司等12家企业为2024年度专精特新企业，现予以公示。",
    "公示时间：2024年6月3日至6月7日。",
    "受理单位:戊市工业和信息化局",
    "戊市工业和信息化局",
    "2024年6月3日",
]


def test_a_notice_without_banner_takes_its_first_line_as_title_though_it_names_no_genre():
    doc = saved_page(NOTICE_WITHOUT_BANNER)
    assert doc.title == "关于2024年度戊市专精特新企业拟认定名单的公示"
    assert doc.doc_number is None
    assert doc.issuers == ("戊市工业和信息化局",)
    assert doc.signature == ("戊市工业和信息化局",)  # the 受理单位: line above is a key, not a 署名


def test_a_masthead_or_a_short_label_is_no_plain_title():
    # guards (passes on main): a site's name, an organ name and a line too short stay out
    for first in ("戊市工业和信息化局门户网站", "戊市工业和信息化局", "公示名单"):
        doc = saved_page([first, *NOTICE_WITHOUT_BANNER[1:]])
        assert doc.title is None, first


def test_a_line_before_another_heading_is_no_plain_title():
    # guards (passes on main): the first line stands above another short line, not above the body
    doc = saved_page(["戊市2024年度专精特新企业工作专栏", "工作动态", *NOTICE_WITHOUT_BANNER[1:]])
    assert doc.title is None


REPORT_BARE_SUBTITLE = [
    "2025年3月21日在己区第十九届",
    "人民代表大会第四次会议上",
    "己区人民政府区长 王某",
    "各位代表：",
    "现在，我代表区人民政府向大会报告工作，请予审议。",
    "一、过去一年工作回顾",
    "全区地区生产总值增长5.4%。",
]


def test_a_report_subtitle_without_its_dash_over_two_lines_gives_date_and_issuer():
    doc = saved_page(REPORT_BARE_SUBTITLE)
    assert doc.date == "2025-03-21"
    assert doc.issuers == ("己区人民政府",)
    assert doc.addressees == ()


def test_a_date_and_zai_that_does_not_end_at_a_meeting_is_no_subtitle():
    # guards (passes on main): an opening sentence that starts with a date is body text
    lines = ["2025年3月21日在己区召开的工作推进会议提出了新的要求，各部门要抓好落实。", *REPORT_BARE_SUBTITLE[3:]]
    doc = saved_page(lines)
    assert doc.date is None


KEYED_ROWS = [
    "庚区人民政府办公室关于印发庚区2024年重点工作责任分解方案的通知",
    "2024-01-05 10:00 庚区人民政府办公室",
    "索 引 号 MB1234567/2024-00012 发文日期 2024-01-03",
    "发布机构 庚区人民政府办公室 文 号 庚政办〔2024〕1号",
    "分 类 政务公开 有 效 性 有效",
    "各街道办事处，区人民政府各部门：",
    "《庚区2024年重点工作责任分解方案》已经区人民政府同意，现印发给你们，请认真贯彻执行。",
    "庚区人民政府办公室",
    "2024年1月3日",
]


def test_a_metadata_table_printed_without_colons_gives_the_number_and_leaves_the_addressees():
    doc = saved_page(KEYED_ROWS)
    assert doc.doc_number == "庚政办〔2024〕1号"
    assert doc.addressees == ("各街道办事处", "区人民政府各部门")
    assert doc.date == "2024-01-03"


def test_a_body_line_that_names_a_key_is_no_metadata_row():
    # guards (passes on main): a sentence that mentions 文号 and 发布日期 is body text, and a number
    # cited after 文号 inside a sentence is no metadata
    line = "各单位要在发布日期前核对文号，确保与甲政办〔2024〕9号文件一致。"
    doc = saved_page([KEYED_ROWS[0], KEYED_ROWS[5], line, *KEYED_ROWS[6:]])
    assert doc.doc_number is None
    assert doc.addressees == ("各街道办事处", "区人民政府各部门")


def test_a_title_naming_its_issuer_by_level_only_takes_the_signatures_full_name():
    doc = saved_page(
        [
            "区人民政府办公室关于做好2024年春节期间安全生产工作的通知",
            "各街道办事处，区人民政府各部门：",
            "春节将至，为做好节日期间安全生产工作，现将有关事项通知如下。",
            "辛安区人民政府办公室",
            "2024年1月20日",
        ]
    )
    assert doc.issuers == ("辛安区人民政府办公室",)


def test_a_title_with_the_full_name_keeps_it():
    # guards (passes on main): the title names its issuer in full; a different signer changes nothing
    doc = saved_page(
        [
            "辛安区人民政府办公室关于做好2024年春节期间安全生产工作的通知",
            "各街道办事处，区人民政府各部门：",
            "春节将至，为做好节日期间安全生产工作，现将有关事项通知如下。",
            "辛安区应急管理局",
            "2024年1月20日",
        ]
    )
    assert doc.issuers == ("辛安区人民政府办公室",)


def test_a_metadata_table_whose_keys_have_no_colon_gives_the_title_and_is_no_title_line():
    doc = saved_page(
        REPORT_BARE_SUBTITLE,
        [["文件名称", "壬区2025年政府工作报告", ""], ["索引号", "/2025-0001", "公开目录:", "工作报告"]],
    )
    assert doc.title == "壬区2025年政府工作报告"
    assert doc.genre == "报告"
    assert doc.date == "2025-03-21"


def test_a_table_of_goods_above_a_printed_title_gives_no_metadata():
    # guards (passes on main): ``名称`` heads a column of a list, its neighbour (``规格``) is no title
    doc = saved_page(NOTICE_WITHOUT_BANNER, [["名称", "规格", "数量"], ["办公桌", "1.2米", "10"]])
    assert doc.title is None
