"""Task.document_published is its document's ``published`` after every path that publishes,
unpublishes or adds tasks; and the visibility rule reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from luoshi_web.registry import clock, demo, subtasks
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import Document, Task, sync_document_published
from luoshi_web.registry.permissions import tasks_for

from .conftest import D1, UNIT_A, World, contract, post_json, task

SRC = Path(__file__).resolve().parents[2] / "src"


def mismatches() -> list[tuple[int, bool, bool]]:
    """Tasks whose copy differs from their document (read through the join, not the copy)."""
    return [
        (t.pk, t.document_published, t.document.published)
        for t in Task.objects.select_related("document")
        if t.document_published != t.document.published
    ]


def test_world_starts_consistent(world: World) -> None:
    assert mismatches() == []
    assert world.task_public.document_published is True
    assert Task.objects.filter(document=world.d1, document_published=True).count() == 0


def test_api_publish_and_unpublish_reach_the_tasks(world: World) -> None:
    supervisor = world.client("supervisor")
    response = post_json(supervisor, f"/api/v1/documents/{world.d1.pk}", {"published": True}, method="patch")
    assert response.status_code == 200, response.content
    assert set(Task.objects.filter(document=world.d1).values_list("document_published", flat=True)) == {True}
    assert mismatches() == []
    response = post_json(supervisor, f"/api/v1/documents/{world.d2.pk}", {"published": False}, method="patch")
    assert response.status_code == 200, response.content
    world.task_public.refresh_from_db()
    assert world.task_public.document_published is False
    assert mismatches() == []


def test_refused_publish_changes_no_task(world: World) -> None:
    response = post_json(world.client("reporter_a"), f"/api/v1/documents/{world.d1.pk}", {"published": True}, "patch")
    assert response.status_code == 403
    assert Task.objects.filter(document=world.d1, document_published=True).count() == 0


def test_admin_publish_reaches_the_tasks(world: World) -> None:
    user = world.users["admin"]
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    with translation.override("zh-hans"):
        response = client.post(f"/admin/registry/document/{world.d1.pk}/change/", {"published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Task.objects.filter(document=world.d1).values_list("document_published", flat=True)) == {True}
    with translation.override("zh-hans"):
        response = client.post(f"/admin/registry/document/{world.d2.pk}/change/", {})
    assert response.status_code == 302
    assert Task.objects.get(pk=world.task_public.pk).document_published is False
    assert mismatches() == []


def test_save_without_published_in_update_fields_leaves_the_tasks(world: World) -> None:
    world.d1.published = True
    world.d1.save(update_fields=["title"])  # published not written: neither are the tasks
    assert Document.objects.get(pk=world.d1.pk).published is False
    assert mismatches() == []


def test_reimport_of_a_published_document_adds_public_tasks(world: World) -> None:
    world.d1.published = True
    world.d1.save()
    more = {**D1, "tasks": [*D1["tasks"], task(["三"], "新增一项任务。", [UNIT_A])]}
    import_contract(contract(more), file_sha256="1" * 64, source_name="again.json")
    added = Task.objects.get(document=world.d1, path_key="三")
    assert added.document_published is True
    assert mismatches() == []


def test_new_task_follows_its_document_with_or_without_the_cached_document(world: World) -> None:
    cached = Task(document=world.d2, path_key="x1", text="甲")
    cached.save()
    by_id = Task(document_id=world.d2.pk, path_key="x2", text="乙")
    by_id.save()
    draft = Task(document_id=world.d1.pk, path_key="x3", text="丙", document_published=True)
    draft.save()  # a value given by the caller does not win over the document
    assert (cached.document_published, by_id.document_published, draft.document_published) == (True, True, False)
    assert mismatches() == []


def test_subtask_of_a_published_task_is_public(world: World) -> None:
    sub = subtasks.create(world.actor("supervisor"), world.task_public, text="分解的一项", assignee_name="张三")
    assert Task.objects.get(pk=sub.pk).document_published is True
    draft_sub = subtasks.create(world.actor("supervisor"), world.task_a, text="草稿里的一项", assignee_name="李四")
    assert Task.objects.get(pk=draft_sub.pk).document_published is False


def test_stale_task_instance_does_not_write_the_copy_back(world: World) -> None:
    stale = Task.objects.get(pk=world.task_a.pk)  # read while d1 is a draft
    world.d1.published = True
    world.d1.save()
    stale.assignee_name = "王五"
    stale.save()
    fresh = Task.objects.get(pk=world.task_a.pk)
    assert (fresh.assignee_name, fresh.document_published) == ("王五", True)


def test_sync_repairs_and_counts_only_wrong_rows(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(document_published=True)  # broken on purpose
    assert sync_document_published(Task.objects.all()) == 1
    assert mismatches() == []
    assert sync_document_published(Task.objects.all()) == 0


def test_visibility_follows_publishing(world: World) -> None:
    reporter_b = world.actor("reporter_b")  # unit B is named on task_b and task_ab only
    assert world.task_public in tasks_for(reporter_b)
    assert world.task_a not in tasks_for(reporter_b)
    world.d1.published = True
    world.d1.save()
    assert world.task_a in tasks_for(reporter_b)
    world.d1.published = False
    world.d1.save()
    assert world.task_a not in tasks_for(reporter_b)
    assert world.task_b in tasks_for(reporter_b)  # its own unit's task stays visible in a draft


@pytest.mark.django_db
def test_demo_publishes_every_task() -> None:
    demo.build(demo.default_seed(), clock.today())
    assert Task.objects.exists()
    assert not Task.objects.filter(document_published=False).exists()
    assert mismatches() == []


# A write of Document.published that skips Document.save: .update(published=…) or
# bulk_update(…, ["published"]) on documents. Task.document_published may be written only in models.py.
BYPASS = re.compile(
    r"\.update\(\s*published\s*=|bulk_update\([^)]*[\"'](?:document_)?published[\"']|update\([^)]*document_published\s*="
)


def test_no_write_of_published_bypasses_document_save() -> None:
    offenders = []
    for path in sorted((SRC / "luoshi_web").rglob("*.py")):
        if "migrations" in path.parts or path.name == "models.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BYPASS.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_bypass_check_catches_what_it_is_for() -> None:
    assert BYPASS.search("Document.objects.filter(pk=1).update(published=True)")
    assert BYPASS.search("Document.objects.bulk_update(docs, ['published'])")
    assert BYPASS.search("Task.objects.update(document_published=False)")
    assert not BYPASS.search("documents = documents.filter(published=published)")
    assert not BYPASS.search("rule = Q(document_published=True)")


@pytest.mark.django_db(transaction=True)
def test_migration_0010_fills_the_copy_from_the_documents() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("registry", "0009_merge_trgm_assignee")], [("registry", "0010_task_document_published")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldDocument, OldTask = old.get_model("registry", "Document"), old.get_model("registry", "Task")
    public = OldDocument.objects.create(key="公开", title="公开的文件", published=True)
    draft = OldDocument.objects.create(key="草稿", title="草稿文件", published=False)
    for document in (public, draft):
        for n in (1, 2):
            OldTask.objects.create(document=document, path_key=str(n), text="任务")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("registry", "Task")
    copies = sorted(new.objects.values_list("document__key", "document_published"))
    assert copies == [("公开", True), ("公开", True), ("草稿", False), ("草稿", False)]
