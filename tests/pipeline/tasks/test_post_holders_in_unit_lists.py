"""Leaders named by post inside a unit list (a 部门分工意见 writes who answers for the item
before its units): a post-holder is a person, no unit; an office that merely ends in 长 stays."""

from __future__ import annotations

from doc_builder import tasks_by_path
from luoshi.extract.units import parse_units


def test_posts_before_the_units_are_left_out_and_the_lead_is_kept():
    got = tasks_by_path(
        [
            (
                ("一",),
                [
                    "全年地区生产总值增长7%左右（分管副省长、协管副秘书长负责，省发展改革委牵头，"
                    "省财政厅、省统计局等按职责分工负责）。"
                ],
            )
        ]
    )
    assert got[("一",)].units == ("省发展改革委", "省财政厅", "省统计局")
    assert got[("一",)].lead_units == ("省发展改革委",)


def test_each_post_form_is_left_out():
    for post in ("常务副市长", "县长", "分管副县长", "市政府秘书长", "自治区主席", "协管副区长"):
        parsed = parse_units(f"{post}、市发展改革委负责")
        assert parsed is not None and parsed.units == ("市发展改革委",), post


def test_a_list_of_posts_alone_names_no_units():
    assert parse_units("分管副市长、协管副秘书长负责") is None


def test_units_ending_in_a_post_like_word_stay():
    # 河长 names an office as well as its holder; a 办公室 of a post is a unit.
    parsed = parse_units("市河长制办公室、市长热线办公室、市水利局负责")
    assert parsed is not None
    assert parsed.units == ("市河长制办公室", "市长热线办公室", "市水利局")
