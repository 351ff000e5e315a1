"""A unit's quarterly report through the browser, on the demo ledger built from the seed gazette.

商务厅's reporter files its report on a task it leads, with an evidence file (a percent of
150 first gets a message); the supervision office returns it with a reason; the reporter
sees the reason and refiles it as final; the office verifies the evidence and accepts; the
task shows 已完成 and its history; the pages fit a phone. Screenshots of the pages go to
docs/screenshots/ for the README.
"""

from __future__ import annotations

import pytest

from browser.conftest import login, shoot
from luoshi_web.registry import clock, demo
from luoshi_web.registry.models import Report, ReportState, Target, Task

REASON = "请补充各市（州）综合服务站点清单，并附验收材料。"


@pytest.fixture
def ledger(transactional_db, live_server):  # type: ignore[no-untyped-def]
    accounts = demo.build(demo.default_seed(), clock.today())
    return {a.username: a.password for a in accounts}


def test_report_returned_refiled_accepted(ledger, new_page, tmp_path):  # type: ignore[no-untyped-def]
    task = Task.objects.get(document__doc_number="川办函〔2016〕23号", path_key="三/五")  # 商务厅 leads; a draft exists
    minutes = tmp_path / "站点建设情况.txt"
    minutes.write_text("各市（州）农村电子商务综合服务站点建设情况汇总。", encoding="utf-8")
    acceptance = tmp_path / "验收意见.txt"
    acceptance.write_text("综合服务站点验收意见：全部达标。", encoding="utf-8")

    # 1. The reporter of 商务厅 files the quarterly report with an evidence file.
    reporter = new_page()
    login(reporter, "reporter1", ledger["reporter1"])
    assert "商务厅" in reporter.inner_text("main")
    reporter.goto(f"/tasks/{task.pk}/")
    reporter.click(f"a[href^='/tasks/{task.pk}/report/']")
    reporter.fill("#id_progress", "已汇总各市（州）综合服务站点1.2万个，实现一网多用。")
    reporter.fill("#id_percent", "150")
    reporter.click("button[value=submit]")
    assert "完成比例应在 0 到 100 之间" in reporter.inner_text("main")  # bad input: a message, nothing saved
    assert Report.objects.get(task=task, unit__name="商务厅", cycle__status="open").percent == 20  # the draft as it was
    reporter.goto(f"/tasks/{task.pk}/report/")
    reporter.fill("#id_progress", "已汇总各市（州）综合服务站点1.2万个，实现一网多用。")
    reporter.fill("#id_percent", "60")
    reporter.fill("#id_next_steps", "推动站点与金融、物流服务共建共享。")
    reporter.set_input_files("#id_evidence", str(minutes))
    shoot(reporter, "report-form")
    reporter.click("button[value=submit]")
    reporter.wait_for_url("**/reports/*/")
    assert "报告已报送" in reporter.inner_text("main")
    report = Report.objects.get(task=task, unit__name="商务厅", cycle__status="open")
    assert report.state == ReportState.SUBMITTED and report.evidence.count() == 1

    # 2. The supervision office sees it waiting on its home page and returns it with a reason.
    office = new_page()
    login(office, "supervisor", ledger["supervisor"])
    shoot(office, "supervisor-home")
    office.click(f"a[href='/reports/{report.pk}/']")
    shoot(office, "review-screen")
    office.fill("#id_reason", REASON)
    office.click("button[value=return]")
    assert "报告已退回" in office.inner_text("main")

    # 3. The reporter sees the reason, attaches the acceptance record and refiles, asking to close the task.
    reporter.goto("/")
    assert REASON in reporter.inner_text("main")
    reporter.goto(f"/tasks/{task.pk}/report/")
    assert REASON in reporter.inner_text("main")
    reporter.fill("#id_percent", "100")
    reporter.check("#id_is_final")
    reporter.set_input_files("#id_evidence", str(acceptance))
    reporter.click("button[value=submit]")
    reporter.wait_for_url("**/reports/*/")
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED

    # 4. The office must verify the evidence before accepting a final report.
    office.goto(f"/reports/{report.pk}/")
    assert REASON in office.inner_text("main")  # the reason stays in the report's history
    office.click("button[value=accept]")
    assert "须先核验佐证材料" in office.inner_text("main")
    with office.expect_download() as download:
        office.click("text=验收意见.txt")
    assert download.value.suggested_filename == "验收意见.txt"
    office.check("#id_verified")
    office.click("button[value=accept]")
    assert "报告已审核通过" in office.inner_text("main")

    # 5. The task is 已完成, with its history.
    office.goto(f"/tasks/{task.pk}/")
    heading = office.inner_text("h1")
    assert "已完成" in heading
    history = office.inner_text("#audit")
    assert "退回报告" in history and "接受报告" in history and "上传佐证材料" in history
    shoot(office, "task-page")

    target = Target.objects.filter(text__contains="村级电子商务服务点覆盖率").first()
    office.goto(f"/targets/{target.pk}/")
    assert office.locator("svg.chart polyline").count() >= 1
    shoot(office, "target-page")

    # 6. The pages fit a phone: nothing wider than the screen.
    phone = new_page(width=375, height=740)
    login(phone, "reporter1", ledger["reporter1"])
    for url in ("/", "/tasks/", f"/tasks/{task.pk}/", f"/reports/{report.pk}/", f"/targets/{target.pk}/"):
        phone.goto(url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (url, overflow)
