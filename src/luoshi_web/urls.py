"""URL map: the office pages at /, the API under /api/v1/, the admin site, JSON 404s for unknown API paths."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext

from luoshi_web.registry.api import api


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown paths under /api/ answer in the API's error shape, not an HTML page."""
    message = gettext("没有这个 API 端点：%(path)s") % {"path": request.path}
    return JsonResponse({"error": {"code": "not_found", "message": message}}, status=404)


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switch
    path("", include("luoshi_web.office.urls")),
]
