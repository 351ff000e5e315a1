"""Login, logout and password change for every role, through the office's own pages (not the admin)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

ROLES = ("admin", "supervisor", "leader", "reporter_a", "reporter_b", "expert")


@pytest.mark.parametrize("persona", ROLES)
def test_every_role_logs_in_and_lands_on_its_home(world, persona):  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post("/login/", {"username": persona, "password": "x" * 12})
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert persona in home.content.decode()


def test_wrong_password_says_so_in_the_form(world):  # type: ignore[no-untyped-def]
    response = Client().post("/login/", {"username": "reporter_a", "password": "wrong-password"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()
    assert "_auth_user_id" not in Client().session


def test_anonymous_is_sent_to_login(world):  # type: ignore[no-untyped-def]
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/")


def test_logout_is_a_post_with_csrf(world):  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["leader"])
    assert client.post("/logout/").status_code == 403  # no CSRF token
    page = client.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post("/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_login_form_enforces_csrf(world):  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "leader", "password": "x" * 12}).status_code == 403


def test_password_change(world):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["expert"])
    bad = client.post(
        "/password/", {"old_password": "nope", "new_password1": "Lu0shi-neu-2026", "new_password2": "Lu0shi-neu-2026"}
    )
    assert bad.status_code == 200 and "error" in bad.content.decode()
    ok = client.post(
        "/password/",
        {"old_password": "x" * 12, "new_password1": "Lu0shi-neu-2026", "new_password2": "Lu0shi-neu-2026"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/password/done/"
    assert _logs_in("expert", "Lu0shi-neu-2026")


def test_language_switch_to_english(world):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["leader"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log out" in client.get("/").content.decode()


def test_office_pages_in_english(world):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["supervisor"])
    body = client.get("/").content.decode()
    assert "Reports waiting for review" in body and "待审核的报告" not in body


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            "/password/",
            {"old_password": "x" * 12, "new_password1": "Lu0shi-neu-2026", "new_password2": "Lu0shi-neu-2026"},
        ),
        ("/i18n/setlang/", {"language": "en", "next": "/"}),
    ],
)
def test_password_and_language_forms_enforce_csrf(world, url, data):  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["reporter_a"])
    assert client.post(url, data).status_code == 403
    assert _logs_in("reporter_a", "x" * 12)  # password unchanged


def _logs_in(username: str, password: str) -> bool:
    """Through the login page, as a person does (the throttling backend needs the request)."""
    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302


def test_office_login_is_throttled_per_account_on_both_sides_of_the_limit(world, settings):  # type: ignore[no-untyped-def]
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert not _logs_in("leader", "wrong-password")
    assert _logs_in("leader", "x" * 12)  # one short of the limit: the right password still works
    for _ in range(limit):
        assert not _logs_in("leader", "wrong-password")
    locked = Client().post("/login/", {"username": "leader", "password": "x" * 12})
    assert locked.status_code == 429  # at the limit: refused even with the right password
