"""Which tasks a ledger or bulletin covers: the registry's task-list filters, for one actor.

The same filters as the registry's task list (unit, document, status, deadline
range, text), applied to the actor's visible tasks by the registry's own query
(``registry.queries.filter_tasks``), so a ledger and the task list never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from luoshi_web.registry.models import Role, Task
from luoshi_web.registry.permissions import Actor
from luoshi_web.registry.queries import TaskFilter, filter_tasks

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
    """Active tasks the actor may see under ``selection``, with ``status``, by deadline then id:
    the registry's own task-list query (``queries.filter_tasks``), without the list page's
    eager loading (a ledger reads plain rows)."""
    wanted = TaskFilter(
        unit=selection.unit,
        document=selection.document,
        status=selection.status or None,
        deadline_from=selection.deadline_from,
        deadline_to=selection.deadline_to,
        q=selection.q,
    )
    return filter_tasks(actor, wanted, today).select_related(None).prefetch_related(None)
