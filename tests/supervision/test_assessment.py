"""目标绩效考核: the arithmetic on an example worked out by hand, caps, experts, closing the year."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command

from luoshi_web.registry import cycles
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid, Unauthorized
from luoshi_web.registry.models import AuditLog, Evidence, Observation, ReportingCycle, Target, Task
from luoshi_web.registry.permissions import ANONYMOUS, actor_for
from luoshi_web.supervision import assessment, notices
from luoshi_web.supervision.models import AssessmentScheme, ExpertScore

from .conftest import World, make_user

ON_TIME = datetime(2016, 6, 20, 2, tzinfo=UTC)
LATE = datetime(2016, 7, 30, 2, tzinfo=UTC)  # the 2016Q2 cycle is due 2016-07-15


def final_report(world: World, persona: str, task: Task) -> None:
    report = cycles.save_report(world.actor(persona), task, world.cycle, progress="已完成", is_final=True)
    cycles.submit(world.actor(persona), report, now=ON_TIME)
    evidence = Evidence(report=report, original_name="验收.pdf", sha256="0" * 64, size=4)
    evidence.file.save("验收.pdf", ContentFile(b"%PDF"), save=True)
    cycles.accept(world.actor("supervisor"), report, now=datetime(2016, 6, 25, 2, tzinfo=UTC))


def example(world: World) -> None:
    """The year 2016 of units A (省发展改革委) and B (省财政厅), as laid out in the test below."""
    sup, a = world.actor("supervisor"), world.actor("reporter_a")
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 12, 31))
    Task.objects.filter(pk=world.task_ab.pk).update(
        deadline=date(2016, 9, 30), text="推进政府购买服务改革，修改废止项目占比达到50。"
    )
    Task.objects.filter(pk=world.task_public.pk).update(deadline=None)
    for t in (world.task_a, world.task_b, world.task_ab):
        t.refresh_from_db()
    final_report(world, "reporter_a", world.task_a)  # A: done before its deadline
    final_report(world, "reporter_b", world.task_b)  # B: done before its deadline
    ab = cycles.save_report(a, world.task_ab, world.cycle, progress="起草中", percent=40)
    cycles.submit(a, ab, now=LATE)  # late
    cycles.return_report(sup, ab, "进展不具体")
    ab.refresh_from_db()
    cycles.save_report(a, world.task_ab, world.cycle, progress="方案已起草，正征求意见")
    cycles.submit(a, ab, now=LATE)
    ab.refresh_from_db()
    cycles.accept(sup, ab)
    target = Target.objects.get(document=world.d1)
    Observation.objects.create(target=target, value=20, as_of=date(2016, 1, 1), source="统计")
    Observation.objects.create(target=target, value=35, as_of=date(2016, 6, 1), source="统计")
    kwargs = {"reason": "专项督查发现推进缓慢", "requirement": "书面回复", "flagged": True}
    first = notices.issue(sup, world.task_ab, rectify_due=date(2016, 8, 10), today=date(2016, 8, 1), **kwargs)
    notices.escalate(sup, first, reason="回复不到位", today=date(2016, 8, 15))
    notices.issue(sup, world.task_ab, rectify_due=date(2016, 11, 10), today=date(2016, 11, 1), **kwargs)
    scheme = assessment.scheme_for(2016)
    scheme.expert_share = Decimal("0.3")
    scheme.save()
    second_expert = make_user("expert2", "expert")
    assessment.record_expert_score(sup, 2016, world.unit_a, world.users["expert"], 80)
    assessment.record_expert_score(sup, 2016, world.unit_a, second_expert, 90)
    assessment.adjust(sup, 2016, world.unit_a, 3, "经验做法获省领导批示")
    assessment.adjust(sup, 2016, world.unit_a, 4, "国务院督查通报表扬")
    assessment.adjust(sup, 2016, world.unit_a, -2, "信息报送出错")


def test_worked_example(world: World) -> None:
    example(world)
    results = {row["unit"]: row for row in assessment.compute(2016, today=date(2017, 1, 10))}
    a, b = results["省发展改革委"], results["省财政厅"]
    # Unit A, by hand:
    #   on time: leads task_a (due 6-30, accepted 6-25) and task_ab (due 9-30, not done); the public
    #            task has no deadline, so 1 of 2 → 50.00
    #   targets: 修改废止项目占比达到50 stands in task_ab's text; 20 → 35 toward 50 → 15/30 → 50.00
    #   punctuality: owes task_a, task_ab, task_public in 2016Q2: on time, late, missing → 1/3 → 33.33
    #   quality: task_a accepted first time, task_ab returned once then accepted → 1/2 → 50.00
    #   notices: one reached 督办 (5 points), one 提醒 (2 points) → 100 - 7 → 93.00
    #   weighted: (40×50 + 20×50 + 15×33.33 + 15×50 + 10×93) / 100 = 5179.95 / 100 → 51.80
    #   experts 80 and 90 → 85.00; 0.7 × 51.80 + 0.3 × 85.00 = 36.26 + 25.50 = 61.76
    #   bonus 3 + 4 = 7, capped at 5; deduction 2 (cap 10) → 61.76 + 5 - 2 = 64.76
    assert a["components"] == {
        "on_time": "50.00",
        "targets": "50.00",
        "punctuality": "33.33",
        "quality": "50.00",
        "notices": "93.00",
    }
    assert (a["weighted"], a["expert"], a["combined"], a["bonus"], a["deduction"], a["total"]) == (
        "51.80",
        "85.00",
        "61.76",
        "5.00",
        "2.00",
        "64.76",
    )
    # Unit B: on time 1/1 → 100; no target → left out; owes task_b (on time) and its share of
    #   task_ab (missing) → 50.00; quality 1/1 → 100; no notice → 100.
    #   weighted over 40 + 15 + 15 + 10 = 80: (4000 + 750 + 1500 + 1000) / 80 = 90.625 → 90.63;
    #   no expert score, so the weighted score stands; no adjustment.
    assert b["components"] == {
        "on_time": "100.00",
        "targets": None,
        "punctuality": "50.00",
        "quality": "100.00",
        "notices": "100.00",
    }
    assert (b["weighted"], b["expert"], b["total"]) == ("90.63", None, "90.63")
    assert [row["unit"] for row in assessment.compute(2016, today=date(2017, 1, 10))] == ["省财政厅", "省发展改革委"]


def test_a_unit_with_nothing_to_measure_is_not_ranked(world: World) -> None:
    Task.objects.update(deadline=None)  # no task due in 2016, no target in any task text
    ReportingCycle.objects.all().delete()  # no report owed
    assert assessment.compute(2016, today=date(2017, 1, 10)) == []


def test_caps_floor_and_scheme_validation(world: World) -> None:
    example(world)
    sup = world.actor("supervisor")
    scheme = assessment.scheme_for(2016)
    scheme.deduction_cap = Decimal("1")
    scheme.bonus_cap = Decimal("10")
    scheme.save()
    a = next(r for r in assessment.compute(2016, today=date(2017, 1, 10)) if r["unit"] == "省发展改革委")
    assert (a["bonus"], a["deduction"], a["total"]) == ("7.00", "1.00", "67.76")  # 61.76 + 7 - 1
    scheme.weight_on_time = Decimal("-1")
    scheme.save()
    with pytest.raises(Invalid, match="权重"):
        assessment.compute(2016)
    with pytest.raises(Invalid, match="0到100"):
        assessment.record_expert_score(sup, 2016, world.unit_a, world.users["expert"], 120)
    with pytest.raises(Invalid, match="理由"):
        assessment.adjust(sup, 2016, world.unit_a, 1, " ")


def test_closing_freezes_the_year(world: World, tmp_path: Path) -> None:
    example(world)
    sup = world.actor("supervisor")
    with pytest.raises(Forbidden):
        assessment.close_year(world.actor("leader"), 2016)
    closed = assessment.close_year(sup, 2016, today=date(2017, 1, 10))
    assert closed.results["units"][1]["total"] == "64.76"
    Task.objects.filter(pk=world.task_ab.pk).update(deadline=date(2017, 3, 1))  # would change on_time
    assert next(r for r in assessment.compute(2016) if r["unit"] == "省发展改革委")["total"] == "64.76"
    with pytest.raises(Conflict):
        assessment.adjust(sup, 2016, world.unit_a, 1, "补加分")
    with pytest.raises(Conflict):
        assessment.close_year(sup, 2016)
    scheme = AssessmentScheme.objects.get(year=2016)
    scheme.bonus_cap = Decimal(50)
    with pytest.raises(PermissionError):
        scheme.save()
    with pytest.raises(PermissionError):
        scheme.expert_scores.first().save()
    out = tmp_path / "考核.xlsx"
    call_command("assess", "--year", "2016", "-o", str(out))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert "已关闭" in sheet["A1"].value
    assert [c.value for c in sheet[2]] == [
        "排名", "单位", "按期完成", "指标完成", "按时报送", "报送质量", "督办情况",
        "加权得分", "第三方测评", "综合得分", "加分", "扣分", "总分",
    ]  # fmt: skip
    assert [c.value for c in sheet[3]] == [1, "省财政厅", 100, "—", 50, 100, 100, 90.63, "—", 90.63, 0, 0, 90.63]
    assert [c.value for c in sheet[4]] == [2, "省发展改革委", 50, 50, 33.33, 50, 93, 51.8, 85, 61.76, 5, 2, 64.76]


def test_assess_command_closes(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example(world)
    out = tmp_path / "a.xlsx"
    call_command("assess", "--year", "2016", "--today", "2017-01-10", "--close", "--user", "supervisor", "-o", str(out))
    assert "2 个单位" in capsys.readouterr().out
    assert AssessmentScheme.objects.get(year=2016).closed_at is not None
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    assert book.worksheets[0]["B3"].value == "省财政厅"


def test_docx_export_lists_every_result(world: World, tmp_path: Path) -> None:
    example(world)
    assessment.close_year(world.actor("supervisor"), 2016, today=date(2017, 1, 10))
    out = tmp_path / "考核.docx"
    call_command("assess", "--year", "2016", "-o", str(out))
    parsed = docx.Document(str(out))
    (table,) = parsed.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:2] == ["排名", "单位"] and rows[0][-1] == "总分"
    assert rows[1] == ["1", "省财政厅", "100.00", "—", "50.00", "100.00", "100.00", "—", "0.00", "0.00", "90.63"]
    assert rows[2] == [
        "2",
        "省发展改革委",
        "50.00",
        "50.00",
        "33.33",
        "50.00",
        "93.00",
        "85.00",
        "5.00",
        "2.00",
        "64.76",
    ]
    texts = [p.text for p in parsed.paragraphs if p.text]
    assert texts[2] == "关于2016年度目标绩效考核结果的通报" and texts[-1] == "2017年1月10日"


def test_an_expert_records_only_their_own_score(world: World) -> None:
    example(world)  # the office recorded expert 80 and expert2 90 for unit A
    expert = world.users["expert"]
    second = get_user_model().objects.get(username="expert2")
    mine = world.actor("expert")
    row = assessment.record_expert_score(mine, 2016, world.unit_a, expert, 70)
    assert row.score == Decimal("70.00")
    entry = AuditLog.objects.filter(model="supervision.expertscore", object_id=str(row.pk)).last()
    assert (entry.actor_name, entry.action, entry.after["score"]) == ("expert", "assessment.expert_score", "70.00")
    # experts 70 and 90 → 80.00; 0.7 × 51.80 + 0.3 × 80.00 = 36.26 + 24.00 = 60.26; + 5 − 2 → 63.26
    a = next(r for r in assessment.compute(2016, today=date(2017, 1, 10)) if r["unit"] == "省发展改革委")
    assert (a["expert"], a["combined"], a["total"]) == ("80.00", "60.26", "63.26")
    # never another expert's score, in either direction, and no other role
    with pytest.raises(Forbidden, match="本人"):
        assessment.record_expert_score(mine, 2016, world.unit_a, second, 10)
    with pytest.raises(Forbidden):
        assessment.record_expert_score(actor_for(second), 2016, world.unit_a, expert, 10)
    for persona in ("leader", "reporter_a"):
        with pytest.raises(Forbidden):
            assessment.record_expert_score(world.actor(persona), 2016, world.unit_a, world.users[persona], 10)
    with pytest.raises(Unauthorized):
        assessment.record_expert_score(ANONYMOUS, 2016, world.unit_a, expert, 10)
    scores = dict(ExpertScore.objects.filter(unit=world.unit_a).values_list("expert__username", "score"))
    assert scores == {"expert": Decimal("70.00"), "expert2": Decimal("90.00")}
    # the office still records any expert's score
    assessment.record_expert_score(world.actor("supervisor"), 2016, world.unit_a, second, 60)
    assert ExpertScore.objects.get(unit=world.unit_a, expert=second).score == Decimal("60.00")


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", -1, "100.01", "-0.01"])
def test_an_expert_score_must_be_a_number_from_0_to_100(world: World, value: object) -> None:
    with pytest.raises(Invalid, match="0到100"):
        assessment.record_expert_score(world.actor("expert"), 2016, world.unit_a, world.users["expert"], value)  # type: ignore[arg-type]
    assert not ExpertScore.objects.exists()


@pytest.mark.parametrize("value", ["0", "100", "99.995"])
def test_the_ends_of_the_score_range_are_accepted(world: World, value: str) -> None:
    row = assessment.record_expert_score(world.actor("expert"), 2016, world.unit_a, world.users["expert"], value)  # type: ignore[arg-type]
    assert row.score == {"0": Decimal("0.00"), "100": Decimal("100.00"), "99.995": Decimal("100.00")}[value]


def test_an_expert_cannot_score_a_closed_year(world: World) -> None:
    example(world)
    assessment.close_year(world.actor("supervisor"), 2016, today=date(2017, 1, 10))
    with pytest.raises(Conflict, match="已关闭"):
        assessment.record_expert_score(world.actor("expert"), 2016, world.unit_a, world.users["expert"], 70)
    assert ExpertScore.objects.get(unit=world.unit_a, expert=world.users["expert"]).score == Decimal("80.00")
