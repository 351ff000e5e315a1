"""App configuration: connects the audit, progress-fact and token signal handlers once Django is ready."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "luoshi_web.registry"
    label = "registry"
    verbose_name = _("督查台账")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from luoshi_web.registry import audit, progress, tokens

        audit.connect_signals()
        progress.connect_signals()
        tokens.connect_signals()
