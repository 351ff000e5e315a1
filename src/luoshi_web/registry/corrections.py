"""The supervision office's corrections of what the extractor found, kept across revisions.

Four of the seed's six documents have no task, because guidance documents name no
unit per item; the extractor also misses a number here and there and now and then
takes a sentence for a task. The supervisor fixes that in one step each:

- :func:`make_task`: an outline item becomes a task (units default to the addressees);
- :func:`set_task_units`: a task's units and lead;
- :func:`reject_task`, :func:`reject_target`: a false task or target is rejected;
- :func:`add_target`: a number in the text becomes the target the extractor missed;
- :func:`link_target`: a target is tied to the task and the units that deliver it.

Each call writes the change and a :class:`Correction` (who, when, what, and the outline
path, target key or text span it applies to) in one transaction, with their audit rows.
A correction names its place, never a row id, so when a revised document is imported
:func:`reapply` (called by the importer, inside the import's transaction) applies every
correction of the document again, oldest first, to the new revision: matched by outline
path for tasks, by indicator + value for targets, by the marked text for added targets.
A correction whose place is gone is kept and flagged (and retried on the next revision),
never silently dropped.

:func:`export_contract` writes the corrected documents as ``luoshi.parse/1``, which
``shared/eval/score.py`` reads as gold, so an office's corrections can score the extractor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from luoshi_web.registry import audit
from luoshi_web.registry import units as unit_names
from luoshi_web.registry.contract import COMPARATORS, SCHEMA, TARGET_KINDS, deadline_from_text, read_target
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import (
    AssignmentRole,
    Correction,
    CorrectionKind,
    CorrectionState,
    Document,
    DocumentRevision,
    Target,
    TargetLink,
    Task,
    TaskUnit,
    Unit,
)
from luoshi_web.registry.permissions import Actor, require_manager, tasks_for
from luoshi_web.registry.reading import EMPTY, Reading, parse_reading

MAX_UNITS = 60
MAX_NAME = 200


class _Gone(Exception):
    """The place a correction applies to is not in this revision (the correction is flagged)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- reading a document's current state ------------------------------------------------


def latest_revision(document: Document) -> DocumentRevision | None:
    return document.revisions.order_by("-number").first()


def reading_for(document: Document, revision: DocumentRevision | None = None) -> Reading:
    revision = revision or latest_revision(document)
    return parse_reading(revision.contract) if revision is not None else EMPTY


def target_spans(revision: DocumentRevision | None) -> dict[str, dict[str, int]]:
    """Each extracted target's span (absolute clean offsets) by its match key, from the revision's contract."""
    if revision is None or not isinstance(revision.contract, dict):
        return {}
    spans: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    for i, raw in enumerate(revision.contract.get("targets") or []):
        try:
            key = read_target(raw, f"targets[{i}]", seen).match_key
        except Invalid:
            continue
        span = raw.get("span") if isinstance(raw, dict) else None
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            spans[key] = span
    return spans


def _target_key(indicator: str, value: float) -> str:
    return f"{indicator}|{int(value) if float(value).is_integer() else value!r}"


# --- checking input -------------------------------------------------------------------------


def _clean_names(names: Iterable[str], what: str) -> list[str]:
    cleaned: list[str] = []
    for name in names:
        if not isinstance(name, str):
            raise Invalid(gettext("%(what)s应为单位名称") % {"what": what})
        key = unit_names.normalize_name(name)
        if not key:
            continue
        if len(key) > MAX_NAME:
            raise Invalid(
                gettext("单位名称过长（上限 %(limit)s 字）：%(name)s…") % {"limit": MAX_NAME, "name": key[:20]}
            )
        if key not in cleaned:
            cleaned.append(key)
    if len(cleaned) > MAX_UNITS:
        raise Invalid(gettext("一个任务最多 %(limit)s 个责任单位") % {"limit": MAX_UNITS})
    return cleaned


def _check_units(units: Sequence[str], leads: Sequence[str]) -> tuple[list[str], list[str]]:
    names = _clean_names(units, gettext("责任单位"))
    lead_names = _clean_names(leads, gettext("牵头单位"))
    if not names:
        raise Invalid(gettext("任务至少要有一个责任单位"))
    strangers = [n for n in lead_names if n not in names]
    if strangers:
        raise Invalid(gettext("牵头单位须是责任单位之一：%(names)s") % {"names": "、".join(strangers)})
    return names, lead_names


def _require_active_document_item(row: Task | Target) -> None:
    if not row.active:
        raise Conflict(gettext("此项已停用（已否决或已在后续版本中删除），不能再更正"))


