"""Status is derived from deadline, reports and review, with the clock frozen by ``today``."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi_web.registry import cycles
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Evidence, Task
from luoshi_web.registry.status import status_of

from .conftest import World

# task_a's text says 2016年底前: its deadline is 2016-12-31.
EARLY = date(2016, 5, 1)
NEAR_DEADLINE = date(2016, 12, 15)
AFTER_DEADLINE = date(2017, 1, 1)


def _report(world: World, percent: int, *, final: bool = False, evidence: bool = False):  # type: ignore[no-untyped-def]
    report = cycles.save_report(
        world.actor("reporter_a"), world.task_a, world.cycle, progress="进展", percent=percent, is_final=final
    )
    if evidence:
        Evidence.objects.create(
            report=report, file=SimpleUploadedFile("e.txt", b"e"), original_name="e.txt", sha256="e" * 64, size=1
        )
    return cycles.submit(world.actor("reporter_a"), report)


def test_deadline_comes_from_the_task_text(world: World) -> None:
    assert world.task_a.deadline == date(2016, 12, 31)
    assert world.task_b.deadline is None


def test_not_started_then_overdue_without_reports(world: World) -> None:
    assert status_of(world.task_a, EARLY) == "not_started"
    assert status_of(world.task_a, NEAR_DEADLINE) == "at_risk"
    assert status_of(world.task_a, AFTER_DEADLINE) == "overdue"


def test_a_task_without_deadline_is_never_overdue(world: World) -> None:
    assert status_of(world.task_b, date(2030, 1, 1)) == "not_started"


def test_in_progress_and_at_risk_follow_reported_percent(world: World) -> None:
    _report(world, 50)
    assert status_of(world.task_a, EARLY) == "in_progress"
    assert status_of(world.task_a, NEAR_DEADLINE) == "at_risk"
    assert status_of(world.task_a, AFTER_DEADLINE) == "overdue"


def test_high_progress_near_deadline_is_not_at_risk(world: World) -> None:
    _report(world, 90)
    assert status_of(world.task_a, NEAR_DEADLINE) == "in_progress"


def test_a_draft_report_does_not_count(world: World) -> None:
    cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="草稿", percent=50)
    assert status_of(world.task_a, EARLY) == "not_started"


def test_completed_only_after_the_supervisor_accepts_a_final_report_with_evidence(world: World) -> None:
    report = _report(world, 100, final=True)
    assert status_of(world.task_a, EARLY) == "in_progress"  # claimed, not verified
    with pytest.raises(Invalid, match="evidence"):
        cycles.accept(world.actor("supervisor"), report)
    cycles.return_report(world.actor("supervisor"), report, "请补充佐证材料")
    Evidence.objects.create(
        report=report, file=SimpleUploadedFile("e.txt", b"e"), original_name="e.txt", sha256="e" * 64, size=1
    )
    cycles.submit(world.actor("reporter_a"), report)
    cycles.accept(world.actor("supervisor"), report)
    assert status_of(world.task_a, EARLY) == "completed"
    assert status_of(world.task_a, AFTER_DEADLINE) == "completed"


def test_status_filter_in_the_api_uses_the_same_rule(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from luoshi_web.registry import clock

    monkeypatch.setattr(clock, "today", lambda: AFTER_DEADLINE)
    items = world.client("supervisor").get("/api/v1/tasks?status=overdue").json()["items"]
    assert [item["id"] for item in items] == [world.task_a.pk]
    assert items[0]["status_label"] in ("逾期", "Overdue")
    overdue_ids = {t.pk for t in Task.objects.all() if status_of(t, AFTER_DEADLINE) == "overdue"}
    assert overdue_ids == {world.task_a.pk}
