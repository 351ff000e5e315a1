"""Stage 1: read a file into :class:`~luoshi.model.SourceText`.

``read_file`` checks the file itself (exists, regular, size, readable), picks
a reader by extension, and each reader checks that the content really is of
that format before parsing it. Every problem a user can cause surfaces as a
:class:`~luoshi.errors.LuoshiError`; nothing else escapes for bad input.

Readers do not clean text (that is ``luoshi.clean``), except what only a
reader can do because it needs positions: dropping PDF page furniture.
"""

from __future__ import annotations

import importlib
import stat
from collections.abc import Callable
from pathlib import Path

from luoshi.errors import ErrorCode, LuoshiError
from luoshi.model import SourceText

__all__ = ["MAX_FILE_BYTES", "READERS", "read_file"]

#: Largest file we read. A 公报 of several hundred pages is a few MB of PDF; anything past
#: 50 MB is a scan or the wrong file, and reading it whole into memory would hurt the web app.
MAX_FILE_BYTES = 50 * 1024 * 1024

Reader = Callable[[Path, bytes], SourceText]

#: Extension (lower case) → ``module:function`` of its reader, imported on first use so
#: that reading a TXT (or reporting a missing file) does not load PDFium, python-docx and
#: lxml. ``.shtml`` is what many government CMSs serve.
READERS: dict[str, str] = {
    ".txt": "luoshi.read.txt:read_txt",
    ".pdf": "luoshi.read.pdf:read_pdf",
    ".docx": "luoshi.read.docx:read_docx",
    ".html": "luoshi.read.html:read_html",
    ".htm": "luoshi.read.html:read_html",
    ".shtml": "luoshi.read.html:read_html",
}


def _load_reader(target: str) -> Reader:
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


#: Formats people will try that we deliberately do not read, with what to do instead.
UNSUPPORTED_HINTS: dict[str, str] = {
    ".doc": "legacy Word .doc: save it as .docx",
    ".wps": "WPS file: save it as .docx",
    ".rtf": "RTF: save it as .docx or .txt",
    ".ofd": "OFD: export it as PDF",
}


def _stat(path: Path) -> int:
    """The file's size, after checking it exists and is a regular file."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise LuoshiError(ErrorCode.NOT_FOUND, path) from None
    except PermissionError:
        raise LuoshiError(ErrorCode.UNREADABLE, path, "permission denied") from None
    except OSError as exc:
        raise LuoshiError(ErrorCode.UNREADABLE, path, exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "a special file"
        raise LuoshiError(ErrorCode.NOT_A_FILE, path, what)
    return info.st_size


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise LuoshiError(ErrorCode.UNREADABLE, path, "permission denied") from None
    except OSError as exc:
        raise LuoshiError(ErrorCode.UNREADABLE, path, exc.strerror or type(exc).__name__) from None


def read_file(path: Path | str) -> SourceText:
    """Read a TXT, PDF, DOCX or HTML file; raise LuoshiError for anything we cannot read."""
    path = Path(path)
    size = _stat(path)
    suffix = path.suffix.lower()
    target = READERS.get(suffix)
    if target is None:
        hint = UNSUPPORTED_HINTS.get(suffix) or (f"'{suffix}'" if suffix else "no extension")
        raise LuoshiError(ErrorCode.UNKNOWN_FORMAT, path, hint)
    if size == 0:
        raise LuoshiError(ErrorCode.EMPTY, path)
    if size > MAX_FILE_BYTES:
        limit_mb = MAX_FILE_BYTES // (1024 * 1024)
        raise LuoshiError(ErrorCode.TOO_LARGE, path, f"{size / (1024 * 1024):.1f} MB, limit {limit_mb} MB")
    data = _read_bytes(path)
    if not data:  # shrank between stat and read, or a pseudo-file reporting a size
        raise LuoshiError(ErrorCode.EMPTY, path)
    return _load_reader(target)(path, data)
