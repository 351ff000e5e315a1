"""Who may see and do what: the ONE place where roles are enforced.

Every API endpoint and service gets its querysets from the ``*_for(actor)``
functions and its single objects from :func:`get_visible`, so a new endpoint
cannot forget a rule. Objects an actor may not see are reported as missing
(404, their existence is not leaked); a visible object an actor may not change
gives 403; an anonymous write gives 401.

Roles (see ``models.Role``):
- administrator, supervisor (督查室): read and manage everything;
- leader: reads everything, writes nothing;
- unit reporter: published data plus the tasks its unit is named on; reports for its unit;
- expert reviewer: published data plus the tasks assigned to them; evaluates those;
- anonymous: published documents, their tasks and targets only.

Published-only scoping also covers what hangs off the documents: units are listed to
the public only when a published document names them (a unit named only in a draft
is not yet public), targets and their observations are read outside the
supervision office only for published documents (a reporter's own task in a draft
does not open the draft's targets), and the personal name of a sub-task's assignee
(and which account it is) is shown only to signed-in users with a role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.query import ModelIterable
from django.utils.translation import gettext

from luoshi_web.registry.errors import Forbidden, NotFound, Unauthorized
from luoshi_web.registry.models import (
    Document,
    Evidence,
    Observation,
    Profile,
    Report,
    ReportingCycle,
    ReviewAssignment,
    Role,
    Target,
    Task,
    TaskUnit,
    Unit,
)

M = TypeVar("M", bound=Model)

READ_ALL_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.LEADER})
MANAGE_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class Actor:
    """The person behind a request: a user with a role, or anonymous (``user is None``)."""

    user: Any = None
    role: str | None = None
    unit_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user is None

    @property
    def reads_all(self) -> bool:
        return self.role in READ_ALL_ROLES

    @property
    def manages(self) -> bool:
        return self.role in MANAGE_ROLES


ANONYMOUS = Actor()


def actor_for(user: Any) -> Actor:
    """Resolve a Django user (or ``None``/AnonymousUser) to an :class:`Actor`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    if user.is_superuser:
        return Actor(user=user, role=Role.ADMIN)
    profile = Profile.objects.filter(user=user).first()
    if profile is None:  # an account without a role sees what the public sees
        return Actor(user=user, role=None)
    return Actor(user=user, role=profile.role, unit_id=profile.unit_id)


def _own_unit_task(actor: Actor, task_ref: str = "pk") -> Exists:
    return Exists(TaskUnit.objects.filter(task=OuterRef(task_ref), unit_id=actor.unit_id))


def _assigned_task(actor: Actor, task_ref: str = "pk") -> Exists:
    return Exists(ReviewAssignment.objects.filter(task=OuterRef(task_ref), expert=actor.user))


