"""Login throttling per account and per address (django-axes), and audited grants of rights."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client

from luoshi_web.registry.models import AuditLog

from .conftest import World

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "x" * 12  # conftest.make_user


@pytest.fixture(autouse=True)
def staff(world: World) -> None:
    """The admin site lets in staff only: make the administrator and the supervisor staff."""
    for name in ("admin", "supervisor"):
        world.users[name].is_staff = True
        world.users[name].save()
    if "supervisor" in world.users:
        world.users["supervisor"].is_superuser = True
        world.users["supervisor"].save()


def _login(username: str, password: str, address: str = "10.0.0.1") -> int:
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password}).status_code


@pytest.mark.django_db
def test_an_account_is_locked_at_the_limit_not_before(world: World) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for attempt in range(limit - 1):
        assert _login("admin", "wrong", f"10.0.1.{attempt}") == 200  # the form again, with its error
    assert _login("admin", PASSWORD, "10.0.2.1") == 302  # one below the limit: the right password works
    for attempt in range(limit - 1):  # the success reset the count: limit - 1 failures again ...
        assert _login("admin", "wrong", f"10.0.3.{attempt}") == 200
    assert _login("admin", "wrong", "10.0.3.99") == 429  # ... and the limit-th is refused
    response = Client(REMOTE_ADDR="10.0.4.1").post(LOGIN, {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429  # per account: from a new address, even with the right password
    assert "锁定" in response.content.decode() and int(response["Retry-After"]) == 15 * 60
    assert _login("supervisor", PASSWORD, "10.0.4.2") == 302  # another account is not affected


@pytest.mark.django_db
def test_an_address_is_locked_at_the_limit_whatever_the_account(world: World) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        assert _login(f"guess{attempt}", "wrong", "192.0.2.9") == 200  # a different account each time
    assert _login("guess-last", "wrong", "192.0.2.9") == 429
    assert _login("supervisor", PASSWORD, "192.0.2.9") == 429  # per address: every account from there
    assert _login("supervisor", PASSWORD, "192.0.2.10") == 302  # from elsewhere the account is fine


@pytest.mark.django_db
def test_group_and_permission_grants_are_audited(world: World) -> None:
    user = world.users["leader"]
    group = Group.objects.create(name="督查员")
    permission = Permission.objects.get(codename="change_report")
    assert AuditLog.objects.filter(model="auth.group", action="create", object_id=str(group.pk)).exists()

    group.permissions.add(permission)
    user.groups.add(group)
    user.user_permissions.add(permission)
    user.user_permissions.remove(permission)
    user.groups.clear()
    events = list(AuditLog.objects.filter(action__contains=".").exclude(action__startswith="report").order_by("id"))
    actions = [(e.action, e.model, e.after["ids"]) for e in events if e.after and "ids" in e.after]
    assert actions == [
        ("permissions.add", "auth.group", [permission.pk]),
        ("groups.add", "auth.user", [group.pk]),
        ("user_permissions.add", "auth.user", [permission.pk]),
        ("user_permissions.remove", "auth.user", [permission.pk]),
        ("groups.clear", "auth.user", [group.pk]),
    ]
    assert "督查员" in events[1].after["names"]


@pytest.mark.django_db
def test_a_grant_through_the_admin_is_audited_with_its_actor(world: World) -> None:
    group = Group.objects.create(name="审核组")
    client = Client()
    client.force_login(world.users["admin"])
    user = world.users["leader"]
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": user.username,
            "password": user.password,
            "is_active": "on",
            "groups": [group.pk],
            "date_joined_0": "2016-01-01",
            "date_joined_1": "00:00:00",
            "initial-date_joined_0": "2016-01-01",
            "initial-date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditLog.objects.get(action="groups.add", object_id=str(user.pk))
    assert event.actor_name == "admin" and event.after["ids"] == [group.pk]


@pytest.mark.django_db
def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_PROXY_COUNT = 1

    def attempt(forwarded: str, username: str, password: str = "wrong") -> int:
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        return client.post(LOGIN, {"username": username, "password": password}).status_code

    for n in range(settings.AXES_FAILURE_LIMIT - 1):  # forged first entries do not make new addresses
        assert attempt(f"1.1.1.{n}, 203.0.113.5", f"guess{n}") == 200
    assert attempt("9.9.9.9, 203.0.113.5", "guess-last") == 429
    assert attempt("203.0.113.5", "supervisor", PASSWORD) == 429  # that client is locked out ...
    assert attempt("203.0.113.6", "supervisor", PASSWORD) == 302  # ... the others behind the proxy are not
