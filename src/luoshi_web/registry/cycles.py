"""Reporting cycles and the report workflow.

Per cycle, each unit named on a task files one report: the lead unit the
task's report, each co-responsible unit its contribution. A report goes
draft → submitted → accepted, or → returned (with a reason) → submitted again.
The supervisor accepts; accepting a final report (申请销号) needs evidence and
is what makes a task 已完成. A report submitted after the cycle's due date is
late; a unit without a submitted report after it is missing. Closing a cycle
stores a snapshot that later edits cannot change, and locks its reports; the
snapshot's ``missing`` lists every expected report not submitted (or accepted)
at the moment of closing, whether or not the due date had passed. Closing before
the due date needs ``confirm_early=True`` (the office may close a quarter early,
but not by accident). A second cycle with the same period is refused (409).

What a cycle expects is one report per unit named on a *top-level* task. A sub-task
(明确到人, ``Task.parent`` set; ``subtasks.py``) is the lead unit's internal breakdown of
its task among its people: the unit reports to the office on the parent task, so a
sub-task is owed no report, is never late or missing, and splitting a task into ten
people's sub-tasks does not make the unit owe ten more reports (nor count against its
按时报送 score). A report filed on a sub-task is still possible (its progress, and the
final report with evidence that makes it 已完成); it is just not expected.

Every function takes the acting :class:`Actor` and checks it through
``permissions``; ``now``/``today`` are parameters so tests can freeze the clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from luoshi_web.registry import audit, validation
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import (
    AssignmentRole,
    CycleStatus,
    Report,
    ReportingCycle,
    ReportKind,
    ReportState,
    Task,
    TaskUnit,
)
from luoshi_web.registry.permissions import Actor, require_manager, require_reporter_for
from luoshi_web.registry.status import with_status

# Months starting each quarter: the default cycle length is a quarter (季度调度).
QUARTER_START_MONTHS = (1, 4, 7, 10)
EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)
REPORT_FIELDS = ("progress", "percent", "problems", "next_steps", "is_final")


def quarter_of(day: date) -> tuple[date, date, str]:
    validation.day(day, "quarter_of")
    start_month = max(m for m in QUARTER_START_MONTHS if m <= day.month)
    start = date(day.year, start_month, 1)
    next_start = date(day.year + 1, 1, 1) if start_month == 10 else date(day.year, start_month + 3, 1)
    return start, next_start - timedelta(days=1), f"{day.year}Q{QUARTER_START_MONTHS.index(start_month) + 1}"


def open_cycle(actor: Actor, *, period_start: date, period_end: date, name: str = "") -> ReportingCycle:
    require_manager(actor)
    validation.day(period_start, "period_start")
    validation.day(period_end, "period_end")
    if period_end < period_start:
        raise Invalid(gettext("period_end（截止日期）早于 period_start（起始日期）"))
    existing = ReportingCycle.objects.filter(period_start=period_start, period_end=period_end).first()
    if existing is not None:
        raise _duplicate(existing)
    try:
        with transaction.atomic(), audit.acting_as(actor.user, "cycle.open"):
            return ReportingCycle.objects.create(
                name=name or f"{period_start.isoformat()}~{period_end.isoformat()}",
                period_start=period_start,
                period_end=period_end,
            )
    except IntegrityError:  # another request opened the same period meanwhile
        existing = ReportingCycle.objects.filter(period_start=period_start, period_end=period_end).first()
        if existing is None:
            raise
        raise _duplicate(existing) from None


def _duplicate(existing: ReportingCycle) -> Conflict:
    return Conflict(
        gettext("%(start)s 至 %(end)s 的填报周期已存在（“%(name)s”，%(status)s），不能重复开启")
        % {
            "start": existing.period_start,
            "end": existing.period_end,
            "name": existing.name,
            "status": existing.get_status_display(),
        },
        code="duplicate_cycle",
    )


def open_quarter(actor: Actor, day: date) -> ReportingCycle:
    start, end, name = quarter_of(day)
    return open_cycle(actor, period_start=start, period_end=end, name=name)


def _require_open(cycle: ReportingCycle) -> None:
    if cycle.status != CycleStatus.OPEN:
        raise Conflict(gettext("填报周期 %(cycle)s 已关闭，其报告不能再修改") % {"cycle": cycle.name})


def require_editable(report: Report) -> None:
    """A report (and its evidence) changes only while a draft or returned, in an open cycle."""
    _require_open(report.cycle)
    if report.state not in EDITABLE_STATES:
        raise Conflict(gettext("%(state)s的报告不能修改") % {"state": report.get_state_display()})


REPORT_TEXT_FIELDS = ("progress", "problems", "next_steps")


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise Invalid(
            gettext("未知的报告字段：%(fields)s（可用：%(allowed)s）")
            % {"fields": ", ".join(sorted(unknown)), "allowed": ", ".join(REPORT_FIELDS)}
        )
    # A JSON null for a text field empties it (as the form's empty box does); the flag has no "empty".
    fields = {k: "" if v is None and k in REPORT_TEXT_FIELDS else v for k, v in fields.items()}
    if "is_final" in fields and not isinstance(fields["is_final"], bool):
        raise Invalid(gettext("is_final（申请销号）应为 true 或 false"))
    percent = fields.get("percent")
    if percent is not None and not (isinstance(percent, int) and 0 <= percent <= 100):
        raise Invalid(gettext("percent（完成比例）应为 0 到 100 之间的整数"))
    return fields


NEW_REPORT = "new"


def report_version(report: Report | None) -> str:
    """What a form carries to detect that someone else changed the report meanwhile."""
    return NEW_REPORT if report is None or report.pk is None else report.updated_at.isoformat()


def save_report(
    actor: Actor, task: Task, cycle: ReportingCycle, *, version: str | None = None, **fields: Any
) -> Report:
    """Create or edit the actor's unit's report on ``task`` for ``cycle`` (as a draft).

    ``version`` (optional, from :func:`report_version` when the form was shown) makes the
    save refuse with :class:`Conflict` if the report changed since: optimistic locking, so
    two people editing one report never silently overwrite each other.
    """
    unit_id = require_reporter_for(actor, task)
    _require_open(cycle)
    if not task.active:
        raise Conflict(gettext("此任务已在所属文件的后续版本中删除，不能再填报"))
    fields = _clean_fields(fields)
    assignment = TaskUnit.objects.filter(task=task, unit_id=unit_id).order_by("position").first()
    kind = ReportKind.LEAD if assignment and assignment.role == AssignmentRole.LEAD else ReportKind.CONTRIBUTION
    with transaction.atomic(), audit.acting_as(actor.user, "report.save"):
        report = Report.objects.select_for_update().filter(task=task, unit_id=unit_id, cycle=cycle).first()
        if version is not None and report_version(report) != version:
            raise Conflict(gettext("此报告在你打开表单后已被他人修改或报送，请查看最新内容后重新填写"), code="stale")
        if report is None:
            report = Report(task=task, unit_id=unit_id, cycle=cycle, kind=kind, created_by=actor.user)
        elif report.state not in EDITABLE_STATES:
            raise Conflict(gettext("%(state)s的报告不能编辑") % {"state": report.get_state_display()})
        for name, value in fields.items():
            setattr(report, name, value)
        if report.is_final and report.kind != ReportKind.LEAD:
            raise Invalid(gettext("只有牵头单位可以申请销号（is_final）"))
        report.save()
    return report


def edit_report(actor: Actor, report: Report, **fields: Any) -> Report:
    """Edit exactly ``report`` (a draft or returned one of the actor's own unit).

    Not :func:`save_report`: that one finds the actor's unit's report on the task, so
    a reporter of another unit named on the same task would edit their own report
    while asking to edit this one.
    """
    _reporter_report(actor, report)
    _require_open(report.cycle)
    if not report.task.active:
        raise Conflict(gettext("此任务已在所属文件的后续版本中删除，不能再填报"))
    fields = _clean_fields(fields)
    with transaction.atomic(), audit.acting_as(actor.user, "report.save"):
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.state not in EDITABLE_STATES:
            raise Conflict(gettext("%(state)s的报告不能编辑") % {"state": report.get_state_display()})
        for name, value in fields.items():
            setattr(report, name, value)
        if report.is_final and report.kind != ReportKind.LEAD:
            raise Invalid(gettext("只有牵头单位可以申请销号（is_final）"))
        report.save()
    return report


def _reporter_report(actor: Actor, report: Report) -> None:
    unit_id = require_reporter_for(actor, report.task)
    if report.unit_id != unit_id:
        raise Forbidden(gettext("此报告属于其他单位"))


def submit(actor: Actor, report: Report, *, now: datetime | None = None) -> Report:
    _reporter_report(actor, report)
    _require_open(report.cycle)
    if report.state not in EDITABLE_STATES:
        raise Conflict(gettext("%(state)s的报告不能报送") % {"state": report.get_state_display()})
    if not report.progress.strip():
        raise Invalid(gettext("报告须填写工作进展（progress）后才能报送"))
    with audit.acting_as(actor.user, "report.submit"):
        report.state = ReportState.SUBMITTED
        report.submitted_at = now or timezone.now()
        report.return_reason = ""
        report.save()
    return report


def _require_version(report: Report, version: str | None) -> None:
    """With ``version`` given, the report must still be the one the reviewer saw.

    The row is locked until the caller's transaction ends (callers that pass a version
    run the review inside ``transaction.atomic``)."""
    if version is None:
        return
    with transaction.atomic():
        rows = Report.objects.select_for_update().filter(pk=report.pk)
        current = rows.values_list("updated_at", flat=True).first()
    if current is None or current.isoformat() != version:
        raise Conflict(gettext("此报告在你打开后已被他人修改或审核，请查看最新内容后再审核"), code="stale")


def accept(actor: Actor, report: Report, *, now: datetime | None = None, version: str | None = None) -> Report:
    require_manager(actor)
    _require_open(report.cycle)
    _require_version(report, version)
    if report.state != ReportState.SUBMITTED:
        raise Conflict(
            gettext("只有已报送的报告可以审核通过（此报告为%(state)s）") % {"state": report.get_state_display()}
        )
    if report.is_final and not report.evidence.exists():
        raise Invalid(gettext("申请销号的报告须先上传佐证材料，任务才能核定为已完成"))
    with audit.acting_as(actor.user, "report.accept"):
        report.state = ReportState.ACCEPTED
        report.reviewed_at = now or timezone.now()
        report.reviewed_by = actor.user
        report.save()
    return report


def return_report(
    actor: Actor, report: Report, reason: str, *, now: datetime | None = None, version: str | None = None
) -> Report:
    require_manager(actor)
    _require_open(report.cycle)
    _require_version(report, version)
    if report.state != ReportState.SUBMITTED:
        raise Conflict(gettext("只有已报送的报告可以退回（此报告为%(state)s）") % {"state": report.get_state_display()})
    if not reason.strip():
        raise Invalid(gettext("退回报告须填写退回原因"))
    with audit.acting_as(actor.user, "report.return"):
        report.state = ReportState.RETURNED
        report.return_reason = reason.strip()
        report.reviewed_at = now or timezone.now()
        report.reviewed_by = actor.user
        report.save()
    return report


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def expected_reports(cycle: ReportingCycle) -> list[tuple[int, int, str]]:
    """(task id, unit id, role) for every resolved unit named on an active top-level task in force
    in the cycle (a sub-task is owed no report: the unit reports on its parent)."""
    rows = (
        TaskUnit.objects.filter(task__active=True, task__parent__isnull=True, unit__isnull=False)
        .exclude(task__start_date__gt=cycle.period_end)
        .values_list("task_id", "unit_id", "role")
        .order_by("task_id", "position")
    )
    return list(dict.fromkeys(rows))


def compliance(cycle: ReportingCycle, today: date, *, closing: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Late reports (submitted after the due date) and missing ones.

    As of ``today`` a report is missing once the due date has passed and none was
    submitted. When ``closing``, every expected report that is not submitted or
    accepted at that moment is missing (a draft, a returned report, no report),
    due date passed or not: that is what the cycle ends without.
    """
    due = cycle.due_date
    reports = {
        (r.task_id, r.unit_id): r
        for r in Report.objects.filter(cycle=cycle).only("task_id", "unit_id", "submitted_at", "state")
    }
    late: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    for task_id, unit_id, role in expected_reports(cycle):
        report = reports.get((task_id, unit_id))
        entry = {"task_id": task_id, "unit_id": unit_id, "role": role, "due": due.isoformat()}
        if report is not None and report.submitted_at is not None:
            if _local_date(report.submitted_at) > due:
                late.append({**entry, "report_id": report.pk, "submitted_at": report.submitted_at.isoformat()})
        if closing:
            if report is None or report.state not in (ReportState.SUBMITTED, ReportState.ACCEPTED):
                missing.append(
                    {**entry, "report_id": report.pk if report else None, "state": report.state if report else None}
                )
        elif (report is None or report.submitted_at is None) and today > due:
            missing.append(entry)
    return {"late": late, "missing": missing}


