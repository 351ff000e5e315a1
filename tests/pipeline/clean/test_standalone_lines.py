"""Cleaner forms of issue 10: lines that stand alone by the conventions of the genre (GB/T 9704),
and the calendar words of Chinese-numeral dates.

Each text is a printed layout written here: 22 full-width characters a line, so a line padded
to the full width by its gap would run into the next one if nothing held it apart.
"""

from __future__ import annotations

import pytest

from doc_builder import clean_lines
from luoshi.patterns import DOC_NUMBER_LINE, cn_small_number, parse_date_line
from luoshi.pipeline import parse_text

BODY = "全面推进营商环境优化提升行动持续深化放管服改"  # 22 characters, 44 columns: a full line
NEXT_TITLE = "临川市人民政府关于2024年度环境保护工作情况的报告"


def _paragraphs(lines: list[str]) -> list[str]:
    text = "\n".join([*lines, *[BODY] * 10, "特此报告。"]) + "\n"
    return clean_lines(text)


def _full(left: str, right: str) -> str:
    """``left`` and ``right`` on one line, the gap between them filling it to 44 columns."""
    used = sum(1 if ch.isascii() else 2 for ch in left + right)
    return left + " " * (44 - used) + right


# --- 1. 签发人 on the number's line --------------------------------------------------------------


def test_the_test_lines_fill_the_usual_width():
    assert len(BODY) == 22 and len(_full("签发人：李明", "临府报〔2025〕4号")) > 22


@pytest.mark.parametrize(
    "line",
    [
        _full("签发人：李明", "临府报〔2025〕4号"),
        _full("签发人：李明　王华", "临府报〔2025〕4号"),
        "签发人：李明　　　　　　　　　　临府报〔2025〕4号",
    ],
)
def test_a_signer_before_the_number_stands_alone_and_keeps_the_number_apart(line):
    paras = _paragraphs(["临川市人民政府文件", line, NEXT_TITLE])
    assert "临府报〔2025〕4号" in paras  # the number is a paragraph of its own, its agency intact
    assert NEXT_TITLE in paras
    assert paras[paras.index("临府报〔2025〕4号") - 1].startswith("签发人：李明")


def test_a_signer_before_the_number_without_a_gap_still_stands_alone():
    line = "签发人：李明、王华、张强临府报〔2025〕4号"  # 41 columns: near the full width
    paras = _paragraphs(["临川市人民政府文件", line, NEXT_TITLE])
    assert paras[1:3] == [line, NEXT_TITLE]


def test_a_signer_after_the_number_still_stands_alone():
    paras = _paragraphs(["临川市人民政府文件", _full("临府报〔2025〕4号", "签发人：李明"), NEXT_TITLE])
    assert paras[1:3] == ["临府报〔2025〕4号签发人：李明", NEXT_TITLE]


def test_the_number_is_read_from_a_line_with_the_signer_first():
    lines = ["临川市人民政府文件", _full("签发人：李明", "临府报〔2025〕4号"), NEXT_TITLE]
    lines += ["江西省人民政府：", "现将有关情况报告如下。", "特此报告。", "临川市人民政府", "2025年1月5日"]
    (doc,) = parse_text("\n".join(lines)).documents
    assert (doc.doc_number, doc.title) == ("临府报〔2025〕4号", NEXT_TITLE)


def test_signer_inside_a_sentence_is_no_signer_field():
    # Starts with 签发人 and ends with a number, but a comma shows a sentence: it wraps on.
    line = "签发人：对文件内容负责，印发前审核甲政发〔2025〕1号"
    assert not DOC_NUMBER_LINE.match(line)
    paras = _paragraphs([BODY, line, "文件的全部内容和附件材料。"])
    assert BODY + line + "文件的全部内容和附件材料。" in paras


def test_a_spaced_sentence_naming_the_signer_is_not_cut():
    line = "本报告经签发人：李明 审定后按甲政发〔2025〕1号"
    paras = _paragraphs([BODY, line, "文件要求报送。"])
    assert any(p.endswith("按甲政发〔2025〕1号文件要求报送。") for p in paras)


# --- 2. a contents entry with its page number ------------------------------------------------------


