"""HTML reader: a government page's main text, without the site around it."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.read import read_file

CHROME_TOP = """
<div class="header"><a href="/">首页</a> 中华人民共和国中央人民政府门户网站</div>
<div id="nav"><ul><li><a href="/1">国务院文件</a></li><li><a href="/2">部门文件</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策</a></div>
"""
CHROME_BOTTOM = """
<div class="related"><h2>相关文章</h2><a href="/x">国务院办公厅关于其他工作事项的通知</a></div>
<div id="footer">版权所有：中国政府网　主办单位：国务院办公厅　地址：北京市西城区府右街</div>
<script>document.write("统计代码统计代码");</script>
"""
CONTENT = """
<div class="pages_content" id="UCAP-CONTENT">
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>　　现将《某某工作方案》印发给你们，请认真贯彻执行。</p>
<p>　　一、总体要求<br>　　（一）指导思想。坚持
   稳中求进。</p>
<p style="display:none">隐藏的打印版本文字</p>
<div class="bdsharebuttonbox"><a href="#">分享到微信</a></div>
</div>
"""
EXPECTED_BODY = (
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
    "　　现将《某某工作方案》印发给你们，请认真贯彻执行。\n"
    "　　一、总体要求\n"
    "　　（一）指导思想。坚持 稳中求进。"
)
TITLE = "国务院关于印发某某工作方案的通知"


def page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{TITLE}_中国政府网</title><style>p {{ margin: 0 }}</style></head><body>{body}</body></html>"
    )


def write(tmp_path: Path, html: str, encoding: str = "utf-8", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_main_content_without_chrome(tmp_path: Path) -> None:
    html = page(f'{CHROME_TOP}<div class="wrap"><h1>{TITLE}</h1>{CONTENT}</div>{CHROME_BOTTOM}')
    source = read_file(write(tmp_path, html))
    assert source.text == f"{TITLE}\n{EXPECTED_BODY}"
    assert source.kind == "html"
    assert source.encoding == "utf-8"


def test_declared_gb2312_page_is_read_as_gb18030(tmp_path: Path) -> None:
    html = page(f"{CHROME_TOP}<h1>{TITLE}</h1>{CONTENT}{CHROME_BOTTOM}", charset="gb2312")
    source = read_file(write(tmp_path, html, encoding="gb18030", name="page.htm"))
    assert source.text == f"{TITLE}\n{EXPECTED_BODY}"
    assert source.encoding == "gb18030"


def test_mislabelled_charset_falls_back_to_detection(tmp_path: Path) -> None:
    """Declared gb2312 but saved as UTF-8: the strict decode fails and detection wins."""
    html = page(f"<h1>{TITLE}</h1>{CONTENT}", charset="gb2312")
    source = read_file(write(tmp_path, html, encoding="utf-8"))
    assert source.text == f"{TITLE}\n{EXPECTED_BODY}"
    assert source.encoding == "utf-8"


def test_no_charset_gbk_page_is_detected(tmp_path: Path) -> None:
    html = f"<html><body><h1>{TITLE}</h1>{CONTENT}</body></html>"
    source = read_file(write(tmp_path, html, encoding="gbk"))
    assert source.text == f"{TITLE}\n{EXPECTED_BODY}"
    assert source.encoding == "gb18030"


def test_bom_beats_a_wrong_meta(tmp_path: Path) -> None:
    html = page(f"<h1>{TITLE}</h1>{CONTENT}", charset="gbk")
    path = tmp_path / "bom.html"
    path.write_bytes(codecs.BOM_UTF8 + html.encode("utf-8"))
    assert read_file(path).text == f"{TITLE}\n{EXPECTED_BODY}"


def test_metadata_table_inside_content_is_kept_as_rows(tmp_path: Path) -> None:
    content = """
    <div id="zoom">
    <table><tr><td>索引号：</td><td>000014349/2019-00012</td><td>主题分类：</td><td>科技</td></tr>
    <tr><td>发文机关：</td><td>国务院办公厅</td><td>发文字号：</td><td>国办发〔2018〕126号</td></tr></table>
    <p>国务院办公厅关于推广第二批支持创新相关改革举措的通知</p>
    </div>"""
    source = read_file(write(tmp_path, page(CHROME_TOP + content + CHROME_BOTTOM)))
    assert source.text == (
        "索引号：\t000014349/2019-00012\t主题分类：\t科技\n"
        "发文机关：\t国务院办公厅\t发文字号：\t国办发〔2018〕126号\n"
        "国务院办公厅关于推广第二批支持创新相关改革举措的通知"
    )


def test_without_known_containers_the_densest_block_wins(tmp_path: Path) -> None:
    """An old table-layout site: no hinted ids, a link column beside the text cell."""
    links = "".join(f'<a href="/{i}">关于第{i}项工作的通知</a><br>' for i in range(12))
    html = page(
        f'<table><tr><td width="200">{links}</td>'
        f"<td><p>{TITLE}</p><p>　　各区人民政府，市政府各部门：</p><p>　　现将方案印发给你们。</p></td>"
        "</tr></table>"
    )
    source = read_file(write(tmp_path, html))
    assert source.text == f"{TITLE}\n　　各区人民政府，市政府各部门：\n　　现将方案印发给你们。"


def test_inner_content_beats_the_wrapper_around_it(tmp_path: Path) -> None:
    """``content`` wrapper holds a sidebar of plain text too; the TRS_Editor body is chosen."""
    html = page(
        '<div class="content"><div class="side">热点专题 政务公开 办事服务</div>'
        f'<div class="TRS_Editor"><h1>{TITLE}</h1><p>{"各地区各部门要认真贯彻落实。" * 10}</p></div></div>'
    )
    assert read_file(write(tmp_path, html)).text == f"{TITLE}\n{'各地区各部门要认真贯彻落实。' * 10}"


def test_html5_article_keeps_its_own_header(tmp_path: Path) -> None:
    html = page(
        "<header><a href='/'>市政府门户网站</a></header>"
        f"<article><header><h1>{TITLE}</h1></header><p>　　各区人民政府：现将方案印发给你们。</p></article>"
        "<footer>网站标识码 主办：市政府办公厅</footer>"
    )
    assert read_file(write(tmp_path, html)).text == f"{TITLE}\n　　各区人民政府：现将方案印发给你们。"


def test_xml_declaration_is_accepted(tmp_path: Path) -> None:
    html = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<html><body><div class="article"><p>{TITLE}</p></div></body></html>'
    )
    assert read_file(write(tmp_path, html, name="page.shtml")).text == TITLE


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.4\n%%EOF\n", ErrorCode.WRONG_EXTENSION),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, ErrorCode.BINARY),
        (b"<html><body><script>var a = 1;</script></body></html>", ErrorCode.EMPTY),
    ],
    ids=["pdf", "png", "script-only"],
)
def test_bad_html(tmp_path: Path, data: bytes, code: ErrorCode) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is code
