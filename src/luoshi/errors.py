"""One catalogue of the errors Luoshi reports to people.

Every error a user can cause (a file we cannot read, a format we do not know)
is a :class:`LuoshiError` with a stable code; the CLI prints one line
``luoshi: FILE: reason [Exxx]`` and exits 2, the API returns the same code in
its JSON error shape. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class ErrorCode(StrEnum):
    NOT_FOUND = "E001"
    NOT_A_FILE = "E002"
    EMPTY = "E003"
    TOO_LARGE = "E004"
    UNKNOWN_FORMAT = "E005"
    BINARY = "E006"
    UNDECODABLE = "E007"
    CORRUPT = "E008"
    ENCRYPTED = "E009"
    NO_TEXT = "E010"
    WRONG_EXTENSION = "E011"
    UNREADABLE = "E012"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.NOT_FOUND: "file not found",
    ErrorCode.NOT_A_FILE: "not a regular file",
    ErrorCode.EMPTY: "file is empty",
    ErrorCode.TOO_LARGE: "file is too large",
    ErrorCode.UNKNOWN_FORMAT: "unknown format (expected .txt, .pdf, .docx or .html)",
    ErrorCode.BINARY: "binary content, not text",
    ErrorCode.UNDECODABLE: "text encoding could not be detected",
    ErrorCode.CORRUPT: "file is corrupt or truncated",
    ErrorCode.ENCRYPTED: "file is encrypted",
    ErrorCode.NO_TEXT: "no text found (a scanned PDF needs OCR first)",
    ErrorCode.WRONG_EXTENSION: "content does not match the file extension",
    ErrorCode.UNREADABLE: "file cannot be read",
}


class LuoshiError(Exception):
    """An error caused by the input, reported as one line naming the file."""

    def __init__(self, code: ErrorCode, path: Path | str | None = None, detail: str | None = None):
        self.code = code
        self.path = Path(path) if path is not None else None
        self.detail = detail
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        base = MESSAGES[self.code]
        return f"{base}: {self.detail}" if self.detail else base

    @property
    def message(self) -> str:
        where = f"{self.path}: " if self.path is not None else ""
        return f"{where}{self.reason} [{self.code.value}]"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code.value,
            "file": str(self.path) if self.path else None,
            "message": self.reason,
        }
