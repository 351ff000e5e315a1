"""What the registry shows, for whom: the read queries the API and the pages share.

Every function takes the :class:`~luoshi_web.registry.permissions.Actor` who asks
(``permissions.actor_for(request.user)`` in a view; ``permissions.ANONYMOUS`` for
the public) and returns only what that actor may see, so a page cannot show more
than the API does. Querysets are returned unevaluated (filter, slice or paginate
them further); single objects come from :func:`get_task` & co., which raise
``errors.NotFound`` (→ 404) for what the actor may not see. Nothing here writes;
writes live in ``cycles`` (reports, cycles) and the other domain modules.

Tasks
    :func:`visible_tasks` (actor) — every task the actor may see, annotated with
    ``status`` (``status.STATUSES``; label: ``status.LABELS[t.status]``), document
    and units (``t.assignments.all()``) loaded.
    :func:`filter_tasks` (actor, :class:`TaskFilter`) — the task list: filters by
    unit, document, status, deadline range and text, one of :data:`TASK_SORTS`.
    A bad status or sort raises ``errors.Invalid`` (a message for the form).
    :func:`task_rows` (tasks) — only the columns a list row shows.
    :func:`task_summary` (actor, filter) — counts per status (the totals a page of
    the list leaves out), every status listed, zeros included.
    :func:`unit_docket` (actor, unit) — a unit's active tasks, soonest deadline first;
    :func:`unit_docket_rows` — the same as the docket page shows them (the unit's role and the
    document's label on each row, nothing else loaded).
    :func:`get_task` (actor, id) and :func:`task_history` (actor, task) — one task
    with its reports grouped by cycle, evidence, sub-tasks, evaluations and (for
    the supervision office) its audit trail, as a :class:`TaskHistory`.

Paging
    :func:`page` (queryset, limit, offset) → :class:`PageOf`: fetches one row more
    than asked instead of counting (no ``COUNT(*)``, so a page costs the same at
    any registry size); ``next_offset`` is None on the last page.

Home pages (what each role looks at first)
    :func:`reports_to_review` (the office: submitted reports, oldest first);
    :func:`open_reports` (a reporter: its unit's unfinished reports in open cycles,
    each with ``r.cycle.due_date``); :func:`assigned_tasks` (an expert: assigned tasks,
    ``t.evaluated`` True once they evaluated it); :func:`overview_by_document` and
    :func:`overview_by_unit` (counts per status, for the roles that read everything).

Documents, targets, units, reports, cycles, audit
    :func:`visible_documents`, :func:`get_document`, :func:`document_counts`;
    :func:`visible_targets`, :func:`get_target`, :func:`target_progress` (baseline,
    latest, attainment, projection, observations); :func:`visible_units`,
    :func:`unresolved_names`; :func:`visible_reports`, :func:`filter_reports`,
    :func:`get_report`; :func:`visible_cycles`, :func:`cycle_compliance`;
    :func:`audit_entries` (supervision office only) and ``audit_labels.label``
    for an action's words.

Example (a view)::

    who = actor_for(request.user)
    f = TaskFilter(unit=unit_id, status="overdue", q=request.GET.get("q", ""))
    result = page(filter_tasks(who, f), limit=50, offset=int(request.GET.get("offset", 0)))
    for task in result.items: ...   # task.status, task.document, task.assignments.all()
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from luoshi_web.registry import clock, validation
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.cycles import compliance
from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import (
    AuditLog,
    CycleStatus,
    Document,
    Evaluation,
    Evidence,
    Observation,
    Report,
    ReportingCycle,
    ReportState,
    ReviewAssignment,
    Role,
    Target,
    Task,
    TaskUnit,
    Unit,
    UnresolvedUnitName,
)
from luoshi_web.registry.permissions import Actor
from luoshi_web.registry.status import LABELS, STATUSES, status_filter, with_status
from luoshi_web.registry.target_progress import Point, progress_of

T = TypeVar("T")

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


# --- paging -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageOf(Generic[T]):
    """One page of rows; ``next_offset`` is the offset of the next page, None on the last."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None

    @property
    def previous_offset(self) -> int | None:
        return None if self.offset == 0 else max(0, self.offset - self.limit)


