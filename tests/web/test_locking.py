"""Imports hold SQLite's write lock only for their final write, and a locked database is "busy", not a crash.

These run the real command line (``luoshi import``) in separate processes against a file
database, the way two operators would. With ``DATABASE_URL`` set (PostgreSQL), the
concurrent-import case runs there too (no global write lock: both must simply succeed).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import UNIT_A, UNIT_B, contract, document, target, task

PY = sys.executable
ON_POSTGRES = bool(os.environ.get("DATABASE_URL"))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_")}
    env.update(
        DJANGO_SETTINGS_MODULE="luoshi_web.settings",
        LUOSHI_DATA_DIR=str(tmp_path / "data"),
        LUOSHI_SECRET_KEY="k" * 40,
        **extra,
    )
    return env


def _luoshi(env: dict[str, str], *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    code = "import sys; from luoshi_web.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([PY, "-c", code, *args], env=env, capture_output=True, text=True, timeout=timeout)


def _big_contract(path: Path, tag: str, documents: int = 20, tasks: int = 8) -> Path:
    docs = [
        document(
            f"川{tag}发〔2016〕{d}号",
            f"关于第{d}项工作的通知",
            tasks=[
                task(["一", str(t)], f"第{d}号文第{t}项任务，2016年底前完成。", [UNIT_A, UNIT_B]) for t in range(tasks)
            ],
            targets=[target(f"指标{d}", 50 + d)],
        )
        for d in range(documents)
    ]
    path.write_text(json.dumps(contract(*docs), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def database(tmp_path: Path) -> dict[str, str]:
    """A migrated, empty database for the subprocesses: a fresh SQLite file, or the PostgreSQL of DATABASE_URL."""
    (tmp_path / "data").mkdir()
    env = _env(tmp_path, LUOSHI_SQLITE_BUSY_MS="50")
    if ON_POSTGRES:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    run = _luoshi(env, "migrate", "--verbosity", "0")
    assert run.returncode == 0, run.stderr
    if ON_POSTGRES:
        assert _luoshi(env, "flush", "--no-input").returncode == 0
    return env


def test_two_concurrent_imports_both_land(database: dict[str, str], tmp_path: Path) -> None:
    files = [_big_contract(tmp_path / f"{tag}.json", tag) for tag in ("甲", "乙")]
    code = "import sys; from luoshi_web.cli import main; sys.exit(main(sys.argv[1:]))"
    procs = [
        subprocess.Popen(
            [PY, "-c", code, "import", str(f)], env=database, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for f in files
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for rc, _out, err in results:
        assert rc == 0, err
        assert "Traceback" not in err and "locked" not in err
    counted = _luoshi(
        database,
        "shell",
        "-c",
        "from luoshi_web.registry.models import Document, Task; print(Document.objects.count(), Task.objects.count())",
    )
    assert counted.stdout.strip().splitlines()[-1].split() == ["40", str(40 * 8)]


def _hold_write_lock(db: Path, ready: threading.Event, release: threading.Event, seconds: float = 60) -> None:
    conn = sqlite3.connect(db, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    ready.set()
    release.wait(seconds)
    conn.rollback()
    conn.close()


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's single write lock; PostgreSQL has no such lock")
def test_an_import_facing_a_held_lock_waits_then_answers_busy(database: dict[str, str], tmp_path: Path) -> None:
    source = _big_contract(tmp_path / "one.json", "丙", documents=2, tasks=2)
    db = Path(database["LUOSHI_DATA_DIR"]) / "luoshi.sqlite3"
    ready, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db, ready, release))
    holder.start()
    ready.wait()
    try:
        run = _luoshi({**database, "LUOSHI_IMPORT_WAIT_SECONDS": "1"}, "import", str(source))
    finally:
        release.set()
        holder.join()
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert "稍后再试" in run.stderr and "[busy]" in run.stderr
    # Waiting longer than the other writer holds the lock (1.5 s after the import starts): it lands.
    ready, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db, ready, release, 1.5))
    holder.start()
    ready.wait()
    run = _luoshi({**database, "LUOSHI_IMPORT_WAIT_SECONDS": "30"}, "import", str(source))
    holder.join()
    assert run.returncode == 0, run.stderr


API_WRITE = """
import sqlite3, sys, threading, time, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from luoshi_web.registry import tokens
from luoshi_web.registry.models import Profile, ReportingCycle
user = get_user_model().objects.create_user("sup", password="x" * 12)
Profile.objects.create(user=user, role="supervisor")
client = Client(HTTP_AUTHORIZATION="Bearer " + tokens.issue(user, "t"))
hold = sqlite3.connect(sys.argv[1], timeout=30)
hold.execute("BEGIN IMMEDIATE")
busy = client.post("/api/v1/cycles", data='{"quarter_of": "2016-05-01"}', content_type="application/json")
print(busy.status_code, busy.json()["error"]["code"], busy.get("Retry-After"))
hold.rollback()
done = client.post("/api/v1/cycles", data='{"quarter_of": "2016-05-01"}', content_type="application/json")
print(done.status_code, ReportingCycle.objects.count())
"""


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's single write lock; PostgreSQL has no such lock")
def test_an_api_write_during_an_import_is_busy_not_a_500(database: dict[str, str]) -> None:
    db = Path(database["LUOSHI_DATA_DIR"]) / "luoshi.sqlite3"
    env = {**database, "LUOSHI_ALLOWED_HOSTS": "testserver"}
    run = subprocess.run([PY, "-c", API_WRITE, str(db)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["503", "busy", "5", "201", "1"]
