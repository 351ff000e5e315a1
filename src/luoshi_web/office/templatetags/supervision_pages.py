"""The task page's 督办 include: ``{% load supervision_pages %}{% notice_ladder task %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from luoshi_web.office.access import actor
from luoshi_web.registry.audit_labels import label as action_label
from luoshi_web.registry.status import AT_RISK, OVERDUE
from luoshi_web.supervision import notices
from luoshi_web.supervision.models import Level

register = template.Library()


def model_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def _levels(entry: Any) -> tuple[str, str] | None:
    """(from, to) level names of an audit row that moved a notice up the ladder."""
    before, after = (entry.before or {}).get("level"), (entry.after or {}).get("level")
    if before in Level.values and after in Level.values and before != after:
        return Level(before).label, Level(after).label
    return None


@register.inclusion_tag("office/supervision/_task_ladder.html", takes_context=True)
def notice_ladder(context: template.Context, task: Any) -> dict[str, Any]:
    """Every step of the task's notices the viewer may see, and the issue button for the office."""
    request = context["request"]
    who = actor(request)
    steps = list(notices.ladder(who, task).prefetch_related("evidence"))
    # The ladder's audit rows, for the office (who reads the audit log), under the steps.
    trail = list(notices.task_audit(task)) if who.manages else []
    return {
        "task": task,
        "steps": steps,
        "audit": [
            {"entry": e, "label": action_label(e.action), "what": model_label(e.model), "levels": _levels(e)}
            for e in trail
        ],
        "can_issue": who.manages and task.active,
        "suggested": getattr(task, "status", None) in (OVERDUE, AT_RISK),
        "shown": bool(steps) or who.manages,
    }


@register.simple_tag
def task_list_link(filters: dict[str, Any], status: str | None = None) -> str:
    """The task list's URL for a dashboard cell's filters (and one status)."""
    from luoshi_web.office.views_supervision import task_list_url

    return task_list_url(filters, status)


@register.simple_tag
def get_count(row: dict[str, Any], status: str) -> int:
    return row["by_status"][status]


@register.simple_tag(takes_context=True)
def unread_messages(context: template.Context) -> int:
    """The signed-in person's unread inbox messages (the top bar's count)."""
    from luoshi_web.supervision.inbox import unread_count

    user = getattr(context.get("request"), "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0
