"""The admin site: Chinese labels, audit actions in words, and no way around the workflow."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from luoshi_web.registry import cycles
from luoshi_web.registry.models import AuditLog, Evidence, Report, ReportingCycle, UnresolvedUnitName

from .conftest import World


@pytest.fixture(autouse=True)
def _chinese():  # type: ignore[no-untyped-def]
    """Domain messages in the default language, whatever language an earlier request activated."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def superuser(world: World) -> Client:
    user = world.users["admin"]
    user.is_staff = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def _accepted_report_in_closed_cycle(world: World) -> Report:
    sup = world.actor("supervisor")
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="已完成方案", percent=60)
    cycles.submit(world.actor("reporter_a"), report, now=datetime(2016, 7, 5, tzinfo=UTC))
    cycles.accept(sup, report)
    cycles.close(sup, world.cycle, today=date(2016, 8, 1), confirm_early=False)
    return report


def test_superuser_cannot_change_an_accepted_report_in_a_closed_cycle(world: World, superuser: Client) -> None:
    report = _accepted_report_in_closed_cycle(world)
    before = Report.objects.filter(pk=report.pk).values().get()
    url = f"/admin/registry/report/{report.pk}/change/"
    page = superuser.get(url)
    assert page.status_code == 200 and "工作进展" in page.content.decode()  # viewable, in Chinese
    posted = superuser.post(
        url,
        {
            "task": world.task_a.pk,
            "unit": world.unit_a.pk,
            "cycle": world.cycle.pk,
            "kind": "lead",
            "progress": "被管理员改写",
            "percent": 100,
            "state": "accepted",
            "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0",
        },
    )
    assert posted.status_code == 403
    assert Report.objects.filter(pk=report.pk).values().get() == before
    assert superuser.post(f"/admin/registry/report/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert superuser.get("/admin/registry/report/add/").status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()
    cycle = ReportingCycle.objects.get(pk=world.cycle.pk)
    assert cycle.snapshot["reports"][0]["progress"] == "已完成方案"


def test_closed_cycle_is_read_only_open_cycle_is_not(world: World, superuser: Client) -> None:
    _accepted_report_in_closed_cycle(world)
    closed = ReportingCycle.objects.get(pk=world.cycle.pk)
    data = {"name": "改名", "period_start": "2016-04-01", "period_end": "2016-06-30"}
    assert superuser.post(f"/admin/registry/reportingcycle/{closed.pk}/change/", data).status_code == 403
    closed.refresh_from_db()
    assert closed.name == "2016Q2"

    later = cycles.open_quarter(world.actor("supervisor"), date(2016, 8, 1))
    data = {"name": "三季度", "period_start": "2016-07-01", "period_end": "2016-09-30"}
    changed = superuser.post(f"/admin/registry/reportingcycle/{later.pk}/change/", data)
    assert changed.status_code == 302, changed.content.decode()[:2000]
    later.refresh_from_db()
    assert later.name == "三季度" and later.status == "open"  # status is not a form field


def test_evidence_evaluations_and_audit_are_read_only(world: World, superuser: Client) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="进展")
    Evidence.objects.create(
        report=report, file=SimpleUploadedFile("a.txt", b"x"), original_name="a.txt", sha256="0" * 64, size=1
    )
    evidence = Evidence.objects.get()
    assert superuser.post(f"/admin/registry/evidence/{evidence.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    entry = AuditLog.objects.order_by("id").last()
    assert superuser.post(f"/admin/registry/auditlog/{entry.pk}/change/", {"action": "x"}).status_code == 403
    assert superuser.get("/admin/registry/evaluation/add/").status_code == 403


def test_labels_and_audit_actions_are_chinese(world: World, superuser: Client) -> None:
    UnresolvedUnitName.objects.create(name="某某局", occurrences=3)
    queue = superuser.get("/admin/registry/unresolvedunitname/").content.decode()
    assert "出现次数" in queue and not re.search(r">\s*occurrences\s*<", queue, re.IGNORECASE)
    task_form = superuser.get(f"/admin/registry/task/{world.task_a.pk}/change/").content.decode()
    assert "层级路径" in task_form and not re.search(r">\s*path key", task_form, re.IGNORECASE)
    _accepted_report_in_closed_cycle(world)
    log = superuser.get("/admin/registry/auditlog/").content.decode()
    assert "接受报告" in log and "关闭填报周期" in log and "进展报告" in log
    assert ">report.accept<" not in log


def test_tokens_are_listed_and_revoked_in_the_admin(world: World, superuser: Client) -> None:
    from luoshi_web.registry import tokens
    from luoshi_web.registry.models import ApiToken

    page = superuser.get("/admin/registry/apitoken/").content.decode()
    assert "reporter_a" in page and "到期时间" in page
    token = ApiToken.objects.get(user=world.users["reporter_a"])
    response = superuser.post(
        "/admin/registry/apitoken/", {"action": "revoke_selected", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    assert tokens.user_for(world.keys["reporter_a"]) is None
    assert tokens.user_for(world.keys["reporter_b"]) is not None


def test_api_audit_log_carries_the_action_label(world: World) -> None:
    cycle = cycles.open_quarter(world.actor("supervisor"), date(2016, 8, 1))
    url = f"/api/v1/audit?model=registry.reportingcycle&object_id={cycle.pk}"
    items = world.client("supervisor").get(url).json()["items"]
    assert {(i["action"], i["action_label"]) for i in items} == {("cycle.open", "开启填报周期")}
    english = world.client("supervisor").get(url, HTTP_ACCEPT_LANGUAGE="en").json()["items"]
    assert english[0]["action_label"] == "open a reporting cycle"


def test_task_admin_edits_the_deadline_not_what_the_import_read(world: World, superuser: Client) -> None:
    url = f"/admin/registry/task/{world.task_a.pk}/change/"
    data = {
        "text": "管理员改写",
        "path_key": "九/9",
        "deadline": "2017-03-31",
        "start_date": "",
        "assignee_name": "李四",
    }
    response = superuser.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    world.task_a.refresh_from_db()
    assert (world.task_a.deadline, world.task_a.assignee_name) == (date(2017, 3, 31), "李四")
    assert world.task_a.text == "完善投资项目在线审批监管平台，2016年底前全面运行。" and world.task_a.path_key == "一/1"
    assert superuser.get("/admin/registry/task/add/").status_code == 403


def test_document_admin_publishes_only(world: World, superuser: Client) -> None:
    url = f"/admin/registry/document/{world.d1.pk}/change/"
    response = superuser.post(url, {"published": "on", "title": "改写的标题", "doc_number": "假〔2099〕1号"})
    assert response.status_code == 302, response.content.decode()[:2000]
    world.d1.refresh_from_db()
    assert world.d1.published is True
    assert (world.d1.doc_number, world.d1.title) == ("川办发〔2016〕14号", "四川省人民政府办公厅关于印发工作要点的通知")
