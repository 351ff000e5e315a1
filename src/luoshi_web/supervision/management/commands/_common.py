"""Helpers shared by the supervision commands: who acts, dates, writing files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext

from luoshi_web.registry.models import Document, Unit
from luoshi_web.registry.permissions import Actor, actor_for
from luoshi_web.supervision.selection import SYSTEM


def acting(username: str | None, *, required: bool = False) -> Actor:
    """The actor for ``--user``; without it, the console's system actor (unless a person must be named)."""
    if not username:
        if required:
            raise CommandError(gettext("请用 --user 指定操作人（督查室账号），修改会记入审计日志"))
        return SYSTEM
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(gettext("没有名为“%(username)s”的用户") % {"username": username})
    return actor_for(user)


def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(gettext("日期“%(text)s”格式不对，应为 YYYY-MM-DD") % {"text": text}) from None


def unit_id(value: str | None) -> int | None:
    if value is None:
        return None
    unit = Unit.objects.filter(pk=int(value)).first() if value.isdigit() else Unit.objects.filter(name=value).first()
    if unit is None:
        raise CommandError(gettext("单位“%(value)s”不存在") % {"value": value})
    return unit.pk


def document_id(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        doc = Document.objects.filter(pk=int(value)).first()
    else:
        doc = Document.objects.filter(doc_number=value).first()
    if doc is None:
        raise CommandError(gettext("文件“%(value)s”不存在") % {"value": value})
    return doc.pk


def unwritable(path: str, exc: BaseException) -> CommandError:
    """The clear message for an output file that cannot be written (OSError, or XlsxWriter's wrapper of one)."""
    cause = exc if isinstance(exc, OSError) else (exc.args[0] if exc.args else exc)
    reason = getattr(cause, "strerror", None) or str(cause)
    return CommandError(gettext("无法写入文件 %(path)s：%(error)s") % {"path": path, "error": reason})


def write_file(path: str, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError as exc:
        raise unwritable(path, exc) from None
