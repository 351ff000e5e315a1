"""Registry benchmark: server time of the main queries at national scale and at 1/100.

Why this shape: the registry must stay fast as a province's registry grows to
national size, so the same queries are timed on two synthetic registries, 1/100
and full size (100,000 documents, 1,000,000 tasks, 10,000 units, 4 reporting
cycles), and the p95 ratio full / small is the figure to watch (goal: ≤ 2).

Loading: rows are generated on the server (``INSERT … SELECT … FROM
generate_series``), one statement per table, so a million tasks take seconds,
not the ORM's half hour. Table and column names come from the models' ``_meta``;
a column the benchmark does not fill gets the field's default (or NULL), and a
new required column without a default stops the run with a clear message, so
the loader follows the schema. Nothing is dropped from the schema: every index
and constraint is in place while loading, then ``ANALYZE``. The throw-away
databases' registry tables are UNLOGGED (see ``_unlog_registry_tables``).

Timing: the real server code, in-process, with ``DEBUG`` off (no query log):

- filtered task query: ``filter_tasks`` (unit + status + deadline range) paged and serialised,
- unit docket: ``GET /api/v1/units/{id}/docket``,
- task with history: ``GET /api/v1/tasks/{id}`` (reports per cycle, sub-tasks, evaluations),
- API task list: ``GET /api/v1/tasks?unit=…&status=…`` with a bearer token,
- API list, no filter: ``GET /api/v1/tasks?offset=…`` (the supervisor's first pages).

Usage (needs a PostgreSQL role allowed to create databases):
    export DATABASE_URL="$(bash scripts/start-postgres.sh | tail -n 1)"
    .venv/bin/python bench/bench_registry.py [--scale 1.0] [--small 0.01] [--samples 200] [--explain]
Each size gets its own database (``<name>_bench_small`` / ``_full``), dropped at the end unless --keep.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse, urlunparse

# National scale; a run loads this times --scale and times --small.
FULL = {"documents": 100_000, "tasks": 1_000_000, "units": 10_000}
CYCLES = 4
# Deadlines spread evenly from two years ago to two years ahead of today, so
# every status (overdue, at risk, in progress, not started) occurs.
DEADLINE_SPREAD_DAYS = 730
# Which tasks have what (by task number g): every 2nd reports in each cycle
# (lead unit), every 4th also has a contribution from its co-responsible unit in
# the open cycle, every 20th was closed (accepted final report with evidence),
# every 50th was dropped by a revision (inactive).
REPORTED_EVERY, CONTRIBUTION_EVERY, COMPLETED_EVERY, INACTIVE_EVERY = 2, 4, 20, 50
WARMUP = 20


def _db_url(base: str, name: str) -> str:
    return urlunparse(urlparse(base)._replace(path="/" + name))


def _admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def _percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported time was really observed)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _sizes(scale: float) -> dict[str, int]:
    return {k: max(10, int(v * scale)) for k, v in FULL.items()}


# --------------------------------------------------------------------------- loading


def _insert_generated(cursor: Any, model: Any, values: dict[str, str], source: str) -> int:
    """``INSERT INTO <model table> (…) SELECT <values> FROM <source>``; returns the row count.

    ``values`` maps field names to SQL expressions (no parameters in them).
    Every other concrete field gets its default (``""`` for a blank text field),
    ``now()`` for auto_now fields, or NULL when nullable; a required field with none of these is an error.
    """
    from django.db import connection

    columns: list[str] = []
    exprs: list[str] = []
    params: list[Any] = []
    unknown = set(values) - {f.name for f in model._meta.concrete_fields}
    if unknown:
        raise SystemExit(f"bench_registry: {model.__name__} has no field(s) {sorted(unknown)}; update the loader")
    for field in model._meta.concrete_fields:
        if field.name in values:
            expr = values[field.name]
        elif field.primary_key:
            continue
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expr = "now()"
        elif field.has_default() or (field.blank and field.empty_strings_allowed and not field.null):
            expr = "%s"
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            continue
        else:
            raise SystemExit(
                f"bench_registry: {model.__name__}.{field.name} is required and has no default; add it to the loader"
            )
        columns.append(connection.ops.quote_name(field.column))
        exprs.append(expr)
    table = connection.ops.quote_name(model._meta.db_table)
    began = time.perf_counter()
    cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {source}", params)
    print(f"  {table}: {cursor.rowcount} rows in {time.perf_counter() - began:.1f}s", file=sys.stderr, flush=True)
    return cursor.rowcount


def _quarters(today: date, count: int) -> list[tuple[date, date]]:
    """The quarter containing ``today`` and the ``count - 1`` before it, oldest first."""
    start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    periods = []
    for _ in range(count):
        end_month = start.month + 2
        end = date(start.year, end_month, 1) + timedelta(days=31)
        periods.append((start, date(end.year, end.month, 1) - timedelta(days=1)))
        start = date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
    return periods[::-1]


def _unlog_registry_tables() -> None:
    """Make the registry's tables UNLOGGED in this throw-away database.

    Why: this shared 2-core machine writes WAL at only ~9,000 indexed rows/s, so
    a logged load of ~5 million rows takes most of an hour. Unlogged tables keep
    every column, index and constraint and are read through the same plans and
    pages; only crash-safety (WAL) is skipped, which a benchmark does not need.
    A logged table may not reference an unlogged one, so tables are switched
    until none is left that can be (referencing tables go first).
    """
    from django.apps import apps
    from django.db import DatabaseError, connection, transaction

    pending = {model._meta.db_table for model in apps.get_app_config("registry").get_models()}
    while pending:
        done = set()
        for table in sorted(pending):
            try:
                with transaction.atomic(), connection.cursor() as cur:
                    cur.execute(f"ALTER TABLE {connection.ops.quote_name(table)} SET UNLOGGED")
                done.add(table)
            except DatabaseError:
                continue
        if not done:
            raise SystemExit(f"bench_registry: could not make {sorted(pending)} unlogged")
        pending -= done


def load(n: dict[str, int], today: date) -> dict[str, int]:
    """Fill an empty, migrated database with the synthetic registry; returns row counts."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from luoshi_web.registry import models as m

    docs, tasks, units = n["documents"], n["tasks"], n["units"]
    # Each task names a lead and a co-responsible unit; stepping by a prime
    # spreads every unit over the same number of tasks (~200) at any scale.
    lead_unit = f"1 + mod(g::bigint * 31, {units})"
    co_unit = f"1 + mod(g::bigint * 31 + 7, {units})"
    counts: dict[str, int] = {}
    _unlog_registry_tables()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        counts["units"] = _insert_generated(
            cur,
            m.Unit,
            {"id": "g", "name": "'单位' || g", "kind": f"'{m.UnitKind.DEPARTMENT.value}'"},
            f"generate_series(1, {units}) AS g",
        )
        counts["documents"] = _insert_generated(
            cur,
            m.Document,
            {
                "id": "g",
                "key": "'X发〔2024〕' || g || '号'",
                "doc_number": "'X发〔2024〕' || g || '号'",
                "title": "'关于推进第' || g || '项重点工作的通知'",
                "date": f"'{today.isoformat()}'::date - mod(g, 1500)",
                "genre": "'通知'",
                "published": "mod(g, 10) = 0",
            },
            f"generate_series(1, {docs}) AS g",
        )
        counts["tasks"] = _insert_generated(
            cur,
            m.Task,
            {
                "id": "g",
                "document": f"1 + mod(g - 1, {docs})",
                "path": "jsonb_build_array('一', g::text)",
                "path_key": "g::text",
                "text": "'推进第' || g || '项任务落实，按期完成建设目标'",
                "deadline": f"'{today.isoformat()}'::date"
                f" + (mod(g::bigint * 7919, {2 * DEADLINE_SPREAD_DAYS + 1}) - {DEADLINE_SPREAD_DAYS})::int",
                "start_date": f"'{today.isoformat()}'::date - {DEADLINE_SPREAD_DAYS}",
                "active": f"mod(g, {INACTIVE_EVERY}) <> 0",
            },
            f"generate_series(1, {tasks}) AS g",
        )
        counts["task units"] = _insert_generated(
            cur,
            m.TaskUnit,
            {
                "task": "g",
                "unit": f"CASE p WHEN 0 THEN {lead_unit} ELSE {co_unit} END",
                "name": f"'单位' || CASE p WHEN 0 THEN {lead_unit} ELSE {co_unit} END",
                "role": f"CASE p WHEN 0 THEN '{m.AssignmentRole.LEAD.value}' ELSE '{m.AssignmentRole.CO.value}' END",
                "explicit_lead": "p = 0",
                "position": "p",
            },
            f"generate_series(1, {tasks}) AS g CROSS JOIN generate_series(0, 1) AS p",
        )
        cycle_ids = []
        for i, (start, end) in enumerate(_quarters(today, CYCLES)):
            closed = i < CYCLES - 1
            cycle = m.ReportingCycle.objects.create(
                name=f"{start.year}Q{(start.month - 1) // 3 + 1}",
                period_start=start,
                period_end=end,
                status=m.CycleStatus.CLOSED if closed else m.CycleStatus.OPEN,
            )
            cycle_ids.append(str(cycle.pk))
        final = f"(c = {CYCLES} AND mod(g, {COMPLETED_EVERY}) = 0)"
        counts["reports"] = _insert_generated(
            cur,
            m.Report,
            {
                "task": "g",
                "unit": lead_unit,
                "cycle": f"(ARRAY[{', '.join(cycle_ids)}]::bigint[])[c]",
                "kind": f"'{m.ReportKind.LEAD.value}'",
                "progress": "'第' || c || '季度已完成阶段性工作' || g",
                "percent": f"CASE WHEN {final} THEN 100 ELSE least(95, c * 20 + mod(g, 20)) END",
                "is_final": final,
                "state": f"CASE WHEN c < {CYCLES} OR {final} THEN '{m.ReportState.ACCEPTED.value}'"
                f" ELSE '{m.ReportState.SUBMITTED.value}' END",
                "submitted_at": "now()",
            },
            f"generate_series({REPORTED_EVERY}, {tasks}, {REPORTED_EVERY}) AS g"
            f" CROSS JOIN generate_series(1, {CYCLES}) AS c",
        )
        counts["reports"] += _insert_generated(
            cur,
            m.Report,
            {
                "task": "g",
                "unit": co_unit,
                "cycle": cycle_ids[-1],
                "kind": f"'{m.ReportKind.CONTRIBUTION.value}'",
                "progress": "'配合完成相关工作' || g",
                "state": f"'{m.ReportState.SUBMITTED.value}'",
                "submitted_at": "now()",
            },
            f"generate_series({CONTRIBUTION_EVERY}, {tasks}, {CONTRIBUTION_EVERY}) AS g",
        )
        counts["evidence"] = _insert_generated(
            cur,
            m.Evidence,
            {
                "report": "r.id",
                "file": "'evidence/bench/' || r.id || '.pdf'",
                "original_name": "'验收材料' || r.id || '.pdf'",
                "sha256": "md5(r.id::text) || md5(r.id::text)",
                "size": "1024",
            },
            f"{connection.ops.quote_name(m.Report._meta.db_table)} AS r WHERE r.is_final",
        )
        for sql in connection.ops.sequence_reset_sql(no_style(), [m.Unit, m.Document, m.Task]):
            cur.execute(sql)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return counts


