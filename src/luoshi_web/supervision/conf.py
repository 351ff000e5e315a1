"""Supervision settings, each with a default so ``settings.py`` needs no new lines.

``LUOSHI_OFFICE_NAME``          the office that signs notices and bulletins (落款, 版头)
``LUOSHI_NOTICE_WAIT_DAYS``     days after a notice's rectification due date before an
                                unanswered notice escalates (when no EscalationRule row says otherwise)
``LUOSHI_NOTICE_REPLY_DAYS``    days given to rectify and reply at the new level after an escalation
``LUOSHI_NOTICE_PREFIXES``      发文字号 prefix per level ({1: "督提", ...})
``LUOSHI_BULLETIN_PREFIX``      发文字号 prefix of bulletins
``LUOSHI_EMAIL_BACKEND``        Django e-mail backend for notifications (console unless set to SMTP:
                                ``django.core.mail.backends.smtp.EmailBackend``)
``LUOSHI_SMTP_HOST`` / ``_PORT``  the SMTP server (empty host: Django's ``EMAIL_HOST``/``EMAIL_PORT``)
``LUOSHI_SMTP_USER`` / ``_PASSWORD``  its login, if it needs one
``LUOSHI_SMTP_TLS``             ``1``: STARTTLS; ``LUOSHI_SMTP_SSL`` ``1``: SMTP over TLS (port 465)
``LUOSHI_MAIL_FROM``            the sender address (empty: Django's ``DEFAULT_FROM_EMAIL``)
``LUOSHI_QUEUE_URL``            the task queue's store: empty = SQLite file in the data dir; ``redis://…``
``LUOSHI_JOBS_HOUR``            the hour (local time) the daily jobs run
``LUOSHI_REMIND_DAYS``          days before a report cycle's due date or a task's deadline to remind
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "LUOSHI_OFFICE_NAME": "省人民政府督查室",
    "LUOSHI_NOTICE_WAIT_DAYS": 3,
    "LUOSHI_NOTICE_REPLY_DAYS": 10,
    "LUOSHI_NOTICE_PREFIXES": {1: "督提", 2: "督办", 3: "督通", 4: "督谈"},
    "LUOSHI_BULLETIN_PREFIX": "督查通报",
    "LUOSHI_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    "LUOSHI_SMTP_HOST": "",
    "LUOSHI_SMTP_PORT": 25,
    "LUOSHI_SMTP_USER": "",
    "LUOSHI_SMTP_PASSWORD": "",
    "LUOSHI_SMTP_TLS": 0,
    "LUOSHI_SMTP_SSL": 0,
    "LUOSHI_MAIL_FROM": "",
    "LUOSHI_QUEUE_URL": "",
    "LUOSHI_JOBS_HOUR": 7,
    "LUOSHI_REMIND_DAYS": (7, 3, 1),
}


def get(name: str) -> Any:
    """The Django setting, else the environment variable of the same name, else the default."""
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    default = DEFAULTS[name]
    if raw is None or isinstance(default, dict):
        return default
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, tuple):
        return tuple(int(part) for part in raw.split(",") if part.strip())
    return raw


def mail_connection_options() -> dict[str, Any]:
    """Keyword arguments for Django's SMTP backend from the settings above (none for another backend)."""
    if not str(get("LUOSHI_EMAIL_BACKEND")).endswith("smtp.EmailBackend") or not get("LUOSHI_SMTP_HOST"):
        return {}
    options: dict[str, Any] = {
        "host": str(get("LUOSHI_SMTP_HOST")),
        "port": int(get("LUOSHI_SMTP_PORT")),
        "use_tls": bool(int(get("LUOSHI_SMTP_TLS"))),
        "use_ssl": bool(int(get("LUOSHI_SMTP_SSL"))),
        "timeout": 30,
    }
    if get("LUOSHI_SMTP_USER"):
        options.update(username=str(get("LUOSHI_SMTP_USER")), password=str(get("LUOSHI_SMTP_PASSWORD")))
    return options
