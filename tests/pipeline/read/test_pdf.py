"""PDF reader: text layer in order, page furniture removed by position, errors coded."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures_build import build_drawing_only_pdf, build_pdf, gazette_pages
from luoshi.errors import ErrorCode, LuoshiError
from luoshi.read import read_file
from luoshi.read.pdf_furniture import PageLine, is_page_number, remove_furniture

PAGE_1 = ["国务院关于印发某某工作方案的通知", "国发〔2024〕1号", "各省、自治区、直辖市人民政府：", "一、总体要求"]
PAGE_2 = ["（一）指导思想。坚持稳中求进。", "12", "二、主要任务"]
PAGE_3 = ["国务院", "2024年1月5日"]
HEAD = "国务院公报 2024年第5期"


def body(*pages: list[str]) -> str:
    """Expected reader output: each page's lines, pages joined by a newline."""
    return "\n".join("\n".join(lines) for lines in pages)


def test_running_head_and_gb_page_numbers_are_removed(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "notice.pdf", [PAGE_1, PAGE_2, PAGE_3], running_head=HEAD)
    source = read_file(path)
    assert source.text == body(PAGE_1, PAGE_2, PAGE_3)
    assert source.kind == "pdf"
    assert source.pages == 3
    assert "公报" not in source.text and "—" not in source.text


@pytest.mark.parametrize(
    "label",
    [lambda n: f"- {n} -", lambda n: f"第{n}页", lambda n: f"第 {n} 页 共 3 页", lambda n: str(n), lambda n: f"{n}/3"],
    ids=["hyphens", "di-ye", "di-ye-gong", "bare", "slash"],
)
def test_page_number_styles_at_the_bottom(tmp_path: Path, label) -> None:
    path = build_pdf(tmp_path / "styles.pdf", [PAGE_1, PAGE_2, PAGE_3], page_number=label)
    assert read_file(path).text == body(PAGE_1, PAGE_2, PAGE_3)


def test_page_number_at_the_top(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "top.pdf", [PAGE_1, PAGE_2], number_at_top=True)
    assert read_file(path).text == body(PAGE_1, PAGE_2)


def test_single_page_loses_its_number_but_keeps_an_unrepeated_head(tmp_path: Path) -> None:
    """A head on one page is not known to be running; a page number is known by its shape."""
    path = build_pdf(tmp_path / "one.pdf", [PAGE_1], running_head=HEAD)
    assert read_file(path).text == body([HEAD, *PAGE_1])


def test_body_number_inside_the_text_block_is_kept(tmp_path: Path) -> None:
    """A bare number that is body text (a table cell) sits inside the block and stays."""
    pages = [["2024", *PAGE_1], ["15", *PAGE_2]]
    path = build_pdf(tmp_path / "numbers.pdf", pages, running_head=HEAD)
    assert read_file(path).text == body(*pages)


def test_long_gazette_keeps_every_body_line(tmp_path: Path) -> None:
    """100 pages whose first body lines look alike: only the furniture goes."""
    pages = gazette_pages(100)
    source = read_file(build_pdf(tmp_path / "gazette.pdf", pages, running_head="某省人民政府公报"))
    assert source.pages == 100
    assert source.text == body(*pages)


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "locked.pdf", [PAGE_1], encrypt_password="secret")
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.ENCRYPTED


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(LuoshiError) as info:
        read_file(build_drawing_only_pdf(tmp_path / "scan.pdf"))
    assert info.value.code is ErrorCode.NO_TEXT


def test_pdf_with_only_furniture_has_no_text(tmp_path: Path) -> None:
    path = build_pdf(tmp_path / "numbers-only.pdf", [[], [], []], running_head=HEAD)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.NO_TEXT


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = build_pdf(tmp_path / "whole.pdf", [PAGE_1, PAGE_2]).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(LuoshiError) as info:
        read_file(cut)
    assert info.value.code is ErrorCode.CORRUPT


def test_garbage_after_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"this is not a pdf body\n" * 20 + b"%%EOF\n")
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.CORRUPT


@pytest.mark.parametrize(
    ("data", "what"),
    [("国务院关于印发的通知\n".encode(), "text"), (b"PK\x03\x04" + b"\x00" * 40, "ZIP")],
)
def test_not_a_pdf(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(data)
    with pytest.raises(LuoshiError) as info:
        read_file(path)
    assert info.value.code is ErrorCode.WRONG_EXTENSION
    assert what in info.value.message


# --- the furniture rules on their own, both sides of each threshold ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "— 1 —",
        "－12－",
        "- 3 -",
        "—4—",
        "第5页",
        "第 6 页",
        "第七页",
        "第2页 共10页",
        "共10页 第2页",
        "3/10",
        "·12·",
        "7",
        "Page 3",
    ],
)
def test_page_number_shapes(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["一、总体要求", "2024年", "12345", "第5条", "— 第一章 —", "3.5", "附件1"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def _page(head: str | None, *rest: tuple[str, float]) -> list[PageLine]:
    lines = [PageLine(head, 0.05)] if head else []
    return lines + [PageLine(text, depth) for text, depth in rest]


def test_running_head_needs_repetition_on_enough_pages() -> None:
    """Ten pages: a head on 3 (30 %) is running and goes; a head on 2 stays."""
    body_line = ("正文", 0.5)
    three = [_page("甲省公报" if i < 3 else None, body_line) for i in range(10)]
    two = [_page("甲省公报" if i < 2 else None, body_line) for i in range(10)]
    assert all(page == ["正文"] for page in remove_furniture(three))
    assert remove_furniture(two)[0] == ["甲省公报", "正文"]


def test_repeated_line_outside_the_band_is_body() -> None:
    pages = [[PageLine("各地区各部门要认真贯彻落实。", 0.2), PageLine("正文", 0.5)] for _ in range(5)]
    assert remove_furniture(pages) == [["各地区各部门要认真贯彻落实。", "正文"]] * 5


def test_page_number_must_be_an_outer_row() -> None:
    """A number in the band but above two other rows is table content, not a page number."""
    page = [PageLine("正文", 0.5), PageLine("8", 0.885), PageLine("合计", 0.9), PageLine("— 1 —", 0.95)]
    assert remove_furniture([page]) == [["正文", "8", "合计"]]


def test_long_repeated_edge_line_is_kept() -> None:
    long_line = "关于进一步加强和改进新形势下各级政府部门公文处理工作的若干意见的补充通知和说明（试行）"
    assert len(long_line) > 40
    pages = [[PageLine(long_line, 0.05), PageLine("正文", 0.5)] for _ in range(4)]
    assert remove_furniture(pages)[0] == [long_line, "正文"]
