"""The reporting cycle: file, return, resubmit, accept; late and missing; the frozen snapshot."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from luoshi_web.registry import cycles
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import Report, ReportingCycle

from .conftest import World, post_json

ON_TIME = datetime(2016, 7, 5, 3, 0, tzinfo=UTC)
LATE = datetime(2016, 7, 30, 3, 0, tzinfo=UTC)  # due date is 2016-06-30 + 15 days


def test_quarters() -> None:
    assert cycles.quarter_of(date(2016, 5, 17)) == (date(2016, 4, 1), date(2016, 6, 30), "2016Q2")
    assert cycles.quarter_of(date(2016, 12, 31)) == (date(2016, 10, 1), date(2016, 12, 31), "2016Q4")


def test_lead_files_the_report_and_co_unit_its_contribution(world: World) -> None:
    lead = cycles.save_report(world.actor("reporter_a"), world.task_ab, world.cycle, progress="牵头")
    co = cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, progress="配合")
    assert (lead.kind, co.kind) == ("lead", "contribution")
    with pytest.raises(Invalid, match="只有牵头单位可以申请销号"):
        cycles.save_report(world.actor("reporter_b"), world.task_ab, world.cycle, is_final=True)


def test_file_return_resubmit_accept_through_the_api(world: World) -> None:
    a = world.client("reporter_a")
    sup = world.client("supervisor")
    created = post_json(a, "/api/v1/reports", {"task_id": world.task_a.pk, "cycle_id": world.cycle.pk, "percent": 40})
    assert created.status_code == 201 and created.json()["state"] == "draft"
    report_id = created.json()["id"]
    empty = post_json(a, f"/api/v1/reports/{report_id}/submit")
    assert empty.status_code == 422  # no progress text yet
    post_json(a, f"/api/v1/reports/{report_id}", {"progress": "完成方案起草"}, "patch")
    assert post_json(a, f"/api/v1/reports/{report_id}/submit").json()["state"] == "submitted"
    assert post_json(a, f"/api/v1/reports/{report_id}", {"percent": 99}, "patch").status_code == 409
    returned = post_json(sup, f"/api/v1/reports/{report_id}/return", {"reason": "进展描述不具体"})
    assert returned.json()["state"] == "returned" and returned.json()["return_reason"] == "进展描述不具体"
    post_json(a, f"/api/v1/reports/{report_id}", {"progress": "方案已报省政府常务会审议"}, "patch")
    assert post_json(a, f"/api/v1/reports/{report_id}/submit").json()["state"] == "submitted"
    accepted = post_json(sup, f"/api/v1/reports/{report_id}/accept")
    assert accepted.json()["state"] == "accepted"
    assert post_json(sup, f"/api/v1/reports/{report_id}/accept").status_code == 409
    history = world.client("leader").get(f"/api/v1/tasks/{world.task_a.pk}").json()["reports"]
    assert [r["progress"] for r in history] == ["方案已报省政府常务会审议"]


def test_one_report_per_unit_task_and_cycle(world: World) -> None:
    first = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="一")
    second = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="二")
    assert first.pk == second.pk and Report.objects.count() == 1


def test_reporter_cannot_submit_another_units_report(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_ab, world.cycle, progress="牵头")
    with pytest.raises(Forbidden):
        cycles.submit(world.actor("reporter_b"), report)


def test_late_and_missing_reports(world: World) -> None:
    on_time = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="按时")
    cycles.submit(world.actor("reporter_a"), on_time, now=ON_TIME)
    late = cycles.save_report(world.actor("reporter_b"), world.task_b, world.cycle, progress="迟报")
    cycles.submit(world.actor("reporter_b"), late, now=LATE)

    before_due = cycles.compliance(world.cycle, date(2016, 7, 10))
    assert before_due["missing"] == []
    after_due = cycles.compliance(world.cycle, date(2016, 8, 1))
    assert [(e["task_id"], e["unit_id"]) for e in after_due["late"]] == [(world.task_b.pk, world.unit_b.pk)]
    missing = {(e["task_id"], e["unit_id"]) for e in after_due["missing"]}
    assert missing == {
        (world.task_ab.pk, world.unit_a.pk),
        (world.task_ab.pk, world.unit_b.pk),
        (world.task_public.pk, world.unit_a.pk),
    }


def test_closing_freezes_a_snapshot_that_later_edits_cannot_change(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="冻结前", percent=40)
    cycles.submit(world.actor("reporter_a"), report, now=ON_TIME)
    closed = cycles.close(world.actor("supervisor"), world.cycle, today=date(2016, 8, 1))
    frozen = closed.snapshot
    assert frozen["task_status"][str(world.task_a.pk)] == "in_progress"
    assert [r["progress"] for r in frozen["reports"]] == ["冻结前"]
    assert len(frozen["missing"]) == 4

    with pytest.raises(Conflict):
        cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="改写")
    with pytest.raises(Conflict):
        cycles.accept(world.actor("supervisor"), report)
    with pytest.raises(Conflict):
        cycles.close(world.actor("supervisor"), world.cycle, today=date(2016, 8, 2))
    Report.objects.filter(pk=report.pk).update(progress="数据库里被改")  # even a direct edit
    assert ReportingCycle.objects.get(pk=world.cycle.pk).snapshot == frozen
    detail = world.client("supervisor").get(f"/api/v1/cycles/{world.cycle.pk}").json()
    assert detail["status"] == "closed" and detail["snapshot"]["reports"][0]["progress"] == "冻结前"


def test_subtasks_are_assigned_to_named_people(world: World) -> None:
    response = post_json(
        world.client("reporter_a"),
        f"/api/v1/tasks/{world.task_a.pk}/subtasks",
        {"text": "完成平台接口改造", "assignee_name": "张三", "deadline": "2016-09-30"},
    )
    assert response.status_code == 201, response.content
    sub = response.json()
    assert sub["parent_id"] == world.task_a.pk and sub["assignee_name"] == "张三"
    assert sub["deadline"] == "2016-09-30" and [u["unit_id"] for u in sub["units"]] == [world.unit_a.pk]
    detail = world.client("reporter_a").get(f"/api/v1/tasks/{world.task_a.pk}").json()
    assert [s["assignee_name"] for s in detail["subtasks"]] == ["张三"]
    assert world.client("reporter_b").get(f"/api/v1/tasks/{sub['id']}").status_code == 404
