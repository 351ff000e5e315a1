"""The API's task output names the account of a sub-task's person (``assignee_user_id``, 明确到人):
in the created sub-task, the task itself, its parent's ``subtasks`` and the list; null for a name
only and, whoever it names, for the public; declared in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest

from luoshi_web.registry import subtasks
from luoshi_web.registry.models import Role

from .conftest import World, make_user, post_json


@pytest.fixture
def zhang(world: World) -> Any:
    """A second account of unit A, the person the sub-tasks name."""
    user = make_user("zhangsan", Role.REPORTER, world.unit_a)
    user.first_name = "张三"
    user.save()
    return user


def test_a_sub_task_naming_an_account_carries_it_everywhere_the_api_shows_it(world: World, zhang: Any) -> None:
    url = f"/api/v1/tasks/{world.task_ab.pk}/subtasks"
    created = post_json(world.client("reporter_a"), url, {"text": "起草方案", "assignee_user_id": zhang.pk})
    assert created.status_code == 201, created.content
    assert created.json()["assignee_user_id"] == zhang.pk
    sub_id = created.json()["id"]
    named_only = post_json(world.client("reporter_a"), url, {"text": "征求意见", "assignee_name": "李四"})
    assert named_only.status_code == 201, named_only.content
    assert named_only.json()["assignee_user_id"] is None
    for persona in ("supervisor", "leader", "reporter_a"):
        one = world.client(persona).get(f"/api/v1/tasks/{sub_id}").json()
        assert one["assignee_user_id"] == zhang.pk, persona
        parent = world.client(persona).get(f"/api/v1/tasks/{world.task_ab.pk}").json()
        assert {s["id"]: s["assignee_user_id"] for s in parent["subtasks"]} == {
            sub_id: zhang.pk,
            named_only.json()["id"]: None,
        }, persona
        listed = world.client(persona).get(f"/api/v1/tasks?document={world.d1.pk}&limit=200").json()["items"]
        assert {t["id"]: t["assignee_user_id"] for t in listed}[sub_id] == zhang.pk, persona
    # a top-level task names no account
    assert world.client("supervisor").get(f"/api/v1/tasks/{world.task_ab.pk}").json()["assignee_user_id"] is None


def test_the_public_gets_null_whoever_the_sub_task_names(world: World, zhang: Any) -> None:
    sub = subtasks.create(world.actor("supervisor"), world.task_public, text="建设中心", assignee_user=zhang)
    assert world.client("leader").get(f"/api/v1/tasks/{sub.pk}").json()["assignee_user_id"] == zhang.pk
    anonymous = world.client("anonymous")
    assert anonymous.get(f"/api/v1/tasks/{sub.pk}").json()["assignee_user_id"] is None
    listed = anonymous.get(f"/api/v1/tasks?document={world.d2.pk}").json()["items"]
    assert {t["id"]: t["assignee_user_id"] for t in listed}[sub.pk] is None
    parent = anonymous.get(f"/api/v1/tasks/{world.task_public.pk}").json()
    assert [s["assignee_user_id"] for s in parent["subtasks"]] == [None]


def test_the_openapi_schema_declares_it(world: World) -> None:
    schema = world.client("anonymous").get("/api/v1/openapi.json").json()
    task_out = schema["components"]["schemas"]["TaskOut"]
    assert "assignee_user_id" in task_out["required"]
    prop = task_out["properties"]["assignee_user_id"]
    assert {t.get("type") for t in prop["anyOf"]} == {"integer", "null"}
    assert "明确到人" in prop["description"]
    detail = schema["components"]["schemas"]["TaskDetailOut"]
    assert "assignee_user_id" in detail["properties"]
