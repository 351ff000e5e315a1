"""Supervision's tables under the registry's audited machinery: checked values, one audit row per
changed row, the row and its audit row in one transaction, no audit row written by hand."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db.models import F

from luoshi_web.registry import audit
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AuditLog
from luoshi_web.supervision import bulletins, inbox, notices
from luoshi_web.supervision.models import (
    Adjustment,
    AssessmentScheme,
    Bulletin,
    EscalationRule,
    Message,
    Notice,
    NoticeState,
    NoticeStep,
    NumberSequence,
    TaskNote,
)
from luoshi_web.supervision.numbering import next_number

from .conftest import World
from .test_notices import issue

SUPERVISION_SRC = Path(__file__).resolve().parents[2] / "src" / "luoshi_web" / "supervision"


def _audit_rows(model: type[Any]) -> int:
    return AuditLog.objects.filter(model=model._meta.label_lower).count()


# Each case: a model and a row of it with one value its column refuses on PostgreSQL.
def _notice(world: World) -> Notice:
    return Notice(
        task=world.task_a, unit=world.unit_a, level=1, number="督" * 61, reason="r", requirement="q",
        rectify_due=date(2016, 7, 10), issued_on=date(2016, 7, 1),
    )  # fmt: skip


def _step(world: World) -> NoticeStep:
    return NoticeStep(notice=issue(world), action="reply", level=1, on=date(2016, 7, 2), actor_name="x" * 151)


def _scheme(world: World) -> AssessmentScheme:
    return AssessmentScheme(year=70000)


def _adjustment(world: World) -> Adjustment:
    return Adjustment(scheme=AssessmentScheme.objects.create(year=2016), unit=world.unit_a, points=1, reason="加\x00分")


CASES: dict[str, Callable[[World], Any]] = {
    "notice": _notice,
    "step": _step,
    "rule": lambda w: EscalationRule(level=1, wait_days=40000, reply_days=5),
    "sequence": lambda w: NumberSequence(prefix="督" * 31, year=2016),
    "note": lambda w: TaskNote(task=w.task_a, text="备\x00注"),
    "bulletin": lambda w: Bulletin(
        period="2016Q2" * 2, period_start=date(2016, 4, 1), period_end=date(2016, 6, 30), as_of=date(2016, 6, 30)
    ),
    "message": lambda w: Message(user=w.users["reporter_a"], key="k", subject="题" * 201),
    "scheme": _scheme,
    "adjustment": _adjustment,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_value_its_column_refuses_writes_neither_the_row_nor_an_audit_row(world: World, case: str) -> None:
    row = CASES[case](world)
    model = type(row)
    rows_before, audit_before = model.objects.count(), _audit_rows(model)
    with pytest.raises(Invalid):
        row.save()
    assert model.objects.count() == rows_before
    assert _audit_rows(model) == audit_before


def test_the_same_row_with_a_valid_value_is_written_with_its_audit_row(world: World) -> None:
    """The other side of the cases above: the limit itself is accepted."""
    row = NumberSequence(prefix="督" * 30, year=2016)
    row.save()
    assert _audit_rows(NumberSequence) == 1
    assert AuditLog.objects.get(model="supervision.numbersequence").after["prefix"] == "督" * 30


def test_a_number_with_a_prefix_too_long_is_refused_before_anything_is_written(world: World) -> None:
    with pytest.raises(Invalid, match="prefix"):
        next_number("督" * 31, 2016)
    assert not NumberSequence.objects.exists() and _audit_rows(NumberSequence) == 0
    assert next_number("督办", 2016) == "督办〔2016〕1号"
    assert next_number("督办", 2016) == "督办〔2016〕2号"
    assert next_number("督办", 2017) == "督办〔2017〕1号"  # a 发文字号 takes the year of issue
    # one audit row per number taken: the sequence's creation, then its update from 1 to 2
    changes = [(r.action, (r.before or {}).get("last"), r.after["last"]) for r in _log(NumberSequence)]
    assert changes == [("create", None, 1), ("update", 1, 2), ("create", None, 1)]


def _log(model: type[Any]) -> list[AuditLog]:
    return list(AuditLog.objects.filter(model=model._meta.label_lower).order_by("id"))


def test_a_bulk_update_writes_one_audit_row_per_object(world: World) -> None:
    user = world.users["reporter_a"]
    for n in range(3):
        inbox.notify([user], key=f"k{n}", subject=f"消息{n}")
    inbox.notify([world.users["reporter_b"]], key="k0", subject="别人的")
    assert [r.action for r in _log(Message)] == ["create"] * 4
    assert inbox.mark_all_read(user) == 3
    updates = [r for r in _log(Message) if r.action == "update"]
    mine = sorted(str(pk) for pk in Message.objects.filter(user=user).values_list("pk", flat=True))
    assert sorted(r.object_id for r in updates) == mine
    assert all(r.before["read_at"] is None and r.after["read_at"] for r in updates)
    assert inbox.mark_all_read(user) == 0  # nothing left unread: no more rows
    assert len([r for r in _log(Message) if r.action == "update"]) == 3


def test_a_bulk_update_with_a_refused_value_or_an_expression_changes_nothing(world: World) -> None:
    issue(world)
    issue(world)
    before = _audit_rows(Notice)
    with pytest.raises(Invalid):
        Notice.objects.all().update(number="督" * 61)
    with pytest.raises(Invalid):
        Notice.objects.all().update(version=F("version") + 1)  # cannot be checked before it is written
    assert set(Notice.objects.values_list("version", flat=True)) == {0}
    assert _audit_rows(Notice) == before
    assert Notice.objects.all().update(reason="改为书面督办") == 2
    assert _audit_rows(Notice) == before + 2


def test_each_notice_change_is_one_audit_row_with_its_domain_action(world: World) -> None:
    notice = issue(world)
    notices.reply(world.actor("reporter_a"), notice, text="正在整改")
    notice.refresh_from_db()
    notices.escalate(world.actor("supervisor"), notice, reason="回复不实", today=date(2016, 7, 12))
    rows = [(r.action, r.before and r.before["number"], r.after["number"]) for r in _log(Notice)]
    # the escalation's new level and its new 发文字号 are one UPDATE, so one row, not two
    assert rows == [
        ("notice.issue", None, "督提〔2016〕1号"),
        ("notice.reply", "督提〔2016〕1号", "督提〔2016〕1号"),
        ("notice.escalate", "督提〔2016〕1号", "督办〔2016〕1号"),
    ]
    escalated = _log(Notice)[-1]
    assert (escalated.before["level"], escalated.after["level"]) == (1, 2)
    assert escalated.after["version"] == escalated.before["version"] + 1
    step = NoticeStep.objects.filter(notice=notice, action="escalate").get()
    assert step.number == "督办〔2016〕1号"


def test_an_issued_bulletin_is_one_audit_row_with_its_file_as_a_digest(world: World) -> None:
    sup = world.actor("supervisor")
    issued = bulletins.issue(sup, bulletins.draft(sup, "2016Q2", today=date(2016, 7, 5)), today=date(2016, 7, 6))
    row = AuditLog.objects.get(model="supervision.bulletin", action="bulletin.issue")
    assert (row.before["state"], row.after["state"]) == ("draft", "issued")
    assert row.before["document"] is None
    assert row.after["document"] == hashlib.sha256(bytes(issued.document)).hexdigest()
    assert row.after["number"] == issued.number and issued.number.endswith("〔2016〕1号")


def test_a_failing_audit_row_takes_the_notice_change_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    notice = issue(world)
    real = audit._write

    def broken(action_name, instance, before, after):  # type: ignore[no-untyped-def]
        if isinstance(instance, Notice):
            raise RuntimeError("audit store unavailable")
        real(action_name, instance, before, after)

    monkeypatch.setattr(audit, "_write", broken)
    with pytest.raises(RuntimeError):
        notices.reply(world.actor("reporter_a"), notice, text="已整改")
    stored = Notice.objects.get(pk=notice.pk)
    assert (stored.state, stored.reply, stored.version) == (NoticeState.OPEN, "", 0)
    assert not NoticeStep.objects.filter(notice=notice, action="reply").exists()


def test_no_supervision_module_writes_an_audit_row_by_hand() -> None:
    """The audited models write their own rows; a hand-written one would log a second, divergent copy."""
    sources = {path.name: path.read_text(encoding="utf-8") for path in sorted(SUPERVISION_SRC.glob("*.py"))}
    assert "notices.py" in sources and "bulletins.py" in sources
    offenders = [name for name, text in sources.items() if "audit.record(" in text or "AuditLog.objects.create" in text]
    assert offenders == []
