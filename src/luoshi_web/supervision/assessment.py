"""Annual assessment (目标绩效考核): each unit's score with its breakdown, per the year's scheme.

Components, each 0–100 and rounded to 0.01 (half up), for a unit U and year Y:
- 按期完成 on time: of the active tasks U leads whose deadline falls in Y, the share
  completed by their deadline (a final report with evidence accepted on or before it);
- 指标完成 targets: the mean attainment (capped at 100 %) at the end of Y of the targets
  stated in the text of a task U leads (the sentence of the target lies in the task);
- 按时报送 punctuality: of the reports U owed in the cycles ending in Y, the share
  submitted by the cycle's due date (missing and late ones count against); a closed
  cycle as its snapshot froze it at closing (``dashboard.snapshot_outcomes``, as the
  dashboard and the cycle page show it), an open one by the live rules;
- 报送质量 quality: of U's reviewed reports in those cycles, the share accepted without
  ever being returned (the audit log records every return);
- 督办情况 notices: 100 minus the scheme's points per notice U received in Y, at the
  highest level the notice reached, not below 0.
A component with nothing to measure (no task due, no target) is left out and the
weights of the others are scaled up to the same total; a unit with none of the first
four to measure is not ranked. The weighted score is then
combined with the mean third-party score (第三方测评) as
``(1 - expert_share) × weighted + expert_share × expert`` (weighted alone when no
expert scored the unit), and the bonuses (capped at ``bonus_cap``) added and the
deductions (capped at ``deduction_cap``) taken off. Closing the year stores the
results; a closed year's scheme, scores and adjustments can no longer change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO, Any

import xlsxwriter
from django.db import transaction
from django.db.models import Avg, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from luoshi_web.registry import audit, clock, cycles
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import (
    AssignmentRole,
    AuditLog,
    Evidence,
    Observation,
    Report,
    ReportingCycle,
    ReportState,
    Role,
    Target,
    Task,
    TaskUnit,
    Unit,
)
from luoshi_web.registry.permissions import Actor, require_manager, require_user
from luoshi_web.registry.target_progress import Point, progress_of
from luoshi_web.supervision import conf, dashboard
from luoshi_web.supervision.models import Adjustment, AssessmentScheme, ExpertScore, Notice, NoticeStep, StepAction
from luoshi_web.supervision.officialdoc import OfficialDocument
from luoshi_web.supervision.selection import SYSTEM

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
WORK_COMPONENTS = ("on_time", "targets", "punctuality", "quality")
DEFAULT_NOTICE_POINTS = {"1": 2, "2": 5, "3": 10, "4": 20}
COMPONENTS = (
    ("on_time", "weight_on_time", gettext_lazy("按期完成")),
    ("targets", "weight_targets", gettext_lazy("指标完成")),
    ("punctuality", "weight_punctuality", gettext_lazy("按时报送")),
    ("quality", "weight_quality", gettext_lazy("报送质量")),
    ("notices", "weight_notices", gettext_lazy("督办情况")),
)


def cents(value: Decimal | float | int) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: int, whole: int) -> Decimal | None:
    return cents(HUNDRED * part / whole) if whole else None


@dataclass
class UnitScore:
    unit_id: int
    unit: str
    components: dict[str, Decimal | None]
    weighted: Decimal
    expert: Decimal | None
    combined: Decimal
    bonus: Decimal
    deduction: Decimal
    total: Decimal
    detail: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        return {
            "unit_id": self.unit_id,
            "unit": self.unit,
            "components": {k: s(v) for k, v in self.components.items()},
            "weighted": s(self.weighted),
            "expert": s(self.expert),
            "combined": s(self.combined),
            "bonus": s(self.bonus),
            "deduction": s(self.deduction),
            "total": s(self.total),
            "detail": self.detail,
        }


def scheme_for(year: int) -> AssessmentScheme:
    scheme, _created = AssessmentScheme.objects.get_or_create(
        year=year, defaults={"notice_points": DEFAULT_NOTICE_POINTS}
    )
    return scheme


def _validate(scheme: AssessmentScheme) -> None:
    weights = [Decimal(getattr(scheme, field)) for _key, field, _label in COMPONENTS]
    if any(w < 0 for w in weights) or sum(weights) <= 0:
        raise Invalid(gettext("考核权重不能为负，且合计须大于0"))
    if not Decimal(0) <= Decimal(scheme.expert_share) <= Decimal(1):
        raise Invalid(gettext("第三方测评占比应在0到1之间"))
    if Decimal(scheme.bonus_cap) < 0 or Decimal(scheme.deduction_cap) < 0:
        raise Invalid(gettext("加分、扣分上限不能为负"))


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _lead_tasks(unit_id: int) -> Any:
    return Task.objects.filter(
        active=True, assignments__unit_id=unit_id, assignments__role=AssignmentRole.LEAD
    ).distinct()


def on_time(unit_id: int, year: int) -> tuple[Decimal | None, dict[str, int]]:
    start, end = _year_bounds(year)
    due = _lead_tasks(unit_id).filter(deadline__gte=start, deadline__lte=end)
    in_time = Report.objects.filter(
        task=OuterRef("pk"),
        is_final=True,
        state=ReportState.ACCEPTED,
        reviewed_at__date__lte=OuterRef("deadline"),
    ).filter(Exists(Evidence.objects.filter(report=OuterRef("pk"))))
    total = due.count()
    done = due.filter(Exists(in_time)).count()
    return share(done, total), {"due": total, "on_time": done}


def targets(unit_id: int, year: int) -> tuple[Decimal | None, dict[str, Any]]:
    _start, end = _year_bounds(year)
    texts = list(_lead_tasks(unit_id).values_list("document_id", "text"))
    chosen = [
        t
        for t in Target.objects.filter(active=True, document_id__in={d for d, _ in texts})
        if any(d == t.document_id and t.text and t.text in text for d, text in texts)
    ]
    points: dict[int, list[Point]] = {}
    for obs in Observation.objects.filter(target__in=chosen, as_of__lte=end).order_by("as_of", "id"):
        points.setdefault(obs.target_id, []).append(Point(obs.as_of, obs.value))
    values = []
    for t in chosen:
        result = progress_of(t, points.get(t.pk, []))
        if result.attainment is not None:
            values.append(min(max(Decimal(str(result.attainment)), Decimal(0)), Decimal(1)) * HUNDRED)
    score = cents(sum(values) / len(values)) if values else None
    return score, {"targets": len(chosen), "measured": len(values)}


def punctuality(unit_id: int, year: int, today: date) -> tuple[Decimal | None, dict[str, int]]:
    owed = late = missing = 0
    for cycle in ReportingCycle.objects.filter(period_end__year=year):
        if dashboard.frozen(cycle):
            outcomes = [o for (_t, u), o in dashboard.snapshot_outcomes(cycle).items() if u == unit_id]
            owed += len(outcomes)
            late += outcomes.count("late")
            missing += outcomes.count("missing")
            continue
        owed += sum(1 for _t, u, _r in cycles.expected_reports(cycle) if u == unit_id)
        found = cycles.compliance(cycle, today)
        late += sum(1 for e in found["late"] if e["unit_id"] == unit_id)
        missing += sum(1 for e in found["missing"] if e["unit_id"] == unit_id)
    return share(owed - late - missing, owed), {"owed": owed, "late": late, "missing": missing}


def quality(unit_id: int, year: int) -> tuple[Decimal | None, dict[str, int]]:
    reports = Report.objects.filter(unit_id=unit_id, cycle__period_end__year=year)
    returned_ever = AuditLog.objects.filter(
        model="registry.report",
        action="report.return",
        object_id__in=[str(pk) for pk in reports.values_list("pk", flat=True)],
    ).values_list("object_id", flat=True)
    returned_ids = {int(pk) for pk in returned_ever}
    reviewed = reports.filter(Q(state=ReportState.ACCEPTED) | Q(state=ReportState.RETURNED) | Q(pk__in=returned_ids))
    total = reviewed.count()
    clean = reviewed.filter(state=ReportState.ACCEPTED).exclude(pk__in=returned_ids).count()
    return share(clean, total), {"reviewed": total, "accepted_first_time": clean}


def notice_score(unit_id: int, year: int, points: dict[str, Any]) -> tuple[Decimal, dict[str, int]]:
    issued = Notice.objects.filter(
        unit_id=unit_id,
        pk__in=NoticeStep.objects.filter(action=StepAction.ISSUE, on__year=year).values("notice_id"),
    )
    by_level: dict[str, int] = {}
    taken = Decimal(0)
    for level in issued.values_list("level", flat=True):
        by_level[str(level)] = by_level.get(str(level), 0) + 1
        taken += Decimal(str(points.get(str(level), 0)))
    return cents(max(HUNDRED - taken, Decimal(0))), by_level


def assessed_units(year: int) -> list[Unit]:
    _start, end = _year_bounds(year)
    leads = TaskUnit.objects.filter(role=AssignmentRole.LEAD, task__active=True, unit__isnull=False).exclude(
        task__start_date__gt=end
    )
    noticed = NoticeStep.objects.filter(action=StepAction.ISSUE, on__year=year).values("notice__unit_id")
    return list(Unit.objects.filter(Q(pk__in=leads.values("unit_id")) | Q(pk__in=noticed)).order_by("name"))


def score_unit(scheme: AssessmentScheme, unit: Unit, today: date) -> UnitScore:
    year = scheme.year
    parts: dict[str, tuple[Decimal | None, Any]] = {
        "on_time": on_time(unit.pk, year),
        "targets": targets(unit.pk, year),
        "punctuality": punctuality(unit.pk, year, today),
        "quality": quality(unit.pk, year),
        "notices": notice_score(unit.pk, year, scheme.notice_points or DEFAULT_NOTICE_POINTS),
    }
    components = {key: parts[key][0] for key, _f, _l in COMPONENTS}
    applicable = [(Decimal(getattr(scheme, field)), components[key]) for key, field, _l in COMPONENTS]
    applicable = [(w, s) for w, s in applicable if s is not None and w > 0]
    weight_total = sum((w for w, _s in applicable), Decimal(0))
    weighted = (
        cents(sum((w * s for w, s in applicable), Decimal(0)) / weight_total) if weight_total else Decimal("0.00")
    )
    expert_avg = ExpertScore.objects.filter(scheme=scheme, unit=unit).aggregate(avg=Avg("score"))["avg"]
    expert = cents(expert_avg) if expert_avg is not None else None
    ratio = Decimal(scheme.expert_share)
    combined = cents((1 - ratio) * weighted + ratio * expert) if expert is not None else weighted
    adjustments = list(Adjustment.objects.filter(scheme=scheme, unit=unit).values_list("points", flat=True))
    bonus = min(sum((p for p in adjustments if p > 0), Decimal(0)), Decimal(scheme.bonus_cap))
    deduction = min(-sum((p for p in adjustments if p < 0), Decimal(0)), Decimal(scheme.deduction_cap))
    total = cents(max(combined + bonus - deduction, Decimal(0)))
    detail = {key: parts[key][1] for key in parts}
    return UnitScore(
        unit.pk, unit.name, components, weighted, expert, combined, cents(bonus), cents(deduction), total, detail
    )


def compute(year: int, *, today: date | None = None) -> list[dict[str, Any]]:
    """Every assessed unit's score, best first (a closed year returns what was frozen)."""
    scheme = scheme_for(year)
    if scheme.closed_at is not None and scheme.results is not None:
        return scheme.results["units"]
    _validate(scheme)
    today = today or clock.today()
    scores = [score_unit(scheme, unit, today) for unit in assessed_units(year)]
    # A unit with no work to measure (no task due, no target, no report owed or reviewed) is
    # not ranked: its 督办 component alone would give it full marks.
    scores = [s for s in scores if any(s.components[k] is not None for k in WORK_COMPONENTS)]
    scores.sort(key=lambda s: (-s.total, s.unit))
    return [{"rank": i, **s.as_json()} for i, s in enumerate(scores, 1)]


