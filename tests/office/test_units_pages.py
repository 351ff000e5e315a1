"""Units and people pages: hierarchy, kinds, region-scoped aliases, accounts, reviewers, the expert's form."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi_web.registry import units
from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import Document, Evaluation, Profile, ReviewAssignment, Role, TaskUnit, Unit, UnitAlias
from web.conftest import World, contract, document, task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "reporter_b", "expert"])
def test_only_the_office_manages_units_and_people(world: World, browse, persona) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(reverse("office:units")).status_code == 403
    assert client.get(reverse("office:people")).status_code == 403
    response = client.post(
        reverse("office:unit_action"), {"action": "create", "name": "省教育厅", "kind": "province_dept"}
    )
    assert response.status_code == 403
    response = client.post(reverse("office:people"), {"action": "account", "username": "new1", "role": "expert"})
    assert response.status_code == 403
    assert (
        not Unit.objects.filter(name="省教育厅").exists()
        and not get_user_model().objects.filter(username="new1").exists()
    )


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    for url in (reverse("office:units"), reverse("office:people"), reverse("office:evaluate", args=[world.task_a.pk])):
        response = browse("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))


def test_the_hierarchy_with_kinds_and_a_region_scoped_alias(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    province = Unit.objects.create(name="四川省人民政府", kind="province")
    world.unit_a.parent = province
    world.unit_a.save()
    city = Unit.objects.create(name="绵阳市人民政府", kind="city", parent=province)
    response = client.post(
        reverse("office:unit_action"),
        {"action": "create", "name": "绵阳市发展改革委", "kind": "city_dept", "parent": "绵阳市人民政府"},
        follow=True,
    )
    assert "已新建单位“绵阳市发展改革委”" in response.content.decode()
    city_dept = Unit.objects.get(name="绵阳市发展改革委")
    assert (city_dept.kind, city_dept.parent) == ("city_dept", city)
    client.post(
        reverse("office:unit_action"),
        {"action": "alias", "unit": world.unit_a.name, "alias": "发改委", "region": "四川省人民政府"},
    )
    client.post(
        reverse("office:unit_action"),
        {"action": "alias", "unit": "绵阳市发展改革委", "alias": "发改委", "region": "绵阳市人民政府"},
    )
    assert UnitAlias.objects.filter(alias="发改委").count() == 2
    html = client.get(reverse("office:units")).content.decode()
    html = html[html.index('id="units"') :]  # the table (messages above name the units too)
    assert html.index("四川省人民政府") < html.index("绵阳市人民政府") < html.index("绵阳市发展改革委")
    assert "市（州）人民政府" in html and "市级部门" in html  # kinds in words
    assert "发改委（绵阳市人民政府）" in html
    # The alias resolves by the issuing region: a city document's 发改委 is the city's.
    city_doc = document("绵府发〔2016〕9号", "t", tasks=[task(["一"], "推进。", ["发改委"])])
    city_doc["issuers"] = ["绵阳市人民政府"]
    province_doc = document("川府发〔2016〕9号", "t", tasks=[task(["一"], "推进。", ["发改委"])])
    province_doc["issuers"] = ["四川省人民政府"]
    import_contract(contract(city_doc, province_doc), file_sha256="c" * 64)
    resolved = {
        a.task.document.doc_number: a.unit
        for a in TaskUnit.objects.filter(name="发改委").select_related("task__document")
    }
    assert resolved == {"绵府发〔2016〕9号": city_dept, "川府发〔2016〕9号": world.unit_a}


def test_bad_unit_input_gives_a_message(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    cases = [
        ({"action": "create", "name": world.unit_a.name, "kind": "province_dept"}, "已存在"),
        ({"action": "create", "name": "省教育厅", "kind": "planet"}, "请填写单位名称和类别"),
        ({"action": "create", "name": "省教育厅", "kind": "province_dept", "parent": "火星"}, "上级单位“火星”尚未登记"),
        ({"action": "alias", "unit": "火星", "alias": "x"}, "单位“火星”尚未登记"),
    ]
    for data, message in cases:
        response = client.post(reverse("office:unit_action"), data, follow=True)
        assert message in response.content.decode(), data
    assert not Unit.objects.filter(name="省教育厅").exists()


def test_the_queue_of_unlinked_names_is_worked_off_the_units_page(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    import_contract(
        contract(document("川府发〔2016〕8号", "t", tasks=[task(["一"], "推进。", ["省经信委"])])), file_sha256="8" * 64
    )
    client = browse("supervisor")
    assert "省经信委" in client.get(reverse("office:units")).content.decode()
    client.post(reverse("office:unit_action"), {"action": "alias", "alias": "省经信委", "unit": world.unit_b.name})
    assert TaskUnit.objects.get(name="省经信委").unit == world.unit_b
    assert units.resolve("省经信委") == world.unit_b


def test_accounts_for_reporters_and_experts(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = client.post(
        reverse("office:people"),
        {"action": "account", "username": "rep_c", "role": "reporter", "unit": world.unit_b.name},
        follow=True,
    )
    html = response.content.decode()
    assert "已创建账号 rep_c，初始密码" in html
    user = get_user_model().objects.get(username="rep_c")
    assert (user.profile.role, user.profile.unit) == (Role.REPORTER, world.unit_b)
    password = html.split("初始密码 ")[1].split("（")[0]
    assert user.check_password(password)
    response = client.post(
        reverse("office:people"), {"action": "account", "username": "rep_d", "role": "reporter", "unit": ""}
    )
    assert response.status_code == 422 and "须指定所属单位" in response.content.decode()
    response = client.post(reverse("office:people"), {"action": "account", "username": "rep_c", "role": "expert"})
    assert response.status_code == 422 and "已被使用" in response.content.decode()
    assert not Profile.objects.filter(user__username="rep_d").exists()


def test_reviewer_assignment_and_the_experts_evaluation_form(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = client.post(
        reverse("office:people"),
        {"action": "reviewer", "expert": world.users["expert"].pk, "task": world.task_b.pk},
        follow=True,
    )
    assert "已把任务" in response.content.decode()
    assert ReviewAssignment.objects.filter(expert=world.users["expert"], task=world.task_b).exists()
    response = client.post(
        reverse("office:people"), {"action": "reviewer", "expert": world.users["expert"].pk, "task": 999999}
    )
    assert response.status_code == 422 and "不存在" in response.content.decode()

    expert = browse("expert")
    url = reverse("office:evaluate", args=[world.task_b.pk])
    html = expert.get(url).content.decode()
    assert "评审要点" in html and "佐证：佐证材料是否真实" in html and "5 分" in html and "优秀" in html
    response = expert.post(url, {"score": "9", "opinion": "很好很好很好很好很好"})
    assert response.status_code == 422 and not Evaluation.objects.exists()
    response = expert.post(url, {"score": "4", "opinion": "短"})
    assert response.status_code == 422 and "至少 10 个字" in response.content.decode()
    response = expert.post(url, {"score": "4", "opinion": "基本落实，佐证材料齐全，成效明显。"})
    assert response.status_code == 302
    assert Evaluation.objects.get().score == 4


def test_the_evaluation_form_is_for_the_assigned_expert_only(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    url_b = reverse("office:evaluate", args=[world.task_b.pk])  # not assigned to the expert
    assert browse("expert").get(url_b).status_code == 404  # not visible to the expert at all
    assert browse("supervisor").get(url_b).status_code == 403  # visible, but not an expert's
    assert browse("reporter_b").post(url_b, {"score": "5", "opinion": "自己评自己很好很好"}).status_code == 403
    assert browse("reporter_a").get(url_b).status_code == 404
    assert not Evaluation.objects.exists()
    assert Document.objects.exists()


def test_csrf_is_enforced_on_units_and_people_forms(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor", csrf=True)
    assert (
        client.post(
            reverse("office:unit_action"), {"action": "create", "name": "省教育厅", "kind": "province_dept"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("office:people"), {"action": "account", "username": "n1", "role": "expert"}).status_code
        == 403
    )
    expert = browse("expert", csrf=True)
    url = reverse("office:evaluate", args=[world.task_a.pk])
    assert expert.post(url, {"score": "4", "opinion": "基本落实，佐证材料齐全。"}).status_code == 403
    assert not Unit.objects.filter(name="省教育厅").exists() and not Evaluation.objects.exists()
