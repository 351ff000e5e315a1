"""The registry's notion of "today", in one place so tests can freeze it."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()
