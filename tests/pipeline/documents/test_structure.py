"""Splitting a gazette, reading headers (GB/T 9704) and building the outline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doc_builder import exact_gold
from luoshi.contract import to_contract
from luoshi.outline import build_outline, match_marker, split_closing
from luoshi.patterns import genre_of, parse_date_line
from luoshi.pipeline import parse_file, parse_text
from luoshi.split import Paragraph

GAZETTE = """国务院关于测试工作的指导意见
国发〔２０１６〕１７号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为做好测试工作，现提出如下意见。
一、总体要求
（一）指导思想。坚持测试。
国务院
２０１６年３月４日
四川省人民政府办公厅
关于印发测试工作要点的通知
川办发[2016]14号
各市（州）、县（市、区）人民政府，省政府各部门、各直属机构，有关单位：
《测试工作要点》已经省政府同意，现印发给你们，请认真贯彻执行。
四川省人民政府办公厅
２０１６年３月３日
测试工作要点
一、深入推进改革
１．对照清单开展清理。（责任单位：省法制办）
２．规范审批行为。
二、深入推进投资审批改革
３．完善平台。
"""


def test_gazette_splits_into_documents_and_reads_each_header():
    docs = parse_text(GAZETTE).documents
    assert [d.doc_number for d in docs] == ["国发〔2016〕17号", "川办发〔2016〕14号"]
    first, second = docs
    assert first.title == "国务院关于测试工作的指导意见"
    assert first.genre == "意见" and first.issuers == ("国务院",) and first.date == "2016-03-04"
    assert first.addressees == ("各省、自治区、直辖市人民政府", "国务院各部委、各直属机构")
    assert first.forwarded_title is None
    # Multi-line title joined; square brackets normalised; the 印发 notice and its document are one.
    assert second.title == "四川省人民政府办公厅关于印发测试工作要点的通知"
    assert second.genre == "通知" and second.date == "2016-03-03"
    assert second.addressees[0] == "各市（州）、县（市、区）人民政府"
    assert second.forwarded_title == "测试工作要点"
    # The outline is the forwarded document's; arabic items run on across sections.
    paths = [n.path for n in second.nodes()]
    assert paths == [("一",), ("一", "1"), ("一", "2"), ("二",), ("二", "3")]


def test_text_without_document_number_is_one_document():
    docs = parse_text("各区、县人民政府：\n一、总体要求\n坚持发展。\n").documents
    assert len(docs) == 1 and docs[0].doc_number is None and docs[0].title is None
    assert docs[0].addressees == ("各区、县人民政府",)


def test_banner_style_header_takes_title_below_the_number():
    text = "\n".join(
        [
            "某市人民政府办公厅文件",
            "某政办函〔2025〕16 号",
            "某市人民政府办公厅关于",
            "印发某某措施的通知",
            "各区政府：",
            "正文。",
        ]
    )
    doc = parse_text(text).documents[0]
    assert doc.doc_number == "某政办函〔2025〕16号"
    assert doc.title == "某市人民政府办公厅关于印发某某措施的通知"
    assert doc.forwarded_title == "某某措施"


def test_web_metadata_table_fills_missing_fields():
    table = [
        "发文机关：\t国务院\t成文日期：\t2019年01月12日",
        "标题：\t国务院关于某事的意见",
        "发文字号：\t国发〔2019〕3号\t发布日期：\t2019年01月25日",
    ]
    text = "\n".join([*table, "国务院关于某事的意见", "国发〔2019〕3号", "各省人民政府：", "正文。"])
    doc = parse_text(text).documents[0]
    assert doc.date == "2019-01-12"  # 成文日期, never 发布日期
    assert doc.title == "国务院关于某事的意见"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016年3月4日", "2016-03-04"),
        ("二○一二年一月九日", "2012-01-09"),
        ("一九九七年四月八日", "1997-04-08"),
        ("2016年13月4日", None),
        ("2016年3月", None),
        ("二O二四年三月二十一日", "2024-03-21"),  # a letter O typed for 〇
        ("二0二四年三月一日", "2024-03-01"),
        ("二O二四年O月一日", None),  # a lookalike zero only in the year
    ],
)
def test_date_lines(text, expected):
    assert parse_date_line(text) == expected


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("国务院关于加快推进农业机械化的指导意见", "意见"),
        ("国务院关于促进综合保税区发展的若干意见", "意见"),
        ("关于印发某方案的通知", "通知"),
        ("某市绿色建筑管理办法（试行）", "办法"),
        ("某某工作", None),
    ],
)
def test_genre(title, genre):
    assert genre_of(title) == genre


@pytest.mark.parametrize(
    ("text", "kind", "numeral"),
    [
        ("一、总体要求", "cn", "一"),
        ("（十二）加强领导。", "paren_cn", "十二"),
        ("1.对照清单", "arabic", "1"),
        ("（2）建立机制", "paren_arabic", "2"),
        ("①完善制度", "circled", "1"),
        ("第三条 本办法适用于", "article", "三"),
        ("㈡加强管理", "paren_cn", "二"),
    ],
)
def test_markers(text, kind, numeral):
    found = match_marker(text)
    assert found is not None and found.kind.value == kind and found.numeral == numeral


@pytest.mark.parametrize("text", ["2016年工作要点", "1.4片以上", "（市、区）人民政府", "一体化发展"])
def test_not_markers(text):
    assert match_marker(text) is None


def _paras(lines: list[str]) -> tuple[Paragraph, ...]:
    out, pos = [], 0
    for line in lines:
        out.append(Paragraph(pos, pos + len(line), line))
        pos += len(line) + 1
    return tuple(out)


def test_outline_nesting_run_in_headings_and_preamble():
    built = build_outline(
        _paras(
            [
                "为了测试。",
                "一、总体要求",
                "（一）指导思想。坚持测试。",
                "补充段落。",
                "（二）基本原则。",
                "二、主要任务",
                "1.任务一",
                "（1）细项",
                "2.任务二",
            ]
        )
    )
    assert [p.text for p in built.preamble] == ["为了测试。"]
    roots = built.nodes
    first = roots[0]
    assert first.heading == "总体要求"
    assert [c.path for c in first.children] == [("一", "一"), ("一", "二")]
    assert first.children[0].heading == "指导思想。"
    assert [p.text for p in first.children[0].paragraphs] == ["指导思想。坚持测试。", "补充段落。"]
    second = roots[1]
    assert [n.path for n in second.walk()] == [("二",), ("二", "1"), ("二", "1", "1"), ("二", "2")]


def test_numbers_in_text_are_not_taken_for_items():
    roots = build_outline(_paras(["一、目标", "2018年底前完成。", "3.不是第一项"])).nodes
    assert [n.path for n in roots[0].walk()] == [("一",)]


def test_closing_paragraphs_leave_the_last_item():
    outline = split_closing(build_outline(_paras(["一、任务", "（一）做事。", "本措施自2025年6月1日起施行。"])))
    assert [p.text for p in outline.closing] == ["本措施自2025年6月1日起施行。"]
    assert [p.text for p in outline.nodes[0].children[0].paragraphs] == ["做事。"]


FIELDS = ("doc_number", "title", "issuers", "date", "addressees", "genre", "forwarded_title")


@pytest.mark.parametrize("gold_file", exact_gold(), ids=lambda f: f.name[:24])
def test_document_fields_match_gold(gold_file):
    name = gold_file.name
    gold = json.loads(gold_file.gold.read_text(encoding="utf-8"))
    pred = to_contract(parse_file(gold_file.input))
    assert len(pred["documents"]) == len(gold["documents"])
    for g, p in zip(gold["documents"], pred["documents"], strict=True):
        for field in FIELDS:
            assert p[field] == g[field], (name, field)


def test_every_corpus_file_parses_with_spans_inside_the_text(shared: Path):
    for path in sorted((shared / "corpus").glob("*.txt")):
        result = parse_file(path)
        assert result.documents, path.name
        n = len(result.clean.text)
        for doc in result.documents:
            for node in doc.nodes():
                assert 0 <= node.start <= node.end <= n
                for p in node.paragraphs:
                    assert result.clean.text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    "number_lines",
    [
        ["临府呈〔2024〕5号　　　　　签发人：王明"],  # 上行文: 签发人 on the number's line (GB/T 9704 7.2.4)
        ["临府呈〔2024〕5号", "签发人：王明　李华"],
    ],
)
def test_upward_document_with_a_signer_keeps_its_number_title_and_addressee(number_lines):
    text = "\n".join(
        [
            "临川市人民政府文件",
            *number_lines,
            "临川市人民政府关于申请设立临川综合保税区的请示",
            "江西省人民政府：",
            "为加快开放型经济发展，现申请设立临川综合保税区。",
            "妥否，请批示。",
            "临川市人民政府",
            "2024年5月6日",
        ]
    )
    (doc,) = parse_text(text).documents
    assert doc.doc_number == "临府呈〔2024〕5号"
    assert doc.title == "临川市人民政府关于申请设立临川综合保税区的请示"
    assert (doc.genre, doc.addressees, doc.date) == ("请示", ("江西省人民政府",), "2024-05-06")


GAZETTE_WITH_TOC = "\n".join(
    [
        "临川市人民政府公报",
        "2024年第1期",
        "目　录",
        "临川市人民政府关于公布第一批市级非物质文化遗产名录的通知（临府发〔2024〕1号）……………………1",
        "临川市人民政府办公室关于印发临川市城市更新行动方案的通知（临府办发〔2024〕2号）………………3",
        "临川市人民政府关于公布第一批市级非物质文化遗产名录的通知",
        "临府发〔2024〕1号",
        "各县（区）人民政府，市政府各部门：",
        "现将第一批市级非物质文化遗产名录予以公布。",
        "临川市人民政府",
        "2024年1月5日",
        "抄送：市委办公室，市人大常委会办公室。",
        "临川市人民政府办公室　　　　　　2024年1月6日印发",
        "— 1 —",
        "临川市人民政府公报",
        "临川市人民政府办公室关于印发临川市城市更新行动方案的通知",
        "临府办发〔2024〕2号",
        "各县（区）人民政府，市政府各部门：",
        "《临川市城市更新行动方案》已经市政府同意，现印发给你们。",
        "临川市人民政府办公室",
        "2024年1月9日",
        "临川市城市更新行动方案",
        "一、主要目标",
        "到2026年，完成城镇老旧小区改造200个。（市住房城乡建设局负责）",
    ]
)


def test_a_gazettes_contents_head_and_print_lines_stay_out_of_titles_and_references():
    docs = parse_text(GAZETTE_WITH_TOC).documents
    assert [(d.doc_number, d.title, d.issuers) for d in docs] == [
        ("临府发〔2024〕1号", "临川市人民政府关于公布第一批市级非物质文化遗产名录的通知", ("临川市人民政府",)),
        ("临府办发〔2024〕2号", "临川市人民政府办公室关于印发临川市城市更新行动方案的通知", ("临川市人民政府办公室",)),
    ]
    assert docs[0].references == ()  # the contents line citing the next document is not the text
