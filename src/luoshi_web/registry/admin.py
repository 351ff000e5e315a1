"""Admin site: reference data for administrators, and a window on the workflow that cannot bypass it.

Editable here: units, aliases, the unit-name queue, user roles, a document's
publication, a task's deadline, start date and named person, and open cycles'
names (what the import read — a document's number and title, a task's text and
place — is read-only: corrections go through the domain). **Read-only** (view, never add,
change or delete — not even for a superuser): reports, evidence, expert
evaluations, the audit log, and closed cycles; a cycle's status, closing time and
snapshot are read-only always, because closing goes through ``cycles.close``
(which builds the snapshot). Those records change only through the domain
(``cycles``, ``tokens``; the API and the office pages call the same functions),
so the admin and the frozen snapshot can never disagree.

Labels are Chinese through the models' ``verbose_name``; audit actions are shown
with ``audit_labels.label`` (``report.accept`` → 接受报告).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin, messages
from django.utils.translation import gettext, gettext_lazy

from luoshi_web.registry import audit, audit_labels, models, tokens
from luoshi_web.registry.models import CycleStatus

admin.site.site_header = gettext_lazy("落实 · 督查台账管理")
admin.site.site_title = gettext_lazy("落实督查台账")
admin.site.index_title = gettext_lazy("基础数据管理")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here (records of the workflow)."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent")
    search_fields = ("name", "aliases__alias")
    list_filter = ("kind",)


@admin.register(models.UnitAlias)
class UnitAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "unit")
    search_fields = ("alias", "unit__name")


@admin.register(models.UnresolvedUnitName)
class UnresolvedAdmin(admin.ModelAdmin):
    list_display = ("name", "occurrences", "resolved_unit")
    list_filter = ("resolved_unit",)


@admin.register(models.Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)


@admin.register(models.Document)
class DocumentAdmin(admin.ModelAdmin):
    """Publishing is edited here; what the import read (number, title, issuers …) is read-only."""

    list_display = ("doc_number", "title", "date", "published")
    list_filter = ("published", "genre")
    search_fields = ("doc_number", "title")
    readonly_fields = (
        "key",
        "doc_number",
        "title",
        "issuers",
        "date",
        "addressees",
        "genre",
        "forwarded_title",
        "created_at",
    )

    def has_add_permission(self, request: Any) -> bool:
        return False  # documents come from imports


@admin.register(models.Task)
class TaskAdmin(admin.ModelAdmin):
    """What the import found (text, place, units, activity) is read-only: corrections go through the domain.

    The deadline, start date and named person stay editable here, as the API allows.
    """

    list_display = ("document", "path_key", "deadline", "active", "assignee_name")
    list_filter = ("active",)
    search_fields = ("text",)
    readonly_fields = (
        "document",
        "path",
        "path_key",
        "text",
        "span_start",
        "span_end",
        "line_start",
        "line_end",
        "active",
        "introduced_in",
        "dropped_in",
        "parent",
        "created_at",
    )

    def has_add_permission(self, request: Any) -> bool:
        return False  # tasks come from imports, sub-tasks and corrections


@admin.register(models.ReportingCycle)
class CycleAdmin(admin.ModelAdmin):
    """An open cycle's name and period may be corrected; a closed cycle is a record."""

    list_display = ("name", "period_start", "period_end", "status", "closed_at")
    list_filter = ("status",)
    readonly_fields = ("status", "closed_at", "snapshot")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and obj.status == CycleStatus.CLOSED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and obj.status == CycleStatus.CLOSED:
            return False
        return super().has_delete_permission(request, obj)


class EvidenceInline(admin.TabularInline):
    model = models.Evidence
    extra = 0
    fields = ("original_name", "sha256", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(models.Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("task", "unit", "cycle", "kind", "state", "percent", "is_final", "submitted_at")
    list_filter = ("state", "cycle", "kind")
    search_fields = ("unit__name", "progress")
    inlines = (EvidenceInline,)


@admin.register(models.Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "report", "size", "uploaded_by", "uploaded_at")
    exclude = ("file",)  # served only through the API, after the report's visibility check


@admin.register(models.Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("task", "expert", "score", "created_at")


@admin.register(models.ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are minted by ``luoshi token`` or the API (the key is shown once); here they are listed and revoked."""

    list_display = ("prefix", "user", "name", "created_at", "expires_at", "working", "revoked", "revoked_at")
    list_filter = ("revoked",)
    search_fields = ("user__username", "name", "prefix")
    exclude = ("key_hash",)
    actions = ("revoke_selected",)

    @admin.display(boolean=True, description=gettext_lazy("可用"))
    def working(self, token: models.ApiToken) -> bool:
        return tokens.is_working(token)

    @admin.action(description=gettext_lazy("吊销所选令牌"))
    def revoke_selected(self, request: Any, queryset: Any) -> None:
        count = 0
        with audit.acting_as(request.user):
            for token in queryset.filter(revoked=False):
                tokens.revoke_row(token, by=request.user)
                count += 1
        self.message_user(request, gettext("已吊销 %(count)s 个令牌") % {"count": count}, messages.SUCCESS)


class ActionFilter(admin.SimpleListFilter):
    """Filter the audit log by action, with the action's words."""

    title = gettext_lazy("操作")
    parameter_name = "action"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        used = models.AuditLog.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((code, audit_labels.label(code)) for code in used), key=lambda pair: pair[1])

    def queryset(self, request: Any, queryset: Any) -> Any:
        return queryset.filter(action=self.value()) if self.value() else queryset


class ModelFilter(admin.SimpleListFilter):
    """Filter the audit log by the kind of object, with the model's name."""

    title = gettext_lazy("对象类型")
    parameter_name = "model"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        used = models.AuditLog.objects.order_by().values_list("model", flat=True).distinct()
        return sorted(((code, model_label(code)) for code in used), key=lambda pair: pair[1])

    def queryset(self, request: Any, queryset: Any) -> Any:
        return queryset.filter(model=self.value()) if self.value() else queryset


def model_label(label_lower: str) -> str:
    """``registry.report`` → 进展报告 (the model's verbose name), else the label as stored."""
    try:
        return str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        return label_lower


@admin.register(models.AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    """The log is append-only, even for administrators."""

    list_display = ("at", "actor_name", "action_label", "model_name", "object_id")
    list_filter = (ActionFilter, ModelFilter)
    search_fields = ("actor_name", "object_id")
    fields = ("at", "actor_name", "actor_id", "action_label", "action", "model_name", "object_id", "before", "after")
    readonly_fields = fields

    @admin.display(description=gettext_lazy("操作"), ordering="action")
    def action_label(self, entry: models.AuditLog) -> str:
        return audit_labels.label(entry.action)

    @admin.display(description=gettext_lazy("对象类型"), ordering="model")
    def model_name(self, entry: models.AuditLog) -> str:
        return model_label(entry.model)
