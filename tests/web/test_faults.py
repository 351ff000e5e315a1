"""SIGKILL at a random moment of ``luoshi import`` and ``luoshi restore``: the database is the old one or the new one.

Each run resets a prepared installation (database and evidence directory), starts the
command on it in its own process, kills it with SIGKILL after a random delay spread over
the command's whole run (start-up included), and reads what the installation holds
afterwards. The state is the row count of every table (the audit log included) and the
set of evidence rows (file name, SHA-256): it must equal the state before the command or
the state after a run left alone, never anything between. After a killed restore the
evidence files must also agree with the database: every evidence row's file is on disk
with the row's SHA-256. Runs are bounded (a timeout each, 20 runs per command).

On SQLite (the default) the installation is a copied file (SQLite replays or drops its WAL
on open). With ``DATABASE_URL`` set it is a PostgreSQL database: the prepared one is the
template of a fresh copy for each run (``CREATE DATABASE … TEMPLATE``), named after the
test database (``test_<name>_kbase`` and ``test_<name>_krun``, dropped at the end).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import UNIT_A, UNIT_B, contract, document, target, task

PY = sys.executable
RUNS = 20
CODE = "import sys; from luoshi_web.cli import main; sys.exit(main(sys.argv[1:]))"
# Evidence rows with their files, written through the models (audited), for the restore runs.
EVIDENCE = """
import hashlib, sys
from datetime import date
import django
django.setup()
from django.core.files.base import ContentFile
from luoshi_web.registry import audit
from luoshi_web.registry.models import Evidence, Report, ReportingCycle, Task, Unit
tag, count = sys.argv[1], int(sys.argv[2])
with audit.action("test.evidence"):
    unit = Unit.objects.create(name="佐证测试单位" + tag)
    cycle, _ = ReportingCycle.objects.get_or_create(
        period_start=date(2016, 1, 1), period_end=date(2016, 3, 31), defaults={"name": "2016年第一季度"}
    )
    report = Report.objects.create(task=Task.objects.order_by("id").first(), unit=unit, cycle=cycle, kind="progress")
    for i in range(count):
        data = f"{tag} 第{i}份佐证材料\\n".encode() * 50
        Evidence.objects.create(
            report=report, file=ContentFile(data, name=f"{tag}-{i}.txt"), original_name=f"{tag}-{i}.txt",
            sha256=hashlib.sha256(data).hexdigest(), size=len(data),
        )
