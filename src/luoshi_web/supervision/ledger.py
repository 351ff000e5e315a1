"""The Excel ledger (台账): export a task list to .xlsx, import an edited one back.

Export streams rows (XlsxWriter ``constant_memory``) in the layout offices keep:
a title row, then 序号, 文件, 任务, 牵头单位, 责任单位, 责任人, 完成时限, 进展情况,
完成状态, 督办情况, 备注, 任务编号; header frozen and repeated on every printed page,
text wrapped, A4 landscape fitted to the page width, a drop-down on 完成状态.

Import reads the file with a different library (calamine, which also reads what
WPS and Excel write, .xls and .ods too), finds the header row by its names, and
validates every row before anything is applied: every error is listed with its
row and column, and one bad row rejects the file. The office edits three columns:
完成时限, 责任人 and 备注. 文件, 任务, 牵头单位 and 责任单位 come from the documents
and may not be changed here (a changed cell is an error, not silently ignored);
进展情况, 完成状态 and 督办情况 are derived from reports and notices, so they are
read back only to check 完成状态 is one of the list's values. The changes are
returned as a diff (``--dry-run`` stops there) and applied in one transaction,
each with its audit row.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

import xlsxwriter
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext, gettext_lazy
from python_calamine import CalamineError, CalamineWorkbook

from luoshi_web.registry import audit, clock
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import AssignmentRole, Report, ReportKind, ReportState, Task, TaskUnit
from luoshi_web.registry.permissions import Actor, require_manager, tasks_for
from luoshi_web.registry.status import LABELS, with_status
from luoshi_web.supervision.models import Level, Notice, NoticeState, TaskNote
from luoshi_web.supervision.selection import SYSTEM, TaskSelection, select_tasks


@dataclass(frozen=True)
class Column:
    key: str
    title: Any
    width: float


COLUMNS = (
    Column("seq", gettext_lazy("序号"), 5),
    Column("document", gettext_lazy("文件"), 16),
    Column("text", gettext_lazy("任务"), 38),
    Column("lead", gettext_lazy("牵头单位"), 12),
    Column("units", gettext_lazy("责任单位"), 16),
    Column("assignee", gettext_lazy("责任人"), 8),
    Column("deadline", gettext_lazy("完成时限"), 11),
    Column("progress", gettext_lazy("进展情况"), 24),
    Column("status", gettext_lazy("完成状态"), 9),
    Column("notices", gettext_lazy("督办情况"), 12),
    Column("note", gettext_lazy("备注"), 12),
    Column("task_id", gettext_lazy("任务编号"), 8),
    Column("check", gettext_lazy("校验码"), 10),  # hidden: the editable cells' values at export
)
EDITABLE = ("deadline", "assignee", "note")
TASK_ID_TITLE = gettext_lazy("任务编号")
FIXED = ("document", "text", "lead", "units")
UNIT_SEPARATOR = "、"
MAX_ASSIGNEE = 100
MAX_NOTE = 2000


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- export -----------------------------------------------------------------------------------


LEDGER_FIELDS = (
    "id",
    "text",
    "deadline",
    "assignee_name",
    "latest_percent",
    "status",
    "document__doc_number",
    "document__title",
    "document__date",
    "latest_progress",
    "notice_level",
    "notice_state",
    "notices_closed",
    "ledger_text",
)
CHUNK = 2000


def _annotated(tasks: Any) -> Any:
    """The ledger's columns as plain values, in SQL: latest lead report, open notice, closed count, note."""
    latest = Report.objects.filter(
        task=OuterRef("pk"), kind=ReportKind.LEAD, state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]
    ).order_by("-cycle__period_end", "-submitted_at", "-id")
    open_notice = Notice.objects.filter(task=OuterRef("pk")).exclude(state=NoticeState.CLOSED).order_by("-level", "-id")
    closed = (
        Notice.objects.filter(task=OuterRef("pk"), state=NoticeState.CLOSED)
        .order_by()
        .values("task")
        .annotate(n=Count("id"))
        .values("n")
    )
    note = TaskNote.objects.filter(task=OuterRef("pk")).values("text")[:1]
    return tasks.annotate(
        latest_progress=Subquery(latest.values("progress")[:1]),
        notice_level=Subquery(open_notice.values("level")[:1]),
        notice_state=Subquery(open_notice.values("state")[:1]),
        notices_closed=Subquery(closed[:1]),
        ledger_text=Subquery(note),
    ).values(*LEDGER_FIELDS)