def _require_open_year(scheme: AssessmentScheme) -> None:
    if scheme.closed_at is not None:
        raise Conflict(gettext("%(year)s年度考核已关闭，结果不能再改变") % {"year": scheme.year})


def _require_writer(actor: Actor) -> None:
    if actor != SYSTEM:
        require_manager(actor)


def _require_score_writer(actor: Actor, expert: Any) -> None:
    """The office (or the console) records any expert's score; an expert only their own."""
    if actor == SYSTEM:
        return
    require_user(actor)
    if actor.manages:
        return
    if actor.role == Role.EXPERT and expert is not None and expert.pk == actor.user.pk:
        return
    if actor.role == Role.EXPERT:
        raise Forbidden(gettext("评审专家只能录入本人的第三方测评分"))
    raise Forbidden(gettext("只有督查室（或管理员）和评审专家本人可以录入第三方测评分"))


def record_expert_score(actor: Actor, year: int, unit: Unit, expert: Any, score: Decimal | float | int) -> ExpertScore:
    """Set ``expert``'s 第三方测评 score of ``unit`` for ``year`` (0–100, two decimals), audited.

    The office may record any expert's score; an expert may record only their own. A closed
    year refuses (Conflict), as does a value outside 0–100 or not a number (Invalid)."""
    _require_score_writer(actor, expert)
    scheme = scheme_for(year)
    _require_open_year(scheme)
    try:
        value = cents(score)
        in_range = value.is_finite() and Decimal(0) <= value <= HUNDRED
    except (InvalidOperation, ValueError, TypeError):
        in_range = False
    if not in_range:
        raise Invalid(gettext("第三方测评分应在0到100之间"))
    with transaction.atomic(), audit.acting_as(actor.user, "assessment.expert_score"):
        row, _created = ExpertScore.objects.update_or_create(
            scheme=scheme, unit=unit, expert=expert, defaults={"score": value}
        )
    return row


