"""A ledger saved by WPS 表格 reads back: cells written by hand in the layout WPS writes.

WPS (and Excel, depending on how a cell was typed) stores text either in a shared-strings table
(``t="s"``) or inline in the cell (``t="inlineStr"``), and dates as serial day numbers, with a
date style or, for a cell formatted 常规, with none. This file is written here with ``zipfile``
and plain XML, by neither the library that exports the ledger (XlsxWriter) nor the one that
reads it (calamine), so the import is tested on a file its own writer never made.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import escape

import openpyxl
import pytest
from django.core.management import call_command

from luoshi_web.registry.models import AuditLog, Task
from luoshi_web.supervision import ledger
from luoshi_web.supervision.models import TaskNote

from .conftest import World
from .test_ledger import export_bytes

EPOCH = date(1899, 12, 30)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DATE_STYLE = 1  # cellXfs index with numFmtId 14 (the built-in short date)


def serial(day: date) -> int:
    return (day - EPOCH).days


def column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


class Dated:
    """A date cell stored as its serial number, with the date style or (plain=True) without any."""

    def __init__(self, day: date, *, plain: bool = False):
        self.day, self.plain = day, plain


def wps_xlsx(rows: list[list[object]], *, strings: str) -> bytes:
    """An .xlsx of ``rows`` with text ``strings="inline"`` or ``"shared"``, dates as serial numbers."""
    shared: list[str] = []
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column_name(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, Dated):
                style = "" if value.plain else f' s="{DATE_STYLE}"'
                cells.append(f'<c r="{ref}"{style}><v>{serial(value.day)}</v></c>')
            elif isinstance(value, bool):
                raise TypeError(value)
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif strings == "inline":
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
                )
            else:
                shared.append(str(value))
                cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>"
    )
    overrides = [
        ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
        ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
    ]
    rels = [
        ("rId1", f"{REL}/worksheet", "worksheets/sheet1.xml"),
        ("rId2", f"{REL}/styles", "styles.xml"),
    ]
    if shared:
        overrides.append(
            ("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
        )
        rels.append(("rId3", f"{REL}/sharedStrings", "sharedStrings.xml"))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
            '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in rels)
            + "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/styles.xml", styles)
        if shared:
            items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)
            z.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<sst xmlns="{NS}" count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>',
            )
    return out.getvalue()


def as_wps(content: bytes, edits: dict[tuple[int, int], object], *, strings: str) -> tuple[bytes, dict[int, int]]:
    """The exported ledger's cells rewritten in the WPS layout, with ``edits`` ({(row, col): value}, 1-based).

    Returns the file and the row number of each task. Every date is a serial number: with the
    date style, except the deadline of the first data row, stored as a plain number (常规).
    """
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows: list[list[object]] = []
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        row: list[object] = []
        for c, value in enumerate(values, start=1):
            value = edits.get((r, c), value)
            if isinstance(value, datetime):
                value = Dated(value.date(), plain=(r == 3))
            elif isinstance(value, date):
                value = Dated(value, plain=(r == 3))
            row.append(value)
        rows.append(row)
    by_task = {int(row[11]): r for r, row in enumerate(rows, start=1) if r > 2 and isinstance(row[11], int)}
    return wps_xlsx(rows, strings=strings), by_task


@pytest.mark.parametrize("strings", ["inline", "shared"])
def test_a_wps_file_imports_exactly_its_three_edits(world: World, strings: str) -> None:
    content = export_bytes(world)
    unchanged, rows = as_wps(content, {}, strings=strings)
    with zipfile.ZipFile(io.BytesIO(unchanged)) as z:  # the layout really is the one asked for
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
        assert ('t="inlineStr"' in sheet_xml) == (strings == "inline")
        assert ("xl/sharedStrings.xml" in z.namelist()) == (strings == "shared")
    sup = world.actor("supervisor")
    assert ledger.import_ledger(sup, unchanged, dry_run=True).changes == []  # every date read back as itself
    ra, rb, rab = rows[world.task_a.pk], rows[world.task_b.pk], rows[world.task_ab.pk]
    edited, _rows = as_wps(
        content, {(ra, 7): date(2016, 9, 30), (rb, 6): "李四", (rab, 11): "已报省政府"}, strings=strings
    )
    before = AuditLog.objects.count()
    planned = ledger.import_ledger(sup, edited, dry_run=True)
    assert {(c.row, c.field, c.after) for c in planned.changes} == {
        (ra, "deadline", date(2016, 9, 30)),
        (rb, "assignee", "李四"),
        (rab, "note", "已报省政府"),
    }
    assert ledger.import_ledger(sup, edited).applied
    assert AuditLog.objects.count() == before + 3
    assert Task.objects.get(pk=world.task_a.pk).deadline == date(2016, 9, 30)
    assert Task.objects.get(pk=world.task_b.pk).assignee_name == "李四"
    assert TaskNote.objects.get(task=world.task_ab).text == "已报省政府"


def test_a_plain_number_deadline_is_read_as_the_day_it_counts(world: World) -> None:
    content = export_bytes(world)
    _unchanged, rows = as_wps(content, {}, strings="inline")
    first = min(rows.values())  # row 3: its deadline cell carries no date style
    task_id = next(t for t, r in rows.items() if r == first)
    edited, _rows = as_wps(content, {(first, 7): date(2017, 3, 31)}, strings="inline")
    (change,) = ledger.import_ledger(world.actor("supervisor"), edited, dry_run=True).changes
    assert (change.task_id, change.field, change.after) == (task_id, "deadline", date(2017, 3, 31))


def test_a_bad_cell_in_a_wps_file_names_row_and_column_on_the_command_line(
    world: World, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    content = export_bytes(world)
    _unchanged, rows = as_wps(content, {}, strings="inline")
    rb = rows[world.task_b.pk]
    broken, _rows = as_wps(content, {(rb, 7): "下个月", (rows[world.task_a.pk], 6): "王五"}, strings="inline")
    path = tmp_path / "wps.xlsx"
    path.write_bytes(broken)
    before = AuditLog.objects.count()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ledger", "import", str(path), "--user", "supervisor")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert f"第{rb}行" in err and "G列（完成时限）" in err and "下个月" in err
    assert "未导入任何修改" in err
    assert AuditLog.objects.count() == before
    assert Task.objects.get(pk=world.task_a.pk).assignee_name == ""
