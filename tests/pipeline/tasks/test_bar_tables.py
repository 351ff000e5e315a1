"""Round 3 of tasks on real text: tables copied from web pages with bars between their cells.

Every document here is made up for the test. Each rule is tested on both sides.
"""

from __future__ import annotations

from doc_builder import parsed_tasks

# (Rows of unequal length: the cleaner rejoins lines of one width as a wrapped paragraph, a
# stage of its own.)

# --- bar-separated rows: ``序号 | 举措 | 牵头单位 | 责任单位 |`` ----------------------------

PIPED = """2025年县政府重点工作任务分解表
序号 | 重点任务 | 分管县领导 | 牵头单位 | 责任单位 |
1 | 新建公办幼儿园2所。 | 张某某 | 县教育局 | 县财政局、各乡镇 |
2 | 实施城区供水管网改造，完成老旧管网更新30公里，推进二次供水设施改造。 | 李某某 | 县住建局 | 县水务公司 |
"""


def test_bar_separated_rows_are_table_rows():
    tasks = parsed_tasks(PIPED)
    assert set(tasks) == {("表", "1"), ("表", "2")}
    assert tasks[("表", "1")].units == ("县教育局", "县财政局", "各乡镇")
    assert tasks[("表", "1")].lead_units == ("县教育局",)
    assert tasks[("表", "2")].units == ("县住建局", "县水务公司")
    # the leader's column names a person, not a unit
    assert "张某某" not in tasks[("表", "1")].units


UNNUMBERED_PIPED = """| 重点任务 | 牵头单位 | 配合单位 |
| 开展城乡环境卫生整治。 | 县城管局 | 各乡镇 |
| 推进农村改厕，完成户厕改造500户，同步建设粪污收集处理设施，建立长效管护机制。 | 县农业农村局 | 县卫健局 |
"""


def test_bar_separated_rows_without_number_column_count_rows():
    tasks = parsed_tasks(UNNUMBERED_PIPED)
    assert tasks[("表", "1")].units == ("县城管局", "各乡镇")
    assert tasks[("表", "2")].units == ("县农业农村局", "县卫健局")


MENU = """首页 | 政务公开 | 办事服务 | 互动交流
关于做好农村人居环境整治工作的通知
各乡镇人民政府，县直各部门：
现将有关事项通知如下。
一、开展环境整治。各乡镇要清理积存垃圾。
"""


def test_bars_in_a_page_menu_make_no_table():
    # the other side: a menu line is no table header (no unit column), and its words no task
    assert parsed_tasks(MENU) == {}


def test_bars_inside_running_text_are_no_cells():
    # a bar glued to words (``政务公开|通知``) is no cell separator: the row is not read
    text = "序号|重点任务|牵头单位|责任单位\n1|新建公办幼儿园2所。|县教育局|县财政局\n"
    assert ("表", "1") not in parsed_tasks(text)
