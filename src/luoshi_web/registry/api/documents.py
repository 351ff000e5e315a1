"""Documents, their revisions, targets and observations."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Status

from luoshi_web.registry import audit, serialize
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.core import actor
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
from luoshi_web.registry.target_progress import Point, progress

router = Router(tags=["documents"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/documents", response={200: Page[DocumentOut], **ERRORS})
def list_documents(request: HttpRequest, q: str = "", published: bool | None = None, limit: int = 50, offset: int = 0):
    documents = perm.documents_for(actor(request)).order_by("-date", "id")
    if q:
        documents = documents.filter(Q(title__contains=q) | Q(doc_number__contains=q))
    if published is not None:
        documents = documents.filter(published=published)
    return page(documents, limit, offset, serialize.document)


@router.get("/documents/{document_id}", response={200: DocumentDetailOut, **ERRORS})
def get_document(request: HttpRequest, document_id: int):
    who = actor(request)
    doc = perm.get_visible(perm.documents_for(who), document_id, "document")
    return {
        **serialize.document(doc),
        "revisions": [serialize.revision(r) for r in doc.revisions.order_by("number")],
        "task_count": perm.tasks_for(who).filter(document=doc, active=True).count(),
        "target_count": doc.targets.filter(active=True).count(),
        "references": [{"doc_number": r.doc_number, "title": r.title} for r in doc.references.filter(active=True)],
    }


@router.patch("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def patch_document(request: HttpRequest, document_id: int, body: DocumentPatch):
    who = actor(request)
    doc = perm.get_visible(perm.documents_for(who), document_id, "document")
    perm.require_manager(who)
    with audit.action("document.publish" if body.published else "document.unpublish"):
        doc.published = body.published
        doc.save()
    return serialize.document(doc)


@router.get("/documents/{document_id}/revisions", response={200: list[RevisionOut], **ERRORS})
def list_revisions(request: HttpRequest, document_id: int):
    doc = perm.get_visible(perm.documents_for(actor(request)), document_id, "document")
    return [serialize.revision(r) for r in doc.revisions.order_by("number")]


@router.get("/revisions/{revision_id}", response={200: RevisionOut, **ERRORS})
def get_revision(request: HttpRequest, revision_id: int):
    revisions = DocumentRevision.objects.filter(document__in=perm.documents_for(actor(request)))
    return serialize.revision(perm.get_visible(revisions, revision_id, "revision"))


@router.get("/targets", response={200: Page[TargetOut], **ERRORS})
def list_targets(
    request: HttpRequest, document: int | None = None, active: bool = True, limit: int = 50, offset: int = 0
):
    targets = perm.targets_for(actor(request)).filter(active=active).order_by("id")
    if document is not None:
        targets = targets.filter(document_id=document)
    return page(targets, limit, offset, serialize.target)


def _target_progress(target) -> dict:  # type: ignore[no-untyped-def]
    observations = list(target.observations.order_by("as_of", "id"))
    result = progress(
        kind=target.kind,
        comparator=target.comparator,
        value=target.value,
        value_max=target.value_max,
        deadline=target.deadline,
        points=[Point(o.as_of, o.value) for o in observations],
    )
    first = observations[0] if observations else None
    last = observations[-1] if observations else None
    return {
        **serialize.target(target),
        "baseline": serialize.observation(first) if first else None,
        "latest": serialize.observation(last) if last else None,
        "goal": result.goal,
        "attainment": result.attainment,
        "projected": result.projected,
        "on_track": result.on_track,
        "observations": [serialize.observation(o) for o in observations],
    }


@router.get("/targets/{target_id}", response={200: TargetProgressOut, **ERRORS})
def get_target(request: HttpRequest, target_id: int):
    return _target_progress(perm.get_visible(perm.targets_for(actor(request)), target_id, "target"))


@router.get("/targets/{target_id}/observations", response={200: list[ObservationOut], **ERRORS})
def list_observations(request: HttpRequest, target_id: int):
    target = perm.get_visible(perm.targets_for(actor(request)), target_id, "target")
    return [serialize.observation(o) for o in target.observations.order_by("as_of", "id")]


@router.post("/targets/{target_id}/observations", response={201: ObservationOut, **ERRORS})
def add_observation(request: HttpRequest, target_id: int, body: ObservationIn):
    who = actor(request)
    target = perm.get_visible(perm.targets_for(who), target_id, "target")
    perm.require_manager(who)
    with audit.action("observation.add"):
        obs = Observation.objects.create(
            target=target, value=body.value, as_of=body.as_of, source=body.source, created_by=who.user
        )
    return Status(201, serialize.observation(obs))
