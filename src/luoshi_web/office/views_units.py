"""Units and people: the unit hierarchy with kinds and region-scoped aliases, the queue of
unlinked names, accounts for reporters and experts, reviewer assignment, and the expert's
evaluation form with its scale and criteria. Thin over ``registry.units`` and ``registry.people``.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.registry import people, queries, units
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, Invalid, NotFound
from luoshi_web.registry.models import Profile, ReviewAssignment, Role, Unit, UnitAlias, UnitKind


def _unit(name: str, what: str) -> Unit:
    unit = units.resolve(name.strip()) if name.strip() else None
    if unit is None:
        raise Invalid(gettext("%(what)s“%(name)s”尚未登记") % {"what": what, "name": name.strip()})
    return unit


class UnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=UnitKind.choices)
    parent = forms.CharField(label=_("上级单位（可空）"), max_length=200, required=False)


class AliasForm(forms.Form):
    unit = forms.CharField(label=_("单位"), max_length=200)
    alias = forms.CharField(label=_("别名"), max_length=200)
    region = forms.CharField(
        label=_("仅在此地区适用（可空）"),
        max_length=200,
        required=False,
        help_text=_("如“发改委”在绵阳市的文件中指市发展改革委：填写绵阳市人民政府"),
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=[(r.value, r.label) for r in people.ACCOUNT_ROLES])
    unit = forms.CharField(label=_("所属单位（填报单位必填）"), max_length=200, required=False)


class ReviewerForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("评审专家"), queryset=get_user_model().objects.none())
    task = forms.IntegerField(label=_("任务编号"), min_value=1, help_text=_("任务页地址中的数字"))

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        experts = Profile.objects.filter(role=Role.EXPERT).values("user_id")
        self.fields["expert"].queryset = get_user_model().objects.filter(pk__in=experts).order_by("username")


def _tree(rows: list[Unit]) -> list[tuple[Unit, int]]:
    """Units in hierarchy order with their depth (roots first, children under their parent)."""
    children: dict[int | None, list[Unit]] = defaultdict(list)
    ids = {u.pk for u in rows}
    for unit in rows:
        children[unit.parent_id if unit.parent_id in ids else None].append(unit)
    out: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in sorted(children.get(parent, []), key=lambda u: u.name):
            out.append((unit, depth))
            if depth < 12:
                walk(unit.pk, depth + 1)

    walk(None, 0)
    return out


@page
def unit_list(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    perm.require_manager(who)
    q = (request.GET.get("q") or "").strip()[:100]
    rows = list(queries.visible_units(who, q=q).select_related("parent"))
    aliases = defaultdict(list)
    for alias in UnitAlias.objects.filter(unit__in=[u.pk for u in rows]).select_related("region"):
        aliases[alias.unit_id].append(alias)
    return render(
        request,
        "office/unit_list.html",
        {
            "tree": _tree(rows) if not q else [(u, 0) for u in rows],
            "aliases": aliases,
            "q": q,
            "unit_form": UnitForm(),
            "alias_form": AliasForm(),
            "unresolved": list(queries.unresolved_names(who)[:50]),
            "kinds": UnitKind.choices,
        },
    )


@require_POST
@page
def unit_action(request: HttpRequest) -> HttpResponse:
    """Create a unit, add an alias, or link/create a queued name; back to the list with a message."""
    who = actor(request)
    perm.require_manager(who)
    action = request.POST.get("action")
    try:
        if action == "create":
            form = UnitForm(request.POST)
            if not form.is_valid():
                raise Invalid(gettext("请填写单位名称和类别"))
            d = form.cleaned_data
            parent = _unit(d["parent"], gettext("上级单位")) if d["parent"].strip() else None
            unit = units.create_unit(who, d["name"], d["kind"], parent)
            messages.success(request, gettext("已新建单位“%(name)s”") % {"name": unit.name})
        elif action == "alias":
            form = AliasForm(request.POST)
            if not form.is_valid():
                raise Invalid(gettext("请填写单位和别名"))
            d = form.cleaned_data
            unit = _unit(d["unit"], gettext("单位"))
            region = _unit(d["region"], gettext("地区")) if d["region"].strip() else None
            units.link_alias(who, d["alias"], unit, region)
            messages.success(request, gettext("“%(name)s”已关联到“%(unit)s”") % {"name": d["alias"], "unit": unit.name})
        else:
            raise Invalid(gettext("未知的操作"))
    except (Invalid, Conflict) as exc:
        messages.error(request, exc.message)
    return redirect("office:units")


@page
def people_page(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    perm.require_manager(who)
    account_form = AccountForm(request.POST if request.POST.get("action") == "account" else None)
    reviewer_form = ReviewerForm(request.POST if request.POST.get("action") == "reviewer" else None)
    if request.method == "POST":
        try:
            if account_form.is_bound and account_form.is_valid():
                d = account_form.cleaned_data
                unit = _unit(d["unit"], gettext("单位")) if d["unit"].strip() else None
                user, password = people.create_account(who, d["username"], d["role"], unit)
                messages.success(
                    request,
                    gettext("已创建账号 %(name)s，初始密码 %(password)s（只显示这一次，请转告本人登录后修改）")
                    % {"name": user.get_username(), "password": password},
                )
                return redirect("office:people")
            if reviewer_form.is_bound and reviewer_form.is_valid():
                d = reviewer_form.cleaned_data
                task = queries.get_task(who, d["task"])
                people.assign_reviewer(who, task, d["expert"])
                messages.success(
                    request,
                    gettext("已把任务 %(task)s 分配给评审专家 %(name)s")
                    % {"task": "".join(task.path) or task.pk, "name": d["expert"].get_username()},
                )
                return redirect("office:people")
        except (Invalid, Conflict) as exc:
            (account_form if account_form.is_bound else reviewer_form).add_error(None, exc.message)
        except NotFound as exc:
            reviewer_form.add_error("task", exc.message)
    profiles = Profile.objects.select_related("user", "unit").order_by("role", "user__username")
    assignments = ReviewAssignment.objects.select_related("expert", "task__document").order_by("-assigned_at")[:100]
    bad = (account_form.is_bound and account_form.errors) or (reviewer_form.is_bound and reviewer_form.errors)
    return render(
        request,
        "office/unit_people.html",
        {
            "profiles": profiles,
            "assignments": assignments,
            "account_form": account_form,
            "reviewer_form": reviewer_form,
        },
        status=422 if bad else 200,
    )


class EvaluationForm(forms.Form):
    score = forms.TypedChoiceField(label=_("评分"), coerce=int, choices=people.SCALE, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("评审意见"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


@page
def evaluate(request: HttpRequest, task_id: int) -> HttpResponse:
    """The expert's evaluation of an assigned task, with the scale and the criteria shown."""
    who = actor(request)
    task = queries.get_task(who, task_id)  # not visible: 404
    perm.require_expert_for(who, task)  # visible but not assigned (or not an expert): 403
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            people.evaluate(who, task, form.cleaned_data["score"], form.cleaned_data["opinion"])
        except (Invalid, Conflict) as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, gettext("评审意见已提交"))
            return redirect("office:task", task_id=task.pk)
    return render(
        request,
        "office/unit_evaluate.html",
        {"task": task, "form": form, "scale": people.SCALE, "criteria": people.CRITERIA},
        status=422 if form.errors else 200,
    )
