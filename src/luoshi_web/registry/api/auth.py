"""How the API knows who is calling: Django Ninja auth classes, declared in OpenAPI.

Tried in order on every operation (``NinjaAPI(auth=AUTH)``):

1. :class:`BearerAuth` — ``Authorization: Bearer <token>`` (``luoshi token`` or
   ``POST /api/v1/tokens``); no CSRF token needed, since a browser never sends
   this header by itself. A header that is present but malformed, or a token that
   is unknown, revoked or expired, is refused (401) rather than read as anonymous.
2. :class:`SessionAuth` — the session cookie of a user logged in to the site;
   writes (POST, PATCH, PUT, DELETE) need the CSRF token (``X-CSRFToken`` header),
   because the browser sends the cookie by itself. Without it: 403 ``csrf_failed``.
3. :func:`anonymous` — no credentials: anonymous, who may still read published data.

Each returns an :class:`~luoshi_web.registry.permissions.Actor`, which Ninja
stores as ``request.auth``; endpoints call :func:`actor` and the
``permissions`` module decides. The first two are security schemes in
``/api/v1/openapi.json``, so Swagger UI's *Authorize* button offers both, and
its *Try it out* sends the CSRF token with a session (Ninja's Swagger page
adds it when an auth class has ``csrf = True``).

This module imports no router and no ``core``: routers import :func:`actor` from here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from luoshi_web.registry import audit, tokens
from luoshi_web.registry.errors import Forbidden, Unauthorized
from luoshi_web.registry.permissions import ANONYMOUS, Actor, actor_for

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerAuth(HttpBearer):
    """``Authorization: Bearer <token>``."""

    openapi_bearerFormat = "lsk_…"
    openapi_description = "API 令牌（luoshi token 用户名，或 POST /api/v1/tokens）"

    def __call__(self, request: HttpRequest) -> Actor | None:
        header = request.headers.get(self.header, "")
        if not header:
            return None
        scheme, _, key = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not key.strip():
            raise Unauthorized(gettext("Authorization 请求头应为“Bearer <令牌>”"))
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Actor:
        user = tokens.authenticate(token)  # Unauthorized: unknown, revoked or expired
        audit.set_actor(user)  # the audit middleware only knows session users
        return actor_for(user)


class SessionAuth(APIKeyCookie):
    """The site's session cookie; writes need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "登录后的会话（写操作须带 X-CSRFToken 请求头）"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Actor | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # no session: not a credential, nothing to protect
        if request.method not in _SAFE_METHODS and check_csrf(request) is not None:
            raise Forbidden(gettext("CSRF 校验失败：用会话写入时须带 CSRF 令牌"), code="csrf_failed")
        return self.authenticate(request, request.COOKIES.get(self.param_name))

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor:
        return actor_for(request.user)


def anonymous(request: HttpRequest) -> Actor:
    """No credentials: the public (not a security scheme, so OpenAPI does not list it)."""
    return ANONYMOUS


AUTH: list[Any] = [BearerAuth(), SessionAuth(), anonymous]


def actor(request: HttpRequest) -> Actor:
    """Who is calling, as the auth classes found (``request.auth``)."""
    found = getattr(request, "auth", None)
    return found if isinstance(found, Actor) else ANONYMOUS
