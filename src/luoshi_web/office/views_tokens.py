"""The signed-in person's API tokens: list them (the supervision office: everyone's, with the
owner), mint one (the raw key shown once, on the result page only) and revoke one. Thin over
``registry.tokens``, which holds who may mint, who may revoke, and the audit rows.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from luoshi_web.office.access import actor, page
from luoshi_web.registry import clock, tokens
from luoshi_web.registry.models import ApiToken


class MintForm(forms.Form):
    name = forms.CharField(
        label=_("用途"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("如“单位办公系统自动填报”，便于日后辨认和撤销"),
    )


def _state(token: ApiToken) -> tuple[str, str]:
    """The token's state as (css class, label): revoked before expired."""
    if token.revoked:
        return "st-not_started", pgettext("API token", "已撤销")
    if token.expires_at <= clock.now():
        return "st-at_risk", pgettext("API token", "已过期")
    return "st-completed", pgettext("API token", "有效")


def _listing(request: HttpRequest, form: MintForm | None, *, status: int = 200, **issued: object) -> HttpResponse:
    """The page; ``issued`` (``key``, ``issued``) only right after minting: the one time the key is shown."""
    who = actor(request)
    rows = [(t, *_state(t)) for t in tokens.tokens_for(who)[:500]]
    context = {"rows": rows, "form": form, "show_owner": who.manages, "days": tokens.lifetime().days, **issued}
    return render(request, "office/tokens.html", context, status=status)


@never_cache
@page
def token_page(request: HttpRequest) -> HttpResponse:
    """GET: the list and the form. POST ``action=mint``: a new token, its key shown once;
    POST ``action=revoke`` with ``token``: revoke it (not the actor's to revoke: 404)."""
    who = actor(request)
    may_mint = tokens.may_mint(request.user)
    if request.method != "POST":
        return _listing(request, MintForm() if may_mint else None)
    action = request.POST.get("action")
    if action == "revoke":
        token = tokens.revoke(who, request.POST.get("token", ""))
        messages.success(
            request, gettext("已撤销令牌 %(name)s（%(prefix)s…）") % {"name": token.name, "prefix": token.prefix}
        )
        return redirect("office:tokens")
    if action != "mint":
        messages.error(request, gettext("未知的操作"))
        return redirect("office:tokens")
    if not may_mint:
        raise PermissionDenied(gettext("只有管理员、督查室和填报单位的账号可以申请 API 令牌"))
    form = MintForm(request.POST)
    if not form.is_valid():
        return _listing(request, form, status=422)
    key, token = tokens.mint(request.user, form.cleaned_data["name"])
    return _listing(request, MintForm(), key=key, issued=token)
