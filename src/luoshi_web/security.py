"""Security headers Django 5.2 does not set itself: the Content-Security-Policy.

One policy for every page: scripts, styles, images, fonts and API calls only from this
server, nothing framed, no plugins. The admin and the Swagger UI (``/api/v1/docs``) run
under it, since both load their scripts from files and keep no inline script (the Swagger
settings block is ``application/json`` data, not a script); inline *styles* are allowed
because the admin's widgets and the Swagger UI set style attributes. ``LUOSHI_CSP``
replaces the policy (empty: no header).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.policy = settings.LUOSHI_CSP

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
