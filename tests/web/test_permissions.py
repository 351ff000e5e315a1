"""The permission matrix: every persona against every kind of endpoint.

404 where the persona may not see the object (its existence is not leaked),
403 where it may see it but not change it, 401 for anonymous writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from luoshi_web.registry import cycles
from luoshi_web.registry.models import Evidence, Report

from .conftest import GOLD, PERSONAS, World, post_json


@pytest.fixture
def report_a(world: World) -> Report:
    """Unit A's submitted report on its unpublished task, with one evidence file."""
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="平台已上线", percent=60)
    Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("minutes.txt", b"meeting minutes"),
        original_name="minutes.txt",
        sha256="x" * 64,
        size=15,
    )
    return cycles.submit(world.actor("reporter_a"), report)


Call = Callable[[World, Report], tuple[str, str, Any]]

# (name, call, expected status for supervisor, leader, reporter_a, reporter_b, expert, anonymous)
MATRIX: list[tuple[str, Call, tuple[int, ...]]] = [
    ("read A's task", lambda w, r: ("get", f"/api/v1/tasks/{w.task_a.pk}", None), (200, 200, 200, 404, 200, 404)),
    ("read B's task", lambda w, r: ("get", f"/api/v1/tasks/{w.task_b.pk}", None), (200, 200, 404, 200, 404, 404)),
    (
        "read published task",
        lambda w, r: ("get", f"/api/v1/tasks/{w.task_public.pk}", None),
        (200, 200, 200, 200, 200, 200),
    ),
    (
        "read unpublished document",
        lambda w, r: ("get", f"/api/v1/documents/{w.d1.pk}", None),
        (200, 200, 200, 200, 200, 404),
    ),
    (
        "read published document",
        lambda w, r: ("get", f"/api/v1/documents/{w.d2.pk}", None),
        (200, 200, 200, 200, 200, 200),
    ),
    (
        "read unpublished target",
        lambda w, r: ("get", f"/api/v1/targets/{w.d1.targets.get().pk}", None),
        # a draft's targets are not public, but the units on its tasks and its reviewer see them
        # (as they see the draft itself), so the unit that delivers a target can report on it
        (200, 200, 200, 200, 200, 404),
    ),
    ("read A's report", lambda w, r: ("get", f"/api/v1/reports/{r.pk}", None), (200, 200, 200, 404, 200, 404)),
    (
        "download A's evidence",
        lambda w, r: ("get", f"/api/v1/evidence/{r.evidence.get().pk}", None),
        (200, 200, 200, 404, 200, 404),
    ),
    (
        "file a report on A's task",
        lambda w, r: ("post", "/api/v1/reports", {"task_id": w.task_ab.pk, "cycle_id": w.cycle.pk, "progress": "x"}),
        (403, 403, 201, 201, 404, 401),
    ),
    (
        "file a report on an unpublished task of another unit",
        lambda w, r: ("post", "/api/v1/reports", {"task_id": w.task_a.pk, "cycle_id": w.cycle.pk, "progress": "x"}),
        (403, 403, 409, 404, 403, 401),
    ),
    (
        "file a report on a published task of another unit",
        lambda w, r: (
            "post",
            "/api/v1/reports",
            {"task_id": w.task_public.pk, "cycle_id": w.cycle.pk, "progress": "x"},
        ),
        (403, 403, 201, 403, 403, 401),
    ),
    (
        "accept A's report",
        lambda w, r: ("post", f"/api/v1/reports/{r.pk}/accept", None),
        (200, 403, 403, 404, 403, 404),
    ),
    (
        "return A's report",
        lambda w, r: ("post", f"/api/v1/reports/{r.pk}/return", {"reason": "缺少佐证"}),
        (200, 403, 403, 404, 403, 404),
    ),
    (
        "publish a document",
        lambda w, r: ("patch", f"/api/v1/documents/{w.d1.pk}", {"published": True}),
        (200, 403, 403, 403, 403, 404),
    ),
    (
        "set a task deadline",
        lambda w, r: ("patch", f"/api/v1/tasks/{w.task_a.pk}", {"deadline": "2017-06-30"}),
        (200, 403, 403, 404, 403, 404),
    ),
    (
        "evaluate A's task",
        lambda w, r: ("post", f"/api/v1/tasks/{w.task_a.pk}/evaluations", {"score": 4, "opinion": "进展扎实"}),
        (403, 403, 403, 404, 201, 404),
    ),
    (
        "add an observation",
        lambda w, r: (
            "post",
            f"/api/v1/targets/{w.d2.targets.get().pk}/observations",
            {"value": 40, "as_of": "2016-06-30", "source": "统计局"},
        ),
        (201, 403, 403, 403, 403, 401),
    ),
    (
        "open a cycle",
        lambda w, r: ("post", "/api/v1/cycles", {"quarter_of": "2016-08-01"}),
        (201, 403, 403, 403, 403, 401),
    ),
    ("read a cycle", lambda w, r: ("get", f"/api/v1/cycles/{w.cycle.pk}", None), (200, 200, 200, 200, 200, 404)),
    (
        "close a cycle",
        lambda w, r: ("post", f"/api/v1/cycles/{w.cycle.pk}/close", None),
        (200, 403, 403, 403, 403, 404),
    ),
    ("read the audit log", lambda w, r: ("get", "/api/v1/audit", None), (200, 403, 403, 403, 403, 401)),
    ("read the unit queue", lambda w, r: ("get", "/api/v1/units/unresolved", None), (200, 403, 403, 403, 403, 401)),
]


