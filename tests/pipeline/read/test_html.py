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
    content = f"""
    <div id="zoom">
    <table><tr><td>索引号：</td><td>000014349/2019-00012</td><td>主题分类：</td><td>科技</td></tr>
    <tr><td>发文机关：</td><td>国务院办公厅</td><td>发文字号：</td><td>国办发〔2018〕126号</td></tr></table>
    <p>{TITLE}</p>
    </div>"""
    source = read_file(write(tmp_path, page(CHROME_TOP + content + CHROME_BOTTOM)))
    assert source.text == (
        "索引号：\t000014349/2019-00012\t主题分类：\t科技\n"
        f"发文机关：\t国务院办公厅\t发文字号：\t国办发〔2018〕126号\n{TITLE}"
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


# --- saved pages as a site serves them (issue 10, loss class 6) --------------------------------

SAVED_TITLE = "某市人民政府办公厅关于印发某市养老服务补贴办法的通知"
SAVED_BODY = (
    "<p>某府办规〔2024〕3号</p>"
    f"<p><strong>{SAVED_TITLE}</strong></p>"
    "<p>各区人民政府，市政府各部门、各直属机构：</p>"
    "<p>　　《某市养老服务补贴办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。</p>"
    "<p>某市人民政府办公厅</p><p>2024年3月1日</p>"
)
SAVED_TEXT = (
    "某府办规〔2024〕3号\n"
    f"{SAVED_TITLE}\n"
    "各区人民政府，市政府各部门、各直属机构：\n"
    "　　《某市养老服务补贴办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。\n"
    "某市人民政府办公厅\n2024年3月1日"
)
SAVED_META = (
    '<div class="xxgk"><ul><li>索 引 号：ABC-2024-0001</li><li>文　　号：某府办规〔2024〕3号</li>'
    "<li>成文日期：2024年03月01日</li><li>发布机构：某市人民政府办公厅</li></ul></div>"
)
SAVED_META_TEXT = (
    "索 引 号：ABC-2024-0001\n文　　号：某府办规〔2024〕3号\n成文日期：2024年03月01日\n发布机构：某市人民政府办公厅"
)


def saved_page(body: str = SAVED_BODY, body_attrs: str = "", meta_block: str = SAVED_META, heading: bool = True) -> str:
    """A page as a municipal CMS serves it: menus, breadcrumb, metadata list, share toolbar,
    the body, a hidden copy of the body for the print view, footer."""
    h1 = f'<h1 class="art-title">{SAVED_TITLE}</h1>' if heading else ""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{SAVED_TITLE} - 某市人民政府门户网站</title>"
        f'<meta name="ArticleTitle" content="{SAVED_TITLE}"><meta name="PubDate" content="2024-03-08 10:00">'
        f"<script>var cfg = {{title: '{SAVED_TITLE}'}};</script></head>"
        f"<body{body_attrs}>"
        '<div class="top"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
        '<li><a href="/hdjl">互动交流</a></li></ul></div>'
        '<div class="wz">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a> &gt; '
        '<a href="/zc/szf">市政府规范性文件</a></div>'
        f"{meta_block}"
        f'<div class="article">{h1}'
        '<div class="tools"><span>字号：大 中 小</span><i>\ue6ea</i>'
        '<div class="fx"><dl><dt>分享到</dt><dd></dd></dl></div></div>'
        f'<div class="article-con">{body}</div></div>'
        f'<div class="print-copy" style="display:none">{SAVED_TITLE}{body}</div>'
        '<div class="foot">主办单位：某市人民政府办公厅　网站标识码：1234567890</div>'
        "</body></html>"
    )


def test_saved_page_keeps_body_metadata_and_one_title(tmp_path: Path) -> None:
    """Breadcrumb, menu, share toolbar, print copy and footer go; the metadata list comes first;
    the title the body prints itself is not repeated from the page heading."""
    source = read_file(write(tmp_path, saved_page()))
    assert source.text == f"{SAVED_META_TEXT}\n{SAVED_TEXT}"


