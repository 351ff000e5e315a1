"""The audit trail: every write to an audited model leaves an AuditLog row.

Writes are captured by model signals rather than by each service remembering
to log, so the admin site, the API, the importer and the CLI are all covered.
Who acted comes from a context variable set by the request middleware (or by
:func:`acting_as` in services and commands); a write with no actor is logged
as the operating-system user of the CLI process.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import getpass
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse, JsonResponse

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("luoshi_audit_actor", default=None)
_action: contextvars.ContextVar[str | None] = contextvars.ContextVar("luoshi_audit_action", default=None)

# Columns whose values must not be copied into the log (secrets), or that
# change on every login and are noise.
REDACTED_FIELDS = frozenset({"password", "key_hash"})
IGNORED_FIELDS = frozenset({"last_login"})

_BEFORE_ATTR = "_luoshi_audit_before"


def audited_models() -> tuple[type[models.Model], ...]:
    from luoshi_web.registry import models as m

    return (
        m.Unit,
        m.UnitAlias,
        m.UnresolvedUnitName,
        m.Profile,
        m.ApiToken,
        m.Document,
        m.DocumentRevision,
        m.Task,
        m.TaskUnit,
        m.Target,
        m.Observation,
        m.Reference,
        m.ReportingCycle,
        m.Report,
        m.Evidence,
        m.ReviewAssignment,
        m.Evaluation,
        m.Correction,
        m.TargetLink,
        get_user_model(),
        Group,
    )


def granted_relations() -> list[tuple[Any, str]]:
    """Many-to-many relations that grant rights: (through model, field name). Their changes fire no save."""
    user = get_user_model()
    return [
        (user.groups.through, "groups"),
        (user.user_permissions.through, "user_permissions"),
        (Group.permissions.through, "permissions"),
    ]


@contextlib.contextmanager
def acting_as(user: Any, action: str | None = None) -> Iterator[None]:
    """Attribute the writes inside the block to ``user`` (and name the action)."""
    token_actor = _actor.set(user)
    token_action = _action.set(action)
    try:
        yield
    finally:
        _action.reset(token_action)
        _actor.reset(token_actor)


@contextlib.contextmanager
def action(name: str) -> Iterator[None]:
    """Name the domain action (``report.accept`` ...) for the writes inside the block."""
    token = _action.set(name)
    try:
        yield
    finally:
        _action.reset(token)


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The row's concrete column values as JSON-safe data."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in IGNORED_FIELDS or getattr(field, "generated", False):
            continue  # a generated column only restates others (Task.due is the deadline)
        value = field.value_from_object(instance)
        if field.name in REDACTED_FIELDS:
            value = "<redacted>" if value else ""
        elif isinstance(value, FieldFile):
            value = value.name or ""
        elif isinstance(value, bytes | bytearray | memoryview):
            # A file kept in a column (an issued bulletin's .docx): the log holds JSON, so its digest.
            value = hashlib.sha256(bytes(value)).hexdigest() if value else None
        data[field.attname] = value
    # allow_nan=False: a value that is not JSON fails here, inside the write's transaction.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, allow_nan=False))


@functools.cache
def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _actor_fields() -> tuple[int | None, str]:
    user = _actor.get()
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk, user.get_username()
    return None, f"system:{_os_user()}"


def _write(action_name: str, instance: models.Model, before: Any, after: Any) -> None:
    from luoshi_web.registry.models import AuditLog

    actor_id, actor_name = _actor_fields()
    AuditLog.objects.create(
        actor_id=actor_id,
        actor_name=actor_name,
        action=_action.get() or action_name,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        before=before,
        after=after,
    )


def record_event(name: str, *, model: str, object_id: str, before: Any = None, after: Any = None) -> Any:
    """An audit row for an event that is not one row's save or delete (restore, flush, a grant)."""
    from luoshi_web.registry.models import AuditLog

    actor_id, actor_name = _actor_fields()
    return AuditLog.objects.create(
        actor_id=actor_id,
        actor_name=actor_name,
        action=name,
        model=model,
        object_id=object_id[:40],
        before=before,
        after=after,
    )


def _on_pre_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE_ATTR, snapshot(old) if old is not None else None)


def _on_post_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw:  # loaddata (restore) replays history; it is not a new write
        return
    before = None if created else getattr(instance, _BEFORE_ATTR, None)
    after = snapshot(instance)
    if not created and before == after:
        return  # a save that changed nothing (e.g. last_login only) is not a write worth logging
    _write("create" if created else "update", instance, before, after)


def _on_post_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    _write("delete", instance, snapshot(instance), None)


_M2M_ACTIONS = {"post_add": "add", "post_remove": "remove", "pre_clear": "clear"}


def _on_m2m_changed(
    sender: Any, instance: models.Model, action: str, reverse: bool, model: Any, pk_set: Any, **_: Any
) -> None:
    """A group or permission granted or taken away: one audit row naming what changed, for whom."""
    verb = _M2M_ACTIONS.get(action)
    if verb is None:
        return
    field = next(name for through, name in granted_relations() if through is sender)
    if action == "pre_clear":  # the rows are still there: name what is about to go
        accessor = getattr(instance, field) if not reverse else None
        pk_set = set(accessor.values_list("pk", flat=True)) if accessor is not None else set()
    names = sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set or ()))
    record_event(
        f"{field}.{verb}" if not reverse else f"{field}.{verb}.reverse",
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        after={"field": field, "related": model._meta.label_lower, "ids": sorted(pk_set or ()), "names": names},
    )


def record(action_name: str, instance: models.Model, before: Any, after: Any) -> None:
    """Log a write made without ``save()`` (a conditional UPDATE that claims a row)."""
    _write(action_name, instance, before, after)


def connect_signals(extra: tuple[type[models.Model], ...] = ()) -> None:
    """Audit the registry's models, and ``extra`` ones of another app (called from its ready())."""
    for model in extra or audited_models():
        uid = f"luoshi-audit-{model._meta.label_lower}"
        pre_save.connect(_on_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_on_post_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_on_post_delete, sender=model, dispatch_uid=uid + "-del")
    for through, field in granted_relations():
        m2m_changed.connect(_on_m2m_changed, sender=through, dispatch_uid=f"luoshi-audit-m2m-{field}")


class AuditActorMiddleware:
    """Attributes the writes of a request to the logged-in user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """A write request to the API commits all of its writes and audit rows, or none.

    The API answers errors itself (4xx, and 500 for the unexpected), so Django's
    ``ATOMIC_REQUESTS`` would commit the half done before one; this wraps every
    non-safe request under ``/api/`` in one transaction and rolls it back whenever the
    answer is an error. Reads stay outside a transaction (on SQLite they take no write lock).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in _SAFE_METHODS
            or not request.path.startswith("/api/")
            or request.path in settings.LUOSHI_SELF_TRANSACTED_PATHS
        ):
            return self.get_response(request)
        from luoshi_web.registry.ingest import busy_error, is_locked

        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except OperationalError as exc:  # SQLite: BEGIN IMMEDIATE waited busy_timeout for another writer
            if not is_locked(exc):
                raise
            error = busy_error()
            response = JsonResponse({"error": {"code": error.code, "message": error.message}}, status=error.status)
            response["Retry-After"] = "5"
        return response


def set_actor(user: Any) -> None:
    """Set the actor for the rest of the current request (token-authenticated API calls)."""
    _actor.set(user)
