"""``luoshi flush``: Django's flush, leaving one audit row saying who emptied the database and when.

Emptying the database removes the audit log too, so the row written afterwards, in the
same transaction, is the trace that it happened (with the number of rows removed). The
test runner flushes between tests through this command; ``LUOSHI_AUDIT_FLUSH = False``
(test settings only) keeps those flushes out of the log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import transaction


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "LUOSHI_AUDIT_FLUSH", True):
            super().handle(**options)
            return
        from luoshi_web.registry import audit
        from luoshi_web.registry.backup import database_counts
        from luoshi_web.registry.models import AuditLog

        database = options["database"]
        with transaction.atomic(using=database):
            rows = sum(database_counts().values())
            super().handle(**options)
            if AuditLog.objects.exists():
                return  # the prompt was answered "no": nothing was emptied
            audit.record_event("database.flush", model="database", object_id=database, before={"rows": rows})
