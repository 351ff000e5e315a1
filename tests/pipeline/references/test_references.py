"""References: cited 发文字号 in normal form, with the 《title》 before them."""

from __future__ import annotations

import json

import pytest
from msgspec.structs import replace

from doc_builder import build, exact_gold, parse_corpus
from luoshi.extract.references import extract_references, find_citations, normalize_doc_number


def cites(text: str) -> list[tuple[str, str | None]]:
    return [(c.doc_number, c.title) for c in find_citations(text)]


def test_number_with_title_in_brackets():
    text = "为贯彻落实《国务院办公厅关于促进农村电子商务加快发展的指导意见》（国办发〔2015〕78号），加快发展"
    assert cites(text) == [("国办发〔2015〕78号", "国务院办公厅关于促进农村电子商务加快发展的指导意见")]


def test_order_number_keeps_inner_angle_brackets_in_title():
    text = "落实人力资源社会保障部《关于废止〈招用技术工种从业人员规定〉的通知》（人力资源和社会保障部令第26号）。"
    assert cites(text) == [("人力资源和社会保障部令第26号", "关于废止〈招用技术工种从业人员规定〉的通知")]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("川办发[2016]14号", "川办发〔2016〕14号"),
        ("国发〔2017〕5 号", "国发〔2017〕5号"),
        ("国发(2016)5号", "国发〔2016〕5号"),
        ("国办发【2016】82号", "国办发〔2016〕82号"),
        ("绵府办函.2016.1号", "绵府办函〔2016〕1号"),
        ("绵府办函．2016．1号", "绵府办函〔2016〕1号"),
        ("国务院令第588号", "国务院令第588号"),
        ("赣府字﹝2022﹞8号", "赣府字〔2022〕8号"),  # small-form brackets of a web copy
        ("粤府办〖2019〗3号", "粤府办〔2019〕3号"),
    ],
)
def test_numbers_are_restored_to_normal_form(raw, normal):
    assert [n for n, _ in cites(f"根据{raw}要求")] == [normal]
    assert normalize_doc_number(raw) == normal


def test_several_citations_each_with_its_own_title():
    text = (
        "根据《国务院关于印发促进大数据发展行动纲要的通知》（国发〔2015〕50号）、国家发改委等8家部委"
        "《关于印发促进智慧城市健康发展的指导意见的通知》（发改高技〔2014〕1770号）要求"
    )
    assert cites(text) == [
        ("国发〔2015〕50号", "国务院关于印发促进大数据发展行动纲要的通知"),
        ("发改高技〔2014〕1770号", "关于印发促进智慧城市健康发展的指导意见的通知"),
    ]


def test_number_without_title_has_none():
    assert cites("按照国办发〔2016〕82号文件精神") == [("国办发〔2016〕82号", None)]


@pytest.mark.parametrize(
    "text",
    [
        "ZJAC01-2025-0005",
        "2016年3月4日印发",
        "《中华人民共和国政府采购法》",
        "《四川省定价目录（2015版）》规定",
        "第3号",
        "按照令第3号",
    ],
)
def test_non_numbers_are_not_citations(text):
    assert cites(text) == []


def test_document_own_number_and_header_line_are_excluded_and_numbers_deduplicated():
    doc, ct = build(
        [
            (("一",), ["根据《甲通知》（国发〔2015〕50号）和国发〔2015〕50号，以及国办发〔2016〕1号。"]),
            (("二",), ["落实《乙意见》（国办发[2016]1号）。"]),
        ],
        preamble=["杭政办函〔2025〕16 号", "ZJAC01-2025-0005", "杭政办函〔2025〕16号"],
        doc_number="杭政办函〔2025〕16号",
    )
    refs = extract_references(doc, ct)
    assert [(r.doc_number, r.title) for r in refs] == [
        ("国发〔2015〕50号", "甲通知"),
        ("国办发〔2016〕1号", "乙意见"),  # the later citation gives the title
    ]
    for r in refs:
        cited = ct.text[r.span.start : r.span.end]
        assert normalize_doc_number(cited.rsplit("（", 1)[-1]) == r.doc_number


def test_header_number_line_is_not_a_reference_when_the_header_missed_it():
    doc, ct = build([(("一",), ["做好工作。"])], preamble=["川办发〔2016〕14号"])
    doc = replace(doc, body_start=len(ct.text))
    assert extract_references(doc, ct) == ()


GOLD = exact_gold()


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda f: f.name[:24])
def test_gold_references(gold_file):
    result = parse_corpus(gold_file.input.name)
    gold = json.loads(gold_file.gold.read_text(encoding="utf-8"))
    pred = {d.doc_number or d.title: d for d in result.documents}
    for gdoc in gold["documents"]:
        doc = pred[gdoc["doc_number"] or gdoc["title"]]
        got = [(r.doc_number, r.title) for r in doc.references]
        assert sorted(got) == sorted((r["doc_number"], r["title"]) for r in gdoc["references"])


def test_title_run_into_its_number_does_not_join_the_organ_code():
    text = "某某县人民政府办公厅关于印发某某措施的通知某政办〔2023〕2号 各乡镇："
    assert [c.doc_number for c in find_citations(text)] == ["某政办〔2023〕2号"]


def test_a_number_cited_many_times_in_a_long_body_is_one_reference():
    """Each citation checks only the characters right before it for ``发文字号：`` (linear in the body)."""
    body = "根据《某某办法》（某政发〔2020〕1号），" * 2000
    doc, clean = build([(("一",), [body])])
    refs = extract_references(doc, clean)
    assert [r.doc_number for r in refs] == ["某政发〔2020〕1号"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "根据《关于延续实施个人所得税优惠政策的公告》（财政部 税务总局公告2023年第12号）执行。",
            [("财政部税务总局公告2023年第12号", "关于延续实施个人所得税优惠政策的公告")],
        ),
        ("按照国家税务总局公告2025年第1号的规定办理。", [("国家税务总局公告2025年第1号", None)]),
        (
            "依据《某某规定》（国家发展改革委 商务部令2020年第32号）",
            [("国家发展改革委商务部令2020年第32号", "某某规定")],
        ),
    ],
)
def test_numbered_announcements_and_joint_orders_are_citations(text, expected):
    # A ministry's 公告 is numbered by year and serial (no brackets); joint numbers print a space
    # between the organs. Failed on e83b50c (no citation, or only the second organ).
    assert cites(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本公告2025年第3号文件同时废止",  # no organ before 公告
        "详见公告 2025年第1号附件",  # a space before the year is fine, but no organ
        "按照要求 国务院令第588号",  # the space after a non-organ word is not crossed
    ],
)
def test_announcement_and_order_numbers_need_an_organ(text):
    assert [n for n, _ in cites(text)] in ([], ["国务院令第588号"])
    assert all(not n.startswith(("本", "按照", "要求")) for n, _ in cites(text))


def test_a_standing_committee_announcement_is_numbered_within_its_term():
    # The law a people's congress enacted is cited by its standing committee's 公告, numbered
    # within the term its name gives: no year. Missed before (the 公告 head wanted a year).
    text = "根据《某省实习见习条例》（某省第十一届人民代表大会常务委员会公告第35号），制定本办法。"
    assert cites(text) == [("某省第十一届人民代表大会常务委员会公告第35号", "某省实习见习条例")]
    # Any other 公告 without a year is no number: a ministry's always carries its year.
    assert cites("按照国家税务总局公告第5号执行。") == []
    assert cites("详见市政府公告第3号。") == []
