"""Property tests of the API's write endpoints: any JSON body, never a 500, never a row without its audit row."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi_web.registry import cycles
from luoshi_web.registry.models import (
    AuditLog,
    Document,
    Evaluation,
    Observation,
    Report,
    ReportingCycle,
    ReviewAssignment,
    Target,
    Task,
    Unit,
    UnresolvedUnitName,
)

from .conftest import World

API = "/api/v1"
KEYS = [
    "value", "as_of", "source", "period_start", "period_end", "quarter_of", "name", "deadline", "assignee_name",
    "text", "progress", "percent", "problems", "next_steps", "is_final", "task_id", "cycle_id", "reason",
    "published", "unit_id", "create_kind", "score", "opinion", "expert_id",
]  # fmt: skip
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(["9999-12-31", "9999-12-01", "0001-01-01", "1899-12-31", "2199-12-31", "2016-02-30", ""]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(min_size=90, max_size=400),
    DATES,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
BODIES = st.one_of(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), VALUES, max_size=6), VALUES)

# (persona, method, url template): every write endpoint, as the role that may use it.
ENDPOINTS = [
    ("supervisor", "post", "/cycles"),
    ("supervisor", "post", "/targets/{target}/observations"),
    ("supervisor", "patch", "/tasks/{task}"),
    ("supervisor", "post", "/tasks/{task}/subtasks"),
    ("reporter_a", "post", "/tasks/{task}/subtasks"),
    ("supervisor", "post", "/tasks/{task}/reviewers"),
    ("expert", "post", "/tasks/{task}/evaluations"),
    ("reporter_a", "post", "/reports"),
    ("reporter_a", "patch", "/reports/{report}"),
    ("supervisor", "post", "/reports/{report}/return"),
    ("supervisor", "patch", "/documents/{document}"),
    ("supervisor", "post", "/units/unresolved/{unresolved}/link"),
    ("supervisor", "post", "/tokens"),
    ("anonymous", "post", "/cycles"),
]
AUDITED = [Observation, ReportingCycle, Report, Task, Evaluation, ReviewAssignment, Document, Unit]


def _unaudited() -> list[tuple[str, int]]:
    """Rows of the models the API writes that no audit row names."""
    missing = []
    for model in AUDITED:
        label = model._meta.label_lower
        logged = set(AuditLog.objects.filter(model=label).values_list("object_id", flat=True))
        missing += [(label, pk) for pk in model.objects.values_list("pk", flat=True) if str(pk) not in logged]
    return missing


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(endpoint=st.sampled_from(ENDPOINTS), body=BODIES, raw=st.booleans())
def test_any_json_body_is_answered_without_a_500_and_every_row_has_its_audit_row(
    world: World, endpoint: tuple[str, str, str], body: Any, raw: bool
) -> None:
    persona, method, template = endpoint
    report = Report.objects.filter(unit=world.unit_a).first() or cycles.save_report(
        world.actor("reporter_a"), world.task_a, world.cycle, progress="p"
    )
    unresolved, _ = UnresolvedUnitName.objects.get_or_create(name="某某局")
    url = API + template.format(
        target=Target.objects.get(document=world.d2).pk,
        task=world.task_a.pk,
        report=report.pk,
        document=world.d1.pk,
        unresolved=unresolved.pk,
    )
    # ``raw``: the body as Python's json writes it (NaN, Infinity); else a strict JSON text where possible.
    try:
        text = json.dumps(body) if raw else json.dumps(body, allow_nan=False)
    except ValueError:
        text = json.dumps(body)
    response = getattr(world.client(persona), method)(url, data=text, content_type="application/json")
    assert response.status_code < 500, (url, text[:300], response.content[:500])
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}
    else:
        json.loads(response.content, parse_constant=lambda c: pytest.fail(f"non-JSON {c} in {url}"))
    assert _unaudited() == []
