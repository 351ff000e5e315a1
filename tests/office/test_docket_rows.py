"""The docket page's rows: the unit's own role and the document on each task, in a fixed number of queries."""

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
