"""The registry's persona world (tests/web/conftest.py), plus browser-session clients for the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from web.conftest import PERSONAS, UNIT_A, UNIT_B, World, make_user, world  # noqa: F401  (fixtures reused)


@pytest.fixture
def browse(world: World):  # type: ignore[no-untyped-def]  # noqa: F811
    """``browse(persona, csrf=False)``: a client signed in as ``persona`` with a session cookie."""

    def make(persona: str, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        if persona != "anonymous":
            client.force_login(world.users[persona])
        return client

    return make
