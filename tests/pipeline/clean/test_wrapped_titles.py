"""A title wrapped right after the name of the document it carries (GB/T 9704 titles of 印发/转发
notices: ``关于印发……的通知``): the line ends with the carried document's 文种 (``规划``, ``方案``),
which ends a title elsewhere, yet the title goes on to the notice's own 通知."""

from __future__ import annotations

from doc_builder import clean_lines
from luoshi.pipeline import parse_file

BODY = [
    "各县（区）人民政府，市直各单位：",
    "《示例市数字经济发展规划（2023-2025年）重点任务分工方案》已经市政府同意，现印发给你们，请认真组织实施。",
    "示例市人民政府办公室",
    "2023年5月8日",
]


def test_an_issuing_notices_title_broken_after_the_carried_plans_name_runs_on_to_its_notice():
    lines = [
        "示例市人民政府办公室关于印发示例市数字经济发展规划",
        "（2023-2025年）重点任务分工方案的通知",
        *BODY,
    ]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例市人民政府办公室关于印发示例市数字经济发展规划（2023-2025年）重点任务分工方案的通知"


def test_a_forwarding_notices_title_broken_after_a_文种_word_runs_on_too():
    lines = ["示例县人民政府关于转发市政府办公室数字乡村建设实施方案", "的补充意见的通知", *BODY]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例县人民政府关于转发市政府办公室数字乡村建设实施方案的补充意见的通知"
    lines = ["示例县人民政府关于转发市政府办公室数字乡村建设实施方案", "重点任务分工的通知", *BODY]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例县人民政府关于转发市政府办公室数字乡村建设实施方案重点任务分工的通知"


def test_a_title_already_at_its_notice_or_a_body_line_does_not_take_the_next_line():
    # The notice's 通知 ends the title, a version note after it included.
    lines = [
        "示例市人民政府关于印发示例市政府工作规则的通知(2019修订)",
        "示例市人民政府关于印发示例市政府工作规则的通知",
        *BODY,
    ]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0].startswith("示例市人民政府关于印发示例市政府工作规则的通知（2019修订）")
    assert out[1] == "示例市人民政府关于印发示例市政府工作规则的通知"
    # A title that issues nothing ends with its 文种 as before.
    lines = ["示例市人民政府关于加快数字经济发展的实施方案", "重点任务分工如下", *BODY]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例市人民政府关于加快数字经济发展的实施方案"
    # A next line with a sentence's mark is body text, not the title's rest.
    lines = ["示例市人民政府关于印发示例市数字经济发展规划", "重点任务如下，请认真落实。", *BODY]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例市人民政府关于印发示例市数字经济发展规划"


def test_a_plans_period_note_opening_the_rest_of_its_name_belongs_to_the_title():
    lines = [
        "示例市数字经济发展规划",
        "（2023-2025年）重点任务分工方案",
        "一、总体要求",
        "（一）指导思想。坚持稳中求进。",
    ]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例市数字经济发展规划（2023-2025年）重点任务分工方案"
    # A bracket that is no period (``（一）``) is a marker and opens its own paragraph.
    lines = ["示例市数字经济发展规划", "（一）重点任务分工方案", "一、总体要求"]
    out = clean_lines("\n".join(lines) + "\n")
    assert out[0] == "示例市数字经济发展规划"


def test_the_joined_title_makes_the_notice_an_issuing_notice_with_its_tasks(tmp_path):
    text = "\n".join(
        [
            "示例市人民政府办公室文件",
            "示府办〔2023〕12号",
            "示例市人民政府办公室关于印发示例市数字经济发展规划",
            "（2023-2025年）重点任务分工方案的通知",
            *BODY,
            "示例市数字经济发展规划（2023-2025年）重点任务分工方案",
            "一、加快数字基础设施建设",
            "1.推进千兆光网覆盖城乡。（责任单位：市工信局、市通信发展办）",
            "2.建设城市数据中心。（责任单位：市发改委）",
        ]
    )
    path = tmp_path / "n.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (doc,) = parse_file(path).documents
    assert doc.title.endswith("重点任务分工方案的通知")
    assert doc.genre == "通知"
    assert len(doc.tasks) == 2
