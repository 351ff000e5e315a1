"""Supervision settings, each with a default so ``settings.py`` needs no new lines.

``LUOSHI_OFFICE_NAME``          the office that signs notices and bulletins (落款, 版头)
``LUOSHI_NOTICE_WAIT_DAYS``     days after a notice's rectification due date before an
                                unanswered notice escalates (when no EscalationRule row says otherwise)
``LUOSHI_NOTICE_REPLY_DAYS``    days given to rectify and reply at the new level after an escalation
``LUOSHI_NOTICE_PREFIXES``      发文字号 prefix per level ({1: "督提", ...})
``LUOSHI_BULLETIN_PREFIX``      发文字号 prefix of bulletins
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "LUOSHI_OFFICE_NAME": "省人民政府督查室",
    "LUOSHI_NOTICE_WAIT_DAYS": 3,
    "LUOSHI_NOTICE_REPLY_DAYS": 10,
    "LUOSHI_NOTICE_PREFIXES": {1: "督提", 2: "督办", 3: "督通", 4: "督谈"},
    "LUOSHI_BULLETIN_PREFIX": "督查通报",
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])