def test_body_hidden_until_a_script_shows_it_is_read(tmp_path: Path) -> None:
    """``<body style="visibility:hidden">`` (shown by a script on load) holds the whole page."""
    source = read_file(write(tmp_path, saved_page(body_attrs=' style="visibility: hidden"')))
    assert source.text == f"{SAVED_META_TEXT}\n{SAVED_TEXT}"


def test_page_heading_goes_first_when_the_body_has_no_title(tmp_path: Path) -> None:
    body = SAVED_BODY.replace(f"<p><strong>{SAVED_TITLE}</strong></p>", "")
    source = read_file(write(tmp_path, saved_page(body=body, meta_block="")))
    assert source.text == SAVED_TITLE + "\n" + SAVED_TEXT.replace(f"{SAVED_TITLE}\n", "")


def test_article_title_meta_when_the_page_has_no_heading(tmp_path: Path) -> None:
    body = SAVED_BODY.replace(f"<p><strong>{SAVED_TITLE}</strong></p>", "")
    source = read_file(write(tmp_path, saved_page(body=body, meta_block="", heading=False)))
    assert source.text.splitlines()[0] == SAVED_TITLE


def test_metadata_table_outside_the_body_keeps_key_and_value_on_one_line(tmp_path: Path) -> None:
    table = (
        '<div class="classify"><table>'
        "<tr><td>索引号：</td><td>ABC-2024-0001</td><td>分类：</td><td></td></tr>"
        "<tr><td>发布机构：</td><td>某市人民政府办公厅</td><td>成文日期：</td><td>2024-03-01</td></tr>"
        "<tr><td>文号：</td><td>某府办规〔2024〕3号</td><td>发布日期：</td><td>2024-03-08</td></tr>"
        "</table></div>"
    )
    source = read_file(write(tmp_path, saved_page(meta_block=table)))
    assert source.text.splitlines()[:3] == [
        "索引号：\tABC-2024-0001\t分类：\t",
        "发布机构：\t某市人民政府办公厅\t成文日期：\t2024-03-01",
        "文号：\t某府办规〔2024〕3号\t发布日期：\t2024-03-08",
    ]


def test_rowspan_cells_leave_empty_cells_below_them(tmp_path: Path) -> None:
    """A merged cell is written once, in its first row; the rows it covers keep their columns."""
    table = (
        "<table><tr><th>序号</th><th>工作事项</th><th>牵头单位</th><th>配合单位</th></tr>"
        '<tr><td rowspan="2">1</td><td>建设养老服务中心</td><td rowspan="2">市民政局</td><td>市财政局</td></tr>'
        "<tr><td>培训养老护理员</td><td>市人力资源社会保障局</td></tr>"
        '<tr><td colspan="2">合计两项</td><td>—</td><td>—</td></tr></table>'
    )
    source = read_file(write(tmp_path, saved_page(body=SAVED_BODY + table, meta_block="")))
    assert source.text.splitlines()[-4:] == [
        "序号\t工作事项\t牵头单位\t配合单位",
        "1\t建设养老服务中心\t市民政局\t市财政局",
        "\t培训养老护理员\t\t市人力资源社会保障局",
        "合计两项\t—\t—",
    ]


def test_saved_page_header_through_the_pipeline(tmp_path: Path) -> None:
    """End to end: the title carries no toolbar words and the 主送机关 is found."""
    from luoshi.pipeline import parse_file

    (doc,) = parse_file(write(tmp_path, saved_page())).documents
    assert doc.title == SAVED_TITLE
    assert doc.doc_number == "某府办规〔2024〕3号"
    assert doc.addressees == ("各区人民政府", "市政府各部门、各直属机构")
    assert doc.date == "2024-03-01"


def test_title_field_without_quotation_marks_is_not_repeated(tmp_path: Path) -> None:
    """A site's title field drops the 《》 the body's own title prints: still the same title."""
    quoted = "某市人民政府办公厅关于印发《某市养老服务补贴办法》的通知"
    body = SAVED_BODY.replace(SAVED_TITLE, quoted)
    source = read_file(write(tmp_path, saved_page(body=body, meta_block="")))
    assert source.text == SAVED_TEXT.replace(SAVED_TITLE, quoted)


