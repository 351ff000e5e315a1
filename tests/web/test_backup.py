"""Backup and restore round-trip the whole database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi_web.registry import cycles
from luoshi_web.registry.backup import backup, restore
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog, Document, Report

from .conftest import World


def _by_key(path: Path) -> dict[tuple[str, object], dict]:
    return {(o["model"], o["pk"]): o["fields"] for o in json.loads(path.read_text(encoding="utf-8"))}


@pytest.mark.django_db(transaction=True)
def test_backup_restore_round_trip(world: World, tmp_path: Path) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="备份前")
    cycles.submit(world.actor("reporter_a"), report)
    first = tmp_path / "first.json"
    count = backup(first)
    assert count > 50

    Document.objects.all().delete()  # lose data (audited: the log grows)
    assert Report.objects.count() == 0
    assert restore(first) == count
    second = tmp_path / "second.json"
    backup(second)
    assert _by_key(first) == _by_key(second)
    assert Report.objects.get().progress == "备份前"
    assert not AuditLog.objects.filter(action="delete", model="registry.document").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_broken_file_and_keeps_the_data(world: World, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"not": "a backup"}', encoding="utf-8")
    with pytest.raises(Invalid):
        restore(broken)
    assert Document.objects.count() == 2
