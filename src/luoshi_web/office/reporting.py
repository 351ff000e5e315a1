"""The report form (unit reporters) and the review screen (supervision office)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from luoshi_web.office.access import actor, page
from luoshi_web.office.forms import AcceptForm, ReportForm, ReturnForm
from luoshi_web.registry import cycles, evidence, queries
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import AssignmentRole, CycleStatus, Report, ReportingCycle, ReportState
from luoshi_web.registry.timeline import report_timeline

SUBMIT = "submit"


def _cycle_for(request: HttpRequest, who: perm.Actor) -> ReportingCycle:
    """The cycle named by ``?cycle=``, else the latest open one; 404 when none is open."""
    open_cycles = queries.visible_cycles(who).filter(status=CycleStatus.OPEN)
    wanted = request.POST.get("cycle") or request.GET.get("cycle")
    if wanted:
        return perm.get_visible(open_cycles, wanted, "cycle")
    cycle = open_cycles.order_by("-period_start").first()
    if cycle is None:
        raise Http404(gettext("当前没有进行中的填报周期"))
    return cycle


@page
def report_form(request: HttpRequest, task_id: int) -> HttpResponse:
    who = actor(request)
    task = queries.get_task(who, task_id)
    unit_id = perm.require_reporter_for(who, task)  # a leader, expert or the office: 403
    cycle = _cycle_for(request, who)
    assignment = task.assignments.filter(unit_id=unit_id).order_by("position").first()
    lead = assignment is not None and assignment.role == AssignmentRole.LEAD
    report = Report.objects.filter(task=task, unit_id=unit_id, cycle=cycle).first()
    if report is not None and report.state not in cycles.EDITABLE_STATES:
        messages.info(request, gettext("此报告%(state)s，不能再修改") % {"state": report.get_state_display()})
        return redirect("office:report", report_id=report.pk)
    initial = {"version": cycles.report_version(report)}
    if report is not None:
        initial.update({name: getattr(report, name) for name in cycles.REPORT_FIELDS})
    form = ReportForm(request.POST or None, request.FILES or None, initial=initial, lead=lead)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submitting = request.POST.get("action") == SUBMIT
        if submitting and not data["progress"].strip():
            form.add_error("progress", gettext("报送前请填写工作进展"))
        else:
            fields = {name: data[name] for name in cycles.REPORT_FIELDS if name in data}
            if "is_final" not in data:
                fields["is_final"] = False
            try:
                with transaction.atomic():
                    saved = cycles.save_report(who, task, cycle, version=data["version"], **fields)
                    for upload in data["evidence"]:
                        evidence.attach(who, saved, upload)
                    if submitting:
                        cycles.submit(who, saved)
            except Conflict as exc:
                form.add_error(None, exc.message)
                if exc.code == "stale":  # show the form again against the current report
                    current = Report.objects.filter(task=task, unit_id=unit_id, cycle=cycle).first()
                    form.data = form.data.copy()
                    form.data["version"] = cycles.report_version(current)
                    report = current
            except Invalid as exc:
                form.add_error(None, exc.message)
            else:
                if submitting:
                    messages.success(request, gettext("报告已报送，等待督查室审核"))
                else:
                    messages.success(request, gettext("草稿已保存"))
                return redirect("office:report", report_id=saved.pk)
    return render(
        request,
        "office/report_form.html",
        {
            "task": task,
            "cycle": cycle,
            "form": form,
            "report": report,
            "lead": lead,
            "timeline": report_timeline(report) if report is not None else [],
            "allowed_types": evidence.allowed_extensions(),
        },
    )


def _review_forms(report: Report, data=None, which: str | None = None):  # type: ignore[no-untyped-def]
    version = cycles.report_version(report)
    needs = report.is_final
    accept_form = AcceptForm(
        data if which == "accept" else None, initial={"version": version}, needs_verification=needs
    )
    return_form = ReturnForm(data if which == "return" else None, initial={"version": version})
    return accept_form, return_form


@page
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report, its evidence and its history; for the office, the review forms."""
    who = actor(request)
    report = queries.get_report(who, report_id)
    accept_form, return_form = _review_forms(report)
    return _render_report(request, who, report, accept_form, return_form)


def _render_report(request, who, report, accept_form, return_form, status=200):  # type: ignore[no-untyped-def]
    can_review = who.manages and report.state == ReportState.SUBMITTED and report.cycle.status == CycleStatus.OPEN
    can_edit = (
        who.unit_id == report.unit_id
        and report.state in cycles.EDITABLE_STATES
        and report.cycle.status == CycleStatus.OPEN
    )
    return render(
        request,
        "office/report_detail.html",
        {
            "report": report,
            "task": report.task,
            "evidence": list(report.evidence.all()),
            "timeline": report_timeline(report),
            "can_review": can_review,
            "can_edit": can_edit,
            "accept_form": accept_form,
            "return_form": return_form,
        },
        status=status,
    )


@page
def review(request: HttpRequest, report_id: int) -> HttpResponse:
    """POST only: accept (after verifying the evidence of a final report) or return with a reason."""
    who = actor(request)
    report = queries.get_report(who, report_id)  # not visible: 404
    perm.require_manager(who)  # visible but read-only (leader, reporter, expert): 403
    if request.method != "POST":
        return redirect("office:report", report_id=report.pk)
    which = "return" if request.POST.get("action") == "return" else "accept"
    accept_form, return_form = _review_forms(report, request.POST, which)
    form = return_form if which == "return" else accept_form
    if form.is_valid():
        try:
            with transaction.atomic():
                if which == "return":
                    cycles.return_report(who, report, form.cleaned_data["reason"], version=form.cleaned_data["version"])
                else:
                    cycles.accept(who, report, version=form.cleaned_data["version"])
        except (Conflict, Invalid) as exc:
            messages.error(request, exc.message)  # shown even when the review forms no longer apply
            if getattr(exc, "code", "") == "stale":  # the next click acts on the report as it is now
                form.data = form.data.copy()
                form.data["version"] = cycles.report_version(Report.objects.get(pk=report.pk))
        else:
            if which == "return":
                messages.success(request, gettext("报告已退回，退回原因已通知填报单位"))
            else:
                messages.success(request, gettext("报告已审核通过"))
            return redirect("office:report", report_id=report.pk)
    report = queries.get_report(who, report_id)
    return _render_report(request, who, report, accept_form, return_form, status=200)
