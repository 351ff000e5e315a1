"""Header fields on PDF text layers: a running head printed once above the title.

A one-page PDF keeps its running head (the publishing site's or column's name,
``政府信息公开专栏``) on a line of its own above the title; the cleaner cannot know it by
repetition. It has no title's shape (no 关于, no 文种, a column or site name), so the title
starts after it. The tests of the head failed on main 8cd98a2; the two-line titles guard
forms that already held.
"""

from __future__ import annotations

import pytest

from luoshi.pipeline import parse_text

_HEADS = ["政府信息公开专栏", "临川市人民政府门户网站", "政务公开栏目", "临川市政府网"]

_RULES = [
    "第一条　为加强公园管理，根据有关规定，制定本办法。",
    "第二条　本办法适用于本市行政区域内公园的规划、建设和管理。",
    "第三条　本办法自2025年3月1日起施行。",
    "— 1 —",
]


@pytest.mark.parametrize("head", _HEADS)
def test_a_running_head_above_an_untitled_rules_page_is_not_part_of_its_title(head):
    (doc,) = parse_text("\n".join([head, "临川市公园管理办法", *_RULES])).documents
    assert doc.title == "临川市公园管理办法"
    assert doc.genre == "办法"


_BODY = [
    "为切实做好2025年相关工作，保障人民群众生命财产安全，经市政府同意，现将有关事项通知如下。",
    "一、压实工作责任。各地要落实行政首长负责制，明确各级各部门职责，层层签订责任书。",
    "二、加强隐患排查。各地要对水库、堤防、山洪灾害易发区开展拉网式排查，发现隐患及时整改。",
    "临川市人民政府办公室",
    "2025年4月2日",
    "— 1 —",
]


# The first title opens with its issuer and 关于 (held on main: a line above such an opening
# already stopped the run); the second names no 关于 and failed on main.
@pytest.mark.parametrize("title", ["临川市人民政府办公室关于做好2025年防汛工作的通知", "临川市2025年政务公开工作要点"])
@pytest.mark.parametrize("head", _HEADS)
def test_a_running_head_above_a_gazette_title_and_its_number_is_not_part_of_the_title(head, title):
    (doc,) = parse_text("\n".join([head, title, "临府办发〔2025〕9号", *_BODY])).documents
    assert doc.title == title
    assert doc.issuers == ("临川市人民政府办公室",)
    assert doc.doc_number == "临府办发〔2025〕9号"
    assert doc.date == "2025-04-02"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["临川市2025年", "政务公开工作要点"], "临川市2025年政务公开工作要点"),
        (
            ["临川市人民政府办公室", "关于开设政府信息公开专栏的通知"],
            "临川市人民政府办公室关于开设政府信息公开专栏的通知",
        ),
        (["关于建设临川市政务服务网站", "的实施方案"], "关于建设临川市政务服务网站的实施方案"),
    ],
)
def test_a_title_over_two_lines_whose_first_line_is_short_still_joins(lines, title):
    body = ["一、总体要求", "坚持问题导向，推进工作落实。", "二、主要任务", "完善制度，加强督查。"]
    (doc,) = parse_text("\n".join([*lines, *body])).documents
    assert doc.title == title


def test_a_title_naming_a_column_is_a_title_not_a_head():
    # ``专栏`` ends the head's name; a title that names a column says 关于 and ends with its 文种.
    (doc,) = parse_text("\n".join(["关于开设政府信息公开专栏的通知", "各部门：", "现将有关事项通知如下。"])).documents
    assert doc.title == "关于开设政府信息公开专栏的通知"
