"""A domain page (``queries.page``: no COUNT(*), one extra row) rendered as the API's ``Page`` shape.

Clients that need totals ask ``GET /api/v1/tasks/summary`` (counts per status).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from luoshi_web.registry import queries

MAX_LIMIT = queries.MAX_LIMIT


def page(queryset: QuerySet[Any], limit: int, offset: int, render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    result = queries.page(queryset, limit, offset)
    return {
        "items": [render(row) for row in result.items],
        "limit": result.limit,
        "offset": result.offset,
        "next_offset": result.next_offset,
    }
