"""Supervision pages: the 督办 ladder, the leaders' dashboard, the ledger, bulletins and the assessment.

Thin over ``luoshi_web.supervision`` (every rule, permission and write lives there) and
``registry.queries``. The domain's errors become HTTP as everywhere in the office: a notice
or task the actor may not see is a 404, a write the role may not make is a 403, bad input
is a form error or a message, never a traceback.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.office.forms import ISO_DATE, EvidenceField, TaskFilterForm
from luoshi_web.registry import clock, queries
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import Role, TaskUnit
from luoshi_web.registry.status import LABELS, STATUSES, status_of
from luoshi_web.supervision import assessment, bulletins, charts, dashboard, inbox, ledger, notices
from luoshi_web.supervision.models import Bulletin, BulletinState, Level, NoticeEvidence, NoticeState
from luoshi_web.supervision.notice_document import notice_docx
from luoshi_web.supervision.selection import TaskSelection

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_ROWS = 30  # bars per chart (the documents and units with the most tasks)
STATUS_COLOURS = {
    "completed": "#2e7d32",
    "in_progress": "#1565c0",
    "at_risk": "#ef6c00",
    "overdue": "#c62828",
    "not_started": "#9e9e9e",
}


def _require_supervision_reader(who: perm.Actor) -> None:
    """The notices list: the office and leaders read all, a reporter its unit's; other roles 403."""
    perm.require_user(who)
    if not who.reads_all and not (who.role == Role.REPORTER and who.unit_id is not None):
        raise PermissionDenied(gettext("您的角色不能查看督办事项"))


def _require_reads_all(who: perm.Actor) -> None:
    perm.require_user(who)
    if not who.reads_all:
        raise PermissionDenied(gettext("只有督查室和领导可以查看此页面"))


def _attachment(content: bytes, filename: str, content_type: str) -> FileResponse:
    return FileResponse(BytesIO(content), as_attachment=True, filename=filename, content_type=content_type)


# --- notices --------------------------------------------------------------------------------


