"""Bulletins: every table cell of the .docx against the database; drafts edit, issued ones are frozen."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from luoshi_web.registry import cycles
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid, Unauthorized
from luoshi_web.registry.models import Evidence, Observation, Target, Task, TaskUnit
from luoshi_web.registry.status import LABELS, status_of
from luoshi_web.supervision import bulletins, notices
from luoshi_web.supervision.models import Bulletin, BulletinState
from luoshi_web.supervision.periods import parse_period

from .conftest import World

END = date(2016, 6, 30)
STATUS_ORDER = ("completed", "in_progress", "at_risk", "overdue", "not_started")


def scene(world: World) -> None:
    """A overdue, B completed (final report accepted with evidence), AB at risk, public with no deadline."""
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 15))
    Task.objects.filter(pk=world.task_b.pk).update(deadline=date(2016, 12, 31))
    Task.objects.filter(pk=world.task_ab.pk).update(deadline=date(2016, 7, 20))
    Task.objects.filter(pk=world.task_public.pk).update(deadline=None)
    report = cycles.save_report(world.actor("reporter_b"), world.task_b, world.cycle, progress="已完成", is_final=True)
    cycles.submit(world.actor("reporter_b"), report, now=datetime(2016, 6, 20, 2, tzinfo=UTC))
    evidence = Evidence(report=report, original_name="验收.pdf", sha256="0" * 64, size=4)
    evidence.file.save("验收.pdf", ContentFile(b"%PDF"), save=True)
    cycles.accept(world.actor("supervisor"), report, now=datetime(2016, 6, 25, 2, tzinfo=UTC))
    target = Target.objects.get(document=world.d1)
    Observation.objects.create(target=target, value=20, as_of=date(2016, 1, 1), source="统计局")
    Observation.objects.create(target=target, value=35, as_of=date(2016, 6, 1), source="统计局")
    Observation.objects.create(target=target, value=45, as_of=date(2016, 8, 1), source="统计局")  # after the period
    world.task_a.refresh_from_db()
    notices.issue(
        world.actor("supervisor"),
        world.task_a,
        reason="任务逾期",
        requirement="书面回复",
        rectify_due=date(2016, 6, 28),
        today=date(2016, 6, 20),
    )


def cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def rate(done: int, total: int) -> str:
    return f"{100 * done / total:.1f}%" if total else "—"


def expected_completion(world: World, key) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    """Count by a per-task key, one task at a time (the slow obvious way, independent of the code under test)."""
    table: dict[str, list[int]] = {}
    for task in Task.objects.filter(active=True):
        status = status_of(task, END)
        for name in key(task):
            row = table.setdefault(name, [0] * 6)
            row[0] += 1
            row[1 + STATUS_ORDER.index(status)] += 1
    return table


def test_every_table_cell_matches_the_database(world: World) -> None:
    scene(world)
    bulletin = bulletins.draft(world.actor("supervisor"), "2016Q2", today=date(2016, 7, 5))
    parsed = docx.Document(io.BytesIO(bulletins.render(bulletin)))
    texts = [p.text for p in parsed.paragraphs if p.text]
    assert texts[0] == "省人民政府督查室督查通报" and texts[1] == "（草稿）"
    assert texts[2] == "关于2016年第二季度重点任务落实情况的通报"
    assert texts[3] == "各有关单位："
    assert texts[4].startswith(
        "截至2016年6月30日，纳入督查的重点任务共4项，已完成1项，推进中0项，滞后风险1项，逾期1项，未启动1项，完成率25.0%"
    )
    by_unit, by_document, overdue, open_notices, targets = parsed.tables

    leads = expected_completion(
        world, lambda t: TaskUnit.objects.filter(task=t, role="lead").values_list("name", flat=True)
    )
    header = ["序号", "牵头单位", "任务数", *(str(LABELS[s]) for s in STATUS_ORDER), "完成率"]
    assert cells(by_unit) == [header] + [
        [str(i), name, *map(str, row), rate(row[1], row[0])] for i, (name, row) in enumerate(sorted(leads.items()), 1)
    ]
    assert cells(by_unit)[1:] == [  # and by hand, so a shared mistake cannot hide
        ["1", "省发展改革委", "3", "0", "0", "1", "1", "1", "0.0%"],
        ["2", "省财政厅", "1", "1", "0", "0", "0", "0", "100.0%"],
    ]
    docs = expected_completion(world, lambda t: [t.document.doc_number])
    order = [world.d1.doc_number, world.d2.doc_number]
    assert cells(by_document)[1:] == [
        [str(i), name, *map(str, docs[name]), rate(docs[name][1], docs[name][0])] for i, name in enumerate(order, 1)
    ]
    assert cells(overdue) == [
        ["序号", "文件", "任务", "牵头单位", "完成时限", "逾期天数"],
        ["1", "川办发〔2016〕14号", world.task_a.text, "省发展改革委", "2016年6月15日", "15"],
    ]
    assert cells(open_notices) == [
        ["序号", "发文字号", "主送单位", "督办级别", "状态", "整改期限"],
        ["1", "督提〔2016〕1号", "省发展改革委", "提醒", "待回复", "2016年6月28日"],
    ]
    assert cells(targets)[0] == ["序号", "指标", "目标值", "最新值", "监测日期", "完成程度", "预计按期达标"]
    # (35 - 20) / (50 - 20) = 50 %; the August observation is after the period and not counted.
    assert cells(targets)[1] == ["1", "修改废止项目占比", "50%", "35%", "2016-06-01", "50.0%", "是"]
    assert cells(targets)[2][1:4] == ["电子商务进农村覆盖率", "80%", ""]
    assert texts[-2:] == ["省人民政府督查室", "2016年6月30日"]


def test_draft_edits_then_issue_freezes_text_data_and_file(world: World) -> None:
    scene(world)
    sup = world.actor("supervisor")
    bulletin = bulletins.draft(sup, "2016Q2", today=date(2016, 7, 5))
    bulletins.edit(sup, bulletin, body="截至6月底，总体进展平稳。\n请各单位对照整改。")
    again = bulletins.draft(sup, "2016Q2", today=date(2016, 7, 6))  # recomputed; the edited body is kept
    assert again.pk == bulletin.pk and again.body.startswith("截至6月底")
    issued = bulletins.issue(sup, again, today=date(2016, 7, 8))
    assert issued.state == BulletinState.ISSUED and issued.number == "督查通报〔2016〕1号"
    frozen = bytes(issued.document)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(frozen)).paragraphs if p.text]
    assert paragraphs[1] == "督查通报〔2016〕1号" and paragraphs[4] == "截至6月底，总体进展平稳。"
    assert paragraphs[-1] == "2016年7月8日"
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2017, 1, 1))  # the world moves on
    stored = Bulletin.objects.get(pk=issued.pk)
    assert bulletins.document_bytes(stored) == frozen
    assert stored.data["totals"]["overdue"] == 1
    with pytest.raises(Conflict):
        bulletins.edit(sup, stored, body="改写")
    with pytest.raises(Conflict):
        bulletins.issue(sup, stored)
    stored.body = "改写"
    with pytest.raises(PermissionError):
        stored.save()
    with pytest.raises(PermissionError):
        stored.delete()


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "expert"])
def test_only_the_supervisor_drafts_and_issues(world: World, persona: str) -> None:
    with pytest.raises(Forbidden):
        bulletins.draft(world.actor(persona), "2016Q2", today=date(2016, 7, 5))


def test_periods() -> None:
    assert (parse_period("2016Q2").start, parse_period("2016Q2").end) == (date(2016, 4, 1), date(2016, 6, 30))
    assert (parse_period("2016H2").start, parse_period("2016H2").end) == (date(2016, 7, 1), date(2016, 12, 31))
    assert parse_period("2016").label == "2016年度"
    for bad in ("2016Q5", "2016H3", "16Q1", "Q2"):
        with pytest.raises(Invalid):
            parse_period(bad)


def test_bulletin_command(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scene(world)
    out = tmp_path / "通报.docx"
    call_command("bulletin", "--period", "2016Q2", "--today", "2016-07-05", "-o", str(out))
    assert "草稿" in capsys.readouterr().out
    call_command("bulletin", "--period", "2016Q2", "--today", "2016-07-06", "--issue", "-o", str(out))
    assert "督查通报〔2016〕1号" in capsys.readouterr().out
    assert docx.Document(str(out)).paragraphs[1].text == "督查通报〔2016〕1号"
    with pytest.raises(Exception, match="已印发"):
        call_command("bulletin", "--period", "2016Q2", "--issue", "-o", str(out))
    with pytest.raises(Exception, match="期间"):
        call_command("bulletin", "--period", "2016Q9", "-o", str(out))


def test_who_reads_bulletins(world: World) -> None:
    sup = world.actor("supervisor")
    bulletins.draft(sup, "2016Q1", today=date(2016, 4, 5))
    issued = bulletins.issue(sup, bulletins.draft(sup, "2016Q2", today=date(2016, 7, 5)), today=date(2016, 7, 6))
    assert bulletins.bulletins_for(world.actor("leader")).count() == 2  # drafts too
    assert list(bulletins.bulletins_for(world.actor("reporter_a"))) == [issued]  # circulated ones only
    with pytest.raises(Unauthorized):
        bulletins.bulletins_for(world.actor("anonymous"))


def test_the_chart_draws_each_rate(world: World) -> None:
    from PIL import Image

    from luoshi_web.supervision.charts import BAR, bar_box, completion_bars, plot_area

    image = Image.open(io.BytesIO(completion_bars([100, 0, 50, None])))
    _left, top, _right, bottom = plot_area()

    def bar_height(index: int) -> int:
        x0, _y0, x1, _y1 = bar_box(index, 4, 0)
        column = (x0 + x1) // 2
        return sum(1 for y in range(top - 5, bottom) if image.getpixel((column, y)) == BAR)

    full = bottom - top
    assert abs(bar_height(0) - full) <= 1
    assert bar_height(1) == 0 and bar_height(3) == 0
    assert abs(bar_height(2) - full / 2) <= 1


def test_bulletin_has_the_chart_under_the_unit_table(world: World) -> None:
    scene(world)
    bulletin = bulletins.draft(world.actor("supervisor"), "2016Q2", today=date(2016, 7, 5))
    parsed = docx.Document(io.BytesIO(bulletins.render(bulletin)))
    assert len(parsed.inline_shapes) == 1
    assert "图1  各牵头单位任务完成率（横轴为上表序号）" in [p.text for p in parsed.paragraphs]
