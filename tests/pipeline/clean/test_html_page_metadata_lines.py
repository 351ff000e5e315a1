"""On a saved web page (HTML: one line per block) a page's metadata or posting line under the title
(``发布时间：2021-05-10 09:30信息来源：……``, ``来源：……　日期：……``) is a line of its own, as in a text file:
an 印发 notice's title that ends in another 文种 (``关于印发……的通报``) does not run on into it, and the
header still finds the title, its 文种 and the 主送 below."""

from __future__ import annotations

from tests.doc_builder import clean_lines, saved_page

TITLE = "关于印发2021年重点工作第一季度推进情况的通报"
POSTED = "发布时间：2021-05-10 09:30信息来源：某某县人民政府"
META = "来源：某某县人民政府办公室　日期：2021-05-10"
BODY = "根据县政府工作安排，县政府督查室对重点工作推进情况进行了督查，现将有关情况通报如下。"


def test_posting_line_stands_under_a_carrier_title_on_a_page():
    assert clean_lines("\n".join([TITLE, POSTED, BODY]), kind="html")[:2] == [TITLE, POSTED]


def test_metadata_line_stands_under_a_carrier_title_on_a_page():
    title, meta = clean_lines("\n".join([TITLE, META, BODY]), kind="html")[:2]
    assert title == TITLE
    assert meta.startswith("来源：") and meta.endswith("2021-05-10")


def test_a_carrier_title_still_goes_on_into_its_own_tail_on_a_page():
    # the other side: the title broken before its own 的通知 still joins (no metadata line)
    head, tail = "关于印发某某县关于加强安全生产工作的意见", "的通知"
    assert clean_lines("\n".join([head, tail, BODY]), kind="html")[0] == head + tail


def test_the_page_header_reads_title_genre_and_addressees():
    doc = saved_page([TITLE, POSTED, "各乡镇人民政府，县政府各部门：", BODY])
    assert doc.title == TITLE
    assert doc.genre == "通报"
    assert list(doc.addressees) == ["各乡镇人民政府", "县政府各部门"]
