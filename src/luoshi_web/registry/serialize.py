"""Model rows to the plain dicts the API schemas describe."""

from __future__ import annotations

from typing import Any

from luoshi_web.registry.contract import TARGET_COLUMNS
from luoshi_web.registry.models import (
    Document,
    DocumentRevision,
    Evaluation,
    Observation,
    Report,
    ReportingCycle,
    Target,
    Task,
    Unit,
)
from luoshi_web.registry.status import LABELS


def document(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.pk,
        "doc_number": doc.doc_number,
        "title": doc.title,
        "issuers": doc.issuers,
        "date": doc.date,
        "addressees": doc.addressees,
        "genre": doc.genre,
        "forwarded_title": doc.forwarded_title,
        "published": doc.published,
    }


def revision(rev: DocumentRevision) -> dict[str, Any]:
    return {
        "id": rev.pk,
        "document_id": rev.document_id,
        "number": rev.number,
        "file_sha256": rev.file_sha256,
        "source_name": rev.source_name,
        "created_at": rev.created_at,
        "diff": rev.diff,
    }


def task(t: Task) -> dict[str, Any]:
    """A task annotated by ``status.with_status`` (and with assignments prefetched)."""
    status = getattr(t, "status", None) or "not_started"
    return {
        "id": t.pk,
        "document_id": t.document_id,
        "doc_number": t.document.doc_number,
        "path": t.path,
        "text": t.text,
        "deadline": t.deadline,
        "status": status,
        "status_label": str(LABELS[status]),
        "latest_percent": getattr(t, "latest_percent", None),
        "active": t.active,
        "parent_id": t.parent_id,
        "assignee_name": t.assignee_name,
        # the person's account (明确到人), None for a name only; the public never gets it (permissions)
        "assignee_user_id": t.assignee_user_id,
        "units": [{"name": a.name, "unit_id": a.unit_id, "role": a.role} for a in t.assignments.all()],
        "span": {
            "start": t.span_start,
            "end": t.span_end,
            "line_start": t.line_start,
            "line_end": t.line_end,
        },
    }


def report(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "task_id": r.task_id,
        "unit_id": r.unit_id,
        "unit": r.unit.name,
        "cycle_id": r.cycle_id,
        "cycle": r.cycle.name,
        "kind": r.kind,
        "progress": r.progress,
        "percent": r.percent,
        "problems": r.problems,
        "next_steps": r.next_steps,
        "is_final": r.is_final,
        "state": r.state,
        "return_reason": r.return_reason,
        "submitted_at": r.submitted_at,
        "reviewed_at": r.reviewed_at,
        "evidence": [
            {"id": e.pk, "name": e.original_name, "sha256": e.sha256, "size": e.size} for e in r.evidence.all()
        ],
    }


def evaluation(e: Evaluation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "task_id": e.task_id,
        "expert": e.expert.get_username(),
        "score": e.score,
        "opinion": e.opinion,
        "created_at": e.created_at,
    }


def observation(o: Observation) -> dict[str, Any]:
    return {"id": o.pk, "target_id": o.target_id, "value": o.value, "as_of": o.as_of, "source": o.source}


def target(t: Target) -> dict[str, Any]:
    return {
        "id": t.pk,
        "document_id": t.document_id,
        **{name: getattr(t, column) for name, column in TARGET_COLUMNS.items()},
        "active": t.active,
    }


def unit(u: Unit) -> dict[str, Any]:
    return {
        "id": u.pk,
        "name": u.name,
        "kind": u.kind,
        "parent_id": u.parent_id,
        "aliases": [a.alias for a in u.aliases.all()],
    }


def cycle(c: ReportingCycle) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "due_date": c.due_date,
        "status": c.status,
        "closed_at": c.closed_at,
    }
