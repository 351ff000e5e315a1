"""Token lifecycle: expiry (frozen clock, both sides), revoke by owner and office, password change, who mints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from luoshi_web.registry import clock, tokens
from luoshi_web.registry.errors import Forbidden, NotFound
from luoshi_web.registry.models import ApiToken, AuditLog

from .conftest import World, post_json


@pytest.fixture(autouse=True)
def _chinese():  # type: ignore[no-untyped-def]
    """Domain messages in the default language, whatever language an earlier request activated."""
    with translation.override("zh-hans"):
        yield


ISSUED = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    """Set ``clock.now`` to a moment; returns the setter."""

    def at(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    at(ISSUED)
    return at


def bearer(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_token_works_until_it_expires(world: World, frozen, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_TOKEN_DAYS = 90
    key, token = tokens.mint(world.users["reporter_a"], "oa")
    assert token.expires_at == ISSUED + timedelta(days=90)

    frozen(ISSUED + timedelta(days=90) - timedelta(seconds=1))
    assert bearer(key).get("/api/v1/me").json()["username"] == "reporter_a"

    frozen(ISSUED + timedelta(days=90))
    refused = bearer(key).get("/api/v1/me")
    assert refused.status_code == 401 and refused.json()["error"]["message"] == "令牌已过期，请重新申请"


def test_lifetime_comes_from_settings(world: World, frozen, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_TOKEN_DAYS = 7
    key, _ = tokens.mint(world.users["supervisor"], "script")
    frozen(ISSUED + timedelta(days=6, hours=23))
    assert tokens.user_for(key) == world.users["supervisor"]
    frozen(ISSUED + timedelta(days=7, seconds=1))
    assert tokens.user_for(key) is None


def test_owner_revokes_own_token_through_the_api(world: World) -> None:
    key, token = tokens.mint(world.users["reporter_a"], "oa")
    client = bearer(key)
    listed = client.get("/api/v1/tokens").json()["items"]
    assert token.pk in {t["id"] for t in listed}
    assert all(t["user"] == "reporter_a" for t in listed)  # a user lists only their own
    revoked = post_json(client, f"/api/v1/tokens/{token.pk}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True and revoked.json()["working"] is False
    assert bearer(key).get("/api/v1/me").status_code == 401
    assert AuditLog.objects.filter(action="token.revoke", object_id=str(token.pk)).exists()


def test_supervisor_revokes_anyones_token_other_users_cannot(world: World) -> None:
    key, token = tokens.mint(world.users["reporter_a"], "oa")
    other = post_json(world.client("reporter_b"), f"/api/v1/tokens/{token.pk}/revoke")
    assert other.status_code == 404  # another user's token does not exist for reporter B
    with pytest.raises(NotFound):
        tokens.revoke(world.actor("leader"), token.pk)
    assert tokens.user_for(key) is not None

    everyone = world.client("supervisor").get("/api/v1/tokens?limit=200").json()["items"]
    assert {"reporter_a", "reporter_b", "leader"} <= {t["user"] for t in everyone}
    done = post_json(world.client("supervisor"), f"/api/v1/tokens/{token.pk}/revoke")
    assert done.status_code == 200
    token.refresh_from_db()
    assert token.revoked and token.revoked_by == world.users["supervisor"] and token.revoked_at is not None
    assert tokens.user_for(key) is None


def test_password_change_revokes_every_token(world: World) -> None:
    user = world.users["reporter_a"]
    first, _ = tokens.mint(user, "one")
    second, _ = tokens.mint(user, "two")
    others = world.keys["reporter_b"]
    user.first_name = "张"  # a save that does not change the password keeps the tokens
    user.save()
    assert tokens.user_for(first) == user

    user.set_password("a new password 2026")
    user.save()
    assert tokens.user_for(first) is None and tokens.user_for(second) is None
    assert not ApiToken.objects.filter(user=user, revoked=False).exists()
    assert tokens.user_for(others) == world.users["reporter_b"]  # nobody else's
    assert AuditLog.objects.filter(action="token.revoke_all").count() >= 2


def test_only_machine_roles_mint(world: World) -> None:
    for persona in ("leader", "expert"):
        with pytest.raises(Forbidden):
            tokens.mint(world.users[persona], "x")
        response = post_json(world.client(persona), "/api/v1/tokens", {"name": "x"})
        assert response.status_code == 403, persona
    for persona in ("admin", "supervisor", "reporter_a"):
        response = post_json(world.client(persona), "/api/v1/tokens", {"name": "x"})
        assert response.status_code == 201, persona
        assert response.json()["token"].startswith("lsk_")


def test_cli_refuses_a_read_only_role_and_lists_and_revokes(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        call_command("token", "leader")
    assert exit_info.value.code == 2
    assert "只有管理员、督查室和填报单位" in capsys.readouterr().err

    call_command("token", "reporter_a", "--name", "oa")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(key_hash=tokens._digest(key))
    call_command("token", "--list", "reporter_a")
    assert f"{token.pk}\treporter_a\t{token.prefix}…\toa" in capsys.readouterr().out
    call_command("token", "--revoke", str(token.pk))
    assert tokens.user_for(key) is None


def test_rehash_on_login_is_not_a_password_change(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    """Django re-hashes an outdated hash when the user logs in; the password is the same, tokens stay."""
    user = world.users["reporter_a"]
    old_hash = user.password
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert user.check_password("x" * 12)  # the fixture's password; saves a PBKDF2 hash
    user.refresh_from_db()
    assert user.password != old_hash and user.password.startswith("pbkdf2_")
    assert tokens.user_for(world.keys["reporter_a"]) == user

    user.set_password("x" * 12)  # set again, even to the same words: a deliberate change
    user.save()
    assert tokens.user_for(world.keys["reporter_a"]) is None
