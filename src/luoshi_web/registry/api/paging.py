"""Limit/offset pages without COUNT(*): one extra row tells whether there is a next page.

Counting a million-row filtered query on every page view is the slow part of
a list endpoint; clients that need totals ask ``GET /api/v1/tasks/summary`` (counts per status).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from luoshi_web.registry import validation

MAX_LIMIT = 200


def page(queryset: QuerySet[Any], limit: int, offset: int, render: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = validation.integer(max(0, offset), "offset", (0, validation.REGULAR[1]))
    rows = list(queryset[offset : offset + limit + 1])
    more = len(rows) > limit
    return {
        "items": [render(row) for row in rows[:limit]],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }
