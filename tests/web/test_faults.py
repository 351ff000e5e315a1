"""SIGKILL at a random moment of ``luoshi import`` and ``luoshi restore``: the database is the old one or the new one.

Each run copies a prepared SQLite database, starts the command on it in its own process,
kills it with SIGKILL after a random delay spread over the command's whole run (start-up
included), and reads what the file holds afterwards (SQLite replays or drops its WAL on
open). The state is the row count of every table, the audit log included: it must equal
the state before the command or the state after a run left alone, never anything between.
Runs are bounded (a timeout each, 20 runs per command). SQLite only: the copy-a-file setup
does not carry over to a PostgreSQL server.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import UNIT_A, UNIT_B, contract, document, target, task

PY = sys.executable
RUNS = 20
CODE = "import sys; from luoshi_web.cli import main; sys.exit(main(sys.argv[1:]))"

pytestmark = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="copies SQLite files; see the docstring")


def _env(data: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="luoshi_web.settings",
        LUOSHI_DATA_DIR=str(data),
        LUOSHI_DB=str(db),
        LUOSHI_MEDIA_DIR=str(data / "evidence"),
        LUOSHI_SECRET_KEY="k" * 40,
    )
    return env


def _run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([PY, "-c", CODE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _state(db: Path) -> tuple[tuple[str, int], ...]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return tuple((t, conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]) for t in tables)
    finally:
        conn.close()


def _copy(db: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    assert not Path(f"{db}-wal").exists()  # the source was closed cleanly: one file holds it all
    shutil.copyfile(db, target)


def _contract_file(path: Path, tag: str, documents: int) -> Path:
    import json

    docs = [
        document(
            f"川{tag}发〔2016〕{d}号",
            f"关于第{d}项工作的通知",
            tasks=[task(["一", str(t)], f"第{d}号文第{t}项任务。", [UNIT_A, UNIT_B]) for t in range(6)],
            targets=[target(f"指标{d}", 10 + d)],
        )
        for d in range(documents)
    ]
    path.write_text(json.dumps(contract(*docs), ensure_ascii=False), encoding="utf-8")
    return path


def _kill_runs(base: Path, work: Path, env_for, args: list[str], old, new, duration: float) -> list[str]:  # type: ignore[no-untyped-def]
    """RUNS kills spread over ``duration``; returns which state each run left (``old`` or ``new``)."""
    rng = random.Random(9)
    seen = []
    for _ in range(RUNS):
        _copy(base, work)
        proc = subprocess.Popen(
            [PY, "-c", CODE, *args], env=env_for(work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.4 * duration, 1.1 * duration))  # start-up is most of a run
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state = _state(work)
        assert state in (old, new), "the database is neither the old one nor the new one"
        seen.append("old" if state == old else "new")
    return seen


def test_import_killed_at_any_moment_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    base, done = tmp_path / "base.sqlite3", tmp_path / "done.sqlite3"
    _run(_env(data, base), "migrate", "--verbosity", "0")
    _run(_env(data, base), "import", str(_contract_file(tmp_path / "first.json", "甲", 5)))
    second = _contract_file(tmp_path / "second.json", "乙", 30)
    _copy(base, done)
    started = time.monotonic()
    _run(_env(data, done), "import", str(second))
    duration = time.monotonic() - started
    old, new = _state(base), _state(done)
    assert old != new
    seen = _kill_runs(
        base, tmp_path / "run.sqlite3", lambda db: _env(data, db), ["import", str(second)], old, new, duration
    )
    assert len(seen) == RUNS and "old" in seen  # some kills landed before the commit
    print(f"import: {seen.count('old')} old, {seen.count('new')} new of {RUNS}")


def test_restore_killed_at_any_moment_leaves_the_old_or_the_new_database(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    base, done = tmp_path / "base.sqlite3", tmp_path / "done.sqlite3"
    _run(_env(data, base), "migrate", "--verbosity", "0")
    _run(_env(data, base), "import", str(_contract_file(tmp_path / "small.json", "丙", 30)))
    archive = tmp_path / "site.zip"
    _run(_env(data, base), "backup", str(archive))
    _run(_env(data, base), "import", str(_contract_file(tmp_path / "more.json", "丁", 10)))  # the state to lose
    _copy(base, done)
    started = time.monotonic()
    _run(_env(data, done), "restore", str(archive), "--force")
    duration = time.monotonic() - started
    old, new = _state(base), _state(done)
    assert old != new
    args = ["restore", str(archive), "--force"]
    seen = _kill_runs(base, tmp_path / "run.sqlite3", lambda db: _env(data, db), args, old, new, duration)
    assert len(seen) == RUNS and "old" in seen
    print(f"restore: {seen.count('old')} old, {seen.count('new')} new of {RUNS}")
