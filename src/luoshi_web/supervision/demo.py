"""Supervision's part of the demonstration registry, for ``luoshi demo`` to call after its own setup.

Leaves what a visitor should find: open notices at two levels (one 提醒, one escalated
to 督办), one issued bulletin, and the 2016 assessment closed. Idempotent: a registry
that already has notices is left as it is.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext

from luoshi_web.registry import clock
from luoshi_web.registry.models import AssignmentRole, Task
from luoshi_web.registry.permissions import actor_for
from luoshi_web.supervision import assessment, bulletins, notices
from luoshi_web.supervision.models import Bulletin, BulletinState, Notice

DEMO_PERIOD = "2016Q4"
DEMO_YEAR = 2016


def populate(supervisor: Any, *, today: date | None = None) -> dict[str, Any]:
    """Create the demo's notices, bulletin and closed assessment as ``supervisor``; returns what was made."""
    if Notice.objects.exists():
        return {}
    actor = actor_for(supervisor)
    today = today or clock.today()
    tasks = list(
        Task.objects.filter(
            active=True,
            progress_verified=False,
            assignments__role=AssignmentRole.LEAD,
            assignments__unit__isnull=False,
        )
        .distinct()
        .order_by("due", "id")[:2]
    )
    made: dict[str, Any] = {"notices": []}
    for index, task in enumerate(tasks):
        notice = notices.issue(
            actor,
            task,
            reason=gettext("任务推进缓慢，未按要求报送进展"),
            requirement=gettext("书面报告整改措施和完成时间，并附佐证材料"),
            rectify_due=today + timedelta(days=10),
            flagged=True,
            today=today,
        )
        if index == 1:
            notices.escalate(actor, notice, reason=gettext("逾期未回复"), today=today)
        made["notices"].append(notice.pk)
    if not Bulletin.objects.filter(period=DEMO_PERIOD, state=BulletinState.ISSUED).exists():
        draft = bulletins.draft(actor, DEMO_PERIOD, today=today)
        made["bulletin"] = bulletins.issue(actor, draft, today=today).number
    if assessment.scheme_for(DEMO_YEAR).closed_at is None:
        assessment.close_year(actor, DEMO_YEAR, today=today)
        made["assessment"] = DEMO_YEAR
    return made
