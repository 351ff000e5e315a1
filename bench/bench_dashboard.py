"""Leaders' dashboard benchmark: the page and its refresh at 1/100 and full national size.

Why this shape: issue 11 asks the leaders' dashboard (领导驾驶舱) to answer in under 300 ms
at national size (100,000 documents, 1,000,000 tasks, 10,000 units) and to grow at most 2×
from 1/100 to full size. A GROUP BY over every task on each view cannot do that, so the
page reads summary tables that ``dashboard.refresh`` recomputes once a day (``luoshi worker``,
``luoshi dashboard refresh``); this benchmark times both: the refresh (once per size, the
daily job's cost) and the page (many times, the leaders' cost).

Data: the registry benchmark's two synthetic registries (``bench_registry.py``, databases
``<name>_bench_small`` / ``_full`` next to ``DATABASE_URL``'s). They are never loaded or
dropped here: ``--reuse`` is implied and a database a ``--keep`` run of ``bench_registry.py``
or ``bench_pages.py`` did not leave is an error. Into each this script applies the
migrations (the summary tables) and, once, generates with ``INSERT … SELECT … FROM
generate_series``: one target per 10 documents with four quarterly observations (so every
attainment state occurs), one open 督办 notice per 1,000 tasks at the four levels, and a
leader account.

Timing: the real view through Django's test client (session, middleware, template), as the
supervisor and as a leader, plus the two drill-down lists, with ``DEBUG`` off, in one
timing process per size, sizes alternated call by call (``bench_registry.time_interleaved``).

Usage:
    export DATABASE_URL=postgres://luoshi:luoshi@127.0.0.1:5432/luoshi_pages
    .venv/bin/python bench/bench_dashboard.py [--samples 100] [--explain] [--skip-refresh]
Exit status 1 when a goal is missed. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_registry as registry  # the shared loader and driver, next to this file

TARGETS_EVERY_DOCUMENTS = 10
NOTICE_EVERY_TASKS = 1000
GOAL_MS = 300


def _ok(response: Any, path: str) -> bytes:
    if response.status_code != 200:
        raise SystemExit(f"bench_dashboard: GET {path} answered {response.status_code}: {response.content[:300]!r}")
    return response.content


def migrate_beside_unlogged() -> list[str]:
    """Apply pending migrations to a kept benchmark database, whose registry tables the loader made
    UNLOGGED: a logged table may not reference an unlogged one, so the tables a pending migration
    creates are created UNLOGGED too (its SQL from ``sqlmigrate``), then the migration is recorded."""
    import io

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    with connection.cursor() as cur:
        cur.execute("SELECT relpersistence FROM pg_class WHERE relname = 'registry_task'")
        row = cur.fetchone()
    unlogged = row is not None and row[0] == "u"
    executor = MigrationExecutor(connection)
    applied = []
    for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes()):
        label, name = migration.app_label, migration.name
        if not unlogged:
            call_command("migrate", label, name, verbosity=0)
        else:
            out = io.StringIO()
            call_command("sqlmigrate", label, name, stdout=out)
            lines = [ln for ln in out.getvalue().splitlines() if ln.strip() not in ("BEGIN;", "COMMIT;")]
            sql = "\n".join(lines).replace("CREATE TABLE", "CREATE UNLOGGED TABLE")
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql)
                executor.recorder.record_applied(label, name)
        applied.append(f"{label}.{name}")
    return applied


def prepare_child(skip_refresh: bool) -> dict[str, Any]:
    """In one size's database: migrate, generate targets/notices once, a leader, then refresh (timed)."""
    registry._setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from luoshi_web.registry import clock
    from luoshi_web.registry.models import Document, Observation, Profile, Role, Target, Task, Unit
    from luoshi_web.supervision import dashboard
    from luoshi_web.supervision.models import Notice

    migrated = migrate_beside_unlogged()
    today = clock.today().isoformat()
    docs, tasks = Document.objects.count(), Task.objects.count()
    units = Unit.objects.count()
    generated: dict[str, int] = {}
    if not Target.objects.filter(match_key__startswith="bench:").exists():
        with transaction.atomic(), connection.cursor() as cur:
            generated["targets"] = registry._insert_generated(
                cur,
                Target,
                {
                    "document": f"g * {TARGETS_EVERY_DOCUMENTS}",
                    "match_key": "'bench:' || g",
                    "text": "'到' || g || '年末，重点指标达到100'",
                    "indicator": "'第' || g || '项重点指标'",
                    "kind": "'level'",
                    "comparator": "'>='",
                    "value": "100",
                    "unit_text": "'%%'",
                    "deadline": f"'{today}'::date + mod(g * 37, 700)",
                },
                f"generate_series(1, {docs // TARGETS_EVERY_DOCUMENTS}) AS g",
            )
            target_table = connection.ops.quote_name(Target._meta.db_table)
            generated["observations"] = registry._insert_generated(
                cur,
                Observation,
                {
                    "target": "t.id",
                    # from 20, rising by 0–24 points a quarter: some reach 100, most do not
                    "value": "20 + q * mod(t.id * 7, 25)",
                    "as_of": f"'{today}'::date - (3 - q) * 91",
                    "source": "'统计局季报'",
                },
                f"{target_table} AS t CROSS JOIN generate_series(0, 3) AS q WHERE t.match_key LIKE 'bench:%%'",
            )
            lead_unit = f"1 + mod(g::bigint * 31, {units})"  # the loader's lead unit of task g
            generated["notices"] = registry._insert_generated(
                cur,
                Notice,
                {
                    "task": "g",
                    "unit": lead_unit,
                    "level": "1 + mod(g / 1000, 4)",
                    "state": "'open'",
                    "number": "'督办〔2026〕' || g || '号'",
                    "reason": "'逾期未完成'",
                    "requirement": "'书面回复整改情况'",
                    "rectify_due": f"'{today}'::date + 10",
                    "issued_on": f"'{today}'::date",
                },
                f"generate_series({NOTICE_EVERY_TASKS}, {tasks}, {NOTICE_EVERY_TASKS}) AS g",
            )
        connection.set_autocommit(True)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    user, created = get_user_model().objects.get_or_create(username="bench_leader")
    if created:
        Profile.objects.create(user=user, role=Role.LEADER)
    result: dict[str, Any] = {"tasks": tasks, "documents": docs, "migrated": migrated, "generated": generated}
    if not skip_refresh or dashboard.latest_refresh() is None:
        began = time.perf_counter()
        dashboard.refresh(clock.today())
        result["refresh_seconds"] = round(time.perf_counter() - began, 2)
    done = dashboard.latest_refresh()
    assert done is not None
    result["summary"] = {"as_of": done.as_of.isoformat(), "seconds": done.seconds, "documents": done.documents}
    result["summary"] |= {"units": done.units, "targets": done.targets}
    return result


