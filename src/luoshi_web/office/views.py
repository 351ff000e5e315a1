"""Each role's home page: what that person has to look at first (queries from ``registry.queries``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi_web.office.access import actor, page
from luoshi_web.registry import clock, queries
from luoshi_web.registry.models import CycleStatus, Role, Unit
from luoshi_web.registry.permissions import Actor
from luoshi_web.registry.status import AT_RISK, LABELS, OVERDUE, STATUSES

HOME_ROWS = 10
UNIT_ROWS = 30


def _open_cycles(who: Actor) -> list:  # type: ignore[type-arg]
    return list(queries.visible_cycles(who).filter(status=CycleStatus.OPEN))


def _supervisor(who: Actor) -> dict:  # type: ignore[type-arg]
    return {
        "summary": queries.task_summary(who),
        "overdue": queries.page(queries.filter_tasks(who, queries.TaskFilter(status=OVERDUE)), HOME_ROWS),
        "at_risk": queries.page(queries.filter_tasks(who, queries.TaskFilter(status=AT_RISK)), HOME_ROWS),
        "waiting": queries.page(queries.reports_to_review(who), 20),
        "unlinked": queries.page(queries.unresolved_names(who), HOME_ROWS),
        "cycles": _open_cycles(who),
    }


def _reporter(who: Actor) -> dict:  # type: ignore[type-arg]
    unit = Unit.objects.filter(pk=who.unit_id).first()
    if unit is None:
        return {"unit": None}
    return {
        "unit": unit,
        "docket": queries.page(queries.unit_docket(who, unit), 20),
        "open_reports": list(queries.open_reports(who)),
        "cycles": _open_cycles(who),
    }


def _leader(who: Actor) -> dict:  # type: ignore[type-arg]
    return {
        "summary": queries.task_summary(who),
        "by_document": queries.overview_by_document(who)[:UNIT_ROWS],
        "by_unit": queries.overview_by_unit(who)[:UNIT_ROWS],
        "status_labels": [(s, LABELS[s]) for s in STATUSES],
    }


def _expert(who: Actor) -> dict:  # type: ignore[type-arg]
    return {"assigned": list(queries.assigned_tasks(who))}


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
