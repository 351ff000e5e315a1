"""Sentence and clause splitting (``luoshi.extract.sentences``): offsets, brackets, the fast path."""

from luoshi.extract.sentences import Piece, clauses, sentences


def test_sentences_split_at_sentence_ends_only():
    text = "到2025年，覆盖率达到90%。新增10个！完成"
    assert sentences(text) == [
        Piece(0, 15, "到2025年，覆盖率达到90%"),
        Piece(16, 21, "新增10个"),
        Piece(22, 24, "完成"),
    ]


def test_clauses_split_at_commas_and_semicolons_too():
    assert clauses("甲，乙；丙。丁") == [Piece(0, 1, "甲"), Piece(2, 3, "乙"), Piece(4, 5, "丙"), Piece(6, 7, "丁")]


def test_marks_inside_brackets_do_not_split():
    text = "落实措施（责任单位：甲，乙。）。下一句"
    assert sentences(text) == [Piece(0, 15, "落实措施（责任单位：甲，乙。）"), Piece(16, 19, "下一句")]
    assert clauses("《关于甲，乙的通知》，丙") == [Piece(0, 10, "《关于甲，乙的通知》"), Piece(11, 12, "丙")]


def test_a_stray_closing_bracket_does_not_hide_later_marks():
    assert sentences("甲）乙。丙") == [Piece(0, 3, "甲）乙"), Piece(4, 5, "丙")]


def test_text_without_an_end_mark_is_one_piece_and_empty_text_none():
    assert sentences("（一）加快建设，完善机制") == [Piece(0, 12, "（一）加快建设，完善机制")]
    assert clauses("加快建设（试点）") == [Piece(0, 8, "加快建设（试点）")]
    assert sentences("") == []
    assert clauses("。，") == []
