"""Every office page with every persona: who sees it, who gets 404 (not visible), 403 (read-only) or login."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi_web.registry import cycles, evidence
from luoshi_web.registry.models import Observation, Report, ReportState

PDF = b"%PDF-1.4\n% evidence\n"


@pytest.fixture
def filed(world):  # type: ignore[no-untyped-def]
    """Unit A's submitted final report on its task, with one evidence file; an observation of D1's target."""
    who = world.actor("reporter_a")
    report = cycles.save_report(who, world.task_a, world.cycle, progress="平台已上线运行", percent=100, is_final=True)
    item = evidence.attach(who, report, SimpleUploadedFile("验收报告.pdf", PDF, content_type="application/pdf"))
    cycles.submit(who, report)
    target = world.d1.targets.get()
    Observation.objects.create(target=target, value=20, as_of=world.cycle.period_start, source="省司法厅")
    return {"report": report, "evidence": item, "target": target, "public_target": world.d2.targets.get()}


def urls(world, filed):  # type: ignore[no-untyped-def]
    return {
        "home": "/",
        "tasks": "/tasks/",
        "task_a": f"/tasks/{world.task_a.pk}/",
        "docket": "/docket/",
        "docket_a": f"/docket/{world.unit_a.pk}/",
        "targets": "/targets/",
        "target": f"/targets/{filed['target'].pk}/",
        "report_form": f"/tasks/{world.task_a.pk}/report/",
        "report": f"/reports/{filed['report'].pk}/",
        "evidence": f"/evidence/{filed['evidence'].pk}/",
    }


# page → expected status per persona (anonymous is always sent to the login page)
EXPECTED = {
    "home": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=200, expert=200),
    "tasks": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=200, expert=200),
    "task_a": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=404, expert=200),
    "docket": dict(supervisor=404, leader=404, reporter_a=200, reporter_b=200, expert=404),
    "docket_a": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=404, expert=404),
    "targets": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=200, expert=200),
    "target": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=200, expert=200),
    "report_form": dict(supervisor=403, leader=403, reporter_a=302, reporter_b=404, expert=403),
    "report": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=404, expert=200),
    "evidence": dict(supervisor=200, leader=200, reporter_a=200, reporter_b=404, expert=200),
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("persona", ["supervisor", "leader", "reporter_a", "reporter_b", "expert", "anonymous"])
def test_page_access(world, filed, browse, page, persona):  # type: ignore[no-untyped-def]
    url = urls(world, filed)[page]
    response = browse(persona).get(url)
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
        return
    assert response.status_code == EXPECTED[page][persona], (page, persona)


def test_submitted_report_form_sends_the_reporter_to_the_report(world, filed, browse):  # type: ignore[no-untyped-def]
    response = browse("reporter_a").get(f"/tasks/{world.task_a.pk}/report/")
    assert response["Location"] == f"/reports/{filed['report'].pk}/"


def test_evidence_download_is_the_file(world, filed, browse):  # type: ignore[no-untyped-def]
    response = browse("supervisor").get(f"/evidence/{filed['evidence'].pk}/")
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_reporter_b_cannot_see_unit_a_task_in_lists(world, filed, browse):  # type: ignore[no-untyped-def]
    body = browse("reporter_b").get("/tasks/").content.decode()
    assert world.task_b.text[:10] in body
    assert world.task_a.text[:10] not in body


def test_supervisor_home_shows_what_needs_attention(world, filed, browse):  # type: ignore[no-untyped-def]
    body = browse("supervisor").get("/").content.decode()
    assert f"/reports/{filed['report'].pk}/" in body  # waiting for review
    assert "待审核的报告" in body and "逾期任务" in body and "待关联的单位名称" in body


def test_reporter_home_lists_open_reports_with_due_date(world, filed, browse):  # type: ignore[no-untyped-def]
    body = browse("reporter_a").get("/").content.decode()
    assert f"/reports/{filed['report'].pk}/" in body
    assert "2016年7月15日" in body  # the cycle's due date (period end + grace days)
    assert world.unit_a.name in body


def test_leader_home_overview_by_document_and_unit(world, filed, browse):  # type: ignore[no-untyped-def]
    body = browse("leader").get("/").content.decode()
    assert world.d1.doc_number in body and world.unit_a.name in body and world.unit_b.name in body


def test_expert_home_lists_assigned_reviews(world, filed, browse):  # type: ignore[no-untyped-def]
    body = browse("expert").get("/").content.decode()
    assert f"/tasks/{world.task_a.pk}/" in body
    assert f"/tasks/{world.task_b.pk}/" not in body


def test_report_state_is_submitted(filed):  # type: ignore[no-untyped-def]
    assert Report.objects.get(pk=filed["report"].pk).state == ReportState.SUBMITTED