# --- writing ---------------------------------------------------------------------------------


def _record(actor: Actor, document: Document, kind: str, **fields: Any) -> Correction:
    user = actor.user
    return Correction.objects.create(
        document=document,
        kind=kind,
        made_on=latest_revision(document),
        actor_id=user.pk if user is not None else None,
        actor_name=user.get_username() if user is not None else "system",
        **fields,
    )


def _write_units(task: Task, names: list[str], leads: list[str], document: Document) -> None:
    """Replace the task's units; ``leads`` are explicit leads, none given: the first unit leads (our rule)."""
    lead_set = set(leads) or set(names[:1])
    existing = {a.name: a for a in task.assignments.all()}
    for name, assignment in existing.items():
        if name not in names:
            assignment.delete()
    for position, name in enumerate(names):
        role = AssignmentRole.LEAD if name in lead_set else AssignmentRole.CO
        explicit = name in leads
        assignment = existing.get(name)
        if assignment is None:
            TaskUnit.objects.create(
                task=task,
                name=name,
                unit=unit_names.resolve_or_queue(name, document),
                role=role,
                explicit_lead=explicit,
                position=position,
            )
        elif (assignment.role, assignment.explicit_lead, assignment.position) != (role, explicit, position):
            assignment.role, assignment.explicit_lead, assignment.position = role, explicit, position
            assignment.save(update_fields=["role", "explicit_lead", "position"])


def _place_task(task: Task, item: Any, reading: Reading) -> None:
    task.path = list(item.path)
    task.text = item.own_text(reading.text) or item.heading or item.marker
    if item.span is not None:
        task.span_start, task.span_end = item.span["start"], item.span["end"]
        task.line_start, task.line_end = item.span["line_start"], item.span["line_end"]
    elif reading.base is not None:
        task.span_start, task.span_end = reading.base + item.text_start, reading.base + item.text_end


def _gone_path(path_key: str) -> _Gone:
    return _Gone(gettext("此版本中没有层级编号为“%(path)s”的条目") % {"path": path_key})


def _top_task(document: Document, path_key: str) -> Task | None:
    return document.tasks.filter(path_key=path_key, parent__isnull=True).first()


# Where a task correction applies: the revision has the path when its outline has the item,
# or its extraction has a task there (the importer has just made that row active; a table
# row's task has a path that is not an outline item). Corrections are applied oldest first,
# so a task made by an earlier correction is active again by the time a later one looks.


def _apply_task_add(c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading) -> None:
    item = reading.item(c.path_key)
    task = _top_task(document, c.path_key)
    extracted = task is not None and task.active
    if item is None and not extracted:
        raise _gone_path(c.path_key)
    if task is None:
        task = Task(document=document, path_key=c.path_key, introduced_in=revision, start_date=document.date)
    if item is not None and not extracted:
        _place_task(task, item, reading)
        task.deadline = deadline_from_text(task.text, [])
    task.active = True
    task.dropped_in = None
    task.save()
    _write_units(task, c.data.get("units") or [], c.data.get("leads") or [], document)


def _apply_task_units(c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading) -> None:
    task = _top_task(document, c.path_key)
    if task is None or not (task.active or reading.item(c.path_key) is not None):
        raise _gone_path(c.path_key)
    if not task.active:
        # This revision's extraction finds no task here, but the item is still in the outline
        # and the supervisor named its units: it stays a task.
        task.active = True
        task.dropped_in = None
        task.save()
    _write_units(task, c.data.get("units") or [], c.data.get("leads") or [], document)


def _apply_task_reject(c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading) -> None:
    task = _top_task(document, c.path_key)
    if task is not None and task.active:
        task.active = False
        task.save()
    elif reading.item(c.path_key) is None:
        raise _gone_path(c.path_key)
    # else: the item is there and no longer extracted as a task; the rejection holds, nothing to do


def _target(document: Document, key: str) -> Target:
    target = document.targets.filter(match_key=key).first()
    if target is None:
        raise _Gone(gettext("此版本中没有指标“%(key)s”") % {"key": key.replace("|", " = ")})
    return target


def _apply_target_reject(
    c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading
) -> None:
    # After the importer's sync a target row is active exactly when the revision extracts it
    # (or an earlier correction added it again); a rejected one the revision still has is active.
    target = _target(document, c.target_key)
    if not target.active:
        raise _Gone(gettext("此版本中已没有指标“%(key)s”") % {"key": c.target_key.replace("|", " = ")})
    target.active = False
    target.save()


