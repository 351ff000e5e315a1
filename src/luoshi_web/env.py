"""Typed readers for settings taken from environment variables.

A deployment is configured only through the environment; a typo such as
``LUOSHI_DEBUG=ture`` must stop the process at start-up instead of silently
meaning "off", so every reader raises :class:`ImproperlyConfigured` on a value
it cannot interpret.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(choices)}")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    path = Path(raw).expanduser() if raw else default
    return path.resolve()


def secret_key(data_dir: Path) -> str:
    """``LUOSHI_SECRET_KEY`` if set, else a key generated once into the data dir.

    There is no built-in fallback key: a hard-coded one would be public and
    let anyone forge sessions. The generated file is created with mode 0600.
    """
    from_env = os.environ.get("LUOSHI_SECRET_KEY")
    if from_env:
        if len(from_env) < 32:
            raise ImproperlyConfigured("LUOSHI_SECRET_KEY must be at least 32 characters")
        return from_env
    key_file = data_dir / "luoshi-secret.key"
    if key_file.exists():
        key = key_file.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
        raise ImproperlyConfigured(f"{key_file} holds a key shorter than 32 characters")
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def private_file(path: Path) -> Path:
    """Create ``path`` (and its directory) if missing, and make it readable by its owner only (0600).

    For the SQLite database: SQLite gives its ``-wal`` and ``-shm`` files the database
    file's mode, so they are private too. An existing file with a wider mode is narrowed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path
