"""A revision's diff as the office sees it: corrections applied on both sides.

The importer's diff (``DocumentRevision.diff``) is the extraction's view: it compares the
stored rows (as the office corrected them) with the new extraction *before* the corrections
are applied again. So a task the office made from an outline item shows as dropped, a task
whose units the office set shows as changed, a rejected task or target as changed (the
importer reactivates it, the correction rejects it again), although nothing changed for the
office. Here both revisions are read from what they store (the extraction in
``revision.contract`` and the outline in its ``reading``), the same corrections are applied
to each in memory, and the two results are compared.

Which corrections: those the importer re-applied to the new revision (its diff's
``corrections``: applied and flagged), i.e. every correction that existed when the revision
came in. What the office sees of a task: its text, units and leads; of a target: the fields
that make the importer call it changed (``contract.TARGET_FINGERPRINT``). Target links are
not compared (they do not change what the text says).

Items the extraction's diff lists but the office's does not are ``kept``: a correction kept
them as they were (``kept`` maps the key to the kinds of correction that did it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from luoshi_web.registry.contract import read_document
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Correction, CorrectionKind, DocumentRevision
from luoshi_web.registry.reading import Reading, parse_reading

CHANGES = ("added", "changed", "dropped")


@dataclass
class View:
    """What the office sees of one revision: tasks by path key, targets by match key."""

    tasks: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    targets: dict[str, tuple[Any, ...]] = field(default_factory=dict)


@dataclass
class KindDiff:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    kept: dict[str, list[str]] = field(default_factory=dict)  # key → correction kind labels

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (*CHANGES, "kept")}


@dataclass
class OfficeDiff:
    tasks: KindDiff
    targets: KindDiff


def _units_view(names: list[str], leads: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # As corrections.write_units stores them: no explicit lead means the first unit leads.
    return tuple(names), tuple(sorted(set(leads) or set(names[:1])))


def extraction_view(revision: DocumentRevision) -> View:
    """The revision's extraction as the importer stores it (before any correction)."""
    view = View()
    try:
        doc = read_document(revision.contract, "document", {})
    except (Invalid, TypeError, AttributeError):
        return view
    for task in doc.tasks:
        view.tasks[task.path_key] = (task.text, *_units_view(task.all_names(), task.lead_names()))
    for target in doc.targets:
        view.targets[target.match_key] = target.fingerprint()
    return view


def _item_text(reading: Reading, path_key: str) -> str | None:
    item = reading.item(path_key)
    if item is None:
        return None
    return item.own_text(reading.text) or item.heading or item.marker


def _target_fingerprint(data: dict[str, Any], phrase: str) -> tuple[Any, ...]:
    deadline = data.get("deadline")
    try:
        deadline = date.fromisoformat(deadline) if deadline else None
    except (TypeError, ValueError):
        deadline = None
    return (phrase, data.get("kind"), data.get("comparator"), data.get("value_max"), data.get("unit") or "", deadline)


def office_view(revision: DocumentRevision, corrections: list[Correction]) -> View:
    """``revision``'s extraction with ``corrections`` applied in order, as ``corrections.reapply`` does."""
    view = extraction_view(revision)
    reading = parse_reading(revision.contract)
    for c in corrections:
        data = c.data if isinstance(c.data, dict) else {}
        if c.kind in (CorrectionKind.TASK_ADD, CorrectionKind.TASK_UNITS):
            current = view.tasks.get(c.path_key)
            text = current[0] if current is not None else _item_text(reading, c.path_key)
            if text is None:
                continue  # the place is gone: the correction is flagged in this revision
            view.tasks[c.path_key] = (text, *_units_view(list(data.get("units") or []), list(data.get("leads") or [])))
        elif c.kind == CorrectionKind.TASK_REJECT:
            view.tasks.pop(c.path_key, None)
        elif c.kind == CorrectionKind.TARGET_ADD:
            phrase = data.get("text") or ""
            if reading.text and reading.find(phrase) is None:
                continue
            view.targets[c.target_key] = _target_fingerprint(data, phrase)
        elif c.kind == CorrectionKind.TARGET_REJECT:
            view.targets.pop(c.target_key, None)
    return view


def _compare(old: dict[str, Any], new: dict[str, Any]) -> KindDiff:
    diff = KindDiff()
    for key, value in new.items():
        if key not in old:
            diff.added.append(key)
        elif old[key] != value:
            diff.changed.append(key)
    diff.dropped = [key for key in old if key not in new]
    return diff


def corrections_at(revision: DocumentRevision) -> list[Correction]:
    """The corrections the importer re-applied to ``revision`` (applied or flagged), oldest first."""
    outcome = (revision.diff or {}).get("corrections") if isinstance(revision.diff, dict) else None
    if not isinstance(outcome, dict):
        return []
    ids = [i for name in ("applied", "flagged") for i in outcome.get(name) or [] if isinstance(i, int)]
    return list(Correction.objects.filter(pk__in=ids, document_id=revision.document_id).order_by("created_at", "id"))


def office_diff(old: DocumentRevision | None, new: DocumentRevision) -> OfficeDiff:
    """What changed for the office from ``old`` to ``new`` (``old`` None: everything is new)."""
    corrections = corrections_at(new)
    before = office_view(old, corrections) if old is not None else View()
    after = office_view(new, corrections)
    result = OfficeDiff(tasks=_compare(before.tasks, after.tasks), targets=_compare(before.targets, after.targets))
    raw = new.diff if isinstance(new.diff, dict) else {}
    kinds: dict[str, list[str]] = {}
    for c in corrections:
        for key in (c.path_key, c.target_key):
            if key:
                label = str(c.get_kind_display())
                kinds.setdefault(key, [])
                if label not in kinds[key]:
                    kinds[key].append(label)
    for name, diff in (("tasks", result.tasks), ("targets", result.targets)):
        shown = {*diff.added, *diff.changed, *diff.dropped}
        listed = raw.get(name) if isinstance(raw.get(name), dict) else {}
        for change in CHANGES:
            for key in listed.get(change) or []:
                if key not in shown and key not in diff.kept:
                    diff.kept[key] = kinds.get(key, [])
    return result