GOV_CN_LAYOUT = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>国务院关于促进某某发展的若干意见_政府信息公开专栏</title></head>
<body><div class="header"><a href="/">首页</a> | <a href="/zhengce">政策</a></div>
<table width="1000" class="wrap"><tr><td>
<div class="BreadcrumbNav">首页 &gt; 信息公开 &gt; 国务院文件</div>
<table class="bd1"><tbody>
<tr><td><b>索<span>　</span>引<span>　</span>号：</b></td><td>000014349/2019-00012</td>
<td><b>主题分类：</b></td><td>综合政务</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2019年01月12日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">国务院关于促进某某发展的若干意见</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2019〕3号</td><td><b>发布日期：</b></td><td>2019年01月25日</td></tr>
</tbody></table>
<table><tr><td class="b12c" id="UCAP-CONTENT">
<p align="center">国务院关于促进某某发展的若干意见</p><p align="center">国发〔2019〕3号</p>
<p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
<p>　　为促进某某发展，现提出以下意见。</p><p>　　一、总体要求</p><p>　　（一）加快推进。（发展改革委、商务部负责）</p>
<p align="right">国务院</p><p align="right">2019年1月12日</p>
</td></tr></table>
<div class="share">分享到：微信 微博</div>
</td></tr></table>
<div class="footer">版权所有：中国政府网 | 网站标识码bm01000001</div></body></html>"""


def test_layout_table_page_keeps_its_metadata_table_outside_the_body(tmp_path: Path) -> None:
    """An older table-layout page (gov.cn style): metadata table and body in one layout table."""
    path = write(tmp_path, GOV_CN_LAYOUT)
    assert read_file(path).text == (
        "索　引　号：\t000014349/2019-00012\t主题分类：\t综合政务\n"
        "发文机关：\t国务院\t成文日期：\t2019年01月12日\n"
        "标　　题：\t国务院关于促进某某发展的若干意见\n"
        "发文字号：\t国发〔2019〕3号\t发布日期：\t2019年01月25日\n"
        "国务院关于促进某某发展的若干意见\n国发〔2019〕3号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "　　为促进某某发展，现提出以下意见。\n　　一、总体要求\n　　（一）加快推进。（发展改革委、商务部负责）\n"
        "国务院\n2019年1月12日"
    )


def test_a_short_page_with_a_metadata_list_keeps_each_block_a_paragraph(tmp_path: Path) -> None:
    # A page's lines are blocks (list items, headings, paragraphs), never a layout's wraps: on a
    # short page the cleaner once joined the metadata list and the <h1> into one run-on line.
    from luoshi.pipeline import parse_file

    html = (
        '<html><head><meta charset="utf-8"></head><body>'
        "<ul><li>索引号：014500858/2024-00123</li><li>发文机关：江西省人民政府办公厅</li>"
        "<li>发文字号：赣府厅发〔2024〕15号</li><li>成文日期：2024年05月20日</li></ul>"
        "<div><h1>江西省人民政府办公厅关于加快发展银发经济的实施意见</h1>"
        "<p>赣府厅发〔2024〕15号</p><p>各市、县（区）人民政府，省政府各部门：</p>"
        "<p>为加快发展银发经济，现提出如下实施意见。</p><p>一、发展民生事业</p>"
        "<p>（一）扩大老年助餐服务。（省民政厅、省商务厅按职责分工负责）</p>"
        "<p>江西省人民政府办公厅</p><p>2024年5月20日</p></div></body></html>"
    )
    (doc,) = parse_file(write(tmp_path, html)).documents
    assert doc.title == "江西省人民政府办公厅关于加快发展银发经济的实施意见"
    assert (doc.genre, doc.doc_number, doc.date) == ("意见", "赣府厅发〔2024〕15号", "2024-05-20")
