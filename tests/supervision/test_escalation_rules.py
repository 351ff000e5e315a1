"""The office's escalation schedule: edited rules drive the daily job, with validation and audit."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import AuditLog
from luoshi_web.supervision import jobs, notices
from luoshi_web.supervision.models import EscalationRule, Level, Notice

from .conftest import World
from .test_notices import issue

pytestmark = pytest.mark.django_db


def test_the_defaults_until_the_office_sets_a_rule(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_NOTICE_WAIT_DAYS = 3
    settings.LUOSHI_NOTICE_REPLY_DAYS = 10
    rows = notices.rules()
    assert [(r["label"], r["wait_days"], r["reply_days"], r["configured"]) for r in rows] == [
        ("提醒", 3, 10, False),
        ("督办", 3, 10, False),
        ("通报", 3, 10, False),
        ("约谈", None, None, False),
    ]
    assert rows[-1]["top"] and rows[0]["next_label"] == "督办"


def test_a_longer_wait_moves_the_escalation_day_of_open_notices(world: World) -> None:
    notice = issue(world)  # due 7-10; default wait 3 days: escalates from 7-14
    assert notice.escalate_on == date(2016, 7, 14)
    done = notices.set_rules(world.actor("supervisor"), {Level.REMIND: (7, 10)})
    assert done == {"rules": 1, "notices": 1}
    notice.refresh_from_db()
    assert notice.escalate_on == date(2016, 7, 18)
    # The old day passes without an escalation; the new one escalates, exactly one level.
    assert jobs.escalate(date(2016, 7, 14)) == 0
    assert jobs.escalate(date(2016, 7, 17)) == 0
    assert Notice.objects.get(pk=notice.pk).level == Level.REMIND
    assert jobs.escalate(date(2016, 7, 18)) == 1
    notice.refresh_from_db()
    assert (notice.level, notice.rectify_due) == (Level.SUPERVISE, date(2016, 7, 28))


def test_a_shorter_wait_and_reply_days_apply_on_the_new_day(world: World) -> None:
    notice = issue(world)
    notices.set_rules(world.actor("supervisor"), {Level.REMIND: (0, 4), Level.SUPERVISE: (1, 6)})
    assert jobs.escalate(date(2016, 7, 10)) == 0  # the due date itself: still the unit's day
    assert jobs.escalate(date(2016, 7, 11)) == 1  # wait 0: the day after the due date
    notice.refresh_from_db()
    # reply days of the 提醒 rule give the 督办's due date; the 督办 rule's wait gives its escalation day
    assert (notice.level, notice.rectify_due, notice.escalate_on) == (
        Level.SUPERVISE,
        date(2016, 7, 15),
        date(2016, 7, 17),
    )
    assert jobs.escalate(date(2016, 7, 16)) == 0
    assert jobs.escalate(date(2016, 7, 17)) == 1
    notice.refresh_from_db()
    assert (notice.level, notice.rectify_due) == (Level.CIRCULATE, date(2016, 7, 23))


def test_each_change_is_audited_with_the_notices_it_moved(world: World) -> None:
    notice = issue(world)
    notices.set_rules(world.actor("supervisor"), {Level.REMIND: (5, 10)})
    notices.set_rules(world.actor("supervisor"), {Level.REMIND: (5, 12)})  # reply days only: no notice moves
    rule_rows = list(AuditLog.objects.filter(model="supervision.escalationrule").order_by("id"))
    assert [(r.action, r.actor_name) for r in rule_rows] == [("escalation.rule", "supervisor")] * 2
    assert rule_rows[0].before is None and rule_rows[0].after["wait_days"] == 5
    assert (rule_rows[1].before["reply_days"], rule_rows[1].after["reply_days"]) == (10, 12)
    moved = AuditLog.objects.filter(model="supervision.notice", object_id=str(notice.pk), action="escalation.rule")
    assert [(r.before["escalate_on"], r.after["escalate_on"]) for r in moved] == [("2016-07-14", "2016-07-16")]
    # unchanged values write nothing
    assert notices.set_rules(world.actor("supervisor"), {Level.REMIND: (5, 12), Level.SUPERVISE: (3, 10)}) == {
        "rules": 0,
        "notices": 0,
    }
    assert EscalationRule.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({Level.REMIND: (-1, 10)}, "提醒的逾期未复升级天数应为 0 到 90 之间的整数"),
        ({Level.REMIND: (91, 10)}, "提醒的逾期未复升级天数应为 0 到 90 之间的整数"),
        ({Level.SUPERVISE: (3, 0)}, "督办的升级后整改天数应为 1 到 180 之间的整数"),
        ({Level.SUPERVISE: (3, 181)}, "督办的升级后整改天数应为 1 到 180 之间的整数"),
        ({Level.REMIND: ("3", 10)}, "应为 0 到 90 之间的整数"),
        ({Level.INTERVIEW: (3, 10)}, "约谈是最高级别"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(world: World, changes, message) -> None:  # type: ignore[no-untyped-def]
    notice = issue(world)
    # a good level first: it must not be saved when another is bad
    with pytest.raises(Invalid, match=message):
        notices.set_rules(world.actor("supervisor"), {Level.CIRCULATE: (9, 9), **changes})
    assert EscalationRule.objects.count() == 0
    assert Notice.objects.get(pk=notice.pk).escalate_on == date(2016, 7, 14)


def test_the_bounds_themselves_are_accepted(world: World) -> None:
    notices.set_rules(world.actor("supervisor"), {Level.REMIND: (0, 1), Level.SUPERVISE: (90, 180)})
    assert notices.schedule(Level.REMIND) == (0, 1) and notices.schedule(Level.SUPERVISE) == (90, 180)


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "expert"])
def test_only_the_office_edits_the_schedule(world: World, persona: str) -> None:
    with pytest.raises(Forbidden):
        notices.set_rules(world.actor(persona), {Level.REMIND: (5, 5)})
    assert EscalationRule.objects.count() == 0


def test_a_replied_notice_is_not_rescheduled(world: World) -> None:
    notice = issue(world)
    notices.reply(world.actor("reporter_a"), notice, text="已整改")
    assert notices.set_rules(world.actor("supervisor"), {Level.REMIND: (6, 10)}) == {"rules": 1, "notices": 0}
    assert Notice.objects.get(pk=notice.pk).escalate_on is None
