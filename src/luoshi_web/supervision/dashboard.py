"""The leaders' dashboard (领导驾驶舱) as numbers, for the page to draw.

Every count is computed in the database (GROUP BY with a conditional count per status,
the status conditions being the registry's own ``status_filter``), over the tasks the
actor may see, and every cell carries the task-list filter it stands for (``unit``,
``document``, ``status``), so a page links each number to the tasks behind it and the
list shows exactly that many (tested).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from itertools import groupby, islice
from typing import Any

from django.db import transaction
from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import (
    CycleStatus,
    Observation,
    ReportingCycle,
    ReportState,
    Target,
    Task,
    TaskUnit,
    Unit,
)
from luoshi_web.registry.permissions import Actor, require_user, tasks_for
from luoshi_web.registry.status import LABELS, STATUSES, status_filter
from luoshi_web.registry.target_progress import Point, Progress, progress_of
from luoshi_web.supervision.models import (
    DashboardLock,
    DashboardRefresh,
    Level,
    NoticeState,
    PunctualityEntry,
    PunctualitySummary,
    StatusSummary,
    SummaryScope,
    TargetSummary,
)
from luoshi_web.supervision.notices import notices_for


def _counts(today: date, distinct: bool = False) -> dict[str, Any]:
    counts: dict[str, Any] = {"total": Count("id", distinct=distinct)}
    for status in STATUSES:
        counts[status] = Count("id", filter=status_filter(status, today), distinct=distinct)
    return counts


def _cells(row: dict[str, Any], **filters: Any) -> dict[str, Any]:
    return {
        "total": row["total"],
        "by_status": {s: row[s] for s in STATUSES},
        "filters": filters,
    }


def overview(actor: Actor, today: date) -> dict[str, Any]:
    require_user(actor)
    tasks = tasks_for(actor).filter(active=True)
    totals = tasks.aggregate(**_counts(today))
    by_document = [
        {"document_id": r["document_id"], "document": r["document__doc_number"] or r["document__title"],
         **_cells(r, document=r["document_id"])}
        for r in tasks.values("document_id", "document__doc_number", "document__title")
        .annotate(**_counts(today))
        .order_by("document_id")
    ]  # fmt: skip
    by_unit = [
        {"unit_id": r["assignments__unit_id"], "unit": r["assignments__unit__name"],
         **_cells(r, unit=r["assignments__unit_id"])}
        for r in tasks.filter(assignments__unit__isnull=False)
        .values("assignments__unit_id", "assignments__unit__name")
        .annotate(**_counts(today, distinct=True))
        .order_by("assignments__unit__name")
    ]  # fmt: skip
    open_notices = notices_for(actor).exclude(state=NoticeState.CLOSED).filter(task__in=tasks)
    levels = dict(open_notices.order_by().values_list("level").annotate(n=Count("id")))
    return {
        "as_of": today.isoformat(),
        "status_labels": {s: str(LABELS[s]) for s in STATUSES},
        "totals": _cells(totals),
        "by_document": by_document,
        "by_unit": by_unit,
        "notices_by_level": [
            {"level": level.value, "label": str(level.label), "open": levels.get(level.value, 0)} for level in Level
        ],
    }


def attention_list(actor: Actor, today: date, status: str, limit: int = 20) -> list[Task]:
    """The first overdue or at-risk tasks by deadline (the lists under the figures)."""
    require_user(actor)
    return list(
        tasks_for(actor).filter(active=True).filter(status_filter(status, today)).select_related("document")
        .order_by("due", "id")[:limit]
    )  # fmt: skip


# --- the stored summary (领导驾驶舱 at national size) -------------------------------------------
#
# A GROUP BY over a million tasks on every page view cannot answer in 300 ms, so the figures
# the leaders' page shows are recomputed into summary tables (``refresh``: by the daily job,
# ``luoshi dashboard refresh``, or the office's button) and the page reads the latest summary
# with its "as of" time: the top rows by size, every number still linking to the list behind it.
# The counts are the same GROUP BY queries as ``overview`` (the registry's ``status_filter``),
# run once a day instead of once a view; the tests compare them with the task list after a
# refresh, and punctuality with the registry's own ``cycles.compliance``.
#
# Punctuality counts what ``cycles.expected_reports`` expects: one report per unit named on a
# top-level task (a sub-task, 明确到人, is the unit's internal breakdown and is owed none). An
# open cycle is counted by the live rules as of the refresh; a closed one by what its snapshot
# froze at closing (``PunctualityEntry``), so a report returned before closing and never
# refiled stays missing, as on the cycle's page, whatever the live rules would say of it later.

TOP_N = 30  # rows per panel: a projector shows about thirty bars
TRAJECTORY_POINTS = 12  # observations kept per target for its small chart
OUTCOMES = ("on_time", "late", "missing", "pending")
OUTCOME_LABELS = {
    "owed": _("应报"),
    "on_time": _("按时报送"),
    "late": _("逾期报送"),
    "missing": _("缺报"),
    "pending": _("尚未到期未报"),
}
TARGET_STATES = ("off_track", "unknown", "on_track", "attained")
TARGET_STATE_LABELS = {
    "attained": _("已达标"),
    "on_track": _("按趋势可达标"),
    "off_track": _("按趋势难以达标"),
    "unknown": _("数据不足"),
}


def target_state(result: Progress) -> str:
    """attained (the goal reached), on_track / off_track (the trend at the deadline), or unknown."""
    if result.attainment is not None and result.attainment >= 1:
        return "attained"
    if result.on_track is True:
        return "on_track"
    if result.on_track is False:
        return "off_track"
    return "unknown"


def punctuality_cycles() -> list[ReportingCycle]:
    """The cycles the punctuality panel covers: the latest closed one and every open one."""
    last_closed = ReportingCycle.objects.filter(status=CycleStatus.CLOSED).order_by("-period_start").first()
    chosen = list(ReportingCycle.objects.filter(status=CycleStatus.OPEN).order_by("period_start"))
    return sorted([last_closed, *chosen] if last_closed else chosen, key=lambda c: c.period_start)


def owed_reports(cycle: ReportingCycle) -> QuerySet[TaskUnit]:
    """Every report owed in the open ``cycle`` (the registry's ``cycles.expected_reports``: units
    named on active top-level tasks in force), with ``filed_on``: the local day its report was
    submitted, NULL while none was.

    The report is LEFT JOINed (``FilteredRelation``: at most one per task, unit and cycle), not
    looked up by a subquery per row: at national size that is 2 million lookups a cycle.
    """
    report = FilteredRelation(
        "task__reports", condition=Q(task__reports__cycle_id=cycle.pk, task__reports__unit_id=F("unit_id"))
    )
    return (
        TaskUnit.objects.filter(task__active=True, task__parent__isnull=True, unit__isnull=False)
        .exclude(task__start_date__gt=cycle.period_end)
        .annotate(cycle_report=report)
        .annotate(filed_on=TruncDate("cycle_report__submitted_at"))
    )


def _outcome(outcome: str, cycle: ReportingCycle, today: date) -> Q | None:
    """The owed reports with ``outcome`` as of ``today`` (``cycles.compliance``'s rules); None: none can."""
    due = cycle.due_date
    if outcome == "on_time":
        return Q(filed_on__lte=due)
    if outcome == "late":
        return Q(filed_on__gt=due)
    if outcome == "missing":
        return Q(filed_on__isnull=True) if today > due else None
    if outcome == "pending":
        return Q(filed_on__isnull=True) if today <= due else None
    raise Invalid(gettext("报送情况“%(value)s”无效") % {"value": outcome})


def frozen(cycle: ReportingCycle) -> bool:
    """A closed cycle with its snapshot: its punctuality is the snapshot's, not the live rules'."""
    return cycle.status == CycleStatus.CLOSED and bool(cycle.snapshot)


# The snapshot's report states that count as filed at closing (``cycles.compliance(closing=True)``).
_FILED_AT_CLOSING = (ReportState.SUBMITTED, ReportState.ACCEPTED)
_ID_CHUNK = 5000


def snapshot_outcomes(cycle: ReportingCycle) -> dict[tuple[int, int], str]:
    """(task id, unit id) → on_time / late / missing for every report owed in the closed ``cycle``.

    The snapshot does not list what was owed, but it says it: what was missing at closing, and
    the reports submitted or accepted then on the tasks in force (``task_status``). Missing wins
    over late (a report filed late and returned, never refiled: the cycle ended without it).
    Sub-tasks are left out, as ``cycles.expected_reports`` leaves them out; a snapshot closed before
    that rule listed them among the missing. Rows of tasks or units deleted since are dropped.
    One case the snapshot cannot tell apart: a report filed by a unit that was then taken off the
    task before closing is counted as owed (and filed).
    """
    snap = cycle.snapshot or {}
    in_force = set(snap.get("task_status", {}))
    missing = {(e["task_id"], e["unit_id"]) for e in snap.get("missing", [])}
    late = {(e["task_id"], e["unit_id"]) for e in snap.get("late", [])}
    owed = set(missing)
    for report in snap.get("reports", []):
        if report["state"] in _FILED_AT_CLOSING and str(report["task_id"]) in in_force:
            owed.add((report["task_id"], report["unit_id"]))
    task_ids = sorted({t for t, _u in owed})
    top_level: set[int] = set()
    for start in range(0, len(task_ids), _ID_CHUNK):
        chunk = task_ids[start : start + _ID_CHUNK]
        top_level.update(Task.objects.filter(pk__in=chunk, parent__isnull=True).values_list("pk", flat=True))
    units = set(Unit.objects.filter(pk__in={u for _t, u in owed}).values_list("pk", flat=True))
    return {
        (t, u): "missing" if (t, u) in missing else "late" if (t, u) in late else "on_time"
        for t, u in owed
        if t in top_level and u in units
    }


def closed_entries(cycle: ReportingCycle) -> QuerySet[PunctualityEntry]:
    """The closed ``cycle``'s owed reports with their outcomes, built from its snapshot when first asked.

    A snapshot never changes, so its rows are built once (the refresh drops those of cycles the
    panel no longer shows); two builders at once insert the same rows, the second's ignored.
    """
    entries = PunctualityEntry.objects.filter(cycle=cycle)
    if not entries.exists():
        rows = (
            PunctualityEntry(cycle=cycle, task_id=t, unit_id=u, outcome=o)
            for (t, u), o in sorted(snapshot_outcomes(cycle).items())
        )
        with transaction.atomic():
            for batch in _batches(rows):
                PunctualityEntry.objects.bulk_create(batch, ignore_conflicts=True)
    return entries


def punctuality_reports(cycle: ReportingCycle, unit_id: int | None, outcome: str, today: date) -> QuerySet[Any]:
    """The owed reports behind one punctuality number (a unit's, or every unit's with ``unit_id``
    None): one row per task and unit (``row.task``, ``row.unit``), soonest deadline first.

    For an open cycle, by the live rules as of ``today``; for a closed one, as its snapshot
    froze them (the rows the refresh counted, so the list and the number agree)."""
    if frozen(cycle):
        if outcome not in ("owed", *OUTCOMES):
            raise Invalid(gettext("报送情况“%(value)s”无效") % {"value": outcome})
        entries = closed_entries(cycle)
        if outcome != "owed":
            entries = entries.filter(outcome=outcome)  # "pending": none once closed
        if unit_id is not None:
            entries = entries.filter(unit_id=unit_id)
        return entries.select_related("task__document", "unit").order_by("task__due", "task_id", "unit_id")
    if outcome == "owed":
        rule: Q | None = Q()
    else:
        rule = _outcome(outcome, cycle, today)
    if rule is None:
        return TaskUnit.objects.none()
    first_naming = TaskUnit.objects.filter(task_id=OuterRef("task_id"), unit_id=OuterRef("unit_id")).order_by(
        "position", "id"
    )  # a unit named twice on a task owes one report
    owed = owed_reports(cycle).filter(rule).filter(pk=Subquery(first_naming.values("pk")[:1]))
    if unit_id is not None:
        owed = owed.filter(unit_id=unit_id)
    return owed.select_related("task__document", "unit").order_by("task__due", "task_id", "unit_id")


def _punctuality_counts(cycle: ReportingCycle, today: date) -> dict[str, Any]:
    counts: dict[str, Any] = {"owed": Count("task_id", distinct=True)}
    for outcome in OUTCOMES:
        rule = _outcome(outcome, cycle, today)
        counts[outcome] = Count("task_id", distinct=True, filter=rule) if rule is not None else Value(0)
    return counts


def _closed_counts() -> dict[str, Any]:
    counts: dict[str, Any] = {"owed": Count("id")}
    for outcome in OUTCOMES:
        counts[outcome] = Count("id", filter=Q(outcome=outcome)) if outcome != "pending" else Value(0)
    return counts


def _batches(rows: Iterator[Any], size: int = 5000) -> Iterator[list[Any]]:
    while batch := list(islice(rows, size)):
        yield batch


def _status_row(scope: str, ref: int | None, name: str, row: dict[str, Any]) -> StatusSummary:
    return StatusSummary(scope=scope, ref=ref, name=name or "", total=row["total"], **{s: row[s] for s in STATUSES})


def refresh(today: date) -> DashboardRefresh:
    """Recompute every summary table as of ``today``, in one transaction (readers see old or new)."""
    started, began = timezone.now(), time.perf_counter()
    with transaction.atomic():
        # Two refreshes at once (the daily job, the office's button) take turns: the second waits
        # on the lock row until the first commits, then replaces its rows whole. The row always
        # exists (migration 0003; re-created here after a flush: on PostgreSQL a second insert of
        # it waits for the first to commit), so the very first refreshes take turns too. SQLite
        # needs none of it: its IMMEDIATE transactions already admit one writer at a time.
        DashboardLock.objects.bulk_create([DashboardLock(id=1)], ignore_conflicts=True)
        DashboardLock.objects.select_for_update().get(pk=1)
        for model in (StatusSummary, PunctualitySummary, TargetSummary, DashboardRefresh):
            model.objects.all().delete()
        tasks = Task.objects.filter(active=True)
        _status_row(SummaryScope.TOTAL, None, "", tasks.aggregate(**_counts(today))).save()
        documents = (
            tasks.values("document_id", "document__doc_number", "document__title").annotate(**_counts(today)).order_by()
        )
        n_documents = 0
        for batch in _batches(documents.iterator(chunk_size=5000)):
            StatusSummary.objects.bulk_create(
                _status_row(
                    SummaryScope.DOCUMENT, r["document_id"], r["document__doc_number"] or r["document__title"], r
                )
                for r in batch
            )
            n_documents += len(batch)
        units = (
            tasks.filter(assignments__unit__isnull=False)
            .values("assignments__unit_id", "assignments__unit__name")
            .annotate(**_counts(today, distinct=True))
            .order_by()
        )
        n_units = 0
        for batch in _batches(units.iterator(chunk_size=5000)):
            StatusSummary.objects.bulk_create(
                _status_row(SummaryScope.UNIT, r["assignments__unit_id"], r["assignments__unit__name"], r)
                for r in batch
            )
            n_units += len(batch)
        shown = punctuality_cycles()
        PunctualityEntry.objects.exclude(cycle__in=[c.pk for c in shown if frozen(c)]).delete()
        for cycle in shown:
            if frozen(cycle):
                per_unit = closed_entries(cycle).values("unit_id").annotate(**_closed_counts()).order_by()
            else:
                per_unit = (
                    owed_reports(cycle).values("unit_id").annotate(**_punctuality_counts(cycle, today)).order_by()
                )
            for batch in _batches(per_unit.iterator(chunk_size=5000)):
                PunctualitySummary.objects.bulk_create(
                    PunctualitySummary(
                        cycle=cycle,
                        unit_id=r["unit_id"],
                        owed=r["owed"],
                        behind=r["late"] + r["missing"],
                        **{o: r[o] for o in OUTCOMES},
                    )
                    for r in batch
                )
            sums = PunctualitySummary.objects.filter(cycle=cycle).aggregate(
                **{name: Coalesce(Sum(name), 0) for name in ("owed", *OUTCOMES, "behind")}
            )
            PunctualitySummary.objects.create(cycle=cycle, unit=None, **sums)
        n_targets = _refresh_targets()
        return DashboardRefresh.objects.create(
            as_of=today,
            started_at=started,
            finished_at=timezone.now(),
            seconds=round(time.perf_counter() - began, 3),
            documents=n_documents,
            units=n_units,
            targets=n_targets,
        )


def _refresh_targets() -> int:
    """Each active target's progress (``target_progress.progress_of``, as on the target page)."""
    targets = {t.pk: t for t in Target.objects.filter(active=True).order_by()}
    observations = (
        Observation.objects.filter(target__active=True)
        .order_by("target_id", "as_of", "id")
        .values_list("target_id", "as_of", "value")
        .iterator(chunk_size=5000)
    )
    points: dict[int, list[Point]] = {}
    rows = []
    for target_id, group in groupby(observations, key=lambda o: o[0]):
        points[target_id] = [Point(as_of, value) for _t, as_of, value in group]
    for target in targets.values():
        found = points.get(target.pk, [])
        result = progress_of(target, found)
        rows.append(
            TargetSummary(
                target=target,
                document_id=target.document_id,
                indicator=target.indicator,
                unit_text=target.unit_text,
                deadline=target.deadline,
                goal=result.goal,
                latest=result.latest.value if result.latest else None,
                latest_as_of=result.latest.as_of if result.latest else None,
                attainment=result.attainment,
                on_track=result.on_track,
                state=target_state(result),
                points=[[p.as_of.isoformat(), p.value] for p in found[-TRAJECTORY_POINTS:]],
            )
        )
    TargetSummary.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def latest_refresh() -> DashboardRefresh | None:
    return DashboardRefresh.objects.order_by("-finished_at", "-id").first()


def _summary_cell(row: StatusSummary, **filters: Any) -> dict[str, Any]:
    return {"total": row.total, "by_status": {s: getattr(row, s) for s in STATUSES}, "filters": filters}


def summary(actor: Actor, top: int = TOP_N) -> dict[str, Any] | None:
    """The stored dashboard for the roles that read everything; None before the first refresh.

    Same shape as :func:`overview` (``by_document``/``by_unit`` hold the ``top`` largest, by
    task count, ties by id), plus ``punctuality`` per cycle and ``targets``. Every query reads
    the summary tables by index, so its cost does not grow with the registry.
    """
    require_user(actor)
    if not actor.reads_all:
        raise Forbidden(gettext("只有督查室和领导可以查看驾驶舱"))
    done = latest_refresh()
    if done is None:
        return None
    rows = StatusSummary.objects.order_by("-total", "ref")
    total = StatusSummary.objects.filter(scope=SummaryScope.TOTAL).first()
    by_document = [
        {"document_id": r.ref, "document": r.name, **_summary_cell(r, document=r.ref)}
        for r in rows.filter(scope=SummaryScope.DOCUMENT)[:top]
    ]
    by_unit = [
        {"unit_id": r.ref, "unit": r.name, **_summary_cell(r, unit=r.ref)}
        for r in rows.filter(scope=SummaryScope.UNIT)[:top]
    ]
    open_notices = notices_for(actor).exclude(state=NoticeState.CLOSED)
    levels = dict(open_notices.order_by().values_list("level").annotate(n=Count("id")))
    return {
        "as_of": done.as_of.isoformat(),
        "refresh": done,
        "status_labels": {s: str(LABELS[s]) for s in STATUSES},
        "totals": _summary_cell(total)
        if total
        else {"total": 0, "by_status": dict.fromkeys(STATUSES, 0), "filters": {}},
        "by_document": by_document,
        "by_unit": by_unit,
        "more_documents": max(0, done.documents - len(by_document)),
        "more_units": max(0, done.units - len(by_unit)),
        "notices_by_level": [
            {"level": level.value, "label": str(level.label), "open": levels.get(level.value, 0)} for level in Level
        ],
        "punctuality": _punctuality_summary(top),
        "targets": _target_summary(done, top),
    }


def _punctuality_summary(top: int) -> list[dict[str, Any]]:
    cycle_ids = PunctualitySummary.objects.filter(unit__isnull=True).values_list("cycle_id", flat=True)
    result = []
    for cycle in ReportingCycle.objects.filter(pk__in=cycle_ids).order_by("period_start"):
        rows = PunctualitySummary.objects.filter(cycle=cycle)
        total = rows.filter(unit__isnull=True).first()
        units = list(
            rows.filter(unit__isnull=False, behind__gt=0).select_related("unit").order_by("-behind", "unit_id")[:top]
        )
        result.append({"cycle": cycle, "due": cycle.due_date, "total": total, "units": units})
    return result


def _target_summary(done: DashboardRefresh, top: int) -> dict[str, Any]:
    counts = dict(TargetSummary.objects.order_by().values_list("state").annotate(n=Count("id")))
    behind = list(
        TargetSummary.objects.filter(state="off_track")
        .select_related("document")
        .order_by(F("attainment").asc(nulls_last=True), "target_id")[:top]
    )
    return {
        "total": done.targets,
        "by_state": [
            {"state": s, "label": str(TARGET_STATE_LABELS[s]), "count": counts.get(s, 0)} for s in TARGET_STATES
        ],
        "behind": behind,
    }


def targets_in_state(actor: Actor, state: str) -> QuerySet[TargetSummary]:
    """The targets behind one attainment number (the summary's rows), by attainment then id."""
    require_user(actor)
    if not actor.reads_all:
        raise Forbidden(gettext("只有督查室和领导可以查看驾驶舱"))
    if state not in TARGET_STATES:
        raise Invalid(gettext("指标状态“%(value)s”无效") % {"value": state})
    return (
        TargetSummary.objects.filter(state=state)
        .select_related("document")
        .order_by(F("attainment").asc(nulls_last=True), "target_id")
    )