def clamp_paging(limit: Any, offset: Any) -> tuple[int, int]:
    """``limit`` into 1..MAX_LIMIT and ``offset`` ≥ 0; unparsable values (from a URL) become defaults."""
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        limit = DEFAULT_LIMIT
    try:
        offset = int(offset)
    except (TypeError, ValueError):
        offset = 0
    # an offset past what the database can count is a clear 422, not an overflow deep in the driver
    offset = validation.integer(max(0, offset), "offset", (0, validation.REGULAR[1]))
    return max(1, min(limit, MAX_LIMIT)), offset


def page(queryset: QuerySet[Any], limit: Any = DEFAULT_LIMIT, offset: Any = 0) -> PageOf[Any]:
    """A page of ``queryset`` without counting it: one extra row tells whether there is a next page."""
    limit, offset = clamp_paging(limit, offset)
    rows = list(queryset[offset : offset + limit + 1])
    more = len(rows) > limit
    return PageOf(items=rows[:limit], limit=limit, offset=offset, next_offset=offset + limit if more else None)


# --- tasks --------------------------------------------------------------------------------

# Sort keys of the task list → ORDER BY; every one ends with ``id`` so pages are stable.
# ``deadline`` uses ``due`` (the deadline, "none" as 9999-12-31): tasks without one come last.
TASK_SORTS: dict[str, tuple[str, ...]] = {
    "deadline": ("due", "id"),
    "-deadline": ("-due", "-id"),
    "document": ("document_id", "path_key", "id"),
    "-updated": ("-updated_at", "-id"),
}
DEFAULT_SORT = "deadline"


@dataclass(frozen=True)
class TaskFilter:
    """The task list's filters; every field is optional (None / "" means "any")."""

    unit: int | None = None
    document: int | None = None
    status: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str = ""
    active: bool = True
    sort: str = DEFAULT_SORT

    def without_status(self) -> TaskFilter:
        return replace(self, status=None)


def visible_tasks(actor: Actor, today: date | None = None) -> QuerySet[Task]:
    """Every task ``actor`` may see, with ``status`` as of ``today``, document and units loaded."""
    return (
        with_status(perm.tasks_for(actor), today or clock.today())
        .select_related("document")
        .prefetch_related("assignments")
    )


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise Invalid(
            gettext("status（状态）“%(value)s”无效，应为以下之一：%(allowed)s")
            % {"value": status, "allowed": ", ".join(STATUSES)}
        )


def _narrowed(tasks: QuerySet[Task], f: TaskFilter, today: date) -> QuerySet[Task]:
    """``tasks`` under every filter of ``f`` (a bad status raises ``Invalid``)."""
    tasks = tasks.filter(active=f.active)
    if f.unit is not None:
        tasks = tasks.filter(Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=f.unit)))
    if f.document is not None:
        tasks = tasks.filter(document_id=f.document)
    # Ranges on ``due`` (the deadline, NULL-free) so they are ranges of the index too.
    if f.deadline_from is not None:
        tasks = tasks.filter(due__gte=f.deadline_from, deadline__isnull=False)
    if f.deadline_to is not None:
        tasks = tasks.filter(due__lte=f.deadline_to, deadline__isnull=False)
    if f.q:
        tasks = tasks.filter(text__contains=f.q)
    if f.status:
        _check_status(f.status)
        tasks = tasks.filter(status_filter(f.status, today))
    return tasks


def _sort(f: TaskFilter) -> tuple[str, ...]:
    order = TASK_SORTS.get(f.sort or DEFAULT_SORT)
    if order is None:
        raise Invalid(
            gettext("sort（排序）“%(value)s”无效，应为以下之一：%(allowed)s")
            % {"value": f.sort, "allowed": ", ".join(TASK_SORTS)}
        )
    return order