def _with_units(chunk: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Add the lead and responsible unit names to a chunk of rows (one query per chunk)."""
    names: dict[int, list[tuple[str, str]]] = {}
    rows = (
        TaskUnit.objects.filter(task_id__in=[r["id"] for r in chunk])
        .order_by("task_id", "position")
        .values_list("task_id", "name", "role")
    )
    for task_id, name, role in rows:
        names.setdefault(task_id, []).append((name, role))
    for row in chunk:
        units = names.get(row["id"], [])
        row["lead_names"] = UNIT_SEPARATOR.join(n for n, r in units if r == AssignmentRole.LEAD)
        row["unit_names"] = UNIT_SEPARATOR.join(n for n, _r in units)
        yield row


def ledger_rows(tasks: Any) -> Iterator[dict[str, Any]]:
    """Stream the rows of the ledger of ``tasks`` (a queryset with ``status``), chunk by chunk."""
    chunk: list[dict[str, Any]] = []
    for row in _annotated(tasks).iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _with_units(chunk)
            chunk = []
    if chunk:
        yield from _with_units(chunk)


def notice_summary(level: int | None, state: str | None, closed: int | None) -> str:
    parts = []
    if level:
        parts.append(f"{Level(level).label}（{NoticeState(state).label}）")
    if closed:
        parts.append(gettext("已办结%(n)s件") % {"n": closed})
    return "；".join(parts)


def progress_text(percent: int | None, progress: str | None) -> str:
    text = (progress or "").strip()
    if percent is not None:
        return gettext("完成%(percent)s%%：%(text)s") % {"percent": percent, "text": text}
    return text


STATUS_LABELS = {key: str(label) for key, label in LABELS.items()}


def row_values(row: dict[str, Any]) -> dict[str, Any]:
    """The ledger's cells for one row of :func:`ledger_rows`."""
    return {
        "document": row["document__doc_number"] or row["document__title"],
        "text": row["text"],
        "lead": row["lead_names"],
        "units": row["unit_names"],
        "assignee": row["assignee_name"],
        "deadline": row["deadline"],
        "progress": progress_text(row["latest_percent"], row["latest_progress"]),
        "status": STATUS_LABELS[row["status"]],
        "notices": notice_summary(row["notice_level"], row["notice_state"], row["notices_closed"]),
        "note": row["ledger_text"] or "",
        "task_id": row["id"],
    }


def check_code(values: dict[str, Any]) -> str:
    """A short digest of a row's editable cells as stored, written at export and compared at import.

    A row whose digest no longer matches was changed in the registry after the export; applying
    its edits would silently undo that change (a lost update), so such a row is refused.
    """
    deadline = values["deadline"].isoformat() if values["deadline"] else ""
    raw = json.dumps([deadline, values["assignee"], values["note"]], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]


def export(actor: Actor, selection: TaskSelection, today: date, out: IO[bytes] | str, *, title: str = "") -> int:
    """Write the ledger of the selected tasks to ``out`` (path or binary file); returns the row count."""
    rows = ledger_rows(select_tasks(actor, selection, today))
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False, "strings_to_numbers": False})
    sheet = book.add_worksheet(gettext("台账"))
    title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    head_fmt = book.add_format(
        {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1, "bg_color": "#D9E1F2"}
    )
    cell_fmt = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top", "border": 1})
    for index, column in enumerate(COLUMNS):
        sheet.set_column(index, index, column.width, None, {"hidden": column.key == "check"})
    last = len(COLUMNS) - 1
    sheet.set_row(0, 30)
    sheet.merge_range(
        0, 0, 0, last, title or gettext("重点任务落实台账（截至%(day)s）") % {"day": today.isoformat()}, title_fmt
    )
    for index, column in enumerate(COLUMNS):
        sheet.write_string(1, index, str(column.title), head_fmt)
    sheet.freeze_panes(2, 0)
    sheet.repeat_rows(0, 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.fit_to_pages(1, 0)  # every column on the page width, as many pages down as needed
    row = 1
    for row, record in enumerate(rows, start=2):
        values = row_values(record)
        sheet.write_number(row, 0, row - 1, cell_fmt)
        for index, column in enumerate(COLUMNS[1:], start=1):
            value = values.get(column.key)
            if column.key == "deadline":
                if value is None:
                    sheet.write_blank(row, index, None, date_fmt)
                else:
                    sheet.write_datetime(row, index, datetime(value.year, value.month, value.day), date_fmt)
            elif column.key == "task_id":
                sheet.write_number(row, index, value, cell_fmt)
            elif column.key == "check":
                sheet.write_string(row, index, check_code(values), cell_fmt)
            else:
                sheet.write_string(row, index, value, cell_fmt)
    status_col = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    sheet.data_validation(
        2,
        status_col,
        max(row, 2),
        status_col,
        {
            "validate": "list",
            "source": [str(label) for label in LABELS.values()],
            "error_title": gettext("完成状态"),
            "error_message": gettext("请从下拉列表中选择完成状态"),
        },
    )
    book.close()
    return row - 1


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    row: int  # as Excel numbers it (1-based)
    column: str  # letter
    title: str
    message: str

    def __str__(self) -> str:
        return gettext("第%(row)s行 %(col)s列（%(title)s）：%(message)s") % {
            "row": self.row,
            "col": self.column,
            "title": self.title,
            "message": self.message,
        }


@dataclass(frozen=True)
class Change:
    row: int
    task_id: int
    field: str
    title: str
    before: Any
    after: Any

    def __str__(self) -> str:
        def show(value: Any) -> str:
            return gettext("（空）") if value in (None, "") else str(value)

        return gettext("第%(row)s行 任务%(task)s %(title)s：%(before)s → %(after)s") % {
            "row": self.row,
            "task": self.task_id,
            "title": self.title,
            "before": show(self.before),
            "after": show(self.after),
        }


class LedgerInvalid(Invalid):
    """The file is refused whole; ``errors`` lists every bad cell."""

    def __init__(self, errors: list[CellError]):
        super().__init__(gettext("台账有 %(n)s 处错误，未导入任何修改") % {"n": len(errors)})
        self.errors = errors


@dataclass
class ImportResult:
    changes: list[Change] = field(default_factory=list)
    rows: int = 0
    applied: bool = False


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: Any) -> date | None:
    """A deadline cell: a date cell, an Excel serial number, or text in a usual Chinese format."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) != (0, 0, 0):
            raise ValueError(gettext("完成时限应为日期，不含时刻"))
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value) or not 1 <= value <= 2958465:
            raise ValueError(gettext("“%(value)s”不是日期") % {"value": value})
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                break
    raise ValueError(gettext("“%(value)s”不是有效日期（应为 2016-12-31 或 2016年12月31日）") % {"value": text})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_rows(source: str | bytes | IO[bytes]) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header titles and the data rows (with their 1-based Excel row numbers) of the first sheet."""
    try:
        if isinstance(source, bytes):
            book = CalamineWorkbook.from_filelike(io.BytesIO(source))
        elif isinstance(source, str):
            book = CalamineWorkbook.from_path(source)
        else:
            book = CalamineWorkbook.from_filelike(source)
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, TypeError) as exc:
        raise Invalid(
            gettext("无法读取台账文件（应为 Excel 或 WPS 表格 .xlsx/.xls/.ods）：%(error)s") % {"error": exc}
        ) from None
    except Exception as exc:  # calamine raises its own error types for broken archives
        raise Invalid(
            gettext("无法读取台账文件（应为 Excel 或 WPS 表格 .xlsx/.xls/.ods）：%(error)s") % {"error": exc}
        ) from None
    wanted = {str(c.title) for c in COLUMNS}
    for index, row in enumerate(rows[:10]):
        titles = [_norm(_text(v)) for v in row]
        if str(TASK_ID_TITLE) in titles and len(wanted & set(titles)) >= 3:
            data = ((number, r) for number, r in enumerate(rows[index + 1 :], start=index + 2))
            return titles, data
    raise Invalid(gettext("台账中找不到表头行（须含“任务编号”列）"))


