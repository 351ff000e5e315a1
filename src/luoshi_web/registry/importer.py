"""Importing ``luoshi.parse/1`` output into the registry.

One call imports one file, in one transaction: either every document of the
file lands or none does. Importing the same content again creates nothing.
A document already in the registry (same 发文字号, else same title) whose
content changed gets a new DocumentRevision with a diff: tasks matched by
outline path, targets by indicator + value. Matched rows are updated in place
so their reports and observations stay attached; rows the new version drops
are deactivated (kept, with their history), never deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction

from luoshi_web.registry import corrections
from luoshi_web.registry import units as unit_names
from luoshi_web.registry.contract import (
    TARGET_COLUMNS,
    TARGET_FINGERPRINT,
    DocumentIn,
    ReferenceIn,
    TargetIn,
    TaskIn,
    deadline_from_text,
    read_document,
    read_documents,
)
from luoshi_web.registry.errors import ContractError, Invalid, located
from luoshi_web.registry.models import (
    AssignmentRole,
    Document,
    DocumentRevision,
    Reference,
    Target,
    Task,
    TaskUnit,
)

KINDS = ("documents", "tasks", "targets", "references")
Row = TypeVar("Row", Task, Target, Reference)
Item = TypeVar("Item", TaskIn, TargetIn, ReferenceIn)
OUTCOMES = ("created", "updated", "unchanged", "dropped")


@dataclass
class ImportResult:
    """Counts per outcome and kind, plus the revisions written (for the caller to show)."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: {o: Counter() for o in OUTCOMES})
    revisions: list[int] = field(default_factory=list)

    def add(self, outcome: str, kind: str, n: int = 1) -> None:
        self.counts[outcome][kind] += n

    def merge(self, other: ImportResult) -> None:
        for outcome in OUTCOMES:
            self.counts[outcome].update(other.counts[outcome])
        self.revisions.extend(other.revisions)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {o: {k: self.counts[o][k] for k in KINDS} for o in OUTCOMES}


def read_contract(contract: Any) -> list[tuple[str, DocumentIn]]:
    """Check and read every document of a file's parse output, touching no table."""
    seen_keys: dict[str, int] = {}
    return [(where, read_document(raw, where, seen_keys)) for where, raw in read_documents(contract)]


def import_documents(
    documents: list[tuple[str, DocumentIn]], *, file_sha256: str, source_name: str = ""
) -> ImportResult:
    """Write documents already read (:func:`read_contract`) in one transaction: all or nothing."""
    result = ImportResult()
    with transaction.atomic():
        for where, document in documents:
            try:
                _import_document(document, file_sha256, source_name, result)
            except ContractError:
                raise
            except Invalid as exc:  # a value no column may hold (validation): the whole file is refused
                raise ContractError(located(where, exc.message)) from None
    return result


def import_contract(contract: Any, *, file_sha256: str, source_name: str = "") -> ImportResult:
    """Import one file's parse output; all or nothing."""
    return import_documents(read_contract(contract), file_sha256=file_sha256, source_name=source_name)


def _import_document(doc_in: DocumentIn, file_sha256: str, source_name: str, result: ImportResult) -> None:
    document = Document.objects.filter(key=doc_in.key).first()
    if document is None:
        document = Document(key=doc_in.key)
        _copy_header(document, doc_in)
        document.save()
        revision = _new_revision(document, 1, doc_in, file_sha256, source_name)
        diff = _sync_items(document, revision, doc_in, result)
        revision.diff = diff
        revision.save(update_fields=["diff"])
        result.add("created", "documents")
        result.revisions.append(revision.pk)
        return
    last = document.revisions.order_by("-number").first()
    if last is not None and last.content_sha256 == doc_in.content_sha256:
        result.add("unchanged", "documents")
        result.add("unchanged", "tasks", document.tasks.filter(active=True, parent__isnull=True).count())
        result.add("unchanged", "targets", document.targets.filter(active=True).count())
        result.add("unchanged", "references", document.references.filter(active=True).count())
        return
    _copy_header(document, doc_in)
    document.save()
    revision = _new_revision(document, (last.number if last else 0) + 1, doc_in, file_sha256, source_name)
    revision.diff = _sync_items(document, revision, doc_in, result)
    # The office's corrections outlive the extraction: re-applied to every new revision.
    revision.diff["corrections"] = corrections.reapply(document, revision)
    revision.save(update_fields=["diff"])
    result.add("updated", "documents")
    result.revisions.append(revision.pk)


