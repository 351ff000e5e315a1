"""The Excel ledger: layout of the export, a round trip edited by a second library, row-level refusal."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command

from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import AuditLog, Task
from luoshi_web.supervision import ledger
from luoshi_web.supervision.models import TaskNote
from luoshi_web.supervision.selection import TaskSelection

from .conftest import World

TODAY = date(2016, 7, 1)
HEADER = [
    "序号",
    "文件",
    "任务",
    "牵头单位",
    "责任单位",
    "责任人",
    "完成时限",
    "进展情况",
    "完成状态",
    "督办情况",
    "备注",
    "任务编号",
    "校验码",
]


def export_bytes(world: World, persona: str = "supervisor", **filters: object) -> bytes:
    out = io.BytesIO()
    ledger.export(world.actor(persona), TaskSelection(**filters), TODAY, out)  # type: ignore[arg-type]
    return out.getvalue()


def rows_by_task(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[int, tuple]:  # type: ignore[type-arg]
    return {row[11]: row for row in sheet.iter_rows(min_row=3, values_only=True) if row[11] is not None}


def test_export_layout_prints_on_a4_landscape(world: World) -> None:
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30), assignee_name="张三")
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(world)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[2]] == HEADER
    assert "重点任务落实台账" in sheet["A1"].value and "A1:M1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    # fit to one page wide (1 is the XML default, so it may be omitted), any number of pages tall
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$2"
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(12)]
    assert all(w and w > 4 for w in widths)
    assert sheet.column_dimensions["M"].hidden and not sheet.column_dimensions["L"].hidden
    assert sheet["C3"].alignment.wrap_text
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "I3:I6"
    assert validation.formula1 == '"未启动,推进中,已完成,逾期,滞后风险"'
    rows = rows_by_task(sheet)
    assert set(rows) == {world.task_a.pk, world.task_b.pk, world.task_ab.pk, world.task_public.pk}
    row_a = rows[world.task_a.pk]
    assert row_a[1:7] == (
        "川办发〔2016〕14号",
        world.task_a.text,
        "省发展改革委",
        "省发展改革委",
        "张三",
        datetime(2016, 6, 30),
    )
    assert row_a[8] == "逾期"
    assert rows[world.task_ab.pk][3:5] == ("省发展改革委", "省发展改革委、省财政厅")
    assert [r[0] for r in sheet.iter_rows(min_row=3, values_only=True)] == [1, 2, 3, 4]


def test_export_filters_and_visibility(world: World) -> None:
    only_b = rows_by_task(openpyxl.load_workbook(io.BytesIO(export_bytes(world, unit=world.unit_b.pk))).worksheets[0])
    assert set(only_b) == {world.task_b.pk, world.task_ab.pk}
    d2 = rows_by_task(openpyxl.load_workbook(io.BytesIO(export_bytes(world, document=world.d2.pk))).worksheets[0])
    assert set(d2) == {world.task_public.pk}
    reporter_b = rows_by_task(openpyxl.load_workbook(io.BytesIO(export_bytes(world, "reporter_b"))).worksheets[0])
    assert set(reporter_b) == {world.task_b.pk, world.task_ab.pk, world.task_public.pk}  # D2 is published
    Task.objects.filter(pk=world.task_a.pk).update(deadline=date(2016, 6, 30))
    overdue = rows_by_task(openpyxl.load_workbook(io.BytesIO(export_bytes(world, status="overdue"))).worksheets[0])
    assert set(overdue) == {world.task_a.pk}
    with pytest.raises(Invalid, match="状态"):
        export_bytes(world, status="late")


def edit(content: bytes, edits: dict[tuple[int, int], object]) -> bytes:
    """Change cells with openpyxl, a library other than the importer's reader (calamine)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for (row, col), value in edits.items():
        sheet.cell(row=row, column=col).value = value  # None empties the cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(content: bytes, task_id: int) -> int:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return next(r for r in range(3, sheet.max_row + 1) if sheet.cell(row=r, column=12).value == task_id)


def test_round_trip_applies_exactly_the_three_edited_cells(world: World) -> None:
    content = export_bytes(world)
    ra, rb, rab = (row_of(content, t.pk) for t in (world.task_a, world.task_b, world.task_ab))
    edited = edit(content, {(ra, 7): datetime(2016, 9, 30), (rb, 6): "李四", (rab, 11): "已报省政府"})
    sup = world.actor("supervisor")
    before = AuditLog.objects.count()
    planned = ledger.import_ledger(sup, edited, dry_run=True)
    assert {(c.row, c.field, c.before, c.after) for c in planned.changes} == {
        (ra, "deadline", world.task_a.deadline, date(2016, 9, 30)),
        (rb, "assignee", "", "李四"),
        (rab, "note", "", "已报省政府"),
    }
    assert AuditLog.objects.count() == before and not planned.applied
    applied = ledger.import_ledger(sup, edited)
    assert applied.applied and len(applied.changes) == 3
    rows = list(AuditLog.objects.filter(pk__gt=0).order_by("id")[before:])
    assert [(r.action, r.model) for r in rows] == [("ledger.import", "registry.task")] * 2 + [
        ("ledger.import", "supervision.tasknote")
    ]
    assert rows[0].after["deadline"] == "2016-09-30" and rows[0].before["deadline"] == (
        world.task_a.deadline.isoformat() if world.task_a.deadline else None
    )
    assert rows[1].after["assignee_name"] == "李四"
    assert rows[2].after["text"] == "已报省政府"
    assert Task.objects.get(pk=world.task_a.pk).deadline == date(2016, 9, 30)
    assert TaskNote.objects.get(task=world.task_ab).text == "已报省政府"
    again = ledger.import_ledger(sup, edited)  # importing the same file twice changes nothing more
    assert again.changes == [] and AuditLog.objects.count() == before + 3


