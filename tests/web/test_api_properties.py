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
    Evidence,
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
AUDITED = [Observation, ReportingCycle, Report, Task, Evaluation, ReviewAssignment, Document, Unit, Evidence]


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


# The upload endpoints: arbitrary multipart bodies (field names, file names, contents, broken framing).
UPLOADS = [("reporter_a", "/reports/{report}/evidence"), ("supervisor", "/import"), ("anonymous", "/import")]
FILENAMES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["../../etc/passwd", "/abs/x.txt", "a\\b.txt", "报告.txt", "x" * 300 + ".txt", ".", "..", "a.json", "b.docx"]
    ),
)
CONTENTS = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.sampled_from(
        [b"", b"{}", b'{"format": "luoshi.parse/1", "documents": [{}]}', b"PK\x03\x04broken", b"%PDF-1.4\n"]
    ),
)
PART_HEADERS = st.one_of(st.just(""), st.text(max_size=30).map(lambda t: t.replace("\r", "").replace("\n", "")))


@st.composite
def multipart_bodies(draw: st.DrawFn) -> tuple[bytes, str]:
    """A multipart body (well-formed or not) and the Content-Type header sent with it."""
    boundary = draw(st.sampled_from(["b0undary", "x", "----WebKitFormBoundary7MA4YWxkTrZu0gW"]))
    parts = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        field = draw(st.sampled_from(["file", "files", "", "file[]", "文件"]))
        name = draw(FILENAMES).replace('"', "").replace("\r", "").replace("\n", "")
        disposition = f'form-data; name="{field}"' + (f'; filename="{name}"' if draw(st.booleans()) else "")
        extra = draw(PART_HEADERS)
        head = f"Content-Disposition: {disposition}\r\n" + (f"X-Extra: {extra}\r\n" if extra else "")
        parts.append(f"--{boundary}\r\n{head}\r\n".encode() + draw(CONTENTS) + b"\r\n")
    body = b"".join(parts) + (f"--{boundary}--\r\n".encode() if draw(st.booleans()) else b"")
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        body = draw(st.binary(max_size=300))  # not multipart at all
    ctype = draw(
        st.sampled_from(
            [f"multipart/form-data; boundary={boundary}", "multipart/form-data", "multipart/form-data; boundary=",
             "application/octet-stream", f"multipart/mixed; boundary={boundary}"]
        )
    )  # fmt: skip
    return body, ctype


def _orphan_files(media: Any) -> list[str]:
    from pathlib import Path

    root = Path(media)
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    return sorted(on_disk - set(Evidence.objects.values_list("file", flat=True)))


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(endpoint=st.sampled_from(UPLOADS), upload=multipart_bodies())
def test_any_multipart_upload_is_answered_without_a_500_and_every_row_has_its_audit_row(
    world: World, endpoint: tuple[str, str], upload: tuple[bytes, str], tmp_path_factory: Any
) -> None:
    from django.test import override_settings

    persona, template = endpoint
    report = Report.objects.filter(unit=world.unit_a).first() or cycles.save_report(
        world.actor("reporter_a"), world.task_a, world.cycle, progress="p"
    )
    url = API + template.format(report=report.pk)
    body, ctype = upload
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(media)):
        response = world.client(persona).generic("POST", url, body, content_type=ctype)
        assert response.status_code < 500, (url, ctype, body[:300], response.content[:500])
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}
        else:
            json.loads(response.content, parse_constant=lambda c: pytest.fail(f"non-JSON {c} in {url}"))
        assert _unaudited() == []
        assert _orphan_files(media) == []  # no file on disk without its row
