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
    with pytest.raises(Invalid, match="须先上传佐证材料"):
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


def test_status_filter_selects_exactly_the_tasks_with_that_status(world: World) -> None:
    """The per-status conditions the lists filter by agree with the status expression on every case."""
    import itertools
    from datetime import timedelta

    from luoshi_web.registry.status import AT_RISK_WINDOW_DAYS, STATUSES, status_filter, with_status

    today = date(2020, 6, 15)
    deadlines = [None] + [
        today + timedelta(days=d) for d in (-1, 0, 1, AT_RISK_WINDOW_DAYS, AT_RISK_WINDOW_DAYS + 1, 400)
    ]
    grid = itertools.product(deadlines, (False, True), (False, True), (None, 0, 79, 80, 100))
    # Facts as progress.py derives them: no submitted report, no latest percent.
    consistent = [(d, v, r, p) for d, v, r, p in grid if r or p is None]
    for n, (deadline, verified, reported, percent) in enumerate(consistent):
        Task.objects.create(
            document=world.d1,
            path_key=f"grid/{n}",
            text="网格任务",
            deadline=deadline,
            progress_verified=verified,
            progress_reported=reported,
            latest_percent=percent,
        )
    grid_tasks = Task.objects.filter(path_key__startswith="grid/")
    by_expression = dict(with_status(grid_tasks, today).values_list("id", "status"))
    assert set(by_expression.values()) == set(STATUSES)  # the grid reaches every status
    for status in STATUSES:
        filtered = set(grid_tasks.filter(status_filter(status, today)).values_list("id", flat=True))
        assert filtered == {pk for pk, s in by_expression.items() if s == status}, status


def _facts(task: Task) -> tuple[bool, bool, int | None]:
    task.refresh_from_db()
    return task.progress_verified, task.progress_reported, task.latest_percent


def test_progress_facts_follow_every_report_change(world: World) -> None:
    assert _facts(world.task_a) == (False, False, None)
    draft = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="草稿", percent=30)
    assert _facts(world.task_a) == (False, False, None)  # a draft does not count
    cycles.submit(world.actor("reporter_a"), draft)
    assert _facts(world.task_a) == (False, True, 30)
    cycles.return_report(world.actor("supervisor"), draft, "请补充")
    assert _facts(world.task_a) == (False, False, None)
    draft.is_final, draft.percent = True, 100
    draft.save()
    Evidence.objects.create(
        report=draft, file=SimpleUploadedFile("e.txt", b"e"), original_name="e.txt", sha256="e" * 64, size=1
    )
    cycles.submit(world.actor("reporter_a"), draft)
    cycles.accept(world.actor("supervisor"), draft)
    assert _facts(world.task_a) == (True, True, 100)
    draft.evidence.all().delete()
    assert _facts(world.task_a) == (False, True, 100)  # no evidence, no verification
    draft.delete()
    assert _facts(world.task_a) == (False, False, None)


def test_saving_a_task_read_before_a_report_keeps_the_new_facts(world: World) -> None:
    stale = Task.objects.get(pk=world.task_a.pk)
    _report(world, 60)
    stale.assignee_name = "张三"
    stale.save()
    assert _facts(world.task_a) == (False, True, 60)
    assert world.task_a.assignee_name == "张三"


def test_refresh_recomputes_facts_from_reports(world: World) -> None:
    from luoshi_web.registry import progress

    _report(world, 40)
    Task.objects.update(progress_reported=False, latest_percent=None)  # as after a bulk load
    assert progress.refresh() == Task.objects.count()
    assert _facts(world.task_a) == (False, True, 40)
    assert _facts(world.task_b) == (False, False, None)


def test_summary_counts_what_the_list_shows_per_status(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from luoshi_web.registry import clock

    monkeypatch.setattr(clock, "today", lambda: NEAR_DEADLINE)
    _report(world, 90)
    for persona in ("supervisor", "reporter_b", "anonymous"):
        client = world.client(persona)
        summary = client.get("/api/v1/tasks/summary?status=overdue&limit=1").json()  # status/limit ignored
        counts = {row["status"]: row["count"] for row in summary["by_status"]}
        listed = {s: len(client.get(f"/api/v1/tasks?status={s}&limit=200").json()["items"]) for s in counts}
        assert counts == listed, persona
        assert summary["total"] == len(client.get("/api/v1/tasks?limit=200").json()["items"])
    supervisor = world.client("supervisor").get("/api/v1/tasks/summary").json()
    assert {row["status"]: row["count"] for row in supervisor["by_status"]}["in_progress"] >= 1
    mine = world.client("reporter_b").get("/api/v1/tasks/summary").json()["total"]
    assert 0 < mine < supervisor["total"]  # unit B sees its own tasks only
