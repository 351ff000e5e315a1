"""A report's history in words: who saved, submitted, returned (with the reason) or accepted it, when.

Read from the audit log, so a return reason stays visible after the report is
refiled (the report row keeps only the latest reason, and clears it on resubmission).
Whoever may see the report sees its timeline; the full audit trail stays with the
supervision office (``queries.task_history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from luoshi_web.registry.audit_labels import label as action_label
from luoshi_web.registry.models import AuditLog, Report, ReportState


@dataclass(frozen=True)
class Event:
    at: datetime
    actor: str
    action: str
    label: str
    state: str | None
    state_label: str | None
    reason: str
    detail: str


def _state_label(state: Any) -> str | None:
    return str(ReportState(state).label) if state in ReportState.values else None


def report_timeline(report: Report) -> list[Event]:
    """The report's and its evidence's audit rows, oldest first, as :class:`Event`."""
    evidence_ids = [str(pk) for pk in report.evidence.values_list("pk", flat=True)]
    rows = AuditLog.objects.filter(model="registry.report", object_id=str(report.pk)) | AuditLog.objects.filter(
        model="registry.evidence", object_id__in=evidence_ids
    )
    events = []
    for row in rows.order_by("id"):
        after = row.after or {}
        state = after.get("state") if row.model == "registry.report" else None
        reason = after.get("return_reason", "") if row.action == "report.return" else ""
        detail = after.get("original_name", "") if row.model == "registry.evidence" else ""
        events.append(
            Event(
                at=row.at,
                actor=row.actor_name,
                action=row.action,
                label=action_label(row.action),
                state=state,
                state_label=_state_label(state),
                reason=reason,
                detail=detail,
            )
        )
    return events