def _apply_target_add(c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading) -> None:
    phrase = c.data.get("text") or ""
    if reading.text:
        at = reading.find(phrase, near=c.span_start)
        if at is None:
            raise _Gone(gettext("此版本的正文中已找不到“%(text)s”") % {"text": phrase})
        if (at, at + len(phrase)) != (c.span_start, c.span_end):
            c.span_start, c.span_end = at, at + len(phrase)
            c.save(update_fields=["span_start", "span_end"])
    target = document.targets.filter(match_key=c.target_key).first()
    if target is None:
        target = Target(document=document, match_key=c.target_key, introduced_in=revision)
    fields = c.data
    target.text = phrase
    target.indicator = fields["indicator"]
    target.kind = fields["kind"]
    target.comparator = fields["comparator"]
    target.value = fields["value"]
    target.value_max = fields.get("value_max")
    target.unit_text = fields.get("unit") or ""
    target.deadline = date.fromisoformat(fields["deadline"]) if fields.get("deadline") else None
    target.active = True
    target.dropped_in = None
    target.save()


def _apply_target_link(c: Correction, document: Document, revision: DocumentRevision | None, reading: Reading) -> None:
    target = _target(document, c.target_key)
    if not target.active:
        raise _Gone(gettext("指标“%(key)s”在此版本中已停用") % {"key": c.target_key.replace("|", " = ")})
    task = None
    task_key = c.data.get("task_path_key")
    if task_key:
        task = document.tasks.filter(path_key=task_key, parent__isnull=True, active=True).first()
        if task is None:
            raise _Gone(gettext("关联的任务“%(path)s”在此版本中已不存在") % {"path": task_key})
    unit_ids = [u for u in c.data.get("unit_ids") or [] if isinstance(u, int)]
    found = list(Unit.objects.filter(pk__in=unit_ids))
    if len(found) != len(set(unit_ids)):
        raise _Gone(gettext("关联的单位已被删除"))
    link, _ = TargetLink.objects.get_or_create(target=target)
    if link.task_id != (task.pk if task else None):
        link.task = task
        link.save()
    if {u.pk for u in link.units.all()} != set(unit_ids):
        link.units.set(found)


_APPLY = {
    CorrectionKind.TASK_ADD: _apply_task_add,
    CorrectionKind.TASK_UNITS: _apply_task_units,
    CorrectionKind.TASK_REJECT: _apply_task_reject,
    CorrectionKind.TARGET_ADD: _apply_target_add,
    CorrectionKind.TARGET_REJECT: _apply_target_reject,
    CorrectionKind.TARGET_LINK: _apply_target_link,
}


def _apply_now(c: Correction, document: Document) -> None:
    """Apply a new correction to the current revision; a missing place is the caller's error (422)."""
    revision = latest_revision(document)
    try:
        _APPLY[c.kind](c, document, revision, reading_for(document, revision))
    except _Gone as gone:
        raise Invalid(gone.message) from None


# --- the supervisor's actions -----------------------------------------------------------------


def make_task(
    actor: Actor,
    document: Document,
    path_key: str,
    *,
    units: Sequence[str] | None = None,
    leads: Sequence[str] = (),
    reason: str = "",
) -> Task:
    """Make the outline item at ``path_key`` a task; ``units`` default to the document's addressees."""
    require_manager(actor)
    reading = reading_for(document)
    item = reading.item(path_key)
    if item is None:
        raise Invalid(gettext("文件中没有层级编号为“%(path)s”的条目") % {"path": path_key})
    existing = document.tasks.filter(path_key=path_key, parent__isnull=True).first()
    if existing is not None and existing.active:
        raise Conflict(gettext("条目“%(path)s”已是任务，请修改其责任单位") % {"path": path_key})
    names, lead_names = _check_units(list(document.addressees or []) if units is None else units, leads)
    with transaction.atomic(), audit.acting_as(actor.user, "correction.task_add"):
        c = _record(
            actor,
            document,
            CorrectionKind.TASK_ADD,
            path=list(item.path),
            path_key=path_key,
            data={"units": names, "leads": lead_names},
            reason=reason.strip(),
        )
        _apply_now(c, document)
    return document.tasks.get(path_key=path_key, parent__isnull=True)


def set_task_units(actor: Actor, task: Task, units: Sequence[str], leads: Sequence[str] = (), reason: str = "") -> Task:
    """Replace a task's units and lead (``leads`` empty: the first unit leads)."""
    require_manager(actor)
    _require_active_document_item(task)
    if task.parent_id is not None:
        raise Invalid(gettext("子任务的责任人在子任务中修改，这里只改文件中的任务"))
    names, lead_names = _check_units(units, leads)
    document = task.document
    with transaction.atomic(), audit.acting_as(actor.user, "correction.task_units"):
        c = _record(
            actor,
            document,
            CorrectionKind.TASK_UNITS,
            path=list(task.path),
            path_key=task.path_key,
            data={"units": names, "leads": lead_names},
            reason=reason.strip(),
        )
        _apply_now(c, document)
    task.refresh_from_db()
    return task


