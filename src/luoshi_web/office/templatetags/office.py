"""Template helpers for the office pages: status and report-state badges, task names."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from luoshi_web.registry.models import AssignmentRole, ReportState
from luoshi_web.registry.status import LABELS

register = template.Library()


@register.simple_tag
def status_badge(status: str) -> str:
    return format_html('<span class="badge st-{}">{}</span>', status, LABELS.get(status, status))


@register.simple_tag
def state_badge(state: str) -> str:
    label = ReportState(state).label if state in ReportState.values else state
    return format_html('<span class="badge rs-{}">{}</span>', state, label)


@register.filter
def status_label(status: str) -> str:
    return str(LABELS.get(status, status))


@register.filter
def get(mapping, key):  # type: ignore[no-untyped-def]
    return mapping.get(key) if mapping is not None else None


UNITS_SHOWN = 4  # units named in a task list row; more are counted ("等 6 个单位")


@register.simple_tag
def unit_names(task) -> SafeString:  # type: ignore[no-untyped-def]
    """A task's units for a list row: the first few, the lead in bold, joined with 、, then how many.

    One Python call per row instead of a template loop with counters per unit: on a page of
    50 tasks that loop was the largest part of the list's rendering time.
    """
    units = list(task.assignments.all())
    names = [
        format_html("<strong>{}</strong>", a.name) if a.role == AssignmentRole.LEAD else conditional_escape(a.name)
        for a in units[:UNITS_SHOWN]
    ]
    text = "、".join(names)
    if len(units) > UNITS_SHOWN:
        text += " " + conditional_escape(gettext("等 %(n)s 个单位") % {"n": len(units)})
    return mark_safe(text)  # every part escaped above


@register.filter
def path_label(task) -> str:  # type: ignore[no-untyped-def]
    """The outline position as the document numbers it (["三", "五"] → 三·五)."""
    return "·".join(task.path) if task.path else task.path_key


COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "==": "=", "between": ""}


@register.filter
def comparator(code: str) -> str:
    """A target's comparator as a symbol (>= → ≥)."""
    return COMPARATORS.get(code, code)