def build_snapshot(cycle: ReportingCycle, today: date) -> dict[str, Any]:
    """Everything the cycle's review decided, as plain JSON (statuses as of the period end)."""
    as_of = min(today, cycle.period_end)
    tasks = with_status(Task.objects.filter(active=True).exclude(start_date__gt=cycle.period_end), as_of)
    statuses = dict(tasks.values_list("id", "status"))
    reports = [
        {
            "report_id": r.pk,
            "task_id": r.task_id,
            "unit_id": r.unit_id,
            "unit": r.unit.name,
            "kind": r.kind,
            "state": r.state,
            "percent": r.percent,
            "progress": r.progress,
            "problems": r.problems,
            "next_steps": r.next_steps,
            "is_final": r.is_final,
            "return_reason": r.return_reason,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
            "evidence": [e.sha256 for e in r.evidence.all()],
        }
        for r in Report.objects.filter(cycle=cycle).select_related("unit").prefetch_related("evidence")
    ]
    return {
        "cycle": {
            "id": cycle.pk,
            "name": cycle.name,
            "period_start": cycle.period_start.isoformat(),
            "period_end": cycle.period_end.isoformat(),
            "due": cycle.due_date.isoformat(),
        },
        "closed_on": today.isoformat(),
        "task_status": {str(k): v for k, v in sorted(statuses.items())},
        "reports": reports,
        **compliance(cycle, today, closing=True),
    }


def close(actor: Actor, cycle: ReportingCycle, *, today: date, confirm_early: bool = False) -> ReportingCycle:
    """Close ``cycle`` as of ``today``, freezing its snapshot; before the due date only with ``confirm_early``."""
    require_manager(actor)
    _require_open(cycle)
    if today <= cycle.due_date and not confirm_early:
        raise Conflict(
            gettext(
                "填报周期 %(cycle)s 的报送截止日期是 %(due)s，尚未到期；提前关闭会把尚未报送的报告记为缺报，"
                "请确认后再关闭（confirm_early）"
            )
            % {"cycle": cycle.name, "due": cycle.due_date},
            code="confirm_required",
        )
    with transaction.atomic(), audit.acting_as(actor.user, "cycle.close"):
        cycle.snapshot = build_snapshot(cycle, today)
        cycle.status = CycleStatus.CLOSED
        cycle.closed_at = timezone.now()
        cycle.save()
    return cycle
