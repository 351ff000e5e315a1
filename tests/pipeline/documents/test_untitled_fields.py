"""Fields a page states without the usual line: a report whose title names its government, and an
印发 notice printed without its title."""

from luoshi.pipeline import parse_text


def test_report_reporter_by_level_takes_the_place_its_title_names():
    text = "\n".join(
        [
            "2026年甲市政府工作报告",
            "各位代表：",
            "现在，我代表市人民政府向大会报告工作，请予审议。",
            "一、2025年工作回顾",
            "全市经济稳步增长。",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.issuers == ("甲市人民政府",)
    assert doc.addressees == ()
    # a report whose title names no place keeps the reporter's words
    (doc,) = parse_text(text.replace("2026年甲市政府工作报告", "政府工作报告")).documents
    assert doc.issuers == ("市人民政府",)


def test_untitled_page_of_an_issuing_notice_is_a_notice():
    text = "\n".join(
        [
            "文号：甲政发〔2026〕3号",
            "各县人民政府，市政府各部门：",
            "现将《甲市稳就业实施方案》印发给你们，请认真组织实施。",
            "甲市人民政府",
            "2026年3月2日",
            "甲市稳就业实施方案",
            "一、总体目标",
            "稳定就业。",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.title is None
    assert doc.genre == "通知"
    assert doc.forwarded_title == "甲市稳就业实施方案"
    # a page that only publishes (现予公布) is not said to be a 通知
    (doc,) = parse_text(text.replace("印发给你们，请认真组织实施", "现予公布")).documents
    assert doc.genre is None


def test_rules_titled_by_their_government_name_it_as_issuer():
    text = "\n".join(
        [
            "发文字号：甲政发〔2026〕7号",
            "甲县人民政府工作规则",
            "第一章 总则",
            "第一条 为规范县政府工作，制定本规则。",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.title == "甲县人民政府工作规则"
    assert doc.issuers == ("甲县人民政府",)
    # a title that opens with no government's name names no issuer
    (doc,) = parse_text(text.replace("甲县人民政府工作规则", "甲县农村道路管理规则")).documents
    assert doc.issuers == ()
