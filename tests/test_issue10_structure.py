"""Issue 10, structure half: one test per loss class, each on a document written here.

Each test fails on the code before the fix (commit message names the class).
"""

from __future__ import annotations

from pathlib import Path

from luoshi.clean import clean
from luoshi.model import SourceText
from luoshi.pipeline import parse_text


def _clean(text: str):
    return clean(SourceText(path=Path("t.txt"), text=text, kind="txt"))


# A gazette typeset as a printed page: 22 characters a line, a blank line after each, the
# column head on the first page and again after a page number.
_FILL = "为做好试点工作现就有关事项通知如下各地要认"


def _gazette_issue() -> str:
    lines = [
        " 上级文件",
        "省人民政府关于开展试点工作的通知",
        "某政发〔２０２０〕３号",
        "各市（州）人民政府，省政府各部门：",
        _FILL,
        _FILL,
        "真落实。",
        "省人民政府",
        "２０２０年３月４日",
        "１２",
        "",
        "",
        "上级文件",
        "省人民政府办公厅关于做好监测工作的通知",
        "某办发〔２０２０〕９号",
        "各市（州）人民政府：",
        _FILL,
        _FILL,
        "真落实。",
        "省人民政府办公厅",
        "２０２０年３月９日",
        "１３",
    ]
    return "\n\n".join(lines) + "\n"


def test_gazette_running_head_stays_out_of_titles_and_k_copies_give_k_times_the_documents():
    one = parse_text(_gazette_issue()).documents
    assert [d.doc_number for d in one] == ["某政发〔2020〕3号", "某办发〔2020〕9号"]
    for k in (2, 3):
        docs = parse_text(_gazette_issue() * k).documents
        assert len(docs) == 2 * k
        assert [d.doc_number for d in docs] == [d.doc_number for d in one] * k
        for d in docs:
            assert "上级文件" not in (d.title or "")
            assert all("上级文件" not in x for x in d.issuers)
            assert d.date in ("2020-03-04", "2020-03-09")
