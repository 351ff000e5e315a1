"""The office pages: thin views over the registry domain (permissions, status, cycles)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luoshi_web.office.access import actor, page


@page
def home(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    return render(request, "office/home.html", {"who": who})
