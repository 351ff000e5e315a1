"""Task list, unit docket, task page and evidence download."""

from __future__ import annotations

from urllib.parse import urlencode

from django.apps import apps
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi_web.office.access import actor, page
from luoshi_web.office.forms import TaskFilterForm
from luoshi_web.registry import clock, queries
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.audit_labels import label as action_label
from luoshi_web.registry.corrections import reading_for
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AssignmentRole, CycleStatus, Role, Task, Unit

PAGE_SIZE = 50
CONTEXT_ITEMS = 2  # outline items shown before and after a task on its page


def _query_without(request: HttpRequest, *drop: str) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k not in drop and v != ""])


@page
def task_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    form = TaskFilterForm(request.GET or None, documents=queries.visible_documents(who))
    result = None
    if form.is_bound and not form.is_valid():
        result = None
    else:
        data = form.cleaned_data if form.is_bound else {}
        task_filter = queries.TaskFilter(
            unit=data["unit"].pk if data.get("unit") else None,
            document=data["document"].pk if data.get("document") else None,
            status=data.get("status") or None,
            deadline_from=data.get("deadline_from"),
            deadline_to=data.get("deadline_to"),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or queries.DEFAULT_SORT,
        )
        try:
            tasks = queries.task_rows(queries.filter_tasks(who, task_filter))
            result = queries.page(tasks, PAGE_SIZE, request.GET.get("offset", 0))
        except Invalid as exc:
            form.add_error(None, exc.message)
        form.shown_as_names()
    return render(
        request,
        "office/task_list.html",
        {"form": form, "result": result, "base_query": _query_without(request, "offset")},
    )


@page
def docket(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    """A unit's tasks: a reporter's own unit; the office and leaders may open any unit's."""
    who = actor(request)
    if unit_id is None:
        if who.unit_id is None:
            raise Http404
        unit_id = who.unit_id
    elif not who.reads_all and unit_id != who.unit_id:
        raise Http404
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    result = queries.page(queries.unit_docket_rows(who, unit), PAGE_SIZE, request.GET.get("offset", 0))
    return render(request, "office/docket.html", {"unit": unit, "result": result})


SOURCE_CONTEXT_CHARS = 180  # characters of the document's text shown before and after a task


def _source_text(task: Task) -> dict[str, str] | None:
    """The document's text around the task's span (before / the span / after), from its latest revision."""
    if task.span_start is None or task.span_end is None:
        return None
    reading = reading_for(task.document)
    if not reading.text or reading.base is None:
        return None
    start, end = task.span_start - reading.base, task.span_end - reading.base
    if not (0 <= start <= end <= len(reading.text)):
        return None
    text = reading.text
    before_at = text.rfind("\n", 0, max(0, start - SOURCE_CONTEXT_CHARS)) + 1
    after_at = text.find("\n", min(len(text), end + SOURCE_CONTEXT_CHARS))
    after_at = len(text) if after_at == -1 else after_at
    return {
        "before": ("…" if before_at > 0 else "") + text[before_at:start],
        "span": text[start:end],
        "after": text[end:after_at] + ("…" if after_at < len(text) else ""),
    }


def _source_context(task: Task, who: perm.Actor) -> list[tuple[Task, bool]]:
    """The outline items around ``task`` in its document, in text order, the task itself marked."""
    if task.span_start is None:
        return [(task, True)]
    siblings = perm.tasks_for(who).filter(document_id=task.document_id, active=True, span_start__isnull=False)
    before = list(siblings.filter(span_start__lt=task.span_start).order_by("-span_start")[:CONTEXT_ITEMS])
    after = list(siblings.filter(span_start__gt=task.span_start).order_by("span_start")[:CONTEXT_ITEMS])
    return [(t, False) for t in reversed(before)] + [(task, True)] + [(t, False) for t in after]


def _model_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


@page
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    who = actor(request)
    task = queries.get_task(who, task_id)
    history = queries.task_history(who, task)
    assignments = list(task.assignments.select_related("unit").order_by("position"))
    my_role = None
    if who.role == Role.REPORTER and who.unit_id is not None:
        my_role = next((a.role for a in assignments if a.unit_id == who.unit_id), None)
    open_cycles = list(queries.visible_cycles(who).filter(status=CycleStatus.OPEN)) if my_role else []
    targets = list(queries.visible_targets(who, document=task.document_id)[:20])
    audit = [(entry, action_label(entry.action), _model_label(entry.model)) for entry in history.audit]
    return render(
        request,
        "office/task_detail.html",
        {
            "task": task,
            "history": history,
            "assignments": assignments,
            "lead_role": AssignmentRole.LEAD,
            "my_role": my_role,
            "open_cycles": open_cycles,
            "source_text": _source_text(task),
            "source": _source_context(task, who),
            "targets": targets,
            "audit": audit,
            "today": clock.today(),
        },
    )


@page
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """Evidence files are served only here, after the same visibility check as their report."""
    evidence = perm.get_visible(perm.evidence_for(actor(request)), evidence_id, "evidence")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)
