"""A report digest's results section (``■ 2024年成绩单``) is past: its numbers are no targets;
the goals under the next heading are."""

from tests.doc_builder import parsed_targets


def digest(results_heading: str) -> str:
    return "\n\n".join(
        [
            "某县2025年政府工作报告",
            results_heading,
            "●粮食总产达到557万吨",
            "●新建农村公路120公里",
            "■ 2025年主要预期目标",
            "●经济增长6%左右",
            "●城镇新增就业7000人以上",
        ]
    )


def test_numbers_under_a_results_heading_are_no_targets():
    values = {t.value for t in parsed_targets(digest("■ 2024年成绩单"))}
    assert values == {6, 7000}


def test_under_a_heading_that_is_no_review_they_are():
    values = {t.value for t in parsed_targets(digest("■ 2025年重点工作"))}
    assert {5570000, 120} <= values
