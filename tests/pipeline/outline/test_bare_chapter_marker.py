"""A chapter or section marker alone on its line still opens its chapter or section.

A plain text layer may read a centred ``第二章　服务设施`` as two blocks and put the title after
the next article's number, leaving ``第二章`` on a line of its own; the articles below belong to
that chapter all the same.
"""

from tests.doc_builder import parsed_tasks

from luoshi.outline import match_marker
from luoshi.patterns import MarkerKind


def rules(chapter_two: str) -> str:
    return "\n\n".join(
        [
            "某市居家养老服务管理办法",
            "第一章　总则",
            "第一条　为了规范居家养老服务，制定本办法。",
            chapter_two,
            "第二条　服务设施",
            "区民政部门负责建设社区养老服务设施。（责任单位：区民政局）",
            "第三章　监督管理",
            "第三条　市民政部门负责监督检查。（责任单位：市民政局）",
        ]
    )


def test_articles_under_a_bare_chapter_line_belong_to_that_chapter():
    tasks = parsed_tasks(rules("第二章"), name="banfa.txt")
    assert set(tasks) == {("二", "二"), ("三", "三")}
    assert tasks[("二", "二")].units == ("区民政局",)


def test_with_its_title_on_the_line_the_chapter_is_read_as_before():
    tasks = parsed_tasks(rules("第二章　服务设施"), name="banfa.txt")
    assert set(tasks) == {("二", "二"), ("三", "三")}


def test_a_bare_chapter_or_section_marker_is_a_marker_and_a_bare_item_number_is_not():
    assert match_marker("第二章").kind is MarkerKind.CHAPTER
    assert match_marker("第三节").kind is MarkerKind.SECTION
    assert match_marker("（二）") is None
    assert match_marker("2.") is None
    assert match_marker("第二条") is None