@pytest.mark.parametrize("name,call,expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(world: World, report_a: Report, name: str, call: Call, expected: tuple[int, ...]) -> None:
    """Each persona in turn, each inside a rolled-back savepoint so one persona's write cannot affect the next."""
    method, url, body = call(world, report_a)
    got = {}
    for persona in PERSONAS:
        with transaction.atomic():
            client = world.client(persona)
            response = client.get(url) if method == "get" else post_json(client, url, body, method)
            got[persona] = response.status_code
            if response.status_code >= 400:
                error = response.json()["error"]
                assert set(error) == {"code", "message"} and error["code"] and error["message"]
            transaction.set_rollback(True)
    assert got == dict(zip(PERSONAS, expected, strict=True))


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_task_list_is_scoped_per_persona(world: World) -> None:
    every = {world.task_a.pk, world.task_b.pk, world.task_ab.pk, world.task_public.pk}
    assert _ids(world.client("supervisor").get("/api/v1/tasks")) == every
    assert _ids(world.client("leader").get("/api/v1/tasks")) == every
    assert _ids(world.client("reporter_a").get("/api/v1/tasks")) == {
        world.task_a.pk,
        world.task_ab.pk,
        world.task_public.pk,
    }
    assert _ids(world.client("reporter_b").get("/api/v1/tasks")) == {
        world.task_b.pk,
        world.task_ab.pk,
        world.task_public.pk,
    }
    assert _ids(world.client("expert").get("/api/v1/tasks")) == {world.task_a.pk, world.task_public.pk}
    assert _ids(world.client("anonymous").get("/api/v1/tasks")) == {world.task_public.pk}


def test_anonymous_sees_only_published_documents_and_no_reports(world: World, report_a: Report) -> None:
    anonymous = world.client("anonymous")
    assert _ids(anonymous.get("/api/v1/documents")) == {world.d2.pk}
    assert _ids(anonymous.get("/api/v1/reports")) == set()
    assert anonymous.get(f"/api/v1/units/{world.unit_a.pk}/docket").json()["items"][0]["id"] == world.task_public.pk


def test_reporter_b_cannot_see_or_change_unit_a_work(world: World, report_a: Report) -> None:
    b = world.client("reporter_b")
    assert b.get(f"/api/v1/tasks/{world.task_a.pk}").status_code == 404
    assert _ids(b.get(f"/api/v1/reports?task={world.task_a.pk}")) == set()
    assert post_json(b, f"/api/v1/reports/{report_a.pk}", {"progress": "篡改"}, "patch").status_code == 404
    upload = b.post(f"/api/v1/reports/{report_a.pk}/evidence", {"file": SimpleUploadedFile("x.txt", b"x")})
    assert upload.status_code == 404
    report_a.refresh_from_db()
    assert report_a.progress == "平台已上线" and report_a.evidence.count() == 1


def test_co_unit_sees_the_lead_report_on_a_shared_task(world: World) -> None:
    report = cycles.save_report(world.actor("reporter_a"), world.task_ab, world.cycle, progress="牵头推进")
    assert world.client("reporter_b").get(f"/api/v1/reports/{report.pk}").status_code == 200


def test_invalid_or_malformed_token_is_401(world: World) -> None:
    from django.test import Client

    assert Client(HTTP_AUTHORIZATION="Bearer nope").get("/api/v1/tasks").status_code == 401
    response = Client(HTTP_AUTHORIZATION="Basic abc").get("/api/v1/tasks")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_session_auth_needs_csrf_for_writes(world: World) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["supervisor"])
    assert client.get("/api/v1/me").json()["role"] == "supervisor"
    response = post_json(client, f"/api/v1/documents/{world.d1.pk}", {"published": True}, "patch")
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"
    world.d1.refresh_from_db()
    assert world.d1.published is False


