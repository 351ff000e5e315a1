"""Cycle pages: open, late and missing as of today (frozen), close with confirmation before the due date."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from luoshi_web.registry import clock
from luoshi_web.registry.models import CycleStatus, ReportingCycle
from web.conftest import World

pytestmark = pytest.mark.django_db
DUE = date(2016, 7, 15)  # 2016Q2 ends 06-30, plus 15 days' grace


def _today(monkeypatch, day: date) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: day)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("supervisor", 200), ("leader", 200), ("reporter_a", 403), ("reporter_b", 403), ("expert", 403)],
)
def test_who_sees_the_cycle_pages(world: World, browse, persona, status) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(reverse("office:cycles")).status_code == status
    assert client.get(reverse("office:cycle", args=[world.cycle.pk])).status_code == status


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    for url in (reverse("office:cycles"), reverse("office:cycle", args=[world.cycle.pk])):
        response = browse("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))


def test_read_only_roles_cannot_open_or_close(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    for persona in ("leader", "reporter_a", "expert"):
        client = browse(persona)
        assert client.post(reverse("office:cycles"), {"day": "2016-08-01"}).status_code == 403
        assert (
            client.post(reverse("office:cycle_close", args=[world.cycle.pk]), {"confirm_early": "yes"}).status_code
            == 403
        )
    assert ReportingCycle.objects.count() == 1 and ReportingCycle.objects.get().status == CycleStatus.OPEN


def test_the_supervisor_opens_a_quarter_once(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = client.post(reverse("office:cycles"), {"day": "2016-08-01"}, follow=True)
    assert "已开启填报周期 2016Q3" in response.content.decode()
    cycle = ReportingCycle.objects.get(name="2016Q3")
    assert (cycle.period_start, cycle.period_end) == (date(2016, 7, 1), date(2016, 9, 30))
    response = client.post(reverse("office:cycles"), {"day": "2016-09-30"})
    assert response.status_code == 422 and "的填报周期已存在" in response.content.decode()
    response = client.post(reverse("office:cycles"), {"period_start": "2016-10-01", "period_end": "2016-09-01"})
    assert response.status_code == 422 and "截止日期早于起始日期" in response.content.decode()
    response = client.post(reverse("office:cycles"), {})
    assert response.status_code == 422 and "请填写季度内任一日期" in response.content.decode()
    assert ReportingCycle.objects.count() == 2


def test_missing_reports_appear_the_day_after_the_due_date(world: World, browse, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    url = reverse("office:cycle", args=[world.cycle.pk])
    _today(monkeypatch, DUE)
    html = client.get(url).content.decode()
    assert "缺报 0 项" in html and "尚未到报送截止日期" in html
    _today(monkeypatch, date(2016, 7, 16))
    html = client.get(url).content.decode()
    assert "缺报 5 项" in html  # task A, task B, task AB (A and B) and the published task of A
    assert world.unit_b.name in html and reverse("office:task", args=[world.task_b.pk]) in html


def test_closing_before_the_due_date_asks_for_confirmation(world: World, browse, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _today(monkeypatch, date(2016, 7, 1))
    client = browse("supervisor")
    url = reverse("office:cycle_close", args=[world.cycle.pk])
    response = client.post(url, {})
    html = response.content.decode()
    assert response.status_code == 200 and "确认提前关闭" in html and 'name="confirm_early" value="yes"' in html
    assert ReportingCycle.objects.get().status == CycleStatus.OPEN
    response = client.post(url, {"confirm_early": "yes"}, follow=True)
    cycle = ReportingCycle.objects.get()
    assert cycle.status == CycleStatus.CLOSED and "已关闭" in response.content.decode()
    assert len(cycle.snapshot["missing"]) == 5  # what was missing at closing is frozen
    assert "缺报 5 项" in response.content.decode()
    assert client.post(url, {"confirm_early": "yes"}, follow=True).status_code == 200
    assert "已关闭" in client.get(reverse("office:cycle", args=[cycle.pk])).content.decode()


def test_closing_after_the_due_date_needs_no_confirmation(world: World, browse, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _today(monkeypatch, date(2016, 7, 16))
    response = browse("supervisor").post(reverse("office:cycle_close", args=[world.cycle.pk]), {}, follow=True)
    assert "填报周期 2016Q2 已关闭" in response.content.decode()
    assert ReportingCycle.objects.get().status == CycleStatus.CLOSED


def test_csrf_is_enforced_on_cycle_forms(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor", csrf=True)
    assert client.post(reverse("office:cycles"), {"day": "2016-08-01"}).status_code == 403
    assert (
        client.post(reverse("office:cycle_close", args=[world.cycle.pk]), {"confirm_early": "yes"}).status_code == 403
    )
    assert ReportingCycle.objects.count() == 1 and ReportingCycle.objects.get().status == CycleStatus.OPEN
