"""Tasks: the filtered list, one task with its report history, sub-tasks, review."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status

from luoshi_web.registry import audit, queries, serialize, subtasks
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.auth import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import (
    ErrorOut,
    EvaluationIn,
    EvaluationOut,
    Page,
    ReviewerIn,
    SubtaskIn,
    TaskDetailOut,
    TaskOut,
    TaskPatch,
)
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import (
    Evaluation,
    Profile,
    ReviewAssignment,
    Role,
)

router = Router(tags=["tasks"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class TaskFilter(Schema):
    """Query parameters of the task list (``queries.TaskFilter`` plus paging)."""

    unit: int | None = None
    document: int | None = None
    status: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str = ""
    active: bool = True
    sort: str = queries.DEFAULT_SORT
    limit: int = 50
    offset: int = 0

    def domain(self) -> queries.TaskFilter:
        return queries.TaskFilter(**self.dict(exclude={"limit", "offset"}))


@router.get("/tasks", response={200: Page[TaskOut], **ERRORS})
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]):
    """Tasks the caller may see; ``sort`` is one of deadline, -deadline, document, -updated."""
    tasks = queries.filter_tasks(actor(request), filters.domain())
    return page(tasks, filters.limit, filters.offset, serialize.task)


class StatusCount(Schema):
    status: str
    status_label: str
    count: int


class TaskSummaryOut(Schema):
    total: int
    by_status: list[StatusCount]


@router.get("/tasks/summary", response={200: TaskSummaryOut, **ERRORS})
def task_summary(request: HttpRequest, filters: Query[TaskFilter]):
    """How many tasks the caller may see are in each status, under the list's filters.

    The totals the paged list leaves out (it never counts); ``status``,
    ``limit`` and ``offset`` are ignored. Every status is listed, zeros included.
    """
    summary = queries.task_summary(actor(request), filters.domain())
    by_status = [{"status": c.status, "status_label": c.label, "count": c.count} for c in summary.by_status]
    return {"total": summary.total, "by_status": by_status}


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS})
def get_task(request: HttpRequest, task_id: int):
    who = actor(request)
    history = queries.task_history(who, queries.get_task(who, task_id), with_audit=False)  # /audit has it
    return {
        **serialize.task(history.task),
        "reports": [serialize.report(r) for r in history.reports],
        "subtasks": [serialize.task(s) for s in history.subtasks],
        "evaluations": [serialize.evaluation(e) for e in history.evaluations],
    }


@router.patch("/tasks/{task_id}", response={200: TaskOut, **ERRORS})
def patch_task(request: HttpRequest, task_id: int, body: TaskPatch):
    who = actor(request)
    task = queries.get_task(who, task_id)
    perm.require_manager(who)
    changes = body.dict(exclude_unset=True)
    with audit.action("task.edit"):
        for name, value in changes.items():
            setattr(task, name, value if value is not None or name == "deadline" else "")
        task.save()
    return serialize.task(queries.get_task(who, task_id))


@router.post("/tasks/{task_id}/subtasks", response={201: TaskOut, **ERRORS})
def add_subtask(request: HttpRequest, task_id: int, body: SubtaskIn):
    """明确到人: split a task into a sub-task owned by a named person, with its own deadline.

    The supervisor, or a reporter of the task's lead unit, may do this (``registry.subtasks``);
    the sub-task belongs to that lead unit, which reports on it. The deadline lies between
    the document's date and the parent's deadline (default: the parent's).
    """
    who = actor(request)
    parent = queries.get_task(who, task_id)
    user = None
    if body.assignee_user_id is not None:
        user = get_user_model().objects.filter(pk=body.assignee_user_id).first()
        if user is None:
            raise Invalid(gettext("assignee_user_id：责任人须是本单位的账号"))
    sub = subtasks.create(
        who,
        parent,
        text=body.text,
        assignee_user=user,
        assignee_name=body.assignee_name,
        deadline=body.deadline,
        unit_id=body.unit_id,
    )
    return Status(201, serialize.task(queries.get_task(who, sub.pk)))


@router.post("/tasks/{task_id}/reviewers", response={201: dict, **ERRORS})
def assign_reviewer(request: HttpRequest, task_id: int, body: ReviewerIn):
    who = actor(request)
    task = queries.get_task(who, task_id)
    perm.require_manager(who)
    expert = get_user_model().objects.filter(pk=body.expert_id).first()
    if expert is None or not Profile.objects.filter(user=expert, role=Role.EXPERT).exists():
        raise Invalid(gettext("expert_id 应为具有评审专家角色的用户编号（%(id)s 不是）") % {"id": body.expert_id})
    with audit.action("task.assign_reviewer"):
        assignment, _ = ReviewAssignment.objects.get_or_create(task=task, expert=expert)
    return Status(201, {"task_id": task.pk, "expert_id": expert.pk, "assignment_id": assignment.pk})


@router.post("/tasks/{task_id}/evaluations", response={201: EvaluationOut, **ERRORS})
def add_evaluation(request: HttpRequest, task_id: int, body: EvaluationIn):
    who = actor(request)
    task = queries.get_task(who, task_id)
    perm.require_expert_for(who, task)
    with audit.action("task.evaluate"):
        evaluation = Evaluation.objects.create(task=task, expert=who.user, score=body.score, opinion=body.opinion)
    return Status(201, serialize.evaluation(evaluation))
