"""Task status, derived from dates, reports and review — never typed in.

The status is computed in the database as an annotation so that lists can be
filtered and counted by it, and the same expression serves the detail view
and the frozen cycle snapshot. ``today`` is always a parameter: tests and
snapshots freeze the clock by passing it.

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

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from luoshi_web.registry.models import Evidence, Report, ReportKind, ReportState, Task

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

_COUNTING_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def with_status(tasks: QuerySet[Task], today: date) -> QuerySet[Task]:
    """Add ``status`` (one of :data:`STATUSES`) and ``latest_percent`` to each task."""
    verified_final = Report.objects.filter(
        task=OuterRef("pk"),
        is_final=True,
        state=ReportState.ACCEPTED,
    ).filter(Exists(Evidence.objects.filter(report=OuterRef("pk"))))
    reported = Report.objects.filter(task=OuterRef("pk"), state__in=_COUNTING_STATES)
    latest_percent = Subquery(
        Report.objects.filter(task=OuterRef("pk"), state__in=_COUNTING_STATES, kind=ReportKind.LEAD)
        .order_by("-cycle__period_end", "-submitted_at", "-id")
        .values("percent")[:1]
    )
    risk_horizon = today + timedelta(days=AT_RISK_WINDOW_DAYS)
    return tasks.annotate(
        is_verified=Exists(verified_final),
        is_reported=Exists(reported),
        latest_percent=latest_percent,
    ).annotate(
        status=Case(
            When(is_verified=True, then=Value(COMPLETED)),
            When(deadline__lt=today, then=Value(OVERDUE)),
            When(
                Q(deadline__lte=risk_horizon)
                & (Q(latest_percent__isnull=True) | Q(latest_percent__lt=AT_RISK_BELOW_PERCENT)),
                then=Value(AT_RISK),
            ),
            When(is_reported=True, then=Value(IN_PROGRESS)),
            default=Value(NOT_STARTED),
            output_field=CharField(),
        )
    )


def status_of(task: Task, today: date) -> str:
    """The status of one task (one query)."""
    return with_status(Task.objects.filter(pk=task.pk), today).values_list("status", flat=True).get()
