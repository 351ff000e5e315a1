"""The report form and the review screen: the workflow, bad input, stale forms, 403/404, CSRF."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from luoshi_web.registry import cycles, status
from luoshi_web.registry.models import AuditLog, Evidence, Report, ReportState, Task

PDF = b"%PDF-1.4\n% minutes of the acceptance meeting\n"


def pdf(name: str = "验收报告.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form_url(world, task=None) -> str:  # type: ignore[no-untyped-def]
    return f"/tasks/{(task or world.task_a).pk}/report/?cycle={world.cycle.pk}"


def version_of(client: Client, url: str) -> str:
    return re.search(r'name="version" value="([^"]+)"', client.get(url).content.decode()).group(1)


def fill(world, client, **overrides):  # type: ignore[no-untyped-def]
    url = form_url(world)
    data = {
        "version": version_of(client, url),
        "cycle": world.cycle.pk,
        "progress": "在线审批监管平台已在省市县三级上线运行。",
        "percent": 100,
        "problems": "",
        "next_steps": "加强事中事后监管。",
        "is_final": "on",
        "action": "submit",
        **overrides,
    }
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def test_reporter_files_a_report_with_evidence(world, browse):  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    response = fill(world, client, evidence=pdf())
    report = Report.objects.get(task=world.task_a, unit=world.unit_a, cycle=world.cycle)
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert report.state == ReportState.SUBMITTED and report.percent == 100 and report.is_final
    assert [e.original_name for e in report.evidence.all()] == ["验收报告.pdf"]
    assert AuditLog.objects.filter(model="registry.evidence", action="evidence.upload").count() == 1


def test_save_draft_then_submit(world, browse):  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    fill(world, client, action="save", percent=40, is_final=None)
    report = Report.objects.get(task=world.task_a, unit=world.unit_a)
    assert report.state == ReportState.DRAFT and report.percent == 40
    fill(world, client, percent=60, is_final=None)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.percent == 60


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"percent": 150}, "完成比例应在 0 到 100 之间"),
        ({"percent": -1}, "完成比例应在 0 到 100 之间"),
        ({"percent": "abc"}, "完成比例应为 0 到 100 之间的整数"),
        ({"progress": "  "}, "报送前请填写工作进展"),
        ({"evidence": pdf("空.pdf", b"")}, "空文件"),  # Django's own check, or ours
        ({"evidence": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")}, "的文件类型不能作为佐证材料"),
        ({"evidence": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf")}, "的内容与扩展名 .pdf 不符"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(world, browse, overrides, message):  # type: ignore[no-untyped-def]
    response = fill(world, browse("reporter_a"), **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_oversized_upload_is_refused(world, browse, settings):  # type: ignore[no-untyped-def]
    settings.LUOSHI_MAX_UPLOAD_BYTES = 20
    response = fill(world, browse("reporter_a"), evidence=pdf(content=PDF + b"x" * 30))
    assert response.status_code == 200 and "过大" in response.content.decode()
    assert not Report.objects.exists()
    settings.LUOSHI_MAX_UPLOAD_BYTES = len(PDF)  # exactly at the limit is accepted
    assert fill(world, browse("reporter_a"), evidence=pdf()).status_code == 302


def test_stale_form_is_refused_not_overwritten(world, browse):  # type: ignore[no-untyped-def]
    first, second = browse("reporter_a"), browse("reporter_a")
    fill(world, first, action="save", percent=30, is_final=None)
    url = form_url(world)
    stale = version_of(second, url)  # both open the draft
    fill(world, first, action="save", percent=50, is_final=None, progress="第一位同事的修改")
    response = second.post(
        url,
        {"version": stale, "cycle": world.cycle.pk, "progress": "第二位同事的修改", "percent": 70, "action": "save"},
    )
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    report = Report.objects.get()
    assert report.percent == 50 and report.progress == "第一位同事的修改"  # no lost update
    # the form now carries the current version: saving again on purpose works
    again = second.post(
        url,
        {
            "version": cycles.report_version(report),
            "cycle": world.cycle.pk,
            "progress": "第二位同事的修改",
            "percent": 70,
            "action": "save",
        },
    )
    assert again.status_code == 302 and Report.objects.get().percent == 70


def test_co_unit_files_a_contribution_without_closing(world, browse):  # type: ignore[no-untyped-def]
    client = browse("reporter_b")
    url = form_url(world, world.task_ab)
    page = client.get(url).content.decode()
    assert "本单位配合工作情况" in page and 'name="is_final"' not in page
    client.post(
        url,
        {
            "version": "new",
            "cycle": world.cycle.pk,
            "progress": "配合完成资金测算",
            "is_final": "on",
            "action": "submit",
        },
    )
    report = Report.objects.get(task=world.task_ab, unit=world.unit_b)
    assert report.kind == "contribution" and not report.is_final


@pytest.mark.parametrize(
    ("persona", "code"), [("supervisor", 403), ("leader", 403), ("expert", 403), ("reporter_b", 404)]
)
def test_others_cannot_file_unit_a_report(world, browse, persona, code):  # type: ignore[no-untyped-def]
    response = browse(persona).post(form_url(world), {"version": "new", "progress": "x", "action": "submit"})
    assert response.status_code == code
    assert not Report.objects.exists()


def submitted(world, *, final=True, with_evidence=True):  # type: ignore[no-untyped-def]
    from luoshi_web.registry import evidence

    who = world.actor("reporter_a")
    report = cycles.save_report(who, world.task_a, world.cycle, progress="已上线", percent=100, is_final=final)
    if with_evidence:
        evidence.attach(who, report, pdf())
    return cycles.submit(who, report)


def review(client, report, **data):  # type: ignore[no-untyped-def]
    data.setdefault("version", cycles.report_version(Report.objects.get(pk=report.pk)))
    return client.post(f"/reports/{report.pk}/review/", data)


def test_return_with_reason_then_refile_then_accept(world, browse):  # type: ignore[no-untyped-def]
    report = submitted(world)
    office = browse("supervisor")
    assert review(office, report, action="return", reason="").status_code == 200  # reason required
    assert Report.objects.get().state == ReportState.SUBMITTED
    review(office, report, action="return", reason="佐证材料缺少验收意见，请补充")
    assert Report.objects.get().state == ReportState.RETURNED
    reporter = browse("reporter_a")
    assert "佐证材料缺少验收意见，请补充" in reporter.get("/").content.decode()
    assert "佐证材料缺少验收意见，请补充" in reporter.get(form_url(world)).content.decode()
    fill(world, reporter, evidence=pdf("验收意见.pdf"))
    assert Report.objects.get().state == ReportState.SUBMITTED
    # the reason stays in the report's history after refiling
    assert "佐证材料缺少验收意见，请补充" in office.get(f"/reports/{report.pk}/").content.decode()
    refused = review(office, report, action="accept")  # final report: verification required
    assert refused.status_code == 200 and "须先核验佐证材料" in refused.content.decode()
    assert review(office, report, action="accept", verified="on").status_code == 302
    assert Report.objects.get().state == ReportState.ACCEPTED
    task = Task.objects.get(pk=world.task_a.pk)
    assert status.status_of(task, world.cycle.period_end) == status.COMPLETED
    page = office.get(f"/tasks/{task.pk}/").content.decode()
    assert "已完成" in page and "退回报告" in page and "报送报告" in page


def test_non_final_report_accepts_without_verification(world, browse):  # type: ignore[no-untyped-def]
    report = submitted(world, final=False, with_evidence=False)
    assert review(browse("supervisor"), report, action="accept").status_code == 302
    assert Report.objects.get().state == ReportState.ACCEPTED


def test_stale_review_is_refused(world, browse):  # type: ignore[no-untyped-def]
    report = submitted(world)
    old = cycles.report_version(report)
    cycles.return_report(world.actor("supervisor"), report, "请补充")
    response = review(browse("supervisor"), report, action="accept", verified="on", version=old)
    assert "已被他人修改或审核" in response.content.decode()
    assert Report.objects.get().state == ReportState.RETURNED


@pytest.mark.parametrize(
    ("persona", "code"), [("leader", 403), ("expert", 403), ("reporter_a", 403), ("reporter_b", 404)]
)
def test_only_the_office_reviews(world, browse, persona, code):  # type: ignore[no-untyped-def]
    report = submitted(world)
    assert review(browse(persona), report, action="accept", verified="on").status_code == code
    assert review(browse(persona), report, action="return", reason="x").status_code == code
    assert Report.objects.get().state == ReportState.SUBMITTED


def test_anonymous_review_goes_to_login(world, browse):  # type: ignore[no-untyped-def]
    report = submitted(world)
    response = review(browse("anonymous"), report, action="accept", verified="on")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def csrf_token(client: Client, url: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_csrf_on_report_form(world, browse):  # type: ignore[no-untyped-def]
    client = browse("reporter_a", csrf=True)
    url = form_url(world)
    data = {"version": "new", "cycle": world.cycle.pk, "progress": "x", "action": "save"}
    assert client.post(url, data).status_code == 403
    assert not Report.objects.exists()
    assert client.post(url, {**data, "csrfmiddlewaretoken": csrf_token(client, url)}).status_code == 302


def test_csrf_on_review_forms(world, browse):  # type: ignore[no-untyped-def]
    report = submitted(world)
    client = browse("supervisor", csrf=True)
    url = f"/reports/{report.pk}/review/"
    version = cycles.report_version(report)
    assert client.post(url, {"action": "return", "reason": "x", "version": version}).status_code == 403
    assert client.post(url, {"action": "accept", "verified": "on", "version": version}).status_code == 403
    assert Report.objects.get().state == ReportState.SUBMITTED
    token = csrf_token(client, f"/reports/{report.pk}/")
    ok = client.post(url, {"action": "return", "reason": "x", "version": version, "csrfmiddlewaretoken": token})
    assert ok.status_code == 302