def plan_import(actor: Actor, source: str | bytes | IO[bytes]) -> ImportResult:
    """Validate every row and compute the changes; raises :class:`LedgerInvalid` listing every error."""
    if actor != SYSTEM:  # the console may check a file; a person needs the supervisor's rights
        require_manager(actor)
    titles, rows = read_rows(source)
    by_title = {str(c.title): c for c in COLUMNS}
    positions: dict[str, int] = {}
    for index, title in enumerate(titles):
        column = by_title.get(title)
        if column is not None and column.key not in positions:
            positions[column.key] = index
    for key in ("task_id", *EDITABLE):
        if key not in positions:
            title = next(str(c.title) for c in COLUMNS if c.key == key)
            raise Invalid(gettext("台账缺少“%(title)s”列") % {"title": title})

    def cell(row: list[Any], key: str) -> Any:
        index = positions.get(key)
        return row[index] if index is not None and index < len(row) else None

    def where(number: int, key: str) -> tuple[int, str, str]:
        title = next(str(c.title) for c in COLUMNS if c.key == key)
        return number, column_letter(positions[key]), title

    errors: list[CellError] = []
    parsed: list[tuple[int, int, dict[str, Any], list[Any]]] = []
    seen: dict[int, int] = {}
    for number, row in rows:
        if all(_text(v) == "" for v in row):
            continue
        raw_id = cell(row, "task_id")
        try:
            task_id = int(raw_id) if not isinstance(raw_id, str) else int(raw_id.strip())
            if isinstance(raw_id, float) and not raw_id.is_integer():
                raise ValueError
        except (TypeError, ValueError):
            errors.append(CellError(*where(number, "task_id"), gettext("任务编号应为整数（请勿修改此列）")))
            continue
        if task_id in seen:
            errors.append(CellError(*where(number, "task_id"), gettext("与第%(row)s行重复") % {"row": seen[task_id]}))
            continue
        seen[task_id] = number
        values: dict[str, Any] = {}
        try:
            values["deadline"] = parse_date(cell(row, "deadline"))
        except ValueError as exc:
            errors.append(CellError(*where(number, "deadline"), str(exc)))
        values["assignee"] = _text(cell(row, "assignee"))
        if len(values["assignee"]) > MAX_ASSIGNEE:
            errors.append(CellError(*where(number, "assignee"), gettext("责任人过长（最多100字）")))
        values["note"] = _text(cell(row, "note"))
        if len(values["note"]) > MAX_NOTE:
            errors.append(CellError(*where(number, "note"), gettext("备注过长（最多2000字）")))
        if "status" in positions:
            status = _text(cell(row, "status"))
            if status and status not in {str(v) for v in LABELS.values()}:
                errors.append(
                    CellError(
                        *where(number, "status"),
                        gettext("“%(value)s”不是完成状态（应为：%(allowed)s）")
                        % {"value": status, "allowed": "、".join(str(v) for v in LABELS.values())},
                    )
                )
        parsed.append((number, task_id, values, row))

    visible = with_status(tasks_for(actor), clock.today()).filter(active=True, pk__in=list(seen))
    tasks = {t["id"]: t for t in ledger_rows(visible)}
    result = ImportResult()
    for number, task_id, values, row in parsed:
        task = tasks.get(task_id)
        if task is None:
            errors.append(CellError(*where(number, "task_id"), gettext("任务 %(pk)s 不存在或已删除") % {"pk": task_id}))
            continue
        current = row_values(task)
        for key in FIXED:
            if key in positions and _norm(_text(cell(row, key))) != _norm(current[key]):
                errors.append(
                    CellError(
                        *where(number, key),
                        gettext("此列来自文件，不能在台账中修改（应为“%(value)s”）") % {"value": current[key]},
                    )
                )
        deadline = values.get("deadline")
        signed = task["document__date"]
        if "deadline" in values and deadline is not None and signed and deadline < signed:
            errors.append(
                CellError(
                    *where(number, "deadline"),
                    gettext("完成时限早于文件成文日期 %(day)s") % {"day": signed.isoformat()},
                )
            )
        changes = []
        for key in EDITABLE:
            if key in values and values[key] != current[key]:
                title = next(str(c.title) for c in COLUMNS if c.key == key)
                changes.append(Change(number, task_id, key, title, current[key], values[key]))
        exported = _text(cell(row, "check")) if "check" in positions else ""
        if changes and exported and exported != check_code(current):
            # The registry changed this row after the export. If the file still holds what was
            # exported, nobody edited the row: keep the registry's newer values. Otherwise the
            # edit would overwrite someone else's change: refuse it.
            if check_code({**current, **{k: values[k] for k in EDITABLE if k in values}}) == exported:
                changes = []
            else:
                errors.append(
                    CellError(*where(number, "check"), gettext("导出后此任务已在系统中被修改，请重新导出台账后再改"))
                )
        result.changes.extend(changes)
        result.rows += 1
    if errors:
        raise LedgerInvalid(sorted(errors, key=lambda e: (e.row, e.column)))
    return result


def import_ledger(actor: Actor, source: str | bytes | IO[bytes], *, dry_run: bool = False) -> ImportResult:
    """Validate, then (unless ``dry_run``) apply every change in one transaction, each audited."""
    result = plan_import(actor, source)
    if dry_run or not result.changes:
        return result
    with transaction.atomic(), audit.acting_as(actor.user, "ledger.import"):
        tasks = {t.pk: t for t in Task.objects.select_for_update().filter(pk__in={c.task_id for c in result.changes})}
        for change in result.changes:
            task = tasks[change.task_id]
            if change.field == "deadline":
                task.deadline = change.after
                task.save(update_fields=["deadline", "updated_at"])
            elif change.field == "assignee":
                task.assignee_name = change.after
                task.save(update_fields=["assignee_name", "updated_at"])
            else:
                note = TaskNote.objects.filter(task=task).first() or TaskNote(task=task)
                note.text = change.after
                note.save()
    result.applied = True
    return result
