"""Document boundaries and closing fields on forms the hidden set holds, each on a text written here.

Classes (each failed on main e83b50c): a 令 inside a gazette (no 发文字号, a 令号), a 落款 and
成文日期 printed on one line, a report whose reporter names its government by level only.
"""

from __future__ import annotations

from luoshi.pipeline import parse_text

OPINION = [
    "临川省人民政府关于加快发展数字经济的意见",
    "临政发〔2025〕2号",
    "各市人民政府，省政府各部门：",
    "为加快发展数字经济，提出以下意见。",
    "一、加快建设算力中心。（省发展改革委负责）",
    "临川省人民政府",
    "2025年1月10日",
]
PROMULGATION = (
    "《临川省安全生产条例实施办法》已经2025年1月8日省人民政府第20次常务会议通过，现予公布，自2025年3月1日起施行。"
)
RULES = [
    "临川省安全生产条例实施办法",
    "第一条　为了加强安全生产工作，制定本办法。",
    "第二条　本办法自2025年3月1日起施行。",
]


def _order_fields(doc):
    return (doc.doc_number, doc.title, doc.issuers, doc.date, doc.genre, doc.forwarded_title)


def test_an_order_in_a_gazette_is_a_document_of_its_own():
    for head in (["临川省人民政府令", "第125号"], ["临川省人民政府令第125号"], ["临川省人民政府令", "（第125号）"]):
        text = "\n".join([*OPINION, *head, PROMULGATION, "省长　王五", "2025年1月12日", *RULES])
        first, order = parse_text(text).documents
        assert first.doc_number == "临政发〔2025〕2号"
        assert first.references == ()  # the 令号 below is not cited by the opinion
        assert _order_fields(order) == (
            "临川省人民政府令第125号",
            "临川省人民政府令",
            ("临川省人民政府",),
            "2025-01-12",
            "令",
            "临川省安全生产条例实施办法",
        )


def test_an_order_number_cited_in_a_body_starts_nothing():
    # The other side: ``第N号`` under a line that is not a 发文机关标志 ending with 令.
    lines = [*OPINION[:4], "依据下列规章执行：", "临川省人民政府关于安全生产的规定", "第125号", *OPINION[4:]]
    (doc,) = parse_text("\n".join(lines)).documents
    assert doc.doc_number == "临政发〔2025〕2号"


def test_a_signature_and_its_date_on_one_line():
    lines = [*OPINION[:5], "临川省人民政府　　　　　　　　2025年1月10日"]
    (doc,) = parse_text("\n".join(lines)).documents
    assert (doc.issuers, doc.date, doc.signature) == (("临川省人民政府",), "2025-01-10", ("临川省人民政府",))
    assert [t.path for t in doc.tasks] == [("一",)]  # the last item still ends before the 落款


def test_a_sentence_ending_with_a_date_is_not_a_signature():
    lines = [*OPINION[:5], "本意见自2025年1月10日"]
    (doc,) = parse_text("\n".join(lines)).documents
    assert doc.date is None


def _report(reporter: str, congress: str) -> str:
    return "\n".join(
        [
            "政府工作报告",
            f"——二〇二五年一月五日在{congress}上",
            "市长　张三",
            "各位代表：",
            f"现在，我代表{reporter}，向大会报告工作，请予审议。",
            "一、2024年工作回顾",
            "过去一年，全市地区生产总值增长5.2%。",
        ]
    )


def test_a_report_given_by_a_government_named_by_its_level_takes_the_congress_place():
    doc = parse_text(_report("市人民政府", "临川市第十六届人民代表大会第五次会议")).documents[0]
    assert (doc.title, doc.issuers, doc.date, doc.addressees) == ("政府工作报告", ("临川市人民政府",), "2025-01-05", ())
    doc = parse_text(_report("自治区人民政府", "临川自治区第十二届人民代表大会第三次会议")).documents[0]
    assert doc.issuers == ("临川自治区人民政府",)


def test_a_report_naming_its_government_in_full_or_a_national_congress_keeps_the_name():
    doc = parse_text(_report("临川市人民政府", "临川市第十六届人民代表大会第五次会议")).documents[0]
    assert doc.issuers == ("临川市人民政府",)
    doc = parse_text(_report("国务院", "第十四届全国人民代表大会第三次会议")).documents[0]
    assert doc.issuers == ("国务院",)
    # A level that the place does not end with is left as written.
    doc = parse_text(_report("县人民政府", "临川市第十六届人民代表大会第五次会议")).documents[0]
    assert doc.issuers == ("县人民政府",)