def test_contents_entries_with_a_spaced_page_number_stand_alone():
    entries = [
        _full("关于印发甲市春耕生产工作方案的通知", "2"),
        _full("甲政发〔2025〕1号", "2"),
        _full("关于加快发展乙产业的意见", "5"),
        _full("关于印发丙办法的通知（甲政发〔2025〕3号）", "9"),
        NEXT_TITLE,
    ]
    paras = _paragraphs(["目　录", *entries])
    for entry in ("关于印发甲市春耕生产工作方案的通知2", "甲政发〔2025〕1号2", "关于加快发展乙产业的意见5"):
        assert entry in paras
    assert "关于印发丙办法的通知（甲政发〔2025〕3号）9" in paras
    assert NEXT_TITLE in paras


def test_a_line_ending_in_a_spaced_number_that_is_no_entry_wraps_on():
    # The gap and the number alone are not enough: the text before them ends with no 文种 or number.
    line = _full("到年底全市新增城镇就业岗位不少于", "12")
    paras = _paragraphs([BODY, line, "万个。"])
    assert BODY + line.replace(" ", "") + "万个。" in paras


def test_a_title_ending_in_a_digit_without_a_gap_wraps_on():
    line = "按照省政府办公厅关于做好春耕生产工作的通知2"
    paras = _paragraphs([BODY, line, "025年起施行的要求推进。"])
    assert BODY + line + "025年起施行的要求推进。" in paras


# --- 3. a title with its number on one line ------------------------------------------------------------


def test_a_title_then_its_number_on_one_line_stands_alone():
    line = _full("关于做好2025年春耕生产工作的通知", "甲政发〔2025〕1号")
    paras = _paragraphs([BODY + "。", line, "各乡镇人民政府、市直有关单位："])
    assert "关于做好2025年春耕生产工作的通知甲政发〔2025〕1号" in paras
    assert "各乡镇人民政府、市直有关单位：" in paras
    assert BODY + "。" in paras


def test_a_sentence_citing_a_title_and_its_number_wraps_on():
    line = "按照《关于做好春耕生产工作的通知》（甲政发〔2025〕1号"
    paras = _paragraphs([BODY, line, "）要求，各地要抓紧落实。"])
    assert BODY + line + "）要求，各地要抓紧落实。" in paras
    line = "按照省政府关于做好春耕生产工作，落实甲政发〔2025〕1号"
    paras = _paragraphs([BODY, line, "文件要求。"])
    assert BODY + line + "文件要求。" in paras


# --- 4. 元月, 廿 and 卅 in dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("二〇二五年元月五日", "2025-01-05"),
        ("二〇二五年元月三十一日", "2025-01-31"),
        ("二〇二五年一月廿一日", "2025-01-21"),
        ("二〇二五年三月廿五日", "2025-03-25"),
        ("二〇二五年三月廿日", "2025-03-20"),
        ("二〇二五年三月卅日", "2025-03-30"),
        ("二〇二五年元月卅一日", "2025-01-31"),
        ("二〇二五年十二月二十一日", "2025-12-21"),
    ],
)
def test_calendar_words_in_chinese_numeral_dates(text, date):
    assert parse_date_line(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "二〇二五年元月卅二日",  # 32
        "二〇二五年一月二廿日",  # 廿 is the tens: nothing stands before it
        "二〇二五年一月廿十日",
        "二〇二五年一月廿卅日",
        "二〇二五年一月元日",  # 元 is a month word only
        "二〇二五年元元月一日",
        "二〇二五年廿月一日",  # no month 20
    ],
)
def test_calendar_words_out_of_place_are_no_date(text):
    assert parse_date_line(text) is None


def test_yuan_alone_is_no_number():
    # 元 is 一 only in 元月: elsewhere it is the currency (``5元``).
    assert cn_small_number("元") is None
    assert (cn_small_number("廿"), cn_small_number("廿五"), cn_small_number("卅一")) == (20, 25, 31)


def test_a_document_dated_with_calendar_words_gets_its_date():
    lines = ["临川市人民政府文件", "临府发〔2025〕2号", "临川市人民政府关于做好春耕生产工作的通知"]
    lines += ["各县（区）人民政府：", "现将有关事项通知如下。", "临川市人民政府", "二〇二五年元月廿一日"]
    (doc,) = parse_text("\n".join(lines)).documents
    assert doc.date == "2025-01-21"
