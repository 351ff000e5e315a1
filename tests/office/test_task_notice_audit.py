"""A task's whole 督办 ladder is in its audit history on the task page (for the office), in words."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from luoshi_web.registry import clock
from luoshi_web.registry.models import Task
from luoshi_web.supervision import notices
from web.conftest import World

pytestmark = pytest.mark.django_db
TODAY = date(2016, 7, 1)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _ladder(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    world.task_a.refresh_from_db()
    notice = notices.issue(
        world.actor("supervisor"), world.task_a, reason="逾期", requirement="书面回复", rectify_due=date(2016, 7, 10)
    )
    notices.reply(world.actor("reporter_a"), notice, text="正在整改")
    notice.refresh_from_db()
    notices.escalate(world.actor("supervisor"), notice, reason="回复不具体", today=date(2016, 7, 12))
    # another task's notice must not appear on task_a's page
    notices.issue(
        world.actor("supervisor"),
        world.task_b,
        reason="另一任务",
        requirement="回复",
        rectify_due=date(2016, 7, 10),
        flagged=True,
    )


def _audit_list(page: str) -> list[str]:
    match = re.search(r'<ul class="history" id="notice-audit">(.*?)</ul>', page, re.S)
    assert match, "no 督办 audit list on the page"
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def test_the_office_sees_every_step_of_the_ladder_in_the_tasks_audit_history(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    _ladder(world)
    page = browse("supervisor").get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    items = _audit_list(page)
    actions = [item.split(" · ")[1] for item in items]
    assert actions[0] == "下发督办" and "回复督办" in actions and "升级督办" in actions
    escalated = [item for item in items if "升级督办" in item and "督办事项" in item]
    assert len(escalated) == 1 and "提醒 → 督办" in escalated[0] and "督办〔2016〕1号" in escalated[0]
    assert not any("督提〔2016〕2号" in item for item in items)  # task_b's notice


@pytest.mark.parametrize("persona", ["leader", "reporter_a"])
def test_read_only_roles_see_the_ladder_but_not_the_audit_log(world: World, browse, persona: str) -> None:  # type: ignore[no-untyped-def]
    _ladder(world)
    page = browse(persona).get(reverse("office:task", args=[world.task_a.pk])).content.decode()
    assert "督提〔2016〕1号" in page  # the ladder itself
    assert 'id="notice-audit"' not in page
