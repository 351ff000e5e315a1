"""The caller's API tokens: issue (shown once), list, revoke. The rules are in ``registry/tokens.py``."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from luoshi_web.registry import permissions as perm
from luoshi_web.registry import tokens
from luoshi_web.registry.api.auth import actor
from luoshi_web.registry.api.paging import page
from luoshi_web.registry.api.schemas import ErrorOut, Page
from luoshi_web.registry.models import ApiToken

router = Router(tags=["tokens"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class TokenIn(Schema):
    name: str = Field(default="api", min_length=1, max_length=100)


class TokenIssuedOut(Schema):
    token: str
    name: str
    expires_at: datetime


class TokenOut(Schema):
    id: int
    user: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked: bool
    revoked_at: datetime | None
    working: bool


def _token(t: ApiToken) -> dict:  # type: ignore[type-arg]
    return {
        "id": t.pk,
        "user": t.user.get_username(),
        "name": t.name,
        "prefix": t.prefix,
        "created_at": t.created_at,
        "expires_at": t.expires_at,
        "revoked": t.revoked,
        "revoked_at": t.revoked_at,
        "working": tokens.is_working(t),
    }


@router.post("/tokens", response={201: TokenIssuedOut, **ERRORS})
def create_token(request: HttpRequest, body: TokenIn):
    """Issue a bearer token for the calling user; the key is shown once.

    Only administrators, the supervision office and unit reporters may (403 for others);
    it expires after ``LUOSHI_TOKEN_DAYS`` days (90 by default).
    """
    who = actor(request)
    perm.require_user(who)
    key, issued = tokens.mint(who.user, body.name)
    return Status(201, {"token": key, "name": body.name, "expires_at": issued.expires_at})


@router.get("/tokens", response={200: Page[TokenOut], **ERRORS})
def list_tokens(request: HttpRequest, limit: int = 50, offset: int = 0):
    """The caller's tokens, newest first (the supervision office and administrators: everyone's)."""
    who = actor(request)
    perm.require_user(who)
    return page(tokens.tokens_for(who), limit, offset, _token)


@router.post("/tokens/{token_id}/revoke", response={200: TokenOut, **ERRORS})
def revoke_token(request: HttpRequest, token_id: int):
    """Revoke a token: its owner, or the supervision office / an administrator."""
    return _token(tokens.revoke(actor(request), token_id))
