"""Document-level decisions on forms the hidden set holds: each test on a document written here.

Classes (each test failed on main e83b50c unless it says it guards a form that already held):
a 函 whose 发文机关标志 is the issuer's name without 文件; a joint signature the cleaner ran
into one line; a title that counts its issuers (``等六单位``); a gazette's table of contents
with bracketed page numbers or titles only; Chinese-numeral and arabic 成文日期.
"""

from __future__ import annotations

import pytest

from luoshi.header import MAX_SIGNATURE_LINE_CHARS
from luoshi.pipeline import parse_text
from luoshi.split import is_contents_entry


def _opinion(date_line: str) -> str:
    lines = [
        "临川市人民政府关于加快发展数字经济的意见",
        "临府发〔2025〕7号",
        "各县（区）人民政府：",
        "现提出以下意见。",
    ]
    return "\n".join([*lines, "临川市人民政府", date_line])


def _fields(doc):
    return (doc.doc_number, doc.title, doc.issuers, doc.date, doc.addressees, doc.genre)


_LETTER_TITLE = "关于同意设立养老服务指导中心的函"


@pytest.mark.parametrize("title", ["临川市人民政府办公室" + _LETTER_TITLE, _LETTER_TITLE])
def test_a_letter_whose_banner_is_the_issuers_name_takes_its_title_from_below_the_number(title):
    # 信函格式 (GB/T 9704 10.1): the 发文机关标志 is the name alone, no 文件, above the number.
    text = "\n".join(
        [
            "临川市人民政府办公室",
            "临府办函〔2025〕12号",
            title,
            "市民政局：",
            "你局《关于设立养老服务指导中心的请示》（临民〔2025〕5号）收悉。经市政府同意，现函复如下。",
            "此复。",
            "临川市人民政府办公室",
            "2025年3月1日",
            "（此件公开发布）",
            "抄送：市财政局，市人力资源社会保障局。",
            "临川市人民政府办公室　　　　　　　　2025年3月2日印发",
        ]
    )
    (doc,) = parse_text(text).documents
    assert _fields(doc) == (
        "临府办函〔2025〕12号",
        title,
        ("临川市人民政府办公室",),
        "2025-03-01",
        ("市民政局",),
        "函",
    )
    assert [r.doc_number for r in doc.references] == ["临民〔2025〕5号"]  # 抄送 and 印发 lines are not text


def test_a_gazette_title_above_the_number_still_wins_over_the_addressee_line_below():
    # The other side: a title above the number that names its 文种 is the title.
    (doc,) = parse_text(_opinion("2025年1月5日")).documents
    assert (doc.title, doc.addressees) == ("临川市人民政府关于加快发展数字经济的意见", ("各县（区）人民政府",))


def _joint(title: str, signature: list[str]) -> str:
    head = [title, "临财发〔2025〕8号", "各县（区）财政局：", "现就有关事项通知如下。"]
    return "\n".join([*head, *signature, "2025年3月5日"])


def test_a_title_counting_its_issuers_takes_them_from_a_signature_run_into_one_line():
    names = ["临川市财政局", "临川市教育局", "临川市民政局", "临川市人力资源和社会保障局", "临川市卫生健康委员会"]
    # Printed three and two a line; the cleaner joins lines that end without punctuation.
    signature = ["　　".join(names[:3]), "　　".join(names[3:])]
    (doc,) = parse_text(_joint("临川市财政局等五部门关于做好困难学生资助工作的通知", signature)).documents
    assert doc.issuers == tuple(names)
    text = _joint("临川市财政局等5单位关于做好困难学生资助工作的通知", signature)
    assert parse_text(text).documents[0].issuers == tuple(names)


def test_a_long_signature_line_is_several_names_only_when_each_name_ends_with_an_organ_word():
    long_one = "临川市" + "某" * (MAX_SIGNATURE_LINE_CHARS - 3) + "局"  # one name, over the limit
    assert len(long_one) == MAX_SIGNATURE_LINE_CHARS + 1
    text = _joint("关于做好困难学生资助工作的通知", [long_one])
    assert parse_text(text).documents[0].issuers == ()
    second = "临川市" + "某" * (MAX_SIGNATURE_LINE_CHARS - 9) + "局"
    two = "临川市财政局" + second  # over the limit, two names each under it
    assert len(two) == MAX_SIGNATURE_LINE_CHARS + 1
    assert parse_text(_joint("关于做好困难学生资助工作的通知", [two])).documents[0].issuers == ("临川市财政局", second)


_TOC_BODY = [
    "临川市人民政府关于印发临川市产业发展规划的通知",
    "临府发〔2025〕1号",
    "各县（区）人民政府，市政府各部门：",
    "现将《临川市产业发展规划》印发给你们，请认真贯彻执行。",
    "临川市人民政府",
    "2025年1月3日",
    "临川市产业发展规划",
    "一、发展目标",
    "到2030年，全市数字产业产值达到500亿元。",
    "临川市人民政府办公室关于做好春季防火工作的通知",
    "临府办发〔2025〕9号",
    "各县（区）人民政府：",
    "为做好春季防火工作，根据《江西省人民政府关于加强森林防火工作的意见》（赣府发〔2024〕8号），现通知如下。",
    "临川市人民政府办公室",
    "2025年1月20日",
]


