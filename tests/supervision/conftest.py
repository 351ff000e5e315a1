"""Supervision tests reuse the registry's world (units A and B, documents D1 and D2, personas)."""

from __future__ import annotations

from web.conftest import World, gold_seed, make_user, world  # noqa: F401  (fixtures)
