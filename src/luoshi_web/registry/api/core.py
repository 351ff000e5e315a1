"""The NinjaAPI instance: authentication, the one error shape, and the routers.

Authentication: a session (browser, after logging in at /admin/) or
``Authorization: Bearer <token>``. No credentials means anonymous, which may
still read published data, so endpoints are not auth-gated by Ninja: each one
asks :func:`actor` and the ``permissions`` module decides.

Every error, whatever raised it, leaves as ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.utils import check_csrf

from luoshi.errors import LuoshiError
from luoshi_web.registry import audit, tokens
from luoshi_web.registry.errors import RegistryError, Unauthorized
from luoshi_web.registry.permissions import Actor, actor_for

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Luoshi registry API",
    version="1",
    description="Policy documents, their tasks and targets, reporting cycles and reports.",
    urls_namespace="api-v1",
)

_ACTOR_ATTR = "_luoshi_actor"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def actor(request: HttpRequest) -> Actor:
    """Who is calling: bearer token, else session user, else anonymous."""
    cached = getattr(request, _ACTOR_ATTR, None)
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise Unauthorized("the Authorization header must be 'Bearer <token>'")
        user = tokens.user_for(key.strip())
        if user is None:
            raise Unauthorized("invalid or revoked token")
        audit.set_actor(user)
    else:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.method not in _SAFE_METHODS:
            # A session is a cookie the browser sends by itself: writes need the CSRF token.
            if check_csrf(request) is not None:
                raise RegistryError("CSRF check failed", code="csrf_failed")
    result = actor_for(user)
    setattr(request, _ACTOR_ATTR, result)
    return result


def error_response(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message}}, status=status)


@api.exception_handler(RegistryError)
def _registry_error(request: HttpRequest, exc: RegistryError) -> HttpResponse:
    status = 403 if exc.code == "csrf_failed" else exc.status
    return error_response(request, status, exc.code, exc.message)


@api.exception_handler(LuoshiError)
def _luoshi_error(request: HttpRequest, exc: LuoshiError) -> HttpResponse:
    return error_response(request, 400, exc.code.value, exc.reason)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for err in exc.errors:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return error_response(request, 422, "invalid", "; ".join(parts) or "invalid request")


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthorized", "authentication required")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}
    return error_response(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", "not found")


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, "forbidden", "forbidden")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled error in %s %s", request.method, request.path)
    return error_response(request, 500, "internal_error", "internal server error")


def _register_routers() -> None:
    from luoshi_web.registry.api import documents, ops, reporting, tasks, units

    api.add_router("/", documents.router)
    api.add_router("/", tasks.router)
    api.add_router("/", units.router)
    api.add_router("/", reporting.router)
    api.add_router("/", ops.router)


_register_routers()
