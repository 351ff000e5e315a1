"""Task status, derived from dates, reports and review — never typed in.

The status is computed in the database as an annotation so that lists can be
filtered and counted by it, and the same expression serves the detail view
and the frozen cycle snapshot. What it reads from the reports is kept on the
task as three progress facts (``progress.py``), so the expression needs no
subquery and a list costs the same at any registry size. ``today`` is always a
parameter: tests and snapshots freeze the clock by passing it.

Order of the rules (first that applies wins):
1. 已完成 completed   — the supervisor accepted a final report (申请销号) that carries evidence;
2. 逾期 overdue       — the deadline has passed;
3. 滞后风险 at risk   — the deadline is within ``AT_RISK_WINDOW_DAYS`` and the latest reported
                        completion is unknown or below ``AT_RISK_BELOW_PERCENT``;
4. 推进中 in progress — some report was submitted (or accepted);
5. 未启动 not started — otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry.models import Task

# A deadline this close with little reported progress is flagged for the supervisor.
AT_RISK_WINDOW_DAYS = 30
AT_RISK_BELOW_PERCENT = 80

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
OVERDUE = "overdue"
AT_RISK = "at_risk"

LABELS = {
    NOT_STARTED: _("未启动"),
    IN_PROGRESS: _("推进中"),
    COMPLETED: _("已完成"),
    OVERDUE: _("逾期"),
    AT_RISK: _("滞后风险"),
}
STATUSES = tuple(LABELS)


def _at_risk(today: date) -> Q:
    horizon = today + timedelta(days=AT_RISK_WINDOW_DAYS)
    return Q(due__lte=horizon) & (Q(latest_percent__isnull=True) | Q(latest_percent__lt=AT_RISK_BELOW_PERCENT))


def with_status(tasks: QuerySet[Task], today: date) -> QuerySet[Task]:
    """Add ``status`` (one of :data:`STATUSES`) to each task: a column expression, no subquery."""
    return tasks.annotate(
        status=Case(
            When(progress_verified=True, then=Value(COMPLETED)),
            When(due__lt=today, then=Value(OVERDUE)),
            When(_at_risk(today), then=Value(AT_RISK)),
            When(progress_reported=True, then=Value(IN_PROGRESS)),
            default=Value(NOT_STARTED),
            output_field=CharField(),
        )
    )


def status_filter(status: str, today: date) -> Q:
    """The tasks whose status is ``status``, as plain conditions on the task's columns.

    The same rules as :func:`with_status`, spelled out per status so the database
    can use the deadline index (a filter on the CASE expression cannot: listing
    the tasks not yet started would read every overdue task first). A test checks
    the two agree for every combination of facts.
    """
    not_done = Q(progress_verified=False)
    # ``due`` is the deadline with "none" as 9999-12-31, so each status is one range of the
    # (due, id) index: a task with no deadline is never overdue nor at risk.
    horizon = today + timedelta(days=AT_RISK_WINDOW_DAYS)
    conditions = {
        COMPLETED: Q(progress_verified=True),
        OVERDUE: not_done & Q(due__lt=today),
        AT_RISK: not_done & Q(due__gte=today) & _at_risk(today),
        IN_PROGRESS: not_done & Q(due__gte=today) & ~_at_risk(today) & Q(progress_reported=True),
        # A task with no submitted report has no latest percent either (progress.py derives both
        # from the same reports), so inside the window it is at risk: not started means due
        # beyond the horizon, a range that skips the window instead of reading through it.
        NOT_STARTED: not_done & Q(due__gt=horizon) & Q(progress_reported=False),
    }
    return conditions[status]


def status_of(task: Task, today: date) -> str:
    """The status of one task (one query)."""
    return with_status(Task.objects.filter(pk=task.pk), today).values_list("status", flat=True).get()
