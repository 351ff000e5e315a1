"""Sub-tasks with named people (细化责任、明确到人、限时完成).

A task's lead unit splits it into sub-tasks, each owned by one person of the unit and due
by its own deadline. The person is either a user account of the unit (who then finds the
sub-task on their home page) or, for someone without an account, a name. Who may do it:
the supervision office (督查室, administrators) and a reporter of the task's **lead** unit;
a co-unit contributes to the lead's report and does not divide the lead's work.

A sub-task is a :class:`~luoshi_web.registry.models.Task` with ``parent`` set, in the same
document, with one unit (the lead unit it belongs to, as the lead). It is reported on like
any task (the unit files its progress, the office accepts a final report with evidence, and
only then is it 已完成), so there is no separate "done" switch that would bypass the office's
verification. It can be withdrawn (``remove``): deactivated, never deleted, so its reports
and audit trail stay.

Every write here runs with its audit rows in one transaction; values are checked by
``validation`` (lengths, dates) and by the rules below, each failure an ``Invalid`` with a
message for the form field named in ``Invalid.field``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from luoshi_web.registry import audit, validation
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import AssignmentRole, Profile, Role, Task, TaskUnit
from luoshi_web.registry.permissions import Actor, require_user

# A sub-task says what one person does: a sentence or a short paragraph, not a document.
TEXT_MAX = 1000
NAME_MAX = Task._meta.get_field("assignee_name").max_length or 100
_NUMBER = re.compile(r"/@(\d+)$")


class SubtaskInvalid(Invalid):
    """A bad value, with the form field it belongs to (``text``, ``person``, ``deadline``, ``unit``)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def person_label(user: Any) -> str:
    """How the office names an account: the full name, else the username."""
    full = (user.get_full_name() or "").strip()
    return full or user.get_username()


def lead_assignments(parent: Task) -> list[TaskUnit]:
    return [a for a in parent.assignments.all() if a.role == AssignmentRole.LEAD]


def _reporter_lead(actor: Actor, parent: Task) -> TaskUnit | None:
    if actor.role != Role.REPORTER or actor.unit_id is None:
        return None
    return next((a for a in lead_assignments(parent) if a.unit_id == actor.unit_id), None)


def may_split(actor: Actor, parent: Task) -> bool:
    """Whether ``actor`` may add sub-tasks to ``parent`` (the office, or a reporter of its lead unit)."""
    if actor.is_anonymous or parent.parent_id is not None or not parent.active:
        return False
    return actor.manages or _reporter_lead(actor, parent) is not None


def require_splitter(actor: Actor, parent: Task) -> None:
    """403 unless ``actor`` may divide ``parent``'s work (anonymous: 401)."""
    require_user(actor)
    if actor.manages:
        return
    if actor.role != Role.REPORTER or actor.unit_id is None:
        raise Forbidden(gettext("只有督查室或牵头单位可以分解任务"))
    if _reporter_lead(actor, parent) is None:
        raise Forbidden(gettext("只有此任务的牵头单位可以分解任务、明确到人"))


def may_manage(actor: Actor, sub: Task, parent: Task | None = None) -> bool:
    """Whether ``actor`` may change or withdraw the sub-task ``sub`` (``parent``: its parent, if at hand)."""
    if sub.parent_id is None or actor.is_anonymous:
        return False
    if actor.manages:
        return True
    return (
        actor.role == Role.REPORTER
        and actor.unit_id is not None
        and any(a.unit_id == actor.unit_id for a in sub.assignments.all())
        and _reporter_lead(actor, parent if parent is not None and parent.pk == sub.parent_id else sub.parent)
        is not None
    )


def unit_people(unit_id: int | None) -> QuerySet[Any]:
    """The active accounts of a unit (its reporters), by username: whom a sub-task may name."""
    User = get_user_model()
    if unit_id is None:
        return User.objects.none()
    members = Profile.objects.filter(unit_id=unit_id, role=Role.REPORTER).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("username")


def deadline_bounds(parent: Task) -> tuple[date | None, date | None]:
    """A sub-task's deadline lies between the document's date and the parent's deadline (each may be open)."""
    return parent.document.date, parent.deadline


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise SubtaskInvalid("text", gettext("请填写子任务的内容"))
    if len(text) > TEXT_MAX:
        raise SubtaskInvalid(
            "text", gettext("子任务内容最多 %(max)s 个字（此处 %(n)s 个）") % {"max": TEXT_MAX, "n": len(text)}
        )
    try:
        return validation.text(text, gettext("子任务内容"), TEXT_MAX)
    except Invalid as exc:
        raise SubtaskInvalid("text", exc.message) from None


def _person(assignee_user: Any, assignee_name: str, unit_id: int | None) -> tuple[Any, str]:
    """The (user, name) to store: an account of ``unit_id``, or a name typed for someone without one."""
    name = (assignee_name or "").strip()
    if assignee_user is not None and name:
        raise SubtaskInvalid("person", gettext("请在本单位账号和姓名中只选一项"))
    if assignee_user is not None:
        member = Profile.objects.filter(user=assignee_user, role=Role.REPORTER).values_list("unit_id", flat=True)
        if unit_id is None or not assignee_user.is_active or unit_id not in list(member):
            raise SubtaskInvalid("person", gettext("责任人须是本单位的账号"))
        return assignee_user, person_label(assignee_user)[:NAME_MAX]
    if not name:
        raise SubtaskInvalid("person", gettext("请选择本单位的账号，或填写责任人姓名"))
    if len(name) > NAME_MAX:
        raise SubtaskInvalid(
            "person", gettext("责任人姓名最多 %(max)s 个字（此处 %(n)s 个）") % {"max": NAME_MAX, "n": len(name)}
        )
    try:
        return None, validation.text(name, gettext("责任人"), NAME_MAX)
    except Invalid as exc:
        raise SubtaskInvalid("person", exc.message) from None


