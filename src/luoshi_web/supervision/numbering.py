"""发文字号: ``督办〔2016〕7号``, one serial per prefix and year, taken inside the caller's transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from luoshi_web.supervision.models import NumberSequence


def next_number(prefix: str, year: int) -> str:
    """The next 发文字号; two writers never get the same one.

    The sequence row is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE
    transactions serialise writers anyway) and saved as an audited row, so the number taken
    and its audit row commit with the caller's notice or bulletin, or not at all. A prefix
    longer than the column is an ``Invalid`` naming it, before anything is written.
    """
    with transaction.atomic():
        sequence = NumberSequence.objects.select_for_update().filter(prefix=prefix, year=year).first()
        if sequence is None:
            try:
                with transaction.atomic():
                    sequence = NumberSequence.objects.create(prefix=prefix, year=year, last=1)
            except IntegrityError:  # another writer created it first: wait for it, then take the next
                sequence = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
                sequence.last += 1
                sequence.save(update_fields=["last"])
        else:
            sequence.last += 1
            sequence.save(update_fields=["last"])
        serial = sequence.last
    return gettext("%(prefix)s〔%(year)s〕%(serial)s号") % {"prefix": prefix, "year": year, "serial": serial}
