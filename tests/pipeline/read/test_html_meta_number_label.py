"""A saved page's metadata table outside the body whose number row is labelled ``文件编号`` (a key
``luoshi.header`` reads a 发文字号 from) is the page's metadata table: with two more labels it is put
before the body, so the document has its number though the body's own number line is garbled."""

from __future__ import annotations

import tempfile
from pathlib import Path

from luoshi.pipeline import parse_file

TITLE = "某某区人民政府关于印发《某某区人民政府工作规则》的通知"
BODY = [
    "某府〔20221",  # the body's number line, its 〕 and 号 lost
    TITLE,
    "区政府各委、办、局，各街道办事处、镇政府：",
    "《某某区人民政府工作规则》已经区政府常务会议审议通过，现予印发，请认真遵照执行。",
    "某某区人民政府",
    "2022年1月28日",
    "某某区人民政府工作规则",
    "一、区政府工作的指导思想是，严格遵守宪法和法律，全面正确履行政府职能，建设人民满意的服务型政府。",
]


def _page(rows: list[tuple[str, str]]) -> str:
    meta = "".join(f"<tr><td>{k}：</td><td>{v}</td></tr>" for k, v in rows)
    body = "".join(f"<p>{line}</p>" for line in BODY)
    return (
        '<html><head><meta charset="utf-8"></head><body><div class="nav"><a>首页</a><a>政务公开</a></div>'
        f'<div class="meta"><table>{meta}</table></div><div class="content">{body}</div>'
        '<div class="footer">主办：某某区人民政府办公室</div></body></html>'
    )


def _doc(rows: list[tuple[str, str]]):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(_page(rows), encoding="utf-8")
        (doc,) = parse_file(path).documents
    return doc


def test_a_table_numbered_by_file_number_gives_the_doc_number():
    doc = _doc([("索引号", "SY-000000-2022-00001"), ("文件编号", "某府〔2022〕1号"), ("发布机构", "区政府")])
    assert doc.doc_number == "某府〔2022〕1号"


def test_two_labels_are_no_metadata_table():
    # the other side of MIN_META_LABELS: 文件编号 and one more label are not yet a table
    doc = _doc([("文件编号", "某府〔2022〕1号"), ("公开类别", "主动公开")])
    assert doc.doc_number is None
