"""Configuring a year's 目标绩效考核 scheme: weights, 督办 deductions per level, caps, expert share.

``assessment.py`` computes with the scheme; this module is how the office changes it. Every
value is checked before anything is written, the scheme is saved with its audit row in one
transaction, and a closed year cannot change (its results were computed by the scheme).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from luoshi_web.registry import audit
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.permissions import Actor, require_manager
from luoshi_web.supervision import assessment
from luoshi_web.supervision.models import AssessmentScheme, Level

MAX_POINTS = Decimal(100)  # a weight, a deduction per notice, a cap: all on the 100-point scale


def _number(value: Any, what: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise Invalid(
            gettext("%(what)s应为 %(low)s 到 %(high)s 之间的数，收到“%(value)s”")
            % {"what": what, "low": low, "high": high, "value": value}
        )
    return number.quantize(Decimal("0.001") if high <= 1 else Decimal("0.01"))


def set_scheme(
    actor: Actor,
    year: int,
    *,
    weights: dict[str, Any],
    notice_points: dict[int, Any],
    deduction_cap: Any,
    bonus_cap: Any,
    expert_share: Any,
) -> AssessmentScheme:
    """Save ``year``'s scheme; ``weights`` by component key (on_time, targets, punctuality, quality, notices)."""
    require_manager(actor)
    scheme = assessment.scheme_for(year)
    if scheme.closed_at is not None:
        raise Conflict(gettext("%(year)s年度考核已关闭，结果不能再改变") % {"year": year})
    values: dict[str, Any] = {}
    for key, field, label in assessment.COMPONENTS:
        values[field] = _number(weights.get(key), gettext("%(label)s权重") % {"label": label}, Decimal(0), MAX_POINTS)
    points = {}
    for level in Level:
        what = gettext("每件%(level)s扣分") % {"level": level.label}
        points[str(int(level))] = float(_number(notice_points.get(int(level)), what, Decimal(0), MAX_POINTS))
    values["notice_points"] = points
    values["deduction_cap"] = _number(deduction_cap, gettext("扣分上限"), Decimal(0), MAX_POINTS)
    values["bonus_cap"] = _number(bonus_cap, gettext("加分上限"), Decimal(0), MAX_POINTS)
    values["expert_share"] = _number(expert_share, gettext("第三方测评占比"), Decimal(0), Decimal(1))
    for name, value in values.items():
        setattr(scheme, name, value)
    assessment._validate(scheme)  # the rules compute() applies (weights sum above zero ...)
    with transaction.atomic(), audit.acting_as(actor.user, "assessment.scheme"):
        scheme.save()
    return scheme