class IssueForm(forms.Form):
    level = forms.TypedChoiceField(label=_("督办级别"), choices=Level.choices, coerce=int, initial=Level.REMIND)
    unit = forms.TypedChoiceField(label=_("主送单位"), coerce=int)
    rectify_due = forms.DateField(label=_("整改期限"), widget=ISO_DATE)
    reason = forms.CharField(label=_("督办事由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    requirement = forms.CharField(
        label=_("整改要求和回复要求"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    flagged = forms.BooleanField(
        label=_("标记为需督办"), required=False, help_text=_("任务未逾期、未滞后时，须标记并在事由中说明理由")
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    evidence = EvidenceField(label=_("佐证材料"), required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


@page
def notice_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    _require_supervision_reader(who)
    rows = notices.notices_for(who).select_related("task", "task__document", "unit")
    state = request.GET.get("state", "")
    if state in NoticeState.values:
        rows = rows.filter(state=state)
    elif state == "active":
        rows = rows.exclude(state=NoticeState.CLOSED)
    level = request.GET.get("level", "")
    if level.isdigit() and int(level) in Level.values:
        rows = rows.filter(level=int(level))
    return render(
        request,
        "office/supervision/notice_list.html",
        {
            "notices": list(rows.order_by("-issued_on", "-id")[:500]),
            "state": state,
            "level": level,
            "states": NoticeState.choices,
            "levels": Level.choices,
        },
    )


def _task_units(task: Any) -> list[tuple[int, str]]:
    rows = TaskUnit.objects.filter(task=task, unit__isnull=False).select_related("unit").order_by("position")
    seen: dict[int, str] = {}
    for row in rows:
        seen.setdefault(row.unit_id, row.unit.name)
    return list(seen.items())


@page
def notice_issue(request: HttpRequest, task_id: int) -> HttpResponse:
    who = actor(request)
    task = queries.get_task(who, task_id)  # 404 before 403: an unseen task stays unseen
    perm.require_manager(who)
    today = clock.today()
    units = _task_units(task)
    status = status_of(task, today)
    initial = {"rectify_due": today + timedelta(days=10), "unit": units[0][0] if units else None}
    form = IssueForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            notice = notices.issue(
                who,
                task,
                reason=d["reason"],
                requirement=d["requirement"],
                rectify_due=d["rectify_due"],
                unit_id=d["unit"],
                level=d["level"],
                flagged=d["flagged"],
                today=today,
            )
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("已下发 %(number)s") % {"number": notice.number})
            return redirect("office:notice", notice_id=notice.pk)
    return render(
        request,
        "office/supervision/notice_issue.html",
        {"task": task, "form": form, "status": status, "status_label": LABELS.get(status, status), "units": units},
        status=422 if form.errors else 200,
    )


def _detail(request: HttpRequest, notice: Any, reply_form: Any = None, decision_form: Any = None) -> HttpResponse:
    who = actor(request)
    steps = list(notice.steps.order_by("at", "id").prefetch_related("evidence"))
    can_reply = who.role == Role.REPORTER and who.unit_id == notice.unit_id and notice.state == NoticeState.OPEN
    manages = who.manages and notice.state != NoticeState.CLOSED
    return render(
        request,
        "office/supervision/notice_detail.html",
        {
            "notice": notice,
            "steps": steps,
            "can_reply": can_reply,
            "can_close": manages,
            "can_escalate": manages and notice.level < max(Level.values),
            "reply_form": reply_form or ReplyForm(),
            "decision_form": decision_form or DecisionForm(),
        },
        status=422 if (reply_form is not None or decision_form is not None) else 200,
    )


@page
def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    return _detail(request, notices.get_notice(actor(request), notice_id))


@require_POST
@page
def notice_reply(request: HttpRequest, notice_id: int) -> HttpResponse:
    who = actor(request)
    notice = notices.get_notice(who, notice_id)
    if who.role != Role.REPORTER or who.unit_id != notice.unit_id:
        raise PermissionDenied(gettext("只有主送单位的填报账号可以回复督办"))
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, notice, reply_form=form)
    files = [(f.name, f.read()) for f in form.cleaned_data.get("evidence") or []]
    try:
        notices.reply(who, notice, text=form.cleaned_data["text"], evidence=files)
    except (Invalid, Conflict) as exc:
        form.add_error(None, exc.message)
        return _detail(request, notice, reply_form=form)
    messages.success(request, gettext("已回复整改情况"))
    return redirect("office:notice", notice_id=notice.pk)


def _decide(request: HttpRequest, notice_id: int, escalate: bool) -> HttpResponse:
    who = actor(request)
    notice = notices.get_notice(who, notice_id)
    perm.require_manager(who)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, notice, decision_form=form)
    text = form.cleaned_data["text"]
    try:
        if escalate:
            notices.escalate(who, notice, reason=text)
        else:
            notices.close(who, notice, text=text)
    except (Invalid, Conflict) as exc:
        form.add_error(None, exc.message)
        return _detail(request, notice, decision_form=form)
    notice.refresh_from_db()
    if escalate:
        messages.success(
            request,
            gettext("已升级为%(level)s：%(number)s") % {"level": notice.get_level_display(), "number": notice.number},
        )
    else:
        messages.success(request, gettext("督办事项已办结"))
    return redirect("office:notice", notice_id=notice.pk)


@require_POST
@page
def notice_close(request: HttpRequest, notice_id: int) -> HttpResponse:
    return _decide(request, notice_id, escalate=False)


@require_POST
@page
def notice_escalate(request: HttpRequest, notice_id: int) -> HttpResponse:
    return _decide(request, notice_id, escalate=True)


@page
def notice_document(request: HttpRequest, notice_id: int) -> FileResponse:
    """The 督办单 of the notice's current level, or of one step (``?step=ID``)."""
    notice = notices.get_notice(actor(request), notice_id)
    step = None
    raw = request.GET.get("step", "")
    if raw:
        step = notice.steps.filter(pk=int(raw) if raw.isdigit() else 0).exclude(number="").first()
        if step is None:
            raise Http404
    content = notice_docx(notice, step)
    number = (step.number if step else notice.number) or str(notice.pk)
    return _attachment(content, f"{number}.docx", DOCX)


@page
def notice_evidence(request: HttpRequest, evidence_id: int) -> FileResponse:
    who = actor(request)
    evidence = NoticeEvidence.objects.filter(pk=evidence_id, step__notice__in=notices.notices_for(who)).first()
    if evidence is None:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


# --- leaders' dashboard ---------------------------------------------------------------------


def task_list_url(filters: dict[str, Any], status: str | None = None) -> str:
    query = {k: v for k, v in filters.items() if v not in (None, "")}
    if status:
        query["status"] = status
    return "/tasks/" + ("?" + urlencode(query) if query else "")


def _bars(rows: list[dict[str, Any]], labels: dict[str, str], name_key: str) -> dict[str, Any]:
    """A stacked horizontal bar per row (one segment per status), as SVG geometry in a 1000-wide box."""
    height, gap, label_w = 40, 14, 380.0
    bars = []
    for index, row in enumerate(rows):
        y = index * (height + gap)
        total = row["total"] or 0
        x = label_w
        segments = []
        for status in STATUSES:
            count = row["by_status"][status]
            if not count or not total:
                continue
            width = (1000 - label_w - 110) * count / total
            segments.append(
                {
                    "x": round(x, 3),
                    "w": round(width, 3),
                    "count": count,
                    "status": status,
                    "label": labels[status],
                    "colour": STATUS_COLOURS[status],
                    "url": task_list_url(row["filters"], status),
                }
            )
            x += width
        completed = row["by_status"]["completed"]
        bars.append(
            {
                "y": y,
                "text_y": y + height * 0.7,
                "end_x": round(x + 8, 3),
                "name": row[name_key] or "—",
                "total": total,
                "rate": round(100 * completed / total) if total else 0,
                "segments": segments,
                "url": task_list_url(row["filters"]),
            }
        )
    return {"bars": bars, "height": max(1, len(rows)) * (height + gap), "bar_h": height, "label_w": label_w}


def _level_bars(levels: list[dict[str, Any]]) -> dict[str, Any]:
    peak = max([lv["open"] for lv in levels] + [1])
    width, gap = 180, 60
    cols = []
    for index, lv in enumerate(levels):
        h = 220 * lv["open"] / peak
        x = 40 + index * (width + gap)
        cols.append({**lv, "x": x, "mid": x + width / 2, "y": 300 - h, "h": h, "w": width})
    return {"cols": cols}


def _punctuality_url(cycle_id: int, unit_id: int | None, outcome: str) -> str:
    query = {"unit": unit_id, "outcome": outcome} if unit_id is not None else {"outcome": outcome}
    return f"/dashboard/punctuality/{cycle_id}/?" + urlencode(query)


def _punctuality_panel(cycles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each cycle's totals and worst units, every number with the link to the tasks behind it."""
    columns = ("owed", *dashboard.OUTCOMES)

    def cells(row: Any, unit_id: int | None) -> list[dict[str, Any]]:
        return [
            {"key": c, "count": getattr(row, c) if row else 0, "url": _punctuality_url(cycle_id, unit_id, c)}
            for c in columns
        ]

    panel = []
    for entry in cycles:
        cycle_id = entry["cycle"].pk
        panel.append(
            {
                **entry,
                "cells": cells(entry["total"], None),
                "rows": [
                    {"unit": r.unit.name, "unit_id": r.unit_id, "cells": cells(r, r.unit_id)} for r in entry["units"]
                ],
            }
        )
    return panel


def _target_rows(rows: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "row": r,
            "percent": None if r.attainment is None else round(100 * r.attainment),
            "chart": charts.trajectory(r.points, r.goal),
        }
        for r in rows
    ]


@page
def leader_dashboard(request: HttpRequest) -> HttpResponse:
    """The stored summary (``dashboard.summary``); computed here only if none was ever made."""
    who = actor(request)
    _require_reads_all(who)
    today = clock.today()
    data = dashboard.summary(who)
    if data is None:  # a new installation: the daily job has not run yet (small, so compute now)
        dashboard.refresh(today)
        data = dashboard.summary(who)
    assert data is not None
    labels = data["status_labels"]
    totals = data["totals"]
    top_documents, top_units = data["by_document"][:CHART_ROWS], data["by_unit"][:CHART_ROWS]
    status_cells = [
        {
            "status": s,
            "label": labels[s],
            "count": totals["by_status"][s],
            "colour": STATUS_COLOURS[s],
            "url": task_list_url({}, s),
        }
        for s in STATUSES
    ]
    targets = data["targets"]
    return render(
        request,
        "office/supervision/dashboard.html",
        {
            "data": data,
            "today": today,
            "refresh": data["refresh"],
            "stale": data["refresh"].as_of != today,
            "total_url": task_list_url({}),
            "status_cells": status_cells,
            "documents": _bars(top_documents, labels, "document"),
            "units": _bars(top_units, labels, "unit"),
            "top_documents": top_documents,
            "top_units": top_units,
            "more_documents": data["refresh"].documents - len(top_documents),
            "more_units": data["refresh"].units - len(top_units),
            "levels": _level_bars(data["notices_by_level"]),
            "overdue": dashboard.attention_list(who, today, "overdue"),
            "at_risk": dashboard.attention_list(who, today, "at_risk"),
            "overdue_url": task_list_url({}, "overdue"),
            "at_risk_url": task_list_url({}, "at_risk"),
            "notices_url": "/notices/?state=active",
            "colours": STATUS_COLOURS,
            "labels": labels,
            "punctuality": _punctuality_panel(data["punctuality"]),
            "outcome_labels": {k: dashboard.OUTCOME_LABELS[k] for k in ("owed", *dashboard.OUTCOMES)},
            "target_states": [
                {**s, "url": "/dashboard/targets/?" + urlencode({"state": s["state"]})} for s in targets["by_state"]
            ],
            "targets_total": targets["total"],
            "targets_behind": _target_rows(targets["behind"]),
        },
    )


@require_POST
@page
def dashboard_refresh(request: HttpRequest) -> HttpResponse:
    """Recompute the dashboard now (the office; the daily job does it every morning)."""
    who = actor(request)
    perm.require_manager(who)
    done = dashboard.refresh(clock.today())
    messages.success(request, gettext("驾驶舱已重新统计（用时 %(s).1f 秒）") % {"s": done.seconds})
    return redirect("office:dashboard")


@page
def dashboard_punctuality(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The tasks behind one punctuality number: a cycle, a unit (or all), an outcome."""
    who = actor(request)
    _require_reads_all(who)
    cycle = queries.get_cycle(who, cycle_id)
    outcome = request.GET.get("outcome", "owed")
    if outcome not in dashboard.OUTCOME_LABELS:
        raise Http404(gettext("报送情况“%(value)s”无效") % {"value": outcome})
    unit_text = request.GET.get("unit", "")
    unit = queries.get_unit(who, unit_text) if unit_text else None
    today = clock.today()
    owed = dashboard.punctuality_reports(cycle, unit.pk if unit else None, outcome, today)
    result = queries.page(owed, 50, request.GET.get("offset", 0))
    base = {"outcome": outcome, **({"unit": unit.pk} if unit else {})}
    return render(
        request,
        "office/supervision/dashboard_punctuality.html",
        {
            "cycle": cycle,
            "unit": unit,
            "outcome": outcome,
            "outcome_label": dashboard.OUTCOME_LABELS[outcome],
            "result": result,
            "base_query": urlencode(base),
            "today": today,
        },
    )


@page
def dashboard_targets(request: HttpRequest) -> HttpResponse:
    """The targets behind one attainment number (from the stored summary), lowest attainment first."""
    who = actor(request)
    _require_reads_all(who)
    state = request.GET.get("state", "off_track")
    if state not in dashboard.TARGET_STATES:
        raise Http404(gettext("指标状态“%(value)s”无效") % {"value": state})
    result = queries.page(dashboard.targets_in_state(who, state), 50, request.GET.get("offset", 0))
    return render(
        request,
        "office/supervision/dashboard_targets.html",
        {
            "state": state,
            "state_label": dashboard.TARGET_STATE_LABELS[state],
            "rows": _target_rows(result.items),
            "result": result,
            "base_query": urlencode({"state": state}),
            "refresh": dashboard.latest_refresh(),
        },
    )


# --- ledger ---------------------------------------------------------------------------------


def _selection(request: HttpRequest, who: perm.Actor) -> tuple[TaskFilterForm, TaskSelection | None]:
    form = TaskFilterForm(request.GET or None, documents=queries.visible_documents(who))
    if form.is_bound and not form.is_valid():
        return form, None
    d = form.cleaned_data if form.is_bound else {}
    return form, TaskSelection(
        unit=d["unit"].pk if d.get("unit") else None,
        document=d["document"].pk if d.get("document") else None,
        status=d.get("status") or None,
        deadline_from=d.get("deadline_from"),
        deadline_to=d.get("deadline_to"),
        q=(d.get("q") or "").strip(),
    )


@page
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The task list's current filters as a 台账 .xlsx (same query parameters as /tasks/)."""
    who = actor(request)
    perm.require_user(who)
    form, selection = _selection(request, who)
    if selection is None:
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, gettext("筛选条件有误，未导出：%(errors)s") % {"errors": errors})
        return redirect("office:tasks")
    out = BytesIO()
    try:
        ledger.export(who, selection, clock.today(), out)
    except Invalid as exc:
        messages.error(request, exc.message)
        return redirect("office:tasks")
    name = gettext("督查台账") + f"-{clock.today().isoformat()}.xlsx"
    return _attachment(out.getvalue(), name, XLSX)


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("修改后的台账（.xlsx）"))


SESSION_KEY = "office_ledger_uploads"


STAGED_HOURS = 24  # an uploaded ledger nobody confirmed or discarded is removed after this


def _staging_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "ledger-staging"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sweep_staged() -> None:
    limit = time.time() - STAGED_HOURS * 3600
    for item in _staging_dir().glob("*.xlsx"):
        if item.stat().st_mtime < limit:
            item.unlink(missing_ok=True)


def _staged(request: HttpRequest, token: str) -> Path:
    if token not in request.session.get(SESSION_KEY, []) or not token.isalnum():
        raise Http404
    path = _staging_dir() / f"{token}.xlsx"
    if not path.exists():
        raise Http404
    return path


def _forget(request: HttpRequest, token: str) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    (_staging_dir() / f"{token}.xlsx").unlink(missing_ok=True)


@page
def ledger_import(request: HttpRequest) -> HttpResponse:
    """Upload an edited ledger: every row is checked and the diff shown (dry run) before anything applies."""
    who = actor(request)
    perm.require_manager(who)
    form = LedgerUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.LUOSHI_MAX_UPLOAD_BYTES:
            form.add_error("file", gettext("文件过大"))
        else:
            content = upload.read()
            try:
                result = ledger.import_ledger(who, content, dry_run=True)
            except ledger.LedgerInvalid as exc:
                form.add_error(None, exc.message)
                context["cell_errors"] = [str(e) for e in exc.errors]
            except Invalid as exc:
                form.add_error(None, exc.message)
            else:
                _sweep_staged()
                token = secrets.token_hex(16)
                (_staging_dir() / f"{token}.xlsx").write_bytes(content)
                request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-4:], token]
                context.update(result=result, changes=[str(c) for c in result.changes], token=token)
    status = 422 if form.errors else 200
    return render(request, "office/supervision/ledger_import.html", context, status=status)


