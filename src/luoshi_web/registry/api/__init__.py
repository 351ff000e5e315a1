"""The REST API under ``/api/v1/`` (Django Ninja; OpenAPI at ``/api/v1/openapi.json``)."""

from luoshi_web.registry.api.core import api

__all__ = ["api"]