def test_one_bad_row_rejects_the_whole_file(world: World) -> None:
    content = export_bytes(world)
    ra, rb, rab = (row_of(content, t.pk) for t in (world.task_a, world.task_b, world.task_ab))
    bad = edit(
        content,
        {(ra, 6): "王五", (rb, 7): "2016-13-45", (rab, 3): "改写的任务", (rab, 9): "差不多了", (ra, 12): None},
    )
    before = AuditLog.objects.count()
    with pytest.raises(ledger.LedgerInvalid) as caught:
        ledger.import_ledger(world.actor("supervisor"), bad)
    found = {(e.row, e.column, e.title) for e in caught.value.errors}
    assert found == {(ra, "L", "任务编号"), (rb, "G", "完成时限"), (rab, "C", "任务"), (rab, "I", "完成状态")}
    assert any(str(e).startswith(f"第{rb}行 G列（完成时限）：") for e in caught.value.errors)
    assert AuditLog.objects.count() == before
    assert Task.objects.get(pk=world.task_a.pk).assignee_name == ""


def test_a_row_changed_in_the_registry_after_export_is_refused(world: World) -> None:
    content = export_bytes(world)
    ra, rb = row_of(content, world.task_a.pk), row_of(content, world.task_b.pk)
    Task.objects.filter(pk=world.task_a.pk).update(assignee_name="赵六")  # someone else, after the export
    Task.objects.filter(pk=world.task_b.pk).update(assignee_name="钱七")
    edited = edit(content, {(ra, 11): "改备注", (rab := row_of(content, world.task_ab.pk), 6): "孙八"})
    with pytest.raises(ledger.LedgerInvalid) as caught:
        ledger.import_ledger(world.actor("supervisor"), edited)
    # task_a's row would undo 赵六; task_b's row changes nothing, so its stale digest is no error
    assert [(e.row, e.column, e.title) for e in caught.value.errors] == [(ra, "M", "校验码")]
    assert "导出后此任务已在系统中被修改" in str(caught.value.errors[0])
    assert rb != rab and Task.objects.get(pk=world.task_ab.pk).assignee_name == ""


def test_deadline_before_the_document_and_unknown_task(world: World) -> None:
    content = export_bytes(world)
    ra = row_of(content, world.task_a.pk)
    rb = row_of(content, world.task_b.pk)
    bad = edit(content, {(ra, 7): "2015年1月1日", (rb, 12): 99999})
    with pytest.raises(ledger.LedgerInvalid) as caught:
        ledger.import_ledger(world.actor("supervisor"), bad)
    messages = [str(e) for e in caught.value.errors]
    assert messages[0].startswith(f"第{ra}行 G列（完成时限）：完成时限早于文件成文日期 2016-03-03")
    assert "任务 99999 不存在" in messages[1]


def test_text_dates_and_second_format_read(world: World) -> None:
    content = export_bytes(world)
    ra = row_of(content, world.task_a.pk)
    edited = edit(content, {(ra, 7): "2016年10月8日"})
    result = ledger.import_ledger(world.actor("supervisor"), edited, dry_run=True)
    assert [(c.field, c.after) for c in result.changes] == [("deadline", date(2016, 10, 8))]


@pytest.mark.parametrize("persona", ["leader", "reporter_a", "expert"])
def test_only_the_supervisor_imports(world: World, persona: str) -> None:
    with pytest.raises(Forbidden):
        ledger.import_ledger(world.actor(persona), export_bytes(world))


def test_not_a_spreadsheet_is_a_clear_error(world: World) -> None:
    with pytest.raises(Invalid, match="无法读取台账文件"):
        ledger.import_ledger(world.actor("supervisor"), b"PK\x03\x04 not really a zip")
    with pytest.raises(Invalid, match="表头"):
        book = openpyxl.Workbook()
        book.active["A1"] = "随便什么"
        out = io.BytesIO()
        book.save(out)
        ledger.import_ledger(world.actor("supervisor"), out.getvalue())


def test_commands(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "台账.xlsx"
    call_command("ledger", "export", "--document", "川办发〔2016〕14号", "--today", "2016-07-01", "-o", str(out))
    assert "已导出 3 项任务" in capsys.readouterr().out
    content = out.read_bytes()
    edited = tmp_path / "edited.xlsx"
    edited.write_bytes(edit(content, {(row_of(content, world.task_b.pk), 6): "李四"}))
    call_command("ledger", "import", str(edited), "--dry-run")
    printed = capsys.readouterr().out
    assert f"任务{world.task_b.pk} 责任人：（空） → 李四" in printed and "未写入" in printed
    assert Task.objects.get(pk=world.task_b.pk).assignee_name == ""
    call_command("ledger", "import", str(edited), "--user", "supervisor")
    assert "已导入 1 处修改" in capsys.readouterr().out
    assert AuditLog.objects.filter(action="ledger.import", actor_name="supervisor").count() == 1
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(edit(content, {(row_of(content, world.task_b.pk), 7): "明年"}))
    with pytest.raises(SystemExit) as exit_info:
        call_command("ledger", "import", str(broken), "--user", "supervisor")
    assert exit_info.value.code == 1
    assert "G列（完成时限）" in capsys.readouterr().err
