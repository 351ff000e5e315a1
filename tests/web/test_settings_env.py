"""Settings from the environment: typed readers refuse bad values; the secret key is never a default."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from luoshi_web.env import env_bool, env_choice, env_int, env_list, secret_key


def test_env_bool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env_bool("X_FLAG", False)


def test_env_int_and_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "12")
    assert env_int("X_NUM", 1) == 12
    monkeypatch.setenv("X_NUM", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "-1")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_NUM", 1, minimum=0)
    monkeypatch.setenv("X_HOSTS", "a.example, b.example,")
    assert env_list("X_HOSTS", []) == ["a.example", "b.example"]


def test_secret_key_is_generated_once_into_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LUOSHI_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 32 and secret_key(tmp_path) == first
    mode = os.stat(tmp_path / "luoshi-secret.key").st_mode
    assert stat.S_IMODE(mode) == 0o600
    monkeypatch.setenv("LUOSHI_SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured):
        secret_key(tmp_path)


def test_sqlite_uses_wal_and_a_busy_timeout(settings) -> None:  # type: ignore[no-untyped-def]
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
        assert "busy_timeout" in db["OPTIONS"]["init_command"]
        assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:
        assert db["ENGINE"].endswith("postgresql")


def test_languages(settings, client) -> None:  # type: ignore[no-untyped-def]
    assert settings.LANGUAGE_CODE == "zh-hans" and "en" in dict(settings.LANGUAGES)
    zh = client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "督查台账" in zh and "Supervision register" in en


def test_env_choice_accepts_only_listed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUOSHI_LANGUAGE", "EN")
    assert env_choice("LUOSHI_LANGUAGE", "zh-hans", ["zh-hans", "en"]) == "en"
    monkeypatch.setenv("LUOSHI_LANGUAGE", "fr")
    with pytest.raises(ImproperlyConfigured, match="LUOSHI_LANGUAGE"):
        env_choice("LUOSHI_LANGUAGE", "zh-hans", ["zh-hans", "en"])


def test_command_line_speaks_the_installation_language(tmp_path: Path) -> None:
    """LUOSHI_LANGUAGE sets the default language, which is what the command line speaks."""
    import subprocess
    import sys

    missing = tmp_path / "missing.txt"
    env = {**os.environ, "LUOSHI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "luoshi_web.settings"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "luoshi_web.cli", "import", str(missing)]
    chinese = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    english = subprocess.run(command, env={**env, "LUOSHI_LANGUAGE": "en"}, capture_output=True, text=True, check=False)
    assert (chinese.returncode, english.returncode) == (2, 2)
    assert chinese.stderr.strip() == f"luoshi: {missing}：文件不存在 [E001]"
    assert english.stderr.strip() == f"luoshi: {missing}: file not found [E001]"
