"""Units, a unit's docket, and the queue of unit names waiting to be linked."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router

from luoshi_web.registry import permissions as perm
from luoshi_web.registry import serialize
from luoshi_web.registry import units as unit_names
from luoshi_web.registry.api.core import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import ErrorOut, LinkIn, Page, TaskOut, UnitOut, UnresolvedOut
from luoshi_web.registry.api.tasks import _tasks
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.models import TaskUnit, Unit, UnitKind, UnresolvedUnitName

router = Router(tags=["units"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _unresolved(entry: UnresolvedUnitName) -> dict:  # type: ignore[type-arg]
    return {
        "id": entry.pk,
        "name": entry.name,
        "occurrences": entry.occurrences,
        "first_document_id": entry.first_document_id,
        "resolved_unit_id": entry.resolved_unit_id,
    }


@router.get("/units", response={200: Page[UnitOut], **ERRORS})
def list_units(request: HttpRequest, q: str = "", limit: int = 50, offset: int = 0):
    units = perm.units_for(actor(request)).prefetch_related("aliases").order_by("name")
    if q:
        units = units.filter(Q(name__contains=q) | Q(aliases__alias__contains=q)).distinct()
    return page(units, limit, offset, serialize.unit)


@router.get("/units/unresolved", response={200: Page[UnresolvedOut], **ERRORS})
def list_unresolved(request: HttpRequest, limit: int = 50, offset: int = 0):
    perm.require_manager(actor(request))
    entries = UnresolvedUnitName.objects.filter(resolved_unit__isnull=True).order_by("-occurrences", "name")
    return page(entries, limit, offset, _unresolved)


@router.post("/units/unresolved/{entry_id}/link", response={200: UnresolvedOut, **ERRORS})
def link_unresolved(request: HttpRequest, entry_id: int, body: LinkIn):
    """Link a queued name to an existing unit (``unit_id``) or create one (``create_kind``)."""
    perm.require_manager(actor(request))
    entry = perm.get_visible(UnresolvedUnitName.objects.all(), entry_id, "unresolved unit name")
    if body.unit_id is not None:
        unit = perm.get_visible(Unit.objects.all(), body.unit_id, "unit")
        unit_names.link_name(entry, unit)
    elif body.create_kind is not None:
        if body.create_kind not in UnitKind.values:
            raise Invalid(
                gettext("create_kind（单位类别）应为以下之一：%(allowed)s") % {"allowed": ", ".join(UnitKind.values)}
            )
        unit_names.create_unit_for(entry, kind=body.create_kind)
    else:
        raise Invalid(gettext("请给出 unit_id（关联到已有单位）或 create_kind（新建单位）"))
    entry.refresh_from_db()
    return _unresolved(entry)


@router.get("/units/{unit_id}", response={200: UnitOut, **ERRORS})
def get_unit(request: HttpRequest, unit_id: int):
    return serialize.unit(perm.get_visible(perm.units_for(actor(request)).prefetch_related("aliases"), unit_id, "unit"))


@router.get("/units/{unit_id}/docket", response={200: Page[TaskOut], **ERRORS})
def unit_docket(request: HttpRequest, unit_id: int, limit: int = 50, offset: int = 0):
    """The unit's active tasks that the caller may see, soonest deadline first."""
    who = actor(request)
    unit = perm.get_visible(perm.units_for(who), unit_id, "unit")
    tasks = (
        _tasks(who)
        .filter(active=True)
        .filter(Exists(TaskUnit.objects.filter(task=OuterRef("pk"), unit=unit)))
        .order_by("due", "id")
    )
    return page(tasks, limit, offset, serialize.task)