def _copy_header(document: Document, doc_in: DocumentIn) -> None:
    document.doc_number = doc_in.doc_number
    document.title = doc_in.title
    document.issuers = doc_in.issuers
    document.date = doc_in.date
    document.addressees = doc_in.addressees
    document.genre = doc_in.genre
    document.forwarded_title = doc_in.forwarded_title


def _new_revision(
    document: Document, number: int, doc_in: DocumentIn, file_sha256: str, source_name: str
) -> DocumentRevision:
    return DocumentRevision.objects.create(
        document=document,
        number=number,
        file_sha256=file_sha256,
        content_sha256=doc_in.content_sha256,
        source_name=source_name,
        contract=doc_in.raw,
    )


def _sync_items(
    document: Document, revision: DocumentRevision, doc_in: DocumentIn, result: ImportResult
) -> dict[str, Any]:
    return {
        "tasks": _sync_tasks(document, revision, doc_in, result),
        "targets": _sync_targets(document, revision, doc_in, result),
        "references": _sync_references(document, doc_in, result),
    }


def _sync(
    kind: str,
    existing: dict[str, Row],
    incoming: Iterable[Item],
    result: ImportResult,
    *,
    key: Callable[[Item], str],
    create: Callable[[Item], object],
    unchanged: Callable[[Row, Item], bool],
    change: Callable[[Row, Item], None],
    drop: Callable[[Row], None],
    keep: Callable[[Row, Item], None] = lambda row, item: None,
) -> dict[str, list[str]]:
    """The revision diff of one kind of item: match incoming items to ``existing`` rows by ``key``.

    A new key is created; an active row whose content is ``unchanged`` is kept (``keep`` may
    refresh what the comparison ignores); any other matched row is changed (and reactivated);
    an active row whose key is gone is dropped. ``existing`` is consumed.
    """
    diff: dict[str, list[str]] = {"added": [], "changed": [], "dropped": [], "unchanged": []}
    for item in incoming:
        item_key = key(item)
        row = existing.pop(item_key, None)
        if row is None:
            create(item)
            diff["added"].append(item_key)
            result.add("created", kind)
        elif unchanged(row, item):
            keep(row, item)
            diff["unchanged"].append(item_key)
            result.add("unchanged", kind)
        else:
            change(row, item)
            diff["changed"].append(item_key)
            result.add("updated", kind)
    for row_key, row in existing.items():
        if row.active:
            drop(row)
            diff["dropped"].append(row_key)
            result.add("dropped", kind)
    return diff


def _reactivate(row: Task | Target) -> None:
    row.active = True
    row.dropped_in = None
    row.save()


def _deactivate(row: Task | Target, revision: DocumentRevision) -> None:
    row.active = False
    row.dropped_in = revision
    row.save()


def _task_deadline(task_in: TaskIn, targets: list[TargetIn]) -> Any:
    own = [t.deadline for t in targets if t.deadline is not None and t.text and t.text in task_in.text]
    return deadline_from_text(task_in.text, own)


def _task_fingerprint(task: Task) -> tuple[Any, ...]:
    assignments = sorted(task.assignments.all(), key=lambda a: a.position)
    leads = sorted(a.name for a in assignments if a.explicit_lead)
    return (task.text, tuple(a.name for a in assignments), tuple(leads))


def _set_units(task: Task, task_in: TaskIn, document: Document) -> None:
    """Replace the task's unit list; lead/co roles follow :meth:`TaskIn.lead_names`."""
    task.assignments.all().delete()
    leads = set(task_in.lead_names())
    for position, name in enumerate(task_in.all_names()):
        TaskUnit.objects.create(
            task=task,
            name=name,
            unit=unit_names.resolve_or_queue(name, document),
            role=AssignmentRole.LEAD if name in leads else AssignmentRole.CO,
            explicit_lead=name in task_in.lead_units,
            position=position,
        )


