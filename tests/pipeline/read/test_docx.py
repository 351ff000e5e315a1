"""DOCX reader: body order, table rows as tab-separated lines, errors coded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from fixtures_build import build_docx
from luoshi.errors import ErrorCode, LuoshiError
from luoshi.read import read_file

TABLE = [
    ["序号", "改革举措", "负责单位"],
    ["1", "知识产权证券化", "国家知识产权局"],
    ["2", "专利快速审查", "国家知识产权局、财政部"],
]


def test_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    path = build_docx(
        tmp_path / "notice.docx",
        ["国务院办公厅关于推广第二批支持创新相关改革举措的通知", "　　一、推广的改革举措", TABLE, "", "国务院办公厅"],
    )
    source = read_file(path)
    assert source.text == (
        "国务院办公厅关于推广第二批支持创新相关改革举措的通知\n"
        "　　一、推广的改革举措\n"
        "序号\t改革举措\t负责单位\n"
        "1\t知识产权证券化\t国家知识产权局\n"
        "2\t专利快速审查\t国家知识产权局、财政部\n"
        "\n"
        "国务院办公厅"
    )
    assert source.kind == "docx"


def test_merged_cells_are_written_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "举措", "单位"], ["1", "甲", "科技部"], ["2", "乙", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 2).merge(table.cell(2, 2))  # 科技部 responsible for rows 1 and 2
    table.cell(0, 0).merge(table.cell(0, 1)).text = "序号与举措"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_file(path).text == "序号与举措\t单位\n1\t甲\t科技部\n2\t乙\t"


def test_cell_paragraphs_stay_on_the_row_line(tmp_path: Path) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    cell.text = "1.建立制度"
    cell.add_paragraph("2.完善机制")
    document.add_paragraph("后文")
    path = tmp_path / "cell.docx"
    document.save(str(path))
    assert read_file(path).text == "\t1.建立制度 2.完善机制\n后文"


def test_content_controls_and_tracked_insertions_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一段")
    body = document.element.body
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    inserted = parse_xml(
        f"<w:p {nsdecls('w')}><w:r><w:t>原有</w:t></w:r><w:ins w:id='1' w:author='a'>"
        "<w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id='2' w:author='a'><w:r><w:delText>删除</w:delText>"
        "</w:r></w:del><w:moveFrom w:id='3' w:author='a'><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>"
    )
    body.insert(len(body) - 1, sdt)  # before sectPr
    body.insert(len(body) - 1, inserted)
    path = tmp_path / "controls.docx"
    document.save(str(path))
    assert read_file(path).text == "第一段\n控件里的段落\n原有插入"


def test_tabs_and_line_breaks_inside_a_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("联系人：张三")
    run.add_tab()
    run.add_text("电话：12345")
    run.add_break()
    run.add_text("地址：某路1号")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    assert read_file(path).text == "联系人：张三\t电话：12345\n地址：某路1号"


def _docx_bytes(tmp_path: Path) -> bytes:
    return build_docx(tmp_path / "base.docx", ["正文"]).read_bytes()


def _rewrite(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info, content)
    return out.getvalue()


def _error(tmp_path: Path, data: bytes) -> LuoshiError:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    return info.value


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    data = _docx_bytes(tmp_path)
    assert _error(tmp_path, data[: len(data) // 2]).code is ErrorCode.CORRUPT


def test_broken_document_xml_is_corrupt(tmp_path: Path) -> None:
    data = _rewrite(_docx_bytes(tmp_path), lambda n, c: c[: len(c) // 2] if n == "word/document.xml" else c)
    assert _error(tmp_path, data).code is ErrorCode.CORRUPT


def test_missing_main_part_is_corrupt(tmp_path: Path) -> None:
    data = _rewrite(_docx_bytes(tmp_path), lambda n, c: None if n == "word/document.xml" else c)
    assert _error(tmp_path, data).code is ErrorCode.CORRUPT


def test_spreadsheet_named_docx(tmp_path: Path) -> None:
    def as_xlsx(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")
        return content

    assert _error(tmp_path, _rewrite(_docx_bytes(tmp_path), as_xlsx)).code is ErrorCode.WRONG_EXTENSION


def test_plain_zip_named_docx(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _error(tmp_path, out.getvalue()).code is ErrorCode.WRONG_EXTENSION


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "legacy Office"),
        ("一、总体要求".encode(), "text"),
        (b"%PDF-1.4\n", "PDF"),
    ],
    ids=["doc", "text", "pdf"],
)
def test_not_a_zip_named_docx(tmp_path: Path, data: bytes, what: str) -> None:
    error = _error(tmp_path, data)
    assert error.code is ErrorCode.WRONG_EXTENSION
    assert what in error.message


def test_docx_with_no_text_is_empty(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "blank.docx", ["", "  "])
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.EMPTY


def test_text_box_is_read_once_before_its_anchor_paragraph(tmp_path: Path) -> None:
    """Word writes a text box twice (mc:Choice and the mc:Fallback copy); read it once."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"
    paragraph = parse_xml(
        f"<w:p {nsdecls('w')} xmlns:mc='{mc}'><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>"
        "</mc:AlternateContent></w:r><w:r><w:t>段落正文</w:t></w:r></w:p>"
    )
    document = docx.Document()
    body = document.element.body
    body.insert(len(body) - 1, paragraph)
    path = tmp_path / "textbox.docx"
    document.save(str(path))
    assert read_file(path).text == "框内文字\n段落正文"


GB_OUTLINE_NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
</w:abstractNum>
"""


def test_automatic_numbering_is_written_into_the_text(tmp_path: Path) -> None:
    """Word draws 一、（一）1.① from numbering.xml; the outline stage needs them in the text."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(GB_OUTLINE_NUMBERING.format(ns=nsdecls("w")))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int | None) -> None:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

    for text, level in [
        ("总体要求", 0), ("指导思想。", 1), ("基本原则。", 1), ("坚持问题导向。", 2), ("细则", 3),
        ("坚持系统观念。", 2), ("主要任务", 0), ("完善制度。", 1), ("正文段落", None),
    ]:  # fmt: skip
        item(text, level)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert read_file(path).text == (
        "一、总体要求\n（一）指导思想。\n（二）基本原则。\n1.坚持问题导向。\n①细则\n"
        "2.坚持系统观念。\n二、主要任务\n（一）完善制度。\n正文段落"
    )


def test_bulleted_list_gets_no_marker(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("要点一", style="List Bullet")
    path = tmp_path / "bullets.docx"
    document.save(str(path))
    assert read_file(path).text == "要点一"
