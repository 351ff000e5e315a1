"""Django's ``json`` serialization format, keeping datetimes and times to the microsecond.

Django's JSON encoder cuts datetimes and times to milliseconds. A backup
(``dumpdata``) therefore lost the sub-millisecond part of every timestamp, and a
restored database dumped again could differ from the first dump (``…47.000456``
is written ``47.000Z``, read back as ``47.000000`` and written ``47Z``). Backups
must round-trip the database exactly, so this module, registered as the ``json``
format in ``SERIALIZATION_MODULES``, writes full ISO 8601 values. Reading is
Django's own deserializer, which parses them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import json as django_json

Deserializer = django_json.Deserializer


class Serializer(django_json.Serializer):
    def _value_from_field(self, obj: Any, field: Any) -> Any:
        value = field.value_from_object(obj)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return super()._value_from_field(obj, field)
