"""HTML pages from government sites: the document's main text, without site chrome.

Pages are read as a site serves them (saved with "Save page as"), so the reader
works from the conventions of government CMS pages in general, never from one
site's wording. In order, each step explainable from a page:

1. **Never content**: scripts, styles, forms, ``<nav>``, comments.
2. **Hidden** (``display:none``, ``visibility:hidden``, the ``hidden`` attribute):
   dropped — hidden copies of the body for printing or sharing, pop-up menus —
   unless the hidden element holds most of the page's text (:data:`MAX_HIDDEN_SHARE`),
   which means a script reveals it on load (``<body style="visibility:hidden">``).
3. **Chrome**: page-level ``<header>``/``<footer>``/``<aside>``, elements whose
   id/class names chrome (:data:`BOILERPLATE_TOKENS`: nav, share, footer, print…)
   and breadcrumbs (a short block starting ``当前位置：``, :data:`BREADCRUMB`),
   unless they hold most of the page's text (then the class name lied).
4. **Main content**: among block containers that are not mostly link text, the
   innermost one holding at least :data:`INNER_SHARE` of the best one's hanzi
   (the article body rather than the column around it); a container whose
   id/class names content (:data:`CONTENT_HINTS`: ``TRS_Editor``, ``zoom``,
   ``article-content``…) is preferred when it qualifies.
5. **Title**: the nearest heading before the body, else the page's
   ``<meta name="ArticleTitle">`` (the field government CMSs fill for every
   article), else ``<title>`` without the site name; put first unless the body
   already starts with it (a web body usually prints 发文字号 and title itself).
6. **Metadata table** (索引号/发文字号/成文日期/发布机构… outside the body):
   its rows are put before everything, each ``key：value`` pair kept on one line
   with ``\\t`` between cells, the form ``luoshi.header`` reads.

Rendering: block elements are line breaks, ``<br>`` a line break, and a data
table's row is one line of ``\\t``-separated cells; a cell covered by a
``rowspan`` from above is an empty cell, so columns stay aligned (the same
shape as a vertically merged DOCX cell).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from pathlib import Path

import lxml.html
import msgspec
from lxml import etree

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.encoding import BOMS, Decoded, normalise_newlines
from luoshi.read.sniff import Sniffed, expect_kind
from luoshi.read.txt import decode_document_bytes

# --- charset --------------------------------------------------------------------------

#: Bytes searched for a ``<meta charset>`` / XML declaration (HTML5 says the first 1024;
#: Chinese CMS pages often put long comments first, so look further).
META_WINDOW = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
#: Labels pages declare that mean "use GB18030": browsers read gb2312/GBK pages as GBK
#: (WHATWG Encoding), and GB18030 is its strict superset, so rare hanzi survive.
GB_LABELS = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "euc-cn", "cp936"})

# --- structure ------------------------------------------------------------------------

#: Never content, wherever they are.
DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
        "canvas", "nav", "form", "button", "select", "input", "textarea", "head",
        "map", "audio", "video", "link", "meta",
    }
)  # fmt: skip
#: Page chrome in HTML5, except inside an article (whose own header holds its title).
PAGE_LEVEL_TAGS = frozenset({"header", "footer", "aside"})
ARTICLE_TAGS = frozenset({"article", "main"})

#: id/class tokens (split on space, ``-``, ``_``) that name site chrome on government sites.
BOILERPLATE_TOKENS = frozenset(
    {
        "nav", "navbar", "menu", "header", "footer", "foot", "banner", "breadcrumb",
        "crumb", "crumbs", "position", "location", "dqwz", "share", "bdshare",
        "sidebar", "related", "comment", "comments", "copyright", "login", "search",
        "toolbar", "print", "ad", "ads", "topbar", "bottom", "modal", "qrcode", "ewm",
        "gotop", "backtop",
    }
)  # fmt: skip
#: Substrings of an id/class value that name chrome even inside a longer word (bdsharebuttonbox).
BOILERPLATE_SUBSTRINGS = ("share", "jiathis", "breadcrumb", "copyright", "navbar")

#: A breadcrumb trail as Chinese government sites print it (当前位置：首页 > 政务公开 > …).
BREADCRUMB = re.compile(
    r"^[\s\u3000]*(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|现在位置|所在位置)[\s\u3000]*[：:]"
)
#: A breadcrumb is a short line; a block this long that starts like one holds more than the trail.
MAX_BREADCRUMB_CJK = 120

#: Substrings of an id/class value that name the content container on government CMSs
#: (TRS: ``TRS_Editor``; gov.cn: ``pages_content``/``UCAP-CONTENT``; many: ``zoom``, ``zw``).
CONTENT_HINTS = ("content", "article", "zoom", "trs_editor", "detail", "zhengwen", "wenzhang")
CONTENT_TOKENS = frozenset({"zw", "text", "con", "cont", "nr"})

#: A chrome-named element holding this share of the page's hanzi is not chrome.
MAX_CHROME_SHARE = 0.5
#: A hidden element holding more than this share of the page's hanzi is the page itself,
#: shown by a script on load; less is a hidden copy, a pop-up or a print version.
MAX_HIDDEN_SHARE = 0.5
#: Candidates with more of their hanzi inside links than this are menus or lists.
MAX_LINK_DENSITY = 0.5
#: A hinted container counts only with this much Chinese text outside links.
MIN_CONTENT_CJK = 20
#: Content-named containers are preferred when the best of them holds this share of the
#: best container's text (the page around it); below it the name is not the body's.
MIN_HINTED_SHARE = 0.3
#: The innermost candidate with this share of the best candidate's text wins (the body
#: column rather than the page wrapper around it).
INNER_SHARE = 0.75
#: A heading before the body is taken as the page's title if it has this many hanzi.
MIN_TITLE_CJK = 6
#: The body "already starts with the title" if the title is within its first lines.
TITLE_LOOKAHEAD_LINES = 6

CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "body", "center", "font", "span"})
TITLE_TAGS = frozenset({"h1", "h2"})
TITLE_TOKENS = frozenset({"title", "tit", "biaoti", "bt"})
#: ``<meta name=…>`` that government CMSs (TRS, 南方网 NFCMS, 开普云…) fill with the article's
#: title, in order of preference; names compared in lower case.
TITLE_META_NAMES = ("articletitle", "dc.title", "og:title")
#: ``<title>`` is "article title - site name"; these separate the two.
_TITLE_SITE_SEPARATOR = re.compile(r"\s+[-–—|]\s+|\s*[_|｜]\s*|\s*——\s*")

#: Labels of a web page's metadata table (信息公开 索引 table or list). A block outside the
#: body with :data:`MIN_META_LABELS` distinct ones, and no more than :data:`MAX_META_CJK`
#: hanzi, is that table. Every key ``luoshi.header`` reads a field from (its ``META_KEYS``) is one
#: (a Shanghai district page labels its number ``文件编号``).
META_LABELS = (
    "索引号", "统一编号", "发文字号", "文号", "文件编号", "文件名称", "文件标题",
    "发文机关", "发布机关", "发布机构", "发文单位",
    "成文日期", "发文日期", "发布日期", "印发日期", "实施日期", "生效日期", "失效日期", "废止日期",
    "主题分类", "分类", "体裁分类", "主题词", "关键词", "标题", "名称", "文件状态", "有效性",
    "效力状态", "时效性",
)  # fmt: skip
MIN_META_LABELS = 3
MAX_META_CJK = 400
_META_LABEL = re.compile(
    "(" + "|".join("[\\s\u3000]*".join(label) for label in sorted(META_LABELS, key=len, reverse=True)) + ")"
    "[\\s\u3000]*[：:]"
)

#: Elements that start and end a line when rendered.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "li", "ul",
        "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "table", "tr", "center", "address", "figure", "figcaption", "hr", "body",
    }
)  # fmt: skip
CELL_TAGS = frozenset({"td", "th"})
CELL_SEPARATOR = "\t"
#: Largest rowspan/colspan honoured (a typo such as rowspan="9999" must not build a huge grid).
MAX_SPAN = 1000

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Icon-font glyphs (Unicode private use area): pictures of buttons, never text.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


# --- decoding -------------------------------------------------------------------------


def _declared_codec(head: bytes) -> str | None:
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    if label in GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(path: Path, data: bytes) -> Decoded:
    """BOM, then the page's declared charset if it decodes strictly, then TXT detection.

    Mislabelled pages (declared gb2312, served as UTF-8) are common, so a declared
    charset that fails strict decoding is ignored rather than trusted with replacements.
    """
    if not data.startswith(tuple(bom for bom, _ in BOMS)):
        codec = _declared_codec(data[:META_WINDOW])
        if codec is not None:
            try:
                return Decoded(normalise_newlines(data.decode(codec)), codec)
            except UnicodeDecodeError:
                pass
    return decode_document_bytes(data, path)


# --- what is on the page --------------------------------------------------------------


def _tokens(el: etree._Element) -> tuple[str, list[str]]:
    value = f"{el.get('id', '')} {el.get('class', '')}".lower()
    return value, [t for t in _TOKEN_SPLIT.split(value) if t]


def _is_content_hint(el: etree._Element) -> bool:
    value, tokens = _tokens(el)
    return any(h in value for h in CONTENT_HINTS) or any(t in CONTENT_TOKENS for t in tokens)


def _is_chrome_named(el: etree._Element) -> bool:
    value, tokens = _tokens(el)
    return any(t in BOILERPLATE_TOKENS for t in tokens) or any(s in value for s in BOILERPLATE_SUBSTRINGS)


def _is_hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style", "")))


def _has_ancestor(el: etree._Element, tags: frozenset[str]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


class _Counts(msgspec.Struct):
    """Hanzi under an element, and how many of them are link text."""

    total: int = 0
    linked: int = 0

    @property
    def body(self) -> int:
        return self.total - self.linked


def _cjk(text: str | None) -> int:
    """How many hanzi (``subn`` counts without building a list of one-character strings)."""
    return _CJK.subn("", text)[1] if text else 0


def _cjk_under(el: etree._Element) -> int:
    return _cjk(el.text_content())


def _measure_containers(root: etree._Element) -> dict[etree._Element, _Counts]:
    """Hanzi counts of the block containers that could be the body, in one post-order walk.

    Headings count nothing: choosing the body compares body text, and a page heading with
    its toolbar must not make the wrapper around a short body look bigger. Only containers
    with at least :data:`MIN_CONTENT_CJK` hanzi are kept (plus the root), and a child's
    count is dropped once its parent has it, so memory follows the number of containers,
    not of elements (a 20 MB page of tables has a million cells).
    """
    pending: dict[etree._Element, _Counts] = {}
    kept: dict[etree._Element, _Counts] = {}
    for _event, el in etree.iterwalk(root, events=("end",)):
        c = _Counts(total=_cjk(el.text))
        for child in el:
            child_counts = pending.pop(child, None)
            if child_counts is not None:
                c.total += child_counts.total
                c.linked += child_counts.linked
            c.total += _cjk(child.tail)
        if el.tag == "a":
            c.linked = c.total
        if _is_title(el):
            c = _Counts()
        if c.total:
            pending[el] = c
        if el is root or (el.tag in CONTAINER_TAGS and c.body >= MIN_CONTENT_CJK):
            kept[el] = c
    return kept


def _remove(el: etree._Element) -> None:
    """Drop an element but keep its tail text, which belongs to the parent."""
    if el.getparent() is not None:
        el.drop_tree()


def _page_meta(root: etree._Element) -> dict[str, str]:
    """``<meta name=… content=…>`` of the page, names in lower case (first one wins)."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or "").strip().lower()
        content = _collapse(el.get("content") or "")
        if name and content and name not in out:
            out[name] = content
    title = root.find(".//title")
    if title is not None and "<title>" not in out:
        out["<title>"] = _collapse(title.text_content())
    return out