def _deadline(deadline: date | None, parent: Task) -> date | None:
    if deadline is None:
        return parent.deadline
    try:
        validation.day(deadline, gettext("完成时限"))
    except Invalid as exc:
        raise SubtaskInvalid("deadline", exc.message) from None
    low, high = deadline_bounds(parent)
    if low is not None and deadline < low:
        raise SubtaskInvalid("deadline", gettext("完成时限不能早于文件的成文日期 %(date)s") % {"date": low.isoformat()})
    if high is not None and deadline > high:
        raise SubtaskInvalid(
            "deadline", gettext("完成时限不能晚于上级任务的完成时限 %(date)s") % {"date": high.isoformat()}
        )
    return deadline


def _owning_assignment(actor: Actor, parent: Task, unit_id: int | None) -> TaskUnit | None:
    """The parent's unit the sub-task belongs to: the reporter's own lead unit; for the office the
    chosen unit of the parent (default: its first lead)."""
    if not actor.manages:
        return _reporter_lead(actor, parent)
    assignments = sorted(parent.assignments.all(), key=lambda a: a.position)
    if unit_id is not None:
        chosen = next((a for a in assignments if a.unit_id == unit_id), None)
        if chosen is None:
            raise SubtaskInvalid("unit", gettext("子任务的单位须是上级任务的责任单位"))
        return chosen
    leads = [a for a in assignments if a.role == AssignmentRole.LEAD]
    return (leads or assignments or [None])[0]


def _next_path_key(parent: Task) -> str:
    numbers = [0]
    for key in Task.objects.filter(parent=parent).values_list("path_key", flat=True):
        found = _NUMBER.search(key)
        if found:
            numbers.append(int(found.group(1)))
    return f"{parent.path_key}/@{max(numbers) + 1}"


def create(
    actor: Actor,
    parent: Task,
    *,
    text: str,
    assignee_user: Any = None,
    assignee_name: str = "",
    deadline: date | None = None,
    unit_id: int | None = None,
) -> Task:
    """Split ``parent`` into a sub-task for one named person; returns the new task.

    ``deadline`` None: the parent's. The office may pick which of the parent's units the
    sub-task belongs to (``unit_id``, default the lead); a reporter's is its own lead unit.
    """
    require_splitter(actor, parent)
    if parent.parent_id is not None:
        raise Conflict(gettext("子任务不能再分解"))
    if not parent.active:
        raise Conflict(gettext("此任务已停用，不能分解"))
    owner = _owning_assignment(actor, parent, unit_id)
    text = _text(text)
    user, name = _person(assignee_user, assignee_name, owner.unit_id if owner else None)
    due = _deadline(deadline, parent)
    try:
        with transaction.atomic(), audit.acting_as(actor.user, "task.subtask"):
            sub = Task.objects.create(
                document=parent.document,
                path=parent.path,
                path_key=_next_path_key(parent),
                text=text,
                deadline=due,
                start_date=parent.start_date,
                parent=parent,
                assignee_name=name,
                assignee_user=user,
            )
            if owner is not None:
                TaskUnit.objects.create(
                    task=sub, unit=owner.unit, name=owner.name, role=AssignmentRole.LEAD, position=0
                )
    except IntegrityError:  # two people split the same task at the same moment
        raise Conflict(gettext("有人同时分解了此任务，请刷新后重试")) from None
    return sub


def update(
    actor: Actor, sub: Task, *, assignee_user: Any = None, assignee_name: str = "", deadline: date | None
) -> Task:
    """Change a sub-task's person and deadline (the same rules as when it was made)."""
    require_user(actor)
    if sub.parent_id is None:
        raise Conflict(gettext("这不是子任务"))
    if not may_manage(actor, sub):
        raise Forbidden(gettext("只有督查室或牵头单位可以修改子任务"))
    if not sub.active:
        raise Conflict(gettext("此子任务已撤销"))
    owner = next(iter(sorted(sub.assignments.all(), key=lambda a: a.position)), None)
    user, name = _person(assignee_user, assignee_name, owner.unit_id if owner else None)
    due = _deadline(deadline, sub.parent)
    with transaction.atomic(), audit.acting_as(actor.user, "task.subtask_edit"):
        sub.assignee_user, sub.assignee_name, sub.deadline = user, name, due
        sub.save()
    return sub


def remove(actor: Actor, sub: Task) -> Task:
    """Withdraw a sub-task: it is deactivated (its reports and history stay), never deleted."""
    require_user(actor)
    if sub.parent_id is None:
        raise Conflict(gettext("这不是子任务"))
    if not may_manage(actor, sub):
        raise Forbidden(gettext("只有督查室或牵头单位可以撤销子任务"))
    if not sub.active:
        raise Conflict(gettext("此子任务已撤销"))
    with transaction.atomic(), audit.acting_as(actor.user, "task.subtask_remove"):
        sub.active = False
        sub.save()
    return sub
