"""Template helpers for the office pages: status and report-state badges, task names."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
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


def _shown(value: Any) -> str:
    """``value`` as ``{{ value }}`` shows it: localized (dates, numbers), then escaped."""
    return conditional_escape(formats.localize(value))


LIST_TEXT_CHARS = 60  # ``truncatechars:60`` of the task list's row template this replaced
DOCKET_TEXT_CHARS = 70  # and ``truncatechars:70`` of the docket's
_PK_SENTINEL = 987654321  # reversed once per page; every row's task URL differs only in its id


def _truncated(text: str, length: int) -> str:
    """``text|truncatechars:length``: Truncator only when the text is longer (it NFC-normalises
    first, and a text of at most ``length`` characters comes back as that normal form)."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else Truncator(text).chars(length)


class _Once:
    """What the rows of one page repeat, formatted once a page: the task URL (reversed once; the
    rows' URLs differ only in the id), each status badge, date, percent and document name."""

    def __init__(self, none_date: str) -> None:
        head, _, tail = reverse("office:task", args=[_PK_SENTINEL]).rpartition(str(_PK_SENTINEL))
        self.url_head, self.url_tail = conditional_escape(head), conditional_escape(tail)
        self.badges: dict[str, str] = {}
        self.dates: dict[Any, str] = {None: none_date}
        self.percents: dict[Any, str] = {None: "—"}
        self.labels: dict[Any, str] = {}

    def url(self, pk: int) -> str:
        return f"{self.url_head}{pk}{self.url_tail}"

    def badge(self, status: str) -> str:
        if status not in self.badges:
            self.badges[status] = status_badge(status)
        return self.badges[status]

    def date(self, value: Any) -> str:
        if value not in self.dates:
            self.dates[value] = _shown(value)
        return self.dates[value]

    def percent(self, value: Any) -> str:
        if value not in self.percents:
            self.percents[value] = f"{_shown(value)}%"
        return self.percents[value]

    def label(self, key: Any, value: Any) -> str:
        if key not in self.labels:
            self.labels[key] = _shown(value)
        return self.labels[key]


@register.simple_tag
def task_list_rows(tasks, no_deadline: str) -> SafeString:  # type: ignore[no-untyped-def]
    """The rows of the task list (office/_task_table.html), the same HTML as the template loop
    they replace (tests/office/test_s4_list_rows.py compares them), built in one Python call:
    the loop resolved variables and ran filters one template node at a time (~0.1 ms a row,
    most of a 50-row page's rendering)."""
    once = _Once(f'<span class="muted">{conditional_escape(no_deadline)}</span>')
    parts = []
    for task in tasks:
        person = f' <span class="muted">· {conditional_escape(task.assignee_name)}</span>' if task.assignee_name else ""
        parts.append(
            f'\n<tr>\n  <td><a href="{once.url(task.pk)}">'
            f"{conditional_escape(path_label(task))} {conditional_escape(_truncated(task.text, LIST_TEXT_CHARS))}</a>"
            f"{person}</td>\n"
            f'  <td class="hide-narrow">{once.label(task.document_id, task.document)}</td>\n'
            f"  <td>{unit_names(task)}</td>\n"
            f"  <td>{once.date(task.deadline)}</td>\n"
            f"  <td>{once.badge(task.status)}</td>\n"
            f'  <td class="hide-narrow">{once.percent(task.latest_percent)}</td>\n</tr>\n'
        )
    return mark_safe("".join(parts))  # every value escaped above


@register.simple_tag
def docket_rows(tasks, lead_label: str, co_label: str) -> SafeString:  # type: ignore[no-untyped-def]
    """The rows of a unit's docket (office/docket.html; rows of ``queries.unit_docket_rows``), as
    :func:`task_list_rows` does for the list: the same HTML as the loop they replace."""
    once = _Once("—")
    lead = f"<strong>{conditional_escape(lead_label)}</strong>"
    co = conditional_escape(co_label)
    parts = []
    for task in tasks:
        parts.append(
            f'\n<tr><td><a href="{once.url(task.pk)}">'
            f"{conditional_escape(path_label(task))} {conditional_escape(_truncated(task.text, DOCKET_TEXT_CHARS))}</a>"
            f'<div class="muted">{once.label(task.document_id, task.document_label)}</div></td>\n'
            f"<td>{lead if task.unit_role == 'lead' else co}</td>\n"
            f"<td>{once.date(task.deadline)}</td><td>{once.badge(task.status)}</td>\n"
            f'<td class="hide-narrow">{once.percent(task.latest_percent)}</td></tr>\n'
        )
    return mark_safe("".join(parts))  # every value escaped above


COMPARATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "==": "=", "between": ""}


@register.filter
def comparator(code: str) -> str:
    """A target's comparator as a symbol (>= → ≥)."""
    return COMPARATORS.get(code, code)
