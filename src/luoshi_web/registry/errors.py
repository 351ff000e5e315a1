"""Errors the registry reports to people, each with an HTTP status and a stable code.

The API turns every one into the single JSON error shape
``{"error": {"code": ..., "message": ...}}``; the CLI prints the message on one line.
The ``code`` is for machines and never changes; the ``message`` is for people and is
translated: callers pass ``gettext("中文原文 %(name)s") % {...}``, evaluated where the
error is raised, so it is in the language of the request (zh-Hans by default, English
with ``Accept-Language: en``) or of the command line (the default language).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from luoshi.errors import ErrorCode, LuoshiError


class RegistryError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str | Promise, *, code: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
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


class Busy(RegistryError):
    """The database is locked by another writer (SQLite: an import): try again shortly."""

    status = 503
    code = "busy"


class Invalid(RegistryError):
    status = 422
    code = "invalid"


class ContractError(Invalid):
    """The input is not valid ``luoshi.parse/1`` (the importer refuses it whole)."""

    code = "invalid_contract"


def located(where: object, message: str) -> str:
    """A message about one place (a file, a field, a JSON path): ``place：message``, translated."""
    return gettext("%(where)s：%(message)s") % {"where": where, "message": message}


# The pipeline (``luoshi``) never imports Django, so its catalogue is English only;
# the registry shows its errors to people, so it says the same things in Chinese here,
# one entry per code (a new pipeline code falls back to the pipeline's English text).
PIPELINE_MESSAGES: dict[ErrorCode, Promise] = {
    ErrorCode.NOT_FOUND: gettext_lazy("文件不存在"),
    ErrorCode.NOT_A_FILE: gettext_lazy("不是普通文件"),
    ErrorCode.EMPTY: gettext_lazy("文件为空"),
    ErrorCode.TOO_LARGE: gettext_lazy("文件过大"),
    ErrorCode.UNKNOWN_FORMAT: gettext_lazy("未知格式（应为 .txt、.pdf、.docx 或 .html）"),
    ErrorCode.BINARY: gettext_lazy("内容是二进制数据，不是文本"),
    ErrorCode.UNDECODABLE: gettext_lazy("无法识别文本编码"),
    ErrorCode.CORRUPT: gettext_lazy("文件已损坏或不完整"),
    ErrorCode.ENCRYPTED: gettext_lazy("文件已加密"),
    ErrorCode.NO_TEXT: gettext_lazy("未找到文字（扫描版 PDF 需先做文字识别）"),
    ErrorCode.WRONG_EXTENSION: gettext_lazy("文件内容与扩展名不符"),
    ErrorCode.UNREADABLE: gettext_lazy("文件无法读取"),
}


def pipeline_reason(exc: LuoshiError) -> str:
    """The translated reason of a pipeline error (without file name or code), plus its detail."""
    base = PIPELINE_MESSAGES.get(exc.code)
    if base is None:
        return exc.reason
    if exc.detail:
        return gettext("%(reason)s：%(detail)s") % {"reason": base, "detail": exc.detail}
    return str(base)
