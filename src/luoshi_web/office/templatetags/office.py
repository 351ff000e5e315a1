"""Template helpers for the office pages: status and report-state badges, task names."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from luoshi_web.registry.models import ReportState
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


@register.filter
def path_label(task) -> str:  # type: ignore[no-untyped-def]
    """The outline position as the document numbers it (["三", "五"] → 三·五)."""
    return "·".join(task.path) if task.path else task.path_key


COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "==": "=", "between": ""}


@register.filter
def comparator(code: str) -> str:
    """A target's comparator as a symbol (>= → ≥)."""
    return COMPARATORS.get(code, code)
