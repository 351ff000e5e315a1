"""How the pages meet the registry's permission rules: one actor per request, errors as HTTP.

The rules themselves live in ``registry.permissions``; a page only asks for the
actor and turns the domain's errors into what a browser expects: an object the
actor may not see is a 404, a write the role may not make is a 403, and an
anonymous visitor is sent to the login page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from luoshi_web.registry.errors import Forbidden, NotFound, Unauthorized
from luoshi_web.registry.permissions import Actor, actor_for


def actor(request: HttpRequest) -> Actor:
    """The request's actor, resolved once (the profile lookup is one query)."""
    cached = getattr(request, "_office_actor", None)
    if cached is None:
        cached = actor_for(request.user)
        request._office_actor = cached  # type: ignore[attr-defined]
    return cached


def page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for signed-in people: anonymous → login; NotFound → 404; Forbidden → 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None
        except Forbidden as exc:
            raise PermissionDenied(exc.message) from None
        except Unauthorized:
            return redirect_to_login(request.get_full_path())

    return wrapper
