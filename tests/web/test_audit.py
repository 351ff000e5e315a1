"""Every write leaves an audit entry; the log is append-only and for supervisors only."""

from __future__ import annotations

import pytest

from luoshi_web.registry import cycles
from luoshi_web.registry.models import AuditLog

from .conftest import World, post_json


def test_each_write_is_logged_with_actor_and_before_after(world: World) -> None:
    start = AuditLog.objects.count()
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="初稿")
    cycles.submit(world.actor("reporter_a"), report)
    cycles.return_report(world.actor("supervisor"), report, "补充数据")
    entries = list(AuditLog.objects.filter(model="registry.report").order_by("id"))
    assert [(e.action, e.actor_name) for e in entries] == [
        ("report.save", "reporter_a"),
        ("report.submit", "reporter_a"),
        ("report.return", "supervisor"),
    ]
    assert entries[0].before is None and entries[0].after["progress"] == "初稿"
    assert entries[2].before["state"] == "submitted" and entries[2].after["state"] == "returned"
    assert AuditLog.objects.count() == start + 3


def test_api_writes_are_attributed_to_the_token_user(world: World) -> None:
    post_json(world.client("supervisor"), f"/api/v1/documents/{world.d1.pk}", {"published": True}, "patch")
    entry = AuditLog.objects.filter(model="registry.document", object_id=str(world.d1.pk)).latest("id")
    assert entry.actor_name == "supervisor" and entry.action == "document.publish"
    assert entry.before["published"] is False and entry.after["published"] is True


def test_imports_and_deletes_are_logged(world: World) -> None:
    assert AuditLog.objects.filter(model="registry.task", action="create").count() == 4
    pk = world.task_b.pk
    world.task_b.delete()
    entry = AuditLog.objects.filter(model="registry.task", object_id=str(pk)).latest("id")
    assert entry.action == "delete" and entry.after is None and entry.before["text"] == "清理规范财政专项资金。"


def test_secrets_are_not_copied_into_the_log(world: World) -> None:
    token_entries = AuditLog.objects.filter(model="registry.apitoken")
    assert token_entries.exists() and all(e.after["key_hash"] == "<redacted>" for e in token_entries)
    user_entries = AuditLog.objects.filter(model="auth.user")
    assert all(e.after["password"] == "<redacted>" for e in user_entries)


def test_the_log_is_append_only(world: World) -> None:
    entry = AuditLog.objects.first()
    assert entry is not None
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.all().update(action="forged")
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()


def test_only_supervisors_read_the_log(world: World) -> None:
    body = world.client("supervisor").get("/api/v1/audit?model=registry.document").json()
    assert body["items"] and all(item["model"] == "registry.document" for item in body["items"])
    assert world.client("leader").get("/api/v1/audit").status_code == 403