def reject_task(actor: Actor, task: Task, reason: str) -> Task:
    """Reject a false task: it is deactivated (its reports stay) and stays rejected in later revisions."""
    require_manager(actor)
    _require_active_document_item(task)
    if task.parent_id is not None:
        raise Invalid(gettext("子任务不能否决，只有文件中的任务可以"))
    if not reason.strip():
        raise Invalid(gettext("否决任务须写明理由"))
    with transaction.atomic(), audit.acting_as(actor.user, "correction.task_reject"):
        c = _record(
            actor,
            task.document,
            CorrectionKind.TASK_REJECT,
            path=list(task.path),
            path_key=task.path_key,
            reason=reason.strip(),
        )
        _apply_now(c, task.document)
    task.refresh_from_db()
    return task


def reject_target(actor: Actor, target: Target, reason: str) -> Target:
    require_manager(actor)
    _require_active_document_item(target)
    if not reason.strip():
        raise Invalid(gettext("否决指标须写明理由"))
    with transaction.atomic(), audit.acting_as(actor.user, "correction.target_reject"):
        c = _record(
            actor, target.document, CorrectionKind.TARGET_REJECT, target_key=target.match_key, reason=reason.strip()
        )
        _apply_now(c, target.document)
    target.refresh_from_db()
    return target


def add_target(
    actor: Actor,
    document: Document,
    *,
    start: int,
    end: int,
    indicator: str,
    value: float,
    comparator: str = ">=",
    kind: str = "level",
    unit: str = "",
    value_max: float | None = None,
    deadline: date | None = None,
    reason: str = "",
) -> Target:
    """Mark ``text[start:end]`` of the document (offsets in its clean text) as a target the extractor missed."""
    require_manager(actor)
    reading = reading_for(document)
    if not reading.text:
        raise Invalid(gettext("此文件没有保存正文（由 JSON 导入），不能在正文中标注指标"))
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(reading.text)):
        raise Invalid(gettext("标注的位置不在正文范围内"))
    phrase = reading.text[start:end]
    if "\n" in phrase:
        raise Invalid(gettext("标注的文字不能跨段落"))
    indicator = " ".join(indicator.split())
    if not indicator:
        raise Invalid(gettext("请填写指标名称"))
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise Invalid(gettext("目标值应为数字"))
    if comparator not in COMPARATORS:
        raise Invalid(gettext("比较方式应为以下之一：%(allowed)s") % {"allowed": " ".join(sorted(COMPARATORS))})
    if kind not in TARGET_KINDS:
        raise Invalid(gettext("指标类型应为以下之一：%(allowed)s") % {"allowed": " ".join(sorted(TARGET_KINDS))})
    if comparator == "between":
        if value_max is None or value_max < value:
            raise Invalid(gettext("区间指标须填写不小于目标值的上限"))
    elif value_max is not None:
        raise Invalid(gettext("只有区间指标（between）有上限"))
    if len(unit) > 20:
        raise Invalid(gettext("计量单位过长（上限 20 字）"))
    key = _target_key(indicator, float(value))
    if document.targets.filter(match_key=key).exists():
        raise Conflict(gettext("此文件已有指标“%(indicator)s = %(value)s”") % {"indicator": indicator, "value": value})
    with transaction.atomic(), audit.acting_as(actor.user, "correction.target_add"):
        c = _record(
            actor,
            document,
            CorrectionKind.TARGET_ADD,
            target_key=key,
            span_start=start,
            span_end=end,
            data={
                "text": phrase,
                "indicator": indicator,
                "kind": kind,
                "comparator": comparator,
                "value": float(value),
                "value_max": float(value_max) if value_max is not None else None,
                "unit": unit.strip(),
                "deadline": deadline.isoformat() if deadline else None,
            },
            reason=reason.strip(),
        )
        _apply_now(c, document)
    return document.targets.get(match_key=key)


