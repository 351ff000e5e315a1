"""发文字号: ``督办〔2016〕7号``, one serial per prefix and year, taken inside the caller's transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from luoshi_web.supervision.models import NumberSequence


def next_number(prefix: str, year: int) -> str:
    """The next 发文字号; two writers never get the same one (the UPDATE serialises them)."""
    with transaction.atomic():
        if not NumberSequence.objects.filter(prefix=prefix, year=year).exists():
            try:
                with transaction.atomic():
                    NumberSequence.objects.create(prefix=prefix, year=year, last=0)
            except IntegrityError:
                pass  # another writer created it first
        NumberSequence.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
        serial = NumberSequence.objects.get(prefix=prefix, year=year).last
    return gettext("%(prefix)s〔%(year)s〕%(serial)s号") % {"prefix": prefix, "year": year, "serial": serial}
