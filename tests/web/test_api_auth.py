"""API authentication through Django Ninja's auth classes, declared in OpenAPI."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from .conftest import World, post_json


@pytest.fixture(autouse=True)
def _chinese():  # type: ignore[no-untyped-def]
    """Domain messages in the default language, whatever language an earlier request activated."""
    with translation.override("zh-hans"):
        yield


API_DIR = Path(__file__).resolve().parents[2] / "src" / "luoshi_web" / "registry" / "api"


def test_openapi_declares_bearer_and_session_schemes(world: World) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerAuth"]["type"] == "http" and schemes["BearerAuth"]["scheme"] == "bearer"
    assert schemes["SessionAuth"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": schemes["SessionAuth"]["description"],
    }
    operation = schema["paths"]["/api/v1/reports"]["post"]
    assert operation["security"] == [{"BearerAuth": []}, {"SessionAuth": []}, {}]  # {}: anonymous may call


def test_swagger_page_sends_the_csrf_token_for_try_it_out(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["supervisor"])
    page = client.get("/api/v1/docs").content.decode()
    assert 'data-api-csrf="true"' in page
    token = client.cookies["csrftoken"].value
    assert 'data-csrf-token=""' not in page and token


def _session(world: World, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users[persona])
    client.get("/api/v1/docs")  # renders {% csrf_token %}: sets the CSRF cookie like a browser visit
    return client


def test_session_write_needs_the_csrf_token(world: World) -> None:
    client = _session(world, "supervisor")
    url = f"/api/v1/documents/{world.d1.pk}"
    refused = post_json(client, url, {"published": True}, "patch")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    world.d1.refresh_from_db()
    assert world.d1.published is False

    token = client.cookies["csrftoken"].value
    accepted = client.patch(
        url, data=json.dumps({"published": True}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200, accepted.content
    world.d1.refresh_from_db()
    assert world.d1.published is True


def test_session_reads_need_no_csrf_token(world: World) -> None:
    client = _session(world, "reporter_a")
    assert client.get("/api/v1/me").json() == {"username": "reporter_a", "role": "reporter", "unit_id": world.unit_a.pk}


def test_bearer_writes_need_no_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {world.keys['supervisor']}")
    response = post_json(client, f"/api/v1/documents/{world.d1.pk}", {"published": True}, "patch")
    assert response.status_code == 200, response.content
    world.d1.refresh_from_db()
    assert world.d1.published is True


def test_anonymous_write_is_401_not_a_csrf_error(world: World) -> None:
    response = post_json(
        Client(enforce_csrf_checks=True), f"/api/v1/documents/{world.d2.pk}", {"published": False}, "patch"
    )
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_routers_do_not_import_core() -> None:
    """core imports the routers; a router importing core back would be an import cycle."""
    for path in sorted(API_DIR.glob("*.py")):
        if path.name in ("core.py", "__init__.py"):
            continue
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        assert "luoshi_web.registry.api.core" not in imported, path.name
        assert "luoshi_web.registry.api" not in {m for m in imported if m.endswith(".api")}, path.name
