"""Documents, their revisions, targets and observations."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from luoshi_web.registry import audit, queries, serialize
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.auth import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import (
    DocumentDetailOut,
    DocumentOut,
    DocumentPatch,
    ErrorOut,
    ObservationIn,
    ObservationOut,
    Page,
    RevisionOut,
    TargetOut,
    TargetProgressOut,
)
from luoshi_web.registry.models import DocumentRevision, Observation

router = Router(tags=["documents"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/documents", response={200: Page[DocumentOut], **ERRORS})
def list_documents(request: HttpRequest, q: str = "", published: bool | None = None, limit: int = 50, offset: int = 0):
    documents = queries.visible_documents(actor(request), q=q, published=published)
    return page(documents, limit, offset, serialize.document)


@router.get("/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS})
def get_document(request: HttpRequest, document_id: int):
    who = actor(request)
    doc = queries.get_document(who, document_id)
    counts = queries.document_counts(who, doc)
    return {
        **serialize.document(doc),
        "revisions": [serialize.revision(r) for r in doc.revisions.order_by("number")],
        "task_count": counts.tasks,
        "target_count": counts.targets,
        "references": [{"doc_number": r.doc_number, "title": r.title} for r in doc.references.filter(active=True)],
    }


@router.patch("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def patch_document(request: HttpRequest, document_id: int, body: DocumentPatch):
    who = actor(request)
    doc = queries.get_document(who, document_id)
    perm.require_manager(who)
    with audit.action("document.publish" if body.published else "document.unpublish"):
        doc.published = body.published
        doc.save()
    return serialize.document(doc)


@router.get("/documents/{document_id}/revisions", response={200: list[RevisionOut], **ERRORS})
def list_revisions(request: HttpRequest, document_id: int):
    doc = queries.get_document(actor(request), document_id)
    return [serialize.revision(r) for r in doc.revisions.order_by("number")]


@router.get("/revisions/{revision_id}", response={200: RevisionOut, **ERRORS})
def get_revision(request: HttpRequest, revision_id: int):
    revisions = DocumentRevision.objects.filter(document__in=perm.documents_for(actor(request)))
    return serialize.revision(perm.get_visible(revisions, revision_id, "revision"))


@router.get("/targets", response={200: Page[TargetOut], **ERRORS})
def list_targets(
    request: HttpRequest, document: int | None = None, active: bool = True, limit: int = 50, offset: int = 0
):
    targets = queries.visible_targets(actor(request), document=document, active=active)
    return page(targets, limit, offset, serialize.target)


def _target_progress(target) -> dict:  # type: ignore[no-untyped-def]
    found = queries.target_progress(target)
    return {
        **serialize.target(target),
        "baseline": serialize.observation(found.baseline) if found.baseline else None,
        "latest": serialize.observation(found.latest) if found.latest else None,
        "goal": found.goal,
        "attainment": found.attainment,
        "projected": found.projected,
        "on_track": found.on_track,
        "observations": [serialize.observation(o) for o in found.observations],
    }


@router.get("/targets/{target_id}", response={200: TargetProgressOut, **ERRORS})
def get_target(request: HttpRequest, target_id: int):
    return _target_progress(queries.get_target(actor(request), target_id))


@router.get("/targets/{target_id}/observations", response={200: list[ObservationOut], **ERRORS})
def list_observations(request: HttpRequest, target_id: int):
    target = queries.get_target(actor(request), target_id)
    return [serialize.observation(o) for o in target.observations.order_by("as_of", "id")]


@router.post("/targets/{target_id}/observations", response={201: ObservationOut, **ERRORS})
def add_observation(request: HttpRequest, target_id: int, body: ObservationIn):
    who = actor(request)
    target = queries.get_target(who, target_id)
    perm.require_manager(who)
    with audit.action("observation.add"):
        obs = Observation.objects.create(
            target=target, value=body.value, as_of=body.as_of, source=body.source, created_by=who.user
        )
    return Status(201, serialize.observation(obs))
