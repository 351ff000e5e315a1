"""The demo's supervision state: open notices at two levels, an issued bulletin, a closed 2016 assessment."""

from __future__ import annotations

from datetime import date

from luoshi_web.supervision import demo
from luoshi_web.supervision.models import AssessmentScheme, Bulletin, Notice

from .conftest import World


def test_populate_once(world: World) -> None:
    made = demo.populate(world.users["supervisor"], today=date(2017, 3, 1))
    assert sorted(Notice.objects.values_list("level", "state")) == [(1, "open"), (2, "open")]
    assert made["bulletin"] == "督查通报〔2017〕1号"
    assert Bulletin.objects.get(period="2016Q4").state == "issued"
    assert AssessmentScheme.objects.get(year=2016).closed_at is not None
    assert demo.populate(world.users["supervisor"], today=date(2017, 3, 2)) == {}
    assert Notice.objects.count() == 2
