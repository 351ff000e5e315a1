"""Sub-tasks with named people (明确到人) on the task page: split a task, change the person and
deadline, withdraw. Thin over ``registry.subtasks`` (the rules, the writes and their audit rows).

The task page shows the short form (``templatetags/task_page.py``); it posts here. A bad
value comes back on this module's own page with the message next to the field (422).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.office.forms import ISO_DATE
from luoshi_web.registry import queries, subtasks
from luoshi_web.registry.errors import Conflict, Forbidden
from luoshi_web.registry.models import Task
from luoshi_web.registry.permissions import Actor


class PersonForm(forms.Form):
    """The person (an account of the unit, or a name) and the deadline, with the allowed range shown."""

    assignee_user = forms.ModelChoiceField(
        label=_("责任人（本单位账号）"), required=False, queryset=subtasks.unit_people(None), empty_label="—"
    )
    assignee_name = forms.CharField(
        label=_("或填写责任人姓名"),
        required=False,
        max_length=subtasks.NAME_MAX,
        help_text=_("没有账号的人员：填写姓名（只对登录的工作人员显示）"),
    )
    deadline = forms.DateField(label=_("完成时限"), widget=ISO_DATE)

    def __init__(self, *args: Any, parent: Task, unit_id: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.fields["assignee_user"].queryset = subtasks.unit_people(unit_id)
        self.fields["assignee_user"].label_from_instance = subtasks.person_label
        low, high = subtasks.deadline_bounds(parent)
        attrs = self.fields["deadline"].widget.attrs
        if low is not None:
            attrs["min"] = low.isoformat()
        if high is not None:
            attrs["max"] = high.isoformat()
        self.fields["deadline"].help_text = _range_text(low, high)

    def apply_error(self, exc: subtasks.SubtaskInvalid | Conflict) -> None:
        field = getattr(exc, "field", None)
        target = {"person": "assignee_name", "text": "text", "deadline": "deadline"}.get(field or "")
        self.add_error(target if target in self.fields else None, exc.message)


class SubtaskForm(PersonForm):
    text = forms.CharField(
        label=_("子任务内容"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=subtasks.TEXT_MAX,
        help_text=_("细化责任：这个人具体做什么"),
    )
    field_order = ("text", "assignee_user", "assignee_name", "deadline")


def _range_text(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        return gettext("在 %(low)s（成文日期）和 %(high)s（上级任务的完成时限）之间") % {"low": low, "high": high}
    if low is not None:
        return gettext("不早于 %(low)s（成文日期）") % {"low": low}
    if high is not None:
        return gettext("不晚于 %(high)s（上级任务的完成时限）") % {"high": high}
    return ""


def owner_unit_id(who: Actor, parent: Task) -> int | None:
    """Whose accounts the form offers: the reporter's own lead unit; for the office the parent's lead."""
    leads = subtasks.lead_assignments(parent)
    if not who.manages:
        return who.unit_id
    return next((a.unit_id for a in leads if a.unit_id is not None), None)


def new_form(who: Actor, parent: Task, data: Any = None) -> SubtaskForm:
    return SubtaskForm(data, parent=parent, unit_id=owner_unit_id(who, parent), prefix="sub")


@page
def subtask_new(request: HttpRequest, task_id: int) -> HttpResponse:
    """GET: the form alone; POST: make the sub-task, back to the parent's page."""
    who = actor(request)
    parent = queries.get_task(who, task_id)  # not visible: 404
    subtasks.require_splitter(who, parent)  # visible, but not the office or the lead unit: 403
    form = new_form(who, parent, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            sub = subtasks.create(
                who,
                parent,
                text=d["text"],
                assignee_user=d["assignee_user"],
                assignee_name=d["assignee_name"],
                deadline=d["deadline"],
                unit_id=owner_unit_id(who, parent) if who.manages else None,
            )
        except (subtasks.SubtaskInvalid, Conflict) as exc:
            form.apply_error(exc)
        else:
            messages.success(request, gettext("已分解子任务，责任人：%(name)s") % {"name": sub.assignee_name or "—"})
            return redirect(reverse("office:task", args=[parent.pk]) + "#subtasks")
    return render(
        request,
        "office/subtask_form.html",
        {"parent": parent, "form": form, "editing": None},
        status=422 if form.errors else 200,
    )


def _sub(who: Actor, task_id: int) -> Task:
    sub = queries.get_task(who, task_id)
    if sub.parent_id is None:
        raise Http404
    if not subtasks.may_manage(who, sub):
        raise Forbidden(gettext("只有督查室或牵头单位可以修改子任务"))
    return sub


@page
def subtask_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    """Change a sub-task's person and deadline."""
    who = actor(request)
    sub = _sub(who, task_id)
    unit_id = next((a.unit_id for a in sub.assignments.all()), None)
    initial = {"assignee_user": sub.assignee_user_id, "deadline": sub.deadline}
    if sub.assignee_user_id is None:
        initial["assignee_name"] = sub.assignee_name
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, parent=sub.parent, unit_id=unit_id, initial=initial, prefix="sub")
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            subtasks.update(
                who, sub, assignee_user=d["assignee_user"], assignee_name=d["assignee_name"], deadline=d["deadline"]
            )
        except (subtasks.SubtaskInvalid, Conflict) as exc:
            form.apply_error(exc)
        else:
            messages.success(request, gettext("子任务已修改"))
            return redirect(reverse("office:task", args=[sub.parent_id]) + "#subtasks")
    return render(
        request,
        "office/subtask_form.html",
        {"parent": sub.parent, "form": form, "editing": sub},
        status=422 if form.errors else 200,
    )


@require_POST
@page
def subtask_remove(request: HttpRequest, task_id: int) -> HttpResponse:
    """Withdraw a sub-task (deactivated; its reports and history stay)."""
    who = actor(request)
    sub = _sub(who, task_id)
    try:
        subtasks.remove(who, sub)
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("子任务已撤销"))
    return redirect(reverse("office:task", args=[sub.parent_id]) + "#subtasks")
