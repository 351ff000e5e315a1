"""督办 notices: who may issue, reply, close and escalate; escalation timing; the race; the ladder."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from luoshi_web.registry.errors import Conflict, Forbidden, Invalid, NotFound
from luoshi_web.registry.models import AuditLog, Task
from luoshi_web.supervision import notices
from luoshi_web.supervision.models import EscalationRule, Level, Notice, NoticeState, NoticeStep

from .conftest import World

TODAY = date(2016, 7, 1)


def overdue(world: World) -> Task:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    world.task_a.refresh_from_db()
    return world.task_a


def issue(world: World, *, due: date = date(2016, 7, 10), level: int = Level.REMIND) -> Notice:
    return notices.issue(
        world.actor("supervisor"),
        overdue(world),
        reason="任务已逾期",
        requirement="请于期限前书面回复整改情况并附佐证材料",
        rectify_due=due,
        level=level,
        today=TODAY,
    )


def test_issue_from_overdue_task_numbers_it_and_starts_the_ladder(world: World) -> None:
    notice = issue(world)
    assert (notice.level, notice.state, notice.unit_id) == (Level.REMIND, NoticeState.OPEN, world.unit_a.pk)
    assert notice.number == "督提〔2016〕1号"
    assert notice.escalate_on == date(2016, 7, 14)  # due 7-10 + 3 waiting days, the day after
    second = issue(world)
    assert second.number == "督提〔2016〕2号"
    steps = list(notices.ladder(world.actor("leader"), world.task_a).values_list("action", "level", "number"))
    assert steps == [("issue", 1, "督提〔2016〕1号"), ("issue", 1, "督提〔2016〕2号")]


def test_a_task_on_track_needs_a_flag(world: World) -> None:
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 12, 31))
    world.task_b.refresh_from_db()
    kwargs = {"reason": "专项督查发现问题", "requirement": "限期整改", "rectify_due": date(2016, 7, 20), "today": TODAY}
    with pytest.raises(Invalid, match="逾期或滞后"):
        notices.issue(world.actor("supervisor"), world.task_b, **kwargs)
    flagged = notices.issue(world.actor("supervisor"), world.task_b, flagged=True, **kwargs)
    assert flagged.unit_id == world.unit_b.pk


def test_bad_issue_input_is_refused(world: World) -> None:
    task = overdue(world)
    sup = world.actor("supervisor")
    with pytest.raises(Invalid, match="整改期限"):
        notices.issue(sup, task, reason="逾期", requirement="回复", rectify_due=date(2016, 6, 1), today=TODAY)
    with pytest.raises(Invalid, match="督办事由"):
        notices.issue(sup, task, reason=" ", requirement="回复", rectify_due=date(2016, 7, 9), today=TODAY)
    with pytest.raises(Invalid, match="主送单位"):
        notices.issue(
            sup,
            task,
            reason="逾期",
            requirement="回复",
            rectify_due=date(2016, 7, 9),
            unit_id=world.unit_b.pk,
            today=TODAY,
        )
    assert Notice.objects.count() == 0


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "expert"])
def test_only_the_supervisor_issues_closes_and_escalates(world: World, persona: str) -> None:
    notice = issue(world)
    with pytest.raises(Forbidden):
        notices.issue(
            world.actor(persona), world.task_a, reason="x", requirement="y", rectify_due=date(2016, 7, 9), today=TODAY
        )
    with pytest.raises(Forbidden):
        notices.close(world.actor(persona), notice)
    with pytest.raises(Forbidden):
        notices.escalate(world.actor(persona), notice, reason="x")


def test_visibility_and_reply_only_by_the_addressed_unit(world: World) -> None:
    notice = issue(world)
    assert notices.get_notice(world.actor("leader"), notice.pk) == notice
    assert notices.get_notice(world.actor("reporter_a"), notice.pk) == notice
    for persona in ("reporter_b", "expert"):
        with pytest.raises(NotFound):
            notices.get_notice(world.actor(persona), notice.pk)
    with pytest.raises(NotFound):
        notices.reply(world.actor("reporter_b"), notice, text="不是我们的")
    with pytest.raises(Forbidden):
        notices.reply(world.actor("leader"), notice, text="领导不回复")
    with pytest.raises(Invalid):
        notices.reply(world.actor("reporter_a"), notice, text="已整改", evidence=[("空.pdf", b"")])
    replied = notices.reply(world.actor("reporter_a"), notice, text="已整改完毕", evidence=[("整改报告.pdf", b"%PDF")])
    assert replied.state == NoticeState.REPLIED and replied.escalate_on is None
    step = NoticeStep.objects.get(notice=notice, action="reply")
    assert [e.original_name for e in step.evidence.all()] == ["整改报告.pdf"]
    with pytest.raises(Conflict):
        notices.reply(world.actor("reporter_a"), replied, text="再回复一次")
    closed = notices.close(world.actor("supervisor"), replied, text="整改到位")
    assert closed.state == NoticeState.CLOSED
    assert notices.escalate_due(date(2017, 1, 1)) == []


def test_unanswered_notice_climbs_one_level_per_period(world: World) -> None:
    notice = issue(world)  # due 7-10, escalates from 7-14
    assert notices.escalate_due(date(2016, 7, 13)) == []
    assert [n.pk for n in notices.escalate_due(date(2016, 7, 14))] == [notice.pk]
    notice.refresh_from_db()
    assert (notice.level, notice.rectify_due, notice.escalate_on) == (
        Level.SUPERVISE,
        date(2016, 7, 24),
        date(2016, 7, 28),
    )
    assert notice.number == "督办〔2016〕1号"
    assert notices.escalate_due(date(2016, 7, 14)) == []  # the same day again: no second level
    assert notices.escalate_due(date(2016, 7, 27)) == []
    # A worker that missed weeks still moves it one level, and the next period starts from that day.
    assert len(notices.escalate_due(date(2016, 9, 1))) == 1
    notice.refresh_from_db()
    assert (notice.level, notice.rectify_due) == (Level.CIRCULATE, date(2016, 9, 11))
    assert len(notices.escalate_due(date(2016, 9, 15))) == 1
    notice.refresh_from_db()
    assert (notice.level, notice.escalate_on) == (Level.INTERVIEW, None)
    assert notices.escalate_due(date(2017, 1, 1)) == []  # 约谈 is the top
    ladder = list(notices.ladder(world.actor("leader"), world.task_a).values_list("action", "level"))
    assert ladder == [("issue", 1), ("escalate", 2), ("escalate", 3), ("escalate", 4)]
    audit = AuditLog.objects.filter(model="supervision.notice", object_id=str(notice.pk), action="notice.escalate")
    assert [row.after["level"] for row in audit] == [2, 3, 4]
    assert [row.before["level"] for row in audit] == [1, 2, 3]


def test_ladder_is_seen_by_role(world: World) -> None:
    to_a = issue(world)
    to_b = notices.issue(
        world.actor("supervisor"),
        world.task_ab,
        reason="配合不力",
        requirement="回复",
        rectify_due=date(2016, 7, 9),
        unit_id=world.unit_b.pk,
        flagged=True,
        today=TODAY,
    )

    def seen(persona: str) -> set[int]:
        return {s.notice_id for s in notices.ladder(world.actor(persona), world.task_ab)}

    assert seen("supervisor") == seen("leader") == {to_b.pk}
    assert seen("reporter_b") == {to_b.pk} and seen("reporter_a") == set() and seen("expert") == set()
    assert {s.notice_id for s in notices.ladder(world.actor("reporter_a"), world.task_a)} == {to_a.pk}


def test_a_task_dropped_by_a_revision_stops_escalating(world: World) -> None:
    issue(world)
    Task.objects.filter(pk=world.task_a.pk).update(active=False)
    assert notices.escalate_due(date(2016, 7, 14)) == []


def test_schedule_is_configured_per_level(world: World) -> None:
    EscalationRule.objects.create(level=Level.REMIND, wait_days=0, reply_days=5)
    notice = issue(world)
    assert notice.escalate_on == date(2016, 7, 11)
    assert notices.escalate_due(date(2016, 7, 10)) == []
    assert len(notices.escalate_due(date(2016, 7, 11))) == 1
    notice.refresh_from_db()
    assert notice.rectify_due == date(2016, 7, 16)


def test_supervisor_escalates_a_weak_reply_by_hand(world: World) -> None:
    notice = issue(world)
    notices.reply(world.actor("reporter_a"), notice, text="正在研究")
    notice.refresh_from_db()
    escalated = notices.escalate(world.actor("supervisor"), notice, reason="回复敷衍", today=date(2016, 7, 12))
    escalated.refresh_from_db()
    assert (escalated.level, escalated.state, escalated.reply) == (Level.SUPERVISE, NoticeState.OPEN, "")
    stale = Notice.objects.get(pk=notice.pk)
    stale.version -= 1  # someone else's older copy
    with pytest.raises(Conflict):
        notices.escalate(world.actor("supervisor"), stale, reason="再升一级")


def test_top_level_cannot_escalate(world: World) -> None:
    notice = issue(world, level=Level.INTERVIEW)
    assert notice.escalate_on is None
    with pytest.raises(Conflict, match="最高级别"):
        notices.escalate(world.actor("supervisor"), notice, reason="x")


@pytest.mark.django_db(transaction=True)
def test_two_workers_escalate_a_notice_once(world: World) -> None:
    notice = issue(world)
    barrier = threading.Barrier(2, timeout=20)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            done = notices.escalate_due(date(2016, 7, 14), _between=barrier.wait)
            results.append(len(done))
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(results) == [0, 1]  # both saw the notice due; exactly one moved it
    notice.refresh_from_db()
    assert notice.level == Level.SUPERVISE
    assert NoticeStep.objects.filter(notice=notice, action="escalate").count() == 1
    assert AuditLog.objects.filter(model="supervision.notice", action="notice.escalate").count() == 1


def test_escalate_command(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    issue(world)
    call_command("notices", "escalate", "--today", "2016-07-14")
    out = capsys.readouterr().out
    assert "督办〔2016〕1号" in out and "共升级 1 件" in out
    call_command("notices", "escalate", "--today", "2016-07-14")
    assert "共升级 0 件" in capsys.readouterr().out
