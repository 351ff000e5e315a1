"""Closing a cycle: confirmation before the due date, what was missing at closing, duplicate cycles."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from luoshi_web.registry import clock, cycles
from luoshi_web.registry.errors import Conflict
from luoshi_web.registry.models import ReportingCycle

from .conftest import World, post_json


@pytest.fixture(autouse=True)
def _chinese():  # type: ignore[no-untyped-def]
    """Domain messages in the default language, whatever language an earlier request activated."""
    with translation.override("zh-hans"):
        yield


# world.cycle is 2016-04-01 … 2016-06-30; with 15 grace days its due date is 2016-07-15.
DUE = date(2016, 7, 15)
SUBMITTED = datetime(2016, 7, 2, 3, 0, tzinfo=UTC)


def _file_some(world: World) -> None:
    """A submitted report (A on task_a), a draft (B on task_b), a returned one (A on task_ab)."""
    a, b, sup = world.actor("reporter_a"), world.actor("reporter_b"), world.actor("supervisor")
    cycles.submit(a, cycles.save_report(a, world.task_a, world.cycle, progress="已报送"), now=SUBMITTED)
    cycles.save_report(b, world.task_b, world.cycle, progress="草稿")
    returned = cycles.save_report(a, world.task_ab, world.cycle, progress="待补充")
    cycles.submit(a, returned, now=SUBMITTED)
    cycles.return_report(sup, returned, "缺少数据")


@pytest.mark.parametrize("today", [date(2016, 7, 1), DUE])
def test_closing_on_or_before_the_due_date_needs_confirmation(world: World, today: date) -> None:
    with pytest.raises(Conflict, match="尚未到期") as refused:
        cycles.close(world.actor("supervisor"), world.cycle, today=today)
    assert refused.value.code == "confirm_required"
    cycle = ReportingCycle.objects.get(pk=world.cycle.pk)
    assert cycle.status == "open" and cycle.snapshot is None


def test_closing_after_the_due_date_needs_no_confirmation(world: World) -> None:
    closed = cycles.close(world.actor("supervisor"), world.cycle, today=date(2016, 7, 16))
    assert closed.status == "closed"


def test_early_close_records_what_was_missing_at_closing(world: World) -> None:
    _file_some(world)
    closed = cycles.close(world.actor("supervisor"), world.cycle, today=date(2016, 7, 5), confirm_early=True)
    missing = {(e["task_id"], e["unit_id"]): e["state"] for e in closed.snapshot["missing"]}
    assert missing == {
        (world.task_b.pk, world.unit_b.pk): "draft",
        (world.task_ab.pk, world.unit_a.pk): "returned",
        (world.task_ab.pk, world.unit_b.pk): None,
        (world.task_public.pk, world.unit_a.pk): None,
    }
    assert closed.snapshot["closed_on"] == "2016-07-05"
    # "as of today" (before the due date) nothing is missing yet; the snapshot is what closing froze
    assert cycles.compliance(world.cycle, date(2016, 7, 5))["missing"] == []


def test_close_through_the_api_with_a_frozen_clock(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _file_some(world)
    monkeypatch.setattr(clock, "today", lambda: date(2016, 7, 10))
    client = world.client("supervisor")
    url = f"/api/v1/cycles/{world.cycle.pk}/close"
    refused = post_json(client, url)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "confirm_required"
    assert "2016-07-15" in refused.json()["error"]["message"]
    assert ReportingCycle.objects.get(pk=world.cycle.pk).status == "open"

    closed = post_json(client, url, {"confirm_early": True})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    detail = client.get(f"/api/v1/cycles/{world.cycle.pk}").json()
    assert len(detail["snapshot"]["missing"]) == 4


def test_after_the_due_date_the_api_closes_without_a_body(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: date(2016, 7, 16))
    response = world.client("supervisor").generic("POST", f"/api/v1/cycles/{world.cycle.pk}/close")  # curl -X POST
    assert response.status_code == 200, response.content


def test_a_duplicate_cycle_gets_a_clear_error(world: World) -> None:
    client = world.client("supervisor")
    again = post_json(client, "/api/v1/cycles", {"quarter_of": "2016-05-20"})
    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "duplicate_cycle"
    assert error["message"] == "2016-04-01 至 2016-06-30 的填报周期已存在（“2016Q2”，进行中），不能重复开启"
    assert ReportingCycle.objects.count() == 1
    other = post_json(client, "/api/v1/cycles", {"quarter_of": "2016-08-20"})
    assert other.status_code == 201 and other.json()["name"] == "2016Q3"


def test_a_duplicate_opened_meanwhile_is_the_same_clear_error(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two requests pass the "already exists?" check together: the unique constraint decides, same message."""
    manager = ReportingCycle.objects
    real_filter = manager.filter
    calls = []

    def first_check_sees_nothing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs)
        return real_filter(pk=-1) if len(calls) == 1 else real_filter(*args, **kwargs)

    monkeypatch.setattr(manager, "filter", first_check_sees_nothing)
    with pytest.raises(Conflict, match="已存在") as refused:
        cycles.open_quarter(world.actor("supervisor"), date(2016, 5, 20))
    assert refused.value.code == "duplicate_cycle" and len(calls) == 2
    monkeypatch.undo()
    assert ReportingCycle.objects.count() == 1
