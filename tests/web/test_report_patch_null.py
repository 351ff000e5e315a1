"""``PATCH /reports/{id}`` with JSON nulls: a text field is emptied, the flag is refused; never a 500."""

from __future__ import annotations

import pytest

from luoshi_web.registry import cycles
from luoshi_web.registry.models import AuditLog, Report

from .conftest import World, post_json

API = "/api/v1"


@pytest.mark.django_db
def test_a_null_text_field_empties_it(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, progress="B 的进展")
    url = f"{API}/reports/{report.pk}"
    response = post_json(world.client("reporter_b"), url, {"progress": None, "problems": None}, "patch")
    assert response.status_code == 200
    assert (Report.objects.get(pk=report.pk).progress, Report.objects.get(pk=report.pk).problems) == ("", "")


@pytest.mark.django_db
def test_a_null_flag_is_a_clear_error_and_writes_nothing(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, progress="B 的进展")
    log = AuditLog.objects.count()
    url = f"{API}/reports/{report.pk}"
    response = post_json(world.client("reporter_b"), url, {"progress": "改", "is_final": None}, "patch")
    assert response.status_code == 422 and "is_final" in response.json()["error"]["message"]
    assert Report.objects.get(pk=report.pk).progress == "B 的进展" and AuditLog.objects.count() == log
