"""Bulletins (通报): the state of the work in a period, as a .docx in official layout.

``compute`` gathers the numbers in the database (GROUP BY with conditional counts,
one query per table) as of the period's end, or today if the period is still
running: completion by lead unit and by document, the overdue tasks, the open
督办 notices, target attainment. A draft stores those numbers with an editable
title and body; ``issue`` gives it its 发文字号 and freezes it: the text, the data
it was computed from and the rendered file are kept and can no longer change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from luoshi_web.registry import audit, clock
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import AssignmentRole, Observation, Target, Task
from luoshi_web.registry.permissions import Actor, require_manager, require_user
from luoshi_web.registry.status import LABELS, OVERDUE, status_filter, with_status
from luoshi_web.registry.target_progress import Point, progress_of
from luoshi_web.supervision import conf
from luoshi_web.supervision.charts import MAX_BARS, completion_bars
from luoshi_web.supervision.models import Bulletin, BulletinState, Level, Notice, NoticeState, StepAction
from luoshi_web.supervision.numbering import next_number
from luoshi_web.supervision.officialdoc import OfficialDocument, chinese_date
from luoshi_web.supervision.periods import Period, parse_period
from luoshi_web.supervision.selection import SYSTEM

# Status columns of the completion tables, in the order they are printed.
STATUS_COLUMNS = ("completed", "in_progress", "at_risk", "overdue", "not_started")
OVERDUE_ROWS = 500  # a longer list is cut, with the count of the rest
UNIT_HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("牵头单位"),
    gettext_lazy("任务数"),
    *(LABELS[s] for s in STATUS_COLUMNS),
    gettext_lazy("完成率"),
)
DOCUMENT_HEADER = (gettext_lazy("序号"), gettext_lazy("文件"), *UNIT_HEADER[2:])
OVERDUE_HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("文件"),
    gettext_lazy("任务"),
    gettext_lazy("牵头单位"),
    gettext_lazy("完成时限"),
    gettext_lazy("逾期天数"),
)
NOTICE_HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("发文字号"),
    gettext_lazy("主送单位"),
    gettext_lazy("督办级别"),
    gettext_lazy("状态"),
    gettext_lazy("整改期限"),
)
TARGET_HEADER = (
    gettext_lazy("序号"),
    gettext_lazy("指标"),
    gettext_lazy("目标值"),
    gettext_lazy("最新值"),
    gettext_lazy("监测日期"),
    gettext_lazy("完成程度"),
    gettext_lazy("预计按期达标"),
)


def _status_counts(day: date) -> dict[str, Any]:
    counts: dict[str, Any] = {"total": Count("id")}
    for status in STATUS_COLUMNS:
        counts[status] = Count("id", filter=status_filter(status, day))
    return counts


def rate(completed: int, total: int) -> str:
    return f"{100 * completed / total:.1f}%" if total else "—"


def _row_counts(row: dict[str, Any]) -> dict[str, Any]:
    out = {"total": row["total"], **{s: row[s] for s in STATUS_COLUMNS}}
    out["rate"] = rate(row["completed"], row["total"])
    return out


def _in_force(period: Period) -> QuerySet[Task]:
    return Task.objects.filter(active=True).exclude(start_date__gt=period.end)


def compute(period: Period, today: date) -> dict[str, Any]:
    """Every number of the bulletin, as JSON-ready data (statuses as of the period's end or today)."""
    day = min(today, period.end)
    tasks = _in_force(period)
    totals = _row_counts(tasks.aggregate(**_status_counts(day)))
    by_unit = [
        {"unit": row["assignments__name"], **_row_counts(row)}
        for row in tasks.filter(assignments__role=AssignmentRole.LEAD)
        .values("assignments__name")
        .annotate(**_status_counts(day))
        .order_by("assignments__name")
    ]
    by_document = [
        {"document": row["document__doc_number"] or row["document__title"], **_row_counts(row)}
        for row in tasks.values("document_id", "document__doc_number", "document__title")
        .annotate(**_status_counts(day))
        .order_by("document_id")
    ]
    overdue_qs = (
        with_status(tasks, day)
        .filter(status_filter(OVERDUE, day))
        .select_related("document")
        .prefetch_related("assignments")
        .order_by("due", "id")
    )
    overdue = []
    for task in overdue_qs[:OVERDUE_ROWS]:
        leads = [a.name for a in sorted(task.assignments.all(), key=lambda a: a.position) if a.role == "lead"]
        overdue.append(
            {
                "task_id": task.pk,
                "document": task.document.doc_number or task.document.title,
                "path": task.path_key,
                "text": task.text,
                "lead": "、".join(leads),
                "deadline": task.deadline.isoformat(),
                "days": (day - task.deadline).days,
            }
        )
    # Notices issued by then and not closed now (a notice's history is in its steps, not re-dated here).
    open_notices = Notice.objects.exclude(state=NoticeState.CLOSED).filter(
        steps__action=StepAction.ISSUE, steps__on__lte=day
    )
    notices = [
        {
            "notice_id": n.pk,
            "number": n.number,
            "unit": n.unit.name,
            "level": n.level,
            "level_label": str(n.get_level_display()),
            "state_label": str(n.get_state_display()),
            "rectify_due": n.rectify_due.isoformat(),
            "task_id": n.task_id,
        }
        for n in open_notices.select_related("unit").order_by("-level", "rectify_due", "id")
    ]
    by_level = {
        str(row["level"]): row["n"]
        for row in open_notices.order_by().values("level").annotate(n=Count("id")).order_by("level")
    }
    return {
        "period": {"name": period.name, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "as_of": day.isoformat(),
        "totals": totals,
        "by_unit": by_unit,
        "by_document": by_document,
        "overdue": overdue,
        "overdue_total": overdue_qs.count() if len(overdue) == OVERDUE_ROWS else len(overdue),
        "notices": notices,
        "notices_by_level": by_level,
        "targets": _targets(period, day),
    }


def _targets(period: Period, day: date) -> list[dict[str, Any]]:
    targets = list(Target.objects.filter(active=True).select_related("document").order_by("document_id", "id"))
    points: dict[int, list[Point]] = {}
    for obs in Observation.objects.filter(target__in=[t.pk for t in targets], as_of__lte=day).order_by("as_of", "id"):
        points.setdefault(obs.target_id, []).append(Point(obs.as_of, obs.value))
    out = []
    for target in targets:
        result = progress_of(target, points.get(target.pk, []))
        out.append(
            {
                "target_id": target.pk,
                "indicator": target.indicator,
                "goal": _number(result.goal, target.unit_text),
                "latest": _number(result.latest.value, target.unit_text) if result.latest else "",
                "as_of": result.latest.as_of.isoformat() if result.latest else "",
                "attainment": f"{100 * result.attainment:.1f}%" if result.attainment is not None else "—",
                "on_track": {True: gettext("是"), False: gettext("否"), None: "—"}[result.on_track],
            }
        )
    return out


def _number(value: float | None, unit_text: str) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit_text}"


def default_title(period: Period) -> str:
    return gettext("关于%(label)s重点任务落实情况的通报") % {"label": period.label}


def default_body(data: dict[str, Any]) -> str:
    t = data["totals"]
    return gettext(
        "截至%(day)s，纳入督查的重点任务共%(total)s项，已完成%(completed)s项，推进中%(in_progress)s项，"
        "滞后风险%(at_risk)s项，逾期%(overdue)s项，未启动%(not_started)s项，完成率%(rate)s。"
        "现将有关情况通报如下。"
    ) % {"day": chinese_date(date.fromisoformat(data["as_of"])), **t}


def _require_writer(actor: Actor) -> None:
    if actor != SYSTEM:
        require_manager(actor)


def bulletins_for(actor: Actor) -> QuerySet[Bulletin]:
    """Issued bulletins are circulated to every signed-in role; drafts are the office's and leaders'."""
    if actor != SYSTEM:
        require_user(actor)
    if actor.reads_all:
        return Bulletin.objects.all()
    return Bulletin.objects.filter(state=BulletinState.ISSUED)


def draft(actor: Actor, period_name: str, *, today: date | None = None) -> Bulletin:
    """The period's draft, made now or recomputed (an edited body is kept as it is)."""
    _require_writer(actor)
    period = parse_period(period_name)
    today = today or clock.today()
    if today < period.start:
        raise Invalid(gettext("%(label)s尚未开始，不能通报") % {"label": period.label})
    data = compute(period, today)
    with transaction.atomic(), audit.acting_as(actor.user, "bulletin.draft"):
        bulletin = Bulletin.objects.filter(period=period.name, state=BulletinState.DRAFT).first()
        if bulletin is None:
            bulletin = Bulletin(
                period=period.name,
                period_start=period.start,
                period_end=period.end,
                title=default_title(period),
            )
        edited = bulletin.pk is not None and bulletin.body != default_body(bulletin.data)
        bulletin.data = data
        bulletin.as_of = date.fromisoformat(data["as_of"])
        if not edited:  # a body a person rewrote is kept as they wrote it
            bulletin.body = default_body(data)
        bulletin.save()
    return bulletin


def edit(actor: Actor, bulletin: Bulletin, *, title: str | None = None, body: str | None = None) -> Bulletin:
    _require_writer(actor)
    if bulletin.state == BulletinState.ISSUED:
        raise Conflict(gettext("已印发的通报不能修改"))
    if title is not None and not title.strip():
        raise Invalid(gettext("通报须有标题"))
    with transaction.atomic(), audit.acting_as(actor.user, "bulletin.edit"):
        if title is not None:
            bulletin.title = title.strip()
        if body is not None:
            bulletin.body = body.strip()
        bulletin.save()
    return bulletin


def issue(actor: Actor, bulletin: Bulletin, *, today: date | None = None) -> Bulletin:
    """Number the draft, render it and freeze it (text, data and file)."""
    _require_writer(actor)
    today = today or clock.today()
    with transaction.atomic(), audit.acting_as(actor.user, "bulletin.issue"):
        # The draft is locked while it is numbered and rendered (a second issuer waits, then finds
        # it issued); one save freezes number, time, state and file, with one audit row, in which
        # the file appears as its SHA-256 (``audit.snapshot``).
        draft = Bulletin.objects.select_for_update().filter(pk=bulletin.pk, state=BulletinState.DRAFT).first()
        if draft is None:
            raise Conflict(gettext("此通报已印发"))
        draft.number = next_number(conf.get("LUOSHI_BULLETIN_PREFIX"), today.year)
        draft.issued_at = timezone.now()
        draft.document = render(draft, today=today)
        draft.state = BulletinState.ISSUED
        draft.save()
    bulletin.refresh_from_db()
    return bulletin


def document_bytes(bulletin: Bulletin) -> bytes:
    """The issued file as it was frozen, or a draft rendered now."""
    if bulletin.state == BulletinState.ISSUED and bulletin.document:
        return bytes(bulletin.document)
    return render(bulletin)


def render(bulletin: Bulletin, *, today: date | None = None) -> bytes:
    data = bulletin.data
    office = conf.get("LUOSHI_OFFICE_NAME")
    out = OfficialDocument()
    out.masthead(gettext("%(office)s督查通报") % {"office": office})
    out.number_line(bulletin.number or gettext("（草稿）"))
    out.title(bulletin.title)
    out.addressee(gettext("各有关单位"))
    for paragraph in [p for p in bulletin.body.splitlines() if p.strip()]:
        out.body(paragraph.strip())

    def counts(row: dict[str, Any]) -> list[Any]:
        return [row["total"], *(row[s] for s in STATUS_COLUMNS), row["rate"]]

    out.heading(gettext("一、分单位完成情况"))
    out.table([str(h) for h in UNIT_HEADER], [[i, r["unit"], *counts(r)] for i, r in enumerate(data["by_unit"], 1)])
    if data["by_unit"]:
        rates = [100 * r["completed"] / r["total"] if r["total"] else None for r in data["by_unit"]]
        out.picture(
            completion_bars(rates),
            gettext("图1  各牵头单位任务完成率（横轴为上表序号%(more)s）")
            % {"more": gettext("，前%(n)s个单位") % {"n": MAX_BARS} if len(rates) > MAX_BARS else ""},
        )
    out.heading(gettext("二、分文件完成情况"))
    out.table(
        [str(h) for h in DOCUMENT_HEADER],
        [[i, r["document"], *counts(r)] for i, r in enumerate(data["by_document"], 1)],
    )
    out.heading(gettext("三、逾期未完成任务"))
    out.table(
        [str(h) for h in OVERDUE_HEADER],
        [
            [i, r["document"], r["text"], r["lead"], chinese_date(date.fromisoformat(r["deadline"])), r["days"]]
            for i, r in enumerate(data["overdue"], 1)
        ],
    )
    if data["overdue_total"] > len(data["overdue"]):
        out.body(gettext("另有%(n)s项逾期任务未列出。") % {"n": data["overdue_total"] - len(data["overdue"])})
    out.heading(gettext("四、正在督办的事项"))
    level_counts = "，".join(
        gettext("%(level)s%(n)s件") % {"level": Level(int(k)).label, "n": v}
        for k, v in data["notices_by_level"].items()
    )
    if level_counts:
        out.body(gettext("正在督办的事项：%(counts)s。") % {"counts": level_counts})
    out.table(
        [str(h) for h in NOTICE_HEADER],
        [
            [
                i,
                r["number"],
                r["unit"],
                r["level_label"],
                r["state_label"],
                chinese_date(date.fromisoformat(r["rectify_due"])),
            ]
            for i, r in enumerate(data["notices"], 1)
        ],
    )
    out.heading(gettext("五、目标指标完成情况"))
    out.table(
        [str(h) for h in TARGET_HEADER],
        [
            [i, r["indicator"], r["goal"], r["latest"], r["as_of"], r["attainment"], r["on_track"]]
            for i, r in enumerate(data["targets"], 1)
        ],
    )
    signed = bulletin.issued_at and timezone.localtime(bulletin.issued_at).date()
    out.signature(office, today or signed or date.fromisoformat(data["as_of"]))
    return out.bytes()