def _apply_task(task: Task, task_in: TaskIn, document: Document, targets: list[TargetIn]) -> None:
    task.path = task_in.path
    task.text = task_in.text
    span = task_in.span or {}
    task.span_start = span.get("start")
    task.span_end = span.get("end")
    task.line_start = span.get("line_start")
    task.line_end = span.get("line_end")
    task.deadline = _task_deadline(task_in, targets)
    task.start_date = document.date


def _task_placement(task: Task) -> tuple[Any, ...]:
    """Where the task sits and when it is due: outside the fingerprint, refreshed silently."""
    return (task.span_start, task.span_end, task.line_start, task.line_end, task.deadline)


def _sync_tasks(
    document: Document, revision: DocumentRevision, doc_in: DocumentIn, result: ImportResult
) -> dict[str, list[str]]:
    def create(task_in: TaskIn) -> None:
        task = Task(document=document, path_key=task_in.path_key, introduced_in=revision)
        _apply_task(task, task_in, document, doc_in.targets)
        task.save()
        _set_units(task, task_in, document)

    def keep(task: Task, task_in: TaskIn) -> None:
        before = _task_placement(task)
        _apply_task(task, task_in, document, doc_in.targets)
        if _task_placement(task) != before:
            task.save()

    def change(task: Task, task_in: TaskIn) -> None:
        _apply_task(task, task_in, document, doc_in.targets)
        _reactivate(task)
        _set_units(task, task_in, document)

    return _sync(
        "tasks",
        {t.path_key: t for t in document.tasks.filter(parent__isnull=True).prefetch_related("assignments")},
        doc_in.tasks,
        result,
        key=lambda task_in: task_in.path_key,
        create=create,
        unchanged=lambda task, task_in: task.active and _task_fingerprint(task) == task_in.fingerprint(),
        keep=keep,
        change=change,
        drop=lambda task: _deactivate(task, revision),
    )


def _target_fingerprint(target: Target) -> tuple[Any, ...]:
    return tuple(getattr(target, TARGET_COLUMNS[name]) for name in TARGET_FINGERPRINT)


def _sync_targets(
    document: Document, revision: DocumentRevision, doc_in: DocumentIn, result: ImportResult
) -> dict[str, list[str]]:
    def create(target_in: TargetIn) -> None:
        target = Target(document=document, match_key=target_in.match_key, introduced_in=revision)
        _apply_target(target, target_in)
        target.save()

    def change(target: Target, target_in: TargetIn) -> None:
        _apply_target(target, target_in)
        _reactivate(target)

    return _sync(
        "targets",
        {t.match_key: t for t in document.targets.all()},
        doc_in.targets,
        result,
        key=lambda target_in: target_in.match_key,
        create=create,
        unchanged=lambda target, target_in: target.active and _target_fingerprint(target) == target_in.fingerprint(),
        change=change,
        drop=lambda target: _deactivate(target, revision),
    )


def _apply_target(target: Target, target_in: TargetIn) -> None:
    for name, column in TARGET_COLUMNS.items():
        setattr(target, column, getattr(target_in, name))


def _reference_key(reference: Reference | ReferenceIn) -> str:
    return reference.doc_number or f"title:{reference.title}"


def _sync_references(document: Document, doc_in: DocumentIn, result: ImportResult) -> dict[str, list[str]]:
    def change(ref: Reference, ref_in: ReferenceIn) -> None:
        ref.title = ref_in.title
        ref.active = True
        ref.save()

    def drop(ref: Reference) -> None:
        ref.active = False
        ref.save()

    return _sync(
        "references",
        {_reference_key(r): r for r in document.references.all()},
        doc_in.references,
        result,
        key=_reference_key,
        create=lambda ref_in: Reference.objects.create(
            document=document, doc_number=ref_in.doc_number, title=ref_in.title
        ),
        unchanged=lambda ref, ref_in: ref.active and ref.title == ref_in.title,
        change=change,
        drop=drop,
    )
