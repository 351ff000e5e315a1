"""A page's metadata may name the 发文字号 ``文件编号`` (a key of Shanghai's sites), with or without
its colon: the document's own number, not a reference."""

from luoshi.pipeline import parse_text


def _page(row: str) -> str:
    return "\n".join(
        [
            "甲区人民政府关于印发《甲区人民政府工作规则》的通知",
            "索引号 SY-000000-2026-00001",
            row,
            "发布机构 区政府",
            "甲区人民政府关于印发《甲区人民政府工作规则》的通知",
            "区政府各委、办、局，各街道办事处：",
            "《甲区人民政府工作规则》已经区政府常务会议审议通过，现予印发。",
        ]
    )


def test_file_number_key_gives_the_documents_own_number():
    for row in ("文件编号 甲府〔2026〕1号", "文件编号：甲府〔2026〕1号"):
        (doc,) = parse_text(_page(row)).documents
        assert doc.doc_number == "甲府〔2026〕1号", row
        assert doc.references == (), row
    # a code that is no 发文字号 under the same key gives none
    (doc,) = parse_text(_page("文件编号 SY-2026-01")).documents
    assert doc.doc_number is None
