"""From a file on disk to registry rows: run the pipeline, then the importer.

A ``.json`` file holding ``luoshi.parse/1`` output is imported as it is (no
parsing), so saved or hand-checked parse results can be loaded too.

Locking: SQLite has one writer at a time, and a write transaction takes the lock
when it begins (``BEGIN IMMEDIATE``). So everything slow happens before the
transaction: reading the file, the pipeline, checking the whole contract. Only the
final write holds the lock. When another writer holds it (a second import), SQLite
waits ``busy_timeout`` (``LUOSHI_SQLITE_BUSY_MS``), and :func:`when_free` tries
again, with growing pauses, for up to ``LUOSHI_IMPORT_WAIT_SECONDS`` in all; then
it answers :class:`Busy` ("busy, try again"), never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.db import OperationalError, connection
from django.utils.translation import gettext

from luoshi_web.registry.contract import SCHEMA
from luoshi_web.registry.errors import Busy, ContractError
from luoshi_web.registry.importer import ImportResult, import_documents, read_contract

T = TypeVar("T")


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" / "database table is locked": another writer holds the lock."""
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def busy_error() -> Busy:
    return Busy(gettext("数据库正忙（另一项导入或写入正在进行），请稍后再试"))


def when_free(write: Callable[[], T], *, wait_seconds: float | None = None) -> T:
    """``write()``, tried again while the database is locked, for up to ``wait_seconds``; else :class:`Busy`.

    Inside a caller's transaction a failed statement cannot be retried: the error is answered at once.
    """
    wait = settings.LUOSHI_IMPORT_WAIT_SECONDS if wait_seconds is None else wait_seconds
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            return write()
        except OperationalError as exc:
            if not is_locked(exc):
                raise
            if connection.in_atomic_block or time.monotonic() + pause > deadline:
                raise busy_error() from None
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def contract_for_file(path: Path) -> tuple[dict[str, Any], str]:
    """The file's parse output and the SHA-256 of its bytes.

    Raises ``LuoshiError`` (unreadable input) or ``ContractError``.
    """
    from luoshi.errors import ErrorCode, LuoshiError

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LuoshiError(ErrorCode.NOT_FOUND, path) from None
    except IsADirectoryError:
        raise LuoshiError(ErrorCode.NOT_A_FILE, path) from None
    except OSError as exc:
        raise LuoshiError(ErrorCode.UNREADABLE, path, str(exc)) from None
    sha256 = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".json":
        try:
            contract = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ContractError(
                gettext("%(path)s：不是有效的 JSON：%(detail)s") % {"path": path, "detail": exc}
            ) from None
        if not isinstance(contract, dict) or contract.get("schema") != SCHEMA:
            raise ContractError(
                gettext("%(path)s：.json 文件应为 %(schema)s 解析结果") % {"path": path, "schema": SCHEMA}
            )
        return contract, sha256
    from luoshi.pipeline import parse_file
    from luoshi_web.registry.reading import contract_with_reading

    return contract_with_reading(parse_file(path)), sha256


def import_file(path: Path) -> ImportResult:
    """Parse and check ``path`` with no lock held, then write it in one short transaction."""
    contract, sha256 = contract_for_file(path)
    documents = read_contract(contract)
    return when_free(lambda: import_documents(documents, file_sha256=sha256, source_name=path.name))