def _rule_arms(actor: Actor, f: TaskFilter, today: date) -> tuple[QuerySet[Task], QuerySet[Task]] | None:
    """The visibility rule ``document_published OR <own>`` as two disjoint querysets under ``f``
    (``document_published`` true; false and the actor's own), or None when the rule has one arm."""
    own = None if actor.reads_all else perm.unpublished_task_rule(actor)
    if own is None:
        return None
    tasks = _narrowed(Task.objects.all(), f, today)
    return tasks.filter(document_published=True), tasks.filter(own, document_published=False)


class _TwoArmPages(QuerySet):  # type: ignore[type-arg]
    """The task list of a reporter or an expert, paged one visibility arm at a time.

    The rule ``document_published OR <own unit / assigned>`` can only be a filter on one walk of
    the deadline index: when few published tasks are in the asked status, that walk reads most
    of the registry before it finds a page (bench/README, "Office pages"). A slice ``[a:b]`` of
    this queryset therefore takes the first ``b`` ids of each arm, in the list's order and with
    the arm's condition inside (each a range of ``task_published_status_idx``, or the unit's
    own few tasks), as one ``UNION ALL`` ordered and cut to ``[a:b]``; then it loads those rows
    by id, with everything the queryset loads. Any other use (iteration, ``exists``, counting)
    or a queryset narrowed further after :func:`filter_tasks` reads the plain rule, which gives
    the same rows (tests/web/test_s4_two_arm_list.py compares the two for every persona).
    """

    _arms: tuple[QuerySet[Task], QuerySet[Task], tuple[str, ...]] | None = None
    _arms_for: Any = None  # what the query was when the arms were made from it

    def _clone(self) -> _TwoArmPages:
        clone = super()._clone()
        clone._arms, clone._arms_for = self._arms, self._arms_for
        return clone

    def _shape(self) -> Any:
        q = self.query
        return (q.where, tuple(q.order_by), q.standard_ordering, q.distinct, q.combinator, bool(q.extra), q.is_sliced)

    def _with_arms(self, arms: tuple[QuerySet[Task], QuerySet[Task]], order: tuple[str, ...]) -> _TwoArmPages:
        self._arms, self._arms_for = (*arms, order), self._shape()
        return self

    def __getitem__(self, k: Any) -> Any:
        if (
            not isinstance(k, slice)
            or k.stop is None
            or k.step is not None
            or self._arms is None
            or self._result_cache is not None
            or self._shape() != self._arms_for
        ):
            return super().__getitem__(k)
        start, stop = k.start or 0, k.stop
        published, own, order = self._arms
        columns = ("id", *(name.lstrip("-") for name in order if name.lstrip("-") != "id"))
        sliced_parts = connections[self.db].features.supports_slicing_ordering_in_compound
        first = []
        for arm in (published, own):
            head = arm.order_by(*order)[:stop]
            # SQLite takes no LIMIT inside a compound statement: there the arm's head is an IN list
            first.append(
                (head if sliced_parts else Task.objects.filter(pk__in=head.values("pk")).order_by()).values_list(
                    *columns
                )
            )
        page_ids = [row[0] for row in first[0].union(first[1], all=True).order_by(*order)[start:stop]]
        rows = self._chain()
        rows._arms = None
        return rows.filter(pk__in=page_ids)


def filter_tasks(actor: Actor, f: TaskFilter, today: date | None = None) -> QuerySet[Task]:
    """The task list query (what the API's ``GET /tasks`` and the benchmark run).

    For a reporter or an expert with a status, a slice (``page``) fetches its ids one arm of the
    visibility rule at a time (:class:`_TwoArmPages`): same rows, same order.
    """
    today = today or clock.today()
    tasks = _narrowed(visible_tasks(actor, today), f, today)
    order = _sort(f)
    tasks = tasks.order_by(*order)
    arms = _rule_arms(actor, f, today) if f.status else None
    if arms is None:
        return tasks
    tasks.__class__ = _TwoArmPages
    return tasks._with_arms(arms, order)  # type: ignore[attr-defined, no-any-return]


