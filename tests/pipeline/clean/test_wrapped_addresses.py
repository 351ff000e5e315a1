"""A web address wrapped at the line's edge in a PDF text layer (a collector's ``原文链接`` line):
its tail is part of the address, never the start of the title or the text below it."""

from __future__ import annotations

from tests.pipeline.clean.test_hard_wrapped_layers import FILLER

from doc_builder import clean_lines, indented_layer
from luoshi.clean import _url_wraps

TITLE = "某市交通运输局关于公布2021年度道路养护项目审批结果的公告"


def _with_address(address_line: str, tail: str) -> str:
    """An address line as the layer sets it (one line however wide), its tail, the title and body."""
    return "　　" + address_line + "\n" + tail + "\n" + indented_layer([TITLE, *FILLER])


def test_the_tail_of_a_wrapped_address_goes_back_to_the_address():
    # ``原文链接：https://…/lar/3d49cd07`` fills the line (5 Chinese characters and the address)
    address = "原文链接：https://www.example.gov.cn/lar/3d49cd077b5cb34"
    out = clean_lines(_with_address(address, "01d1f098a8b7fd628bdfb.html"))
    assert address + "01d1f098a8b7fd628bdfb.html" in out
    assert TITLE in out


def test_a_short_address_line_or_a_chinese_line_after_an_address_opens_its_own_paragraph():
    # A whole address that ends well short of the line's edge did not wrap: the next line is its own.
    out = clean_lines(_with_address("原文链接：https://a.cn/x", "t20230222.html"))
    assert "t20230222.html" not in "".join(line for line in out if "原文链接" in line)
    # After a full address line, a line with Chinese characters is text again.
    full = "原文链接：https://www.example.gov.cn/lar/3d49cd077b5cb34"
    text = "　　" + full + "\n某市交通运输局\n" + indented_layer(FILLER)
    out = clean_lines(text)
    assert "某市交通运输局" in out


def test_only_a_line_of_address_characters_after_a_full_address_line_is_its_tail():
    full = "原文链接：https://www.example.gov.cn/lar/3d49cd077b5cb34"
    width = 4 + 10 + len(full) - 5  # the indent and five Chinese characters (2 each), the address
    assert _url_wraps(full, "01d1f.html", width, width)
    assert not _url_wraps(full, "12", width, width)  # a page or row number alone
    assert not _url_wraps(full, "01d1f 海口", width, width)
    # the tail would (not) have fitted at the end of the address line
    assert not _url_wraps(full, "01d1f.html", width, width + len("01d1f.html"))
    assert _url_wraps(full, "01d1f.html", width, width + len("01d1f.html") - 1)
    # a layer that breaks between words moves the rest after the last ``/`` down whole
    assert _url_wraps("原文链接：https://www.example.gov.cn/lar/", "3d49cd077b5cb34.html", 48, 60)
    assert not _url_wraps("原文链接：见附件", "01d1f.html", width, width)
