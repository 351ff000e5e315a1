"""Template context for every office page: the actor's role and the navigation it may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from luoshi_web.office.access import actor
from luoshi_web.registry.models import Role

# (url name, label, roles that see it; None = every signed-in role). Pages other
# helpers add appear here as soon as their URL name exists.
NAV = (
    ("office:home", _("首页"), None),
    ("office:tasks", _("任务清单"), None),
    ("office:docket", _("本单位台账"), {Role.REPORTER}),
    ("office:documents", _("文件"), None),
    ("office:targets", _("指标"), None),
    ("office:cycles", _("填报周期"), {Role.ADMIN, Role.SUPERVISOR}),
    ("office:import", _("导入文件"), {Role.ADMIN, Role.SUPERVISOR}),
    ("office:units", _("单位和人员"), {Role.ADMIN, Role.SUPERVISOR}),
)


def office(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    who = actor(request)
    nav = []
    for name, label, roles in NAV:
        if roles is not None and who.role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        nav.append({"url": url, "label": label, "current": request.path == url})
    role_label = Role(who.role).label if who.role in Role.values else _("无角色")
    return {"office_actor": who, "office_nav": nav, "office_role_label": role_label}
