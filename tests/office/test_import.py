"""The import page: upload → preview (nothing stored) → link/create units → confirm; bad input; personas."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.registry.models import Document, Role, TaskUnit, Unit, UnitAlias, UnresolvedUnitName
from web.conftest import World, make_user
from web.test_corrections import SMALL

pytestmark = pytest.mark.django_db
SMALL_NUMBER = "川府发〔2020〕1号"


def _upload(name: str = "small.txt", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SMALL.encode("utf-8") if data is None else data)


def _staged() -> list:  # type: ignore[type-arg]
    return sorted((settings.DATA_DIR / "staged-imports").glob("*.json"))


def _stage(client) -> str:  # type: ignore[no-untyped-def]
    response = client.post(reverse("office:import"), {"file": _upload()})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"].rstrip("/").split("/")[-1]


def test_upload_previews_without_storing_then_confirm_imports(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    documents, queued = Document.objects.count(), UnresolvedUnitName.objects.count()
    token = _stage(client)
    html = client.get(reverse("office:import_preview", args=[token])).content.decode()
    assert SMALL_NUMBER in html and "新文件" in html
    assert "推进社会保障卡应用" in html  # the task, with its units
    assert '<strong>省人力资源社会保障厅</strong> <span class="badge st-at_risk">未登记</span>' in html
    assert '省财政厅 <span class="badge st-at_risk">未登记' not in html  # unit B is registered
    assert "全省社会保障卡持卡人数" in html  # a target
    assert Document.objects.count() == documents and UnresolvedUnitName.objects.count() == queued

    response = client.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"}, follow=True)
    document = Document.objects.get(doc_number=SMALL_NUMBER)
    assert response.redirect_chain[-1][0] == reverse("office:document", args=[document.pk])
    assert "已导入“small.txt”：新文件 1 个" in response.content.decode()
    assert document.revisions.get().source_name == "small.txt"
    assert client.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"}).status_code == 404


def test_an_unknown_name_is_linked_or_created_in_the_preview(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    token = _stage(client)
    url = reverse("office:import_unit", args=[token])
    response = client.post(url, {"action": "link", "name": "省人力资源社会保障厅", "unit": "不存在的单位"}, follow=True)
    assert "单位“不存在的单位”尚未登记" in response.content.decode()
    assert not UnitAlias.objects.exists()
    response = client.post(
        url, {"action": "create", "name": "省人力资源社会保障厅", "kind": "province_dept", "parent": ""}, follow=True
    )
    assert "已新建单位“省人力资源社会保障厅”" in response.content.decode()
    assert "未登记" not in response.content.decode()  # the preview now knows every name
    response = client.post(
        url, {"action": "create", "name": "省人力资源社会保障厅", "kind": "province_dept"}, follow=True
    )
    assert "已存在" in response.content.decode()
    client.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"})
    resolved = TaskUnit.objects.get(name="省人力资源社会保障厅")
    assert resolved.unit == Unit.objects.get(name="省人力资源社会保障厅", kind="province_dept")


def test_linking_records_an_alias_the_import_uses(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    token = _stage(client)
    response = client.post(
        reverse("office:import_unit", args=[token]),
        {"action": "link", "name": "省人力资源社会保障厅", "unit": world.unit_b.name},
        follow=True,
    )
    assert "已关联到“省财政厅”" in response.content.decode()
    client.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"})
    assert TaskUnit.objects.get(name="省人力资源社会保障厅").unit == world.unit_b
    assert UnitAlias.objects.get(alias="省人力资源社会保障厅").unit == world.unit_b


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "上传的文件是空的"),
        ("tool.exe", b"MZ\x90\x00", "不支持的文件类型“.exe”"),
        ("noext", b"abc", "不支持的文件类型“无扩展名”"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "无法读取“broken.pdf”"),
        ("binary.txt", bytes(range(256)) * 20, "无法读取“binary.txt”"),
        ("bad.json", b'{"schema": "other"}', "luoshi.parse/1"),
    ],
)
def test_bad_uploads_get_a_message_in_the_form(world: World, browse, name, data, message) -> None:  # type: ignore[no-untyped-def]
    before = (Document.objects.count(), len(_staged()))
    response = browse("supervisor").post(reverse("office:import"), {"file": _upload(name, data)})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and 'class="error"' in html and "Traceback" not in html
    assert (Document.objects.count(), len(_staged())) == before


def test_an_oversized_upload_is_refused(world: World, browse, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_MAX_UPLOAD_BYTES = 100
    response = browse("supervisor").post(reverse("office:import"), {"file": _upload()})
    assert response.status_code == 422 and "上传的文件过大" in response.content.decode()
    assert not Document.objects.filter(doc_number=SMALL_NUMBER).exists()


def test_no_file_at_all_is_a_form_error(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("supervisor").post(reverse("office:import"), {})
    assert response.status_code == 422 and "这个字段是必填项" in response.content.decode()


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "reporter_b", "expert"])
def test_only_the_office_imports(world: World, browse, persona) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    assert client.get(reverse("office:import")).status_code == 403
    assert client.post(reverse("office:import"), {"file": _upload()}).status_code == 403
    assert not _staged() or not Document.objects.filter(doc_number=SMALL_NUMBER).exists()


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("anonymous").get(reverse("office:import"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))


def test_a_staged_import_belongs_to_its_uploader(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    token = _stage(browse("supervisor"))
    other = Client()
    other.force_login(make_user("supervisor2", Role.SUPERVISOR))
    assert other.get(reverse("office:import_preview", args=[token])).status_code == 404
    assert other.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"}).status_code == 404
    assert browse("leader").get(reverse("office:import_preview", args=[token])).status_code == 403
    assert browse("supervisor").get(reverse("office:import_preview", args=["..%2Fetc"])).status_code == 404
    assert not Document.objects.filter(doc_number=SMALL_NUMBER).exists()


def test_discard_stores_nothing(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("supervisor")
    token = _stage(client)
    response = client.post(reverse("office:import_confirm", args=[token]), {"action": "discard"}, follow=True)
    assert "已放弃导入" in response.content.decode()
    assert not Document.objects.filter(doc_number=SMALL_NUMBER).exists()
    assert client.get(reverse("office:import_preview", args=[token])).status_code == 404


def test_csrf_is_enforced_on_every_import_form(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    token = _stage(browse("supervisor"))
    client = browse("supervisor", csrf=True)
    assert client.post(reverse("office:import"), {"file": _upload()}).status_code == 403
    assert (
        client.post(
            reverse("office:import_unit", args=[token]), {"action": "create", "name": "x", "kind": "other"}
        ).status_code
        == 403
    )
    assert client.post(reverse("office:import_confirm", args=[token]), {"action": "confirm"}).status_code == 403
    assert not Unit.objects.filter(name="x").exists()
    assert not Document.objects.filter(doc_number=SMALL_NUMBER).exists()
