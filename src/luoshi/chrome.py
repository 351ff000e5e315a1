"""Web-page chrome and printers' furniture: lines that are not the document.

A saved page's breadcrumb, metadata keys and posting line, share buttons and counters, a
collector's notes, the 版记 that ends a document: the cleaner keeps such lines apart from the
text around them, and the header reader skips them. One home for both (clean < header).
"""

from __future__ import annotations

from luoshi import lazyre as re

# The keys CMS templates print in their metadata tables and posting lines (county, city and
# provincial sites: 组配分类, 生成日期, 时效性, 浏览次数…). Only the META_KEYS fill fields: a
# 发文日期, 生成日期 or 发布日期 is when the page was made or posted, not the 成文日期; a 发文机构
# is the web publisher (``县政府网站``, ``地区行署``), not the issuer.
PAGE_KEYS = (
    r"标\s*题|名\s*称|发文字号|文\s*号|文件编号|成文日期|发文机关|发文机构|发布日期|发布时间|发布机构|索\s*引\s*号|"
    r"主题分类|主\s*题\s*词|组配分类|信息分类|体裁分类|公文种类|公文目录|生成日期|发文日期|生效日期|生效时间|"
    r"实施日期|废止日期|废止时间|失效日期|失效时间|有\s*效\s*性|时\s*效\s*性|信息来源|来\s*源|来\s*自|"
    r"关\s*键\s*词|内容概述|归档时间|统一编号|下载地址|作\s*者|责任编辑"
)
# (作者 and 责任编辑: a posting line names the page's author and editor, ``作者:法律资料网 时间:…
# 来源:法律资料网``, ``来源:甲县人民政府 作者:统征办 责任编辑:…``; a 公文 opens no line with either.)
# A page's counters are chrome only with a count (or none) after them: ``浏览次数: 590``, not
# ``浏览次数:1024的统计口径说明``.
COUNTER_KEYS = r"浏览次数|浏览量|访问次数|点击次数|点击量|点击数|阅读次数"
_COUNTER = rf"(?:{COUNTER_KEYS})\s*[：:]\s*\d*次?(?:\s|$)"
# A line that starts with a key (page metadata); keys start with one of these characters, a
# literal check that spares the pattern on most lines (the cleaner asks it before the call).
_META_HEAD = re.compile(rf"(?:{PAGE_KEYS})\s*[：:]|{_COUNTER}")
META_FIRST = frozenset(key[0] for key in f"{PAGE_KEYS}|{COUNTER_KEYS}".split("|"))


def is_meta_line(text: str) -> bool:
    return text[:1] in META_FIRST and bool(_META_HEAD.match(text))


# Lines that are never part of a header or a body: collectors' and printers' furniture.
_FURNITURE = re.compile(
    r"^(?:（本文有删减）|（此件公开发布）|\(此件公开发布\)|（此件.{0,8}）|【法宝引证码】.*|原文链接[：:].*|扫一扫.*|"
    r"公开方式[：:].*|.{0,20}\d{4}年\d{1,2}月\d{1,2}日印发|ZJAC.*|[A-Z]{2,6}\d{2}-\d{4}-\d{3,5}|"
    r"主\s*题\s*词[：:]?.*|\d{4}-\d{2}-\d{2}来源[：:].*|.*附件预览|"
    # Web page chrome: the breadcrumb, share buttons, the page's own posting line.
    r"当前位置[：:].*|(?:浏览|阅读|点击|访问)(?:次数|量)[：:]\s*\d*次?|字[号体][：:]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?|(?:分享到[：:]?|分享到[：:]?)?(?:微信|微博|QQ空间|QQ好友|朋友圈|豆瓣|打印|关闭|收藏)*|来\s*源[：:].*|"
    r"(?:时间|发布时间)[：:]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"附件下载|文件下载.*|={3,}\s*正\s*文\s*={3,}|页面链接与图片详见.*|"
    r"(?:发布时间|发布机构|栏目|原文链接|本地目录|文号)[：:].*)$"
)
# Page buttons and labels on lines of their own (a 朗读 button, the 公开方式 label, a column name).
_PAGE_WORDS = frozenset(
    "朗读 播报 语音播报 返回顶部 主动公开 依申请公开 不予公开 政府信息公开 政府文件 信息浏览 正文阅览 正文 下载 转第 "
    "保留字段信息 视力保护色 视力保护色: 视力保护色： 字体:[] 字体：[] 字号:【 字号：【 打印本页 关闭窗口 "
    # the font-size button whose 大/中/小 links a saved copy dropped (``【字体：   `` over the 主送)
    "【字体: 【字体： 【字号: 【字号： "
    # a site's top bar, one button a line (``设为首页``, ``加入收藏``, the accessible and elderly versions)
    "设为首页 加入收藏 无障碍阅读 无障碍浏览 无障碍 长者版 长者模式 关怀版 手机版 繁体版 简体版 "
    "登录 注册 登录注册".split()
)
# 索引号 values and posting dates standing alone (``11330700MB10327095/2024-00144``, ``2024-03-01``).
_PAGE_CODE = re.compile(r"(?=[0-9A-Za-z/\-]*\d)[0-9A-Za-z]{2,24}(?:[/\-][0-9A-Za-z]{2,16}){1,3}-?")
# A posting line that opens with its date and time, page keys after it
# (``2015-11-10 01:51:51信息来源:浏览次数:字体:[ ]``).
_POSTED_AT = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:(?:{PAGE_KEYS}|{COUNTER_KEYS}|字[号体])\s*[：:].*)?$"
)
# Breadcrumbs: ``首页 > 信息公开 > 信息浏览``, ``首页 >> 公开信息内容``. A title never holds ``>``.
_CRUMB_RE = re.compile(r"[>＞»›→]")
MAX_CRUMB_CHARS = 80
# 版记 and web-page chrome: everything from here on is not the document.
TAIL = re.compile(r"^(?:抄送[：:]|抄报[：:]|上一篇|下一篇|【打印本页】|【关闭窗口】|版权所有|主办单位[：:]|网站标识码)")


def is_furniture(text: str) -> bool:
    return (
        text in _PAGE_WORDS
        or bool(_FURNITURE.match(text))
        or is_meta_line(text)
        or is_breadcrumb(text)
        or (text[:1].isascii() and _is_page_code_or_posting(text))
    )


def is_posting_line(text: str) -> bool:
    """A page's posting line that opens with its date and time (``2017-09-28 09:28:00来源：…作者：…``)."""
    return text[:4].isdigit() and "-" in text[4:8] and bool(_POSTED_AT.match(text))


def _is_page_code_or_posting(text: str) -> bool:
    if "-" not in text and "/" not in text:
        return False  # both hold one (``…/2024-00144``, ``2015-11-10 …``)
    return bool(_PAGE_CODE.fullmatch(text)) or is_posting_line(text)


# A running head printed once, over a one-page PDF (``政府信息公开专栏``): the name of the site or
# column that published the text, short as the cleaner's running heads are, never a title.
MAX_COLUMN_HEAD_CHARS = 16
_COLUMN_HEAD = re.compile(r"(?:专栏|栏目|频道|网站|门户|政府网|公开网|官网)$")


def is_column_head(text: str) -> bool:
    return len(text) <= MAX_COLUMN_HEAD_CHARS and "关于" not in text and _COLUMN_HEAD.search(text) is not None


def is_breadcrumb(text: str) -> bool:
    return len(text) <= MAX_CRUMB_CHARS and _CRUMB_RE.search(text) is not None and "。" not in text and "，" not in text
