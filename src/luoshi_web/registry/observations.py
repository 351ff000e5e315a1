"""Target observations: who may record a measured value of a target, and recording it.

The supervision office records any target. A unit's reporter records the targets its
unit delivers: the units of the target's link (``TargetLink``, set by the office as a
correction: its units, and the units of its task) when the office has linked it; until
then, the units named on the active tasks of the same document (the units the document
makes responsible) and the unit that issued the document (a city's own plan).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext

from luoshi_web.registry import audit
from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import Observation, Role, Target, TargetLink, TaskUnit, Unit
from luoshi_web.registry.permissions import Actor, require_user


def may_record(actor: Actor, target: Target) -> bool:
    if actor.manages:
        return True
    if actor.role != Role.REPORTER or actor.unit_id is None:
        return False
    link = TargetLink.objects.filter(target=target).first()
    if link is not None and (link.task_id is not None or link.units.exists()):
        if link.units.filter(pk=actor.unit_id).exists():
            return True
        return (
            link.task_id is not None and TaskUnit.objects.filter(task_id=link.task_id, unit_id=actor.unit_id).exists()
        )
    issuers = target.document.issuers or []
    if issuers and Unit.objects.filter(pk=actor.unit_id, name__in=issuers).exists():
        return True
    return TaskUnit.objects.filter(
        task__document_id=target.document_id, task__active=True, unit_id=actor.unit_id
    ).exists()


def record(actor: Actor, target: Target, *, value: float, as_of: date, source: str, today: date) -> Observation:
    """Add an observation (with its audit row); a date in the future or an empty source is refused."""
    require_user(actor)
    if not may_record(actor, target):
        raise Forbidden(gettext("只有督查室或此指标责任单位的填报账号可以报送监测值"))
    if as_of > today:
        raise Invalid(gettext("监测日期 %(day)s 晚于今天") % {"day": as_of.isoformat()})
    if not source.strip():
        raise Invalid(gettext("请填写数据来源"))
    with audit.acting_as(actor.user, "observation.add"):
        return Observation.objects.create(
            target=target, value=value, as_of=as_of, source=source.strip()[:300], created_by=actor.user
        )
