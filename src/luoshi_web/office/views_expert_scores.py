"""An expert's own 第三方测评 scores for a year: ``/assessment/<year>/my-scores/``.

Thin over ``supervision.assessment.record_expert_score`` (which checks that an expert writes
only their own score and that the year is open, and writes with its audit row). Only the
expert role uses this page (the office enters scores for a chosen expert on the scheme page);
other roles get 403, an anonymous visitor the login page. The page lists the units being
assessed that year, each with the expert's current score and a field to set it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from luoshi_web.office.access import actor, page
from luoshi_web.registry import clock
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Forbidden, Invalid
from luoshi_web.registry.models import Role, Unit
from luoshi_web.supervision import assessment
from luoshi_web.supervision.models import AssessmentScheme, ExpertScore

FIRST_YEAR, LAST_YEAR = 2000, 2100  # as the assessment page


def require_expert(who: perm.Actor) -> None:
    perm.require_user(who)
    if who.role != Role.EXPERT:
        raise Forbidden(gettext("只有评审专家可以录入本人的第三方测评分"))


def open_years(today: date | None = None) -> list[int]:
    """The years an expert may score now: this year unless closed, and last year while the
    office has its scheme open (an assessment is usually finished early the next year)."""
    year = (today or clock.today()).year
    closed = set(AssessmentScheme.objects.filter(closed_at__isnull=False).values_list("year", flat=True))
    started = set(AssessmentScheme.objects.filter(year=year - 1).values_list("year", flat=True))
    return [y for y in (year - 1, year) if y not in closed and (y == year or y in started)]


class MyScoresForm(forms.Form):
    """One optional score per assessed unit (0–100, at most two decimals)."""

    def __init__(self, *args: Any, units: list[Unit], current: dict[int, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units
        self.current = current
        for unit in units:
            message = gettext("%(unit)s的测评分应为 0 到 100 之间的数，至多两位小数") % {"unit": unit.name}
            self.fields[f"u{unit.pk}"] = forms.DecimalField(
                label=gettext("%(unit)s的第三方测评分") % {"unit": unit.name},
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=current.get(unit.pk),
                widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": "0.01"}),
                error_messages={
                    k: message for k in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for unit in self.units:
            name = f"u{unit.pk}"
            if name in data and data[name] is None and unit.pk in self.current:
                self.add_error(name, gettext("已录入的测评分不能清空；如需撤回，请与督查室联系"))
        return data

    def changes(self) -> list[tuple[Unit, Decimal]]:
        """The units whose score is new or different, with the value to record."""
        out = []
        for unit in self.units:
            value = self.cleaned_data.get(f"u{unit.pk}")
            if value is not None and value != self.current.get(unit.pk):
                out.append((unit, value))
        return out

    def rows(self) -> list[dict[str, Any]]:
        return [{"unit": u, "current": self.current.get(u.pk), "field": self[f"u{u.pk}"]} for u in self.units]


@page
def my_scores(request: HttpRequest, year: int) -> HttpResponse:
    who = actor(request)
    require_expert(who)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    scheme = AssessmentScheme.objects.filter(year=year).first()  # not created by looking
    units = assessment.assessed_units(year)
    current = dict(ExpertScore.objects.filter(scheme__year=year, expert=who.user).values_list("unit_id", "score"))
    form = MyScoresForm(request.POST or None, units=units, current=current)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            changes = form.changes()
            try:
                with transaction.atomic():  # all of the page's scores, or none
                    for unit, value in changes:
                        assessment.record_expert_score(who, year, unit, who.user, value)
            except Conflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except Invalid as exc:
                form.add_error(None, exc.message)
            else:
                if changes:
                    messages.success(
                        request, gettext("已保存 %(count)s 个单位的第三方测评分") % {"count": len(changes)}
                    )
                else:
                    messages.info(request, gettext("测评分没有变化"))
                return redirect("office:my_expert_scores", year=year)
    closed = scheme is not None and scheme.closed_at is not None
    return render(
        request,
        "office/supervision/my_expert_scores.html",
        {"year": year, "scheme": scheme, "closed": closed, "form": form, "rows": form.rows()},
        status=status,
    )