def _drop_never_content(root: etree._Element) -> None:
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, with_tail=False)


#: Elements that may be hidden, found in C before any Python looks at them.
_MAYBE_HIDDEN = etree.XPath(
    "//*[@hidden or contains(translate(@style, 'ABDEILNOPSTVY', 'abdeilnopstvy'), 'none')"
    " or contains(translate(@style, 'ABDEILNOPSTVY', 'abdeilnopstvy'), 'hidden')]"
)
#: Elements with an id or class (chrome is named there).
_NAMED = etree.XPath("//*[@id or @class]")
#: Short text nodes that may begin a breadcrumb (当前位置 / 您的位置 / 所在位置 …).
_MAYBE_BREADCRUMB = etree.XPath("//text()[contains(., '位置')]")


def _drop_hidden(root: etree._Element) -> None:
    page_total = max(_cjk_under(root), 1)
    for el in _MAYBE_HIDDEN(root):
        if el is not root and _is_hidden(el) and _cjk_under(el) <= MAX_HIDDEN_SHARE * page_total:
            _remove(el)


def _breadcrumbs(root: etree._Element) -> list[etree._Element]:
    """The outermost short block, from where a 当前位置： label starts, that still starts with it."""
    found = []
    for text in _MAYBE_BREADCRUMB(root):
        el = text.getparent()
        best = None
        while el is not None and el.tag not in ("html", "body"):
            content = el.text_content()
            if not BREADCRUMB.match(content[:64]) or _cjk(content) > MAX_BREADCRUMB_CJK:
                break
            best = el
            el = el.getparent()
        if best is not None:
            found.append(best)
    return found


