"""The 督办 ladder and the leaders' dashboard through the browser, on the demo registry.

The supervisor issues a 提醒 from an overdue task 商务厅 leads; 商务厅's reporter replies with
its rectification; the supervisor finds it weak and escalates to 督办; both levels' 督办单
download. The leader opens the dashboard: its overdue figure opens a task list of exactly that
many tasks, and the page fits a phone. Screenshots go to docs/screenshots/ for the README.
"""

from __future__ import annotations

import pytest

from browser.conftest import login, shoot
from luoshi_web.registry import clock, demo
from luoshi_web.registry.models import Unit
from luoshi_web.registry.status import AT_RISK, COMPLETED, OVERDUE
from luoshi_web.supervision import demo as supervision_demo
from luoshi_web.supervision.models import Notice, NoticeState, NoticeStep
from luoshi_web.supervision.selection import SYSTEM, TaskSelection, select_tasks


@pytest.fixture
def ledger(transactional_db, live_server):  # type: ignore[no-untyped-def]
    accounts = demo.build(demo.default_seed(), clock.today())
    from django.contrib.auth import get_user_model

    supervision_demo.populate(get_user_model().objects.get(username="supervisor"), today=clock.today())
    return {a.username: a.password for a in accounts}


def test_notice_issued_replied_escalated(ledger, new_page) -> None:  # type: ignore[no-untyped-def]
    commerce = Unit.objects.get(name="商务厅")
    today = clock.today()
    candidates = list(
        select_tasks(SYSTEM, TaskSelection(unit=commerce.pk), today)
        .exclude(notices__isnull=False)
        .exclude(status=COMPLETED)
    )
    late = [t for t in candidates if t.status in (OVERDUE, AT_RISK)]
    task = (late or candidates)[0]  # an overdue or lagging task if the demo has one, else one the office flags

    # 1. The supervisor issues a 提醒 from the task page.
    office = new_page()
    login(office, "supervisor", ledger["supervisor"])
    office.goto(f"/tasks/{task.pk}/")
    office.click(f"a[href='/tasks/{task.pk}/notice/']")
    office.select_option("#id_unit", str(commerce.pk))
    assert office.get_attribute("#id_reason", "required") is not None  # the browser asks before the server does
    if not late:
        office.check("#id_flagged")
    office.fill("#id_reason", "任务推进滞后，未报送进展。")
    office.fill("#id_requirement", "十日内书面报告整改措施，附佐证材料。")
    office.click("button.primary")
    office.wait_for_url("**/notices/*/")
    notice = Notice.objects.get(task=task)
    assert notice.level == 1 and notice.unit_id == commerce.pk
    assert notice.number in office.inner_text("main")

    # 2. 商务厅's reporter finds it in the notices list and replies.
    reporter = new_page()
    login(reporter, "reporter1", ledger["reporter1"])
    reporter.goto("/notices/")
    reporter.click(f"a[href='/notices/{notice.pk}/']")
    reporter.fill("#id_text", "已制定整改方案，正在推进。")
    reporter.click("button.primary")
    assert "已回复整改情况" in reporter.inner_text("main")
    notice.refresh_from_db()
    assert notice.state == NoticeState.REPLIED

    # 3. The supervisor escalates: the reply names no date.
    office.goto(f"/notices/{notice.pk}/")
    office.fill("#id_text", "整改方案未明确完成时间。")
    office.click("button.danger")
    assert "已升级为督办" in office.inner_text("main")
    notice.refresh_from_db()
    assert (notice.level, notice.state) == (2, NoticeState.OPEN)
    assert list(NoticeStep.objects.filter(notice=notice).order_by("at", "id").values_list("action", flat=True)) == [
        "issue",
        "reply",
        "escalate",
    ]
    with office.expect_download() as download:
        office.click(f"a[href='/notices/{notice.pk}/document.docx']")
    assert download.value.suggested_filename == f"{notice.number}.docx"
    shoot(office, "notices")
    office.goto(f"/tasks/{task.pk}/")
    ladder = office.inner_text("#notices")
    assert "提醒" in ladder and "督办" in ladder and "回复" in ladder
    phone = new_page(width=390, height=844)
    login(phone, "reporter1", ledger["reporter1"])
    phone.goto(f"/notices/{notice.pk}/")
    assert phone.is_visible("#id_text")  # at 督办 the unit is asked again
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


def test_leader_dashboard(ledger, new_page) -> None:  # type: ignore[no-untyped-def]
    leader = new_page()
    login(leader, "leader", ledger["leader"])
    leader.goto("/dashboard/")
    overdue = int(leader.inner_text("a.kpi[data-status=overdue] .n"))
    assert overdue > 0
    levels = leader.inner_text("main")
    assert "提醒 1" in levels and "督办 1" in levels  # the demo's two open notices
    shoot(leader, "dashboard")
    leader.click("a.kpi[data-status=overdue]")
    leader.wait_for_url("**/tasks/?status=overdue")
    assert overdue == select_tasks(SYSTEM, TaskSelection(status=OVERDUE), clock.today()).count()
    assert leader.locator("main table tbody tr").count() == min(overdue, 50)  # the list's page size
    phone = new_page(width=390, height=844)
    login(phone, "leader", ledger["leader"])
    phone.goto("/dashboard/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert int(phone.inner_text("a.kpi[data-status=overdue] .n")) == overdue
