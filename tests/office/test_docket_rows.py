"""The rows of the docket and the task list: the unit's own role, the document, the units of each task,
in a fixed number of queries."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi_web.registry import queries
from luoshi_web.registry.models import Task, TaskUnit


def rows(body: str) -> dict[int, str]:
    """task id → the text of its docket row."""
    found = re.findall(r'<tr><td><a href="/tasks/(\d+)/">(.*?)</tr>', body, flags=re.S)
    return {int(pk): row for pk, row in found}


def test_each_row_shows_the_units_own_role_and_the_document(world, browse):  # type: ignore[no-untyped-def]
    body = browse("reporter_b").get("/docket/").content.decode()
    found = rows(body)
    assert set(found) == {world.task_b.pk, world.task_ab.pk}
    # unit B leads task_b alone and is co-responsible on task_ab (led by A)
    assert "<strong>牵头</strong>" in found[world.task_b.pk] and "配合" not in found[world.task_b.pk]
    assert "配合" in found[world.task_ab.pk] and "牵头" not in found[world.task_ab.pk]
    assert world.d1.doc_number in found[world.task_b.pk]
    # a document without 发文字号 is named by its title
    world.d1.doc_number = None
    world.d1.save()
    found = rows(browse("reporter_b").get("/docket/").content.decode())
    assert world.d1.title in found[world.task_b.pk]


def test_the_row_query_agrees_with_the_docket_and_the_assignments(world):  # type: ignore[no-untyped-def]
    sup = world.actor("supervisor")
    lean = list(queries.unit_docket_rows(sup, world.unit_b))
    assert [t.pk for t in lean] == [t.pk for t in queries.unit_docket(sup, world.unit_b)]
    for task in lean:
        assert task.unit_role == TaskUnit.objects.get(task_id=task.pk, unit=world.unit_b).role
        assert task.status == queries.get_task(sup, task.pk).status


def test_the_docket_costs_the_same_number_of_queries_for_more_tasks(world, browse):  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    url = f"/docket/{world.unit_b.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        extra = Task.objects.create(document=world.d2, path=["九", str(n)], path_key=f"九/{n}", text=f"新增任务{n}")
        TaskUnit.objects.create(task=extra, unit=world.unit_b, name=world.unit_b.name, role="co", position=n)
    with CaptureQueriesContext(connection) as after:
        body = client.get(url).content.decode()
    assert len(rows(body)) == 7
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_list_row_names_four_units_lead_first_in_bold_and_counts_the_rest(world, browse):  # type: ignore[no-untyped-def]
    task = Task.objects.create(document=world.d2, path=["八"], path_key="八", text="多个单位共同推进的任务")
    names = ["省<教育>厅", "省科技厅", "省民政厅", "省司法厅", "省人社厅", "省自然资源厅"]
    for n, name in enumerate(names):
        TaskUnit.objects.create(task=task, name=name, role="lead" if n == 0 else "co", position=n)
    body = browse("supervisor").get("/tasks/", {"q": "多个单位共同推进"}).content.decode()
    cell = re.search(r"<td><strong>.*?</td>", body).group(0)
    assert cell == "<td><strong>省&lt;教育&gt;厅</strong>、省科技厅、省民政厅、省司法厅 等 6 个单位</td>"
    # a task with two units lists both and counts none
    two = browse("supervisor").get("/tasks/", {"q": "财政专项"}).content.decode()
    assert "个单位" not in two and "<strong>省财政厅</strong>" in two