def test_import_endpoint_is_for_supervisors(world: World) -> None:
    body = (GOLD / "nat_guofa_2018_42_nongye_jixiehua.gold.json").read_bytes()
    upload = {"file": SimpleUploadedFile("guofa.json", body, content_type="application/json")}
    assert world.client("leader").post("/api/v1/import", upload).status_code == 403
    upload = {"file": SimpleUploadedFile("guofa.json", body, content_type="application/json")}
    response = world.client("supervisor").post("/api/v1/import", upload)
    assert response.status_code == 201, response.content
    assert response.json()["created"]["documents"] == 1


def test_errors_share_one_shape(world: World) -> None:
    client = world.client("supervisor")
    cases = {
        "/api/v1/tasks/999999": (404, "not_found"),
        "/api/v1/tasks?status=bogus": (422, "invalid"),
        "/api/v1/tasks?deadline_from=notadate": (422, "invalid"),
        "/api/v1/no-such-endpoint": (404, "not_found"),
    }
    for url, (status, code) in cases.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert response.json() == {"error": {"code": code, "message": response.json()["error"]["message"]}}
    bad_json = client.post("/api/v1/reports", data="{", content_type="application/json")
    assert bad_json.status_code in (400, 422) and set(bad_json.json()["error"]) == {"code", "message"}


def test_openapi_schema_lists_the_endpoints(world: World) -> None:
    schema = json.loads(world.client("anonymous").get("/api/v1/openapi.json").content)
    for path in ("/api/v1/tasks", "/api/v1/reports/{report_id}/accept", "/api/v1/import", "/api/v1/audit"):
        assert path in schema["paths"]


def test_a_session_user_can_issue_a_token_for_itself(world: World) -> None:
    from django.test import Client

    session = Client()
    session.force_login(world.users["reporter_a"])
    key = post_json(session, "/api/v1/tokens", {"name": "laptop"}).json()["token"]
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me").json()["username"] == "reporter_a"
    assert post_json(Client(), "/api/v1/tokens", {"name": "x"}).status_code == 401


def test_a_drafts_targets_stay_hidden_from_units_with_no_task_in_it(world: World) -> None:
    """The disclosure fault of issue 9: a reporter saw every target of every unpublished document."""
    from luoshi_web.registry.models import Document, Target

    draft = Document.objects.create(key="draft-without-units", doc_number=None, title="某项工作方案（征求意见稿）")
    target = Target.objects.create(
        document=draft, match_key="k", text="覆盖率达到90%", indicator="覆盖率", kind="level", comparator=">=", value=90
    )
    statuses = {p: world.client(p).get(f"/api/v1/targets/{target.pk}").status_code for p in PERSONAS}
    assert statuses == {
        "supervisor": 200,
        "leader": 200,
        "reporter_a": 404,
        "reporter_b": 404,
        "expert": 404,
        "anonymous": 404,
    }
