"""App configuration of the office pages (no models of its own: it reads and writes the registry's)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "luoshi_web.office"
    label = "office"
    verbose_name = _("督查工作台")
