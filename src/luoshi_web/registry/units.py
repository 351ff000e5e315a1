"""Resolving unit names as documents write them to the registry's units.

A name resolves when it equals a unit's name or one of its aliases. Anything
else goes to the UnresolvedUnitName queue: a person links it to a unit (which
also records the alias, so the next document resolves it) or creates a unit.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import Document, TaskUnit, Unit, UnitAlias, UnitKind, UnresolvedUnitName

# Columns of a unit CSV file; ``aliases`` holds several names separated by ``|``.
UNIT_CSV_COLUMNS = ("name", "kind", "parent", "aliases")
ALIAS_SEPARATOR = "|"


def normalize_name(name: str) -> str:
    """NFC, no whitespace: the form the pipeline emits, so both sides compare equal."""
    return "".join(unicodedata.normalize("NFC", name).split())


def region_of(document: Document | None) -> list[int]:
    """The ids of the units a document's aliases are read in: its issuers' units and their ancestors.

    Nearest first, so an alias scoped to the issuing city wins over one scoped to its province.
    """
    if document is None:
        return []
    chain: list[int] = []
    for issuer in document.issuers or []:
        unit = resolve_exact(issuer)
        seen = 0
        while unit is not None and unit.pk not in chain and seen < 20:
            chain.append(unit.pk)
            unit = unit.parent
            seen += 1
    return chain


def resolve_exact(name: str) -> Unit | None:
    """The unit named ``name`` or with ``name`` as an alias that holds everywhere."""
    key = normalize_name(name)
    unit = Unit.objects.filter(name=key).first()
    if unit is not None:
        return unit
    alias = UnitAlias.objects.select_related("unit").filter(alias=key, region__isnull=True).first()
    return alias.unit if alias is not None else None


def resolve(name: str, document: Document | None = None) -> Unit | None:
    """A unit's own name, else an alias scoped to the document's region (nearest first), else a global alias."""
    key = normalize_name(name)
    unit = Unit.objects.filter(name=key).first()
    if unit is not None:
        return unit
    scoped = {a.region_id: a.unit for a in UnitAlias.objects.select_related("unit").filter(alias=key)}
    if set(scoped) - {None}:
        for region_id in region_of(document):
            if region_id in scoped:
                return scoped[region_id]
    return scoped.get(None)


def resolve_or_queue(name: str, document: Document) -> Unit | None:
    """The unit for ``name``; if none, count the name in the unresolved queue."""
    unit = resolve(name, document)
    if unit is not None:
        return unit
    key = normalize_name(name)
    entry, created = UnresolvedUnitName.objects.get_or_create(
        name=key, defaults={"first_document": document, "occurrences": 1}
    )
    if not created:
        entry.occurrences += 1
        entry.save(update_fields=["occurrences"])
    return None


@transaction.atomic
def link_name(entry: UnresolvedUnitName, unit: Unit, region: Unit | None = None) -> int:
    """Link a queued name to ``unit``: record the alias and resolve every task naming it.

    ``region`` scopes the alias (it then holds in documents issued in that region only).
    Returns how many task assignments were resolved.
    """
    if entry.name != unit.name:
        UnitAlias.objects.get_or_create(alias=entry.name, region=region, defaults={"unit": unit})
    resolved = 0
    regions: dict[int, list[int]] = {}
    for assignment in TaskUnit.objects.filter(name=entry.name, unit__isnull=True).select_related("task__document"):
        if region is not None:
            document = assignment.task.document
            if document.pk not in regions:
                regions[document.pk] = region_of(document)
            if region.pk not in regions[document.pk]:
                continue  # the alias does not hold where this document was issued
        assignment.unit = unit
        assignment.save(update_fields=["unit"])
        resolved += 1
    entry.resolved_unit = unit
    entry.resolved_at = timezone.now()
    entry.save(update_fields=["resolved_unit", "resolved_at"])
    return resolved


def create_unit_for(entry: UnresolvedUnitName, kind: str = UnitKind.OTHER, parent: Unit | None = None) -> Unit:
    """Create a unit named exactly as the queued name, and link the name to it."""
    with transaction.atomic():
        unit = Unit.objects.create(name=entry.name, kind=kind, parent=parent)
        link_name(entry, unit)
    return unit


@transaction.atomic
def load_units_csv(path: Path) -> tuple[int, int]:
    """Load units from a CSV (header ``name,kind,parent,aliases``); returns (created, aliases added).

    Parents may appear later in the file than their children: rows are created
    first, parents linked second. Existing units are updated, not duplicated,
    so loading the same file twice changes nothing.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise Invalid(gettext("%(path)s：无法读取单位 CSV 文件：%(detail)s") % {"path": path, "detail": exc}) from None
    if rows and "name" not in rows[0]:
        raise Invalid(
            gettext("%(path)s：表头应列出这些列：%(columns)s") % {"path": path, "columns": ",".join(UNIT_CSV_COLUMNS)}
        )
    kinds = set(UnitKind.values)
    created = aliases = 0
    by_name: dict[str, Unit] = {}
    for line, row in enumerate(rows, start=2):
        name = normalize_name(row.get("name") or "")
        kind = (row.get("kind") or UnitKind.OTHER).strip() or UnitKind.OTHER
        if not name:
            raise Invalid(gettext("%(path)s 第 %(line)s 行：单位名称（name）为空") % {"path": path, "line": line})
        if kind not in kinds:
            raise Invalid(
                gettext("%(path)s 第 %(line)s 行：未知的单位类别（kind）“%(kind)s”，应为以下之一：%(allowed)s")
                % {"path": path, "line": line, "kind": kind, "allowed": ", ".join(sorted(kinds))}
            )
        unit, was_created = Unit.objects.get_or_create(name=name, defaults={"kind": kind})
        if not was_created and unit.kind != kind:
            unit.kind = kind
            unit.save(update_fields=["kind"])
        created += was_created
        by_name[name] = unit
        for alias in (row.get("aliases") or "").split(ALIAS_SEPARATOR):
            alias = normalize_name(alias)
            if alias and alias != name:
                _, added = UnitAlias.objects.get_or_create(alias=alias, region=None, defaults={"unit": unit})
                aliases += added
    for line, row in enumerate(rows, start=2):
        parent_name = normalize_name(row.get("parent") or "")
        if not parent_name:
            continue
        parent = by_name.get(parent_name) or Unit.objects.filter(name=parent_name).first()
        if parent is None:
            raise Invalid(
                gettext("%(path)s 第 %(line)s 行：上级单位（parent）“%(parent)s”未定义")
                % {"path": path, "line": line, "parent": parent_name}
            )
        unit = by_name[normalize_name(row["name"])]
        if unit.parent_id != parent.pk:
            unit.parent = parent
            unit.save(update_fields=["parent"])
    for entry in UnresolvedUnitName.objects.filter(resolved_unit__isnull=True):
        unit = resolve(entry.name, entry.first_document)
        if unit is not None:
            link_name(entry, unit)
    return created, aliases


