"""Splitter rule ``cited-in-table``: a 发文字号 that is a cell of a table listing documents never
opens a document.

A 政策清单 or 文件目录 prints each document's title and number in a row (序号, 名称, 文号…); a text
layer or a crawler may give every cell a line of its own, so each number stands beside a title
ending in its 文种, as a real title block does. ``listing`` already caught every entry but the
last, which then opened a "document" that swallowed the notice. The documents are written here
in the genre's shapes. Each test failed on main c858c01 unless it says it guards.
"""

from __future__ import annotations

import io
from pathlib import Path

from doc_builder import parse_lines
from luoshi.cli import run_parse

NOTICE = [
    "甲市人民政府办公室关于印发甲市惠企政策清单的通知",
    "各县（区）人民政府，市政府各部门：",
    "现将《甲市惠企政策清单》印发给你们，请认真贯彻执行。",
    "甲市人民政府办公室",
    "2023年5月6日",
    "甲市惠企政策清单",
]
ROWS = [
    "1",
    "甲市人民政府关于支持中小企业发展的若干意见",
    "甲政发〔2022〕3号",
    "2",
    "甲市人民政府办公室关于促进消费的通知",
    "甲政办发〔2023〕12号",
    "3",
    "甲市人民政府关于稳定就业的实施意见",
    "甲政发〔2023〕8号",
]
NEXT_DOCUMENT = [
    "甲市人民政府关于做好春耕生产工作的通知",
    "甲政发〔2023〕9号",
    "各县（区）人民政府，市政府各部门：",
    "为做好今年春耕生产工作，现就有关事项通知如下。",
    "甲市人民政府",
    "2023年3月1日",
]


def test_a_list_of_documents_with_a_header_row_opens_no_document():
    (doc,) = parse_lines([*NOTICE, "序号", "政策名称", "文号", *ROWS])
    assert doc.title == "甲市人民政府办公室关于印发甲市惠企政策清单的通知"
    assert doc.doc_number is None
    assert doc.date == "2023-05-06"


def test_rows_with_a_serial_cell_open_no_document_without_a_header_row():
    (doc,) = parse_lines([*NOTICE, *ROWS])
    assert doc.title == "甲市人民政府办公室关于印发甲市惠企政策清单的通知"
    assert doc.doc_number is None


def test_a_real_document_after_the_notice_and_its_table_still_opens():
    # the table is closed by the next notice's own date: its number stands in a title block again
    numbered = [NOTICE[0], "甲政办发〔2023〕20号", *NOTICE[1:]]
    docs = parse_lines([*numbered, "序号", "政策名称", "文号", *ROWS, "2023年5月6日", *NEXT_DOCUMENT])
    assert [d.doc_number for d in docs] == ["甲政办发〔2023〕20号", "甲政发〔2023〕9号"]
    assert [d.title for d in docs] == [NOTICE[0], NEXT_DOCUMENT[0]]


def test_a_gazette_title_block_is_no_table_cell():
    # guards (passes on main): a single cell name (文号 alone) is a page's key, not a header row,
    # and a title block after a sentence has no 序号 cell above it; the number opens a document
    (doc,) = parse_lines(["文号", *NEXT_DOCUMENT])
    assert doc.doc_number == "甲政发〔2023〕9号"
    docs = parse_lines(["这是上一份文件的最后一句。", "2", *NEXT_DOCUMENT[2:], *NEXT_DOCUMENT])
    assert docs[-1].doc_number == "甲政发〔2023〕9号"


def test_explain_names_the_rule_for_each_cell(tmp_path: Path):
    path = tmp_path / "list.txt"
    path.write_text("\n".join([*NOTICE, "序号", "政策名称", "文号", *ROWS]), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(path)], "text", out, err, explain=True) == 0, err.getvalue()
    lines = [line for line in out.getvalue().splitlines() if "cited-in-table — " in line]
    assert [line.split()[1] for line in lines] == ["甲政发〔2022〕3号:", "甲政办发〔2023〕12号:", "甲政发〔2023〕8号:"]
    assert "0 of 3 number line(s) open one" in out.getvalue()