@require_POST
@page
def ledger_apply(request: HttpRequest, token: str) -> HttpResponse:
    who = actor(request)
    perm.require_manager(who)
    path = _staged(request, token)
    if request.POST.get("action") == "discard":
        _forget(request, token)
        messages.info(request, gettext("已放弃此次导入"))
        return redirect("office:ledger_import")
    try:
        result = ledger.import_ledger(who, path.read_bytes())
    except ledger.LedgerInvalid as exc:
        messages.error(request, exc.message + "：" + "；".join(str(e) for e in exc.errors[:20]))
        return redirect("office:ledger_import")
    except (Invalid, Conflict) as exc:
        messages.error(request, exc.message)
        return redirect("office:ledger_import")
    _forget(request, token)
    messages.success(request, gettext("台账已导入：%(n)s 处修改") % {"n": len(result.changes)})
    return redirect("office:ledger_import")


# --- bulletins ------------------------------------------------------------------------------


class BulletinDraftForm(forms.Form):
    period = forms.CharField(
        label=_("期间"), max_length=10, help_text=_("如 2016Q2（季度）、2016H1（半年）、2016（全年）")
    )


class BulletinEditForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=500)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 10}), required=False)


@page
def bulletin_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    rows = list(bulletins.bulletins_for(who).order_by("-period_start", "-id"))
    form = BulletinDraftForm(request.POST or None)
    if request.method == "POST":
        perm.require_manager(who)
        if form.is_valid():
            try:
                bulletin = bulletins.draft(who, form.cleaned_data["period"].strip())
            except (Invalid, Conflict) as exc:
                form.add_error("period", exc.message)
            else:
                messages.success(request, gettext("已生成通报草稿"))
                return redirect("office:bulletin", bulletin_id=bulletin.pk)
    return render(
        request,
        "office/supervision/bulletin_list.html",
        {"bulletins": rows, "form": form},
        status=422 if form.errors else 200,
    )