"""

State = tuple[tuple[tuple[str, int], ...], frozenset[tuple[str, str]]]


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("LUOSHI_") and k != "DATABASE_URL"}


class SQLiteSite:
    """An installation in a SQLite file; reset by copying the file."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def env(self, name: str) -> dict[str, str]:
        env = _base_env()
        env.update(
            DJANGO_SETTINGS_MODULE="luoshi_web.settings",
            LUOSHI_DATA_DIR=str(self.root / "data"),
            LUOSHI_DB=str(self.root / f"{name}.sqlite3"),
            LUOSHI_MEDIA_DIR=str(self.media(name)),
            LUOSHI_SECRET_KEY="k" * 40,
        )
        return env

    def media(self, name: str) -> Path:
        return self.root / f"{name}-evidence"

    def copy(self, source: str, target: str) -> None:
        db, copy = self.root / f"{source}.sqlite3", self.root / f"{target}.sqlite3"
        for suffix in ("-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        assert not Path(f"{db}-wal").exists()  # the source was closed cleanly: one file holds it all
        shutil.copyfile(db, copy)
        _copy_media(self.media(source), self.media(target))

    def query(self, name: str, sql: str) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.root / f"{name}.sqlite3")
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def tables(self, name: str) -> list[str]:
        return [r[0] for r in self.query(name, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]

    def close(self) -> None:
        pass


class PostgresSite:
    """An installation in a PostgreSQL database; reset by re-creating it from a template."""

    def __init__(self, root: Path, url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.root = root
        self.url = urllib.parse.urlsplit(url)
        self.prefix = "test_" + self.url.path.lstrip("/")
        self.names: set[str] = set()

    def db(self, name: str) -> str:
        return f"{self.prefix}_k{name}"

    def _url(self, database: str) -> str:
        return urllib.parse.urlunsplit(self.url._replace(path="/" + database))

    def _admin(self, *statements: str) -> None:
        """Run each statement, retrying while the database is still in use (a killed command's
        backend not yet gone, autovacuum on the template): bounded, about 30 s."""
        errors = self.psycopg.errors
        with self.psycopg.connect(self._url("postgres"), autocommit=True) as conn:
            for statement in statements:
                for attempt in range(60):
                    try:
                        conn.execute(statement)
                        break
                    except (errors.ObjectInUse, errors.InsufficientPrivilege):
                        if attempt == 59:
                            raise
                        time.sleep(0.5)

    def env(self, name: str) -> dict[str, str]:
        if name not in self.names:
            self._admin(f'DROP DATABASE IF EXISTS "{self.db(name)}"', f'CREATE DATABASE "{self.db(name)}"')
            self.names.add(name)
        env = _base_env()
        env.update(
            DJANGO_SETTINGS_MODULE="luoshi_web.settings",
            DATABASE_URL=self._url(self.db(name)),
            LUOSHI_DATA_DIR=str(self.root / "data"),
            LUOSHI_MEDIA_DIR=str(self.media(name)),
            LUOSHI_SECRET_KEY="k" * 40,
        )
        return env

    def media(self, name: str) -> Path:
        return self.root / f"{name}-evidence"

    def copy(self, source: str, target: str) -> None:
        self._admin(
            f'DROP DATABASE IF EXISTS "{self.db(target)}"',
            f'CREATE DATABASE "{self.db(target)}" TEMPLATE "{self.db(source)}"',
        )
        self.names.add(target)
        _copy_media(self.media(source), self.media(target))

    def query(self, name: str, sql: str) -> list[tuple[Any, ...]]:
        with self.psycopg.connect(self._url(self.db(name))) as conn:
            return [tuple(row) for row in conn.execute(sql).fetchall()]

    def tables(self, name: str) -> list[str]:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        return [r[0] for r in self.query(name, sql)]

    def close(self) -> None:
        self._admin(*(f'DROP DATABASE IF EXISTS "{self.db(name)}"' for name in sorted(self.names)))


def _copy_media(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, target)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SQLiteSite | PostgresSite]:
    (tmp_path / "data").mkdir()
    url = os.environ.get("DATABASE_URL")
    backend = PostgresSite(tmp_path, url) if url else SQLiteSite(tmp_path)
    try:
        yield backend
    finally:
        backend.close()


def _run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([PY, "-c", CODE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _state(site: SQLiteSite | PostgresSite, name: str) -> State:
    counts = tuple((t, site.query(name, f'SELECT COUNT(*) FROM "{t}"')[0][0]) for t in site.tables(name))
    evidence = frozenset((str(f), str(s)) for f, s in site.query(name, "SELECT file, sha256 FROM registry_evidence"))
    return counts, evidence


def _files_disagree(site: SQLiteSite | PostgresSite, name: str) -> list[str]:
    """Evidence rows whose file is missing or holds other bytes than the row's SHA-256."""
    media = site.media(name)
    wrong = []
    for file, sha in site.query(name, "SELECT file, sha256 FROM registry_evidence"):
        path = media / file
        if not path.is_file():
            wrong.append(f"{file}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            wrong.append(f"{file}: other content")
    return wrong


def _contract_file(path: Path, tag: str, documents: int) -> Path:
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


def _kill_runs(
    site: SQLiteSite | PostgresSite,
    args: list[str],
    old: State,
    new: State,
    duration: float,
    check: Callable[[], list[str]] | None = None,
) -> list[str]:
    """RUNS kills spread over ``duration``; returns which state each run left (``old`` or ``new``)."""
    rng = random.Random(9)
    seen = []
    for _ in range(RUNS):
        site.copy("base", "run")
        env = site.env("run")
        proc = subprocess.Popen([PY, "-c", CODE, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4 * duration, 1.1 * duration))  # start-up is most of a run
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state = _state(site, "run")
        assert state in (old, new), "the database is neither the old one nor the new one"
        if check is not None:
            assert check() == [], "evidence files disagree with the database"
        seen.append("old" if state == old else "new")
    return seen


def test_import_killed_at_any_moment_leaves_the_old_or_the_new_database(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(site.env("base"), "migrate", "--verbosity", "0")
    _run(site.env("base"), "import", str(_contract_file(tmp_path / "first.json", "甲", 5)))
    second = _contract_file(tmp_path / "second.json", "乙", 30)
    site.copy("base", "done")
    started = time.monotonic()
    _run(site.env("done"), "import", str(second))
    duration = time.monotonic() - started
    old, new = _state(site, "base"), _state(site, "done")
    assert old != new
    seen = _kill_runs(site, ["import", str(second)], old, new, duration)
    assert len(seen) == RUNS and "old" in seen  # some kills landed before the commit
    print(f"import: {seen.count('old')} old, {seen.count('new')} new of {RUNS}")


def test_restore_killed_at_any_moment_leaves_the_old_or_the_new_database_and_files(site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(site.env("base"), "migrate", "--verbosity", "0")
    _run(site.env("base"), "import", str(_contract_file(tmp_path / "small.json", "丙", 30)))
    evidence = subprocess.run([PY, "-c", EVIDENCE, "旧", "6"], env=site.env("base"), capture_output=True, text=True)
    assert evidence.returncode == 0, evidence.stderr
    archive = tmp_path / "site.zip"
    _run(site.env("base"), "backup", str(archive))
    # The state to lose: more documents, more evidence (the archive does not have these files).
    _run(site.env("base"), "import", str(_contract_file(tmp_path / "more.json", "丁", 10)))
    evidence = subprocess.run([PY, "-c", EVIDENCE, "新", "4"], env=site.env("base"), capture_output=True, text=True)
    assert evidence.returncode == 0, evidence.stderr
    # The archive's files are missing on disk (deleted by hand since): the restore brings them back.
    deleted = sorted(f for f, _ in site.query("base", "SELECT file, sha256 FROM registry_evidence") if "旧" in f)[:3]
    for name in deleted:
        (site.media("base") / name).unlink()
    site.copy("base", "done")
    started = time.monotonic()
    _run(site.env("done"), "restore", str(archive), "--force")
    duration = time.monotonic() - started
    old, new = _state(site, "base"), _state(site, "done")
    assert old != new and old[1] != new[1]
    assert _files_disagree(site, "done") == []
    args = ["restore", str(archive), "--force"]

    def check() -> list[str]:
        wrong = _files_disagree(site, "run")
        if _state(site, "run") == old:  # the old rows: the files deleted by hand may still be missing
            return [w for w in wrong if w not in {f"{name}: missing" for name in deleted}]
        return wrong

    seen = _kill_runs(site, args, old, new, duration, check)
    assert len(seen) == RUNS and "old" in seen
    print(f"restore: {seen.count('old')} old, {seen.count('new')} new of {RUNS}")
