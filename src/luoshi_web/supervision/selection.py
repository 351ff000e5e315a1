"""Which tasks a ledger or bulletin covers: the registry's task-list filters, for one actor.

The same filters as the registry's task list (unit, document, status, deadline
range, text), applied to the actor's visible tasks. Kept here rather than imported
from the API (features never import an interface); when the registry's own
domain query module lands (issue 8), this should become a call to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext

from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Role, Task, TaskUnit
from luoshi_web.registry.permissions import Actor, tasks_for
from luoshi_web.registry.status import STATUSES, status_filter, with_status

# The command line acts with every right, like an administrator at the server's console.
SYSTEM = Actor(user=None, role=Role.ADMIN)


@dataclass(frozen=True)
class TaskSelection:
    unit: int | None = None
    document: int | None = None
    status: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str = ""


def select_tasks(actor: Actor, selection: TaskSelection, today: date) -> QuerySet[Task]:
    """Active tasks the actor may see under ``selection``, with ``status``, by deadline then id."""
    tasks = with_status(tasks_for(actor), today).filter(active=True)
    if selection.unit is not None:
        tasks = tasks.filter(Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=selection.unit)))
    if selection.document is not None:
        tasks = tasks.filter(document_id=selection.document)
    if selection.deadline_from is not None:
        tasks = tasks.filter(due__gte=selection.deadline_from, deadline__isnull=False)
    if selection.deadline_to is not None:
        tasks = tasks.filter(due__lte=selection.deadline_to, deadline__isnull=False)
    if selection.q:
        tasks = tasks.filter(text__contains=selection.q)
    if selection.status:
        if selection.status not in STATUSES:
            raise Invalid(
                gettext("状态“%(value)s”无效，应为以下之一：%(allowed)s")
                % {"value": selection.status, "allowed": ", ".join(STATUSES)}
            )
        tasks = tasks.filter(status_filter(selection.status, today))
    return tasks.order_by("due", "id")
