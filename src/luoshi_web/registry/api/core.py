"""The NinjaAPI instance: authentication, the one error shape, and the routers.

Authentication is Ninja's (``auth.AUTH``: bearer token, session with CSRF, else
anonymous), declared in OpenAPI; see ``api/auth.py``. Anonymous callers may
still read published data, so no operation is closed by Ninja itself: each asks
``auth.actor(request)`` and the ``permissions`` module decides.

Routers import ``auth``, never this module, so there is no import cycle.

Every error, whatever raised it, leaves as ``{"error": {"code", "message"}}``: the code
is stable for machines, the message is for people and follows the request's language
(LocaleMiddleware: zh-Hans by default, English with ``Accept-Language: en``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from luoshi.errors import LuoshiError
from luoshi_web.registry.api import documents, ops, reporting, tasks, tokens, units
from luoshi_web.registry.api.auth import AUTH
from luoshi_web.registry.errors import RegistryError, located, pipeline_reason

logger = logging.getLogger(__name__)


class RegistryAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says that credentials are optional.

    Anonymous callers may read published data, so every operation lists ``{}``
    (no credentials) after the two schemes; the server still answers 401/403/404
    where the caller's role does not allow the call.
    """

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security") if isinstance(operation, dict) else None
                if security and {} not in security:
                    security.append({})
        return schema


api = RegistryAPI(
    title="Luoshi registry API",
    version="1",
    description=(
        "Policy documents, their tasks and targets, reporting cycles and reports. "
        "Authorize with an API token (BearerAuth) or log in to the site first (SessionAuth: "
        "Swagger UI sends the CSRF token for you); without credentials you read published data."
    ),
    urls_namespace="api-v1",
    auth=AUTH,
)


def error_response(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return api.create_response(request, {"error": {"code": code, "message": message}}, status=status)


@api.exception_handler(RegistryError)
def _registry_error(request: HttpRequest, exc: RegistryError) -> HttpResponse:
    status = 403 if exc.code == "csrf_failed" else exc.status
    return error_response(request, status, exc.code, exc.message)


@api.exception_handler(LuoshiError)
def _luoshi_error(request: HttpRequest, exc: LuoshiError) -> HttpResponse:
    return error_response(request, 400, exc.code.value, pipeline_reason(exc))


# What pydantic found wrong, by its error ``type``, in words for people; ``%(name)s``
# takes the error's ``ctx`` (the limit that was broken). A type not listed keeps
# pydantic's English text rather than lose the detail.
VALIDATION_PROBLEMS: dict[str, Promise] = {
    "missing": gettext_lazy("必须填写"),
    "int_type": gettext_lazy("应为整数"),
    "int_parsing": gettext_lazy("应为整数"),
    "int_from_float": gettext_lazy("应为整数"),
    "float_type": gettext_lazy("应为数字"),
    "float_parsing": gettext_lazy("应为数字"),
    "bool_type": gettext_lazy("应为布尔值（true 或 false）"),
    "bool_parsing": gettext_lazy("应为布尔值（true 或 false）"),
    "string_type": gettext_lazy("应为字符串"),
    "date_type": gettext_lazy("应为日期（YYYY-MM-DD）"),
    "date_parsing": gettext_lazy("应为日期（YYYY-MM-DD）"),
    "date_from_datetime_parsing": gettext_lazy("应为日期（YYYY-MM-DD）"),
    "datetime_type": gettext_lazy("应为日期时间（ISO 8601）"),
    "datetime_parsing": gettext_lazy("应为日期时间（ISO 8601）"),
    "datetime_from_date_parsing": gettext_lazy("应为日期时间（ISO 8601）"),
    "string_too_short": gettext_lazy("至少 %(min_length)s 个字符"),
    "string_too_long": gettext_lazy("最多 %(max_length)s 个字符"),
    "greater_than": gettext_lazy("应大于 %(gt)s"),
    "greater_than_equal": gettext_lazy("应不小于 %(ge)s"),
    "less_than": gettext_lazy("应小于 %(lt)s"),
    "less_than_equal": gettext_lazy("应不大于 %(le)s"),
    "literal_error": gettext_lazy("应为以下之一：%(expected)s"),
    "enum": gettext_lazy("应为以下之一：%(expected)s"),
    "list_type": gettext_lazy("应为列表"),
    "dict_type": gettext_lazy("应为对象"),
    "model_type": gettext_lazy("应为对象"),
    "model_attributes_type": gettext_lazy("应为对象"),
    "json_invalid": gettext_lazy("不是有效的 JSON"),
}


def validation_problem(err: dict[str, Any]) -> str:
    """One pydantic error in the request's language; pydantic's own text if we have no words for it."""
    template = VALIDATION_PROBLEMS.get(err.get("type", ""))
    english = str(err.get("msg") or "invalid")
    if template is None:
        return english
    try:
        return str(template) % (err.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return english


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    parts = []
    for err in exc.errors:
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(located(where, validation_problem(err)))
    return error_response(request, 422, "invalid", gettext("；").join(parts) or gettext("请求无效"))


# Ninja's own HTTP errors (an unparsable body, its CSRF check ...) carry English text;
# people get these words instead, chosen by status, and machines the stable code.
HTTP_ERRORS: dict[int, tuple[str, Promise]] = {
    400: ("bad_request", gettext_lazy("请求无法解析（请求体应为有效的 JSON）")),
    401: ("unauthorized", gettext_lazy("需要登录或提供 API 令牌")),
    403: ("forbidden", gettext_lazy("无权执行此操作")),
    404: ("not_found", gettext_lazy("请求的资源不存在")),
    405: ("method_not_allowed", gettext_lazy("此地址不支持该请求方法")),
}


def _status_error(request: HttpRequest, status: int) -> HttpResponse:
    code, message = HTTP_ERRORS.get(status, ("error", gettext_lazy("请求出错")))
    return error_response(request, status, code, str(message))


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _status_error(request, 401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _status_error(request, exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _status_error(request, 404)


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _status_error(request, 403)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    """A multipart body Django cannot read (no or bad boundary, broken framing): the client's error."""
    return error_response(request, 400, "bad_request", gettext("上传的请求体不是有效的 multipart/form-data"))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled error in %s %s", request.method, request.path)
    return error_response(request, 500, "internal_error", gettext("服务器内部错误，已记录日志"))


for _module in (documents, tasks, units, reporting, tokens, ops):
    api.add_router("/", _module.router)


def method_not_allowed_as_json(get_response):  # type: ignore[no-untyped-def]
    """Middleware: a 405 under /api/ leaves in the API's error shape too.

    Django Ninja answers a known path with an unsupported method itself, as plain
    text, before any exception handler runs; this rewrites that one response
    (keeping its ``Allow`` header) so every API error has the same JSON shape.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 405 and request.path.startswith("/api/"):
            code, message = HTTP_ERRORS[405]
            allow = response.get("Allow")
            response = JsonResponse({"error": {"code": code, "message": str(message)}}, status=405)
            if allow:
                response["Allow"] = allow
        return response

    return middleware
