"""The assessment scheme page: the office sets a year's weights, deductions, caps and expert share,
records adjustments and third-party scores; the results follow; a closed year takes no change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from luoshi_web.registry import clock
from luoshi_web.registry.models import AuditLog
from luoshi_web.supervision import assessment
from luoshi_web.supervision.models import Adjustment, AssessmentScheme, ExpertScore
from web.conftest import World

pytestmark = pytest.mark.django_db
YEAR = 2016


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: date(2017, 1, 16))


def _url(name: str = "assessment_scheme") -> str:
    return reverse(f"office:{name}", args=[YEAR])


def _scheme(**over: str) -> dict[str, str]:
    data = {
        "w_on_time": "40",
        "w_targets": "20",
        "w_punctuality": "15",
        "w_quality": "15",
        "w_notices": "10",
        "p_1": "2",
        "p_2": "5",
        "p_3": "10",
        "p_4": "20",
        "deduction_cap": "10",
        "bonus_cap": "5",
        "expert_share": "0",
    }
    return {**data, **over}


def test_the_page_is_linked_from_the_results_and_shows_the_scheme(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    assert _url() in client.get(reverse("office:assessment_year", args=[YEAR])).content.decode()
    page = client.get(_url()).content.decode()
    for label in ("按期完成权重", "每件约谈扣分", "扣分上限", "第三方测评占比", "记录加减分", "记录测评分"):
        assert label in page
    assert _url() not in browse("leader").get(reverse("office:assessment_year", args=[YEAR])).content.decode()


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "expert"])
def test_other_roles_get_403(world: World, browse, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(_url()).status_code == 403
    assert client.post(_url(), _scheme(w_on_time="90")).status_code == 403
    assert (
        client.post(_url("assessment_adjust"), {"unit": world.unit_a.pk, "points": "3", "reason": "x"}).status_code
        == 403
    )
    assert Adjustment.objects.count() == 0
    assert not AssessmentScheme.objects.filter(weight_on_time=90).exists()


def test_anonymous_is_sent_to_login_and_csrf_is_required(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("anonymous").get(_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))
    strict = browse("supervisor", csrf=True)
    assert strict.post(_url(), _scheme(w_on_time="90")).status_code == 403
    assert not AssessmentScheme.objects.filter(weight_on_time=90).exists()


def test_a_saved_scheme_is_audited_and_drives_the_results(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    # Only the 督办 component counts; every notice costs nothing: each assessed unit gets 100.
    only_notices = _scheme(w_on_time="0", w_targets="0", w_punctuality="0", w_quality="0", w_notices="10")
    response = client.post(_url(), {**only_notices, "expert_share": "0.5"})
    assert response.status_code == 302 and response["Location"] == _url()
    scheme = AssessmentScheme.objects.get(year=YEAR)
    assert (scheme.weight_on_time, scheme.weight_notices, scheme.expert_share) == (0, 10, Decimal("0.5"))
    assert scheme.notice_points == {"1": 2.0, "2": 5.0, "3": 10.0, "4": 20.0}
    row = AuditLog.objects.get(model="supervision.assessmentscheme", action="assessment.scheme")
    assert row.actor_name == "supervisor" and row.after["expert_share"] == "0.500"
    client.post(
        _url("assessment_expert_score"),
        {"unit": world.unit_a.pk, "expert": world.users["expert"].pk, "score": "60"},
    )
    client.post(_url("assessment_adjust"), {"unit": world.unit_a.pk, "points": "-30", "reason": "重大失误"})
    (unit_a,) = [r for r in assessment.compute(YEAR) if r["unit_id"] == world.unit_a.pk]
    # weighted 100 (督办 only), expert 60 at half: combined 80; deduction capped at 10: total 70
    assert (unit_a["weighted"], unit_a["expert"], unit_a["combined"]) == ("100.00", "60.00", "80.00")
    assert (unit_a["deduction"], unit_a["total"]) == ("10.00", "70.00")
    assert ExpertScore.objects.count() == 1
    assert AuditLog.objects.filter(action__in=["assessment.adjust", "assessment.expert_score"]).count() == 2


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"w_on_time": "-1"}, "按期完成权重应为 0 到 100 之间的数"),
        ({"w_targets": "100.01"}, "指标完成权重应为 0 到 100 之间的数"),
        ({"p_4": "abc"}, "每件约谈扣分应为 0 到 100 之间的数"),
        ({"expert_share": "1.5"}, "第三方测评占比应为 0 到 1 之间的数"),
        ({"bonus_cap": ""}, "加分上限应为 0 到 100 之间的数"),
        (
            {"w_on_time": "0", "w_targets": "0", "w_punctuality": "0", "w_quality": "0", "w_notices": "0"},
            "考核权重不能为负，且合计须大于0",
        ),
    ],
)
def test_bad_values_are_form_errors_and_change_nothing(world: World, browse, over, message) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = client.post(_url(), {**_scheme(w_notices="33"), **over})
    assert response.status_code == 422 and message in response.content.decode()
    assert not AssessmentScheme.objects.filter(weight_notices=33).exists()
    assert not AuditLog.objects.filter(action="assessment.scheme").exists()


def test_the_bounds_are_accepted(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("supervisor").post(_url(), _scheme(w_on_time="100", w_targets="0", expert_share="1", p_4="100"))
    assert response.status_code == 302
    scheme = AssessmentScheme.objects.get(year=YEAR)
    assert (scheme.weight_on_time, scheme.expert_share, scheme.notice_points["4"]) == (100, 1, 100.0)


def test_an_adjustment_needs_a_reason_and_a_score_its_range(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    no_reason = client.post(_url("assessment_adjust"), {"unit": world.unit_a.pk, "points": "3", "reason": " "})
    assert no_reason.status_code == 422
    too_high = client.post(
        _url("assessment_expert_score"),
        {"unit": world.unit_a.pk, "expert": world.users["expert"].pk, "score": "101"},
    )
    assert too_high.status_code == 422
    not_an_expert = client.post(
        _url("assessment_expert_score"),
        {"unit": world.unit_a.pk, "expert": world.users["leader"].pk, "score": "80"},
    )
    assert not_an_expert.status_code == 422  # only accounts with the expert role are choices
    assert Adjustment.objects.count() == 0 and ExpertScore.objects.count() == 0


def test_a_closed_year_takes_no_change(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    assessment.close_year(world.actor("supervisor"), YEAR)
    client = browse("supervisor")
    page = client.get(_url()).content.decode()
    assert "本年度考核已关闭" in page and "保存方案" not in page
    response = client.post(_url(), _scheme(w_notices="33"))
    assert response.status_code == 422 and "2016年度考核已关闭" in response.content.decode()
    refused = client.post(_url("assessment_adjust"), {"unit": world.unit_a.pk, "points": "3", "reason": "补加"})
    assert refused.status_code == 422 and Adjustment.objects.count() == 0
    assert not AssessmentScheme.objects.filter(weight_notices=33).exists()
