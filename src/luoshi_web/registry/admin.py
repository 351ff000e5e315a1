"""Admin site registrations: the supervision office's back office for rows the API does not edit."""

from __future__ import annotations

from django.contrib import admin

from luoshi_web.registry import models


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
    list_display = ("doc_number", "title", "date", "published")
    list_filter = ("published", "genre")
    search_fields = ("doc_number", "title")


@admin.register(models.Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("document", "path_key", "deadline", "active", "assignee_name")
    list_filter = ("active",)
    search_fields = ("text",)
    raw_id_fields = ("document", "parent", "introduced_in", "dropped_in")


@admin.register(models.ReportingCycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ("name", "period_start", "period_end", "status")


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("task", "unit", "cycle", "state", "percent", "is_final")
    list_filter = ("state", "cycle")
    raw_id_fields = ("task",)


@admin.register(models.AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for administrators."""

    list_display = ("at", "actor_name", "action", "model", "object_id")
    list_filter = ("action", "model")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
