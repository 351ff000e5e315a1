"""Sub-tasks with named people (明确到人) made on the task page, and the expert's way to the evaluation form.

World (tests/web/conftest.py): task_a is unit A's alone (due 2016-12-31, document dated
2016-03-03, unpublished), task_ab is led by A with B co-responsible, task_b is B's.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from luoshi_web.registry import permissions as perm
from luoshi_web.registry import subtasks
from luoshi_web.registry.models import AuditLog, Profile, Role, Task
from web.conftest import World, make_user, post_json

pytestmark = pytest.mark.django_db


def _form(text: str = "完成平台接口改造", user: object = None, name: str = "", deadline: str = "2016-09-30") -> dict:
    return {
        "sub-text": text,
        "sub-assignee_user": str(user.pk) if user is not None else "",
        "sub-assignee_name": name,
        "sub-deadline": deadline,
    }


@pytest.fixture
def zhang(world: World):  # type: ignore[no-untyped-def]
    """A second account of unit A, with a full name: the person a sub-task names."""
    user = make_user("zhangsan", Role.REPORTER, world.unit_a)
    user.first_name = "张三"
    user.save()
    return user


def _subs(parent: Task) -> list[Task]:
    return list(Task.objects.filter(parent=parent).order_by("id"))


def test_the_lead_units_reporter_names_an_account_of_its_unit_and_that_person_sees_it(
    world: World,
    browse,
    zhang,  # type: ignore[no-untyped-def]
) -> None:
    reporter = browse("reporter_a")
    page = reporter.get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert 'id="subtask-form"' in page
    assert f'<option value="{zhang.pk}">张三</option>' in page  # the unit's account, by full name
    assert 'min="2016-03-03"' in page and 'max="2016-12-31"' in page  # the allowed range in the field
    response = reporter.post(reverse("office:subtask_new", args=[world.task_a.pk]), _form(user=zhang))
    assert response.status_code == 302 and response["Location"].endswith(f"/tasks/{world.task_a.pk}/#subtasks")
    (sub,) = _subs(world.task_a)
    assert (sub.text, sub.assignee_user, sub.assignee_name, sub.deadline) == (
        "完成平台接口改造",
        zhang,
        "张三",
        date(2016, 9, 30),
    )
    assert [(a.unit_id, a.role) for a in sub.assignments.all()] == [(world.unit_a.pk, "lead")]
    assert AuditLog.objects.filter(model="registry.task", object_id=str(sub.pk), action="task.subtask").exists()
    page = reporter.get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert "完成平台接口改造" in page and "张三" in page
    # the named person finds it on their home page; another unit's reporter never sees it
    person = Client()
    person.force_login(zhang)
    mine = person.get(reverse("office:home")).content.decode()
    assert 'id="my-subtasks"' in mine and "完成平台接口改造" in mine
    assert 'id="my-subtasks"' not in reporter.get(reverse("office:home")).content.decode()  # not theirs
    assert browse("reporter_b").get(reverse("office:task", args=[sub.pk])).status_code == 404
    own = person.get(reverse("office:task", args=[sub.pk])).content.decode()  # the sub-task's page leads up
    assert f'href="{reverse("office:task", args=[world.task_a.pk])}"' in own and "上级任务" in own
    assert 'id="subtask-form"' not in own  # a sub-task is not split again


def test_the_office_names_a_person_without_an_account(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = client.post(
        reverse("office:subtask_new", args=[world.task_ab.pk]), _form(text="牵头起草实施细则", name="王小明")
    )
    assert response.status_code == 302
    (sub,) = _subs(world.task_ab)
    assert (sub.assignee_user, sub.assignee_name) == (None, "王小明")
    assert [a.unit_id for a in sub.assignments.all()] == [world.unit_a.pk]  # the lead unit's, not the co-unit's


@pytest.mark.parametrize(
    ("persona", "task_attr", "status"),
    [
        ("reporter_b", "task_ab", 403),  # a co-unit does not divide the lead's work
        ("reporter_b", "task_a", 404),  # another unit's task is not even visible
        ("leader", "task_a", 403),
        ("expert", "task_a", 403),  # assigned to task_a: may read it, not divide it
    ],
)
def test_who_may_not_split_a_task(world: World, browse, persona, task_attr, status) -> None:  # type: ignore[no-untyped-def]
    task = getattr(world, task_attr)
    client = browse(persona)
    url = reverse("office:subtask_new", args=[task.pk])
    assert client.post(url, _form(name="王小明")).status_code == status
    assert client.get(url).status_code == status
    if status == 403:
        assert 'id="subtask-form"' not in client.get(reverse("office:task", args=[task.pk])).content.decode()
    assert _subs(task) == []


def test_anonymous_is_sent_to_login_and_csrf_is_enforced(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    url = reverse("office:subtask_new", args=[world.task_a.pk])
    for response in (browse("anonymous").get(url), browse("anonymous").post(url, _form(name="王小明"))):
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))
    assert browse("reporter_a", csrf=True).post(url, _form(name="王小明")).status_code == 403
    assert _subs(world.task_a) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "这个字段是必填项"),
        ({"text": "   "}, "这个字段是必填项"),
        ({"text": "分" * 10_000}, "1000"),
        ({"name": ""}, "请选择本单位的账号，或填写责任人姓名"),
        ({"name": "张" * 101}, "100"),
        ({"deadline": "2016-03-02"}, "完成时限不能早于文件的成文日期 2016-03-03"),
        ({"deadline": "2017-01-01"}, "完成时限不能晚于上级任务的完成时限 2016-12-31"),
        ({"deadline": ""}, "这个字段是必填项"),
        ({"deadline": "2016-02-30"}, "输入一个有效的日期"),
    ],
)
def test_bad_input_is_a_message_in_the_form_and_nothing_is_written(  # type: ignore[no-untyped-def]
    world: World, browse, data, message
) -> None:
    form = _form(name="王小明")
    for key, value in data.items():
        form[{"text": "sub-text", "name": "sub-assignee_name", "deadline": "sub-deadline"}[key]] = value
    response = browse("reporter_a").post(reverse("office:subtask_new", args=[world.task_a.pk]), form)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _subs(world.task_a) == []


def test_the_person_must_be_an_account_of_the_unit(world: World, browse, zhang) -> None:  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    url = reverse("office:subtask_new", args=[world.task_a.pk])
    other_unit = world.users["reporter_b"]
    response = client.post(url, _form(user=other_unit))
    assert response.status_code == 422 and "选择一个有效的选项" in response.content.decode()
    response = client.post(url, _form(user=zhang, name="王小明"))  # both: which one?
    assert response.status_code == 422 and "请在本单位账号和姓名中只选一项" in response.content.decode()
    assert _subs(world.task_a) == []
    # the domain refuses it whatever the form offered
    with pytest.raises(subtasks.SubtaskInvalid) as refused:
        subtasks.create(world.actor("supervisor"), world.task_a, text="x", assignee_user=other_unit)
    assert refused.value.field == "person"
    inactive = make_user("gone", Role.REPORTER, world.unit_a)
    inactive.is_active = False
    inactive.save()
    with pytest.raises(subtasks.SubtaskInvalid):
        subtasks.create(world.actor("reporter_a"), world.task_a, text="x", assignee_user=inactive)
    assert _subs(world.task_a) == []


def test_the_person_and_deadline_can_be_changed_and_the_sub_task_withdrawn(  # type: ignore[no-untyped-def]
    world: World, browse, zhang
) -> None:
    sub = subtasks.create(
        world.actor("reporter_a"), world.task_ab, text="起草细则", assignee_user=zhang, deadline=date(2016, 6, 30)
    )
    edit = reverse("office:subtask_edit", args=[sub.pk])
    # the sub-task is the lead unit's: the co-unit does not even see it
    assert (
        browse("reporter_b").post(edit, {"sub-assignee_name": "李四", "sub-deadline": "2016-07-31"}).status_code == 404
    )
    assert browse("leader").get(edit).status_code == 403
    client = browse("reporter_a")
    assert client.get(edit).status_code == 200
    bad = client.post(edit, {"sub-assignee_name": "李四", "sub-deadline": "2015-01-01"})
    assert bad.status_code == 422 and "不能早于" in bad.content.decode()
    response = client.post(edit, {"sub-assignee_name": "李四", "sub-deadline": "2016-07-31"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.assignee_user, sub.assignee_name, sub.deadline) == (None, "李四", date(2016, 7, 31))
    assert AuditLog.objects.filter(object_id=str(sub.pk), action="task.subtask_edit").count() == 1
    remove = reverse("office:subtask_remove", args=[sub.pk])
    assert client.get(remove).status_code == 405
    assert browse("reporter_b").post(remove).status_code == 404
    assert browse("expert").post(remove).status_code == 404
    assert client.post(remove).status_code == 302
    sub.refresh_from_db()
    assert not sub.active and Task.objects.filter(pk=sub.pk).exists()  # withdrawn, never deleted
    assert AuditLog.objects.filter(object_id=str(sub.pk), action="task.subtask_remove").count() == 1
    assert client.post(edit, {"sub-assignee_name": "李四", "sub-deadline": "2016-07-31"}).status_code == 422
    # a top-level task is not a sub-task: no edit page for it
    assert client.get(reverse("office:subtask_edit", args=[world.task_a.pk])).status_code == 404


def test_the_api_uses_the_same_rules(world: World, zhang) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/tasks/{world.task_ab.pk}/subtasks"
    co_unit = post_json(world.client("reporter_b"), url, {"text": "配合", "assignee_name": "李四"})
    assert co_unit.status_code == 403
    other = post_json(
        world.client("reporter_a"), url, {"text": "起草", "assignee_user_id": world.users["reporter_b"].pk}
    )
    assert other.status_code == 422 and "本单位" in other.json()["error"]["message"]
    late = post_json(
        world.client("reporter_a"),
        f"/api/v1/tasks/{world.task_a.pk}/subtasks",
        {"text": "起草", "assignee_name": "李四", "deadline": "2017-01-01"},
    )
    assert late.status_code == 422 and "2016-12-31" in late.json()["error"]["message"]
    ok = post_json(world.client("reporter_a"), url, {"text": "起草", "assignee_user_id": zhang.pk})
    assert ok.status_code == 201 and ok.json()["assignee_name"] == "张三"
    assert Task.objects.get(pk=ok.json()["id"]).assignee_user == zhang


def test_the_public_never_sees_whose_account_a_sub_task_names(world: World, zhang) -> None:  # type: ignore[no-untyped-def]
    sub = subtasks.create(world.actor("supervisor"), world.task_public, text="建设中心", assignee_user=zhang)
    anonymous = world.client("anonymous").get(f"/api/v1/tasks/{sub.pk}").json()
    assert anonymous["assignee_name"] == "" and "张三" not in str(anonymous)
    public = perm.tasks_for(perm.ANONYMOUS).get(pk=sub.pk)
    assert (public.assignee_name, public.assignee_user_id) == ("", None)
    assert world.client("leader").get(f"/api/v1/tasks/{sub.pk}").json()["assignee_name"] == "张三"


# --- the expert's evaluation form is reachable ---------------------------------------------------------


def test_the_assigned_expert_is_led_to_the_evaluation_form(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    expert = browse("expert")
    url = reverse("office:evaluate", args=[world.task_a.pk])
    home = expert.get(reverse("office:home")).content.decode()
    assert f'href="{url}"' in home
    page = expert.get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert 'id="evaluate"' in page and f'href="{url}"' in page
    form = expert.get(url).content.decode()
    assert "评审要点" in form and "5 分" in form and "优秀：全面落实" in form and "完成度" in form
    # a task the expert may read but is not assigned: no link, and the form is 403
    public = expert.get(reverse("office:task", args=[world.task_public.pk])).content.decode()
    assert 'id="evaluate"' not in public
    assert expert.get(reverse("office:evaluate", args=[world.task_public.pk])).status_code == 403
    assert expert.get(reverse("office:evaluate", args=[world.task_b.pk])).status_code == 404  # not visible
    # nobody else gets the link
    for persona in ("supervisor", "leader", "reporter_a"):
        assert (
            'id="evaluate"' not in browse(persona).get(reverse("office:task", args=[world.task_a.pk])).content.decode()
        )


def test_a_second_expert_not_assigned_gets_no_link(world: World) -> None:
    other = make_user("expert2", Role.EXPERT)
    assert Profile.objects.get(user=other).role == Role.EXPERT
    client = Client()
    client.force_login(other)
    home = client.get(reverse("office:home")).content.decode()
    assert reverse("office:evaluate", args=[world.task_a.pk]) not in home
    assert client.get(reverse("office:evaluate", args=[world.task_public.pk])).status_code == 403
    assert client.get(reverse("office:evaluate", args=[world.task_a.pk])).status_code == 404
    assert get_user_model().objects.filter(username="expert2").exists()


def test_the_form_and_its_messages_are_in_english_too(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    page = client.get(reverse("office:task", args=[world.task_a.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Assign to a person" in page and "Person (an account of the unit)" in page
    response = client.post(
        reverse("office:subtask_new", args=[world.task_a.pk]),
        _form(name="王小明", deadline="2017-01-01"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "The deadline cannot be after the parent task&#x27;s deadline 2016-12-31" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_sub_task_and_its_audit_rows_commit_together(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sub-task's unit row is the second write: if its audit row fails, the task row goes too."""
    from luoshi_web.registry import audit
    from luoshi_web.registry.models import TaskUnit

    real = audit._write

    def broken(action_name, instance, before, after):  # type: ignore[no-untyped-def]
        if isinstance(instance, TaskUnit):
            raise RuntimeError("audit store unavailable")
        real(action_name, instance, before, after)

    monkeypatch.setattr(audit, "_write", broken)
    with pytest.raises(RuntimeError):
        subtasks.create(world.actor("reporter_a"), world.task_a, text="起草细则", assignee_name="李四")
    assert _subs(world.task_a) == []
    assert not AuditLog.objects.filter(action="task.subtask").exists()
