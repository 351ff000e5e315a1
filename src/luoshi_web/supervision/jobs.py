"""The scheduled work, as plain functions of ``today`` (the queue in ``queue.py`` runs them daily).

- ``escalate``: unanswered notices past their escalation day move up one level
  (``notices.escalate_due``, safe on two workers), and the units are told;
- ``remind``: units with reports still owed a few days before a cycle's due date, lead
  units of tasks whose deadline is near, units whose notice is due for reply;
- ``attention``: each supervisor's morning digest of what needs attention;
- ``refresh_dashboard``: the leaders' dashboard's summary tables, as of the day.
Every message has an event key, so running a job twice never repeats a message.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count
from django.utils.translation import gettext

from luoshi_web.registry import cycles
from luoshi_web.registry.models import AssignmentRole, CycleStatus, Report, ReportingCycle, ReportState, Task, TaskUnit
from luoshi_web.registry.status import AT_RISK, OVERDUE, status_filter
from luoshi_web.supervision import conf, dashboard, notices
from luoshi_web.supervision.inbox import notify, supervisors, unit_reporters
from luoshi_web.supervision.models import Notice, NoticeState
from luoshi_web.supervision.officialdoc import chinese_date


def escalate(today: date) -> int:
    done = notices.escalate_due(today)
    for notice in done:
        notices.announce(notice)
    return len(done)


def remind(today: date) -> int:
    sent = 0
    days_before = tuple(conf.get("LUOSHI_REMIND_DAYS"))
    # Report cycles whose due date is a reminder day away: every unit with a report still owed.
    for cycle in ReportingCycle.objects.filter(status=CycleStatus.OPEN):
        days = (cycle.due_date - today).days
        if days not in days_before:
            continue
        filed = set(
            Report.objects.filter(cycle=cycle, state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]).values_list(
                "task_id", "unit_id"
            )
        )
        owed: dict[int, int] = defaultdict(int)
        for task_id, unit_id, _role in cycles.expected_reports(cycle):
            if (task_id, unit_id) not in filed:
                owed[unit_id] += 1
        for unit_id, count in owed.items():
            sent += notify(
                unit_reporters(unit_id),
                key=f"cycle:{cycle.pk}:unit:{unit_id}:days:{days}",
                subject=gettext("%(cycle)s进展报告将于%(due)s截止，尚有%(n)s项未报送")
                % {"cycle": cycle.name, "due": chinese_date(cycle.due_date), "n": count},
            )
    # Task deadlines a reminder day away, to the lead units (one query per reminder day).
    for days in days_before:
        day = today + timedelta(days=days)
        leads = (
            TaskUnit.objects.filter(
                role=AssignmentRole.LEAD,
                unit__isnull=False,
                task__active=True,
                task__deadline=day,
                task__progress_verified=False,
            )
            .values("unit_id")
            .annotate(n=Count("task_id"))
        )
        for row in leads:
            sent += notify(
                unit_reporters(row["unit_id"]),
                key=f"deadline:{day.isoformat()}:unit:{row['unit_id']}",
                subject=gettext("%(n)s项牵头任务将于%(day)s到期") % {"n": row["n"], "day": chinese_date(day)},
            )
    # Notices awaiting a reply whose rectification due date is a reminder day away.
    for notice in Notice.objects.filter(state=NoticeState.OPEN).select_related("unit"):
        days = (notice.rectify_due - today).days
        if days in days_before:
            sent += notify(
                unit_reporters(notice.unit_id),
                key=f"notice:{notice.pk}:level:{notice.level}:days:{days}",
                subject=gettext("%(number)s的整改期限为%(due)s，尚未回复")
                % {"number": notice.number, "due": chinese_date(notice.rectify_due)},
            )
    return sent


def attention(today: date) -> int:
    """The supervisors' daily digest: overdue and at-risk tasks, notices past their due date unanswered."""
    tasks = Task.objects.filter(active=True)
    overdue = tasks.filter(status_filter(OVERDUE, today)).count()
    at_risk = tasks.filter(status_filter(AT_RISK, today)).count()
    unanswered = Notice.objects.filter(state=NoticeState.OPEN, rectify_due__lt=today).count()
    replied = Notice.objects.filter(state=NoticeState.REPLIED).count()
    return notify(
        supervisors(),
        key=f"digest:{today.isoformat()}",
        subject=gettext(
            "%(day)s需关注：逾期%(overdue)s项，滞后风险%(at_risk)s项，督办超期未复%(unanswered)s件，待审回复%(replied)s件"
        )
        % {
            "day": chinese_date(today),
            "overdue": overdue,
            "at_risk": at_risk,
            "unanswered": unanswered,
            "replied": replied,
        },
        link="/",
    )


def refresh_dashboard(today: date) -> int:
    """Recompute the dashboard's summary (after escalation, so its notices are today's); 1 when done."""
    dashboard.refresh(today)
    return 1


def run_all(today: date) -> dict[str, int]:
    return {
        "escalated": escalate(today),
        "reminders": remind(today),
        "digests": attention(today),
        "dashboard": refresh_dashboard(today),
    }
