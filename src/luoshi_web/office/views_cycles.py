"""Reporting cycles: open a quarter, see late and missing reports as of today, close (confirming early).

Thin over ``registry.cycles`` (open, close with ``confirm_early``, the closing snapshot) and
``registry.queries`` (compliance as of today). The office manages; leaders read; others 403.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.registry import clock, cycles, queries
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import CycleStatus, Task, Unit


class OpenCycleForm(forms.Form):
    day = forms.DateField(
        label=_("季度内任一日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("开启这一天所在的季度；或填写下面的起止日期"),
    )
    period_start = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("名称"), required=False, max_length=50)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if bool(start) != bool(end):
            raise forms.ValidationError(gettext("自定义周期须同时填写起始日期和截止日期"))
        if start and end and end < start:
            self.add_error("period_end", gettext("截止日期早于起始日期"))
        if not start and not data.get("day"):
            raise forms.ValidationError(gettext("请填写季度内任一日期，或起止日期"))
        return data


def _require_reader(who: perm.Actor) -> None:
    perm.require_user(who)
    if not who.reads_all:
        raise PermissionDenied(gettext("只有督查室和领导可以查看填报周期的报送情况"))


@page
def cycle_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    _require_reader(who)
    form = OpenCycleForm(initial={"day": clock.today()})
    if request.method == "POST":
        perm.require_manager(who)
        form = OpenCycleForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if d["period_start"]:
                    cycle = cycles.open_cycle(
                        who, period_start=d["period_start"], period_end=d["period_end"], name=d["name"].strip()
                    )
                else:
                    cycle = cycles.open_quarter(who, d["day"])
            except (Conflict, Invalid) as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, gettext("已开启填报周期 %(name)s") % {"name": cycle.name})
                return redirect("office:cycle", cycle_id=cycle.pk)
    rows = list(queries.visible_cycles(who).order_by("-period_start"))
    return render(
        request,
        "office/cycle_list.html",
        {"cycles": rows, "form": form, "today": clock.today()},
        status=422 if form.errors else 200,
    )


def _named(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tasks = {t.pk: t for t in Task.objects.filter(pk__in={e["task_id"] for e in entries}).select_related("document")}
    units = dict(Unit.objects.filter(pk__in={e["unit_id"] for e in entries}).values_list("pk", "name"))
    return [{**e, "task": tasks.get(e["task_id"]), "unit": units.get(e["unit_id"], "—")} for e in entries]


@page
def cycle_detail(request: HttpRequest, cycle_id: int, confirm: bool = False) -> HttpResponse:
    who = actor(request)
    _require_reader(who)
    cycle = queries.get_cycle(who, cycle_id)
    today = clock.today()
    if cycle.status == CycleStatus.OPEN:
        state = queries.cycle_compliance(who, cycle, today)
        late, missing = state["late"], state["missing"]
    else:
        snapshot = cycle.snapshot or {}
        late, missing = snapshot.get("late", []), snapshot.get("missing", [])
    return render(
        request,
        "office/cycle_detail.html",
        {
            "cycle": cycle,
            "today": today,
            "late": _named(late),
            "missing": _named(missing),
            "early": today <= cycle.due_date,
            "confirm": confirm,
            "can_manage": who.manages,
        },
    )


@require_POST
@page
def cycle_close(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Close; before the due date the first POST asks for confirmation, the second (confirmed) closes."""
    who = actor(request)
    cycle = queries.get_cycle(who, cycle_id)
    perm.require_manager(who)
    confirmed = request.POST.get("confirm_early") == "yes"
    try:
        cycles.close(who, cycle, today=clock.today(), confirm_early=confirmed)
    except Conflict as exc:
        if exc.code == "confirm_required":
            messages.warning(request, exc.message)
            return cycle_detail.__wrapped__(request, cycle_id, confirm=True)  # type: ignore[attr-defined]
        messages.error(request, exc.message)
        return redirect("office:cycle", cycle_id=cycle.pk)
    messages.success(request, gettext("填报周期 %(name)s 已关闭，报送情况已存档") % {"name": cycle.name})
    return redirect("office:cycle", cycle_id=cycle.pk)
