"""Reminders before a task's deadline and a notice's due date: sent on the reminder days, not between."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from luoshi_web.registry.models import Task
from luoshi_web.supervision import inbox, jobs
from luoshi_web.supervision.models import Message

from .conftest import World
from .test_notices import issue

pytestmark = pytest.mark.django_db
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def mail_settings(settings, world: World) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_EMAIL_BACKEND = LOCMEM
    settings.LUOSHI_REMIND_DAYS = (7, 3, 1)
    for name, user in world.users.items():
        user.email = f"{name}@example.gov.cn"
        user.save()


def _deadline_messages(user) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.subject for m in inbox.inbox(user) if m.key.startswith("deadline:")]


@pytest.mark.parametrize(
    ("today", "sent"),
    [
        (date(2016, 9, 23), False),  # 8 days before
        (date(2016, 9, 24), True),  # 7
        (date(2016, 9, 25), False),  # 6
        (date(2016, 9, 27), False),  # 4
        (date(2016, 9, 28), True),  # 3
        (date(2016, 9, 29), False),  # 2
        (date(2016, 9, 30), True),  # 1
        (date(2016, 10, 1), False),  # the deadline itself
    ],
)
def test_a_deadline_reminder_on_each_reminder_day_only(world: World, today: date, sent: bool) -> None:
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 10, 1))
    jobs.remind(today)
    subjects = _deadline_messages(world.users["reporter_b"])
    assert subjects == (["1项牵头任务将于2016年10月1日到期"] if sent else [])
    assert (["reporter_b@example.gov.cn"] in [m.to for m in mail.outbox]) == sent
    assert _deadline_messages(world.users["reporter_a"]) == []  # not unit A's lead task


def test_a_verified_task_gets_no_deadline_reminder(world: World) -> None:
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 10, 1), progress_verified=True)
    jobs.remind(date(2016, 9, 30))
    assert _deadline_messages(world.users["reporter_b"]) == []


def test_a_notice_due_reminder_before_its_rectification_due_date(world: World) -> None:
    notice = issue(world, due=date(2016, 7, 10))
    reporter = world.users["reporter_a"]

    def notice_reminders() -> list[str]:
        return list(
            Message.objects.filter(user=reporter, key__startswith="notice:", key__contains=":days:").values_list(
                "subject", flat=True
            )
        )

    jobs.remind(date(2016, 7, 6))  # 4 days before
    assert notice_reminders() == []
    jobs.remind(date(2016, 7, 7))  # 3 days before
    assert notice_reminders() == [f"{notice.number}的整改期限为2016年7月10日，尚未回复"]
    jobs.remind(date(2016, 7, 7))  # a second run repeats nothing
    assert len(notice_reminders()) == 1