def _require_manager(actor: object) -> None:
    from luoshi_web.registry.permissions import require_manager

    require_manager(actor)  # type: ignore[arg-type]


def link_alias(actor: object, name: str, unit: Unit, region: Unit | None = None) -> int:
    """The supervisor says ``name`` means ``unit`` (in ``region``, or everywhere); returns tasks resolved.

    A queued name is linked (its tasks resolved); a name not seen yet (an import's preview)
    gets its alias now, so the import resolves it.
    """
    from luoshi_web.registry import audit
    from luoshi_web.registry.errors import Conflict

    _require_manager(actor)
    key = normalize_name(name)
    if not key:
        raise Invalid(gettext("单位名称为空"))
    if len(key) > 200:
        raise Invalid(gettext("单位名称过长（上限 200 字）"))
    other = UnitAlias.objects.filter(alias=key, region=region).exclude(unit=unit).select_related("unit").first()
    if other is not None:
        raise Conflict(gettext("“%(name)s”已是“%(unit)s”的别名") % {"name": key, "unit": other.unit.name})
    with transaction.atomic(), audit.acting_as(getattr(actor, "user", None), "unit.link"):
        entry = UnresolvedUnitName.objects.filter(name=key).first()
        if entry is not None:
            return link_name(entry, unit, region)
        if key != unit.name:
            UnitAlias.objects.get_or_create(alias=key, region=region, defaults={"unit": unit})
    return 0


def create_unit(actor: object, name: str, kind: str, parent: Unit | None = None) -> Unit:
    """A new unit named ``name``; a queued name equal to it is linked to it."""
    from luoshi_web.registry import audit
    from luoshi_web.registry.errors import Conflict

    _require_manager(actor)
    key = normalize_name(name)
    if not key:
        raise Invalid(gettext("单位名称为空"))
    if len(key) > 200:
        raise Invalid(gettext("单位名称过长（上限 200 字）"))
    if kind not in UnitKind.values:
        raise Invalid(gettext("未知的单位类别“%(kind)s”") % {"kind": kind})
    if Unit.objects.filter(name=key).exists():
        raise Conflict(gettext("单位“%(name)s”已存在") % {"name": key})
    with transaction.atomic(), audit.acting_as(getattr(actor, "user", None), "unit.create"):
        unit = Unit.objects.create(name=key, kind=kind, parent=parent)
        entry = UnresolvedUnitName.objects.filter(name=key, resolved_unit__isnull=True).first()
        if entry is not None:
            link_name(entry, unit)
    return unit
