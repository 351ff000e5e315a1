"""A line opening with a bullet (●, ■, ◆…) is a list item of its own, however short the lines
around it; the middle dot of a transcribed name is no bullet. No indicator starts with one."""

from __future__ import annotations

from tests.doc_builder import clean_lines, parsed_targets

GOALS = [
    "2025年经济社会发展的主要预期目标",
    "●经济增长6%左右",
    "●城镇调查失业率5.5%左右",
    "●居民消费价格涨幅2%左右",
    "●粮食产量继续保持500亿斤以上",
]


def test_each_bullet_line_is_a_paragraph_of_its_own_with_blank_lines_between():
    lines = clean_lines("\n\n".join(GOALS) + "\n")
    assert lines[: len(GOALS)] == GOALS


def test_a_square_bullet_heading_opens_its_own_paragraph_too():
    lines = clean_lines("\n\n".join(["长江日报2025年01月17日", "■ 2025年主要预期目标", *GOALS[1:]]) + "\n")
    assert "■ 2025年主要预期目标" in lines


def test_a_middle_dot_at_a_line_start_does_not_open_a_paragraph():
    text = "\n".join(
        [
            "各地区各部门要认真学习先进人物事迹，大力宣传全国劳动模范阿卜杜拉",
            "·买买提同志扎根基层、服务群众的先进事迹，营造比学赶超的良好氛围。",
            "要加强统筹协调，建立健全工作机制，定期召开联席会议，通报工作进展",
            "情况，协调解决重大问题，督促落实各项工作任务，推动工作取得实效。",
        ]
    )
    assert any("阿卜杜拉·买买提" in line for line in clean_lines(text + "\n"))


def test_no_indicator_starts_with_a_bullet():
    text = "某县2025年政府工作报告\n\n" + "\n\n".join(GOALS) + "\n"
    by_value = {t.value: t for t in parsed_targets(text)}
    assert set(by_value) >= {6, 5.5, 2}
    assert by_value[5.5].indicator == "城镇调查失业率"
    assert all(not t.indicator.startswith(("●", "■")) for t in by_value.values())
