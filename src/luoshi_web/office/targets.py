"""Targets: the list, one target's page with its trajectory chart, and recording an observation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from luoshi_web.office import chart
from luoshi_web.office.access import actor, page
from luoshi_web.office.forms import ObservationForm
from luoshi_web.registry import clock, observations, queries
from luoshi_web.registry.errors import Forbidden, Invalid

PAGE_SIZE = 50


@page
def target_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    targets = queries.visible_targets(who).select_related("document")
    result = queries.page(targets, PAGE_SIZE, request.GET.get("offset", 0))
    return render(request, "office/target_list.html", {"result": result})


@page
def target_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    who = actor(request)
    target = queries.get_target(who, target_id)
    may_record = observations.may_record(who, target)
    form = ObservationForm(request.POST or None, initial={"as_of": clock.today()})
    if request.method == "POST":
        if not may_record:
            raise Forbidden(gettext("只有督查室或此指标责任单位的填报账号可以报送监测值"))
        if form.is_valid():
            try:
                observations.record(who, target, today=clock.today(), **form.cleaned_data)
            except Invalid as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, gettext("监测值已记录"))
                return redirect("office:target", target_id=target.pk)
    progress = queries.target_progress(target)
    drawing = chart.build(
        [(o.as_of, o.value) for o in progress.observations], progress.goal, target.deadline, progress.projected
    )
    attainment = None if progress.attainment is None else round(progress.attainment * 100, 1)
    return render(
        request,
        "office/target_detail.html",
        {
            "target": target,
            "progress": progress,
            "chart": drawing,
            "attainment": attainment,
            "may_record": may_record,
            "form": form,
        },
    )