def _bulletin(who: perm.Actor, bulletin_id: int) -> Bulletin:
    return perm.get_visible(bulletins.bulletins_for(who), bulletin_id, "bulletin")


@page
def bulletin_detail(request: HttpRequest, bulletin_id: int) -> HttpResponse:
    who = actor(request)
    bulletin = _bulletin(who, bulletin_id)
    draft = bulletin.state == BulletinState.DRAFT
    form = BulletinEditForm(request.POST or None, initial={"title": bulletin.title, "body": bulletin.body})
    if request.method == "POST":
        perm.require_manager(who)
        action = request.POST.get("action", "save")
        try:
            if action == "issue":
                bulletins.issue(who, bulletin)
                messages.success(request, gettext("通报已印发：%(number)s") % {"number": bulletin.number})
                return redirect("office:bulletin", bulletin_id=bulletin.pk)
            if form.is_valid():
                bulletins.edit(who, bulletin, title=form.cleaned_data["title"], body=form.cleaned_data["body"])
                messages.success(request, gettext("草稿已保存"))
                return redirect("office:bulletin", bulletin_id=bulletin.pk)
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
    return render(
        request,
        "office/supervision/bulletin_detail.html",
        {"bulletin": bulletin, "form": form, "can_edit": draft and who.manages, "data": bulletin.data},
        status=422 if form.errors else 200,
    )


