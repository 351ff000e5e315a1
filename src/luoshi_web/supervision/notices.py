"""督办 notices: issue, reply, close, escalate, and the scheduled escalation of unanswered ones.

The ladder is 提醒 → 督办 → 通报 → 约谈 (``models.Level``). The supervisor issues a
notice from a task that is overdue, at risk (滞后) or that they flag, to one unit
named on it, with a rectification due date and the reply required. The unit's
reporter replies with its rectification and evidence; the supervisor closes the
notice or escalates it. A notice nobody answered escalates by itself: on the
first day after its due date plus the level's waiting days (``EscalationRule``,
else ``LUOSHI_NOTICE_WAIT_DAYS``) it moves up exactly one level, with a new due
date ``LUOSHI_NOTICE_REPLY_DAYS`` later, so it climbs one level per period.

Every change claims the notice by a conditional UPDATE (``WHERE version = seen``),
so two workers (or a worker and a person) can never escalate it twice; the claim,
the new step and their audit rows commit together. The claim is the audited bulk
``update()`` of ``Notice`` (a registry ``AuditedModel``): it checks its values and writes
the notice's audit row itself, so nothing here writes an audit row by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from luoshi_web.registry import audit, clock
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import AssignmentRole, AuditLog, Role, Task, TaskUnit
from luoshi_web.registry.permissions import Actor, get_visible, require_manager, require_user
from luoshi_web.registry.status import AT_RISK, COMPLETED, OVERDUE, status_of
from luoshi_web.supervision import conf
from luoshi_web.supervision.inbox import notify, unit_reporters
from luoshi_web.supervision.models import (
    TOP_LEVEL,
    EscalationRule,
    Level,
    Notice,
    NoticeEvidence,
    NoticeState,
    NoticeStep,
    StepAction,
    TaskNote,
)
from luoshi_web.supervision.numbering import next_number
from luoshi_web.supervision.officialdoc import chinese_date

# The statuses a notice may be issued from without the supervisor flagging the task.
NOTICE_STATUSES = (OVERDUE, AT_RISK)


def notices_for(actor: Actor) -> QuerySet[Notice]:
    """Supervisor, administrator and leader read every notice; a reporter its own unit's; others none."""
    notices = Notice.objects.all()
    if actor.reads_all:
        return notices
    if actor.role == Role.REPORTER and actor.unit_id is not None:
        return notices.filter(unit_id=actor.unit_id)
    return notices.none()


def get_notice(actor: Actor, pk: Any) -> Notice:
    require_user(actor)
    return get_visible(notices_for(actor).select_related("task", "unit"), pk, "notice")


def schedule(level: int) -> tuple[int, int]:
    """(wait days after the due date, days to rectify at the next level) for a notice at ``level``."""
    rule = EscalationRule.objects.filter(level=level).first()
    if rule is not None:
        return rule.wait_days, rule.reply_days
    return int(conf.get("LUOSHI_NOTICE_WAIT_DAYS")), int(conf.get("LUOSHI_NOTICE_REPLY_DAYS"))


# The office's schedule is edited within these bounds (days); beyond them it is a typing slip.
MAX_WAIT_DAYS = 90
MAX_REPLY_DAYS = 180


def rules() -> list[dict[str, Any]]:
    """The ladder's schedule as it applies now: per level below the top, its waiting and reply days.

    ``configured`` is False where no ``EscalationRule`` row exists and the defaults of
    ``conf.py`` (``LUOSHI_NOTICE_WAIT_DAYS``, ``LUOSHI_NOTICE_REPLY_DAYS``) apply.
    """
    stored = {rule.level: rule for rule in EscalationRule.objects.all()}
    defaults = (int(conf.get("LUOSHI_NOTICE_WAIT_DAYS")), int(conf.get("LUOSHI_NOTICE_REPLY_DAYS")))
    rows = []
    for level in Level:
        top = level >= TOP_LEVEL
        rule = stored.get(level)
        wait_days, reply_days = (rule.wait_days, rule.reply_days) if rule is not None else defaults
        rows.append(
            {
                "level": int(level),
                "label": level.label,
                "next_label": None if top else Level(level + 1).label,
                "wait_days": None if top else wait_days,
                "reply_days": None if top else reply_days,
                "configured": rule is not None,
                "top": top,
            }
        )
    return rows


