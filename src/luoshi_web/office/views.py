"""Each role's home page: what that person has to look at first."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi_web.office.access import actor, page
from luoshi_web.registry import clock, queries
from luoshi_web.registry.models import CycleStatus, ReportState, ReviewAssignment, Role, TaskUnit, Unit
from luoshi_web.registry.permissions import Actor
from luoshi_web.registry.status import AT_RISK, LABELS, OVERDUE, STATUSES

HOME_ROWS = 10


def _open_cycles(who: Actor) -> list:  # type: ignore[type-arg]
    return list(queries.visible_cycles(who).filter(status=CycleStatus.OPEN))


def _supervisor(who: Actor) -> dict:  # type: ignore[type-arg]
    overdue = queries.filter_tasks(who, queries.TaskFilter(status=OVERDUE))
    at_risk = queries.filter_tasks(who, queries.TaskFilter(status=AT_RISK))
    waiting = queries.filter_reports(who, state=ReportState.SUBMITTED).order_by("submitted_at", "id")
    return {
        "summary": queries.task_summary(who),
        "overdue": queries.page(overdue, HOME_ROWS),
        "at_risk": queries.page(at_risk, HOME_ROWS),
        "waiting": queries.page(waiting, 20),
        "unlinked": queries.page(queries.unresolved_names(who), HOME_ROWS),
        "cycles": _open_cycles(who),
    }


def _reporter(who: Actor) -> dict:  # type: ignore[type-arg]
    unit = Unit.objects.filter(pk=who.unit_id).first()
    if unit is None:
        return {"unit": None}
    open_states = (ReportState.DRAFT, ReportState.RETURNED, ReportState.SUBMITTED)
    reports = queries.filter_reports(who, unit=unit.pk).filter(state__in=open_states, cycle__status=CycleStatus.OPEN)
    return {
        "unit": unit,
        "docket": queries.page(queries.unit_docket(who, unit), 20),
        "open_reports": list(reports.order_by("cycle__period_start", "task_id")),
        "cycles": _open_cycles(who),
    }


def _leader(who: Actor) -> dict:  # type: ignore[type-arg]
    tasks = queries.filter_tasks(who, queries.TaskFilter()).prefetch_related(None).order_by()
    by_document: dict[int, dict] = {}  # type: ignore[type-arg]
    for row in tasks.values("document_id", "document__doc_number", "document__title", "status").annotate(n=Count("id")):
        entry = by_document.setdefault(
            row["document_id"],
            {
                "id": row["document_id"],
                "name": row["document__doc_number"] or row["document__title"],
                "counts": dict.fromkeys(STATUSES, 0),
                "total": 0,
            },
        )
        entry["counts"][row["status"]] = row["n"]
        entry["total"] += row["n"]
    unit_rows = (
        TaskUnit.objects.filter(task__in=tasks.values("pk"), unit__isnull=False)
        .values("unit_id", "unit__name", "role")
        .annotate(n=Count("task_id", distinct=True))
        .order_by("unit__name")
    )
    by_unit: dict[int, dict] = {}  # type: ignore[type-arg]
    for row in unit_rows:
        entry = by_unit.setdefault(
            row["unit_id"], {"id": row["unit_id"], "name": row["unit__name"], "lead": 0, "co": 0}
        )
        entry[row["role"]] = row["n"]
    units = sorted(by_unit.values(), key=lambda u: (-(u["lead"] + u["co"]), u["name"]))
    return {
        "summary": queries.task_summary(who),
        "by_document": sorted(by_document.values(), key=lambda d: -d["total"]),
        "by_unit": units[:30],
        "status_labels": [(s, LABELS[s]) for s in STATUSES],
    }


def _expert(who: Actor) -> dict:  # type: ignore[type-arg]
    assigned = ReviewAssignment.objects.filter(expert=who.user).values("task_id")
    tasks = queries.visible_tasks(who).filter(pk__in=assigned).order_by("due", "id")
    evaluated = set(who.user.evaluations.values_list("task_id", flat=True))
    return {"assigned": list(tasks), "evaluated": evaluated}


@page
def home(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    context: dict = {"who": who, "today": clock.today()}  # type: ignore[type-arg]
    if who.manages:
        context.update(_supervisor(who), template="office/home_supervisor.html")
    elif who.role == Role.REPORTER:
        context.update(_reporter(who), template="office/home_reporter.html")
    elif who.role == Role.LEADER:
        context.update(_leader(who), template="office/home_leader.html")
    elif who.role == Role.EXPERT:
        context.update(_expert(who), template="office/home_expert.html")
    else:
        context["template"] = "office/home.html"
    return render(request, context["template"], context)
