"""``PATCH /reports/{id}`` edits that report, or none: never the caller's own report instead."""

from __future__ import annotations

import pytest

from luoshi_web.registry import cycles
from luoshi_web.registry.models import AuditLog, Report

from .conftest import World, post_json

API = "/api/v1"


@pytest.mark.django_db
def test_a_reporter_cannot_patch_another_units_report_on_a_shared_task(world: World) -> None:
    report_a = cycles.save_report(world.actor("reporter_a"), world.task_ab, world.cycle, progress="A 的进展")
    report_b = cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, progress="B 的进展")
    log = AuditLog.objects.count()

    response = post_json(world.client("reporter_b"), f"{API}/reports/{report_a.pk}", {"progress": "改写"}, "patch")
    assert response.status_code == 403
    assert Report.objects.get(pk=report_a.pk).progress == "A 的进展"
    assert Report.objects.get(pk=report_b.pk).progress == "B 的进展"
    assert AuditLog.objects.count() == log


@pytest.mark.django_db
def test_a_reporter_patches_exactly_the_report_named(world: World) -> None:
    report_a = cycles.save_report(world.actor("reporter_a"), world.task_ab, world.cycle, progress="A 的进展")
    report_b = cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, progress="B 的进展")
    response = post_json(world.client("reporter_b"), f"{API}/reports/{report_b.pk}", {"progress": "B 改"}, "patch")
    assert response.status_code == 200 and response.json()["id"] == report_b.pk
    assert Report.objects.get(pk=report_b.pk).progress == "B 改"
    assert Report.objects.get(pk=report_a.pk).progress == "A 的进展"
    assert (
        post_json(world.client("supervisor"), f"{API}/reports/{report_b.pk}", {"progress": "x"}, "patch").status_code
        == 403
    )
