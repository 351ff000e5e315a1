"""The year's assessment scheme page: weights, 督办 deductions, caps, expert share; scores and adjustments.

Thin over ``supervision.assessment_config.set_scheme`` and ``supervision.assessment``'s
``record_expert_score`` and ``adjust`` (which check, write and audit). The supervision office
(and administrators) use it; other roles get 403, anonymous visitors the login page. A closed
year shows what it was computed by and takes no change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Invalid
from luoshi_web.registry.models import Role, Unit
from luoshi_web.supervision import assessment, assessment_config
from luoshi_web.supervision.models import Adjustment, ExpertScore, Level

FIRST_YEAR, LAST_YEAR = 2000, 2100  # as the assessment page


def _points(label: str, high: int = 100, step: str = "0.01") -> forms.DecimalField:
    message = gettext("%(what)s应为 0 到 %(high)s 之间的数") % {"what": label, "high": high}
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=high,
        decimal_places=3 if step == "0.001" else 2,
        widget=forms.NumberInput(attrs={"min": 0, "max": high, "step": step}),
        error_messages={k: message for k in ("required", "invalid", "min_value", "max_value", "max_decimal_places")},
    )


class SchemeForm(forms.Form):
    def __init__(self, *args: Any, scheme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, field, label in assessment.COMPONENTS:
            self.fields[f"w_{key}"] = _points(gettext("%(label)s权重") % {"label": label})
            self.initial[f"w_{key}"] = getattr(scheme, field)
        stored = scheme.notice_points or assessment.DEFAULT_NOTICE_POINTS
        for level in Level:
            self.fields[f"p_{int(level)}"] = _points(gettext("每件%(level)s扣分") % {"level": level.label})
            self.initial[f"p_{int(level)}"] = stored.get(str(int(level)), 0)
        self.fields["deduction_cap"] = _points(gettext("扣分上限"))
        self.fields["bonus_cap"] = _points(gettext("加分上限"))
        self.fields["expert_share"] = _points(gettext("第三方测评占比"), high=1, step="0.001")
        for name in ("deduction_cap", "bonus_cap", "expert_share"):
            self.initial[name] = getattr(scheme, name)


class AdjustmentForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("单位"), coerce=int)
    points = forms.DecimalField(label=_("分值（加分为正，扣分为负）"), min_value=-100, max_value=100, decimal_places=2)
    reason = forms.CharField(label=_("理由"), max_length=2000)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units


class ExpertScoreForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("单位"), coerce=int)
    expert = forms.TypedChoiceField(label=_("评审专家"), coerce=int)
    score = forms.DecimalField(label=_("第三方测评分（0–100）"), min_value=0, max_value=100, decimal_places=2)

    def __init__(self, *args: Any, units: list[tuple[int, str]], experts: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["unit"].choices = units
        self.fields["expert"].choices = experts


def _context(year: int) -> dict[str, Any]:
    scheme = assessment.scheme_for(year)
    units = [(u.pk, u.name) for u in assessment.assessed_units(year)]
    experts = [
        (u.pk, u.get_full_name() or u.get_username())
        for u in get_user_model().objects.filter(profile__role=Role.EXPERT, is_active=True).order_by("username")
    ]
    return {"year": year, "scheme": scheme, "units": units, "experts": experts, "closed": scheme.closed_at is not None}


def _render(request: HttpRequest, ctx: dict[str, Any], status: int = 200, **forms_: Any) -> HttpResponse:
    scheme = ctx["scheme"]
    ctx = {
        **ctx,
        "scheme_form": forms_.get("scheme_form") or SchemeForm(scheme=scheme),
        "adjust_form": forms_.get("adjust_form") or AdjustmentForm(units=ctx["units"]),
        "score_form": forms_.get("score_form") or ExpertScoreForm(units=ctx["units"], experts=ctx["experts"]),
        "adjustments": Adjustment.objects.filter(scheme=scheme).select_related("unit").order_by("unit__name", "id"),
        "scores": ExpertScore.objects.filter(scheme=scheme).select_related("unit", "expert").order_by("unit__name"),
    }
    ctx["forms_with_errors"] = [ctx[name] for name in ("scheme_form", "adjust_form", "score_form") if ctx[name].errors]
    return render(request, "office/supervision/assessment_scheme.html", ctx, status=status)


def _year(who: perm.Actor, year: int) -> dict[str, Any]:
    perm.require_manager(who)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return _context(year)


@page
def scheme_page(request: HttpRequest, year: int) -> HttpResponse:
    who = actor(request)
    ctx = _year(who, year)
    if request.method != "POST":
        return _render(request, ctx)
    form = SchemeForm(request.POST, scheme=ctx["scheme"])
    if form.is_valid():
        d = form.cleaned_data
        try:
            assessment_config.set_scheme(
                who,
                year,
                weights={key: d[f"w_{key}"] for key, _f, _l in assessment.COMPONENTS},
                notice_points={int(level): d[f"p_{int(level)}"] for level in Level},
                deduction_cap=d["deduction_cap"],
                bonus_cap=d["bonus_cap"],
                expert_share=d["expert_share"],
            )
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("%(year)s年度考核方案已保存") % {"year": year})
            return redirect("office:assessment_scheme", year=year)
    return _render(request, _context(year), 422, scheme_form=form)


@require_POST
@page
def adjust(request: HttpRequest, year: int) -> HttpResponse:
    who = actor(request)
    ctx = _year(who, year)
    form = AdjustmentForm(request.POST, units=ctx["units"])
    if form.is_valid():
        d = form.cleaned_data
        try:
            assessment.adjust(who, year, Unit.objects.get(pk=d["unit"]), d["points"], d["reason"])
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("已记录加减分"))
            return redirect("office:assessment_scheme", year=year)
    return _render(request, ctx, 422, adjust_form=form)


@require_POST
@page
def expert_score(request: HttpRequest, year: int) -> HttpResponse:
    who = actor(request)
    ctx = _year(who, year)
    form = ExpertScoreForm(request.POST, units=ctx["units"], experts=ctx["experts"])
    if form.is_valid():
        d = form.cleaned_data
        try:
            assessment.record_expert_score(
                who, year, Unit.objects.get(pk=d["unit"]), get_user_model().objects.get(pk=d["expert"]), d["score"]
            )
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("已记录第三方测评分"))
            return redirect("office:assessment_scheme", year=year)
    return _render(request, ctx, 422, score_form=form)