def link_target(
    actor: Actor, target: Target, *, task: Task | None, units: Sequence[Unit] = (), reason: str = ""
) -> TargetLink:
    """Tie a target to the task that delivers it and the units that report its observations."""
    require_manager(actor)
    _require_active_document_item(target)
    if task is not None:
        if task.document_id != target.document_id or task.parent_id is not None:
            raise Invalid(gettext("指标只能关联本文件中的任务"))
        _require_active_document_item(task)
    if task is None and not units:
        raise Invalid(gettext("请选择任务或至少一个单位"))
    unit_ids = sorted({u.pk for u in units})
    with transaction.atomic(), audit.acting_as(actor.user, "correction.target_link"):
        c = _record(
            actor,
            target.document,
            CorrectionKind.TARGET_LINK,
            target_key=target.match_key,
            path=list(task.path) if task else [],
            path_key=task.path_key if task else "",
            data={
                "task_path_key": task.path_key if task else None,
                "unit_ids": unit_ids,
                "unit_names": [u.name for u in sorted(units, key=lambda u: u.pk)],
            },
            reason=reason.strip(),
        )
        _apply_now(c, target.document)
    return TargetLink.objects.get(target=target)


# --- re-import -----------------------------------------------------------------------------------


def reapply(document: Document, revision: DocumentRevision) -> dict[str, list[int]]:
    """Apply every correction of ``document`` to its new ``revision`` (the importer calls this).

    Runs inside the import's transaction. Returns the correction ids applied and flagged,
    for the revision's diff.
    """
    outcome: dict[str, list[int]] = {"applied": [], "flagged": []}
    corrections = list(document.corrections.order_by("created_at", "id"))
    if not corrections:
        return outcome
    reading = reading_for(document, revision)
    with audit.action("correction.reapply"):
        for c in corrections:
            try:
                with transaction.atomic():
                    _APPLY[c.kind](c, document, revision, reading)
            except _Gone as gone:
                outcome["flagged"].append(c.pk)
                if (c.state, c.flagged_in_id, c.flag_reason) != (CorrectionState.FLAGGED, revision.pk, gone.message):
                    c.state, c.flagged_in, c.flag_reason = CorrectionState.FLAGGED, revision, gone.message
                    c.save(update_fields=["state", "flagged_in", "flag_reason"])
                continue
            outcome["applied"].append(c.pk)
            if c.state != CorrectionState.APPLIED:
                c.state, c.flagged_in, c.flag_reason = CorrectionState.APPLIED, None, ""
                c.save(update_fields=["state", "flagged_in", "flag_reason"])
    return outcome


# --- export -----------------------------------------------------------------------------------------


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def document_contract(document: Document, tasks: Iterable[Task] | None = None) -> dict[str, Any]:
    """One document as ``luoshi.parse/1``, as corrected: active tasks and targets, units as stored."""
    revision = latest_revision(document)
    raw = revision.contract if revision is not None and isinstance(revision.contract, dict) else {}
    if tasks is None:
        tasks = document.tasks.filter(active=True, parent__isnull=True)
    task_rows = sorted(
        (t for t in tasks if t.active and t.parent_id is None),
        key=lambda t: (t.span_start if t.span_start is not None else math.inf, t.pk),
    )
    out_tasks = []
    for task in task_rows:
        assignments = sorted(task.assignments.all(), key=lambda a: a.position)
        out_tasks.append(
            {
                "path": list(task.path),
                "text": task.text,
                "units": [a.name for a in assignments],
                "lead_units": [a.name for a in assignments if a.role == AssignmentRole.LEAD and a.explicit_lead],
            }
        )
    out_targets = []
    for target in document.targets.filter(active=True).order_by("id"):
        out_targets.append(
            {
                "text": target.text,
                "indicator": target.indicator,
                "kind": target.kind,
                "comparator": target.comparator,
                "value": _number(target.value),
                "value_max": _number(target.value_max),
                "unit": target.unit_text,
                "deadline": target.deadline.isoformat() if target.deadline else None,
            }
        )
    return {
        "doc_number": document.doc_number,
        "title": document.title,
        "issuers": list(document.issuers or []),
        "date": document.date.isoformat() if document.date else None,
        "addressees": list(document.addressees or []),
        "genre": document.genre or raw.get("genre"),
        "forwarded_title": document.forwarded_title,
        "tasks": out_tasks,
        "targets": out_targets,
        "references": [
            {"doc_number": r.doc_number, "title": r.title or None}
            for r in document.references.filter(active=True).order_by("id")
        ],
    }


def export_contract(actor: Actor, documents: Iterable[Document]) -> dict[str, Any]:
    """The corrected documents as one ``luoshi.parse/1`` file, with only the tasks ``actor`` may see."""
    visible = tasks_for(actor).filter(active=True, parent__isnull=True).prefetch_related("assignments")
    out = []
    for document in documents:
        out.append(document_contract(document, visible.filter(document=document)))
    return {"schema": SCHEMA, "documents": out}
