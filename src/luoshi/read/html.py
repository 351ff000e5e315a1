"""HTML pages from government sites: the document's main text, without site chrome.

The main-content heuristic, in order (each step explainable from a page):

1. Drop what is never content: scripts, styles, forms, ``<nav>``, page-level
   ``<header>``/``<footer>``, hidden elements, and elements whose id/class
   names chrome (:data:`BOILERPLATE_TOKENS`) — unless they hold most of the
   page's text, which means the class name lied.
2. Candidates are elements whose id/class names a content container
   (:data:`CONTENT_HINTS`: ``TRS_Editor``, ``pages_content``, ``zoom``…, what
   Chinese government CMSs use); if none holds text, every block container.
3. Candidates that are mostly links (menus, lists of related articles) are
   out. Among the rest, take the innermost one holding at least
   :data:`INNER_SHARE` of the best one's Chinese text: the article body
   rather than the column around it.
4. If the page title (a heading before the body) was left outside, put it
   first: the header parser needs it.

The chosen element is rendered with block elements as line breaks and each
data-table row as one line of ``\\t``-separated cells (so a metadata table
such as 索引号/发文机关/发文字号 inside the content stays usable).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText
from luoshi.read.encoding import BOMS, Decoded, normalise_newlines
from luoshi.read.sniff import SNIFF_BYTES, Sniffed, sniff
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
        "map", "audio", "video",
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
        "toolbar", "print", "ad", "ads", "topbar", "bottom",
    }
)  # fmt: skip
#: Substrings of an id/class value that name chrome even inside a longer word (bdsharebuttonbox).
BOILERPLATE_SUBSTRINGS = ("share", "jiathis", "breadcrumb", "copyright", "navbar")

#: Substrings of an id/class value that name the content container on government CMSs
#: (TRS: ``TRS_Editor``; gov.cn: ``pages_content``/``UCAP-CONTENT``; many: ``zoom``, ``zw``).
CONTENT_HINTS = ("content", "article", "zoom", "trs_editor", "detail", "zhengwen", "wenzhang")
CONTENT_TOKENS = frozenset({"zw", "text", "con", "nr"})

#: A chrome-named element holding this share of the page's Chinese text is not chrome.
MAX_CHROME_SHARE = 0.5
#: Candidates with more of their Chinese text inside links than this are menus or lists.
MAX_LINK_DENSITY = 0.5
#: A hinted container counts only with this much Chinese text outside links.
MIN_CONTENT_CJK = 20
#: The innermost candidate with this share of the best candidate's text wins (the body
#: column rather than the page wrapper around it).
INNER_SHARE = 0.75
#: A heading before the body is taken as the page's title if it has this many hanzi.
MIN_TITLE_CJK = 6

CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "body", "center", "font", "span"})
TITLE_TAGS = frozenset({"h1", "h2"})
TITLE_TOKENS = frozenset({"title", "tit", "biaoti", "bt"})

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

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


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


# --- choosing the main content --------------------------------------------------------


def _tokens(el: etree._Element) -> tuple[str, list[str]]:
    value = f"{el.get('id', '')} {el.get('class', '')}".lower()
    return value, [t for t in _TOKEN_SPLIT.split(value) if t]


def _is_content_hint(el: etree._Element) -> bool:
    value, tokens = _tokens(el)
    return any(h in value for h in CONTENT_HINTS) or any(t in CONTENT_TOKENS for t in tokens)


def _is_chrome_named(el: etree._Element) -> bool:
    value, tokens = _tokens(el)
    return any(t in BOILERPLATE_TOKENS for t in tokens) or any(s in value for s in BOILERPLATE_SUBSTRINGS)


def _has_ancestor(el: etree._Element, tags: frozenset[str]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


@dataclass
class _Counts:
    """Hanzi under an element, and how many of them are link text."""

    total: int = 0
    linked: int = 0

    @property
    def body(self) -> int:
        return self.total - self.linked


def _count_cjk(root: etree._Element) -> dict[etree._Element, _Counts]:
    """Bottom-up hanzi counts for every element (iterative: pages nest deeply)."""
    counts: dict[etree._Element, _Counts] = {}
    for el in reversed(list(root.iter())):
        c = _Counts(total=len(_CJK.findall(el.text or "")) if isinstance(el.tag, str) else 0)
        for child in el:
            child_counts = counts.get(child, _Counts())
            c.total += child_counts.total + len(_CJK.findall(child.tail or ""))
            c.linked += child_counts.linked
        if el.tag == "a":
            c.linked = c.total
        counts[el] = c
    return counts


def _remove(el: etree._Element) -> None:
    """Drop an element but keep its tail text, which belongs to the parent."""
    el.drop_tree()


def _strip_chrome(root: etree._Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                _remove(el)
            continue
        if el.getparent() is None:
            continue
        if el.tag in DROP_TAGS or el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style", "")):
            _remove(el)
        elif el.tag in PAGE_LEVEL_TAGS and not _has_ancestor(el, ARTICLE_TAGS):
            _remove(el)
    counts = _count_cjk(root)
    page_total = max(counts[root].total, 1)
    for el in list(root.iter()):
        if el.getparent() is None or not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        if _is_chrome_named(el) and not _is_content_hint(el):
            if counts.get(el, _Counts()).total / page_total <= MAX_CHROME_SHARE:
                _remove(el)


def _innermost(elements: list[etree._Element], counts: dict[etree._Element, _Counts]) -> etree._Element:
    members = set(elements)
    inner = [el for el in elements if not any(d in members for d in el.iterdescendants())]
    return max(inner, key=lambda el: counts[el].body)


def _choose_main(root: etree._Element) -> etree._Element:
    counts = _count_cjk(root)

    def usable(el: etree._Element) -> bool:
        c = counts[el]
        return c.total > 0 and c.linked / c.total <= MAX_LINK_DENSITY

    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    hinted = [el for el in elements if _is_content_hint(el) and usable(el) and counts[el].body >= MIN_CONTENT_CJK]
    candidates = hinted or [el for el in elements if el.tag in CONTAINER_TAGS and usable(el)]
    if not candidates:
        return root
    best = max(counts[el].body for el in candidates)
    strong = [el for el in candidates if counts[el].body >= INNER_SHARE * best]
    return _innermost(strong, counts)


def _is_title(el: etree._Element) -> bool:
    if el.tag in TITLE_TAGS:
        return True
    _, tokens = _tokens(el)
    return any(t in TITLE_TOKENS for t in tokens)


def _title_before(root: etree._Element, main: etree._Element) -> str | None:
    """The nearest title-like element before ``main`` in document order, if outside it."""
    if any(_is_title(el) for el in main.iter() if isinstance(el.tag, str)):
        return None
    found = None
    for el in root.iter():
        if el is main:
            break
        if isinstance(el.tag, str) and _is_title(el) and not _has_ancestor(el, frozenset({"a"})):
            text = _collapse(el.text_content())
            if len(_CJK.findall(text)) >= MIN_TITLE_CJK:
                found = text
    return found


# --- rendering ------------------------------------------------------------------------


def _collapse(text: str) -> str:
    """HTML whitespace rules: runs of ASCII whitespace are one space (nbsp and U+3000 stay)."""
    return _ASCII_SPACE.sub(" ", text).strip(" ")


def _is_layout_table(table: etree._Element) -> bool:
    return any(True for _ in table.iterdescendants("table"))


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    _render(cell, parts)
    return " ".join(line for line in (_collapse(p) for p in "".join(parts).split("\n")) if line)


def _table_rows(table: etree._Element) -> Iterable[str]:
    for row in table.iter("tr"):
        cells = [_cell_text(cell) for cell in row if isinstance(cell.tag, str) and cell.tag in CELL_TAGS]
        if any(cells):
            yield CELL_SEPARATOR.join(cells)


def _render(el: etree._Element, out: list[str]) -> None:
    """Append ``el``'s text to ``out``, with ``\\n`` wherever a line must break."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "br":
        out.append("\n")
    elif tag == "table" and not _is_layout_table(el):
        out.append("\n")
        out.append("\n".join(_table_rows(el)))
        out.append("\n")
    else:
        block = tag in BLOCK_TAGS or tag in CELL_TAGS
        if block:
            out.append("\n")
        if el.text and tag:
            out.append(_ASCII_SPACE.sub(" ", el.text))
        for child in el:
            _render(child, out)
        if block:
            out.append("\n")
    if el.tail:
        out.append(_ASCII_SPACE.sub(" ", el.tail))


def _render_lines(el: etree._Element) -> list[str]:
    out: list[str] = []
    _render(el, out)
    lines = (line.strip(" ") for line in "".join(out).split("\n"))
    return [line for line in lines if line]


def _parse(path: Path, text: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "only whitespace")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise LuoshiError(ErrorCode.CORRUPT, path, f"unparsable HTML ({exc})") from None


def read_html(path: Path, data: bytes) -> SourceText:
    kind = sniff(data[:SNIFF_BYTES])
    if kind is Sniffed.OTHER_BINARY:
        raise LuoshiError(ErrorCode.BINARY, path)
    if kind is not Sniffed.TEXT:
        raise LuoshiError(ErrorCode.WRONG_EXTENSION, path, f"an HTML file holding {kind.describe()}")
    decoded = decode_html(path, data)
    root = _parse(path, decoded.text)
    _strip_chrome(root)
    main = _choose_main(root)
    lines = _render_lines(main)
    title = _title_before(root, main)
    if title is not None:
        lines.insert(0, title)
    text = "\n".join(lines)
    if not text.strip():
        raise LuoshiError(ErrorCode.EMPTY, path, "no text in the page")
    return SourceText(path=path, text=text, kind="html", encoding=decoded.encoding)
