"""The dashboard's numbers equal the task list's filtered counts, for every cell and role."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi_web.registry.errors import Unauthorized
from luoshi_web.registry.models import Task
from luoshi_web.registry.status import OVERDUE, STATUSES
from luoshi_web.supervision import dashboard
from luoshi_web.supervision.models import Level
from luoshi_web.supervision.selection import TaskSelection, select_tasks

from .conftest import World
from .test_notices import issue

TODAY = date(2016, 7, 1)


def listed(world: World, persona: str, **filters: object) -> int:
    return select_tasks(world.actor(persona), TaskSelection(**filters), TODAY).count()  # type: ignore[arg-type]


@pytest.mark.parametrize("persona", ["supervisor", "leader", "reporter_a", "reporter_b"])
def test_every_number_equals_its_task_list(world: World, persona: str) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))  # overdue
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 7, 20))  # at risk
    issue(world)
    data = dashboard.overview(world.actor(persona), TODAY)
    assert data["totals"]["total"] == listed(world, persona)
    cells = [data["totals"], *data["by_document"], *data["by_unit"]]
    assert len(cells) > 2
    for cell in cells:
        assert cell["total"] == listed(world, persona, **cell["filters"])
        for status in STATUSES:
            assert cell["by_status"][status] == listed(world, persona, status=status, **cell["filters"])
    if persona == "supervisor":  # and by hand: task_ab and task_public have no deadline, so not started
        assert data["totals"]["by_status"] == {
            "not_started": 2, "in_progress": 0, "completed": 0, "overdue": 1, "at_risk": 1,
        } and data["totals"]["total"] == 4  # fmt: skip
        units = {c["unit"]: (c["total"], c["by_status"][OVERDUE]) for c in data["by_unit"]}
        assert units == {"省发展改革委": (3, 1), "省财政厅": (2, 0)}
    expected_open = 1 if persona in ("supervisor", "leader", "reporter_a") else 0
    assert data["notices_by_level"][0] == {"level": Level.REMIND, "label": "提醒", "open": expected_open}


def test_attention_lists_and_anonymous(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    assert [t.pk for t in dashboard.attention_list(world.actor("leader"), TODAY, OVERDUE)] == [world.task_a.pk]
    with pytest.raises(Unauthorized):
        dashboard.overview(world.actor("anonymous"), TODAY)
