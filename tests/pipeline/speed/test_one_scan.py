"""Scans the speed pass of 2026-12-03 merged or replaced (issue 10) answer as what they replace.

The cleaner's usual line is scanned once for the characters that decide both whether it needs
folding and how wide it prints; a unit column's header line is found from its last word, not by
one pattern tried at every character; the binary sniff counts control bytes in C; the cleaner
asks ``_stands_alone`` only of lines that pass its first test. Each is held to the path it
replaced, on both sides, on the corpus and on texts written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luoshi import clean
from luoshi.errors import LuoshiError
from luoshi.extract import tasks
from luoshi.read import READERS, read_file
from luoshi.read.sniff import MAX_CONTROL_RATIO, TEXT_CONTROLS, looks_binary


@pytest.fixture(scope="module")
def corpus_texts(shared: Path) -> list[str]:
    out: list[str] = []
    for path in sorted((shared / "corpus").iterdir()):
        if path.suffix.lower() in READERS:
            try:
                out.append(read_file(path).text)
            except LuoshiError:
                continue
    assert len(out) > 20
    return out


def test_the_one_class_finds_exactly_the_narrow_and_the_folding_characters():
    needs_folding = clean._NEEDS_FOLDING.compiled()
    folding = set()
    for code in range(0x10000):
        ch = chr(code)
        narrow = clean._NARROW.match(ch) is not None
        folds = needs_folding.match(ch) is not None
        if folds:
            folding.add(ch)
        assert (clean._NARROW_OR_FOLDING.match(ch) is not None) == (narrow or folds), hex(code)
    assert clean._FOLDING == folding
    assert "，" not in folding and "Ａ" in folding and "\u3000" in folding  # kept and folded sides


def test_the_narrow_class_is_the_east_asian_width_it_always_was():
    # The class as it was written out by hand before the ranges were named.
    written = re.compile(
        "[^\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
        "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
    )
    for code in range(0x10000):
        assert (written.match(chr(code)) is None) == (clean._NARROW.match(chr(code)) is None), hex(code)


def test_ranges_less_points_keeps_every_other_point():
    assert clean._without([(1, 5), (8, 9)], [1, 3, 9, 20]) == [(2, 2), (4, 5), (8, 8)]
    assert clean._without([(4, 4)], [4]) == []


def test_the_usual_lines_width_is_its_east_asian_width(corpus_texts: list[str]):
    usual = 0
    lines = [line for text in corpus_texts for line in text.split("\n")]
    for raw in [*lines, "第1章　总则", "«意见»", "文字“引号”——2025年"]:
        if not raw or clean._NEEDS_FOLDING.search(raw) or raw[0].isspace() or raw[-1].isspace():
            continue
        usual += 1
        found = clean._NARROW_OR_FOLDING.findall(raw)
        assert clean._FOLDING.isdisjoint(found), raw
        assert 2 * len(raw) - len(found) == clean._east_asian_width(raw), raw
    assert usual > 3000


# The pattern ``_has_unit_header_line`` replaced, searched over a whole document.
_UNIT_HEADER_LINE = re.compile(r"(?:^|\n)[ \t]*(?:主要|牵头)?(?:责任|牵头|配合|负责|主责)(?:单位|部门)[ \t]*(?:\n|$)")

HEADER_CASES = {
    "重点任务\n牵头单位\n配合单位\n": True,
    "序号\n 主要责任单位 \t\n完成时限": True,
    "推进项目建设。\n负责部门": True,  # the last line, no newline after it
    "负责部门\n": True,
    "牵头单位：市发改委\n": False,  # a label with its units: no header cell
    "一、各责任单位要加强领导\n": False,
    "单位\n部门\n": False,  # no role word
    "牵头单位（市发改委）\n": False,
    "市牵头单位\n": False,
    "": False,
}


def test_the_unit_header_line_is_found_as_the_whole_document_pattern_found_it(corpus_texts: list[str]):
    found = 0
    for text, expected in HEADER_CASES.items():
        assert tasks._has_unit_header_line(text) is expected, text
        assert bool(_UNIT_HEADER_LINE.search(text)) is expected, text
    for text in corpus_texts:
        assert tasks._has_unit_header_line(text) is (_UNIT_HEADER_LINE.search(text) is not None)
        # A header line (or a near miss) set inside a real document's text, at a line of its own.
        cut = text.find("\n", len(text) // 2) + 1
        for case, expected in HEADER_CASES.items():
            embedded = text[:cut] + case + "\n" + text[cut:]
            answer = tasks._has_unit_header_line(embedded)
            assert answer is (_UNIT_HEADER_LINE.search(embedded) is not None), case
            found += answer and expected
    assert found > 50


def _stray_controls(head: bytes) -> int:
    return sum(1 for byte in head if byte < 0x20 and byte not in TEXT_CONTROLS)


def test_the_binary_sniff_counts_the_control_bytes_the_byte_loop_counted():
    limit = int(MAX_CONTROL_RATIO * 1000)  # stray controls a 1000-byte head may hold and stay text
    at_limit = b"\x01" * limit + "文".encode() * ((1000 - limit) // 3) + b"a" * ((1000 - limit) % 3)
    over = b"\x01" * (limit + 1) + at_limit[limit + 1 :]
    assert len(at_limit) == len(over) == 1000
    assert _stray_controls(at_limit) == limit and not looks_binary(at_limit)
    assert _stray_controls(over) == limit + 1 and looks_binary(over)
    text_controls = bytes(TEXT_CONTROLS) * 100  # tabs, newlines, form feeds, ESC: text
    assert not looks_binary(text_controls)


def test_the_stands_alone_guard_never_turns_away_a_line_that_stands_alone(corpus_texts: list[str]):
    alone = 0
    lines = [line.strip() for text in corpus_texts for line in text.split("\n")]
    for line in [*lines, "2016年3月4日", "甲政发〔2025〕1号", "浦府〔20221", "2016年第3期"]:
        if not line:
            continue
        guarded = "号" in line or line[-1] in clean._ALONE_LAST or line[-1].isdigit()
        if clean._stands_alone(line):
            alone += 1
            assert guarded, line
    assert alone > 50


def test_removing_whitespace_by_split_removes_what_the_whitespace_pattern_removes():
    import re as std_re

    pattern = std_re.compile(r"\s+")
    spaces = [chr(code) for code in range(0x10000) if pattern.fullmatch(chr(code))]
    assert {"\u3000", "\xa0", "\t", "\n", " "} <= set(spaces)
    for ch in spaces:
        text = f"市{ch}发改委{ch}{ch}"
        assert tasks._nows(text) == pattern.sub("", text) == "市发改委", hex(ord(ch))
    assert all(not chr(code).isspace() for code in range(0x10000) if chr(code) not in spaces)
    plain = "市发改委"
    assert tasks._nows(plain) is plain


def test_the_cleaners_line_starts_and_script_hint_are_what_the_text_gives(corpus_texts: list[str]):
    from luoshi.model import CleanText, SourceText
    from luoshi.patterns import TRADITIONAL_CHAR

    written = ["關於印發實施意見的通知\n東府〔2021〕54號", "关于印发实施意见的通知\n\n\n甲政发〔2021〕5号\n"]
    traditional = 0
    for text in [*corpus_texts, *written]:
        source = SourceText(path=Path("t.txt"), text=text, kind="txt", encoding="utf-8")
        ct = clean.clean(source)
        found = CleanText(ct.text, ct.runs, source)  # line starts found again, script not known
        assert found.prints_traditional is None
        assert ct._line_starts == found._line_starts
        assert ct.prints_traditional is (TRADITIONAL_CHAR.search(text) is not None)
        traditional += ct.prints_traditional
    assert traditional >= 1  # both sides of the hint
