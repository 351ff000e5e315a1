"""Target progress: baseline, latest, attainment, on-track by linear trajectory."""

from __future__ import annotations

from datetime import date

from luoshi_web.registry.target_progress import Point, progress

from .conftest import World, post_json


def test_level_target_on_track() -> None:
    result = progress(
        kind="level",
        comparator=">=",
        value=50,
        value_max=None,
        deadline=date(2016, 12, 31),
        points=[Point(date(2016, 7, 1), 30), Point(date(2016, 1, 1), 10)],
    )
    assert result.baseline == Point(date(2016, 1, 1), 10) and result.latest == Point(date(2016, 7, 1), 30)
    assert result.attainment == 0.5  # 20 of the 40 points to go
    assert result.projected is not None and result.projected > 50
    assert result.on_track is True


def test_level_target_off_track() -> None:
    result = progress(
        kind="level",
        comparator=">=",
        value=90,
        value_max=None,
        deadline=date(2016, 12, 31),
        points=[Point(date(2016, 1, 1), 10), Point(date(2016, 7, 1), 20)],
    )
    assert result.on_track is False and result.attainment == 0.125


def test_change_target_is_relative_to_the_baseline() -> None:
    result = progress(
        kind="change",
        comparator="<=",
        value=-10,
        value_max=None,
        deadline=date(2017, 12, 31),
        points=[Point(date(2016, 1, 1), 200), Point(date(2017, 1, 1), 185)],
    )
    assert result.goal == 180
    assert result.attainment == 0.75
    assert result.on_track is True


def test_no_observations_means_unknown() -> None:
    result = progress(kind="level", comparator=">=", value=5, value_max=None, deadline=None, points=[])
    assert (result.baseline, result.attainment, result.on_track) == (None, None, None)


def test_target_endpoint_reports_progress(world: World) -> None:
    target = world.d2.targets.get()
    sup = world.client("supervisor")
    for as_of, value in (("2016-03-31", 20), ("2016-06-30", 50)):
        response = post_json(
            sup, f"/api/v1/targets/{target.pk}/observations", {"value": value, "as_of": as_of, "source": "商务厅"}
        )
        assert response.status_code == 201
    body = world.client("anonymous").get(f"/api/v1/targets/{target.pk}").json()
    assert body["baseline"]["value"] == 20 and body["latest"]["value"] == 50
    assert body["attainment"] == 0.5 and body["on_track"] is True
