"""``由X负责`` duty phrases as real documents write them (issue 10, held-out annotation).

Every document here is written in the test. Each class has both sides: the form that is a
task under the guide's ``由……负责`` rule, and a near form that is not.
"""

from __future__ import annotations

import pytest

from doc_builder import build, tasks_by_path


def _tasks(*articles: str, closing: list[str] = ()) -> dict[tuple[str, ...], object]:
    items = [((str(i),), [text]) for i, text in enumerate(articles, 1)]
    return tasks_by_path(items, closing=closing)


@pytest.mark.parametrize(
    ("article", "units"),
    [
        ("鉴于机构调整尚未到位，新闻宣传工作仍由市法规处具体负责。", ("市法规处",)),
        ("全县培训经费由县人社局统一负责管理。", ("县人社局",)),
        ("补贴资金的发放由县财政局直接负责。", ("县财政局",)),
        ("档案整理由县档案馆和县民政局共同负责。", ("县档案馆", "县民政局")),
    ],
)
def test_an_adverb_between_the_name_and_fuze_keeps_the_phrase(article, units):
    got = _tasks(article)
    assert got[("1",)].units == units
    assert got[("1",)].lead_units == ()


def test_qiantou_fuze_makes_the_unit_a_lead():
    got = _tasks("项目验收由市住建局牵头负责，按季度通报进度。")
    assert got[("1",)].units == ("市住建局",)
    assert got[("1",)].lead_units == ("市住建局",)


def test_an_action_without_fuze_is_still_no_task():
    assert _tasks("新闻宣传工作仍由市法规处具体实施。", "培训经费由县人社局统一管理。") == {}


@pytest.mark.parametrize(
    ("article", "units"),
    [
        ("新闻宣传工作仍由法规（科）处具体负责。", ("法规（科）处",)),
        ("辖区内的排查由各县（市、区）人民政府负责。", ("各县（市、区）人民政府",)),
        ("复核工作由市场监管（知识产权）局负责。", ("市场监管（知识产权）局",)),
    ],
)
def test_a_bracket_inside_the_unit_name_keeps_the_phrase(article, units):
    assert _tasks(article)[("1",)].units == units


def test_a_name_that_is_no_unit_gives_no_task():
    assert _tasks("材料的真实性由申请人负责。", "信息核对由个人负责。") == {}


@pytest.mark.parametrize(
    ("article", "units"),
    [
        ("违规领取的，由其户籍所在地的区级残联组织负责追回补贴资金。", ("区级残联组织",)),
        ("党员的日常教育由基层党组织负责。", ("基层党组织",)),
    ],
)
def test_names_ending_in_zuzhi_are_units_of_a_duty_phrase(article, units):
    assert _tasks(article)[("1",)].units == units


def test_zuzhi_is_no_unit_suffix_outside_a_duty_phrase():
    # A bare bracket after a sentence needs unit-like parts; 组织 is not a unit suffix there,
    # and the bare group word 社会组织 is no unit in a duty phrase either.
    assert _tasks("扶持合作经营。（农村集体经济组织）", "活动经费由社会组织负责。") == {}


def test_a_qualifier_before_the_unit_is_left_out_of_the_name():
    got = _tasks("申请人符合条件的，由其户籍所在地的区级民政部门负责审核。")
    assert got[("1",)].units == ("区级民政部门",)
    assert "由其户籍所在地的区级民政部门负责审核" in got[("1",)].text


def test_a_qualifier_whose_head_is_a_bare_word_gives_no_task():
    assert _tasks("具体事项由负责审核的部门负责答复。") == {}


def test_the_interpretation_clause_of_a_numbered_article_is_a_task_but_not_in_the_closing():
    got = _tasks("本办法由县民政局负责解释。")
    assert got[("1",)].units == ("县民政局",)
    # The same clause in the unnumbered closing paragraph has no outline path (Hangzhou precedent).
    assert _tasks("加强组织保障。", closing=["本办法自2025年1月1日起施行，由县民政局负责解释。"]) == {}


def test_explain_names_the_reason_a_duty_phrase_gave_no_units():
    from luoshi.cli import explain_tasks

    doc, clean = build(
        [
            (("一",), ["材料的真实性由申请人负责。"]),
            (("二",), ["补助资金（由县财政局负责拨付的部分除外）按季度结算。"]),
            (("三",), ["档案由县档案馆负责保管。（县民政局配合）"]),
            (("四",), ["复核由县民政局具体负责。"]),
        ]
    )
    lines = "\n".join(explain_tasks(doc, clean))
    assert "duty phrase 一 [L1] 由申请人负责: rejected (name-does-not-read-as-units)" in lines
    assert "duty phrase 二 [L2] 由县财政局负责: rejected (inside-a-bracket-that-is-not-its-own)" in lines
    assert "duty phrase 三 [L3] 由县档案馆负责: rejected (item-has-its-own-unit-list)" in lines
    assert "duty phrase 四" not in lines  # read: it made the task
    assert "list (duty-phrase): 由县民政局具体负责" in lines


def test_fuzeren_is_a_person_not_the_units_duty():
    assert _tasks("申报材料由县民政局负责人签字确认。", "会议由县政府办公室负责同志主持。") == {}
    assert _tasks("申报材料由县民政局负责审核。")[("1",)].units == ("县民政局",)
