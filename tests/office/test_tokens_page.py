"""The API tokens page: own tokens (the office: everyone's), mint with the key shown once, revoke; personas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from luoshi_web.registry import clock, tokens
from luoshi_web.registry.models import ApiToken, AuditLog
from web.conftest import World

pytestmark = pytest.mark.django_db

URL = "/tokens/"
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):  # type: ignore[no-untyped-def]
    def at(moment: datetime) -> None:
        monkeypatch.setattr(clock, "now", lambda: moment)

    at(NOW)
    return at


def _table(html: str) -> str:
    return html[html.index('id="tokens"') : html.index("</table>")]


def test_the_route_and_the_nav_link(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    assert reverse("office:tokens") == URL
    html = browse("leader").get(reverse("office:home")).content.decode()
    assert f'href="{URL}"' in html


def test_anonymous_is_sent_to_login(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("anonymous")
    for response in (client.get(URL), client.post(URL, {"action": "mint", "name": "oa"})):
        assert response.status_code == 302 and response["Location"].startswith(reverse("office:login"))
    assert not ApiToken.objects.filter(name="oa").exists()


def test_a_reporter_sees_only_their_own_tokens_with_their_state(world: World, browse, frozen, settings) -> None:  # type: ignore[no-untyped-def]
    settings.LUOSHI_TOKEN_DAYS = 90
    ApiToken.objects.all().delete()
    own = world.users["reporter_a"]
    tokens.issue(own, "办公系统")
    revoked = tokens.mint(own, "旧脚本")[1]
    tokens.revoke_row(revoked)
    frozen(NOW - timedelta(days=90))  # issued 90 days ago: expires exactly now
    tokens.issue(own, "过期脚本")
    frozen(NOW - timedelta(days=90) + timedelta(seconds=1))  # one second later: still working now
    tokens.issue(own, "刚好有效")
    tokens.issue(world.users["reporter_b"], "别人的令牌")
    frozen(NOW)
    html = _table(browse("reporter_a").get(URL).content.decode())
    rows = {name: html[html.index(name) :].split("</tr>")[0] for name in ("办公系统", "旧脚本", "过期脚本", "刚好有效")}
    assert ">有效<" in rows["办公系统"] and ">已撤销<" in rows["旧脚本"] and ">已过期<" in rows["过期脚本"]
    assert ">有效<" in rows["刚好有效"]
    assert "撤销</button>" in rows["办公系统"] and "<button" not in rows["旧脚本"]
    assert "别人的令牌" not in html and "reporter_b" not in html
    # created and expires in the installation's time zone (Asia/Shanghai: 08:00 UTC is 16:00)
    assert "2026-03-01 16:00" in rows["办公系统"] and "2026-05-30 16:00" in rows["办公系统"]


def test_the_supervisor_sees_every_token_with_its_owner(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    html = _table(browse("supervisor").get(URL).content.decode())
    for name in ("reporter_a", "reporter_b", "leader", "expert", "supervisor"):
        assert f"<td>{name}</td>" in html
    assert "<td>reporter_b</td>" not in _table(browse("reporter_a").get(URL).content.decode())


def test_minting_shows_the_key_once_and_stores_only_its_digest(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    response = client.post(URL, {"action": "mint", "name": "单位办公系统"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    key = html.split('<code id="token-key">')[1].split("</code>")[0]
    assert key.startswith(tokens.TOKEN_PREFIX) and "只显示这一次" in html
    token = ApiToken.objects.get(name="单位办公系统")
    assert token.user == world.users["reporter_a"] and key not in (token.key_hash, token.prefix)
    assert tokens.user_for(key) == world.users["reporter_a"]
    assert AuditLog.objects.filter(action="token.issue", object_id=str(token.pk)).exists()
    again = client.get(URL).content.decode()
    assert "单位办公系统" in again and key not in again and "token-key" not in again


@pytest.mark.parametrize("name", ["", "   ", "x" * 1000, "x" * 101])
def test_bad_names_are_a_form_message_and_nothing_is_written(world: World, browse, name) -> None:  # type: ignore[no-untyped-def]
    before = ApiToken.objects.count(), AuditLog.objects.count()
    response = browse("reporter_a").post(URL, {"action": "mint", "name": name})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'class="error"' in html and "token-key" not in html
    assert (ApiToken.objects.count(), AuditLog.objects.count()) == before


def test_the_longest_name_is_accepted(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    response = browse("supervisor").post(URL, {"action": "mint", "name": "x" * 100})
    assert response.status_code == 200 and ApiToken.objects.filter(name="x" * 100).exists()


@pytest.mark.parametrize("persona", ["leader", "expert"])
def test_a_role_that_may_not_mint_sees_no_form_and_gets_403(world: World, browse, persona) -> None:  # type: ignore[no-untyped-def]
    client = browse(persona)
    html = client.get(URL).content.decode()
    assert 'value="mint"' not in html and "test" in _table(html)  # their own token is still listed
    before = ApiToken.objects.count()
    assert client.post(URL, {"action": "mint", "name": "oa"}).status_code == 403
    assert ApiToken.objects.count() == before


@pytest.mark.parametrize("persona", ["reporter_a", "supervisor"])
def test_the_form_is_there_for_roles_that_may_mint(world: World, browse, persona) -> None:  # type: ignore[no-untyped-def]
    assert 'value="mint"' in browse(persona).get(URL).content.decode()


def _token(world: World, persona: str) -> ApiToken:
    return ApiToken.objects.get(user=world.users[persona], name="test")


def test_the_owner_revokes_their_own_token(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    token = _token(world, "reporter_a")
    response = browse("reporter_a").post(URL, {"action": "revoke", "token": token.pk}, follow=True)
    token.refresh_from_db()
    assert token.revoked and token.revoked_by == world.users["reporter_a"]
    assert "已撤销令牌 test" in response.content.decode()
    assert tokens.user_for(world.keys["reporter_a"]) is None
    assert AuditLog.objects.filter(action="token.revoke", object_id=str(token.pk)).count() == 1


def test_another_reporter_gets_404_and_nothing_changes(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    token = _token(world, "reporter_a")
    before = AuditLog.objects.count()
    for value in (token.pk, "abc", "999999"):
        assert browse("reporter_b").post(URL, {"action": "revoke", "token": value}).status_code == 404
    token.refresh_from_db()
    assert not token.revoked and AuditLog.objects.count() == before


def test_the_supervisor_revokes_anyones_token(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    token = _token(world, "reporter_b")
    assert browse("supervisor").post(URL, {"action": "revoke", "token": token.pk}).status_code == 302
    token.refresh_from_db()
    assert token.revoked and token.revoked_by == world.users["supervisor"]


def test_csrf_is_enforced(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("reporter_a", csrf=True)
    token = _token(world, "reporter_a")
    assert client.post(URL, {"action": "revoke", "token": token.pk}).status_code == 403
    assert client.post(URL, {"action": "mint", "name": "oa"}).status_code == 403
    token.refresh_from_db()
    assert not token.revoked and not ApiToken.objects.filter(name="oa").exists()
    client.get(URL)  # the page sets the CSRF cookie; with it the same POST goes through
    response = client.post(
        URL, {"action": "revoke", "token": token.pk, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    )
    token.refresh_from_db()
    assert response.status_code == 302 and token.revoked


def test_the_page_in_english(world: World, browse) -> None:  # type: ignore[no-untyped-def]
    client = browse("reporter_a")
    tokens.revoke_row(_token(world, "reporter_a"))
    html = client.post(URL, {"action": "mint", "name": "oa"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Copy it now" in html and "Request a new token" in html
    table = _table(html)
    assert ">Revoked<" in table and ">Working<" in table and ">已撤销<" not in table
