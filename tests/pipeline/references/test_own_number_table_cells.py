"""A page's metadata table saved as text with its cell rules: ``文号 | 甲政办发〔2021〕8号 |`` labels the
document's own number, as ``文号：`` does. A table of cited documents keeps its numbers."""

from __future__ import annotations

from luoshi.pipeline import parse_text

PAGE = """甲县人民政府办公室关于印发《甲县乙资金管理办法》的通知
索引号 | 000000/2021-1 | 公开目录: | 县政府办文件 |
文号 | 甲政办发〔2021〕8号 | 成文日期: | 2021年09月28日 |
根据《乙省财政厅关于乙资金管理的通知》（乙财农〔2021〕22号）精神，现将《甲县乙资金管理办法》印发给你们，请遵照执行。
甲县人民政府办公室
2021年9月28日
"""

CITED_TABLE = """甲县人民政府关于废止部分文件的决定
各乡镇人民政府，县政府各部门：
决定废止下列文件：
| 序号 | 文件名称 | 文号 |
| 1 | 《甲县乙工作办法》 | 甲政发〔2015〕3号 |
| 2 | 《甲县丙工作办法》 | 甲政发〔2016〕4号 |
甲县人民政府
2021年9月28日
"""


def refs_of(text: str) -> list[str]:
    return [r.doc_number for d in parse_text(text).documents for r in d.references]


def test_the_number_in_a_ruled_metadata_cell_is_the_documents_own():
    # Failed on main: 甲政办发〔2021〕8号 was listed as a reference of the document itself.
    assert refs_of(PAGE) == ["乙财农〔2021〕22号"]


def test_numbers_in_a_ruled_table_of_cited_documents_stay_references():
    assert refs_of(CITED_TABLE) == ["甲政发〔2015〕3号", "甲政发〔2016〕4号"]
