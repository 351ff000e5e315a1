"""A law database's copy whose title beside the number is cut short (no 文种), under an issuer
line, while the page heading prints the whole title: the heading is the title. Failed on main
97c4366 (title = issuer line + the cut copy; no genre, no forwarded title)."""

from __future__ import annotations

from doc_builder import saved_page

FULL = "关于印发临川市人民政府办理人大代表建议和政协提案工作规则的通知"
CUT = "关于印发临川市人民政府办理人大代表建议"
RULES = "临川市人民政府办理人大代表建议和政协提案工作规则"
BODY = [
    "临政办发〔2024〕15号",
    "各县（市、区）人民政府，市政府各部门：",
    f"《{RULES}》已经市政府常务会议研究同意，现印发给你们，请按照执行。",
    "临川市人民政府办公室",
    "二○二四年四月七日",
    RULES,
    "第一条　为规范办理工作，制定本规则。",
]


def _page(title_beside_number: str, heading: str = FULL):
    page = ["作者：临川法规网　时间:2024-07-12 20:48:31　来源：临川法规网", "下载地址：点击此处下载"]
    return saved_page([heading, *page, heading, "甲省临川市人民政府办公室", title_beside_number, *BODY])


def test_a_cut_title_beside_the_number_is_completed_from_the_page_heading():
    doc = _page(CUT)
    assert doc.title == FULL
    assert doc.genre == "通知"
    assert doc.forwarded_title == RULES
    assert doc.doc_number == "临政办发〔2024〕15号"
    assert doc.addressees == ("各县（市、区）人民政府", "市政府各部门")


def test_a_whole_title_beside_the_number_is_kept_over_a_longer_heading():
    # the heading adds a version note: the printed title (ending with its 文种) is the title
    doc = _page(FULL, heading=f"{FULL}（2024修订）")
    assert doc.title == FULL
