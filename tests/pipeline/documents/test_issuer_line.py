"""A 发文机关 printed on a line of its own beside the title is the issuer, not a title line.

GB/T 9704: the title is 发文机关 + 事由 + 文种 and names each issuer once; the 发文机关标志 (the
issuer's name, without 文件 in a 信函 layout) stands apart from it. Web and law-database copies
print that name between the title and the number, or between the number and the title. Failed on
main 97c4366: the organ line was glued onto the title (and the issuers doubled).
"""

from __future__ import annotations

from doc_builder import saved_page

BODY = [
    "各县（区）人民政府，市政府各部门：",
    "《临川市公共停车场管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。",
    "二〇二四年三月五日",
    "临川市公共停车场管理办法",
    "第一条　为加强公共停车场管理，制定本办法。",
]
TITLE = "临川市人民政府办公室关于印发临川市公共停车场管理办法的通知"


def _doc(lines):
    # a saved web page, each line a paragraph (``<p>``) of its own
    return saved_page(lines)


def test_an_issuer_line_over_a_title_that_names_the_same_organ_is_not_part_of_it():
    doc = _doc(["甲省临川市人民政府办公室", TITLE, "临政办〔2024〕3号", *BODY])
    assert doc.title == TITLE
    assert doc.issuers == ("临川市人民政府办公室",)
    assert doc.doc_number == "临政办〔2024〕3号"
    assert doc.addressees == ("各县（区）人民政府", "市政府各部门")


def test_an_issuer_line_between_two_copies_of_a_rule_title_gives_the_issuers():
    # a 规定 issued by a 令 names no issuer in its title: the line between the copies does
    doc = _doc(
        [
            "临川省停车场管理规定",
            "临川省人民政府",
            "临川省停车场管理规定",
            "临政令〔2024〕第3号",
            "《临川省停车场管理规定》已经省政府常务会议通过，现予公布。",
            "省长　王五",
            "2024年3月5日",
        ]
    )
    assert doc.title == "临川省停车场管理规定"
    assert doc.issuers == ("临川省人民政府",)


def test_joint_issuers_between_number_and_title_when_the_page_prints_the_title_alone():
    title = "关于下达2024年义务教育经费的通知"
    page = ["• 2024-04-26 17:06", "• 来源：", "• 发布机构：", "• 【字体："]
    doc = _doc(
        [title, *page, "临财预〔2024〕9号", "临川市财政局　临川市教育局", title, "区财政局、教育局：", "现将资金下达。"]
    )
    assert doc.title == title
    assert doc.issuers == ("临川市财政局", "临川市教育局")
    assert doc.addressees == ("区财政局、教育局",)


def test_an_issuer_line_under_the_title_before_the_number():
    doc = _doc([TITLE, "临川市人民政府办公室", "临政办〔2024〕3号", *BODY])
    assert doc.title == TITLE
    assert doc.issuers == ("临川市人民政府办公室",)


def test_a_title_broken_after_its_issuers_keeps_them():
    # a joint title's first line names another organ; a title broken after its only issuer is not
    # printed again without it: both stay titles as printed
    joint = ["临川市财政局", "临川市教育局关于下达2024年义务教育经费的通知"]
    doc = _doc([*joint, "临财预〔2024〕9号", "区财政局、教育局：", "现将资金下达。"])
    assert doc.title == "".join(joint)
    assert doc.issuers == ("临川市财政局", "临川市教育局")
    broken = ["临川市人民政府办公室", "关于印发临川市公共停车场管理办法的通知"]
    doc = _doc(["临政办〔2024〕3号", *broken, *BODY])
    assert doc.title == "".join(broken)
    assert doc.issuers == ("临川市人民政府办公室",)


def test_an_issuer_line_under_the_number_when_the_heading_above_is_the_title():
    title = "关于下达2024年义务教育经费的通知"
    page = ["发布时间：2024-04-26 17:06", "浏览次数：590"]
    doc = _doc(
        [title, *page, "临财预〔2024〕9号", "临川市财政局　临川市教育局", title, "区财政局、教育局：", "现将资金下达。"]
    )
    assert doc.title == title
    assert doc.issuers == ("临川市财政局", "临川市教育局")
    assert doc.addressees == ("区财政局、教育局",)
