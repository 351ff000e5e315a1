"""Scheduler: reminders and escalation jobs, inbox read/unread, e-mail, the queue's claim, the worker."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from huey import SqliteHuey

from luoshi_web.registry.errors import NotFound
from luoshi_web.registry.models import Task
from luoshi_web.supervision import inbox, jobs
from luoshi_web.supervision.models import Message

from .conftest import World
from .test_notices import issue

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def locmem_mail(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_EMAIL_BACKEND = LOCMEM


def with_email(world: World) -> None:
    for name, user in world.users.items():
        user.email = f"{name}@example.gov.cn"
        user.save()


@pytest.mark.django_db(transaction=True)
def test_issue_and_escalation_reach_the_units_inbox_once(world: World) -> None:
    with_email(world)
    notice = issue(world)  # due 7-10, escalates 7-14
    reporter = world.users["reporter_a"]
    assert [m.subject for m in inbox.inbox(reporter)] == ["【提醒】督提〔2016〕1号：请于2016年7月10日前回复整改情况"]
    assert inbox.inbox(world.users["reporter_b"]).count() == 0
    assert jobs.escalate(date(2016, 7, 13)) == 0
    assert jobs.escalate(date(2016, 7, 14)) == 1
    assert jobs.escalate(date(2016, 7, 14)) == 0
    subjects = [m.subject for m in inbox.inbox(reporter)]
    assert subjects[0] == "【督办】督办〔2016〕1号：请于2016年7月24日前回复整改情况" and len(subjects) == 2
    assert [m.to for m in mail.outbox] == [["reporter_a@example.gov.cn"]] * 2
    notice.refresh_from_db()
    assert notice.level == 2


def test_reminders_before_cycle_due_and_deadlines_are_sent_once(world: World) -> None:
    with_email(world)
    # The 2016Q2 cycle is due 2016-07-15; 7 days before, every unit owes its reports.
    assert jobs.remind(date(2016, 7, 9)) == 0
    sent = jobs.remind(date(2016, 7, 8))
    subjects = {m.user.username: m.subject for m in Message.objects.all()}
    assert subjects["reporter_a"] == "2016Q2进展报告将于2016年7月15日截止，尚有3项未报送"
    assert subjects["reporter_b"] == "2016Q2进展报告将于2016年7月15日截止，尚有2项未报送"
    assert sent == 2 and jobs.remind(date(2016, 7, 8)) == 0  # a second run repeats nothing
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 8, 4))
    assert jobs.remind(date(2016, 8, 1)) == 1  # 3 days before B's deadline
    assert inbox.inbox(world.users["reporter_b"]).first().subject == "1项牵头任务将于2016年8月4日到期"
    assert len(mail.outbox) == 3


def test_attention_digest_for_supervisors(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 7, 20))
    assert jobs.attention(date(2016, 7, 1)) == 1
    (message,) = inbox.inbox(world.users["supervisor"])
    # task_a is past its deadline; task_b is due within the 30-day window with nothing reported
    assert message.subject == "2016年7月1日需关注：逾期1项，滞后风险1项，督办超期未复0件，待审回复0件"
    assert jobs.attention(date(2016, 7, 1)) == 0


def test_read_and_unread(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        issue(world)
    reporter = world.users["reporter_a"]
    (message,) = inbox.inbox(reporter)
    assert inbox.unread_count(reporter) == 1
    inbox.mark_read(reporter, message.pk)
    assert inbox.unread_count(reporter) == 0 and inbox.inbox(reporter, unread_only=True).count() == 0
    inbox.mark_read(reporter, message.pk, read=False)
    assert inbox.unread_count(reporter) == 1
    with pytest.raises(NotFound):
        inbox.mark_read(world.users["reporter_b"], message.pk)
    assert inbox.mark_all_read(reporter) == 1


def test_two_queue_consumers_never_take_the_same_job(tmp_path: Path) -> None:
    queue = SqliteHuey("test", filename=str(tmp_path / "q.sqlite3"))
    ran: list[int] = []

    @queue.task()
    def job(n: int) -> None:
        ran.append(n)

    for n in range(40):
        job(n)
    barrier = threading.Barrier(2)
    taken: list[list[object]] = [[], []]

    def consumer(slot: int) -> None:
        barrier.wait()
        while (item := queue.dequeue()) is not None:
            taken[slot].append(item.id)

    threads = [threading.Thread(target=consumer, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(taken[0]) + len(taken[1]) == 40
    assert not set(taken[0]) & set(taken[1])


def test_worker_once(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    issue(world)
    call_command("worker", "--once", "--today", "2016-07-14")
    assert "升级督办 1 件" in capsys.readouterr().out


def test_daily_jobs_are_scheduled_at_the_configured_hour() -> None:
    from luoshi_web.supervision import queue

    due = {task.name for task in queue.huey.read_periodic(datetime(2016, 7, 1, 7, 0))}
    assert due == {"luoshi.escalate", "luoshi.remind", "luoshi.attention", "luoshi.dashboard"}
    assert queue.huey.read_periodic(datetime(2016, 7, 1, 8, 0)) == []


def test_the_worker_s_daily_dashboard_job_refreshes_the_summary(world: World) -> None:
    from luoshi_web.supervision import queue
    from luoshi_web.supervision.models import DashboardRefresh

    job, _lock = queue.JOBS["luoshi.dashboard"]  # what the worker's periodic task runs, in its lock
    assert not DashboardRefresh.objects.exists()
    job(date(2016, 7, 14))
    assert list(DashboardRefresh.objects.values_list("as_of", flat=True)) == [date(2016, 7, 14)]
