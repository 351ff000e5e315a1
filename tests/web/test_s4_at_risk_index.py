"""The partial index ``task_at_risk_idx`` holds every task that can be at risk: its condition is the
part of ``status.status_filter(AT_RISK)`` that does not move with the date, with the same
threshold, so the planner may read a reporter's "at risk" arm from it (bench/README, Office pages)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from luoshi_web.registry import status
from luoshi_web.registry.models import Task

from .conftest import World
from .test_s4_two_arm_list import build_registry


def _index() -> Q:
    (index,) = [i for i in Task._meta.indexes if i.name == "task_at_risk_idx"]
    assert index.fields == ["document_published", "due", "id"]
    return index.condition


def test_the_threshold_is_the_status_rules() -> None:
    condition = _index()
    lookups = dict(condition.children[1].children)
    assert lookups == {"latest_percent__isnull": True, "latest_percent__lt": status.AT_RISK_BELOW_PERCENT}
    assert condition.children[0] == ("progress_verified", False)


def test_every_task_at_risk_is_in_the_index(world: World) -> None:
    build_registry(world)
    for today in (date(2016, 6, 15) + timedelta(days=d) for d in (-60, -1, 0, 20, 200)):
        at_risk = Task.objects.filter(status.status_filter(status.AT_RISK, today))
        assert at_risk.exists(), today
        assert not at_risk.exclude(_index()).exists(), today
    # and it is narrower than the tasks: verified or well-advanced tasks are not in it
    assert Task.objects.exclude(_index()).exists()
