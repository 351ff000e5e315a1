"""App configuration: the supervision models are audited like the registry's."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "luoshi_web.supervision"
    label = "supervision"
    verbose_name = _("督查督办")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from luoshi_web.registry import audit
        from luoshi_web.supervision import models as m

        audit.connect_signals(
            (
                m.Notice,
                m.NoticeStep,
                m.NoticeEvidence,
                m.EscalationRule,
                m.NumberSequence,
                m.TaskNote,
                m.Bulletin,
                m.AssessmentScheme,
                m.Adjustment,
                m.ExpertScore,
                m.Message,
            )
        )