# The columns a task list row shows (office/_task_table.html): the task's own, and the
# document's name (``str(document)``: 发文字号, else the title). The status is computed in SQL.
TASK_ROW_FIELDS = (
    "id",
    "path",
    "path_key",
    "text",
    "assignee_name",
    "deadline",
    "latest_percent",
    "document_id",
    "document__id",
    "document__doc_number",
    "document__title",
)


def task_rows(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` (from :func:`filter_tasks` & co.) with only :data:`TASK_ROW_FIELDS` loaded: a list
    page reads neither the document's JSON columns nor the task's span and dates."""
    return tasks.only(*TASK_ROW_FIELDS)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class TaskSummary:
    total: int
    by_status: list[StatusCount]


def task_summary(actor: Actor, f: TaskFilter | None = None, today: date | None = None) -> TaskSummary:
    """How many of the tasks ``actor`` may see are in each status, under ``f`` (its status ignored)."""
    f = (f or TaskFilter()).without_status()
    today = today or clock.today()
    _sort(f)
    arms = _rule_arms(actor, f, today)
    # Counted one arm of the visibility rule at a time (disjoint, so the counts add up): the plain
    # OR is a filter on every task, each arm a range of task_published_status_idx or a few rows.
    parts = [filter_tasks(actor, f, today)] if arms is None else [with_status(arm, today) for arm in arms]
    rows: dict[str, int] = {}
    for part in parts:
        for status, n in part.prefetch_related(None).order_by().values_list("status").annotate(n=Count("id")):
            rows[status] = rows.get(status, 0) + n
    by_status = [StatusCount(s, str(LABELS[s]), rows.get(s, 0)) for s in STATUSES]
    return TaskSummary(total=sum(rows.values()), by_status=by_status)


def unit_docket(actor: Actor, unit: Unit | int, today: date | None = None) -> QuerySet[Task]:
    """The unit's active tasks that ``actor`` may see, soonest deadline first."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    return (
        visible_tasks(actor, today)
        .filter(active=True)
        .filter(Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=unit_id)))
        .order_by("due", "id")
    )


# The columns a docket row shows (the status is computed in SQL from the others).
DOCKET_ROW_FIELDS = ("id", "path", "path_key", "text", "deadline", "latest_percent", "document_id")


def unit_docket_rows(actor: Actor, unit: Unit | int, today: date | None = None) -> QuerySet[Task]:
    """:func:`unit_docket` as the docket page lists it, one statement per page: each task with
    ``unit_role`` (the unit's role on it, ``AssignmentRole``) and ``document_label`` (发文字号, else
    the title), and only :data:`DOCKET_ROW_FIELDS` loaded (no units, no document object)."""
    unit_id = unit.pk if isinstance(unit, Unit) else unit
    role = TaskUnit.objects.filter(task=OuterRef("pk"), unit_id=unit_id).order_by("-position").values("role")[:1]
    return (
        unit_docket(actor, unit_id, today)
        .select_related(None)
        .prefetch_related(None)
        .only(*DOCKET_ROW_FIELDS)
        .annotate(
            unit_role=Subquery(role),
            document_label=Coalesce("document__doc_number", "document__title", output_field=TextField()),
        )
    )


def get_task(actor: Actor, task_id: Any, today: date | None = None) -> Task:
    """One task (with ``status``) if ``actor`` may see it, else ``NotFound``."""
    return perm.get_visible(visible_tasks(actor, today), task_id, "task")


@dataclass
class CycleReports:
    """The reports of one cycle on a task (one per unit)."""

    cycle: ReportingCycle
    reports: list[Report]


@dataclass
class TaskHistory:
    """A task and everything that happened to it, as far as the actor may see."""

    task: Task
    reports: list[Report]  # by cycle start, then unit name; evidence prefetched (r.evidence.all())
    by_cycle: list[CycleReports]
    evidence: list[Evidence]
    subtasks: list[Task]
    evaluations: list[Evaluation]
    audit: list[AuditLog] = field(default_factory=list)  # empty unless the actor reads the audit log


def visible_reports(actor: Actor) -> QuerySet[Report]:
    """The reports ``actor`` may see, with unit, cycle, task and evidence loaded."""
    return perm.reports_for(actor).select_related("unit", "cycle", "task").prefetch_related("evidence")


def visible_evaluations(actor: Actor, task: Task) -> QuerySet[Evaluation]:
    """All evaluations for the office and leaders; an expert sees their own; others none."""
    if actor.reads_all:
        return task.evaluations.select_related("expert")
    if actor.role == Role.EXPERT:
        return task.evaluations.filter(expert=actor.user).select_related("expert")
    return Evaluation.objects.none()


def task_history(actor: Actor, task: Task, today: date | None = None, *, with_audit: bool = True) -> TaskHistory:
    """Reports by cycle, evidence, sub-tasks, evaluations and audit trail of a visible task.

    The audit trail is read for the office only, and not at all with ``with_audit=False``.
    """
    reports = list(visible_reports(actor).filter(task=task).order_by("cycle__period_start", "unit__name", "id"))
    by_cycle: list[CycleReports] = []
    for report in reports:
        if not by_cycle or by_cycle[-1].cycle.pk != report.cycle_id:
            by_cycle.append(CycleReports(cycle=report.cycle, reports=[]))
        by_cycle[-1].reports.append(report)
    evidence = [e for r in reports for e in r.evidence.all()]
    subtasks = list(visible_tasks(actor, today).filter(parent=task).order_by("id"))
    evaluations = list(visible_evaluations(actor, task))
    trail: list[AuditLog] = []
    if with_audit and actor.manages:
        trail = list(task_audit(task, reports=reports, evidence=evidence, evaluations=evaluations))
    return TaskHistory(task, reports, by_cycle, evidence, subtasks, evaluations, trail)


def task_audit(
    task: Task,
    *,
    reports: list[Report] | None = None,
    evidence: list[Evidence] | None = None,
    evaluations: list[Evaluation] | None = None,
) -> QuerySet[AuditLog]:
    """Audit rows of the task, its units, reports, evidence and evaluations, oldest first.

    Not actor-scoped: callers check ``actor.manages`` (``task_history`` does).
    """
    reports = reports if reports is not None else list(task.reports.all())
    evidence = evidence if evidence is not None else list(Evidence.objects.filter(report__task=task))
    evaluations = evaluations if evaluations is not None else list(task.evaluations.all())

    def ids(rows: Any) -> list[str]:
        return [str(row.pk) for row in rows]

    rule = Q(model="registry.task", object_id=str(task.pk))
    rule |= Q(model="registry.taskunit", object_id__in=ids(task.assignments.all()))
    rule |= Q(model="registry.report", object_id__in=ids(reports))
    rule |= Q(model="registry.evidence", object_id__in=ids(evidence))
    rule |= Q(model="registry.evaluation", object_id__in=ids(evaluations))
    return AuditLog.objects.filter(rule).order_by("id")


# --- reports and cycles -------------------------------------------------------------------


def filter_reports(
    actor: Actor,
    *,
    task: int | None = None,
    cycle: int | None = None,
    unit: int | None = None,
    state: str | None = None,
) -> QuerySet[Report]:
    """Reports ``actor`` may see, newest cycle first, narrowed by any of the keywords."""
    reports = visible_reports(actor).order_by("-cycle__period_start", "task_id", "id")
    for name, value in (("task_id", task), ("cycle_id", cycle), ("unit_id", unit), ("state", state)):
        if value is not None:
            reports = reports.filter(**{name: value})
    return reports


def get_report(actor: Actor, report_id: Any) -> Report:
    return perm.get_visible(visible_reports(actor), report_id, "report")


def visible_cycles(actor: Actor) -> QuerySet[ReportingCycle]:
    """Cycles (every signed-in role sees them; anonymous none), oldest first."""
    return perm.cycles_for(actor).order_by("period_start")


def get_cycle(actor: Actor, cycle_id: Any) -> ReportingCycle:
    return perm.get_visible(perm.cycles_for(actor), cycle_id, "cycle")


def cycle_compliance(actor: Actor, cycle: ReportingCycle, today: date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Late and missing reports of ``cycle`` as of ``today``: for the roles that read everything."""
    if not actor.reads_all:
        return {"late": [], "missing": []}
    return compliance(cycle, today or clock.today())


# --- home pages -------------------------------------------------------------------------


def reports_to_review(actor: Actor) -> QuerySet[Report]:
    """Submitted reports waiting for the office's decision, oldest submission first (office only)."""
    perm.require_manager(actor)
    return visible_reports(actor).filter(state=ReportState.SUBMITTED).order_by("submitted_at", "id")


def open_reports(actor: Actor) -> QuerySet[Report]:
    """A reporter's unit's reports in open cycles that are not accepted yet (draft, returned, submitted)."""
    if actor.role != Role.REPORTER or actor.unit_id is None:
        return Report.objects.none()
    return (
        visible_reports(actor)
        .filter(unit_id=actor.unit_id, cycle__status=CycleStatus.OPEN)
        .exclude(state=ReportState.ACCEPTED)
        .order_by("cycle__period_start", "task_id", "id")
    )


def assigned_tasks(actor: Actor, today: date | None = None) -> QuerySet[Task]:
    """An expert's assigned tasks, soonest deadline first, each with ``evaluated`` (by this expert)."""
    if actor.role != Role.EXPERT:
        return Task.objects.none()
    return (
        visible_tasks(actor, today)
        .filter(Exists(ReviewAssignment.objects.filter(task=OuterRef("pk"), expert=actor.user)))
        .annotate(evaluated=Exists(Evaluation.objects.filter(task=OuterRef("pk"), expert=actor.user)))
        .order_by("due", "id")
    )


def _require_reads_all(actor: Actor) -> None:
    perm.require_user(actor)
    if not actor.reads_all:
        raise Forbidden(gettext("只有督查室、领导和管理员可以查看总览"))


@dataclass
class StatusRow:
    """Counts of active tasks per status for one document or unit (every status present, zeros too)."""

    id: int
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _status_rows(rows: Any, key: str, name: str) -> list[StatusRow]:
    found: dict[int, StatusRow] = {}
    for row in rows:
        entry = found.setdefault(row[key], StatusRow(row[key], row[name] or "", dict.fromkeys(STATUSES, 0)))
        entry.counts[row["status"]] += row["n"]
    return sorted(found.values(), key=lambda r: (-r.total, r.name))


def overview_by_document(actor: Actor, today: date | None = None) -> list[StatusRow]:
    """Active tasks per document and status, most tasks first (roles that read everything)."""
    _require_reads_all(actor)
    tasks = visible_tasks(actor, today).filter(active=True).prefetch_related(None).order_by()
    rows = (
        tasks.annotate(doc_name=Coalesce("document__doc_number", "document__title", output_field=TextField()))
        .values("document_id", "doc_name", "status")
        .annotate(n=Count("id"))
    )
    return _status_rows(rows, "document_id", "doc_name")


def overview_by_unit(actor: Actor, today: date | None = None) -> list[StatusRow]:
    """Active tasks per responsible unit (lead or co) and status, most tasks first."""
    _require_reads_all(actor)
    tasks = visible_tasks(actor, today).filter(active=True, assignments__unit__isnull=False)
    rows = (
        tasks.prefetch_related(None)
        .order_by()
        .values("assignments__unit_id", "assignments__unit__name", "status")
        .annotate(n=Count("id", distinct=True))
    )
    return _status_rows(rows, "assignments__unit_id", "assignments__unit__name")


# --- documents and targets ----------------------------------------------------------------


def visible_documents(actor: Actor, *, q: str = "", published: bool | None = None) -> QuerySet[Document]:
    """Documents ``actor`` may see, newest first; ``q`` matches title or 发文字号."""
    documents = perm.documents_for(actor).order_by("-date", "id")
    if q:
        documents = documents.filter(Q(title__contains=q) | Q(doc_number__contains=q))
    if published is not None:
        documents = documents.filter(published=published)
    return documents


def get_document(actor: Actor, document_id: Any) -> Document:
    return perm.get_visible(perm.documents_for(actor), document_id, "document")


@dataclass(frozen=True)
class DocumentCounts:
    tasks: int  # active tasks the actor may see
    targets: int  # active targets


def document_counts(actor: Actor, doc: Document) -> DocumentCounts:
    return DocumentCounts(
        tasks=perm.tasks_for(actor).filter(document=doc, active=True).count(),
        targets=doc.targets.filter(active=True).count(),
    )


def visible_targets(actor: Actor, *, document: int | None = None, active: bool = True) -> QuerySet[Target]:
    targets = perm.targets_for(actor).filter(active=active).order_by("id")
    if document is not None:
        targets = targets.filter(document_id=document)
    return targets


def get_target(actor: Actor, target_id: Any) -> Target:
    return perm.get_visible(perm.targets_for(actor), target_id, "target")


@dataclass
class TargetProgress:
    """A target with its observations (oldest first) and how far it is from its goal."""

    target: Target
    observations: list[Observation]
    baseline: Observation | None
    latest: Observation | None
    goal: float | None
    attainment: float | None
    projected: float | None
    on_track: bool | None


def target_progress(target: Target) -> TargetProgress:
    observations = list(target.observations.order_by("as_of", "id"))
    result = progress_of(target, [Point(o.as_of, o.value) for o in observations])
    return TargetProgress(
        target=target,
        observations=observations,
        baseline=observations[0] if observations else None,
        latest=observations[-1] if observations else None,
        goal=result.goal,
        attainment=result.attainment,
        projected=result.projected,
        on_track=result.on_track,
    )


# --- units --------------------------------------------------------------------------------


def visible_units(actor: Actor, *, q: str = "") -> QuerySet[Unit]:
    """Units ``actor`` may see (the public: those a published document names) by name, aliases
    loaded; ``q`` matches a name or an alias."""
    units = perm.units_for(actor).prefetch_related("aliases").order_by("name")
    if q:
        units = units.filter(Q(name__contains=q) | Q(aliases__alias__contains=q)).distinct()
    return units


def get_unit(actor: Actor, unit_id: Any) -> Unit:
    return perm.get_visible(visible_units(actor), unit_id, "unit")


def unresolved_names(actor: Actor) -> QuerySet[UnresolvedUnitName]:
    """Unit names waiting to be linked, most frequent first: the supervision office only."""
    perm.require_manager(actor)
    return UnresolvedUnitName.objects.filter(resolved_unit__isnull=True).order_by("-occurrences", "name")


# --- audit --------------------------------------------------------------------------------


def audit_entries(actor: Actor, *, model: str | None = None, object_id: str | None = None) -> QuerySet[AuditLog]:
    """The audit log, newest first: the supervision office and administrators only (else 401/403)."""
    perm.require_supervisor_read(actor)
    entries = AuditLog.objects.order_by("-id")
    if model:
        entries = entries.filter(model=model)
    if object_id:
        entries = entries.filter(object_id=object_id)
    return entries


# --- sub-tasks naming a person (明确到人) ---------------------------------------------------------


def person_subtasks(actor: Actor, today: date | None = None) -> QuerySet[Task]:
    """The active sub-tasks whose person is ``actor``'s own account, soonest deadline first."""
    if actor.is_anonymous:
        return Task.objects.none()
    return visible_tasks(actor, today).filter(active=True, assignee_user=actor.user).order_by("due", "id")