@page
def bulletin_download(request: HttpRequest, bulletin_id: int) -> FileResponse:
    bulletin = _bulletin(actor(request), bulletin_id)
    content = bulletins.document_bytes(bulletin)
    name = (bulletin.number or bulletin.title or bulletin.period) + ".docx"
    return _attachment(content, name, DOCX)


# --- assessment -----------------------------------------------------------------------------


@page
def assessment_page(request: HttpRequest, year: int | None = None) -> HttpResponse:
    who = actor(request)
    _require_reads_all(who)
    if year is None:
        return redirect("office:assessment_year", year=clock.today().year)
    if not 2000 <= year <= 2100:
        raise Http404
    scheme = assessment.scheme_for(year)
    try:
        rows = assessment.compute(year)
    except Invalid as exc:
        rows = []
        messages.error(request, exc.message)
    return render(
        request,
        "office/supervision/assessment.html",
        {
            "year": year,
            "scheme": scheme,
            "rows": rows,
            "closed": scheme.closed_at is not None,
            "components": [(key, label) for key, _f, label in assessment.COMPONENTS],
            "years": [year - 1, year + 1],
        },
    )


@require_POST
@page
def assessment_close(request: HttpRequest, year: int) -> HttpResponse:
    who = actor(request)
    _require_reads_all(who)
    perm.require_manager(who)
    if request.POST.get("confirm") != "yes":
        messages.error(request, gettext("请勾选确认后再关闭年度考核"))
        return redirect("office:assessment_year", year=year)
    try:
        assessment.close_year(who, year)
    except (Invalid, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("%(year)s年度考核已关闭，结果已冻结") % {"year": year})
    return redirect("office:assessment_year", year=year)