def _drop_chrome(root: etree._Element) -> None:
    for el in list(root.iter(*PAGE_LEVEL_TAGS)):
        if not _has_ancestor(el, ARTICLE_TAGS):
            _remove(el)
    page_total = max(_cjk_under(root), 1)
    doomed = [el for el in _NAMED(root) if _is_chrome_named(el) and not _is_content_hint(el)]
    doomed += _breadcrumbs(root)
    for el in doomed:
        if el.tag not in ("html", "body") and _cjk_under(el) / page_total <= MAX_CHROME_SHARE:
            _remove(el)


# --- choosing the main content --------------------------------------------------------


def _innermost(elements: list[etree._Element], counts: dict[etree._Element, _Counts]) -> etree._Element:
    above = {a for el in elements for a in el.iterancestors()}  # a set keeps the proxies alive
    inner = [el for el in elements if el not in above]
    return max(inner, key=lambda el: counts[el].body)


def _is_ancestor(ancestor: etree._Element, el: etree._Element) -> bool:
    return any(a is ancestor for a in el.iterancestors())


def _choose_main(root: etree._Element) -> etree._Element:
    counts = _measure_containers(root)

    def usable(el: etree._Element) -> bool:
        c = counts[el]
        return c.total > 0 and c.linked / c.total <= MAX_LINK_DENSITY

    candidates = [el for el in counts if el.tag in CONTAINER_TAGS and usable(el)]
    if not candidates:
        return root
    best = max(counts[el].body for el in candidates)
    hinted = [el for el in candidates if _is_content_hint(el)]
    pool = candidates
    if hinted and max(counts[el].body for el in hinted) >= MIN_HINTED_SHARE * best:
        pool = hinted
        best = max(counts[el].body for el in hinted)
    return _innermost([el for el in pool if counts[el].body >= INNER_SHARE * best], counts)


