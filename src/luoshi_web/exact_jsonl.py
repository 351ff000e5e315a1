"""Django's ``jsonl`` serialization format (one object per line), timestamps to the microsecond.

A backup's dump is JSON Lines so restore can check and load it one row at a time, in
bounded memory, whatever the size of the database; datetimes keep their microseconds
for the reason given in :mod:`luoshi_web.exact_json`. Reading is Django's own deserializer.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl as django_jsonl

Deserializer = django_jsonl.Deserializer


class Serializer(django_jsonl.Serializer):
    def _value_from_field(self, obj: Any, field: Any) -> Any:
        value = field.value_from_object(obj)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return super()._value_from_field(obj, field)
