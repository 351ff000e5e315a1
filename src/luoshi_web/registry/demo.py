"""A demonstration registry: the seed gazette imported, one account per role.

Used by ``luoshi demo``. Passwords are random and printed once: a demo that
ships known passwords is a demo someone forgets to switch off.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

import luoshi_web
from luoshi_web.registry import cycles, units
from luoshi_web.registry.ingest import import_file
from luoshi_web.registry.models import (
    CycleStatus,
    Document,
    Profile,
    ReportingCycle,
    ReviewAssignment,
    Role,
    Task,
    TaskUnit,
    UnitKind,
    UnresolvedUnitName,
)
from luoshi_web.registry.permissions import Actor

SEED_NAME = "000_a19204d3cc4468c5.txt"


def default_seed() -> Path:
    """The seed gazette in the shared corpus next to the repository (``../shared/corpus``)."""
    repo = Path(luoshi_web.__file__).resolve().parents[2]
    for base in (repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"):
        candidate = base / "corpus" / SEED_NAME
        if candidate.exists():
            return candidate
    return repo.parent / "shared" / "corpus" / SEED_NAME


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: str | None
    password: str


def _account(username: str, role: str, unit_id: int | None = None, *, superuser: bool = False) -> str:
    User = get_user_model()
    password = secrets.token_urlsafe(9)
    user = User.objects.filter(username=username).first() or User(username=username)
    user.is_staff = superuser or role in (Role.ADMIN, Role.SUPERVISOR)
    user.is_superuser = superuser
    user.set_password(password)
    user.save()
    if not superuser:
        Profile.objects.update_or_create(user=user, defaults={"role": role, "unit_id": unit_id})
    return password


@transaction.atomic
def build(seed: Path, today: date) -> list[DemoAccount]:
    import_file(seed)
    for entry in UnresolvedUnitName.objects.filter(resolved_unit__isnull=True):
        units.create_unit_for(entry, kind=UnitKind.DEPARTMENT)
    busiest = Counter(TaskUnit.objects.filter(unit__isnull=False).values_list("unit__name", flat=True))
    unit_names = [name for name, _ in busiest.most_common(2)]
    # Publish one document that has tasks, so anonymous visitors see the public view.
    first = Document.objects.filter(tasks__isnull=False).order_by("id").first()
    if first is not None and not first.published:
        first.published = True
        first.save()
    accounts = [DemoAccount("admin", Role.ADMIN, None, _account("admin", Role.ADMIN, superuser=True))]
    for username, role in (("supervisor", Role.SUPERVISOR), ("leader", Role.LEADER), ("expert", Role.EXPERT)):
        accounts.append(DemoAccount(username, role, None, _account(username, role)))
    from luoshi_web.registry.models import Unit

    for index, name in enumerate(unit_names):
        unit = Unit.objects.get(name=name)
        username = f"reporter{index + 1}"
        accounts.append(DemoAccount(username, Role.REPORTER, name, _account(username, Role.REPORTER, unit.pk)))
    expert = get_user_model().objects.get(username="expert")
    for task in Task.objects.filter(active=True).order_by("id")[:3]:
        ReviewAssignment.objects.get_or_create(expert=expert, task=task)
    if not ReportingCycle.objects.filter(status=CycleStatus.OPEN).exists():
        supervisor = get_user_model().objects.get(username="supervisor")
        cycles.open_quarter(Actor(user=supervisor, role=Role.SUPERVISOR), today)
    return accounts