def _is_title(el: etree._Element) -> bool:
    if el.tag in TITLE_TAGS:
        return True
    if el.get("class") is None and el.get("id") is None:
        return False
    _, tokens = _tokens(el)
    return any(t in TITLE_TOKENS for t in tokens)


def _heading_before(root: etree._Element, main: etree._Element) -> str | None:
    """The nearest title-like element before ``main`` in document order, outside it."""
    found = None
    for el in root.iter():
        if el is main:
            break
        if _is_title(el) and not _has_ancestor(el, frozenset({"a"})):
            text = _collapse(_PRIVATE_USE.sub("", el.text_content()))
            if _cjk(text) >= MIN_TITLE_CJK:
                found = text
    return found


def _title_from_meta(meta: dict[str, str]) -> str | None:
    for name in TITLE_META_NAMES:
        if _cjk(meta.get(name, "")) >= MIN_TITLE_CJK:
            return meta[name]
    head = meta.get("<title>", "")
    for piece in _TITLE_SITE_SEPARATOR.split(head):
        if _cjk(piece) >= MIN_TITLE_CJK:
            return piece.strip()
    return None


#: Dropped before comparing a page title with the body's first lines: spacing, and the
#: quotation marks a site's title field often drops or adds (《》“”).
_TITLE_NOISE = re.compile(r"[\s\u3000《》〈〉“”\"'‘’]+")


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _title_key(text: str) -> str:
    return _TITLE_NOISE.sub("", text)


def _starts_with_title(lines: list[str], title: str) -> bool:
    return _title_key(title) in _title_key("".join(lines[:TITLE_LOOKAHEAD_LINES]))


#: Short text nodes holding a colon: where metadata labels (索引号： …) can be.
_MAYBE_LABEL = etree.XPath(
    "//text()[string-length(normalize-space(.)) < 40 and (contains(., '：') or contains(., ':'))]"
)


def _labels(text: str) -> set[str]:
    return {_squeeze(m.group(1)) for m in _META_LABEL.finditer(text)}


