"""The leaders' dashboard pages: the as-of line, the punctuality and target panels' links, refresh."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi_web.registry import clock, cycles
from luoshi_web.registry.models import Observation, Report, Target
from luoshi_web.supervision import dashboard
from luoshi_web.supervision.models import DashboardRefresh
from web.conftest import World

pytestmark = pytest.mark.django_db
DAY = date(2016, 7, 20)  # world.cycle (2016Q2) was due on 2016-07-15


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: DAY)


def _data(world: World) -> None:
    Report.objects.create(
        task=world.task_a, unit=world.unit_a, cycle=world.cycle, kind="lead", state="submitted", progress="x",
        submitted_at=datetime(2016, 7, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )  # fmt: skip
    Target.objects.all().delete()  # the world's documents' own targets have no observations
    for name, value in (("甲", 30), ("乙", 120)):
        target = Target.objects.create(
            document=world.d1, match_key=name, text=name, indicator=name, kind="level", comparator=">=",
            value=100, deadline=date(2016, 12, 31),
        )  # fmt: skip
        Observation.objects.create(target=target, value=20, as_of=date(2016, 1, 1), source="s")
        Observation.objects.create(target=target, value=value, as_of=date(2016, 6, 1), source="s")


def test_every_punctuality_and_target_number_opens_a_list_of_that_many(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    _data(world)
    client = browse("leader")
    page = client.get(reverse("office:dashboard")).content.decode()
    assert "截至 2016-07-20" in page and "不是今日" not in page
    links = re.findall(r'<a href="(/dashboard/punctuality/[^"]+)" data-outcome="(\w+)">(\d+)</a>', page)
    assert len(links) == 3 * 5  # all units, 省发展改革委, 省财政厅 × owed and four outcomes
    shown = {}
    for href, outcome, n in links:
        listing = client.get(href.replace("&amp;", "&"))
        assert listing.status_code == 200
        rows = len(re.findall(r'<tr><td><a href="/tasks/\d+/">', listing.content.decode()))
        assert rows == int(n), href
        shown[(href.split("unit=")[-1].split("&")[0] if "unit=" in href else "", outcome)] = int(n)
    assert shown[("", "owed")] == 5 and shown[("", "on_time")] == 1 and shown[("", "missing")] == 4
    states = re.findall(
        r'<a href="(/dashboard/targets/\?state=\w+)" data-target-state="(\w+)">[^<]*<strong>(\d+)', page
    )
    assert {state: int(n) for _h, state, n in states} == {"off_track": 1, "unknown": 0, "on_track": 0, "attained": 1}
    for href, _state, n in states:
        listing = client.get(href).content.decode()
        assert len(re.findall(r"<tr data-target=", listing)) == int(n)
    assert page.count('<svg class="spark"') == 1  # the off-track target's trajectory
    assert reverse("office:target", args=[Target.objects.get(indicator="甲").pk]) in page


def test_the_page_shows_how_old_its_figures_are_and_the_office_refreshes_them(
    world: World, browse, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dashboard.refresh(date(2016, 7, 19))
    leader, supervisor = browse("leader"), browse("supervisor")
    page = leader.get(reverse("office:dashboard")).content.decode()
    assert "截至 2016-07-19" in page and "不是今日（2016-07-20）的数据" in page
    assert reverse("office:dashboard_refresh") not in page  # leaders read, the office refreshes
    assert leader.post(reverse("office:dashboard_refresh")).status_code == 403
    assert reverse("office:dashboard_refresh") in supervisor.get(reverse("office:dashboard")).content.decode()
    assert supervisor.post(reverse("office:dashboard_refresh")).status_code == 302
    assert DashboardRefresh.objects.get().as_of == DAY
    assert "不是今日" not in leader.get(reverse("office:dashboard")).content.decode()


def test_drill_down_pages_refuse_other_roles_and_bad_values(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    dashboard.refresh(DAY)
    url = reverse("office:dashboard_punctuality", args=[world.cycle.pk])
    assert browse("reporter_a").get(url).status_code == 403
    assert browse("reporter_a").get(reverse("office:dashboard_targets")).status_code == 403
    leader = browse("leader")
    assert leader.get(url + "?outcome=nonsense").status_code == 404
    assert leader.get(reverse("office:dashboard_targets") + "?state=nonsense").status_code == 404
    assert leader.get(url + "?unit=999999").status_code == 404
    assert leader.get(reverse("office:dashboard_punctuality", args=[999999])).status_code == 404


def test_drill_down_says_whether_it_shows_today_or_the_closing(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    dashboard.refresh(DAY)
    url = reverse("office:dashboard_punctuality", args=[world.cycle.pk])
    open_page = browse("leader").get(url).content.decode()
    assert "截至 2016-07-20" in open_page and "关闭时的情况" not in open_page
    cycles.close(world.actor("supervisor"), world.cycle, today=DAY)
    dashboard.refresh(DAY)
    closed_page = browse("leader").get(url).content.decode()
    closed_on = timezone.localtime(type(world.cycle).objects.get(pk=world.cycle.pk).closed_at).date()
    assert f"{closed_on:%Y-%m-%d} 关闭时的情况" in closed_page and "截至 2016-07-20" not in closed_page