def adjust(actor: Actor, year: int, unit: Unit, points: Decimal | float | int, reason: str) -> Adjustment:
    _require_writer(actor)
    scheme = scheme_for(year)
    _require_open_year(scheme)
    if not reason.strip():
        raise Invalid(gettext("加分或扣分须写明理由"))
    with transaction.atomic(), audit.acting_as(actor.user, "assessment.adjust"):
        return Adjustment.objects.create(scheme=scheme, unit=unit, points=cents(points), reason=reason.strip())


def close_year(actor: Actor, year: int, *, today: date | None = None) -> AssessmentScheme:
    """Compute and freeze the year's results (with the scheme they were computed by)."""
    _require_writer(actor)
    scheme = scheme_for(year)
    _require_open_year(scheme)
    today = today or clock.today()
    units = compute(year, today=today)
    with transaction.atomic(), audit.acting_as(actor.user, "assessment.close"):
        scheme.results = {
            "closed_on": today.isoformat(),
            "scheme": {field: str(getattr(scheme, field)) for _k, field, _l in COMPONENTS}
            | {
                "expert_share": str(scheme.expert_share),
                "bonus_cap": str(scheme.bonus_cap),
                "deduction_cap": str(scheme.deduction_cap),
                "notice_points": scheme.notice_points,
            },
            "units": units,
        }
        scheme.closed_at = timezone.now()
        scheme.save()
    return scheme


