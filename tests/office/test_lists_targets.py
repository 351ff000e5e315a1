"""Task list filters and paging, the docket, the target page with its chart and observation form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from luoshi_web.office import chart, tasks
from luoshi_web.registry import clock
from luoshi_web.registry.models import Observation, Task


def task_links(body: str) -> set[int]:
    return {int(n) for n in re.findall(r'href="/tasks/(\d+)/"', body)}


def test_filters(world, browse, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: date(2017, 1, 10))  # task_a's deadline (2016-12-31) has passed
    client = browse("supervisor")
    everything = task_links(client.get("/tasks/").content.decode())
    assert {world.task_a.pk, world.task_b.pk, world.task_ab.pk, world.task_public.pk} <= everything
    assert task_links(client.get("/tasks/?status=overdue").content.decode()) == {world.task_a.pk}
    by_unit = task_links(client.get(f"/tasks/?unit={world.unit_b.pk}").content.decode())
    assert by_unit == {world.task_b.pk, world.task_ab.pk}
    by_doc = task_links(client.get(f"/tasks/?document={world.d2.pk}").content.decode())
    assert by_doc == {world.task_public.pk}
    assert task_links(client.get("/tasks/?q=财政专项").content.decode()) == {world.task_b.pk}
    ranged = task_links(client.get("/tasks/?deadline_from=2016-12-01&deadline_to=2016-12-31").content.decode())
    assert ranged == {world.task_a.pk}


def test_filters_by_typed_unit_name_and_document_number(world, browse):  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    body = client.get("/tasks/", {"unit": world.unit_b.name}).content.decode()
    assert task_links(body) == {world.task_b.pk, world.task_ab.pk}
    body = client.get("/tasks/", {"document": world.d2.doc_number}).content.decode()
    assert task_links(body) == {world.task_public.pk}
    by_id = client.get(f"/tasks/?unit={world.unit_b.pk}").content.decode()
    assert f'value="{world.unit_b.name}"' in by_id  # a link's id is shown as the unit's name
    unknown = client.get("/tasks/", {"unit": "省不存在厅"}).content.decode()
    assert "没有名为“省不存在厅”的单位" in unknown
    assert "没有发文字号为" in client.get("/tasks/", {"document": "川办发〔1999〕1号"}).content.decode()


def test_bad_filters_get_messages(world, browse):  # type: ignore[no-untyped-def]
    client = browse("leader")
    body = client.get("/tasks/?deadline_from=2017-01-01&deadline_to=2016-01-01").content.decode()
    assert "结束日期早于开始日期" in body
    assert "有效" in client.get("/tasks/?status=bogus").content.decode()  # Django's "select a valid choice"
    assert client.get("/tasks/?deadline_from=not-a-date").status_code == 200


def test_paging_without_count(world, browse, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tasks, "PAGE_SIZE", 2)
    client = browse("supervisor")
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/tasks/?sort=deadline").content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper() and "task" in q["sql"]]
    assert len(task_links(first)) == 2 and "offset=2" in first
    second = client.get("/tasks/?sort=deadline&offset=2").content.decode()
    assert len(task_links(second)) == 2 and not task_links(first) & task_links(second)
    assert "offset=4" not in second  # the last page has no next link
    assert "offset=0" in second


def test_docket_lists_the_units_tasks_with_its_role(world, browse):  # type: ignore[no-untyped-def]
    body = browse("reporter_b").get("/docket/").content.decode()
    assert task_links(body) == {world.task_b.pk, world.task_ab.pk}
    assert "配合" in body


@pytest.fixture
def public_target(world):  # type: ignore[no-untyped-def]
    return world.d2.targets.get()  # D2's task names unit A only


def observe(client, target, **data):  # type: ignore[no-untyped-def]
    return client.post(f"/targets/{target.pk}/", {"value": 55, "as_of": "2016-06-30", "source": "省商务厅统计", **data})


def test_reporter_of_a_delivering_unit_records_an_observation(world, browse, public_target):  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    assert "报送监测值" in client.get(f"/targets/{public_target.pk}/").content.decode()
    assert observe(client, public_target).status_code == 302
    obs = Observation.objects.get()
    assert obs.value == 55 and obs.created_by == world.users["reporter_a"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"value": "many"}, "监测值应为数字"),
        ({"as_of": "2999-01-01"}, "晚于今天"),
        ({"source": ""}, "这个字段是必填项"),
    ],
)
def test_bad_observation_gets_a_message(world, browse, public_target, data, message):  # type: ignore[no-untyped-def]
    response = observe(browse("supervisor"), public_target, **data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "expert", "reporter_b"])
def test_others_may_not_record(world, browse, public_target, persona):  # type: ignore[no-untyped-def]
    assert "报送监测值" not in browse(persona).get(f"/targets/{public_target.pk}/").content.decode()
    assert observe(browse(persona), public_target).status_code == 403
    assert not Observation.objects.exists()


def test_observation_form_enforces_csrf(world, browse, public_target):  # type: ignore[no-untyped-def]
    assert observe(browse("reporter_a", csrf=True), public_target).status_code == 403
    assert not Observation.objects.exists()


def test_target_page_shows_attainment_and_chart(world, browse, public_target):  # type: ignore[no-untyped-def]
    for as_of, value in ((date(2016, 1, 1), 40), (date(2016, 6, 30), 60)):
        Observation.objects.create(target=public_target, value=value, as_of=as_of, source="统计")
    body = browse("leader").get(f"/targets/{public_target.pk}/").content.decode()
    assert "<svg" in body and "<polyline" in body and "目标 80" in body
    assert "50.0%" in body  # (60 - 40) / (80 - 40)


def test_chart_geometry():
    drawn = chart.build([(date(2016, 1, 1), 0.0), (date(2016, 12, 31), 50.0)], 100.0, date(2016, 12, 31), 50.0)
    assert drawn.points[0].x == chart.LEFT and drawn.points[-1].x == drawn.plot_right
    assert drawn.goal_y is not None and drawn.goal_y < drawn.points[-1].y < drawn.points[0].y  # higher is up
    assert drawn.deadline_x == drawn.plot_right
    assert chart.build([], None, None, None).empty


def test_task_page_marks_the_span_and_its_lines(world, browse):  # type: ignore[no-untyped-def]
    Task.objects.filter(pk=world.task_a.pk).update(span_start=10, span_end=40, line_start=12, line_end=13)
    Task.objects.filter(pk=world.task_b.pk).update(span_start=50, span_end=60, line_start=14, line_end=14)
    body = browse("supervisor").get(f"/tasks/{world.task_a.pk}/").content.decode()
    assert '<mark id="span">' in body and world.task_a.text in body
    assert "源文件第 12–13 行" in body
    assert f'href="/tasks/{world.task_b.pk}/"' in body  # the next outline item, as context
    assert world.task_a.deadline is None or str(world.task_a.deadline.year) in body


def test_task_page_shows_the_document_text_around_the_span(db, client):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from luoshi_web.registry.demo import default_seed
    from luoshi_web.registry.ingest import import_file
    from luoshi_web.registry.models import Profile, Role

    import_file(default_seed())
    task = Task.objects.get(document__doc_number="川办函〔2016〕23号", path_key="三/五")
    before = Task.objects.get(document=task.document, path_key="三/四")
    user = get_user_model().objects.create_user("office", password="x" * 12)
    Profile.objects.create(user=user, role=Role.SUPERVISOR)
    client.force_login(user)
    body = client.get(f"/tasks/{task.pk}/").content.decode()
    marked = re.search(r'<mark id="span">(.*?)</mark>', body, re.S).group(1)
    assert task.text[:20] in marked
    context = body[body.index('<div class="source">') : body.index('<mark id="span">')]
    assert before.text[-15:] in context  # the end of the previous item, as the text reads


def test_a_linked_target_is_reported_by_its_linked_units_only(world, browse):  # type: ignore[no-untyped-def]
    from luoshi_web.registry.models import TargetLink

    target = world.d1.targets.get()  # D1 names units A and B on its tasks: both may record until it is linked
    assert observe(browse("reporter_a"), target).status_code == 302
    link = TargetLink.objects.create(target=target)
    link.units.add(world.unit_b)
    assert observe(browse("reporter_a"), target).status_code == 403
    assert observe(browse("reporter_b"), target).status_code == 302
    link.units.clear()
    link.task = world.task_a  # linked through a task: that task's units report
    link.save()
    assert observe(browse("reporter_a"), target).status_code == 302
    assert observe(browse("reporter_b"), target).status_code == 403
    assert Observation.objects.count() == 3


def test_the_issuing_city_reports_its_own_plans_targets(world, browse):  # type: ignore[no-untyped-def]
    from luoshi_web.registry.models import Profile

    world.d2.issuers = [world.unit_b.name]  # D2 names only unit A on its tasks
    world.d2.save()
    Profile.objects.filter(user=world.users["reporter_b"]).update(unit=world.unit_b)
    assert observe(browse("reporter_b"), world.d2.targets.get()).status_code == 302
