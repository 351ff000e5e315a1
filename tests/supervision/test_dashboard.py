"""The dashboard's numbers equal the task list's filtered counts, for every cell and role (live and stored)."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi_web.registry import cycles, queries
from luoshi_web.registry.errors import Forbidden, Unauthorized
from luoshi_web.registry.models import Observation, Report, ReportingCycle, Target, Task
from luoshi_web.registry.status import OVERDUE, STATUSES
from luoshi_web.supervision import charts, dashboard, jobs
from luoshi_web.supervision.models import DashboardRefresh, Level, PunctualitySummary, TargetSummary
from luoshi_web.supervision.selection import TaskSelection, select_tasks

from .conftest import World
from .test_notices import issue

TODAY = date(2016, 7, 1)


def listed(world: World, persona: str, **filters: object) -> int:
    return select_tasks(world.actor(persona), TaskSelection(**filters), TODAY).count()  # type: ignore[arg-type]


@pytest.mark.parametrize("persona", ["supervisor", "leader", "reporter_a", "reporter_b"])
def test_every_number_equals_its_task_list(world: World, persona: str) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))  # overdue
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 7, 20))  # at risk
    issue(world)
    data = dashboard.overview(world.actor(persona), TODAY)
    assert data["totals"]["total"] == listed(world, persona)
    cells = [data["totals"], *data["by_document"], *data["by_unit"]]
    assert len(cells) > 2
    for cell in cells:
        assert cell["total"] == listed(world, persona, **cell["filters"])
        for status in STATUSES:
            assert cell["by_status"][status] == listed(world, persona, status=status, **cell["filters"])
    if persona == "supervisor":  # and by hand: task_ab and task_public have no deadline, so not started
        assert data["totals"]["by_status"] == {
            "not_started": 2, "in_progress": 0, "completed": 0, "overdue": 1, "at_risk": 1,
        } and data["totals"]["total"] == 4  # fmt: skip
        units = {c["unit"]: (c["total"], c["by_status"][OVERDUE]) for c in data["by_unit"]}
        assert units == {"省发展改革委": (3, 1), "省财政厅": (2, 0)}
    expected_open = 1 if persona in ("supervisor", "leader", "reporter_a") else 0
    assert data["notices_by_level"][0] == {"level": Level.REMIND, "label": "提醒", "open": expected_open}


def test_attention_lists_and_anonymous(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    assert [t.pk for t in dashboard.attention_list(world.actor("leader"), TODAY, OVERDUE)] == [world.task_a.pk]
    with pytest.raises(Unauthorized):
        dashboard.overview(world.actor("anonymous"), TODAY)


# --- the stored summary (what the leaders' page reads) ----------------------------------------

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("persona", ["supervisor", "leader"])
def test_after_a_refresh_every_summary_number_equals_its_task_list(world: World, persona: str) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))  # overdue
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 7, 20))  # at risk
    issue(world)
    done = dashboard.refresh(TODAY)
    data = dashboard.summary(world.actor(persona))
    assert data is not None and data["as_of"] == "2016-07-01" and data["refresh"] == done
    assert (done.documents, done.units) == (2, 2)
    cells = [data["totals"], *data["by_document"], *data["by_unit"]]
    assert len(cells) == 5
    for cell in cells:
        assert cell["total"] == listed(world, persona, **cell["filters"])
        for status in STATUSES:
            assert cell["by_status"][status] == listed(world, persona, status=status, **cell["filters"])
    # by hand, as in the live overview: the largest first, ties by id
    assert [(c["unit"], c["total"], c["by_status"][OVERDUE]) for c in data["by_unit"]] == [
        ("省发展改革委", 3, 1),
        ("省财政厅", 2, 0),
    ]
    assert data["by_document"][0]["document"] == world.d1.doc_number and data["by_document"][0]["total"] == 3
    assert data["notices_by_level"][0]["open"] == 1
    # the summary is as of the refresh: a later change shows after the next refresh only
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 6, 1))
    assert dashboard.summary(world.actor(persona))["totals"]["by_status"][OVERDUE] == 1  # type: ignore[index]
    dashboard.refresh(TODAY)
    assert dashboard.summary(world.actor(persona))["totals"]["by_status"][OVERDUE] == 2  # type: ignore[index]
    assert DashboardRefresh.objects.count() == 1  # replaced, not piled up


def test_summary_is_for_the_roles_that_read_everything(world: World) -> None:
    assert dashboard.summary(world.actor("supervisor")) is None  # before the first refresh
    dashboard.refresh(TODAY)
    for persona in ("reporter_a", "expert"):
        with pytest.raises(Forbidden):
            dashboard.summary(world.actor(persona))
    with pytest.raises(Unauthorized):
        dashboard.summary(world.actor("anonymous"))


def _reports(world: World) -> None:
    """A files task_a on the due day (23:30 Beijing time) and task_ab just after midnight (late);
    B has a draft on task_b and nothing on task_ab; A nothing on task_public."""
    common = {"cycle": world.cycle, "progress": "已推进"}
    Report.objects.create(
        task=world.task_a, unit=world.unit_a, kind="lead", state="submitted",
        submitted_at=datetime(2016, 7, 15, 23, 30, tzinfo=SHANGHAI), **common,
    )  # fmt: skip
    Report.objects.create(
        task=world.task_ab, unit=world.unit_a, kind="lead", state="submitted",
        submitted_at=datetime(2016, 7, 16, 0, 10, tzinfo=SHANGHAI), **common,
    )  # fmt: skip
    Report.objects.create(task=world.task_b, unit=world.unit_b, kind="lead", state="draft", **common)


def _by_unit(cycle_id: int) -> dict[str | None, tuple[int, ...]]:
    return {
        (r.unit.name if r.unit else None): (r.owed, r.on_time, r.late, r.missing, r.pending, r.behind)
        for r in PunctualitySummary.objects.filter(cycle_id=cycle_id).select_related("unit")
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # the due day (2016-06-30 + 15 days of grace): nothing is missing yet, unfiled is pending
        (
            date(2016, 7, 15),
            {"省发展改革委": (3, 1, 1, 0, 1, 1), "省财政厅": (2, 0, 0, 0, 2, 0), None: (5, 1, 1, 0, 3, 1)},
        ),
        # the day after: unfiled reports are missing (a draft is not filed)
        (
            date(2016, 7, 16),
            {"省发展改革委": (3, 1, 1, 1, 0, 2), "省财政厅": (2, 0, 0, 2, 0, 2), None: (5, 1, 1, 3, 0, 4)},
        ),
    ],
)
def test_punctuality_by_unit_on_both_sides_of_the_due_date(world: World, today: date, expected: dict) -> None:  # type: ignore[type-arg]
    _reports(world)
    assert world.cycle.due_date == date(2016, 7, 15)
    dashboard.refresh(today)
    assert _by_unit(world.cycle.pk) == expected
    # the registry's own rules (cycles.compliance, a Python loop) agree unit by unit
    found = cycles.compliance(world.cycle, today)
    for unit in (world.unit_a, world.unit_b):
        _owed, _on_time, late, missing, _pending, _behind = expected[unit.name]
        assert late == sum(1 for e in found["late"] if e["unit_id"] == unit.pk)
        assert missing == sum(1 for e in found["missing"] if e["unit_id"] == unit.pk)
    # every number is the length of the list behind it (owed reports: one per task and unit)
    for unit in (world.unit_a, world.unit_b, None):
        row = expected[unit.name if unit else None]
        for index, outcome in enumerate(("owed", *dashboard.OUTCOMES)):
            owed = dashboard.punctuality_reports(world.cycle, unit.pk if unit else None, outcome, today)
            assert owed.count() == row[index], (unit, outcome)
    late_a = dashboard.punctuality_reports(world.cycle, world.unit_a.pk, "late", today)
    assert [(r.task_id, r.unit_id) for r in late_a] == [(world.task_ab.pk, world.unit_a.pk)]


def test_punctuality_covers_the_last_closed_and_the_open_cycles(world: World) -> None:
    older = ReportingCycle.objects.create(
        name="2015Q4", period_start=date(2015, 10, 1), period_end=date(2015, 12, 31), status="closed"
    )
    oldest = ReportingCycle.objects.create(
        name="2015Q3", period_start=date(2015, 7, 1), period_end=date(2015, 9, 30), status="closed"
    )
    assert [c.pk for c in dashboard.punctuality_cycles()] == [older.pk, world.cycle.pk]
    dashboard.refresh(TODAY)
    data = dashboard.summary(world.actor("leader"))
    assert data is not None
    assert [p["cycle"].pk for p in data["punctuality"]] == [older.pk, world.cycle.pk]
    assert not PunctualitySummary.objects.filter(cycle=oldest).exists()


def _target(world: World, name: str, points: list[tuple[date, float]], *, active: bool = True) -> Target:
    target = Target.objects.create(
        document=world.d1, match_key=name, text=name, indicator=name, kind="level", comparator=">=",
        value=100, deadline=date(2016, 12, 31), active=active,
    )  # fmt: skip
    for day, value in points:
        Observation.objects.create(target=target, value=value, as_of=day, source="统计局")
    return target


def test_target_attainment_states_and_trajectories(world: World) -> None:
    Target.objects.all().delete()
    jan = date(2016, 1, 1)
    attained = _target(world, "达标", [(jan, 50), (date(2016, 6, 1), 110)])  # (110-50)/(100-50) = 1.2
    behind = _target(world, "滞后", [(jan, 50), (date(2016, 4, 1), 60)])  # trend: ≈90 at the deadline
    on_track = _target(world, "可达", [(jan, 50), (date(2016, 6, 30), 80)])  # trend: ≈110 at the deadline
    empty = _target(world, "无数据", [])
    _target(world, "已删除", [(jan, 1)], active=False)
    dashboard.refresh(TODAY)
    data = dashboard.summary(world.actor("supervisor"))
    assert data is not None
    targets = data["targets"]
    assert targets["total"] == 4
    assert {s["state"]: s["count"] for s in targets["by_state"]} == {
        "off_track": 1, "unknown": 1, "on_track": 1, "attained": 1,
    }  # fmt: skip
    assert [r.target_id for r in targets["behind"]] == [behind.pk]
    for state in dashboard.TARGET_STATES:
        count = next(s["count"] for s in targets["by_state"] if s["state"] == state)
        assert dashboard.targets_in_state(world.actor("leader"), state).count() == count
    stored = {r.target_id: r for r in TargetSummary.objects.all()}
    assert stored[attained.pk].state == "attained" and stored[on_track.pk].state == "on_track"
    assert stored[empty.pk].state == "unknown" and stored[empty.pk].points == []
    assert stored[behind.pk].attainment == pytest.approx(0.2)
    for target in (attained, behind, on_track, empty):  # the same figures as the target page
        page = queries.target_progress(target)
        assert stored[target.pk].attainment == page.attainment and stored[target.pk].on_track == page.on_track
    assert stored[behind.pk].points == [["2016-01-01", 50.0], ["2016-04-01", 60.0]]
    with pytest.raises(Forbidden):
        dashboard.targets_in_state(world.actor("reporter_a"), "attained")


def test_trajectory_geometry() -> None:
    chart = charts.trajectory([["2016-01-01", 0], ["2016-01-11", 10]], goal=10)
    # 6 px padding in a 240 × 64 box: the first point bottom left, the last top right, on the goal
    assert chart["line"] == "6.0,58.0 234.0,6.0" and chart["goal_y"] == 6.0
    assert chart["last"] == {"x": 234.0, "y": 6.0}
    single = charts.trajectory([["2016-01-01", 5]], goal=None)
    assert single["line"] == "120.0,32.0" and single["goal_y"] is None
    assert charts.trajectory([], goal=3)["line"] == ""


def test_the_daily_jobs_and_the_command_refresh_it(world: World) -> None:
    assert jobs.run_all(TODAY)["dashboard"] == 1
    assert dashboard.latest_refresh().as_of == TODAY  # type: ignore[union-attr]
    out = io.StringIO()
    call_command("dashboard", "refresh", "--today", "2016-08-01", stdout=out)
    assert "2016-08-01" in out.getvalue() and "2 个文件" in out.getvalue()
    assert dashboard.latest_refresh().as_of == date(2016, 8, 1)  # type: ignore[union-attr]
    with pytest.raises(CommandError):
        call_command("dashboard", "refresh", "--today", "2016-13-01")


def test_a_unit_named_twice_on_a_task_owes_one_report(world: World) -> None:
    from luoshi_web.registry.models import TaskUnit

    TaskUnit.objects.create(task=world.task_a, unit=world.unit_a, name="发展改革委", role="co", position=9)
    dashboard.refresh(date(2016, 7, 16))
    assert _by_unit(world.cycle.pk)["省发展改革委"][0] == 3  # task_a, task_ab, task_public: still three
    owed = dashboard.punctuality_reports(world.cycle, world.unit_a.pk, "owed", date(2016, 7, 16))
    assert sorted(r.task_id for r in owed) == sorted([world.task_a.pk, world.task_ab.pk, world.task_public.pk])
    assert dashboard.punctuality_reports(world.cycle, None, "owed", date(2016, 7, 16)).count() == 5
