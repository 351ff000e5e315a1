"""The escalation schedule page: who sees it, validation messages, the change and its audit, CSRF."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from luoshi_web.registry import clock
from luoshi_web.registry.models import AuditLog, Task
from luoshi_web.supervision import jobs, notices
from luoshi_web.supervision.models import EscalationRule, Level, Notice
from web.conftest import World

pytestmark = pytest.mark.django_db
TODAY = date(2016, 7, 1)
URL = "/supervision/escalation/"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _form(**over: int) -> dict[str, str]:
    data = {"wait_1": 3, "reply_1": 10, "wait_2": 3, "reply_2": 10, "wait_3": 3, "reply_3": 10}
    return {k: str(v) for k, v in {**data, **over}.items()}


def _notice(world: World) -> Notice:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    world.task_a.refresh_from_db()
    return notices.issue(
        world.actor("supervisor"),
        world.task_a,
        reason="逾期",
        requirement="书面回复",
        rectify_due=date(2016, 7, 10),
        today=TODAY,
    )


def test_the_page_lists_the_ladder_and_is_linked_from_the_notices(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    assert reverse("office:escalation") == URL
    client = browse("supervisor")
    assert URL in client.get(reverse("office:notices")).content.decode()
    page = client.get(URL).content.decode()
    for label in ("提醒", "督办", "通报", "约谈", "最高级别，不再自动升级", "系统默认"):
        assert label in page
    assert page.count('type="number"') == 6
    assert URL not in browse("leader").get(reverse("office:notices")).content.decode()


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("reporter_a", 403), ("expert", 403)])
def test_other_roles_get_403(world: World, browse, persona: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(URL).status_code == status
    assert client.post(URL, _form(wait_1=9)).status_code == status
    assert EscalationRule.objects.count() == 0


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("anonymous")
    for response in (client.get(URL), client.post(URL, _form(wait_1=9))):
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))
    assert EscalationRule.objects.count() == 0


def test_the_form_needs_its_csrf_token(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    strict = browse("supervisor", csrf=True)
    assert strict.post(URL, _form(wait_1=9)).status_code == 403
    assert EscalationRule.objects.count() == 0
    assert "csrfmiddlewaretoken" in strict.get(URL).content.decode()


def test_an_edit_is_saved_audited_and_used_by_the_job(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)  # default: escalates from 7-14
    client = browse("supervisor")
    response = client.post(URL, _form(wait_1=6, reply_1=12))
    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL).content.decode()
    assert "已保存 1 级升级规则，1 件未回复的督办按新规则重新计算升级日期" in page and "本室设置" in page
    assert 'name="wait_1" value="6"' in page
    rule = EscalationRule.objects.get()
    assert (rule.level, rule.wait_days, rule.reply_days) == (Level.REMIND, 6, 12)
    assert AuditLog.objects.filter(model="supervision.escalationrule", actor_name="supervisor").count() == 1
    assert jobs.escalate(date(2016, 7, 16)) == 0  # the old day (7-14) and the day before the new one
    assert jobs.escalate(date(2016, 7, 17)) == 1
    notice.refresh_from_db()
    assert (notice.level, notice.rectify_due) == (Level.SUPERVISE, date(2016, 7, 29))


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"wait_1": "-1"}, "wait_1", "提醒的逾期未复升级天数应为 0 到 90 之间的整数"),
        ({"wait_2": "91"}, "wait_2", "督办的逾期未复升级天数应为 0 到 90 之间的整数"),
        ({"reply_3": "0"}, "reply_3", "通报的升级后整改天数应为 1 到 180 之间的整数"),
        ({"reply_1": "181"}, "reply_1", "提醒的升级后整改天数应为 1 到 180 之间的整数"),
        ({"wait_1": "三"}, "wait_1", "提醒的逾期未复升级天数应为 0 到 90 之间的整数"),
        ({"reply_2": ""}, "reply_2", "督办的升级后整改天数应为 1 到 180 之间的整数"),
        ({"wait_3": "2.5"}, "wait_3", "通报的逾期未复升级天数应为 0 到 90 之间的整数"),
    ],
)
def test_bad_values_are_form_errors_and_change_nothing(world: World, browse, over, field, message) -> None:  # type: ignore[no-untyped-def]
    notice = _notice(world)
    response = browse("supervisor").post(URL, {**_form(wait_3=8), **over})
    assert response.status_code == 422
    page = response.content.decode()
    # the message stands under its own field, and only there
    assert page.count(message) == 1
    cell = page[page.index(f'id="id_{field}"') :]
    assert message in cell[: cell.index("</td>")]
    assert EscalationRule.objects.count() == 0
    assert Notice.objects.get(pk=notice.pk).escalate_on == date(2016, 7, 14)


def test_the_page_reads_in_english(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    page = client.get(URL, headers={"accept-language": "en"}).content.decode()
    for text in ("Escalation rule", "Top level: no further automatic escalation", "System default"):
        assert text in page
