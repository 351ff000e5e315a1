"""The expert's own 第三方测评 page: who sees it, the home link, saving into the results, a closed
year, bad values, CSRF, English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi_web.registry import clock
from luoshi_web.registry.models import AuditLog
from luoshi_web.supervision import assessment
from luoshi_web.supervision.models import AssessmentScheme, ExpertScore
from supervision.test_assessment import example
from web.conftest import World

pytestmark = pytest.mark.django_db
YEAR = 2016
URL = f"/assessment/{YEAR}/my-scores/"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: date(2017, 1, 16))


def _mine(world: World) -> dict[str, Decimal]:
    rows = ExpertScore.objects.filter(expert=world.users["expert"]).values_list("unit__name", "score")
    return dict(rows)


def _all() -> list[tuple[str, str, Decimal]]:
    return sorted(ExpertScore.objects.values_list("unit__name", "expert__username", "score"))


def _cell(page: str, unit_id: int) -> str:
    start = page.index(f'data-current="{unit_id}"')
    return page[start : page.index("</td>", start)]


def test_the_route_and_the_home_link_while_the_year_is_open(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    assert reverse("office:my_expert_scores", args=[YEAR]) == URL
    client = browse("expert")
    # in January, this year is open; last year only once the office has started its scheme
    home = client.get(reverse("office:home")).content.decode()
    assert "/assessment/2017/my-scores/" in home and URL not in home
    example(world)
    home = client.get(reverse("office:home")).content.decode()
    assert "/assessment/2017/my-scores/" in home and URL in home
    assessment.close_year(world.actor("supervisor"), YEAR, today=date(2017, 1, 10))
    home = client.get(reverse("office:home")).content.decode()
    assert "/assessment/2017/my-scores/" in home and URL not in home
    assert "my-scores" not in browse("supervisor").get(reverse("office:home")).content.decode()


def test_the_page_lists_the_assessed_units_with_the_experts_own_score(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    example(world)  # the office recorded expert 80 and expert2 90 for unit A
    page = browse("expert").get(URL).content.decode()
    assert "省发展改革委" in page and "省财政厅" in page
    assert "80.00" in _cell(page, world.unit_a.pk)
    assert "未录入" in _cell(page, world.unit_b.pk)
    assert "90.00" not in page  # another expert's score is not shown
    assert f'name="u{world.unit_a.pk}"' in page and f'name="u{world.unit_b.pk}"' in page
    assert 'name="expert"' not in page  # no way to name another expert
    assert "占综合得分的 30%" in page


def test_saved_scores_are_audited_and_combine_in_the_results(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    example(world)
    client = browse("expert")
    response = client.post(URL, {f"u{world.unit_a.pk}": "70", f"u{world.unit_b.pk}": "88.5"})
    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL).content.decode()
    assert "已保存 2 个单位的第三方测评分" in page
    assert "70.00" in _cell(page, world.unit_a.pk) and "88.50" in _cell(page, world.unit_b.pk)
    assert _mine(world) == {"省发展改革委": Decimal("70.00"), "省财政厅": Decimal("88.50")}
    entries = AuditLog.objects.filter(model="supervision.expertscore", actor_name="expert")
    assert entries.count() == 2 and {e.action for e in entries} == {"assessment.expert_score"}
    rows = {r["unit"]: r for r in assessment.compute(YEAR, today=date(2017, 1, 10))}
    # A: experts 70 and 90 → 80.00; 0.7 × 51.80 + 0.3 × 80.00 = 60.26; + 5 − 2 → 63.26
    assert (rows["省发展改革委"]["expert"], rows["省发展改革委"]["total"]) == ("80.00", "63.26")
    # B: weighted 90.63 (see the worked example); 0.7 × 90.63 + 0.3 × 88.50 = 63.441 + 26.55 → 89.99
    assert (rows["省财政厅"]["expert"], rows["省财政厅"]["total"]) == ("88.50", "89.99")
    # the same values again change nothing and write no audit row
    assert client.post(URL, {f"u{world.unit_a.pk}": "70.00", f"u{world.unit_b.pk}": "88.5"}).status_code == 302
    assert "测评分没有变化" in client.get(URL).content.decode()
    assert entries.count() == 2


def test_a_posted_expert_is_ignored(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    example(world)
    second = get_user_model().objects.get(username="expert2")
    response = browse("expert").post(URL, {"expert": str(second.pk), f"u{world.unit_a.pk}": "10"})
    assert response.status_code == 302
    assert ExpertScore.objects.get(unit=world.unit_a, expert=second).score == Decimal("90.00")
    assert _mine(world) == {"省发展改革委": Decimal("10.00")}


def test_a_closed_year_is_refused_and_nothing_written(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    example(world)
    assessment.close_year(world.actor("supervisor"), YEAR, today=date(2017, 1, 10))
    before = _all()
    client = browse("expert")
    page = client.get(URL).content.decode()
    assert "2016年度考核已关闭，测评分不能再修改" in page and 'type="number"' not in page
    response = client.post(URL, {f"u{world.unit_a.pk}": "70", f"u{world.unit_b.pk}": "60"})
    assert response.status_code == 409
    assert "2016年度考核已关闭，结果不能再改变" in response.content.decode()
    assert _all() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "省发展改革委的测评分应为 0 到 100 之间的数，至多两位小数"),
        ("100.01", "省发展改革委的测评分应为 0 到 100 之间的数，至多两位小数"),
        ("abc", "省发展改革委的测评分应为 0 到 100 之间的数，至多两位小数"),
        ("1.234", "省发展改革委的测评分应为 0 到 100 之间的数，至多两位小数"),
        ("NaN", "省发展改革委的测评分应为 0 到 100 之间的数，至多两位小数"),
        ("", "已录入的测评分不能清空；如需撤回，请与督查室联系"),
    ],
)
def test_bad_values_are_form_errors_and_nothing_is_written(world: World, browse, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    example(world)
    before = _all()
    # unit B's good value is not saved either: the page's scores are saved together or not at all
    response = browse("expert").post(URL, {f"u{world.unit_a.pk}": value, f"u{world.unit_b.pk}": "75"})
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count(message) == 1
    cell = page[page.index(f'id="id_u{world.unit_a.pk}"') :]
    assert message in cell[: cell.index("</td>")]
    assert _all() == before


@pytest.mark.parametrize(("value", "stored"), [("0", Decimal("0.00")), ("100", Decimal("100.00"))])
def test_both_ends_of_the_range_are_accepted(world: World, browse, value: str, stored: Decimal) -> None:  # type: ignore[no-untyped-def]
    assert browse("expert").post(URL, {f"u{world.unit_a.pk}": value}).status_code == 302
    assert _mine(world) == {"省发展改革委": stored}


@pytest.mark.parametrize("persona", ["supervisor", "leader", "reporter_a", "admin"])
def test_other_roles_get_403(world: World, browse, persona: str) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {f"u{world.unit_a.pk}": "50"}).status_code == 403
    assert not ExpertScore.objects.exists()
    assert not AssessmentScheme.objects.exists()


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("anonymous")
    for response in (client.get(URL), client.post(URL, {f"u{world.unit_a.pk}": "50"})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))
    assert not ExpertScore.objects.exists()


def test_the_form_needs_its_csrf_token(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    strict = browse("expert", csrf=True)
    assert strict.post(URL, {f"u{world.unit_a.pk}": "50"}).status_code == 403
    assert not ExpertScore.objects.exists()
    assert "csrfmiddlewaretoken" in strict.get(URL).content.decode()


def test_a_year_out_of_range_is_404(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    assert browse("expert").get("/assessment/1999/my-scores/").status_code == 404


def test_the_page_reads_in_english(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    example(world)
    client = browse("expert")
    english = {"headers": {"accept-language": "en"}}
    page = client.get(URL, **english).content.decode()
    for text in ("Third-party evaluation", "My score", "Not entered", "Save scores", "makes up 30% of the combined"):
        assert text in page
    assert "Enter 2016 third-party scores" in client.get(reverse("office:home"), **english).content.decode()
    response = client.post(URL, {f"u{world.unit_a.pk}": "abc"}, **english)
    assert "score should be a number from 0 to 100" in response.content.decode()
