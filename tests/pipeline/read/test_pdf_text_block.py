"""Page numbers are found outside the document's own text block, not a fixed share of an A4 page.

An office suite prints US Letter with 25 mm margins: its first and last body rows sit inside the
edge band calibrated on GB/T 9704's 37 mm / 35 mm, where a body line that is a bare number (a
table's 序号) would read as a page number.
"""

from __future__ import annotations

from luoshi.read.pdf_furniture import PageLine, remove_furniture

# Depths (0 top, 1 bottom) of a Letter page with 25 mm margins: body rows from 0.092 to 0.905.
LETTER_TOP = 0.092
LETTER_BOTTOM = 0.905
# Words that make each page's lines its own (a running head's key ignores digits).
PAGE_WORDS = "甲乙丙丁"


def _letter_page(first: list[PageLine], last: list[PageLine], n: int = 0) -> list[PageLine]:
    body = [PageLine(f"{PAGE_WORDS[n]}页正文{PAGE_WORDS[k % 4]}{k}行。", LETTER_TOP + 0.03 * k) for k in range(1, 27)]
    return [*first, *body, *last]


def _plain_page(n: int = 0) -> list[PageLine]:
    """A page whose first and last rows are body text (different on every page)."""
    return _letter_page(
        [PageLine(f"各地区要认真落实{PAGE_WORDS[n]}项。", LETTER_TOP)],
        [PageLine(f"抓好组织实施{PAGE_WORDS[n]}项。", LETTER_BOTTOM)],
        n,
    )


def test_bare_number_on_the_text_blocks_first_row_is_body() -> None:
    """A table row's 序号 ``1`` printed on the first body row of a Letter page is kept."""
    row = [PageLine("1", LETTER_TOP + 0.001), PageLine("知识产权案件审判改革", LETTER_TOP)]
    pages = [_plain_page(1), _letter_page(row, [PageLine("抓好组织实施。", LETTER_BOTTOM)], 2), _plain_page(3)]
    assert remove_furniture(pages)[1][:2] == ["1", "知识产权案件审判改革"]


def test_page_number_above_the_text_block_goes() -> None:
    """The same ``1`` in the head margin, above the body's first row, is a page number."""
    pages = [[PageLine(str(n), 0.05), *_plain_page(n)] for n in range(1, 4)]  # numbers in the header
    assert [page[0] for page in remove_furniture(pages)] == [
        f"各地区要认真落实{PAGE_WORDS[n]}项。" for n in range(1, 4)
    ]


def test_bare_number_on_the_text_blocks_last_row_is_body() -> None:
    last = [PageLine("2", LETTER_BOTTOM), PageLine("推广范围全国", LETTER_BOTTOM)]
    pages = [_plain_page(1), _letter_page([PageLine("各地区要认真落实。", LETTER_TOP)], last, 2), _plain_page(3)]
    assert remove_furniture(pages)[1][-2:] == ["2", "推广范围全国"]


def test_page_number_below_the_text_block_goes() -> None:
    pages = [[*_plain_page(n), PageLine(str(n), 0.95)] for n in range(1, 4)]
    assert [page[-1] for page in remove_furniture(pages)] == [f"抓好组织实施{PAGE_WORDS[n]}项。" for n in range(1, 4)]


def test_a_browsers_title_beside_its_print_date_is_not_the_text_block() -> None:
    """The page title printed beside the browser's date is furniture's row, not the body's
    first row: a page number level with it still goes."""
    stamp = "12/2/26, 4:12 AM"
    title = "关于印发推进家庭医生签约服务高质量发展实施方案的通知的政府信息公开页面标题很长很长很长"
    pages = [
        [PageLine(stamp, 0.02), PageLine(title, 0.02), PageLine(f"{n}/3", 0.021), *_plain_page(n)] for n in range(1, 4)
    ]
    assert [page[1] for page in remove_furniture(pages)] == [
        f"各地区要认真落实{PAGE_WORDS[n]}项。" for n in range(1, 4)
    ]