def export(year: int, out: IO[bytes] | str, *, today: date | None = None) -> int:
    """The results as .xlsx (rank, unit, every component, weighted, expert, bonus, deduction, total)."""
    rows = compute(year, today=today)
    scheme = scheme_for(year)
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(gettext("考核结果"))
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True})
    cell = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "num_format": "0.00"})
    title = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    header = [
        gettext("排名"),
        gettext("单位"),
        *(str(label) for _k, _f, label in COMPONENTS),
        gettext("加权得分"),
        gettext("第三方测评"),
        gettext("综合得分"),
        gettext("加分"),
        gettext("扣分"),
        gettext("总分"),
    ]
    state = gettext("已关闭") if scheme.closed_at else gettext("未关闭，结果可能变化")
    sheet.merge_range(
        0,
        0,
        0,
        len(header) - 1,
        gettext("%(year)s年度目标绩效考核结果（%(state)s）") % {"year": year, "state": state},
        title,
    )
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, len(header) - 1, 10)
    for col, text in enumerate(header):
        sheet.write_string(1, col, text, head)
    sheet.freeze_panes(2, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    for r, row in enumerate(rows, start=2):
        values = [row["components"][k] for k, _f, _l in COMPONENTS] + [
            row["weighted"],
            row["expert"],
            row["combined"],
            row["bonus"],
            row["deduction"],
            row["total"],
        ]
        sheet.write_number(r, 0, row["rank"], cell)
        sheet.write_string(r, 1, row["unit"], cell)
        for c, value in enumerate(values, start=2):
            if value is None:
                sheet.write_string(r, c, "—", cell)
            else:
                sheet.write_number(r, c, float(value), number)
    book.close()
    return len(rows)


def export_docx(year: int, *, today: date | None = None) -> bytes:
    """The results as a .docx in official layout: one table, rank by rank, with every component."""
    rows = compute(year, today=today)
    scheme = scheme_for(year)
    office = conf.get("LUOSHI_OFFICE_NAME")
    out = OfficialDocument()
    out.masthead(gettext("%(office)s文件") % {"office": office})
    out.number_line(gettext("（%(year)s年度）") % {"year": year})
    out.title(gettext("关于%(year)s年度目标绩效考核结果的通报") % {"year": year})
    out.addressee(gettext("各有关单位"))
    state = gettext("已关闭") if scheme.closed_at else gettext("未关闭，结果可能变化")
    out.body(
        gettext("根据%(year)s年度目标绩效考核方案，现将各单位考核结果（%(state)s）通报如下。")
        % {"year": year, "state": state}
    )
    header = [gettext("排名"), gettext("单位"), *(str(label) for _k, _f, label in COMPONENTS)]
    header += [gettext("第三方测评"), gettext("加分"), gettext("扣分"), gettext("总分")]

    def show(value: str | None) -> str:
        return "—" if value is None else value

    out.table(
        header,
        [
            [
                row["rank"],
                row["unit"],
                *(show(row["components"][k]) for k, _f, _l in COMPONENTS),
                show(row["expert"]),
                row["bonus"],
                row["deduction"],
                row["total"],
            ]
            for row in rows
        ],
    )
    closed = scheme.results.get("closed_on") if scheme.results else None
    out.signature(office, date.fromisoformat(closed) if closed else (today or clock.today()))
    return out.bytes()
