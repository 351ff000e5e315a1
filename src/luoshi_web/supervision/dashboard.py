"""The leaders' dashboard (领导驾驶舱) as numbers, for the page to draw.

Every count is computed in the database (GROUP BY with a conditional count per status,
the status conditions being the registry's own ``status_filter``), over the tasks the
actor may see, and every cell carries the task-list filter it stands for (``unit``,
``document``, ``status``), so a page links each number to the tasks behind it and the
list shows exactly that many (tested).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count

from luoshi_web.registry.models import Task
from luoshi_web.registry.permissions import Actor, require_user, tasks_for
from luoshi_web.registry.status import LABELS, STATUSES, status_filter
from luoshi_web.supervision.models import Level, NoticeState
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
