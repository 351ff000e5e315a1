"""Progress facts kept on each task, in step with its reports.

A task's status (see ``status``) depends on three facts taken from its
reports: whether the supervisor accepted a final report that carries evidence,
whether any report was submitted, and the completion percent of the latest lead
report. They used to be correlated subqueries evaluated for every row of every
list; at national scale (a million tasks, millions of reports) PostgreSQL then
hashes the whole report table for each page, so a list slowed down as the
registry grew. Stored on the task, the facts turn status into a plain column
expression that lists can filter and sort through the deadline index.

The facts are derived here and only here, from reports and evidence, on every
save or delete of either (model signals, so the API, the admin site and the
importer are all covered); ``Task.save`` never writes them. Nobody types them.
``refresh()`` with no argument recomputes every task (after a bulk load).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, Model, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save

from luoshi_web.registry.models import Evidence, Report, ReportKind, ReportState, Task

# A report counts as progress once submitted; a returned or draft one does not.
_COUNTING_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def fact_expressions(report_model: type[Model], evidence_model: type[Model]) -> dict[str, Any]:
    """The three facts as SQL expressions over a task row (``OuterRef("pk")`` is the task).

    Takes the models as parameters so the data migration that first filled the
    columns computes them the same way with its historical models.
    """
    reports = report_model._default_manager  # type: ignore[attr-defined]
    evidence = evidence_model._default_manager  # type: ignore[attr-defined]
    verified_final = reports.filter(task=OuterRef("pk"), is_final=True, state=ReportState.ACCEPTED).filter(
        Exists(evidence.filter(report=OuterRef("pk")))
    )
    counting = reports.filter(task=OuterRef("pk"), state__in=_COUNTING_STATES)
    latest_lead = (
        counting.filter(kind=ReportKind.LEAD)
        .order_by("-cycle__period_end", "-submitted_at", "-id")
        .values("percent")[:1]
    )
    return {
        "progress_verified": Exists(verified_final),
        "progress_reported": Exists(counting),
        "latest_percent": Subquery(latest_lead),
    }


def refresh(task_ids: Iterable[int] | None = None) -> int:
    """Recompute the facts of these tasks (every task when None); returns the rows updated."""
    tasks = Task.objects.all()
    if task_ids is not None:
        ids = sorted(set(task_ids))
        if not ids:
            return 0
        tasks = tasks.filter(pk__in=ids)
    return tasks.update(**fact_expressions(Report, Evidence))


def _report_changed(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # raw: loaddata (restore) writes the stored facts together with the task rows.
    if not raw:
        refresh([instance.task_id])


def _evidence_changed(sender: type[Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    # On a cascade from a deleted report the report row may be gone already;
    # that report's own delete signal refreshes the task.
    refresh(Report.objects.filter(pk=instance.report_id).values_list("task_id", flat=True))


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_report_changed, sender=Report, dispatch_uid=f"progress-report-{signal is post_save}")
        signal.connect(_evidence_changed, sender=Evidence, dispatch_uid=f"progress-evidence-{signal is post_save}")