def _metadata_blocks(root: etree._Element, main: etree._Element) -> list[etree._Element]:
    """Metadata tables or lists outside the body: from each label, the smallest block around
    it that names :data:`MIN_META_LABELS` labels, within :data:`MAX_META_CJK` hanzi."""
    around_main = {*main.iterancestors(), main}  # a set of elements keeps their proxies alive
    blocks: list[etree._Element] = []
    for text in _MAYBE_LABEL(root):
        el = text.getparent()
        if not _META_LABEL.search(str(text)) or el is None or _is_ancestor(main, el) or el is main:
            continue
        while el is not None and el not in around_main:
            content = el.text_content()
            if _cjk(content) > MAX_META_CJK:
                break
            if el.tag in BLOCK_TAGS and len(_labels(content)) >= MIN_META_LABELS:
                table = el if el.tag == "table" else next(el.iterancestors("table"), None)
                block = table if table is not None and table not in around_main else el
                if not any(b is block or _is_ancestor(b, block) for b in blocks):
                    blocks = [b for b in blocks if not _is_ancestor(block, b)] + [block]
                break
            el = el.getparent()
    return sorted(blocks, key=lambda b: _document_position(root, b))


def _document_position(root: etree._Element, el: etree._Element) -> int:
    return next(i for i, other in enumerate(root.iter()) if other is el)


# --- rendering ------------------------------------------------------------------------


def _collapse(text: str) -> str:
    """HTML whitespace rules: runs of ASCII whitespace are one space (nbsp and U+3000 stay)."""
    return _ASCII_SPACE.sub(" ", text).strip(" ")


def _is_layout_table(table: etree._Element) -> bool:
    """A table that lays out the page rather than holding data: it nests tables, or no row
    has two cells with text (one column of blocks: a title row, then the body in one cell;
    joining a body cell's paragraphs into one row would make the document one line)."""
    if any(True for _ in table.iterdescendants("table")):
        return True
    for row in table.iter("tr"):
        filled = 0
        for cell in row:
            if cell.tag in CELL_TAGS and (cell.text_content() or "").strip():
                filled += 1
                if filled > 1:
                    return False
    return True


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    _render_children(cell, parts)
    return " ".join(line for line in (_collapse(p) for p in "".join(parts).split("\n")) if line)


