"""From a file on disk to registry rows: run the pipeline, then the importer.

A ``.json`` file holding ``luoshi.parse/1`` output is imported as it is (no
parsing), so saved or hand-checked parse results can be loaded too.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext

from luoshi_web.registry.contract import SCHEMA
from luoshi_web.registry.errors import ContractError
from luoshi_web.registry.importer import ImportResult, import_contract


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
    contract, sha256 = contract_for_file(path)
    return import_contract(contract, file_sha256=sha256, source_name=path.name)
