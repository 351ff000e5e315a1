"""Reporting cycles, reports (file, submit, accept, return) and their evidence."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from luoshi_web.registry import audit, clock, cycles, queries, serialize
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.auth import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import (
    CycleDetailOut,
    CycleIn,
    CycleOut,
    ErrorOut,
    Page,
    ReportIn,
    ReportOut,
    ReportPatch,
    ReturnIn,
)
from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import Evidence, Report

router = Router(tags=["reporting"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/cycles", response={200: list[CycleOut], **ERRORS})
def list_cycles(request: HttpRequest):
    who = actor(request)
    perm.require_user(who)
    return [serialize.cycle(c) for c in queries.visible_cycles(who)]


@router.post("/cycles", response={201: CycleOut, **ERRORS})
def create_cycle(request: HttpRequest, body: CycleIn):
    who = actor(request)
    if body.quarter_of is not None:
        cycle = cycles.open_quarter(who, body.quarter_of)
    elif body.period_start is not None and body.period_end is not None:
        cycle = cycles.open_cycle(who, period_start=body.period_start, period_end=body.period_end, name=body.name)
    else:
        perm.require_manager(who)
        raise Invalid(gettext("请给出 quarter_of（季度内任一日期），或同时给出 period_start 和 period_end"))
    return Status(201, serialize.cycle(cycle))


@router.get("/cycles/{cycle_id}", response={200: CycleDetailOut, **ERRORS})
def get_cycle(request: HttpRequest, cycle_id: int):
    who = actor(request)
    cycle = queries.get_cycle(who, cycle_id)
    found = queries.cycle_compliance(who, cycle)
    return {**serialize.cycle(cycle), **found, "snapshot": cycle.snapshot if who.reads_all else None}


class CloseIn(Schema):
    confirm_early: bool = False


@router.post("/cycles/{cycle_id}/close", response={200: CycleOut, **ERRORS})
def close_cycle(request: HttpRequest, cycle_id: int, body: CloseIn | None = None):
    """Close the cycle and freeze its snapshot (with what is missing at closing).

    Before the cycle's due date this answers 409 ``confirm_required`` unless the body
    says ``{"confirm_early": true}``.
    """
    who = actor(request)
    cycle = queries.get_cycle(who, cycle_id)
    confirm = body.confirm_early if body is not None else False
    return serialize.cycle(cycles.close(who, cycle, today=clock.today(), confirm_early=confirm))


@router.get("/reports", response={200: Page[ReportOut], **ERRORS})
def list_reports(
    request: HttpRequest,
    task: int | None = None,
    cycle: int | None = None,
    unit: int | None = None,
    state: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    reports = queries.filter_reports(actor(request), task=task, cycle=cycle, unit=unit, state=state)
    return page(reports, limit, offset, serialize.report)


@router.post("/reports", response={201: ReportOut, **ERRORS})
def create_report(request: HttpRequest, body: ReportIn):
    who = actor(request)
    perm.require_user(who)
    task = perm.get_visible(perm.tasks_for(who), body.task_id, "task")
    cycle = queries.get_cycle(who, body.cycle_id)
    fields = body.dict(exclude={"task_id", "cycle_id"})
    report = cycles.save_report(who, task, cycle, **fields)
    return Status(201, serialize.report(queries.get_report(who, report.pk)))


@router.get("/reports/{report_id}", response={200: ReportOut, **ERRORS})
def get_report(request: HttpRequest, report_id: int):
    return serialize.report(queries.get_report(actor(request), report_id))


@router.patch("/reports/{report_id}", response={200: ReportOut, **ERRORS})
def patch_report(request: HttpRequest, report_id: int, body: ReportPatch):
    who = actor(request)
    report = queries.get_report(who, report_id)
    cycles.edit_report(who, report, **body.dict(exclude_unset=True))
    return serialize.report(queries.get_report(who, report_id))


@router.post("/reports/{report_id}/submit", response={200: ReportOut, **ERRORS})
def submit_report(request: HttpRequest, report_id: int):
    who = actor(request)
    cycles.submit(who, queries.get_report(who, report_id))
    return serialize.report(queries.get_report(who, report_id))


@router.post("/reports/{report_id}/accept", response={200: ReportOut, **ERRORS})
def accept_report(request: HttpRequest, report_id: int):
    who = actor(request)
    cycles.accept(who, queries.get_report(who, report_id))
    return serialize.report(queries.get_report(who, report_id))


@router.post("/reports/{report_id}/return", response={200: ReportOut, **ERRORS})
def return_report(request: HttpRequest, report_id: int, body: ReturnIn):
    who = actor(request)
    cycles.return_report(who, queries.get_report(who, report_id), body.reason)
    return serialize.report(queries.get_report(who, report_id))


@router.post("/reports/{report_id}/evidence", response={201: ReportOut, **ERRORS})
def upload_evidence(request: HttpRequest, report_id: int, file: File[UploadedFile]):
    who = actor(request)
    report = queries.get_report(who, report_id)
    unit_id = perm.require_reporter_for(who, report.task)
    if report.unit_id != unit_id:
        raise Forbidden(gettext("此报告属于其他单位"))
    cycles.require_editable(report)
    if file.size is None or file.size > settings.LUOSHI_MAX_UPLOAD_BYTES:
        raise Invalid(gettext("佐证材料文件过大（上限 %(limit)s 字节）") % {"limit": settings.LUOSHI_MAX_UPLOAD_BYTES})
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    with audit.action("evidence.upload"):
        Evidence.objects.create(
            report=report,
            file=file,
            original_name=(file.name or "evidence")[:255],
            sha256=digest.hexdigest(),
            size=file.size,
            uploaded_by=who.user,
        )
    return Status(201, serialize.report(queries.get_report(who, report_id)))


@router.get("/evidence/{evidence_id}")
def download_evidence(request: HttpRequest, evidence_id: int):
    """Evidence files are only served through here, after the same visibility check as their report."""
    evidence = perm.get_visible(perm.evidence_for(actor(request)), evidence_id, "evidence")
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name)


__all__ = ["Report", "router"]