class _WithoutPersonalNames(ModelIterable):
    """Tasks as the public sees them: the assignee's personal name left out."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        for task in super().__iter__():
            task.assignee_name = ""
            task.assignee_user_id = None
            yield task


def unpublished_task_rule(actor: Actor) -> Exists | None:
    """The second arm of the task rule for an actor who does not read everything: the tasks it
    sees whatever their document's state (its unit's, its assigned ones), or None (the public)."""
    if actor.role == Role.REPORTER and actor.unit_id is not None:
        return _own_unit_task(actor)
    if actor.role == Role.EXPERT:
        return _assigned_task(actor)
    return None


def tasks_for(actor: Actor) -> QuerySet[Task]:
    tasks = Task.objects.all()
    if actor.reads_all:
        return tasks
    # The task's copy of document.published (kept by Document.save): a column of the task, so each
    # branch of the rule can be a range of a task index (task_published_status_idx) instead of a
    # join to the document for every task the deadline index walks past (queries.filter_tasks
    # pages the two arms separately for that reason).
    rule = Q(document_published=True)
    own = unpublished_task_rule(actor)
    if own is not None:
        rule |= own
    tasks = tasks.filter(rule)
    if actor.role is None:  # anonymous, or an account without a role: the public
        tasks._iterable_class = _WithoutPersonalNames
    return tasks


def units_for(actor: Actor) -> QuerySet[Unit]:
    """Units the actor may see: all for signed-in roles; for the public, those a published document names."""
    if actor.role is not None:
        return Unit.objects.all()
    named = TaskUnit.objects.filter(unit=OuterRef("pk"), task__document__published=True)
    return Unit.objects.filter(Exists(named))


def documents_for(actor: Actor) -> QuerySet[Document]:
    documents = Document.objects.all()
    if actor.reads_all:
        return documents
    rule = Q(published=True)
    if actor.role in (Role.REPORTER, Role.EXPERT):
        rule |= Exists(tasks_for(actor).filter(document=OuterRef("pk")))
    return documents.filter(rule)


def targets_for(actor: Actor) -> QuerySet[Target]:
    """Targets of the documents the actor may see: the public, of published documents only; a
    reporter or an expert, also of an unpublished document in which its unit has (or it
    reviews) a task, so the unit that delivers a target can report on it; never the targets of
    every unpublished document."""
    if actor.reads_all:
        return Target.objects.all()
    return Target.objects.filter(Exists(documents_for(actor).filter(pk=OuterRef("document_id"))))


def observations_for(actor: Actor) -> QuerySet[Observation]:
    return Observation.objects.filter(target__in=targets_for(actor))


def reports_for(actor: Actor) -> QuerySet[Report]:
    """Reports are internal: never public; a reporter sees reports on its unit's tasks."""
    reports = Report.objects.all()
    if actor.reads_all:
        return reports
    if actor.role == Role.REPORTER and actor.unit_id is not None:
        return reports.filter(_own_unit_task(actor, "task_id"))
    if actor.role == Role.EXPERT:
        return reports.filter(_assigned_task(actor, "task_id"))
    return reports.none()


def evidence_for(actor: Actor) -> QuerySet[Evidence]:
    return Evidence.objects.filter(report__in=reports_for(actor))


def cycles_for(actor: Actor) -> QuerySet[ReportingCycle]:
    if actor.is_anonymous:
        return ReportingCycle.objects.none()
    return ReportingCycle.objects.all()


def get_visible(queryset: QuerySet[M], pk: Any, what: str) -> M:
    """The object with ``pk`` from an actor-scoped queryset, else :class:`NotFound`.

    The message names the model by its translated ``verbose_name`` (任务, 进展报告 ...);
    ``what`` is the English name callers pass, kept for them.
    """
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound(
            gettext("%(what)s %(pk)s 不存在") % {"what": queryset.model._meta.verbose_name, "pk": pk}
        ) from None


def require_user(actor: Actor) -> None:
    if actor.is_anonymous:
        raise Unauthorized(gettext("需要登录或提供 API 令牌"))


def require_manager(actor: Actor) -> None:
    """Supervisor or administrator; a read-only role gets 403."""
    require_user(actor)
    if not actor.manages:
        raise Forbidden(gettext("只有督查室（或管理员）可以执行此操作"))


def require_supervisor_read(actor: Actor) -> None:
    """The audit log is read by the supervision office (and administrators) only."""
    require_manager(actor)


def require_reporter_for(actor: Actor, task: Task) -> int:
    """The unit id the actor reports for on ``task``, or 403 if they may not report on it."""
    require_user(actor)
    if actor.role != Role.REPORTER or actor.unit_id is None:
        raise Forbidden(gettext("只有填报单位的账号可以填报进展"))
    if not TaskUnit.objects.filter(task=task, unit_id=actor.unit_id).exists():
        raise Forbidden(gettext("你所在的单位不是此任务的责任单位"))
    return actor.unit_id


def require_expert_for(actor: Actor, task: Task) -> None:
    require_user(actor)
    if actor.role != Role.EXPERT or not ReviewAssignment.objects.filter(task=task, expert=actor.user).exists():
        raise Forbidden(gettext("只有分配到此任务的评审专家可以评审"))
