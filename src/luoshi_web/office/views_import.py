"""The import page: upload, see what would be extracted, link or create unknown units, confirm.

Thin over ``registry.import_preview`` (staging, preview, confirm) and ``registry.units``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from luoshi_web.office.access import actor, page
from luoshi_web.registry import import_preview, units
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.errors import Conflict, ContractError, Invalid
from luoshi_web.registry.models import Document, UnitKind


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"),
        help_text=_("政府公报或单个公文：.txt、.pdf（含文字层）、.docx、.html；或 luoshi.parse/1 JSON"),
        allow_empty_file=True,  # an empty file gets the registry's own message, not Django's
    )


class LinkUnitForm(forms.Form):
    name = forms.CharField(max_length=200)
    unit = forms.CharField(label=_("对应的已登记单位"), max_length=200)
    region = forms.CharField(label=_("仅在此地区适用（可空）"), max_length=200, required=False)


class CreateUnitForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=UnitKind.choices)
    parent = forms.CharField(label=_("上级单位（可空）"), max_length=200, required=False)


@page
def import_upload(request: HttpRequest) -> HttpResponse:
    who = actor(request)
    perm.require_manager(who)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        try:
            token = import_preview.stage(who, form.cleaned_data["file"])
        except (Invalid, ContractError) as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("office:import_preview", token=token)
    return render(
        request,
        "office/import.html",
        {"form": form, "limit_mb": round(import_preview._limit() / 1048576, 1)},
        status=422 if form.errors else 200,
    )


def _unit_named(name: str, what: str):  # type: ignore[no-untyped-def]
    unit = units.resolve(name)
    if unit is None:
        raise Invalid(gettext("%(what)s“%(name)s”尚未登记") % {"what": what, "name": name})
    return unit


@page
def import_preview_page(request: HttpRequest, token: str) -> HttpResponse:
    who = actor(request)
    staged = import_preview.load(who, token)
    result = import_preview.preview(staged.contract)
    return render(
        request,
        "office/import_preview.html",
        {"staged": staged, "preview": result, "kinds": UnitKind.choices, "counts": result.counts},
    )


@require_POST
@page
def import_unit(request: HttpRequest, token: str) -> HttpResponse:
    """Link an unknown name to a registered unit, or create a unit for it; back to the preview."""
    who = actor(request)
    import_preview.load(who, token)  # someone else's or expired: 404
    try:
        if request.POST.get("action") == "create":
            form = CreateUnitForm(request.POST)
            if not form.is_valid():
                raise Invalid(gettext("请填写单位名称和类别"))
            parent_name = form.cleaned_data["parent"].strip()
            parent = _unit_named(parent_name, gettext("上级单位")) if parent_name else None
            unit = units.create_unit(who, form.cleaned_data["name"], form.cleaned_data["kind"], parent)
            messages.success(request, gettext("已新建单位“%(name)s”") % {"name": unit.name})
        else:
            form = LinkUnitForm(request.POST)
            if not form.is_valid():
                raise Invalid(gettext("请填写要关联的已登记单位"))
            unit = _unit_named(form.cleaned_data["unit"].strip(), gettext("单位"))
            region_name = form.cleaned_data["region"].strip()
            region = _unit_named(region_name, gettext("地区")) if region_name else None
            units.link_alias(who, form.cleaned_data["name"], unit, region)
            messages.success(
                request,
                gettext("“%(name)s”已关联到“%(unit)s”") % {"name": form.cleaned_data["name"], "unit": unit.name},
            )
    except (Invalid, Conflict) as exc:
        messages.error(request, exc.message)
    return redirect("office:import_preview", token=token)


@require_POST
@page
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    who = actor(request)
    staged = import_preview.load(who, token)
    if request.POST.get("action") == "discard":
        import_preview.discard(who, token)
        messages.info(request, gettext("已放弃导入“%(name)s”，没有保存任何内容") % {"name": staged.name})
        return redirect("office:import")
    try:
        result = import_preview.confirm(who, token)
    except (Invalid, ContractError) as exc:
        messages.error(request, exc.message)
        return redirect("office:import_preview", token=token)
    counts = result.as_dict()
    messages.success(
        request,
        gettext("已导入“%(name)s”：新文件 %(new)s 个，更新 %(updated)s 个，未变 %(same)s 个；新任务 %(tasks)s 项")
        % {
            "name": staged.name,
            "new": counts["created"]["documents"],
            "updated": counts["updated"]["documents"],
            "same": counts["unchanged"]["documents"],
            "tasks": counts["created"]["tasks"],
        },
    )
    documents = Document.objects.filter(revisions__pk__in=result.revisions).distinct()
    if documents.count() == 1:
        return redirect("office:document", document_id=documents.get().pk)
    return redirect("office:documents")
