"""Published only: units, targets and people's names outside the office follow the documents' publication."""

from __future__ import annotations

import pytest

from luoshi_web.registry.models import Target, Task, Unit

from .conftest import UNIT_A, UNIT_B, World, post_json

API = "/api/v1"


def _names(response) -> set[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {u["name"] for u in response.json()["items"]}


@pytest.mark.django_db
def test_the_public_lists_only_units_a_published_document_names(world: World) -> None:
    Unit.objects.create(name="未被任何文件提到的单位")
    # B is named only in D1 (unpublished); A also in D2 (published).
    assert _names(world.client("anonymous").get(f"{API}/units")) == {UNIT_A}
    assert world.client("anonymous").get(f"{API}/units/{world.unit_b.pk}").status_code == 404
    assert world.client("anonymous").get(f"{API}/units/{world.unit_b.pk}/docket").status_code == 404
    assert world.client("anonymous").get(f"{API}/units/{world.unit_a.pk}").status_code == 200
    everyone = {UNIT_A, UNIT_B, "未被任何文件提到的单位"}
    for persona in ("supervisor", "leader", "reporter_a", "reporter_b", "expert"):
        assert _names(world.client(persona).get(f"{API}/units")) == everyone
    world.d1.published = True
    world.d1.save()
    assert _names(world.client("anonymous").get(f"{API}/units")) == {UNIT_A, UNIT_B}


@pytest.mark.django_db
def test_targets_of_unpublished_documents_are_seen_only_by_the_units_that_take_part(world: World) -> None:
    """A draft's targets: the office, and the units on its tasks and its reviewer (who see the
    draft itself, and must report on what they deliver); never the public. That no other unit
    sees them is tested in test_permissions (a draft with no task of theirs)."""
    draft_target = Target.objects.get(document=world.d1)
    public_target = Target.objects.get(document=world.d2)
    for persona in ("reporter_a", "reporter_b", "expert"):
        client = world.client(persona)
        listed = {t["id"] for t in client.get(f"{API}/targets").json()["items"]}
        assert listed == {public_target.pk, draft_target.pk}, persona
        assert client.get(f"{API}/targets/{draft_target.pk}").status_code == 200
    anonymous = world.client("anonymous")
    assert {t["id"] for t in anonymous.get(f"{API}/targets").json()["items"]} == {public_target.pk}
    assert anonymous.get(f"{API}/targets/{draft_target.pk}").status_code == 404
    assert anonymous.get(f"{API}/targets/{draft_target.pk}/observations").status_code == 404
    for persona in ("supervisor", "leader"):
        assert world.client(persona).get(f"{API}/targets/{draft_target.pk}").status_code == 200


@pytest.mark.django_db
def test_an_assignees_personal_name_is_not_public(world: World) -> None:
    created = post_json(
        world.client("supervisor"),
        f"{API}/tasks/{world.task_public.pk}/subtasks",
        {"text": "建设县级中心", "assignee_name": "王小明"},
    )
    assert created.status_code == 201
    sub_id = created.json()["id"]
    anonymous = world.client("anonymous")
    assert anonymous.get(f"{API}/tasks/{sub_id}").json()["assignee_name"] == ""
    detail = anonymous.get(f"{API}/tasks/{world.task_public.pk}").json()
    assert [s["assignee_name"] for s in detail["subtasks"]] == [""]
    listed = anonymous.get(f"{API}/tasks").json()["items"]
    assert sub_id in {t["id"] for t in listed} and all(t["assignee_name"] == "" for t in listed)
    assert "王小明" not in anonymous.get(f"{API}/units/{world.unit_a.pk}/docket").content.decode()
    for persona in ("supervisor", "leader", "reporter_a"):
        assert world.client(persona).get(f"{API}/tasks/{sub_id}").json()["assignee_name"] == "王小明"
    assert Task.objects.get(pk=sub_id).assignee_name == "王小明"  # hidden from view, never changed