@pytest.mark.parametrize(
    "entries",
    [
        [  # page numbers in brackets after a dotted leader
            "【市政府文件】",
            "临川市人民政府关于印发临川市产业发展规划的通知（临府发〔2025〕1号）……………（2）",
            "【市政府办公室文件】",
            "临川市人民政府办公室关于做好春季防火工作的通知（临府办发〔2025〕9号）………（8）",
        ],
        [  # no leader: the bracketed number, then the bracketed page
            "临川市人民政府关于印发临川市产业发展规划的通知（临府发〔2025〕1号）（2）",
            "临川市人民政府办公室关于做好春季防火工作的通知（临府办发〔2025〕9号）（8）",
        ],
        [  # each number on a line of its own under its title, no page: a title block with no body
            "临川市人民政府关于印发临川市产业发展规划的通知",
            "（临府发〔2025〕1号）",
            "临川市人民政府办公室关于做好春季防火工作的通知",
            "（临府办发〔2025〕9号）",
        ],
        [  # titles only, no numbers and no pages
            "临川市人民政府关于印发临川市产业发展规划的通知",
            "临川市人民政府办公室关于做好春季防火工作的通知",
        ],
    ],
)
def test_a_gazettes_contents_stay_out_of_the_first_title_and_its_references(entries):
    text = "\n".join(["临川市人民政府公报", "2025年第1期", "目　录", *entries, *_TOC_BODY])
    docs = parse_text(text).documents
    assert [(d.doc_number, d.title) for d in docs] == [
        ("临府发〔2025〕1号", "临川市人民政府关于印发临川市产业发展规划的通知"),
        ("临府办发〔2025〕9号", "临川市人民政府办公室关于做好春季防火工作的通知"),
    ]
    assert docs[0].references == ()
    assert [r.doc_number for r in docs[1].references] == ["赣府发〔2024〕8号"]


def test_a_title_on_two_lines_ending_with_a_genre_word_is_still_one_title():
    # The other side of the one-关于 rule: ``……规划`` / ``的通知`` is one title.
    lines = [
        "国务院关于印发全国国土规划纲要",
        "（2016—2030年）的通知",
        "国发〔2017〕3号",
        "各省、自治区、直辖市人民政府：",
    ]
    text = "\n".join([*lines, "现将纲要印发给你们。", "国务院", "2017年1月3日"])
    (doc,) = parse_text(text).documents
    assert doc.title == "国务院关于印发全国国土规划纲要（2016—2030年）的通知"


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("临川市人民政府关于公布名录的通知（临府发〔2025〕1号）……（2）", True),
        ("临川市人民政府关于公布名录的通知（临府发〔2025〕1号）(12)", True),
        ("临川市人民政府关于公布名录的通知……………", True),
        ("临川市人民政府关于公布名录的通知（临府发〔2025〕1号）", False),  # a citation or a title line
        ("根据《临川市人民政府关于公布名录的通知》（临府发〔2025〕1号）", False),
        ("（二）完善养老服务设施（2）", False),
    ],
)
def test_contents_entry_lines(line, entry):
    assert is_contents_entry(line) is entry


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [("二〇二五年一月五日", "2025-01-05"), ("二○二五年十二月三十一日", "2025-12-31"), ("2025年1月5日", "2025-01-05")],
)
def test_a_signature_date_in_chinese_or_arabic_numerals(date_line, iso):
    # Guards a form that already held: GB/T 9704-1999 wrote 成文日期 in Chinese numerals, 2012 in arabic.
    assert parse_text(_opinion(date_line)).documents[0].date == iso


JOINT_TITLE = "临川市财政局临川市教育局临川市民政局关于做好困难学生资助工作的通知"


def _joint_banner_doc(banner_first: bool) -> str:
    banner = "临川市财政局　临川市教育局　临川市民政局文件"
    head = [banner, JOINT_TITLE, "临财发〔2025〕8号"] if banner_first else [banner, "临财发〔2025〕8号", JOINT_TITLE]
    signature = ["临川市财政局　　临川市教育局", "临川市民政局", "2025年3月5日"]
    return "\n".join([*head, "各县（区）财政局、教育局、民政局：", "现就有关事项通知如下。", *signature])


def test_a_joint_banner_is_not_part_of_the_title_above_or_below_the_number():
    # A joint 版头 runs past 20 characters; the cleaner also runs it into the title line below it.
    for banner_first in (True, False):
        (doc,) = parse_text(_joint_banner_doc(banner_first)).documents
        assert doc.title == JOINT_TITLE, banner_first
        assert doc.issuers == ("临川市财政局", "临川市教育局", "临川市民政局")


def test_a_title_holding_the_word_file_keeps_it():
    # The other side: ``规范性文件`` in a title is no 版头 (no organ word before 文件).
    title = "临川市人民政府规范性文件管理办法"
    text = "\n".join(
        [title, "临府发〔2025〕9号", "各县（区）人民政府：", "现将办法公布。", "临川市人民政府", "2025年3月5日"]
    )
    assert parse_text(text).documents[0].title == title


def test_an_upward_number_right_aligned_under_the_title_with_its_signer():
    # Guards a form that already held: 版头, title, then the number pushed right with 签发人.
    lines = ["临川市人民政府文件", "临川市人民政府关于2024年度环境保护工作情况的报告"]
    lines += [" " * 30 + "临府报〔2025〕4号      签发人：李明", "江西省人民政府：", "现将有关情况报告如下。"]
    (doc,) = parse_text("\n".join([*lines, "特此报告。", "临川市人民政府", "二〇二五年一月五日"])).documents
    assert _fields(doc) == (
        "临府报〔2025〕4号",
        "临川市人民政府关于2024年度环境保护工作情况的报告",
        ("临川市人民政府",),
        "2025-01-05",
        ("江西省人民政府",),
        "报告",
    )
    assert doc.references == ()
