"""Registry benchmark: server time of the main queries at national scale and at 1/100.

Builds a synthetic registry directly in PostgreSQL (generate_series, so loading
a million tasks takes seconds, not the ORM's hours): documents, tasks spread
over units (each task names a lead and a co-responsible unit), four quarterly
cycles with reports on a quarter of the tasks. Then it times, through the same
code the API runs:

- the filtered task query (a unit's overdue tasks in a deadline range),
- a unit's docket (its active tasks, soonest deadline first),
- one task with its report history,
- the API task list (``GET /api/v1/tasks?unit=...``, bearer token, JSON encoded),

and prints p50/p95 per query and size, and the p95 ratio full / small (goal: ≤ 2).

Usage (needs a PostgreSQL role allowed to create databases):
    export DATABASE_URL="$(scripts/start-postgres.sh | tail -n 1)"
    python bench/bench_registry.py [--scale 1.0] [--small 0.01] [--repeat 60]
Each size gets its own database (``<name>_bench_<n>``), dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlparse, urlunparse

FULL = {"documents": 100_000, "tasks": 1_000_000, "units": 10_000, "cycles": 4}


def _db_url(base: str, name: str) -> str:
    parts = urlparse(base)
    return urlunparse(parts._replace(path="/" + name))


def _admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def child(scale: float, repeat: int) -> dict[str, dict[str, float]]:
    """Runs inside the size's own database: migrate, load, time. Returns ms per query."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    os.environ.setdefault("LUOSHI_ALLOWED_HOSTS", "testserver")
    # The secret key file and any evidence go to a throw-away dir, not the working tree.
    os.environ.setdefault("LUOSHI_DATA_DIR", tempfile.mkdtemp(prefix="luoshi-bench-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from luoshi_web.registry import tokens
    from luoshi_web.registry.api.tasks import TaskFilter, filter_tasks, task_detail
    from luoshi_web.registry.models import Profile, Role
    from luoshi_web.registry.permissions import actor_for

    call_command("migrate", verbosity=0)
    n = {k: max(1, int(v * scale)) if k != "cycles" else v for k, v in FULL.items()}
    with connection.cursor() as cur:
        started = time.perf_counter()
        cur.execute(
            "INSERT INTO registry_unit (id, name, kind, created_at) "
            "SELECT g, '单位' || g, 'department', now() FROM generate_series(1, %s) g",
            [n["units"]],
        )
        cur.execute(
            "INSERT INTO registry_document (id, key, doc_number, title, issuers, date, addressees, genre,"
            " published, created_at, updated_at) "
            "SELECT g, 'X发〔2020〕' || g || '号', 'X发〔2020〕' || g || '号', '关于第' || g || '项工作的通知',"
            " '[]', date '2020-01-01' + (g %% 1000), '[]', '通知', g %% 10 = 0, now(), now()"
            " FROM generate_series(1, %s) g",
            [n["documents"]],
        )
        cur.execute(
            "INSERT INTO registry_task (id, document_id, path, path_key, text, deadline, start_date, active,"
            " assignee_name, created_at, updated_at) "
            "SELECT g, 1 + (g %% %s), json_build_array(g::text), g::text, '推进第' || g || '项任务落实',"
            " date '2021-01-01' + ((g::bigint * 7919) %% 1460)::int, date '2020-01-01', true, '', now(), now()"
            " FROM generate_series(1, %s) g",
            [n["documents"], n["tasks"]],
        )
        # Each task: a lead unit and a co-responsible unit, spread evenly over the units.
        cur.execute(
            "INSERT INTO registry_taskunit (task_id, unit_id, name, role, explicit_lead, position) "
            "SELECT g, 1 + (g * 31 %% %s), '单位' || (1 + (g * 31 %% %s)), 'lead', true, 0"
            " FROM generate_series(1, %s) g",
            [n["units"], n["units"], n["tasks"]],
        )
        cur.execute(
            "INSERT INTO registry_taskunit (task_id, unit_id, name, role, explicit_lead, position) "
            "SELECT g, 1 + ((g * 31 + 7) %% %s), '单位' || (1 + ((g * 31 + 7) %% %s)), 'co', false, 1"
            " FROM generate_series(1, %s) g WHERE (g * 31 + 7) %% %s <> g * 31 %% %s",
            [n["units"], n["units"], n["tasks"], n["units"], n["units"]],
        )
        cur.execute(
            "INSERT INTO registry_reportingcycle (id, name, period_start, period_end, status) VALUES"
            " (1, '2021Q1', '2021-01-01', '2021-03-31', 'closed'), (2, '2021Q2', '2021-04-01', '2021-06-30', 'closed'),"
            " (3, '2021Q3', '2021-07-01', '2021-09-30', 'closed'), (4, '2021Q4', '2021-10-01', '2021-12-31', 'open')"
        )
        cur.execute(
            "INSERT INTO registry_report (task_id, unit_id, cycle_id, kind, progress, percent, problems, next_steps,"
            " is_final, state, return_reason, submitted_at, created_at, updated_at) "
            "SELECT g, 1 + (g * 31 %% %s), c, 'lead', '进展' || g, (c * 20 + g %% 20), '', '', false,"
            " CASE WHEN c < 4 THEN 'accepted' ELSE 'submitted' END, '', now(), now(), now()"
            " FROM generate_series(1, %s, 4) g CROSS JOIN generate_series(1, 4) c",
            [n["units"], n["tasks"]],
        )
        for table in ("registry_unit", "registry_document", "registry_task", "registry_reportingcycle"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cur.execute("ANALYZE")
        load_seconds = time.perf_counter() - started

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", password=None)
    Profile.objects.create(user=user, role=Role.SUPERVISOR)
    who = actor_for(user)
    key = tokens.issue(user, "bench")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    units = [1 + (i * 97) % n["units"] for i in range(repeat)]
    task_ids = [1 + (i * 7717) % n["tasks"] for i in range(repeat)]

    def timed(fn) -> list[float]:  # type: ignore[no-untyped-def]
        fn(0)  # warm the cache and the plan
        samples = []
        for i in range(repeat):
            began = time.perf_counter()
            fn(i)
            samples.append((time.perf_counter() - began) * 1000)
        return samples

    queries = {
        "filtered task query": lambda i: list(
            filter_tasks(
                who,
                TaskFilter(unit=units[i], status="overdue", deadline_from="2021-01-01", deadline_to="2022-12-31"),
            )[:50]
        ),
        "unit docket": lambda i: list(filter_tasks(who, TaskFilter(unit=units[i]))[:50]),
        "task with history": lambda i: task_detail(who, filter_tasks(who, TaskFilter(active=True)).get(pk=task_ids[i])),
        "API task list": lambda i: client.get(f"/api/v1/tasks?unit={units[i]}&limit=50").content,
    }
    result = {"_load_seconds": {"value": load_seconds}, "_sizes": {k: float(v) for k, v in n.items()}}
    for name, fn in queries.items():
        samples = timed(fn)
        result[name] = {"p50": statistics.median(samples), "p95": _percentile(samples, 0.95)}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="full size as a fraction of national scale")
    parser.add_argument("--small", type=float, default=0.01, help="the comparison size")
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.repeat)))
        return 0
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("bench_registry: set DATABASE_URL to a PostgreSQL server (scripts/start-postgres.sh)", file=sys.stderr)
        return 2
    base_name = urlparse(base).path.lstrip("/") or "luoshi"
    results = {}
    for label, scale in (("small", args.small), ("full", args.scale)):
        name = f"{base_name}_bench_{str(scale).replace('.', '_')}"
        _admin(base, f"DROP DATABASE IF EXISTS {name}")
        _admin(base, f"CREATE DATABASE {name}")
        env = {**os.environ, "DATABASE_URL": _db_url(base, name)}
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(scale), "--repeat", str(args.repeat)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if not args.keep:
            _admin(base, f"DROP DATABASE IF EXISTS {name}")
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        results[label] = json.loads(run.stdout.strip().splitlines()[-1])
        sizes = results[label]["_sizes"]
        print(
            f"{label}: {int(sizes['documents'])} documents, {int(sizes['tasks'])} tasks, {int(sizes['units'])} units,"
            f" loaded in {results[label]['_load_seconds']['value']:.1f}s"
        )
    print(f"{'query':<22}{'small p50':>11}{'small p95':>11}{'full p50':>10}{'full p95':>10}{'p95 ratio':>11}")
    worst = 0.0
    for query in (q for q in results["full"] if not q.startswith("_")):
        s, f = results["small"][query], results["full"][query]
        ratio = f["p95"] / s["p95"] if s["p95"] else float("inf")
        worst = max(worst, ratio)
        print(f"{query:<22}{s['p50']:>9.1f}ms{s['p95']:>9.1f}ms{f['p50']:>8.1f}ms{f['p95']:>8.1f}ms{ratio:>10.2f}x")
    print(f"worst p95 growth: {worst:.2f}x (goal ≤ 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
