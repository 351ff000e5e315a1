"""Import in two steps: parse and show what would be stored, then store it on confirmation.

:func:`stage` checks an upload (empty, oversized, file type), parses it with the pipeline
and keeps the parse result in a staging file under ``$LUOSHI_DATA_DIR/staged-imports``
(nothing is written to the registry); :func:`preview` says what the import would do
(new documents or revisions, tasks with their units, targets, references, unit names
the registry does not know); :func:`confirm` imports exactly the staged result, in one
transaction, and removes the staging file. A staged import belongs to the person who
uploaded it and expires after :data:`STAGE_HOURS`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from luoshi_web.registry import audit
from luoshi_web.registry import units as unit_names
from luoshi_web.registry.contract import DocumentIn, read_document, read_documents
from luoshi_web.registry.errors import ContractError, Invalid, NotFound, pipeline_reason
from luoshi_web.registry.importer import ImportResult, import_contract
from luoshi_web.registry.models import Document
from luoshi_web.registry.permissions import Actor, require_manager

ALLOWED_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm", ".json")
STAGE_HOURS = 24
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def _stage_dir() -> Path:
    path = Path(settings.DATA_DIR) / "staged-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _limit() -> int:
    return int(getattr(settings, "LUOSHI_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def _clean_old(now: float) -> None:
    for old in _stage_dir().glob("*.json"):
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > STAGE_HOURS * 3600:
                old.unlink()


def check_upload(name: str, size: int | None) -> str:
    """The upload's safe base name, or :class:`Invalid` with the reason (type, empty, too large)."""
    base = Path(name or "").name
    suffix = Path(base).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise Invalid(
            gettext("不支持的文件类型“%(suffix)s”：请上传 .txt、.pdf、.docx 或 .html 文件（或 luoshi.parse/1 JSON）")
            % {"suffix": suffix or gettext("无扩展名")}
        )
    if not size:
        raise Invalid(gettext("上传的文件是空的"))
    if size > _limit():
        raise Invalid(
            gettext("上传的文件过大（%(size)s MB，上限 %(limit)s MB）")
            % {"size": round(size / 1048576, 1), "limit": round(_limit() / 1048576, 1)}
        )
    return base


def stage(actor: Actor, upload: Any) -> str:
    """Parse an uploaded file (a Django ``UploadedFile``) and stage the result; returns its token."""
    from luoshi.errors import LuoshiError
    from luoshi_web.registry.ingest import contract_for_file

    require_manager(actor)
    name = check_upload(getattr(upload, "name", ""), getattr(upload, "size", None))
    with tempfile.TemporaryDirectory(prefix="luoshi-upload-") as tmp:
        path = Path(tmp) / name
        digest = hashlib.sha256()
        written = 0
        with path.open("wb") as out:
            for chunk in upload.chunks():
                written += len(chunk)
                if written > _limit():
                    raise Invalid(
                        gettext("上传的文件过大（上限 %(limit)s MB）") % {"limit": round(_limit() / 1048576, 1)}
                    )
                digest.update(chunk)
                out.write(chunk)
        try:
            contract, sha256 = contract_for_file(path)
        except LuoshiError as exc:
            raise Invalid(
                gettext("无法读取“%(name)s”：%(reason)s") % {"name": name, "reason": pipeline_reason(exc)}
            ) from None
        except ContractError as exc:
            raise Invalid(exc.message) from None
    preview(contract)  # a result the importer would refuse is refused now, with its message
    now = time.time()
    _clean_old(now)
    token = secrets.token_urlsafe(18)
    staged = {"user_id": actor.user.pk, "name": name, "sha256": sha256, "staged_at": now, "contract": contract}
    target = _stage_dir() / f"{token}.json"
    partial = target.with_suffix(".part")
    partial.write_text(json.dumps(staged, ensure_ascii=False), encoding="utf-8")
    partial.replace(target)  # a half-written staging file is never read
    return token


@dataclass
class Staged:
    token: str
    name: str
    sha256: str
    contract: dict[str, Any]


def load(actor: Actor, token: str) -> Staged:
    """The actor's staged import, else :class:`NotFound` (someone else's, expired, or never there)."""
    require_manager(actor)
    missing = NotFound(gettext("待确认的导入不存在或已过期，请重新上传"))
    if not token or not set(token) <= _TOKEN_CHARS or len(token) > 64:
        raise missing
    path = _stage_dir() / f"{token}.json"
    try:
        staged = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise missing from None
    if staged.get("user_id") != actor.user.pk or time.time() - staged.get("staged_at", 0) > STAGE_HOURS * 3600:
        raise missing
    return Staged(token=token, name=staged["name"], sha256=staged["sha256"], contract=staged["contract"])


def discard(actor: Actor, token: str) -> None:
    load(actor, token)
    with contextlib.suppress(OSError):
        (_stage_dir() / f"{token}.json").unlink()


@dataclass
class TaskPreview:
    path: list[str]
    text: str
    units: list[tuple[str, bool]]  # (name, known to the registry)
    leads: list[str]


@dataclass
class DocumentPreview:
    doc: DocumentIn
    outcome: str  # "new" | "revision" | "unchanged"
    existing: Document | None
    tasks: list[TaskPreview] = field(default_factory=list)


@dataclass
class Preview:
    documents: list[DocumentPreview]
    unknown_names: list[tuple[str, int]]  # (name, how many tasks name it), most frequent first

    @property
    def counts(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "tasks": sum(len(d.doc.tasks) for d in self.documents),
            "targets": sum(len(d.doc.targets) for d in self.documents),
            "references": sum(len(d.doc.references) for d in self.documents),
        }


def preview(contract: Any) -> Preview:
    """What importing ``contract`` would do; reads the registry, writes nothing."""
    documents: list[DocumentPreview] = []
    unknown: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    for where, raw in read_documents(contract):
        doc_in = read_document(raw, where, seen_keys)
        existing = Document.objects.filter(key=doc_in.key).first()
        outcome = "new"
        if existing is not None:
            last = existing.revisions.order_by("-number").first()
            outcome = "unchanged" if last is not None and last.content_sha256 == doc_in.content_sha256 else "revision"
        entry = DocumentPreview(doc=doc_in, outcome=outcome, existing=existing)
        known: dict[str, bool] = {}
        for task in doc_in.tasks:
            names = []
            for name in task.all_names():
                key = unit_names.normalize_name(name)
                if key not in known:
                    known[key] = unit_names.resolve(key, existing or _stand_in(doc_in)) is not None
                if not known[key]:
                    unknown[key] = unknown.get(key, 0) + 1
                names.append((name, known[key]))
            entry.tasks.append(TaskPreview(path=task.path, text=task.text, units=names, leads=task.lead_names()))
        documents.append(entry)
    return Preview(documents=documents, unknown_names=sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0])))


def _stand_in(doc_in: DocumentIn) -> Document:
    """An unsaved Document with the incoming issuers, so region-scoped aliases resolve as on import."""
    return Document(issuers=doc_in.issuers)


def confirm(actor: Actor, token: str) -> ImportResult:
    """Import the staged result (all or nothing) and remove the staging file."""
    staged = load(actor, token)
    with audit.acting_as(actor.user, "import"):
        result = import_contract(staged.contract, file_sha256=staged.sha256, source_name=staged.name)
    with contextlib.suppress(OSError):
        (_stage_dir() / f"{token}.json").unlink()
    return result
