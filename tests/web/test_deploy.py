"""Deployment defaults: security headers, TLS switches from the environment, private files, check --deploy."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from luoshi_web.registry import cycles
from luoshi_web.registry.models import Evidence

from .conftest import World

PY = sys.executable
# What docs/registry.md ("Production settings") tells an operator to set behind a TLS proxy.
PRODUCTION = {
    "LUOSHI_HTTPS": "1",
    "LUOSHI_ALLOWED_HOSTS": "registry.example.gov.cn",
    "LUOSHI_CSRF_TRUSTED_ORIGINS": "https://registry.example.gov.cn",
}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_") and k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="luoshi_web.settings", LUOSHI_DATA_DIR=str(tmp_path / "data"), **extra)
    return env


def _django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PY, "-m", "django", *args], env=env, capture_output=True, text=True, timeout=120)


def _setting(env: dict[str, str], expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    run = subprocess.run([PY, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_check_deploy_with_the_documented_production_settings_is_clean(tmp_path: Path) -> None:
    run = _django(_env(tmp_path, **PRODUCTION), "check", "--deploy", "--fail-level", "WARNING")
    assert run.returncode == 0, run.stderr + run.stdout
    assert "no issues" in run.stdout and "WARNING" not in run.stderr


def test_check_deploy_warns_without_them(tmp_path: Path) -> None:
    run = _django(_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert run.returncode != 0
    assert "security.W004" in run.stderr and "security.W008" in run.stderr  # HSTS, SSL redirect


def test_tls_settings_switch_with_the_environment(tmp_path: Path) -> None:
    expression = (
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
    )
    assert _setting(_env(tmp_path), expression) == "False False False 0 None"
    on = _setting(_env(tmp_path, LUOSHI_HTTPS="1"), expression)
    assert on == "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    # Each switch on its own: cookies secure, no redirect (the proxy redirects), a short HSTS.
    mixed = _setting(_env(tmp_path, LUOSHI_SECURE_COOKIES="1", LUOSHI_HSTS_SECONDS="300"), expression)
    assert mixed == "False True True 300 None"


@pytest.mark.django_db
def test_https_redirect_and_hsts_behind_a_proxy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/api/v1/documents")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    proxied = Client(HTTP_X_FORWARDED_PROTO="https").get("/api/v1/documents")
    assert proxied.status_code == 200 and "max-age=31536000" in proxied["Strict-Transport-Security"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "persona"),
    [
        ("/admin/login/", None),
        ("/api/v1/docs", None),
        ("/api/v1/documents", None),
        ("/login/", None),
        ("/", "supervisor"),
        ("/tasks/", "supervisor"),
        ("/", "reporter_a"),
    ],
)
def test_every_page_has_a_csp_its_own_markup_passes(url: str, persona: str | None, world: World) -> None:
    client = Client()
    if persona:
        client.force_login(world.users[persona])
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "'unsafe-eval'" not in policy
    html = response.content.decode()
    # Under script-src 'self' a page may only use scripts from files: no inline code, no handlers.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "http://" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', html))  # nothing from elsewhere


def test_the_database_and_its_wal_are_private(tmp_path: Path) -> None:
    env = _env(tmp_path, LUOSHI_SECRET_KEY="k" * 40)
    assert _django(env, "migrate", "--verbosity", "0").returncode == 0
    db = tmp_path / "data" / "luoshi.sqlite3"
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        conn.close()
    db.chmod(0o644)  # an older installation's file is narrowed at the next start
    _setting(env, "1")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_evidence_files_are_private(world: World, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    report = cycles.save_report(world.actor("reporter_a"), world.task_a, world.cycle, progress="p")
    data = b"minutes"
    evidence = Evidence.objects.create(
        report=report,
        file=ContentFile(data, name="m.txt"),
        original_name="m.txt",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    assert stat.S_IMODE(Path(evidence.file.path).stat().st_mode) == 0o600