def _span(cell: etree._Element, name: str) -> int:
    try:
        return min(max(int((cell.get(name) or "1").strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _table_rows(table: etree._Element) -> Iterable[str]:
    """Each row as ``\\t``-separated cells; a cell covered by a rowspan above is written empty."""
    covered: dict[int, list[int]] = {}  # first grid column → [rows still to cover, columns wide]
    for row in table.iter("tr"):
        out: list[str] = []
        passed: list[int] = []  # spans from rows above that this row passes through
        started: dict[int, list[int]] = {}
        col = 0
        for cell in row:
            if cell.tag not in CELL_TAGS:
                continue
            while col in covered:
                out.append("")
                passed.append(col)
                col += covered[col][1]
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            out.append(_cell_text(cell))
            if height > 1:
                started[col] = [height - 1, width]
            col += width
        for start in sorted(k for k in covered if k >= col):
            out.append("")
            passed.append(start)
        for start in passed:
            covered[start][0] -= 1
            if covered[start][0] <= 0:
                del covered[start]
        covered.update(started)
        if any(out):
            yield CELL_SEPARATOR.join(out)


def _render_children(el: etree._Element, out: list[str]) -> None:
    if el.text:
        out.append(_ASCII_SPACE.sub(" ", el.text))
    for child in el:
        _render(child, out)


def _render(el: etree._Element, out: list[str]) -> None:
    """Append ``el``'s text to ``out``, with ``\\n`` wherever a line must break; link text is
    wrapped in :data:`LINK_OPEN`/:data:`LINK_CLOSE` so lines made only of links can be told."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "a":
        out.append(LINK_OPEN)
        _render_children(el, out)
        out.append(LINK_CLOSE)
    elif tag == "br":
        out.append("\n")
    elif tag == "table" and not _is_layout_table(el):
        out.append("\n")
        out.append("\n".join(_table_rows(el)))
        out.append("\n")
    elif tag:
        block = tag in BLOCK_TAGS or tag in CELL_TAGS
        if block:
            out.append("\n")
        _render_children(el, out)
        if block:
            out.append("\n")
    if el.tail:
        out.append(_ASCII_SPACE.sub(" ", el.tail))


#: Marks around link text while rendering (control characters: never in an lxml tree's text).
LINK_OPEN, LINK_CLOSE = "\x1e", "\x1f"
_LINKED = re.compile(f"{LINK_OPEN}[^{LINK_CLOSE}]*{LINK_CLOSE}")
_LINK_MARKS = re.compile(f"[{LINK_OPEN}{LINK_CLOSE}]")
#: Short lines of page chrome that stand between a body and the lists of links after it:
#: the lists' labels (相关链接：, 相关文件, 延伸阅读…), share and print buttons, view counts.
TRAILING_CHROME = re.compile(
    r"^[\s\u3000【\[]*(?:相关(?:链接|文件|文章|阅读|新闻|信息|政策|解读|稿件|附件|报道)|延伸阅读|推荐阅读|热点推荐|"
    r"政策解读|解读材料|分享到|分享|扫一扫|打印本页|打印|关闭窗口|关闭|收藏|责任编辑|字号|浏览次数|访问量|"
    r"上一篇|下一篇)"
)
#: A trailing chrome line is short: a label or a row of buttons, never a sentence.
MAX_TRAILING_CHROME_CJK = 24


def _is_link_line(line: str) -> bool:
    """Every hanzi of the line is link text (an entry of a list of links)."""
    return LINK_OPEN in line and _cjk(_LINKED.sub("", line)) == 0 and _cjk(line) > 0


def _is_trailing_chrome(line: str) -> bool:
    plain = _LINK_MARKS.sub("", line)
    return _cjk(plain) <= MAX_TRAILING_CHROME_CJK and TRAILING_CHROME.match(plain) is not None


def _drop_trailing_links(lines: list[str]) -> list[str]:
    """Lists of links after the body (相关文件, 相关链接, other documents of the column) and
    the labels and buttons among them: the run of such lines that ends the main content. A
    link-only line is kept unless chrome follows or precedes it in that run (a body may end
    with a linked attachment name; a list of links under a label is never the document)."""
    end = len(lines)
    cut = end
    saw_chrome = False
    while cut > 0 and (_is_link_line(lines[cut - 1]) or _is_trailing_chrome(lines[cut - 1])):
        saw_chrome = saw_chrome or _is_trailing_chrome(lines[cut - 1])
        cut -= 1
    if not saw_chrome:
        cut = end
    return lines[:cut]


def _render_lines(el: etree._Element, *, body: bool = False) -> list[str]:
    out: list[str] = []
    _render(el, out)
    text = _PRIVATE_USE.sub("", "".join(out))
    lines = [line for line in (line.strip(" ") for line in text.split("\n")) if _LINK_MARKS.sub("", line).strip()]
    if body:
        lines = _drop_trailing_links(lines)
    return [_LINK_MARKS.sub("", line) for line in lines]


def _parse(path: Path, text: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "only whitespace")
    # UTF-8 bytes, not the str: lxml would make this copy itself, and the str can go first.
    data = text.encode("utf-8", "surrogatepass")
    del text
    try:
        return lxml.html.document_fromstring(data, parser=_HTML_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise LuoshiError(ErrorCode.CORRUPT, path, f"unparsable HTML ({exc})") from None


_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def main_text(root: etree._Element) -> str:
    """The page's document as text: metadata rows, title, body (see the module docstring)."""
    meta = _page_meta(root)
    _drop_never_content(root)
    _drop_hidden(root)
    _drop_chrome(root)
    main = _choose_main(root)
    lines = _render_lines(main, body=True)
    if not lines:
        return ""
    title = _heading_before(root, main) or _title_from_meta(meta)
    if title is not None and not _starts_with_title(lines, title):
        lines.insert(0, title)
    meta_lines = [line for block in _metadata_blocks(root, main) for line in _render_lines(block)]
    return "\n".join(meta_lines + lines)


def read_html(path: Path, data: bytes) -> SourceText:
    expect_kind(path, data, Sniffed.TEXT, "an HTML file")
    decoded = decode_html(path, data)
    encoding = decoded.encoding
    text = decoded.text
    del decoded  # the tree below holds the page; the decoded copy need not outlive it
    root = _parse(path, text)
    del text
    text = main_text(root)
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "no text in the page")
    return SourceText(path=path, text=text, kind="html", encoding=encoding)
