"""Login throttling (django-axes): what a locked-out login attempt is answered.

django-axes counts failed logins per account and per client address (``AXES_LOCKOUT_PARAMETERS``)
in the database, through the authentication backend, so every login that goes through
Django's ``authenticate(request, ...)`` is covered: the admin's login page, the office's
login page (Django's auth views) and any later one. After ``LUOSHI_LOGIN_FAILURE_LIMIT``
failures in a row the account, or the address, is refused for ``LUOSHI_LOGIN_LOCKOUT_MINUTES``,
even with the right password; a successful login resets the account's count.

The address: behind ``LUOSHI_PROXY_COUNT`` trusted proxies (1 with ``LUOSHI_TLS_PROXY``),
``REMOTE_ADDR`` is the proxy's own, shared by everyone; the client is the entry that the
nearest trusted proxy appended to ``X-Forwarded-For`` (the entries before it are the
client's to forge, so they are not read).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext


def lockout(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = gettext("登录失败次数过多，此账号或地址已被暂时锁定，请 %(minutes)s 分钟后再试") % {"minutes": minutes}
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def client_ip(request: HttpRequest) -> str | None:
    """The address throttling counts (``AXES_CLIENT_IP_CALLABLE``)."""
    proxies = settings.LUOSHI_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
