"""A signature printed with a note where the seal goes still names the issuer."""

from __future__ import annotations

import pytest

from luoshi.pipeline import parse_text

BODY = "关于加强管理的通知\n各乡镇人民政府：\n为加强管理，现通知如下。\n一、加强领导。\n{signature}\n2023年6月23日\n"


@pytest.mark.parametrize("note", ["（印章）", "(公章)", "（盖章）", " (章)"])
def test_a_seal_note_after_the_signature_is_not_part_of_the_issuer(note):
    [doc] = parse_text(BODY.format(signature=f"临川市人民政府办公室{note}")).documents
    assert doc.issuers == ("临川市人民政府办公室",)
    assert doc.date == "2023-06-23"


def test_other_brackets_after_a_signature_line_are_not_seal_notes():
    # ``（代章）``-like wording is no seal note this rule knows; a line that is no organ name is no
    # signature with or without it.
    [doc] = parse_text(BODY.format(signature="请各单位认真执行（此件公开发布）")).documents
    assert doc.issuers == ()
