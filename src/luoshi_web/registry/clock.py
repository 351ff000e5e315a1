"""The registry's notion of "today" and "now", in one place so tests can freeze them."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    """The current moment (aware); token expiry reads it, tests freeze it."""
    return timezone.now()
