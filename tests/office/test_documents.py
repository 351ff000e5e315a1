"""The document page: text with highlights, revisions, the supervisor's corrections, the export; personas."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web.registry.importer import import_contract
from luoshi_web.registry.models import Correction, Document, Target, Task
from web.conftest import World
from web.test_corrections import SMALL, _parse_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world: World) -> Document:
    """An unpublished document with its text: tasks for 省人力资源社会保障厅 and unit B (省财政厅)."""
    import_contract(_parse_text(SMALL), file_sha256="a" * 64, source_name="small.txt")
    return Document.objects.get(doc_number="川府发〔2020〕1号")


def _url(doc: Document, name: str = "office:document") -> str:
    return reverse(name, args=[doc.pk])


def _post(client: Client, doc: Document, **data: str):  # type: ignore[no-untyped-def]
    return client.post(_url(doc, "office:document_correct"), data, follow=True)


def test_the_page_shows_the_text_with_tasks_units_and_targets_in_place(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("supervisor").get(_url(small))
    assert response.status_code == 200
    html = response.content.decode()
    task = small.tasks.get(path_key="二/一")
    target = small.targets.get(indicator="全省社会保障卡持卡人数")
    assert '<span class="hl hl-task"' in html
    assert f'<a class="hl hl-target" href="{reverse("office:target", args=[target.pk])}"' in html
    assert '<span class="hl hl-units" title="责任单位">（省人力资源社会保障厅牵头，省财政厅配合）' in html
    assert f'href="{reverse("office:task", args=[task.pk])}"' in html
    assert 'id="item-二-二"' in html  # every outline item has its anchor
    assert 'name="action" value="make_task"' in html  # the supervisor's forms
    assert "各市（州）人民政府\n省政府各部门</textarea>" in html  # units default to the addressees


def test_read_only_roles_see_the_page_without_forms_and_get_403_on_writes(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    for persona in ("leader", "reporter_b"):
        client = browse(persona)
        response = client.get(_url(small))
        assert response.status_code == 200, persona
        assert 'value="make_task"' not in response.content.decode()
        response = client.post(
            _url(small, "office:document_correct"), {"action": "make_task", "path_key": "二/二", "units": "省财政厅"}
        )
        assert response.status_code == 403, persona
    assert not Correction.objects.exists() and not small.tasks.filter(path_key="二/二").exists()


def test_a_role_that_may_not_see_the_document_gets_404(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    for persona in ("reporter_a", "expert"):
        client = browse(persona)
        assert client.get(_url(small)).status_code == 404, persona
        assert client.get(_url(small, "office:document_export")).status_code == 404, persona
        response = client.post(
            _url(small, "office:document_correct"), {"action": "reject_task", "task": "1", "reason": "x"}
        )
        assert response.status_code == 404, persona
    assert not Correction.objects.exists()


def test_anonymous_is_sent_to_login(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("anonymous")
    for url in (_url(small), _url(small, "office:document_export"), reverse("office:documents")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login")), url
    response = client.post(
        _url(small, "office:document_correct"), {"action": "make_task", "path_key": "二/二", "units": "x"}
    )
    assert response.status_code == 302 and not Correction.objects.exists()


def test_the_supervisor_makes_an_item_a_task_and_edits_its_units(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = _post(
        client, small, action="make_task", path_key="二/二", units="各市（州）人民政府\n省政府各部门", leads=""
    )
    assert response.status_code == 200
    assert "条目 二二 已设为任务" in response.content.decode()
    task = small.tasks.get(path_key="二/二")
    assert [a.name for a in task.assignments.order_by("position")] == ["各市（州）人民政府", "省政府各部门"]
    response = _post(
        client, small, action="set_units", task=str(task.pk), units="省财政厅\n省发展改革委", leads="省发展改革委"
    )
    assert "责任单位已更新" in response.content.decode()
    assert [(a.name, a.role) for a in task.assignments.order_by("position")] == [
        ("省财政厅", "co"),
        ("省发展改革委", "lead"),
    ]
    assert Task.objects.get(pk=task.pk).assignments.get(name="省财政厅").unit is not None  # resolved to unit B
    # a compound name written with 、 stays one unit (one name per line)
    _post(
        client, small, action="set_units", task=str(task.pk), units="各省、自治区、直辖市人民政府\n省财政厅", leads=""
    )
    assert [a.name for a in task.assignments.order_by("position")] == ["各省、自治区、直辖市人民政府", "省财政厅"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "make_task", "path_key": "二/二", "units": ""}, "责任单位：这个字段是必填项"),
        ({"action": "make_task", "path_key": "九", "units": "省财政厅"}, "没有层级编号为“九”"),
        ({"action": "make_task", "path_key": "二/一", "units": "省财政厅"}, "已是任务"),
        (
            {"action": "make_task", "path_key": "二/二", "units": "省财政厅", "leads": "省教育厅"},
            "牵头单位须是责任单位之一",
        ),
        ({"action": "explode"}, "未知的操作"),
        (
            {
                "action": "add_target",
                "phrase": "不在正文里",
                "occurrence": "1",
                "indicator": "x",
                "value": "1",
                "comparator": ">=",
                "kind": "level",
            },
            "正文中找不到",
        ),
        (
            {
                "action": "add_target",
                "phrase": "全覆盖",
                "occurrence": "1",
                "indicator": "x",
                "value": "abc",
                "comparator": ">=",
                "kind": "level",
            },
            "目标值",
        ),
    ],
)
def test_bad_input_gives_a_message_and_writes_nothing(small: Document, browse, data, message) -> None:  # type: ignore[no-untyped-def]
    tasks = small.tasks.count()
    response = _post(browse("supervisor"), small, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Correction.objects.exists() and small.tasks.count() == tasks


def test_reject_needs_a_reason(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    task = small.tasks.get(path_key="二/一")
    response = _post(browse("supervisor"), small, action="reject_task", task=str(task.pk), reason="")
    assert "否决理由：这个字段是必填项" in response.content.decode()
    assert Task.objects.get(pk=task.pk).active
    response = _post(browse("supervisor"), small, action="reject_task", task=str(task.pk), reason="背景")
    assert not Task.objects.get(pk=task.pk).active
    assert 'class="hl hl-task-off"' in response.content.decode()


def test_a_missed_target_is_marked_and_a_target_linked(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    response = _post(
        client,
        small,
        action="add_target",
        phrase="实现就医结算全覆盖",
        occurrence="1",
        indicator="就医结算覆盖率",
        value="100",
        comparator=">=",
        kind="level",
        unit="%",
        deadline="2021-12-31",
    )
    assert "已补标指标“就医结算覆盖率”" in response.content.decode()
    target = small.targets.get(indicator="就医结算覆盖率")
    link = f'<a class="hl hl-target" href="{reverse("office:target", args=[target.pk])}" title="就医结算覆盖率">'
    assert link + "实现就医结算全覆盖</a>" in response.content.decode()
    task = small.tasks.get(path_key="二/一")
    response = _post(client, small, action="link_target", target=str(target.pk), task=str(task.pk), units="省财政厅")
    assert "已关联" in response.content.decode()
    assert target.link.task == task and [u.name for u in target.link.units.all()] == ["省财政厅"]
    response = _post(client, small, action="link_target", target=str(target.pk), task="", units="省教育厅")
    assert "这些单位尚未登记：省教育厅" in response.content.decode()


def test_csrf_is_enforced_on_corrections(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor", csrf=True)
    response = client.post(
        _url(small, "office:document_correct"), {"action": "make_task", "path_key": "二/二", "units": "省财政厅"}
    )
    assert response.status_code == 403
    assert not Correction.objects.exists()
    page = client.get(_url(small))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    response = client.post(
        _url(small, "office:document_correct"),
        {"action": "make_task", "path_key": "二/二", "units": "省财政厅", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and Correction.objects.count() == 1


def test_the_corrected_json_downloads(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    _post(client, small, action="make_task", path_key="二/二", units="省财政厅")
    response = client.get(_url(small, "office:document_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    body = json.loads(response.content)
    assert body["schema"] == "luoshi.parse/1"
    assert [t["path"] for t in body["documents"][0]["tasks"]] == [["二", "一"], ["二", "二"]]
    # reporter B sees the document through its task: the export holds only what it may see
    body = json.loads(browse("reporter_b").get(_url(small, "office:document_export")).content)
    assert [t["path"] for t in body["documents"][0]["tasks"]] == [["二", "一"], ["二", "二"]]


def test_revisions_and_their_text_diff(small: Document, browse) -> None:  # type: ignore[no-untyped-def]
    revised = SMALL.replace("为加快社会保障卡应用，", "为加快社会保障卡在全省的应用，")
    import_contract(_parse_text(revised), file_sha256="b" * 64, source_name="small-r2.txt")
    response = browse("supervisor").get(_url(small) + "?compare=2")
    html = response.content.decode()
    assert "small-r2.txt" in html and "r1 → r2" in html
    assert '<span class="df del">- 为加快社会保障卡应用，现提出如下意见。</span>' in html
    assert '<span class="df ins">+ 为加快社会保障卡在全省的应用，现提出如下意见。</span>' in html


def test_a_document_imported_as_json_lists_its_tasks_without_text(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("supervisor").get(_url(world.d1))
    html = response.content.decode()
    assert response.status_code == 200 and "没有保存正文" in html
    assert reverse("office:task", args=[world.task_a.pk]) in html
    assert 'value="add_target"' not in html  # nothing to mark without the text


def test_the_document_list_per_persona(small: Document, world: World, browse) -> None:  # type: ignore[no-untyped-def]
    html = browse("reporter_a").get(reverse("office:documents")).content.decode()
    assert world.d2.title in html and small.title not in html
    html = browse("leader").get(reverse("office:documents")).content.decode()
    assert small.title in html and world.d1.title in html
    assert Target.objects.exists()
