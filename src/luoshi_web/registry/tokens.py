"""API bearer tokens: random keys of which only a SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from luoshi_web.registry.models import ApiToken

TOKEN_PREFIX = "lsk_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue(user: Any, name: str) -> str:
    """Create a token for ``user``; returns the plain key, which is not stored."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, key_hash=_digest(key), prefix=key[:8])
    return key


def user_for(key: str) -> Any | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=_digest(key), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    return token.user
