"""A saved page's address wrapped onto a line of its own (the rest of its 原文链接) is no title:
a title is words, an address holds a slash, an underscore or a file's suffix."""

from __future__ import annotations

from luoshi.pipeline import parse_file

TITLE = "示例市人民政府办公室转发省人民政府办公厅关于印发示例省进一步支持高校毕业生就业若干措施的通知"


def _page(tmp_path, second_line_of_link: str):
    lines = [
        f"标题: {TITLE}",
        "发布时间: 2023-02-22 12:39",
        "文号:",
        "发布机构: 示例市人民政府办公室",
        "栏目: 市政府办公室文件",
        "原文链接: https://www.example.gov.cn/zwgk/zxwj/qgwhb",
        second_line_of_link,
        "本地目录: zwgk/zxwj/qgwhbgswj/202302/44295_示例市人民政府办公室转发",
        "页面链接与图片详见links.tsv（同目录）",
        "==================== 正文 ====================",
        f"当前位置：首页政务公开最新文件市政府办公室文件{TITLE}时间：2023-02-22 12:39",
        "微信",
        "微博",
        "各区人民政府，市直各单位：",
        "现将《示例省人民政府办公厅关于印发示例省进一步支持高校毕业生就业若干措施的通知》转发给你们，请认真贯彻落实。",
        "示例市人民政府办公室",
        "2023年1月18日",
    ]
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (doc,) = parse_file(path).documents
    return doc


def test_the_rest_of_a_wrapped_page_address_is_not_taken_as_the_title(tmp_path):
    for rest in ("gswj/202302/t20230222_44295.htm", "index_2023_44295.shtml", "content.jsp?id=44295"):
        doc = _page(tmp_path, rest)
        assert doc.title == TITLE, rest
        assert doc.genre == "通知"
