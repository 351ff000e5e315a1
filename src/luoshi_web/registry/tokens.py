"""API bearer tokens and their lifecycle: random keys of which only a SHA-256 is stored.

- **Who may mint** (:data:`MINT_ROLES`): the roles that need machine access —
  administrators and the supervision office (imports and ledger exports by script)
  and unit reporters (a unit's own system filing its reports). Leaders and expert
  reviewers read and evaluate in the browser, and an account without a role has
  nothing to automate: they get 403.
- **Expiry**: a token works for ``settings.LUOSHI_TOKEN_DAYS`` days (90 by
  default) from issue; then it is refused with its own message ("expired").
- **Revoke**: the owner revokes their own tokens, the supervision office and
  administrators any token (:func:`revoke`); a revoked token never works again.
- **Password change** revokes every token of the user (a model signal, so the
  password-change page, the admin and ``changepassword`` are all covered).

Every change goes through the audited models, so issuing and revoking leave audit rows
(``token.issue``, ``token.revoke``, ``token.revoke_all``). ``clock.now`` is read for
every time comparison so tests can freeze it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext

from luoshi_web.registry import audit, clock
from luoshi_web.registry.errors import Forbidden, NotFound, Unauthorized
from luoshi_web.registry.models import ApiToken, Role
from luoshi_web.registry.permissions import Actor, actor_for, require_user

TOKEN_PREFIX = "lsk_"
MINT_ROLES = frozenset({Role.ADMIN, Role.SUPERVISOR, Role.REPORTER})


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def lifetime() -> timedelta:
    return timedelta(days=settings.LUOSHI_TOKEN_DAYS)


def _create(user: Any, name: str) -> tuple[str, ApiToken]:
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=_digest(key), prefix=key[:8], created_at=now, expires_at=now + lifetime()
    )
    return key, token


def issue(user: Any, name: str) -> str:
    """Create a token for ``user`` without the role check (tests, benchmarks); see :func:`mint`.

    Returns the plain key, which is not stored.
    """
    return _create(user, name)[0]


def may_mint(user: Any) -> bool:
    return actor_for(user).role in MINT_ROLES


def mint(user: Any, name: str) -> tuple[str, ApiToken]:
    """Issue a token for ``user`` if their role needs machine access, else :class:`Forbidden`.

    Returns the plain key (shown once, not stored) and the token row.
    """
    if not may_mint(user):
        raise Forbidden(gettext("只有管理员、督查室和填报单位的账号可以申请 API 令牌"))
    with transaction.atomic(), audit.acting_as(user, "token.issue"):
        return _create(user, name)


def authenticate(key: str) -> Any:
    """The active user whose token ``key`` is, else :class:`Unauthorized` saying why."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_digest(key)).first()
    if token is None or token.revoked or not token.user.is_active:
        raise Unauthorized(gettext("令牌无效或已被吊销"))
    if token.expires_at <= clock.now():
        raise Unauthorized(gettext("令牌已过期，请重新申请"))
    return token.user


def user_for(key: str) -> Any | None:
    """The user of a working token, else None."""
    try:
        return authenticate(key)
    except Unauthorized:
        return None


def tokens_for(actor: Actor) -> QuerySet[ApiToken]:
    """The tokens ``actor`` may see and revoke: their own; every token for the office and admins."""
    if actor.is_anonymous:
        return ApiToken.objects.none()
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    return tokens if actor.manages else tokens.filter(user=actor.user)


def is_working(token: ApiToken) -> bool:
    return not token.revoked and token.expires_at > clock.now()


def _revoke(token: ApiToken, by: Any) -> None:
    token.revoked = True
    token.revoked_at = clock.now()
    token.revoked_by = by if by is not None and getattr(by, "is_authenticated", False) else None
    token.save()


def revoke(actor: Actor, token_id: Any) -> ApiToken:
    """Revoke one token: its owner, the supervision office or an administrator (others: 404)."""
    require_user(actor)
    token = tokens_for(actor).filter(pk=token_id).first() if str(token_id).isdigit() else None
    if token is None:
        raise NotFound(gettext("API 令牌 %(pk)s 不存在") % {"pk": token_id})
    with audit.acting_as(actor.user):
        return revoke_row(token, by=actor.user)


def revoke_row(token: ApiToken, *, by: Any = None) -> ApiToken:
    """Revoke ``token`` (the caller has checked who may: the CLI operator, the admin site); idempotent."""
    if not token.revoked:
        with transaction.atomic(), audit.action("token.revoke"):
            _revoke(token, by)
    return token


def revoke_all(user: Any, *, by: Any = None) -> int:
    """Revoke every working token of ``user``; returns how many."""
    count = 0
    with transaction.atomic(), audit.action("token.revoke_all"):
        for token in ApiToken.objects.select_for_update().filter(user=user, revoked=False):
            _revoke(token, by)
            count += 1
    return count


# --- a changed password revokes the user's tokens ----------------------------------------

_PASSWORD_CHANGED = "_luoshi_password_changed"


def _is_rehash(instance: Any, old: str) -> bool:
    """Django re-hashing the same password on login (a newer hasher or more iterations), not a change.

    ``check_password`` does that only when the stored hash is outdated, and saves without the
    raw password that ``set_password`` keeps on the instance until the save.
    """
    if getattr(instance, "_password", None) is not None:
        return False  # set_password() was called: a new password
    try:
        old_hasher = identify_hasher(old)
    except ValueError:
        return False
    preferred = get_hasher("default")
    return old_hasher.algorithm != preferred.algorithm or preferred.must_update(old)


def _before_user_save(sender: type, instance: Any, raw: bool = False, **_: Any) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    changed = old is not None and old != instance.password and not _is_rehash(instance, old)
    setattr(instance, _PASSWORD_CHANGED, changed)


def _after_user_save(sender: type, instance: Any, created: bool, raw: bool = False, **_: Any) -> None:
    if raw or created or not getattr(instance, _PASSWORD_CHANGED, False):
        return
    setattr(instance, _PASSWORD_CHANGED, False)
    revoke_all(instance)  # the audit row names who changed the password


def connect_signals() -> None:
    user_model = get_user_model()
    pre_save.connect(_before_user_save, sender=user_model, dispatch_uid="luoshi-tokens-password-pre")
    post_save.connect(_after_user_save, sender=user_model, dispatch_uid="luoshi-tokens-password-post")