def _pages(n: dict[str, int], total: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from luoshi_web.supervision.models import PunctualitySummary

    users = get_user_model()
    supervisor, leader = Client(), Client()
    supervisor.force_login(users.objects.get(username="bench"))
    leader.force_login(users.objects.get(username="bench_leader"))
    # the unit with the most missing reports in the last closed cycle (an open one may not be due yet)
    worst = (
        PunctualitySummary.objects.filter(unit__isnull=False, cycle__status="closed")
        .order_by("-cycle__period_start", "-missing", "unit_id")
        .first()
    )
    punctuality = f"/dashboard/punctuality/{worst.cycle_id}/?unit={worst.unit_id}&outcome=missing" if worst else ""

    def get(client: Client, path: str) -> bytes:
        return _ok(client.get(path), path)

    pages = {
        "dashboard, supervisor": lambda i: get(supervisor, "/dashboard/"),
        "dashboard, leader": lambda i: get(leader, "/dashboard/"),
        "targets off track": lambda i: get(leader, "/dashboard/targets/?state=off_track"),
    }
    if punctuality:
        pages["unit's missing reports"] = lambda i: get(leader, punctuality)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    registry.add_arguments(parser, samples=100)
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-refresh", action="store_true", help="keep a summary a previous run made")
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare_child(args.skip_refresh)))
        return 0
    if args.serve is not None:
        registry.serve_child(args.serve, _pages)
        return 0
    base = registry.base_url("bench_dashboard")
    if base is None:
        return 2
    urls = registry.database_urls(base)
    prepared = {}
    for label, url in urls.items():
        if not registry._database_ready(url):
            print(f"bench_dashboard: {url} is not a loaded benchmark registry (bench_registry.py --keep)")
            return 2
        run = subprocess.run(
            [sys.executable, __file__, "--prepare", *(["--skip-refresh"] if args.skip_refresh else [])],
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            return 1
        prepared[label] = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{label}: {prepared[label]}", flush=True)
    times, statements = registry.time_interleaved(urls, args.samples, args.explain, script=__file__)
    loads = {
        label: {
            "sizes": {"documents": p["documents"], "tasks": p["tasks"], "units": p["summary"]["units"]},
            "counts": {"reports": "-"},
            "load_seconds": p["summary"]["seconds"],
        }
        for label, p in prepared.items()
    }
    print("(the 'loaded in' figure below is the dashboard refresh, not a load)")
    worst = registry.print_report(loads, times, statements, width=24)
    slow = [
        q for q, t in times["full"].items() if q.startswith("dashboard") and registry._percentile(t, 0.95) >= GOAL_MS
    ]
    print(f"full-size dashboard p95 ≥ {GOAL_MS} ms: {', '.join(slow) if slow else 'none'} (goal: none)")
    return 0 if worst <= 2 and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
