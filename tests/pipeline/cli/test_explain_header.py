"""``--explain`` names, for each document, the rule that found each header field."""

from __future__ import annotations

import io
from pathlib import Path

from luoshi.cli import run_parse
from luoshi.header import HEADER_RULES

GAZETTE = """甲市人民政府关于加强河道管理的意见
甲政发〔2026〕4号
各县（区）人民政府，市政府各部门：
为加强河道管理，提出如下意见。
一、总体要求
坚持系统治理。
甲市人民政府
2026年2月3日
甲市人民政府办公室文件
甲政办发〔2026〕9号
甲市人民政府办公室关于印发甲市防汛工作方案的通知
各县（区）人民政府：
现将《甲市防汛工作方案》印发给你们，请认真贯彻执行。
甲市人民政府办公室
2026年3月1日
甲市防汛工作方案
一、工作目标
确保安全度汛。
"""

REPORT = """政府工作报告
——2026年1月10日在甲县第十八届人民代表大会第五次会议上
各位代表：
现在，我代表县人民政府，向大会报告工作，请予审议。
一、2025年工作回顾
全县经济稳步增长。
"""


def _explain(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_parse([str(path)], "text", out, err, explain=True) == 0
    return out.getvalue().splitlines()


def _header_lines(lines: list[str], document: int) -> list[str]:
    """The ``header:`` block of the ``document``-th document (1-based)."""
    starts = [i for i, line in enumerate(lines) if line.startswith("== ")]
    block = lines[starts[document - 1] : starts[document] if document < len(starts) else len(lines)]
    k = block.index("   header:")
    out = []
    for line in block[k + 1 :]:
        if not line.startswith("    "):
            break
        out.append(line.strip())
    return out


def _rule(lines: list[str], label: str) -> str:
    (line,) = [x for x in lines if x.startswith(label + " ")]
    return line.split("  ← ", 1)[1].split(" (", 1)[0]


def test_each_document_of_a_gazette_names_its_header_rules(tmp_path):
    lines = _explain(tmp_path, GAZETTE)
    first, second = _header_lines(lines, 1), _header_lines(lines, 2)
    assert f"发文字号 甲政发〔2026〕4号  ← number:line ({HEADER_RULES['number:line']})" in first
    assert _rule(first, "title") == "title:above-number"  # gazette style: the title above its number
    assert _rule(first, "成文日期") == "date:line"
    assert _rule(first, "主送机关") == "addressees:line"
    assert _rule(first, "发文机关") == "issuers:title"
    assert _rule(first, "文种") == "genre:title-end"
    assert _rule(first, "印发/转发") == "not found"  # an 意见 forwards nothing
    assert _rule(second, "title") == "title:below-number"  # 版头, number, then the title
    assert _rule(second, "印发/转发") == "forwarded:printed"
    assert f"印发/转发 甲市防汛工作方案  ← forwarded:printed ({HEADER_RULES['forwarded:printed']})" in second


def test_a_report_without_banner_names_its_subtitle_and_reporter(tmp_path):
    header = _header_lines(_explain(tmp_path, REPORT), 1)
    assert _rule(header, "发文字号") == "not found"
    assert _rule(header, "成文日期") == "date:subtitle"
    assert _rule(header, "发文机关") == "issuers:reporter"
    assert _rule(header, "主送机关") == "not found"  # 各位代表： is a salutation
    assert not any(line.startswith("script") for line in header)


def test_a_traditional_copy_says_it_was_read_folded(tmp_path):
    text = GAZETTE.translate(str.maketrans("号关发门", "號關發門"))
    header = _header_lines(_explain(tmp_path, text), 1)
    assert _rule(header, "script") == "script:traditional-fold"
    assert f"发文字号 甲政發〔2026〕4号  ← number:line ({HEADER_RULES['number:line']})" in header
