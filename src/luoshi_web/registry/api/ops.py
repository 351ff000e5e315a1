"""Operations: importing a file, the audit log, and who-am-I (tokens: ``api/tokens.py``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import File, Router, Status
from ninja.files import UploadedFile

from luoshi_web.registry import audit, audit_labels, queries
from luoshi_web.registry import permissions as perm
from luoshi_web.registry.api.auth import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import AuditOut, ErrorOut, ImportOut, MeOut, Page
from luoshi_web.registry.errors import Invalid
from luoshi_web.registry.ingest import import_file

router = Router(tags=["operations"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request: HttpRequest):
    who = actor(request)
    return {"username": who.user.get_username() if who.user else None, "role": who.role, "unit_id": who.unit_id}


@router.post("/import", response={201: ImportOut, **ERRORS})
def upload_import(request: HttpRequest, file: File[UploadedFile]):
    """Parse an uploaded document (TXT/PDF/DOCX/HTML, or luoshi.parse/1 JSON) and import it."""
    who = actor(request)
    perm.require_manager(who)
    if file.size is None or file.size > settings.LUOSHI_MAX_UPLOAD_BYTES:
        raise Invalid(gettext("上传的文件过大（上限 %(limit)s 字节）") % {"limit": settings.LUOSHI_MAX_UPLOAD_BYTES})
    name = Path(file.name or "upload.txt").name
    with tempfile.TemporaryDirectory(prefix="luoshi-upload-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        with audit.acting_as(who.user, "import"):
            result = import_file(path)
    return Status(201, {"file": name, **result.as_dict()})


@router.get("/audit", response={200: Page[AuditOut], **ERRORS})
def list_audit(
    request: HttpRequest, model: str | None = None, object_id: str | None = None, limit: int = 50, offset: int = 0
):
    """The audit log, newest first: supervisors and administrators only."""
    entries = queries.audit_entries(actor(request), model=model, object_id=object_id)
    return page(
        entries,
        limit,
        offset,
        lambda e: {
            "id": e.pk,
            "at": e.at,
            "actor_id": e.actor_id,
            "actor_name": e.actor_name,
            "action": e.action,
            "action_label": audit_labels.label(e.action),
            "model": e.model,
            "object_id": e.object_id,
            "before": e.before,
            "after": e.after,
        },
    )
