"""A task table whose number column is headed 编号 instead of 序号 is read as a 序号 table, laid
out with tabs or one cell a line."""

from tests.doc_builder import parsed_tasks

HEAD = [
    "某县人民政府办公室关于印发2024年重点工作任务分工方案的通知",
    "各乡镇人民政府，县政府各部门：",
    "现将分工方案印发给你们，请认真贯彻执行。",
]
FOOT = ["某县人民政府办公室", "2024年3月1日"]


def table(number_title: str, first: str, second: str, sep: str) -> str:
    rows = [
        [number_title, "工作任务", "牵头单位", "责任单位", "完成时限"],
        [first, "新建幼儿园2所。", "县教育局", "县财政局", "2024年底"],
        [second, "改造农村公路100公里。", "县交通运输局", "各乡镇人民政府", "2024年底"],
    ]
    return "\n\n".join([*HEAD, "\n".join(sep.join(r) for r in rows), *FOOT]) + "\n"


def test_a_number_column_headed_bianhao_gives_one_task_a_row():
    for sep in ("\t", "\n"):
        tasks = parsed_tasks(table("编号", "1", "2", sep))
        assert set(tasks) == {("表", "1"), ("表", "2")}, sep
        assert tasks[("表", "2")].units == ("县交通运输局", "各乡镇人民政府")


def test_the_xuhao_title_reads_as_before():
    tasks = parsed_tasks(table("序号", "1", "2", "\t"))
    assert set(tasks) == {("表", "1"), ("表", "2")}
