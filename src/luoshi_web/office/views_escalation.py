"""The office's escalation schedule (升级规则): the ladder 提醒 → 督办 → 通报 → 约谈 and its days.

Thin over ``supervision.notices`` (``rules`` reads the schedule, ``set_rules`` checks, saves,
reschedules the open notices and audits, in one transaction). Only the supervision office
(and administrators) see or edit it; other roles get 403, an anonymous visitor the login page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from luoshi_web.office.access import actor, page
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Invalid
from luoshi_web.supervision import notices


def _days_field(level: str, what: str, low: int, high: int, initial: int) -> forms.IntegerField:
    """A whole number of days in [low, high]; every way of missing it gets the same plain message."""
    message = gettext("%(level)s的%(what)s应为 %(low)s 到 %(high)s 之间的整数") % {
        "level": level,
        "what": what,
        "low": low,
        "high": high,
    }
    return forms.IntegerField(
        label=f"{level}：{what}",
        min_value=low,
        max_value=high,
        initial=initial,
        widget=forms.NumberInput(attrs={"min": low, "max": high, "step": 1}),
        error_messages={key: message for key in ("required", "invalid", "min_value", "max_value", "step_size")},
    )


class EscalationForm(forms.Form):
    """Two numbers per level below the top: days unanswered before escalating, days to rectify after."""

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.levels = [row for row in rows if not row["top"]]
        for row in self.levels:
            level = row["level"]
            self.fields[f"wait_{level}"] = _days_field(
                row["label"], gettext("逾期未复升级天数"), 0, notices.MAX_WAIT_DAYS, row["wait_days"]
            )
            self.fields[f"reply_{level}"] = _days_field(
                row["label"], gettext("升级后整改天数"), 1, notices.MAX_REPLY_DAYS, row["reply_days"]
            )

    def changes(self) -> dict[int, tuple[int, int]]:
        d = self.cleaned_data
        return {row["level"]: (d[f"wait_{row['level']}"], d[f"reply_{row['level']}"]) for row in self.levels}

    def rows(self) -> list[dict[str, Any]]:
        """Each level with its two bound fields, for the table."""
        return [
            {**row, "wait": self[f"wait_{row['level']}"], "reply": self[f"reply_{row['level']}"]} for row in self.levels
        ]


@page
def escalation_rules(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    perm.require_manager(who)
    rows = notices.rules()
    form = EscalationForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            done = notices.set_rules(who, form.changes())
        except Invalid as exc:
            form.add_error(None, exc.message)
        else:
            if done["rules"]:
                messages.success(
                    request,
                    gettext("已保存 %(rules)s 级升级规则，%(notices)s 件未回复的督办按新规则重新计算升级日期") % done,
                )
            else:
                messages.info(request, gettext("升级规则没有变化"))
            return redirect("office:escalation")
    return render(
        request,
        "office/supervision/escalation.html",
        {"form": form, "rows": form.rows(), "top": rows[-1]},
        status=422 if form.errors else 200,
    )