# --------------------------------------------------------------------------- timing


def _explain(call: Callable[[], Any]) -> str:
    """EXPLAIN ANALYZE of the slowest SQL statement one call runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    with connection.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        plan = "\n".join(row[0] for row in cur.fetchall())
    return f"{slowest['sql']}\n{plan}"


def child(scale: float, samples: int, explain: bool) -> dict[str, Any]:
    """Runs inside the size's own database: migrate, load, time. Returns ms per query."""
    os.environ["LUOSHI_DEBUG"] = "0"  # DEBUG on would log every query (connection.queries)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi_web.settings")
    os.environ.setdefault("LUOSHI_ALLOWED_HOSTS", "testserver")
    # The secret key file and any evidence go to a throw-away dir, not the working tree.
    os.environ.setdefault("LUOSHI_DATA_DIR", tempfile.mkdtemp(prefix="luoshi-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from luoshi_web.registry import clock, serialize, tokens
    from luoshi_web.registry.api.paging import page
    from luoshi_web.registry.api.tasks import TaskFilter, filter_tasks
    from luoshi_web.registry.models import Profile, Role
    from luoshi_web.registry.permissions import actor_for
    from luoshi_web.registry.status import STATUSES

    assert not settings.DEBUG
    call_command("migrate", verbosity=0)
    n = _sizes(scale)
    today = clock.today()
    started = time.perf_counter()
    counts = load(n, today)
    load_seconds = time.perf_counter() - started
    print(f"  loaded {counts} in {load_seconds:.1f}s", file=sys.stderr, flush=True)

    user = get_user_model().objects.create_user("bench", password=None)
    Profile.objects.create(user=user, role=Role.SUPERVISOR)
    who = actor_for(user)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {tokens.issue(user, 'bench')}")
    rng = random.Random(20261129)
    total = WARMUP + samples
    units = [rng.randint(1, n["units"]) for _ in range(total)]
    task_ids = [rng.randint(1, n["tasks"]) for _ in range(total)]
    windows = [today + timedelta(days=rng.randint(-DEADLINE_SPREAD_DAYS, 0)) for _ in range(total)]
    statuses = [STATUSES[i % len(STATUSES)] for i in range(total)]
    offsets = [50 * rng.randint(0, 9) for _ in range(total)]

    def ok(response: Any) -> bytes:
        if response.status_code != 200:
            raise SystemExit(f"bench_registry: {response.status_code} {response.content[:300]!r}")
        return response.content

    queries: dict[str, Callable[[int], Any]] = {
        "filtered task query": lambda i: json.dumps(
            page(
                filter_tasks(
                    who,
                    TaskFilter(
                        unit=units[i],
                        status="overdue",
                        deadline_from=windows[i],
                        deadline_to=windows[i] + timedelta(days=365),
                    ),
                ),
                50,
                0,
                serialize.task,
            ),
            default=str,
        ),
        "unit docket": lambda i: ok(client.get(f"/api/v1/units/{units[i]}/docket?limit=50")),
        "task with history": lambda i: ok(client.get(f"/api/v1/tasks/{task_ids[i]}")),
        "API task list": lambda i: ok(client.get(f"/api/v1/tasks?unit={units[i]}&status={statuses[i]}&limit=50")),
        "API list, no filter": lambda i: ok(client.get(f"/api/v1/tasks?limit=50&offset={offsets[i]}")),
    }
    result: dict[str, Any] = {"_load_seconds": load_seconds, "_sizes": n, "_counts": counts}
    for name, fn in queries.items():
        for i in range(WARMUP):
            fn(i)
        times = []
        for i in range(WARMUP, total):
            began = time.perf_counter()
            fn(i)
            times.append((time.perf_counter() - began) * 1000)
        result[name] = {"p50": _percentile(times, 0.5), "p95": _percentile(times, 0.95)}
        if explain:
            plan = _explain(functools.partial(fn, 0))
            print(f"--- {name} (scale {scale}): slowest statement\n{plan}", file=sys.stderr)
    return result


# --------------------------------------------------------------------------- driver


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="full size as a fraction of national scale")
    parser.add_argument("--small", type=float, default=0.01, help="the comparison size")
    parser.add_argument("--samples", type=int, default=200, help="timed calls per query, after warm-up")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each query's slowest SQL")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    parser.add_argument("--child", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.samples, args.explain)))
        return 0
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("bench_registry: set DATABASE_URL to a PostgreSQL server (scripts/start-postgres.sh)", file=sys.stderr)
        return 2
    base_name = urlparse(base).path.lstrip("/") or "luoshi"
    results: dict[str, dict[str, Any]] = {}
    for label, scale in (("small", args.small), ("full", args.scale)):
        name = f"{base_name}_bench_{label}"
        _admin(base, f"DROP DATABASE IF EXISTS {name}")
        _admin(base, f"CREATE DATABASE {name}")
        print(f"{label} (scale {scale}) in database {name}", file=sys.stderr, flush=True)
        command = [sys.executable, __file__, "--child", str(scale), "--samples", str(args.samples)]
        try:
            run = subprocess.run(
                command + (["--explain"] if args.explain else []),
                env={**os.environ, "DATABASE_URL": _db_url(base, name)},
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            if not args.keep:
                _admin(base, f"DROP DATABASE IF EXISTS {name}")
        if run.returncode != 0:
            return 1
        results[label] = json.loads(run.stdout.strip().splitlines()[-1])
    for label, r in results.items():
        s = r["_sizes"]
        print(
            f"{label}: {s['documents']} documents, {s['tasks']} tasks, {s['units']} units, {CYCLES} cycles,"
            f" {r['_counts']['reports']} reports; loaded in {r['_load_seconds']:.1f}s"
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
