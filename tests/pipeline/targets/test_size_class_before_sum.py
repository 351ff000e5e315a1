"""``招引总投资超30亿元或3亿美元产业项目2个``: a sum after 超 right before the noun of the projects it
bounds is their size class (a threshold, guide), the count after the noun is the target, an amount to
deliver (guide: no comparator word → ``>=``), not set by the plan word 总投资 of the size class."""

from __future__ import annotations

from doc_builder import parsed_targets

HEAD = "2030年重点工作\n一、招商引资\n"


def found(line: str) -> set[tuple[float, str, str]]:
    return {(t.value, t.unit, t.comparator) for t in parsed_targets(HEAD + line + "\n")}


def test_the_size_class_before_the_noun_is_no_target_and_the_count_is_delivered():
    got = found("全年招引落户总投资超30亿元或3亿美元产业项目2个、总投资超10亿元产业项目5个。")
    assert got == {(2, "个", ">="), (5, "个", ">=")}


def test_a_sum_after_chao_with_no_counted_noun_is_the_target():
    assert found("区重点产业项目完成投资超60亿元。") == {(6e9, "元", ">")}


def test_a_sum_after_chao_before_a_noun_with_no_count_stays_a_target():
    assert (5e9, "元", ">") in found("全年完成工业投资超50亿元项目建设任务。")