def _check_days(level: int, wait_days: Any, reply_days: Any) -> tuple[int, int]:
    if level not in Level.values or level >= TOP_LEVEL:
        raise Invalid(gettext("只有提醒、督办、通报三级可以设置升级规则（约谈是最高级别）"))
    label = Level(level).label
    for value, low, high, what in (
        (wait_days, 0, MAX_WAIT_DAYS, gettext("逾期未复升级天数")),
        (reply_days, 1, MAX_REPLY_DAYS, gettext("升级后整改天数")),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(
                gettext("%(level)s的%(what)s应为 %(low)s 到 %(high)s 之间的整数，收到“%(value)s”")
                % {"level": label, "what": what, "low": low, "high": high, "value": value}
            )
    return int(wait_days), int(reply_days)


def set_rules(actor: Actor, changes: dict[int, tuple[int, int]]) -> dict[str, int]:
    """Save the office's schedule for the given levels ({level: (wait days, reply days)}).

    Every value is checked before anything is written; the rules, the open notices of a
    level whose waiting days changed (their escalation day moves to the new schedule, so
    the daily job uses it) and the audit rows of both commit together. Returns how many
    rules changed and how many notices were rescheduled.
    """
    require_manager(actor)
    checked = {int(level): _check_days(int(level), *days) for level, days in changes.items()}
    changed = rescheduled = 0
    with transaction.atomic(), audit.acting_as(actor.user, "escalation.rule"):
        for level, (wait_days, reply_days) in sorted(checked.items()):
            rule = EscalationRule.objects.select_for_update().filter(level=level).first()
            if rule is None:
                old_wait, old_reply = schedule(level)
                if (old_wait, old_reply) == (wait_days, reply_days):
                    continue  # the defaults, unchanged: nothing to store
                EscalationRule.objects.create(level=level, wait_days=wait_days, reply_days=reply_days)
            else:
                if (rule.wait_days, rule.reply_days) == (wait_days, reply_days):
                    continue
                old_wait = rule.wait_days
                rule.wait_days, rule.reply_days = wait_days, reply_days
                rule.save()
            changed += 1
            if old_wait != wait_days:
                rescheduled += _reschedule(level)
    return {"rules": changed, "notices": rescheduled}


def _reschedule(level: int) -> int:
    """Move the escalation day of the unanswered notices at ``level`` to the current schedule (audited)."""
    count = 0
    for notice in Notice.objects.filter(state=NoticeState.OPEN, level=level).order_by("id"):
        day = escalation_day(level, notice.rectify_due)
        if day == notice.escalate_on:
            continue
        if _claim(notice, [NoticeState.OPEN], {"escalate_on": day}, level=level):
            count += 1
    return count


def escalation_day(level: int, rectify_due: date) -> date | None:
    """The first day an unanswered notice at ``level`` due ``rectify_due`` escalates (None at the top)."""
    if level >= TOP_LEVEL:
        return None
    wait_days, _reply_days = schedule(level)
    return rectify_due + timedelta(days=wait_days + 1)


def _actor_name(actor: Actor | None) -> str:
    if actor is not None and actor.user is not None:
        return actor.user.get_username()
    return "system"


def _number(level: int, on: date) -> str:
    return next_number(conf.get("LUOSHI_NOTICE_PREFIXES")[int(level)], on.year)


def announce(notice: Notice) -> int:
    """Tell the addressed unit's reporters (inbox and e-mail) that a notice reached them at its level."""
    return notify(
        unit_reporters(notice.unit_id),
        key=f"notice:{notice.pk}:level:{notice.level}",
        subject=gettext("【%(level)s】%(number)s：请于%(due)s前回复整改情况")
        % {"level": notice.get_level_display(), "number": notice.number, "due": chinese_date(notice.rectify_due)},
        body=notice.reason,
        link=f"/notices/{notice.pk}/",
    )


def issue(
    actor: Actor,
    task: Task,
    *,
    reason: str,
    requirement: str,
    rectify_due: date,
    unit_id: int | None = None,
    level: int = Level.REMIND,
    flagged: bool = False,
    today: date | None = None,
) -> Notice:
    """Issue a notice about ``task`` to one of its units (the lead unit by default)."""
    require_manager(actor)
    today = today or clock.today()
    if not task.active:
        raise Conflict(gettext("此任务已在所属文件的后续版本中删除，不能督办"))
    status = status_of(task, today)
    if status == COMPLETED:
        raise Conflict(gettext("已完成的任务不能督办"))
    if status not in NOTICE_STATUSES and not flagged:
        raise Invalid(gettext("只有逾期或滞后的任务可以直接督办；其他任务须标记为需督办（flagged）并说明理由"))
    if not reason.strip():
        raise Invalid(gettext("须填写督办事由"))
    if not requirement.strip():
        raise Invalid(gettext("须填写整改要求和回复要求"))
    if level not in Level.values:
        raise Invalid(gettext("督办级别应为 1（提醒）到 4（约谈）"))
    if rectify_due < today:
        raise Invalid(gettext("整改期限不能早于今天"))
    units = TaskUnit.objects.filter(task=task, unit__isnull=False)
    if unit_id is None:
        lead = units.filter(role=AssignmentRole.LEAD).order_by("position").first() or units.order_by("position").first()
        if lead is None:
            raise Invalid(gettext("此任务的责任单位尚未关联到单位库，不能督办"))
        unit_id = lead.unit_id
    elif not units.filter(unit_id=unit_id).exists():
        raise Invalid(gettext("主送单位不是此任务的责任单位"))
    with transaction.atomic(), audit.acting_as(actor.user, "notice.issue"):
        number = _number(level, today)
        notice = Notice.objects.create(
            task=task,
            unit_id=unit_id,
            level=level,
            number=number,
            reason=reason.strip(),
            requirement=requirement.strip(),
            rectify_due=rectify_due,
            escalate_on=escalation_day(level, rectify_due),
            issued_on=today,
            created_by=actor.user,
        )
        NoticeStep.objects.create(
            notice=notice,
            action=StepAction.ISSUE,
            level=level,
            number=number,
            on=today,
            text=notice.reason,
            rectify_due=rectify_due,
            actor_name=_actor_name(actor),
        )
        transaction.on_commit(lambda: announce(notice))
    return notice


def _claim(notice: Notice, allowed_states: Iterable[str], changes: dict[str, Any], **conditions: Any) -> bool:
    """Apply ``changes`` if the notice is still as the caller saw it; True when this caller won.

    The version is set as a plain value (the one seen, plus one: the WHERE guarantees it), so the
    audited ``update()`` can check it; it writes the notice's audit row in the caller's transaction.
    """
    updated = _claimable(notice, allowed_states, **conditions).update(**changes, version=notice.version + 1)
    return updated == 1


def _claimable(notice: Notice, allowed_states: Iterable[str], **conditions: Any) -> QuerySet[Notice]:
    return Notice.objects.filter(pk=notice.pk, version=notice.version, state__in=list(allowed_states), **conditions)


def _stale() -> Conflict:
    return Conflict(gettext("此督办事项已被他人处理，请刷新后重试"))


def reply(
    actor: Actor,
    notice: Notice,
    *,
    text: str,
    evidence: Iterable[tuple[str, bytes]] = (),
    now: datetime | None = None,
) -> Notice:
    """The addressed unit's reporter replies with its rectification and evidence files."""
    require_user(actor)
    get_visible(notices_for(actor), notice.pk, "notice")  # 404 for another unit's notice
    if actor.role != Role.REPORTER or actor.unit_id != notice.unit_id:
        raise Forbidden(gettext("只有主送单位的填报账号可以回复督办"))
    if notice.state != NoticeState.OPEN:
        raise Conflict(gettext("%(state)s的督办事项不能再回复") % {"state": notice.get_state_display()})
    if not text.strip():
        raise Invalid(gettext("须填写整改情况"))
    files = list(evidence)
    for name, content in files:
        if not content:
            raise Invalid(gettext("佐证材料“%(name)s”是空文件") % {"name": name})
        if len(content) > settings.LUOSHI_MAX_UPLOAD_BYTES:
            raise Invalid(gettext("佐证材料“%(name)s”过大") % {"name": name})
    now = now or timezone.now()
    with transaction.atomic(), audit.acting_as(actor.user, "notice.reply"):
        changes = {"state": NoticeState.REPLIED, "reply": text.strip(), "replied_at": now, "escalate_on": None}
        if not _claim(notice, [NoticeState.OPEN], changes):
            raise _stale()
        notice.refresh_from_db()
        step = NoticeStep.objects.create(
            notice=notice,
            action=StepAction.REPLY,
            level=notice.level,
            on=timezone.localtime(now).date(),
            text=notice.reply,
            actor_name=_actor_name(actor),
        )
        for name, content in files:
            item = NoticeEvidence(
                step=step, original_name=name, sha256=hashlib.sha256(content).hexdigest(), size=len(content)
            )
            item.file.save(name, ContentFile(content), save=False)
            item.save()
    return notice


def close(actor: Actor, notice: Notice, *, text: str = "", today: date | None = None) -> Notice:
    """The supervisor closes a notice (办结), normally after accepting its reply."""
    require_manager(actor)
    if notice.state == NoticeState.CLOSED:
        raise Conflict(gettext("此督办事项已办结"))
    today = today or clock.today()
    with transaction.atomic(), audit.acting_as(actor.user, "notice.close"):
        changes = {"state": NoticeState.CLOSED, "closed_at": timezone.now(), "escalate_on": None}
        if not _claim(notice, [NoticeState.OPEN, NoticeState.REPLIED], changes):
            raise _stale()
        notice.refresh_from_db()
        NoticeStep.objects.create(
            notice=notice,
            action=StepAction.CLOSE,
            level=notice.level,
            on=today,
            text=text.strip(),
            actor_name=_actor_name(actor),
        )
    return notice


def _escalate(notice: Notice, actor: Actor | None, today: date, text: str, **conditions: Any) -> bool:
    """Move ``notice`` up one level if it is still as seen; the caller holds a transaction."""
    if notice.level >= TOP_LEVEL:
        return False
    new_level = notice.level + 1
    _wait, reply_days = schedule(notice.level)
    new_due = today + timedelta(days=reply_days)
    changes = {
        "level": new_level,
        "state": NoticeState.OPEN,
        "rectify_due": new_due,
        "escalate_on": escalation_day(new_level, new_due),
        "issued_on": today,
        "reply": "",
        "replied_at": None,
    }
    states = [NoticeState.OPEN, NoticeState.REPLIED]
    # Lock the notice while it is still as seen, so only a winner takes a 发文字号 and the new
    # level and number are one UPDATE (one audit row). A second worker waits here on PostgreSQL
    # and then finds the version moved on; SQLite's IMMEDIATE transactions serialise them anyway.
    if not list(_claimable(notice, states, level=notice.level, **conditions).select_for_update().values("pk")):
        return False
    changes["number"] = _number(new_level, today)
    if not _claim(notice, states, changes, level=notice.level, **conditions):  # held by the lock: cannot lose
        return False
    notice.refresh_from_db()
    NoticeStep.objects.create(
        notice=notice,
        action=StepAction.ESCALATE,
        level=new_level,
        number=notice.number,
        on=today,
        text=text,
        rectify_due=new_due,
        actor_name=_actor_name(actor),
    )
    return True


def escalate(actor: Actor, notice: Notice, *, reason: str, today: date | None = None) -> Notice:
    """The supervisor escalates a notice by hand (the reply was not enough, or none came)."""
    require_manager(actor)
    if notice.state == NoticeState.CLOSED:
        raise Conflict(gettext("已办结的督办事项不能升级"))
    if notice.level >= TOP_LEVEL:
        raise Conflict(gettext("已是最高级别（约谈），不能再升级"))
    if not reason.strip():
        raise Invalid(gettext("须填写升级理由"))
    today = today or clock.today()
    with transaction.atomic(), audit.acting_as(actor.user, "notice.escalate"):
        if not _escalate(notice, actor, today, reason.strip()):
            raise _stale()
        transaction.on_commit(lambda: announce(notice))
    return notice


def escalate_due(today: date | None = None, *, _between: Callable[[], None] | None = None) -> list[Notice]:
    """Escalate every unanswered notice whose escalation day has come, one level each.

    Safe to run from several workers at once: each notice is claimed by a
    conditional UPDATE, so only one of them moves it. ``_between`` (tests only)
    runs after the candidates are read and before any is claimed.
    """
    today = today or clock.today()
    candidates = list(
        Notice.objects.filter(
            state=NoticeState.OPEN, escalate_on__lte=today, level__lt=TOP_LEVEL, task__active=True
        ).order_by("id")
    )
    if _between is not None:
        _between()
    escalated: list[Notice] = []
    text = gettext("逾期未回复，自动升级")
    for notice in candidates:
        with transaction.atomic(), audit.action("notice.escalate"):
            won = _escalate(notice, None, today, text, state=NoticeState.OPEN, escalate_on__lte=today)
        if won:
            escalated.append(notice)
    return escalated


def ladder(actor: Actor, task: Task) -> QuerySet[NoticeStep]:
    """Every step of every notice on ``task`` the actor may see, in the order they happened (the task page).

    The supervisor, administrator and leader see the whole ladder; a unit's reporter the steps of
    the notices addressed to its unit; anyone else nothing.
    """
    return (
        NoticeStep.objects.filter(notice__task=task, notice__in=notices_for(actor))
        .select_related("notice", "notice__unit")
        .order_by("at", "id")
    )


def task_audit(task: Task) -> QuerySet[AuditLog]:
    """The audit rows of the task's notices, their steps and evidence, and its ledger note, oldest first.

    Not actor-scoped (the audit log is the office's): callers check ``actor.manages``.
    """
    notice_ids = [str(pk) for pk in Notice.objects.filter(task=task).values_list("pk", flat=True)]
    step_ids = [str(pk) for pk in NoticeStep.objects.filter(notice__task=task).values_list("pk", flat=True)]
    evidence_ids = [
        str(pk) for pk in NoticeEvidence.objects.filter(step__notice__task=task).values_list("pk", flat=True)
    ]
    note_ids = [str(pk) for pk in TaskNote.objects.filter(task=task).values_list("pk", flat=True)]
    rule = Q(model="supervision.notice", object_id__in=notice_ids)
    rule |= Q(model="supervision.noticestep", object_id__in=step_ids)
    rule |= Q(model="supervision.noticeevidence", object_id__in=evidence_ids)
    rule |= Q(model="supervision.tasknote", object_id__in=note_ids)
    return AuditLog.objects.filter(rule).order_by("id")
