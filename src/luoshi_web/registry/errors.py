"""Errors the registry reports to people, each with an HTTP status and a stable code.

The API turns every one into the single JSON error shape
``{"error": {"code": ..., "message": ...}}``; the CLI prints the message on one line.
"""

from __future__ import annotations


class RegistryError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class BadRequest(RegistryError):
    status = 400
    code = "bad_request"


class Unauthorized(RegistryError):
    status = 401
    code = "unauthorized"


class Forbidden(RegistryError):
    status = 403
    code = "forbidden"


class NotFound(RegistryError):
    status = 404
    code = "not_found"


class Conflict(RegistryError):
    status = 409
    code = "conflict"


class Invalid(RegistryError):
    status = 422
    code = "invalid"


class ContractError(Invalid):
    """The input is not valid ``luoshi.parse/1`` (the importer refuses it whole)."""

    code = "invalid_contract"
