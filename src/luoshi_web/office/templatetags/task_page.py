"""The task page's and home pages' includes for sub-tasks (明确到人) and the expert's evaluation.

``{% load task_page %}{% subtask_panel task subtasks %}`` on the task page: the sub-tasks with
their people and deadlines, the form to add one for those who may (the office, the lead
unit's reporter), edit links; ``{% evaluation_link task %}``: the assigned expert's way to the
evaluation form; ``{% my_subtasks %}`` on a reporter's home: the sub-tasks naming their account.
"""

from __future__ import annotations

from typing import Any

from django import template

from luoshi_web.office.access import actor
from luoshi_web.registry import queries, subtasks
from luoshi_web.registry.models import ReviewAssignment, Role

register = template.Library()


@register.inclusion_tag("office/_subtasks.html", takes_context=True)
def subtask_panel(context: template.Context, task: Any, rows: Any) -> dict[str, Any]:
    from luoshi_web.office.views_subtasks import new_form

    who = actor(context["request"])
    can_split = subtasks.may_split(who, task)
    rows = list(rows or [])
    return {
        "task": task,
        "rows": [(s, subtasks.may_manage(who, s, task)) for s in rows],
        "form": new_form(who, task) if can_split else None,
        "can_split": can_split,
        "csrf_token": context.get("csrf_token"),
        "shown": bool(rows) or can_split or task.parent_id is not None,
    }


@register.inclusion_tag("office/_evaluation_link.html", takes_context=True)
def evaluation_link(context: template.Context, task: Any) -> dict[str, Any]:
    who = actor(context["request"])
    assigned = who.role == Role.EXPERT and ReviewAssignment.objects.filter(task=task, expert=who.user).exists()
    return {"task": task, "assigned": assigned}


@register.inclusion_tag("office/_my_subtasks.html", takes_context=True)
def my_subtasks(context: template.Context) -> dict[str, Any]:
    who = actor(context["request"])
    return {"tasks": list(queries.person_subtasks(who).select_related("parent")[:50])}
