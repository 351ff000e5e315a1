"""Tasks: the filtered list, one task with its report history, sub-tasks, review."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status

from luoshi_web.registry import audit, clock, serialize
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.core import actor
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
    AssignmentRole,
    Evaluation,
    Profile,
    ReviewAssignment,
    Role,
    Task,
    TaskUnit,
)
from luoshi_web.registry.status import LABELS, STATUSES, status_filter, with_status

router = Router(tags=["tasks"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class TaskFilter(Schema):
    unit: int | None = None
    document: int | None = None
    status: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str = ""
    active: bool = True
    limit: int = 50
    offset: int = 0


def _tasks(who: perm.Actor) -> QuerySet[Task]:
    return with_status(perm.tasks_for(who), clock.today()).select_related("document").prefetch_related("assignments")


def filter_tasks(who: perm.Actor, f: TaskFilter) -> QuerySet[Task]:
    """The task list query (also what the benchmark measures)."""
    tasks = _tasks(who).filter(active=f.active)
    if f.unit is not None:
        tasks = tasks.filter(Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=f.unit)))
    if f.document is not None:
        tasks = tasks.filter(document_id=f.document)
    # Ranges on ``due`` (the deadline, NULL-free) so they are ranges of the index too.
    if f.deadline_from is not None:
        tasks = tasks.filter(due__gte=f.deadline_from, deadline__isnull=False)
    if f.deadline_to is not None:
        tasks = tasks.filter(due__lte=f.deadline_to, deadline__isnull=False)
    if f.q:
        tasks = tasks.filter(text__contains=f.q)
    if f.status:
        if f.status not in STATUSES:
            raise Invalid(
                gettext("status（状态）“%(value)s”无效，应为以下之一：%(allowed)s")
                % {"value": f.status, "allowed": ", ".join(STATUSES)}
            )
        tasks = tasks.filter(status_filter(f.status, clock.today()))
    return tasks.order_by("due", "id")


@router.get("/tasks", response={200: Page[TaskOut], **ERRORS})
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]):
    return page(filter_tasks(actor(request), filters), filters.limit, filters.offset, serialize.task)


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
    tasks = filter_tasks(actor(request), filters.model_copy(update={"status": None}))
    rows = dict(tasks.prefetch_related(None).order_by().values_list("status").annotate(n=Count("id")))
    by_status = [{"status": s, "status_label": str(LABELS[s]), "count": rows.get(s, 0)} for s in STATUSES]
    return {"total": sum(rows.values()), "by_status": by_status}


def task_detail(who: perm.Actor, task: Task) -> dict:  # type: ignore[type-arg]
    reports = (
        perm.reports_for(who)
        .filter(task=task)
        .select_related("unit", "cycle")
        .prefetch_related("evidence")
        .order_by("cycle__period_start", "unit__name")
    )
    evaluations = Evaluation.objects.none()
    if who.reads_all:
        evaluations = task.evaluations.select_related("expert")
    elif who.role == Role.EXPERT:
        evaluations = task.evaluations.filter(expert=who.user).select_related("expert")
    subtasks = _tasks(who).filter(parent=task).order_by("id")
    return {
        **serialize.task(task),
        "reports": [serialize.report(r) for r in reports],
        "subtasks": [serialize.task(s) for s in subtasks],
        "evaluations": [serialize.evaluation(e) for e in evaluations],
    }


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS})
def get_task(request: HttpRequest, task_id: int):
    who = actor(request)
    return task_detail(who, perm.get_visible(_tasks(who), task_id, "task"))


@router.patch("/tasks/{task_id}", response={200: TaskOut, **ERRORS})
def patch_task(request: HttpRequest, task_id: int, body: TaskPatch):
    who = actor(request)
    task = perm.get_visible(_tasks(who), task_id, "task")
    perm.require_manager(who)
    changes = body.dict(exclude_unset=True)
    with audit.action("task.edit"):
        for name, value in changes.items():
            setattr(task, name, value if value is not None or name == "deadline" else "")
        task.save()
    return serialize.task(perm.get_visible(_tasks(who), task_id, "task"))


@router.post("/tasks/{task_id}/subtasks", response={201: TaskOut, **ERRORS})
def add_subtask(request: HttpRequest, task_id: int, body: SubtaskIn):
    """明确到人: split a task into a sub-task owned by a named person, with its own deadline.

    The supervisor, or a reporter of a unit named on the task, may do this; the
    sub-task inherits the parent's units so the same unit reports on it.
    """
    who = actor(request)
    parent = perm.get_visible(_tasks(who), task_id, "task")
    if not who.manages:
        perm.require_reporter_for(who, parent)
    with transaction.atomic(), audit.action("task.subtask"):
        number = Task.objects.filter(parent=parent).count() + 1
        sub = Task.objects.create(
            document=parent.document,
            path=parent.path,
            path_key=f"{parent.path_key}/@{number}",
            text=body.text,
            deadline=body.deadline or parent.deadline,
            start_date=parent.start_date,
            parent=parent,
            assignee_name=body.assignee_name,
        )
        for a in parent.assignments.all():
            if who.manages or a.unit_id == who.unit_id:
                TaskUnit.objects.create(
                    task=sub, unit=a.unit, name=a.name, role=a.role, position=a.position, explicit_lead=a.explicit_lead
                )
        if not sub.assignments.filter(role=AssignmentRole.LEAD).exists():
            first = sub.assignments.order_by("position").first()
            if first is not None:
                first.role = AssignmentRole.LEAD
                first.save()
    return Status(201, serialize.task(perm.get_visible(_tasks(who), sub.pk, "task")))


@router.post("/tasks/{task_id}/reviewers", response={201: dict, **ERRORS})
def assign_reviewer(request: HttpRequest, task_id: int, body: ReviewerIn):
    who = actor(request)
    task = perm.get_visible(_tasks(who), task_id, "task")
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
    task = perm.get_visible(_tasks(who), task_id, "task")
    perm.require_expert_for(who, task)
    with audit.action("task.evaluate"):
        evaluation = Evaluation.objects.create(task=task, expert=who.user, score=body.score, opinion=body.opinion)
    return Status(201, serialize.evaluation(evaluation))