@page
def assessment_download(request: HttpRequest, year: int, kind: str) -> FileResponse:
    who = actor(request)
    _require_reads_all(who)
    if kind not in ("xlsx", "docx"):
        raise Http404
    name = gettext("%(year)s年度目标绩效考核") % {"year": year}
    if kind == "docx":
        return _attachment(assessment.export_docx(year), name + ".docx", DOCX)
    out = BytesIO()
    assessment.export(year, out)
    return _attachment(out.getvalue(), name + ".xlsx", XLSX)


# --- inbox ----------------------------------------------------------------------------------


@page
def inbox_page(request: HttpRequest) -> HttpResponse:
    """The signed-in person's messages (notices, reminders, digests), unread first."""
    perm.require_user(actor(request))
    unread_only = request.GET.get("unread") == "1"
    rows = list(inbox.inbox(request.user, unread_only=unread_only).order_by("-created_at", "-id")[:200])
    return render(
        request,
        "office/supervision/inbox.html",
        {"inbox": rows, "unread_only": unread_only, "unread": inbox.unread_count(request.user)},
    )


@require_POST
@page
def inbox_read(request: HttpRequest, message_id: int) -> HttpResponse:
    """Mark one message read (``read=0``: unread again); open its link when asked to."""
    perm.require_user(actor(request))
    message = inbox.mark_read(request.user, message_id, read=request.POST.get("read", "1") != "0")
    if request.POST.get("open") == "1" and message.link.startswith("/") and not message.link.startswith("//"):
        return redirect(message.link)
    return redirect("office:inbox")


@require_POST
@page
def inbox_read_all(request: HttpRequest) -> HttpResponse:
    perm.require_user(actor(request))
    count = inbox.mark_all_read(request.user)
    messages.success(request, gettext("已将 %(n)s 条消息标为已读") % {"n": count})
    return redirect("office:inbox")
