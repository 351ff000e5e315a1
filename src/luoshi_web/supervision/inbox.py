"""Notifications: each user's inbox in the application (read/unread), and e-mail.

E-mail goes through Django's mail API with the backend named by
``LUOSHI_EMAIL_BACKEND`` (the console by default, so nothing leaves the machine
until an office configures SMTP: ``django.core.mail.backends.smtp.EmailBackend``
with ``LUOSHI_SMTP_HOST`` and the other ``LUOSHI_SMTP_*`` settings of ``conf.py``).
A user gets at most one message per event key, so jobs can run again, or on two workers, without repeating themselves.
Inbox rows are audited (``models.Message`` is an ``AuditedModel``): that a unit was told of a
督办 and when its reporter read it belongs to the 督办's record; marking all read writes one
audit row per message, in the same transaction as the update.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from luoshi_web.registry.errors import NotFound
from luoshi_web.registry.models import Profile, Role
from luoshi_web.supervision import conf
from luoshi_web.supervision.models import Message

log = logging.getLogger(__name__)


def unit_reporters(unit_id: int) -> list[Any]:
    return [
        p.user
        for p in Profile.objects.filter(role=Role.REPORTER, unit_id=unit_id, user__is_active=True).select_related(
            "user"
        )
    ]


def supervisors() -> list[Any]:
    return [p.user for p in Profile.objects.filter(role=Role.SUPERVISOR, user__is_active=True).select_related("user")]


def notify(users: Iterable[Any], *, key: str, subject: str, body: str = "", link: str = "") -> int:
    """Put the message in each user's inbox (once per key) and e-mail the new ones; returns how many were new."""
    new: list[Message] = []
    for user in users:
        try:
            with transaction.atomic():
                message, created = Message.objects.get_or_create(
                    user=user, key=key, defaults={"subject": subject[:200], "body": body, "link": link}
                )
        except IntegrityError:  # another worker created it between our read and write
            created = False
        if created:
            new.append(message)
    sender = conf.get("LUOSHI_MAIL_FROM") or settings.DEFAULT_FROM_EMAIL
    mails = [EmailMessage(m.subject, m.body, sender, [m.user.email]) for m in new if m.user.email]
    if mails:
        try:
            get_connection(conf.get("LUOSHI_EMAIL_BACKEND"), **conf.mail_connection_options()).send_messages(mails)
        except OSError as exc:  # the inbox has it; a mail server being down must not fail the job
            log.warning("e-mail not sent: %s", exc)
    return len(new)


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Message]:
    messages = Message.objects.filter(user=user)
    return messages.filter(read_at__isnull=True) if unread_only else messages


def unread_count(user: Any) -> int:
    return Message.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: Any, message_id: Any, *, read: bool = True) -> Message:
    """Mark one of the user's own messages read (or unread again); another's is 404."""
    message = Message.objects.filter(user=user, pk=message_id).first() if str(message_id).isdigit() else None
    if message is None:
        raise NotFound(gettext("消息 %(pk)s 不存在") % {"pk": message_id})
    message.read_at = timezone.now() if read else None
    message.save(update_fields=["read_at"])
    return message


def mark_all_read(user: Any) -> int:
    return Message.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
