"""Evidence files: what may be attached to a report, checked before anything is stored.

A report's evidence is a file a person will open later (minutes, a signed
notice, a photo, a spreadsheet), so the registry takes only the document and
image formats an office uses, and checks that the content starts the way that
format does: a renamed executable or an empty file is refused with a message
saying why. The file is hashed as it is read (SHA-256, kept with the row) and
the size limit is ``settings.LUOSHI_MAX_UPLOAD_BYTES``.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from luoshi_web.registry import audit
from luoshi_web.registry.cycles import require_editable
from luoshi_web.registry.errors import Forbidden, Invalid
from luoshi_web.registry.models import Evidence, Report
from luoshi_web.registry.permissions import Actor, require_reporter_for

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy .doc/.xls
# extension → the byte prefixes its content may start with (None: plain text, checked for NUL bytes)
ALLOWED: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".ofd": _ZIP,  # 国家版式文档 OFD is a zip container
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".wps": _OLE,
    ".et": _OLE,
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".txt": None,
    ".zip": _ZIP,
}


def allowed_extensions() -> str:
    return "、".join(ALLOWED)


def check_file(name: str, size: int | None, head: bytes) -> str:
    """The file's lower-case extension if it may be evidence, else :class:`Invalid` with the reason."""
    limit = settings.LUOSHI_MAX_UPLOAD_BYTES
    ext = PurePath(name or "").suffix.lower()
    if ext not in ALLOWED:
        raise Invalid(
            gettext("“%(name)s”的文件类型不能作为佐证材料（可用：%(allowed)s）")
            % {"name": name, "allowed": allowed_extensions()}
        )
    if not size:
        raise Invalid(gettext("“%(name)s”是空文件") % {"name": name})
    if size > limit:
        raise Invalid(
            gettext("“%(name)s”过大（%(size)s 字节，上限 %(limit)s 字节）")
            % {"name": name, "size": size, "limit": limit}
        )
    prefixes = ALLOWED[ext]
    if prefixes is None:
        if b"\x00" in head:
            raise Invalid(gettext("“%(name)s”的内容不是文本文件") % {"name": name})
    elif not any(head.startswith(p) for p in prefixes):
        raise Invalid(gettext("“%(name)s”的内容与扩展名 %(ext)s 不符") % {"name": name, "ext": ext})
    return ext


def _head(upload: Any) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def validate(upload: Any) -> None:
    """Check an uploaded file (Django ``UploadedFile``) without storing it."""
    check_file(upload.name or "", upload.size, _head(upload))


def attach(actor: Actor, report: Report, upload: Any) -> Evidence:
    """Store ``upload`` as evidence of ``report`` (the actor's unit's, editable), with its audit row."""
    unit_id = require_reporter_for(actor, report.task)
    if report.unit_id != unit_id:
        raise Forbidden(gettext("此报告属于其他单位"))
    require_editable(report)
    validate(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with audit.acting_as(actor.user, "evidence.upload"):
        return Evidence.objects.create(
            report=report,
            file=upload,
            original_name=(PurePath(upload.name or "evidence").name)[:255],
            sha256=digest.hexdigest(),
            size=upload.size,
            uploaded_by=actor.user,
        )
