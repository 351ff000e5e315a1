"""Leftovers of a web page printed to PDF by a browser: a counter run into the 发文字号 line,
the 信息公开 metadata table drawn as a grid. Each PDF is drawn here (tests/fixtures_build.py)."""

from __future__ import annotations

from pathlib import Path

from fixtures_build import BODY_TOP, LEFT, build_placed_pdf, build_table_pdf
from luoshi.pipeline import parse_file
from luoshi.read import read_file


def _placed(tmp_path: Path, first: str, second: str) -> str:
    """``first`` on one line, ``second`` on the next line further right, then an addressee."""
    items = [
        (LEFT, BODY_TOP, first, 12),
        (LEFT + 150, BODY_TOP - 30, second, 12),
        (LEFT, BODY_TOP - 60, "各区人民政府：", 12),
    ]
    return read_file(build_placed_pdf(tmp_path / "page.pdf", [items])).text


def test_a_counter_dash_does_not_run_into_the_next_line(tmp_path: Path) -> None:
    """A saved page's view counter prints ``浏览次数`` and a ``-`` placeholder; PDFium takes the
    dash for a line-end hyphen and runs the line on into the 发文字号 below. The reader cuts it
    where the text goes on lower down."""
    text = _placed(tmp_path, "浏览次数-", "穗府办规〔2021〕19号")
    assert text.split("\n") == ["浏览次数", "穗府办规〔2021〕19号", "各区人民政府："]


def test_a_hyphenated_latin_word_stays_one_word(tmp_path: Path) -> None:
    """The other side: a Latin word hyphenated at a line end is joined, as PDFium joins it."""
    assert _placed(tmp_path, "the infor-", "mation office").split("\n") == ["the information office", "各区人民政府："]


METADATA = [
    ["索 引 号：", "000014349/2018-00223", "主题分类：", "农业、林业、水利\\农业、畜牧业、渔业"],
    ["发文机关：", "国务院", "成文日期：", "2018年12月21日"],
    ["标　　题：", "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "", ""],
    ["发文字号：", "国发〔2018〕42号", "发布日期：", "2018年12月29日"],
]
BODY = [
    "国务院关于加快推进农业机械化和",
    "农机装备产业转型升级的指导意见",
    "国发〔2018〕42号",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
]


def test_a_metadata_grid_reads_as_label_value_rows(tmp_path: Path) -> None:
    """The State Council's 信息公开 table printed by a browser: narrow label cells wrap
    (``索引`` / ``号：``) and long values wrap. Each row comes back as label and value cells;
    the spacing that stretches a label (``索 引 号``, ``标　　题``) is not kept between hanzi."""
    pdf = build_table_pdf(tmp_path / "meta.pdf", METADATA, [36, 150, 36, 120], after=BODY)
    lines = read_file(pdf).text.split("\n")
    assert lines[:4] == [
        "索引号：\t000014349/2018-00223\t主题分类：\t农业、林业、水利\\农业、畜牧业、渔业",
        "发文机关：\t国务院\t成文日期：\t2018年12月21日",
        "标题：\t国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见\t\t",
        "发文字号：\t国发〔2018〕42号\t发布日期：\t2018年12月29日",
    ]


def test_a_metadata_grid_starts_no_document_of_its_own(tmp_path: Path) -> None:
    """Through the pipeline: the grid is the page's metadata, the notice below it the one
    document, with the number and date the grid gives."""
    pdf = build_table_pdf(tmp_path / "meta.pdf", METADATA, [36, 150, 36, 120], after=BODY)
    documents = parse_file(pdf).documents
    assert len(documents) == 1
    assert documents[0].doc_number == "国发〔2018〕42号"
    assert documents[0].date == "2018-12-21"
