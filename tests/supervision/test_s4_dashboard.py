"""Dashboard leftovers: the first refreshes take turns, sub-tasks are owed no report, a closed
cycle's punctuality is its snapshot's (the number and the list behind it)."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection

from luoshi_web.registry import cycles, subtasks
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Report, ReportingCycle, Task
from luoshi_web.supervision import assessment, dashboard, jobs, ledger
from luoshi_web.supervision.models import (
    DashboardLock,
    DashboardRefresh,
    Message,
    PunctualityEntry,
    PunctualitySummary,
    StatusSummary,
)
from luoshi_web.supervision.selection import SYSTEM, TaskSelection, select_tasks

from .conftest import World

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2016, 7, 1)
ON_TIME = datetime(2016, 7, 10, 10, 0, tzinfo=SHANGHAI)
LATE = datetime(2016, 7, 16, 9, 0, tzinfo=SHANGHAI)  # the due date is 2016-07-15
CLOSED_ON = date(2016, 7, 20)
POSTGRES = connection.vendor == "postgresql"


# --- 2. two first-ever refreshes -----------------------------------------------------------


def _race(monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[BaseException]]:
    """Run two refreshes at once on an empty dashboard: how many were inside together, what failed.

    The first inside waits (up to 1.5 s) for the other to arrive: with the lock it never does."""
    inside = 0
    most = 0
    guard = threading.Lock()
    both = threading.Event()
    real = dashboard._refresh_targets

    def slow_targets() -> int:
        nonlocal inside, most
        with guard:
            inside += 1
            most = max(most, inside)
            if inside == 2:
                both.set()
        both.wait(1.5)
        try:
            return real()
        finally:
            with guard:
                inside -= 1

    monkeypatch.setattr(dashboard, "_refresh_targets", slow_targets)
    start = threading.Barrier(2, timeout=20)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            dashboard.refresh(TODAY)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return most, errors


@pytest.mark.django_db(transaction=True)
def test_two_first_ever_refreshes_take_turns(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the lock row serialises them; on SQLite the IMMEDIATE transaction already does."""
    assert not DashboardRefresh.objects.exists()
    assert _race(monkeypatch) == (1, [])
    assert DashboardRefresh.objects.count() == 1
    assert StatusSummary.objects.filter(scope="total").count() == 1
    assert PunctualitySummary.objects.filter(unit__isnull=True).count() == 1
    assert list(DashboardLock.objects.values_list("pk", flat=True)) == [1]  # re-created after the flush


class _NoLock:
    """Stands in for DashboardLock: nothing to insert, nothing to lock (the code before the fix)."""

    def __init__(self, **_fields: Any) -> None:
        pass

    class objects:  # mimics a manager
        @staticmethod
        def bulk_create(*_args: Any, **_kwargs: Any) -> None:
            return None

        @staticmethod
        def select_for_update() -> Any:
            return _NoLock.objects

        @staticmethod
        def get(**_kwargs: Any) -> None:
            return None


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_row_the_first_refreshes_overlap_on_postgresql_only(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race test can fail: with no row to lock, PostgreSQL lets both first refreshes in (the
    second then dies on the first's target rows: an error page for the office's button); SQLite
    admits one writer at a time regardless."""
    monkeypatch.setattr(dashboard, "DashboardLock", _NoLock)
    most, errors = _race(monkeypatch)
    if POSTGRES:
        assert most == 2
        assert [type(e) for e in errors] == [IntegrityError]
    else:
        assert (most, errors) == (1, [])
    assert DashboardRefresh.objects.count() == 1


def test_a_later_refresh_waits_nowhere_once_the_first_committed(world: World) -> None:
    started = time.perf_counter()
    dashboard.refresh(TODAY)
    dashboard.refresh(TODAY)
    assert DashboardRefresh.objects.count() == 1
    assert time.perf_counter() - started < 30


# --- 3. sub-tasks are owed no report ---------------------------------------------------------


def _split(world: World, n: int) -> list[Task]:
    return [
        subtasks.create(world.actor("reporter_a"), world.task_a, text=f"细化工作{i}", assignee_name=f"责任人{i}")
        for i in range(n)
    ]


def _owed(world: World, cycle: ReportingCycle, today: date) -> dict[str, Any]:
    dashboard.refresh(today)
    found = cycles.compliance(cycle, today)
    return {
        "expected": sorted((t, u) for t, u, _r in cycles.expected_reports(cycle)),
        "missing": sorted((e["task_id"], e["unit_id"]) for e in found["missing"]),
        "summary_a": PunctualitySummary.objects.get(cycle=cycle, unit=world.unit_a).owed,
        "list_a": sorted(r.task_id for r in dashboard.punctuality_reports(cycle, world.unit_a.pk, "owed", today)),
        "missing_a": dashboard.punctuality_reports(cycle, world.unit_a.pk, "missing", today).count(),
    }


@pytest.mark.parametrize("n_subtasks", [0, 2])
def test_a_parent_owes_the_same_reports_with_or_without_sub_tasks(world: World, n_subtasks: int) -> None:
    subs = _split(world, n_subtasks)
    assert all(s.active and s.assignments.get().unit_id == world.unit_a.pk for s in subs)  # active, with a unit
    after_due = date(2016, 7, 16)
    found = _owed(world, world.cycle, after_due)
    a_tasks = sorted([world.task_a.pk, world.task_ab.pk, world.task_public.pk])
    assert found["list_a"] == a_tasks  # the parent is owed, its sub-tasks are not
    assert found["summary_a"] == 3 and found["missing_a"] == 3
    assert len(found["expected"]) == 5 and len(found["missing"]) == 5
    assert not {t for t, _u in found["expected"]} & {s.pk for s in subs}
    # the reminder before the due date counts the same three for unit A
    jobs.remind(world.cycle.due_date - timedelta(days=7))
    subjects = list(Message.objects.filter(user=world.users["reporter_a"]).values_list("subject", flat=True))
    assert any("尚有3项未报送" in s for s in subjects), subjects
    # closing: the snapshot's missing list is the same five, sub-tasks or not
    closed = cycles.close(world.actor("supervisor"), world.cycle, today=CLOSED_ON)
    assert sorted((e["task_id"], e["unit_id"]) for e in closed.snapshot["missing"]) == found["missing"]


def test_a_report_filed_on_a_sub_task_is_not_counted_as_owed_or_late(world: World) -> None:
    (sub,) = _split(world, 1)
    Report.objects.create(
        task=sub,
        unit=world.unit_a,
        cycle=world.cycle,
        kind="lead",
        state="submitted",
        progress="已起草",
        submitted_at=LATE,
    )
    found = cycles.compliance(world.cycle, date(2016, 7, 16))
    assert found["late"] == []
    dashboard.refresh(date(2016, 7, 16))
    row = PunctualitySummary.objects.get(cycle=world.cycle, unit=world.unit_a)
    assert (row.owed, row.late, row.missing) == (3, 0, 3)


def test_the_ledger_shows_the_units_report_on_the_parent_and_each_person_on_a_row(world: World) -> None:
    (sub,) = _split(world, 1)
    Report.objects.create(
        task=world.task_a, unit=world.unit_a, cycle=world.cycle, kind="lead", state="submitted",
        progress="平台已上线试运行", percent=60, submitted_at=ON_TIME,
    )  # fmt: skip
    rows = {
        r["id"]: ledger.row_values(r)
        for r in ledger.ledger_rows(select_tasks(SYSTEM, TaskSelection(unit=world.unit_a.pk), TODAY))
    }
    assert rows[world.task_a.pk]["progress"] == "完成60%：平台已上线试运行"
    assert rows[sub.pk]["assignee"] == "责任人0" and rows[sub.pk]["progress"] == ""


# --- 4. a closed cycle's punctuality is its snapshot's ---------------------------------------


def _file(world: World, task: Task, unit: Any, state: str, at: datetime | None) -> Report:
    return Report.objects.create(
        task=task, unit=unit, cycle=world.cycle, kind="lead" if unit == world.unit_a or task == world.task_b
        else "contribution", state=state, progress="进展", submitted_at=at,
        return_reason="佐证不足" if state == "returned" else "",
    )  # fmt: skip


def _closed_world(world: World) -> None:
    """A: task_a filed on time then returned (never refiled), task_ab late and accepted, task_public
    on time and accepted; B: nothing on task_b, its contribution to task_ab on time. Closed 07-20."""
    _file(world, world.task_a, world.unit_a, "returned", ON_TIME)
    _file(world, world.task_ab, world.unit_a, "accepted", LATE)
    _file(world, world.task_public, world.unit_a, "accepted", ON_TIME)
    _file(world, world.task_ab, world.unit_b, "submitted", ON_TIME)
    cycles.close(world.actor("supervisor"), world.cycle, today=CLOSED_ON)
    world.cycle.refresh_from_db()


EXPECTED_CLOSED = {  # owed, on time, late, missing, pending, behind
    "省发展改革委": (3, 1, 1, 1, 0, 2),
    "省财政厅": (2, 1, 0, 1, 0, 1),
    None: (5, 2, 1, 2, 0, 3),
}


def _summary(cycle: ReportingCycle) -> dict[str | None, tuple[int, ...]]:
    return {
        (r.unit.name if r.unit else None): (r.owed, r.on_time, r.late, r.missing, r.pending, r.behind)
        for r in PunctualitySummary.objects.filter(cycle=cycle).select_related("unit")
    }


def _assert_numbers_equal_lists(world: World, today: date) -> None:
    for unit in (world.unit_a, world.unit_b, None):
        row = EXPECTED_CLOSED[unit.name if unit else None]
        for index, outcome in enumerate(("owed", *dashboard.OUTCOMES)):
            listed = dashboard.punctuality_reports(world.cycle, unit.pk if unit else None, outcome, today)
            assert listed.count() == row[index], (unit, outcome)


def test_a_closed_cycle_counts_and_lists_what_its_snapshot_froze(world: World) -> None:
    _closed_world(world)
    snapshot = world.cycle.snapshot
    assert {(e["task_id"], e["unit_id"]) for e in snapshot["missing"]} == {
        (world.task_a.pk, world.unit_a.pk),
        (world.task_b.pk, world.unit_b.pk),
    }
    today = date(2016, 7, 21)
    dashboard.refresh(today)
    assert _summary(world.cycle) == EXPECTED_CLOSED
    _assert_numbers_equal_lists(world, today)
    missing_a = dashboard.punctuality_reports(world.cycle, world.unit_a.pk, "missing", today)
    assert [(r.task_id, r.unit_id) for r in missing_a] == [(world.task_a.pk, world.unit_a.pk)]
    # the live rules would have called the returned report on time: the snapshot is what the cycle page shows
    live = {(e["task_id"], e["unit_id"]) for e in cycles.compliance(world.cycle, today)["missing"]}
    assert (world.task_a.pk, world.unit_a.pk) not in live


def test_a_report_changed_after_closing_moves_neither_the_number_nor_the_list(world: World) -> None:
    _closed_world(world)
    dashboard.refresh(date(2016, 7, 21))
    # after closing, the unit's accepted report on task_public is sent back (the row changed by hand)
    # and task_b gets a report: the closed cycle's figures stay as frozen, list and number alike
    Report.objects.filter(task=world.task_public, cycle=world.cycle).update(state="returned", return_reason="复核")
    _file(world, world.task_b, world.unit_b, "submitted", datetime(2016, 7, 25, tzinfo=SHANGHAI))
    today = date(2016, 7, 26)
    dashboard.refresh(today)
    assert _summary(world.cycle) == EXPECTED_CLOSED
    _assert_numbers_equal_lists(world, today)
    on_time_a = dashboard.punctuality_reports(world.cycle, world.unit_a.pk, "on_time", today)
    assert [r.task_id for r in on_time_a] == [world.task_public.pk]


def test_an_open_cycle_still_follows_the_live_rules(world: World) -> None:
    """The other side: before closing, a returned report that was filed counts as filed (on time)."""
    _file(world, world.task_a, world.unit_a, "returned", ON_TIME)
    today = date(2016, 7, 16)
    dashboard.refresh(today)
    assert _summary(world.cycle)["省发展改革委"] == (3, 1, 0, 2, 0, 2)
    assert not PunctualityEntry.objects.exists()
    on_time = dashboard.punctuality_reports(world.cycle, world.unit_a.pk, "on_time", today)
    assert [r.task_id for r in on_time] == [world.task_a.pk]


def test_a_snapshot_closed_before_the_sub_task_rule_drops_its_sub_tasks(world: World) -> None:
    """Snapshots made when sub-tasks were owed list them as missing; the dashboard leaves them out."""
    (sub,) = _split(world, 1)
    _closed_world(world)
    old = dict(world.cycle.snapshot)
    old["missing"] = [*old["missing"], {"task_id": sub.pk, "unit_id": world.unit_a.pk, "role": "lead"}]
    ReportingCycle.objects.filter(pk=world.cycle.pk).update(snapshot=old)
    world.cycle.refresh_from_db()
    dashboard.refresh(date(2016, 7, 21))
    assert _summary(world.cycle) == EXPECTED_CLOSED
    assert not PunctualityEntry.objects.filter(task=sub).exists()


def test_the_snapshot_rows_are_built_once_and_dropped_when_the_cycle_leaves_the_panel(world: World) -> None:
    _closed_world(world)
    dashboard.refresh(date(2016, 7, 21))
    ids = sorted(PunctualityEntry.objects.values_list("pk", flat=True))
    assert len(ids) == 5
    dashboard.refresh(date(2016, 7, 22))
    assert sorted(PunctualityEntry.objects.values_list("pk", flat=True)) == ids  # kept, not rebuilt
    later = ReportingCycle.objects.create(
        name="2016Q3", period_start=date(2016, 7, 1), period_end=date(2016, 9, 30), status="closed",
        snapshot={"task_status": {}, "reports": [], "late": [], "missing": []},
    )  # fmt: skip
    dashboard.refresh(date(2016, 10, 20))
    assert [c.pk for c in dashboard.punctuality_cycles()] == [later.pk]
    assert not PunctualityEntry.objects.filter(cycle=world.cycle).exists()
    with pytest.raises(Invalid, match="无效"):
        dashboard.punctuality_reports(world.cycle, None, "lost", date(2016, 10, 20))


def test_the_assessment_scores_a_closed_cycle_as_its_snapshot_and_the_dashboard_do(world: World) -> None:
    """按时报送 for 2016: unit A owed 3 in the closed 2016Q2, one late and one missing at closing."""
    _closed_world(world)
    score, counts = assessment.punctuality(world.unit_a.pk, 2016, date(2016, 7, 21))
    assert counts == {"owed": 3, "late": 1, "missing": 1}
    assert score == Decimal("33.33")
    dashboard.refresh(date(2016, 7, 21))
    row = PunctualitySummary.objects.get(cycle=world.cycle, unit=world.unit_a)
    assert (row.owed, row.late, row.missing) == (counts["owed"], counts["late"], counts["missing"])


def test_the_assessment_scores_an_open_cycle_by_the_live_rules(world: World) -> None:
    _file(world, world.task_a, world.unit_a, "returned", ON_TIME)  # filed on time, returned, cycle still open
    _split(world, 1)  # and a sub-task: owed nothing
    _score, counts = assessment.punctuality(world.unit_a.pk, 2016, date(2016, 7, 21))
    assert counts == {"owed": 3, "late": 0, "missing": 2}
